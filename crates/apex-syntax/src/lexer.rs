//! Turns source text into a token vector for the parser. Lexer errors become diagnostics;
//! the parser never sees them, so one bad character gives one message.

use crate::diagnostic::{codes, Diagnostic};
use crate::escape::invalid_escape;
use crate::span::{FileId, Span};
use crate::token::{LexError, Token};
use logos::Logos;

/// The tokens of one source, each with its span, and what could not be read.
pub struct Lexed<'src> {
    pub tokens: Vec<(Token<'src>, Span)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lexes `source`. Spans count bytes from the start of `source`, which must be under 4 GiB.
pub fn lex(source: &str, file: FileId) -> Lexed<'_> {
    let mut lexer = Token::lexer(source);
    let mut tokens: Vec<(Token, Span)> = Vec::with_capacity(source.len() / 4);
    let mut diagnostics = Vec::new();
    let mut queries = QueryContext::default();
    while let Some(result) = lexer.next() {
        let range = lexer.span();
        let span = Span::new(file, range.start as u32, range.end as u32);
        let result = result.map(|token| queries.track(token));
        match result {
            Ok(Token::Int(_)) if queries.inside() && date_time_len(&source[range.start..]) > 0 => {
                let end = range.start + date_time_len(&source[range.start..]);
                lexer.bump(end - range.end);
                tokens.push((Token::SoqlDateTime(&source[range.start..end]), Span::new(file, span.start, end as u32)));
            }
            Ok(Token::Ident(_)) if queries.inside() && relative_count_len(lexer.remainder()) > 0 => {
                lexer.bump(relative_count_len(lexer.remainder()));
                let end = lexer.span().end;
                tokens.push((
                    Token::SoqlRelativeDate(&source[range.start..end]),
                    Span::new(file, span.start, end as u32),
                ));
            }
            Ok(Token::LBrace) if follows_find(&tokens) => {
                let text = sosl_search_text(lexer.remainder());
                lexer.bump(text.len());
                let end = span.end + text.len() as u32;
                if !text.ends_with('}') {
                    diagnostics.push(
                        Diagnostic::error(codes::UNCLOSED_SEARCH_TEXT, "unclosed `{` in SOSL search text", span)
                            .with_help("close the search text with `}`, as in FIND {Acme}"),
                    );
                }
                tokens.push((Token::SoslText(&source[range.start..end as usize]), Span::new(file, span.start, end)));
            }
            Ok(token) => {
                if let Some(diagnostic) = check_literal(token, span) {
                    diagnostics.push(diagnostic);
                }
                tokens.push((token, span));
            }
            Err(LexError::UnterminatedString) => {
                diagnostics.push(unterminated_string(span));
                tokens.push((Token::Str(lexer.slice()), span));
            }
            Err(LexError::UnterminatedComment) => diagnostics.push(
                Diagnostic::error(
                    codes::UNTERMINATED_COMMENT,
                    "unterminated block comment",
                    Span::new(file, span.start, span.start + 2),
                )
                .with_label(span, "this comment is never closed")
                .with_help("close it with `*/`"),
            ),
            Err(LexError::DoubleQuoted) => {
                diagnostics.push(
                    Diagnostic::error(codes::DOUBLE_QUOTED_STRING, "Apex strings are written in single quotes", span)
                        .with_label(span, "this text is not in single quotes")
                        .with_help(format!(
                            "write '{}'",
                            lexer.slice()[1..lexer.slice().len() - 1].replace('\'', "\\'")
                        )),
                );
                tokens.push((Token::Str(lexer.slice()), span));
            }
            Err(LexError::UnknownCharacter) => push_unknown(&mut diagnostics, span, lexer.slice()),
        }
    }
    Lexed { tokens, diagnostics }
}

/// Knows whether the lexer is inside `[SELECT …]` or `[FIND …]`, where SOQL date literals are read.
#[derive(Default)]
struct QueryContext {
    /// One entry per open `[`: whether it opened a query.
    brackets: Vec<bool>,
    after_open: bool,
}

impl QueryContext {
    fn track<'src>(&mut self, token: Token<'src>) -> Token<'src> {
        if std::mem::take(&mut self.after_open) {
            if let (Token::Ident(word), Some(top)) = (token, self.brackets.last_mut()) {
                *top = word.eq_ignore_ascii_case("select") || word.eq_ignore_ascii_case("find");
            }
        }
        match token {
            Token::LBracket => {
                self.brackets.push(false);
                self.after_open = true;
            }
            Token::RBracket => {
                self.brackets.pop();
            }
            _ => {}
        }
        token
    }

    fn inside(&self) -> bool {
        self.brackets.last() == Some(&true)
    }
}

