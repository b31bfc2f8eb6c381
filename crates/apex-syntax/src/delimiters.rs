//! A pass over the tokens before parsing: pairs up brackets so that an unclosed or mismatched
//! one is reported where it opens, and refuses nesting deep enough to exhaust the stack later.

use crate::diagnostic::{codes, Diagnostic};
use crate::lines::LineStarts;
use crate::span::Span;
use crate::token::Token;

/// Deeper bracket nesting than this is refused before parsing.
pub const MAX_NESTING: usize = 256;
/// More operators than this between two statement boundaries is refused before parsing.
pub const MAX_OPERATORS: usize = 4096;

pub(crate) struct DelimiterCheck {
    pub diagnostics: Vec<Diagnostic>,
    /// Nesting or expression size is past the limits: the file must not be parsed.
    pub too_deep: bool,
}

struct Open {
    token: Token<'static>,
    span: Span,
    /// Where the opener stands in the token vector.
    index: usize,
}

pub(crate) fn check_delimiters(tokens: &[(Token, Span)], source: &str) -> DelimiterCheck {
    let mut stack: Vec<Open> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut suspect: Option<Span> = None;
    let mut operators = 0usize;
    let mut angles = 0usize;
    let lines = LineStarts::new(source);
    for (index, &(token, span)) in tokens.iter().enumerate() {
        angles = angle_depth(angles, token);
        if angles > MAX_NESTING {
            return too_deep(span, format!("type arguments are nested more than {MAX_NESTING} deep"));
        }
        if let Some(open) = opening(token) {
            stack.push(Open { token: open, span, index });
            if stack.len() > MAX_NESTING {
                return too_deep(span, format!("brackets are nested more than {MAX_NESTING} deep"));
            }
        } else if let Some(expected_open) = closing_partner(token) {
            match stack.pop() {
                Some(open) if open.token == expected_open => {
                    if suspect.is_none()
                        && open.token == Token::LBrace
                        && lines.indent_of(source, open.span.start) != lines.indent_of(source, span.start)
                    {
                        suspect = Some(open.span);
                    }
                }
                Some(open) => {
                    diagnostics.push(mismatched(open, token, span, tokens, source));
                    return DelimiterCheck { diagnostics, too_deep: false };
                }
                None => {
                    diagnostics.push(
                        Diagnostic::error(codes::UNEXPECTED_CLOSING, format!("unexpected closing {token}"), span)
                            .with_label(span, "nothing is open here for this to close"),
                    );
                    return DelimiterCheck { diagnostics, too_deep: false };
                }
            }
        }
        operators = if matches!(token, Token::Semi | Token::LBrace | Token::RBrace) {
            0
        } else {
            operators + usize::from(is_operator(token))
        };
        if operators > MAX_OPERATORS {
            return too_deep(span, format!("expression has more than {MAX_OPERATORS} operators"));
        }
    }
    if let Some(open) = stack.pop() {
        let mut diagnostic =
            Diagnostic::error(codes::UNCLOSED_DELIMITER, format!("unclosed {}", open.token), open.span)
                .with_label(open.span, format!("this {} is never closed", open.token));
        if let Some(suspect) = suspect.filter(|s| *s != open.span && open.token == Token::LBrace) {
            diagnostic = diagnostic.with_label(
                suspect,
                "this `{` is closed by a `}` at a different indentation; it may be the one missing its `}`",
            );
        }
        diagnostics.push(diagnostic.with_help(format!("add the missing {}", closing_text(open.token))));
    }
    DelimiterCheck { diagnostics, too_deep: false }
}

fn too_deep(span: Span, message: String) -> DelimiterCheck {
    let diagnostic =
        Diagnostic::error(codes::NESTING_TOO_DEEP, message, span).with_note("the file was not parsed further");
    DelimiterCheck { diagnostics: vec![diagnostic], too_deep: true }
}

/// A closer that does not match the innermost opener. Inside a `{`, a stray `)` or `]` is the
/// likely mistake; inside a `(` or `[`, its closer is likely missing on the line it opened.
fn mismatched(open: Open, close: Token, span: Span, tokens: &[(Token, Span)], source: &str) -> Diagnostic {
    if open.token == Token::LBrace {
        return Diagnostic::error(codes::UNEXPECTED_CLOSING, format!("unexpected closing {close}"), span)
            .with_label(span, format!("no {} is open here", opener_text(close)));
    }
    let closer = closing_text(open.token);
    let line_end = last_token_on_line(tokens, open.index, source);
    let mut diagnostic = Diagnostic::error(codes::MISMATCHED_DELIMITER, format!("unclosed {}", open.token), open.span)
        .with_label(open.span, format!("this {} is never closed", open.token));
    diagnostic = match tokens.get(line_end) {
        Some((Token::LBrace | Token::Semi, brace)) if line_end > open.index => {
            diagnostic.with_label(*brace, format!("{closer} is probably missing before this"))
        }
        Some((_, last)) => diagnostic.with_label(*last, format!("{closer} is probably missing after this")),
        None => diagnostic,
    };
    diagnostic.with_help(format!("add the missing {closer}"))
}

/// The index of the last token on the line of token `from`.
fn last_token_on_line(tokens: &[(Token, Span)], from: usize, source: &str) -> usize {
    let mut last = from;
    while let Some((_, next)) = tokens.get(last + 1) {
        let gap = source.get(tokens[last].1.end as usize..next.start as usize).unwrap_or("");
        if gap.contains('\n') {
            break;
        }
        last += 1;
    }
    last
}

fn opener_text(close: Token) -> &'static str {
    match close {
        Token::RParen => "`(`",
        Token::RBrace => "`{`",
        _ => "`[`",
    }
}

fn opening(token: Token) -> Option<Token<'static>> {
    match token {
        Token::LParen => Some(Token::LParen),
        Token::LBrace => Some(Token::LBrace),
        Token::LBracket => Some(Token::LBracket),
        _ => None,
    }
}

fn closing_partner(token: Token) -> Option<Token<'static>> {
    match token {
        Token::RParen => Some(Token::LParen),
        Token::RBrace => Some(Token::LBrace),
        Token::RBracket => Some(Token::LBracket),
        _ => None,
    }
}

fn closing_text(open: Token) -> &'static str {
    match open {
        Token::LParen => "`)`",
        Token::LBrace => "`}`",
        _ => "`]`",
    }
}

/// Counts `<` not yet closed by `>` since the last point where no type can continue, so that
/// `List<List<…>>` nested without end is refused like brackets are.
fn angle_depth(depth: usize, token: Token) -> usize {
    match token {
        Token::Lt => depth + 1,
        Token::Gt => depth.saturating_sub(1),
        Token::Semi
        | Token::LBrace
        | Token::RBrace
        | Token::AndAnd
        | Token::OrOr
        | Token::Question
        | Token::Colon
        | Token::Assign => 0,
        _ => depth,
    }
}

fn is_operator(token: Token) -> bool {
    token.punct_text().is_some()
        && !matches!(
            token,
            Token::Comma | Token::Dot | Token::LParen | Token::RParen | Token::LBracket | Token::RBracket
        )
}
