//! Turns chumsky's errors into diagnostics a person can act on: operators that could merely
//! continue an expression are left out of "expected" lists, and a missing `;` points at the end
//! of the statement it should close.

use super::rich::Error;
use crate::diagnostic::{codes, Diagnostic};
use crate::span::Span;
use crate::token::Token;
use chumsky::error::{RichPattern, RichReason};

/// Separates a diagnostic code from its message inside a custom chumsky error.
pub(crate) const CODE_SEPARATOR: char = '\u{1f}';

/// Converts one parse error. `tokens` are the tokens parsed, to find what came before the error.
pub(crate) fn to_diagnostic(error: &Error<'_>, tokens: &[(Token<'_>, Span)], source: &str) -> Diagnostic {
    let span = *error.span();
    match error.reason() {
        RichReason::Custom(message) => match message.split_once(CODE_SEPARATOR) {
            Some((code, message)) => Diagnostic::error(static_code(code), message, span),
            None => Diagnostic::error(codes::UNEXPECTED_TOKEN, message.clone(), span),
        },
        RichReason::ExpectedFound { expected, found } => {
            expected_found(expected, found.as_deref(), span, tokens, source)
        }
    }
}

fn static_code(code: &str) -> &'static str {
    [codes::MISPLACED_ANNOTATION, codes::NESTING_TOO_DEEP, codes::INVALID_QUERY, codes::INVALID_DECLARATION]
        .into_iter()
        .find(|c| *c == code)
        .unwrap_or(codes::UNEXPECTED_TOKEN)
}

fn expected_found(
    expected: &[RichPattern<'_, Token<'_>>],
    found: Option<&Token<'_>>,
    span: Span,
    tokens: &[(Token<'_>, Span)],
    source: &str,
) -> Diagnostic {
    let wanted = describe_expected(expected);
    let found_text = found.map_or_else(|| "end of file".to_string(), |t| t.to_string());
    let previous = previous_token(tokens, span);
    if let (Some(keyword), Some((prev_token, _))) = (found.and_then(Token::keyword_text), previous_entry(tokens, span))
    {
        let after_type = matches!(prev_token, Token::Ident(_) | Token::Gt | Token::RBracket);
        if after_type
            && wanted.iter().any(|w| w == "identifier")
            && !matches!(keyword, "true" | "false" | "null" | "instanceof")
        {
            return Diagnostic::error(
                codes::UNEXPECTED_TOKEN,
                format!("`{keyword}` is a reserved word and cannot be used as a name"),
                span,
            )
            .with_help("choose another name");
        }
    }
    if let Some(special) = found.and_then(|t| misused_word(t, &wanted, span)) {
        return special;
    }
    let on_next_line =
        |prev: Span| source.get(prev.end as usize..span.start as usize).is_some_and(|gap| gap.contains('\n'));
    if wanted.iter().any(|w| w == "`;`") && found.is_some() {
        if let Some(prev) = previous.filter(|p| on_next_line(*p)) {
            let at = Span::new(span.file, prev.end, prev.end);
            return Diagnostic::error(codes::UNEXPECTED_TOKEN, format!("expected `;`, found {found_text}"), at)
                .with_label(span, "`;` is missing before this")
                .with_help("add `;` at the end of the statement");
        }
    }
    let message = match wanted.as_slice() {
        [] => format!("unexpected {found_text}"),
        list if list.len() <= 4 => format!("expected {}, found {found_text}", join_or(list)),
        _ => format!("unexpected {found_text}"),
    };
    let mut diagnostic = Diagnostic::error(codes::UNEXPECTED_TOKEN, message, span);
    if wanted.len() > 4 {
        diagnostic = diagnostic.with_note(format!("expected one of {}", join_or(&wanted)));
    }
    if found.is_none() {
        diagnostic.span = previous.map_or(span, |p| Span::new(span.file, p.end, p.end));
    }
    diagnostic
}

/// Words people write by habit from other languages, with what Apex wants instead.
fn misused_word(found: &Token, wanted: &[String], span: Span) -> Option<Diagnostic> {
    let diagnostic = match found {
        Token::Else => Diagnostic::error(codes::UNEXPECTED_TOKEN, "`else` without a matching `if`", span),
        Token::Ident(word) if word.eq_ignore_ascii_case("in") && wanted.iter().any(|w| w == "`:`") => {
            Diagnostic::error(codes::UNEXPECTED_TOKEN, "for-each loops use `:`, not `in`", span)
                .with_help("write `for (Type item : items)`")
        }
        _ => return None,
    };
    Some(diagnostic)
}

/// The expected items worth naming, deduplicated, in a stable order.
fn describe_expected(expected: &[RichPattern<'_, Token<'_>>]) -> Vec<String> {
    let only_continuations = expected.iter().all(|p| matches!(p, RichPattern::Token(t) if is_continuation(t)));
    let mut items: Vec<String> = expected
        .iter()
        .filter_map(|pattern| match pattern {
            RichPattern::Token(token) if is_continuation(token) && !only_continuations => None,
            RichPattern::Token(token) => Some(match token.punct_text() {
                Some(text) => format!("`{text}`"),
                None => token.keyword_text().map_or_else(|| token.to_string(), |k| format!("`{k}`")),
            }),
            RichPattern::Label(label)
                if label.len() > 1
                    && label.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && is_word_label(label) =>
            {
                Some(format!("`{label}`"))
            }
            RichPattern::Label(label) if label == "arguments" && !only_continuations => None,
            RichPattern::Label(label) => Some(label.to_string()),
            RichPattern::Identifier(name) => Some(format!("`{name}`")),
            RichPattern::EndOfInput => Some("end of file".to_string()),
            _ => None,
        })
        .collect();
    items.sort();
    items.dedup();
    items
}

/// Labels that name a single contextual keyword, such as `on` or `get`.
fn is_word_label(label: &str) -> bool {
    !matches!(
        label,
        "expression"
            | "statement"
            | "type"
            | "identifier"
            | "literal"
            | "block"
            | "alias"
            | "field"
            | "value"
            | "condition"
            | "arguments"
            | "annotation"
    )
}

/// Operators that could only continue the expression before the error; naming them helps nobody.
fn is_continuation(token: &Token) -> bool {
    use Token::*;
    matches!(
        token,
        Dot | SafeDot
            | LBracket
            | LParen
            | PlusPlus
            | MinusMinus
            | Star
            | Slash
            | Plus
            | Minus
            | Lt
            | Gt
            | LtEq
            | GtEq
            | EqEq
            | EqEqEq
            | NotEq
            | NotEqEq
            | LtGt
            | Amp
            | Caret
            | Pipe
            | AndAnd
            | OrOr
            | QuestionQuestion
            | Question
            | Assign
            | PlusAssign
            | MinusAssign
            | StarAssign
            | SlashAssign
            | AmpAssign
            | PipeAssign
            | CaretAssign
            | ShlAssign
            | ShrAssign
            | UshrAssign
            | Instanceof
    )
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The span of the last token that ends at or before `span` starts.
fn previous_token(tokens: &[(Token<'_>, Span)], span: Span) -> Option<Span> {
    previous_entry(tokens, span).map(|(_, s)| s)
}

fn previous_entry<'a>(tokens: &[(Token<'a>, Span)], span: Span) -> Option<(Token<'a>, Span)> {
    let index = tokens.partition_point(|(_, s)| s.end <= span.start);
    index.checked_sub(1).map(|i| tokens[i])
}
