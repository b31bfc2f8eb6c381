//! SOSL searches (`FIND 'Acme*' IN NAME FIELDS RETURNING Account(Name WHERE ...), Contact`):
//! for each object in RETURNING, the records whose searched text fields hold every word of the
//! term at the start of a word (`*` and `?` are wildcards; ` OR ` between words lets any match), run as a
//! SOQL query with the object's own fields, filter, order and limit. The search's own LIMIT
//! caps the records of all objects together.

use crate::schema::{FieldType, ObjectSchema};
use crate::soql::{BindValue, QueryContext};
use crate::store::{FieldValue, Record, Store, StoreError};
use apex_syntax::ast::{
    CompareOp, Condition, FieldExpr, FieldPath, FromClause, Ident, Literal, Query, QueryValue, Search, SearchTerm,
    SelectItem,
};
use apex_syntax::{Span, Spanned};

/// One list of records per RETURNING object, in order.
pub type SearchResult = Vec<(String, Vec<Record>)>;

impl Store {
    pub fn search(&mut self, search: &Search, context: &mut QueryContext) -> Result<SearchResult, StoreError> {
        let term = term_text(&search.term.node, context)?;
        let scope = search.scope.as_ref().map_or("ALL".to_string(), |s| s.as_str().to_ascii_uppercase());
        let mut out = Vec::new();
        let mut left = search_limit(search, context)?;
        for returning in &search.returning {
            let returning = &returning.node;
            let object = self
                .schema()
                .object(returning.object.as_str())
                .cloned()
                .ok_or_else(|| crate::soql::invalid_type(returning.object.as_str()))?;
            let fields = searched_fields(&object, &scope);
            let matches = term_condition(&term, &fields);
            // An object with nothing to search in finds nothing.
            if fields.is_empty() && !words(&term).is_empty() {
                out.push((object.name.clone(), Vec::new()));
                continue;
            }
            let filter = match (&returning.filter, matches) {
                (Some(f), Some(m)) => Some(spanned(Condition::And(Box::new(f.clone()), Box::new(spanned(m))))),
                (Some(f), None) => Some(f.clone()),
                (None, m) => m.map(spanned),
            };
            let select = if returning.fields.is_empty() {
                vec![spanned(SelectItem::Field { path: path("Id"), alias: None })]
            } else {
                returning.fields.clone()
            };
            let query = Query {
                select,
                from: spanned(FromClause { object: path(&object.name), alias: None }),
                using_scope: None,
                filter,
                with: None,
                group_by: None,
                having: None,
                order_by: returning.order_by.clone(),
                limit: returning.limit.clone().or_else(|| search.limit.clone()),
                offset: None,
                for_clause: None,
                update_clause: None,
                all_rows: false,
            };
            let mut records = self.query(&query, context)?.records;
            if let Some(left) = left.as_mut() {
                records.truncate(*left);
                *left -= records.len();
            }
            out.push((object.name.clone(), records));
        }
        Ok(out)
    }
}

/// The search's LIMIT, shared by all objects.
fn search_limit(search: &Search, context: &mut QueryContext) -> Result<Option<usize>, StoreError> {
    let value = search.limit.as_ref().map(|l| &l.node);
    Ok(crate::soql::limit_value(value, context)?.map(|n| n as usize))
}

/// The words of a term, without the operators between them.
fn words(term: &str) -> Vec<&str> {
    term.split_whitespace().filter(|w| !["AND", "OR", "NOT"].contains(w)).map(|w| w.trim_matches('"')).collect()
}

fn term_text(term: &SearchTerm, context: &mut QueryContext) -> Result<String, StoreError> {
    Ok(match term {
        SearchTerm::Braced(text) | SearchTerm::Quoted(text) => text.clone(),
        SearchTerm::Bind(expr) => match (context.bind)(expr)? {
            BindValue::One(FieldValue::Text(text)) => text,
            _ => return Err(StoreError::new("MALFORMED_SEARCH", "the search term must be a String", Vec::new())),
        },
    })
}

/// The text fields a scope searches: names, emails, phones, or every text field.
fn searched_fields(object: &ObjectSchema, scope: &str) -> Vec<String> {
    object
        .fields()
        .iter()
        .filter(|f| match scope {
            "NAME" => ["Name", "FirstName", "LastName"].contains(&f.name.as_str()),
            "EMAIL" => f.ty == FieldType::Email,
            "PHONE" => f.ty == FieldType::Phone,
            _ => matches!(
                f.ty,
                FieldType::String
                    | FieldType::TextArea
                    | FieldType::Email
                    | FieldType::Phone
                    | FieldType::Url
                    | FieldType::Picklist
            ),
        })
        .map(|f| f.name.clone())
        .collect()
}

