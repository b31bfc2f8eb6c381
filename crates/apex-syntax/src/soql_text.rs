//! Parsing a SOQL query or SOSL search on its own, as the REST API's `?q=`, `Database.query`
//! and `Search.query` receive it:
//! the text is parsed as the inline query `[...]` of a one-line script, and diagnostics are
//! moved back onto the query's own text.

use crate::ast::{AnonymousItem, Expr, Query, Search, Stmt, Unit};
use crate::diagnostic::codes;
use crate::{parse, Diagnostic, FileId, Span, UnitKind};

/// What is put before the query text; diagnostics are shifted back by its length.
const PREFIX: &str = "Object q=[";

/// Parses one SOQL query. Errors come with spans into `text` itself.
pub fn parse_soql(text: &str, file: FileId) -> Result<Query, Vec<Diagnostic>> {
    match parse_bracketed(text, file)? {
        Expr::Soql(query) => Ok(*query),
        _ => Err(not_a("query", text, file)),
    }
}

/// Parses one SOSL search (`FIND 'x' RETURNING Account`).
pub fn parse_sosl(text: &str, file: FileId) -> Result<Search, Vec<Diagnostic>> {
    match parse_bracketed(text, file)? {
        Expr::Sosl(search) => Ok(*search),
        _ => Err(not_a("search", text, file)),
    }
}

fn not_a(what: &str, text: &str, file: FileId) -> Vec<Diagnostic> {
    let whole = Span::new(file, 0, text.len() as u32);
    vec![Diagnostic::error(codes::INVALID_QUERY, format!("this is not a {what}"), whole)]
}

/// The SOQL or SOSL expression that `text` is inside brackets.
fn parse_bracketed(text: &str, file: FileId) -> Result<Expr, Vec<Diagnostic>> {
    let source = format!("{PREFIX}{text}\n];");
    let parsed = parse(&source, file, UnitKind::Anonymous);
    let shift = PREFIX.len() as u32;
    let limit = text.len() as u32;
    if parsed.has_errors() {
        let diagnostics = parsed
            .diagnostics
            .into_iter()
            .map(|mut d| {
                d.span.start = d.span.start.saturating_sub(shift).min(limit);
                d.span.end = d.span.end.saturating_sub(shift).min(limit).max(d.span.start);
                for label in &mut d.labels {
                    label.span.start = label.span.start.saturating_sub(shift).min(limit);
                    label.span.end = label.span.end.saturating_sub(shift).min(limit).max(label.span.start);
                }
                d
            })
            .collect();
        return Err(diagnostics);
    }
    let rest = || {
        let end = Span::new(file, limit, limit);
        vec![Diagnostic::error(codes::INVALID_QUERY, "unexpected text after the query", end)]
    };
    match parsed.unit {
        // Anything but the one declaration means the text went on past the query.
        Unit::Anonymous(items) if items.len() != 1 => return Err(rest()),
        Unit::Anonymous(items) => items.into_iter().find_map(|item| match item.node {
            AnonymousItem::Statement(Stmt::Local { declarators, .. }) => {
                declarators.into_iter().find_map(|d| match d.node.init.map(|e| e.node) {
                    Some(query @ (Expr::Soql(_) | Expr::Sosl(_))) => Some(query),
                    _ => None,
                })
            }
            _ => None,
        }),
        _ => None,
    }
    .ok_or_else(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_parses_on_its_own() {
        let query =
            parse_soql("SELECT Id, Name FROM Account WHERE Name LIKE 'A%' ORDER BY Name LIMIT 5", FileId(0)).unwrap();
        assert_eq!(query.select.len(), 2);
        assert!(query.filter.is_some());
    }

    #[test]
    fn errors_point_into_the_query_text() {
        let text = "SELECT Id FROM Account WHERE Name = ";
        let errors = parse_soql(text, FileId(0)).unwrap_err();
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|d| d.span.end as usize <= text.len()), "{errors:?}");
        assert!(errors.iter().any(|d| d.span.start > 20), "the error is near the end: {errors:?}");
    }

    #[test]
    fn text_after_the_query_is_refused() {
        let text = "SELECT Name FROM Account]; Integer zz = 1; Object q2=[SELECT Name FROM Contact";
        assert!(parse_soql(text, FileId(0)).is_err());
    }
}