/// The length of a SOQL date (`2024-01-31`) or datetime (`2024-01-31T10:00:00.000Z`,
/// `…+05:30`) at the start of `text`, or 0 when there is none.
fn date_time_len(text: &str) -> usize {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| b.len() >= at + n && b[at..at + n].iter().all(u8::is_ascii_digit);
    let is = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(digits(0, 4) && is(4, b'-') && digits(5, 2) && is(7, b'-') && digits(8, 2)) {
        return 0;
    }
    if !(is(10, b'T') && digits(11, 2) && is(13, b':') && digits(14, 2) && is(16, b':') && digits(17, 2)) {
        return 10;
    }
    let mut end = 19;
    if is(end, b'.') {
        end += 1;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
    }
    if is(end, b'Z') {
        return end + 1;
    }
    if (is(end, b'+') || is(end, b'-')) && digits(end + 1, 2) && is(end + 3, b':') && digits(end + 4, 2) {
        return end + 6;
    }
    end
}

/// The length of `:30` right after an identifier, as in `LAST_N_DAYS:30`, or 0.
fn relative_count_len(rest: &str) -> usize {
    let Some(digits) = rest.strip_prefix(':') else { return 0 };
    let count = digits.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 {
        0
    } else {
        count + 1
    }
}

/// True when the tokens end in `[ FIND`, so a `{` opens SOSL search text rather than a block.
fn follows_find(tokens: &[(Token, Span)]) -> bool {
    match tokens {
        [.., (Token::LBracket, _), (Token::Ident(word), _)] => word.eq_ignore_ascii_case("find"),
        _ => false,
    }
}

/// The rest of a SOSL search term after its `{`: up to and including the closing `}`, or
/// everything up to the end of the line when it is never closed.
fn sosl_search_text(rest: &str) -> &str {
    match rest.find(['}', '\n', ']']) {
        Some(end) if rest.as_bytes()[end] == b'}' => &rest[..=end],
        Some(end) => &rest[..end],
        None => rest,
    }
}

/// Reports a literal the platform rejects: an Integer or Long out of range, or a bad escape.
fn check_literal(token: Token, span: Span) -> Option<Diagnostic> {
    match token {
        Token::Int(text) if text.parse::<i32>().is_err() => Some(
            Diagnostic::error(codes::INTEGER_TOO_LARGE, format!("Integer literal {text} is too large"), span)
                .with_note("an Integer holds values from -2147483648 to 2147483647")
                .with_help(format!("append L to make it a Long: {text}L")),
        ),
        Token::Long(text) if text[..text.len() - 1].parse::<i64>().is_err() => Some(
            Diagnostic::error(codes::INTEGER_TOO_LARGE, format!("Long literal {text} is too large"), span)
                .with_note("a Long holds values from -9223372036854775808 to 9223372036854775807"),
        ),
        Token::Str(text) => invalid_escape(text).map(|(at, escape)| {
            let start = span.start + at as u32;
            let escape_span = Span::new(span.file, start, start + escape.len() as u32);
            let help = if escape == "\\u" {
                "`\\u` takes exactly four hex digits, as in \\u00e9"
            } else {
                "write \\\\ for a backslash"
            };
            Diagnostic::error(
                codes::INVALID_ESCAPE,
                format!("invalid escape sequence `{escape}` in string literal"),
                escape_span,
            )
            .with_note("valid escapes are \\b \\t \\n \\f \\r \\\" \\' \\\\ and \\uXXXX")
            .with_help(help)
        }),
        _ => None,
    }
}

fn unterminated_string(span: Span) -> Diagnostic {
    Diagnostic::error(codes::UNTERMINATED_STRING, "unterminated string literal", span)
        .with_label(span, "this string has no closing `'`")
        .with_help("Apex strings are written in single quotes and cannot span lines; use '\\n' for a line break")
}

/// Reports a character the lexer does not know, merging a run of them into one diagnostic.
fn push_unknown(diagnostics: &mut Vec<Diagnostic>, span: Span, text: &str) {
    if let Some(last) = diagnostics.last_mut() {
        if last.code == codes::UNKNOWN_CHARACTER && last.span.end == span.start {
            last.span.end = span.end;
            last.message = "unexpected characters".to_string();
            return;
        }
    }
    let shown = text.chars().next().map(describe_char).unwrap_or_default();
    let mut diagnostic = Diagnostic::error(codes::UNKNOWN_CHARACTER, format!("unexpected character {shown}"), span);
    diagnostic = match text.chars().next() {
        Some('"') => diagnostic.with_help("Apex strings use single quotes: 'text'"),
        Some('%') => diagnostic.with_help("Apex has no `%` operator; use Math.mod(a, b)"),
        Some('#') => diagnostic.with_help("`#` has no meaning in Apex; comments start with `//`"),
        _ => diagnostic,
    };
    diagnostics.push(diagnostic);
}

fn describe_char(c: char) -> String {
    if c.is_control() || c == '\u{FFFD}' {
        format!("U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}