/// Every word (or, with ` OR `, any word) in one of the fields; None matches everything.
fn term_condition(term: &str, fields: &[String]) -> Option<Condition> {
    let any = term.contains(" OR ");
    let per_word: Vec<Condition> = words(term).iter().filter_map(|word| word_condition(word, fields)).collect();
    per_word.into_iter().reduce(|a, b| {
        let (a, b) = (Box::new(spanned(a)), Box::new(spanned(b)));
        if any {
            Condition::Or(a, b)
        } else {
            Condition::And(a, b)
        }
    })
}

/// The word at the start of a field or of a word in it (after a space, `@`, `.` or `-`, so
/// `example.com` finds `kane@example.com`). Words match as prefixes: the platform's index also
/// splits words the tool does not.
fn word_condition(word: &str, fields: &[String]) -> Option<Condition> {
    let body = like_pattern(word);
    let body = body.trim_end_matches('%');
    let patterns: Vec<String> = ["", "% ", "%@", "%.", "%-"].iter().map(|before| format!("{before}{body}%")).collect();
    let compares = fields.iter().flat_map(|field| {
        patterns.iter().map(move |pattern| Condition::Compare {
            lhs: spanned(FieldExpr::Field(path(field))),
            op: CompareOp::Like,
            rhs: spanned(QueryValue::Literal(Literal::String(pattern.clone()))),
        })
    });
    compares
        .reduce(|a, b| Condition::Or(Box::new(spanned(a)), Box::new(spanned(b))))
        .map(|c| Condition::Paren(Box::new(spanned(c))))
}

/// A SOSL word as a LIKE pattern: `*` any run of characters, `?` one, the rest literal.
fn like_pattern(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '*' => out.push('%'),
            '?' => out.push('_'),
            '%' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            other => out.push(other),
        }
    }
    out
}

fn spanned<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

fn path(name: &str) -> FieldPath {
    FieldPath(vec![spanned(Ident(name.to_string()))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Id;
    use crate::schema::Schema;
    use crate::store::Stamp;

    fn search(store: &mut Store, sosl: &str) -> SearchResult {
        let parsed = apex_syntax::parse_sosl(sosl, apex_syntax::FileId(0)).unwrap_or_else(|e| panic!("{e:?}"));
        let mut bind = |_: &Spanned<apex_syntax::ast::Expr>| -> Result<BindValue, StoreError> { panic!("no binds") };
        let mut context = QueryContext { bind: &mut bind, today: "2024-03-05" };
        store.search(&parsed, &mut context).unwrap()
    }

    #[test]
    fn finds_words_with_wildcards_in_the_scoped_fields_of_each_object() {
        let mut store = Store::in_memory(Schema::standard()).unwrap();
        let user = Id::parse("005000000000001").unwrap();
        let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
        let text = |s: &str| FieldValue::Text(s.into());
        for (name, city) in [("Kansas Traders", "Topeka"), ("Alaska Fish", "Kansas City"), ("Beta", "Oslo")] {
            let fields = [("Name".to_string(), text(name)), ("BillingCity".to_string(), text(city))];
            store.insert("Account", &fields, &stamp).unwrap();
        }
        store.insert("Contact", &[("LastName".to_string(), text("Kane"))], &stamp).unwrap();
        let names = |result: &SearchResult, at: usize| -> Vec<String> {
            result[at].1.iter().map(|r| format!("{:?}", r.get("Name").or(r.get("LastName")).unwrap())).collect()
        };
        let all =
            search(&mut store, "FIND 'kan*' IN ALL FIELDS RETURNING Account(Name ORDER BY Name), Contact(LastName)");
        assert_eq!(names(&all, 0), [r#"Text("Alaska Fish")"#, r#"Text("Kansas Traders")"#]);
        assert_eq!(names(&all, 1), [r#"Text("Kane")"#]);
        let by_name = search(&mut store, "FIND 'Kansas' IN NAME FIELDS RETURNING Account(Name)");
        assert_eq!(names(&by_name, 0), [r#"Text("Kansas Traders")"#]);
        let either = search(&mut store, "FIND 'Beta OR Alaska' RETURNING Account(Name ORDER BY Name)");
        assert_eq!(names(&either, 0), [r#"Text("Alaska Fish")"#, r#"Text("Beta")"#]);
        let inside = search(&mut store, "FIND 'ansas' RETURNING Account(Name)");
        assert!(inside[0].1.is_empty(), "a search matches words, not the middle of one");
        let no_fields = search(&mut store, "FIND 'Kansas' IN EMAIL FIELDS RETURNING Account(Name)");
        assert!(no_fields[0].1.is_empty(), "Account has no email field to search");
        let capped = search(&mut store, "FIND 'kan*' RETURNING Account(Name ORDER BY Name), Contact(LastName) LIMIT 2");
        assert_eq!((capped[0].1.len(), capped[1].1.len()), (2, 0), "the search's LIMIT covers every object");
    }
}
