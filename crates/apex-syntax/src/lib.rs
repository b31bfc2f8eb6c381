//! `apex-syntax`: the lexer, parser and spanned syntax tree for the whole Apex language,
//! including inline SOQL and SOSL. Parsing never fails: it returns a tree and diagnostics.

pub mod ast;
mod delimiters;
pub mod diagnostic;
pub mod escape;
pub mod lexer;
mod lines;
// The grammar files are compiled twice, once per error type (see parser/mod.rs).
#[allow(clippy::duplicate_mod)]
mod parser;
mod soql_text;
pub mod span;
pub mod token;
pub mod validate;

pub use delimiters::{MAX_NESTING, MAX_OPERATORS};
pub use diagnostic::{Diagnostic, Severity};
pub use parser::UnitKind;
pub use soql_text::{parse_soql, parse_sosl};
pub use span::{FileId, Span, Spanned};

use ast::Unit;
use diagnostic::codes;

/// At most this many diagnostics are kept for one file.
pub const MAX_DIAGNOSTICS: usize = 100;

/// The result of parsing one file: always a tree, possibly with diagnostics.
#[derive(Debug)]
pub struct Parsed {
    pub unit: Unit,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// One source to parse with [`parse_many`].
#[derive(Clone, Copy, Debug)]
pub struct SourceRef<'a> {
    pub text: &'a str,
    pub file: FileId,
    pub kind: UnitKind,
}

/// Parses one source file.
pub fn parse(source: &str, file: FileId, kind: UnitKind) -> Parsed {
    parse_many(&[SourceRef { text: source, file, kind }])
        .pop()
        .unwrap_or(Parsed { unit: Unit::Empty, diagnostics: Vec::new() })
}

/// Parses several files, building the grammar once for all of them.
pub fn parse_many(sources: &[SourceRef]) -> Vec<Parsed> {
    let lexed: Vec<lexer::Lexed> = sources.iter().map(|s| lexer::lex(s.text, s.file)).collect();
    let fast = parser::fast::Grammar::new();
    let mut rich = None;
    sources
        .iter()
        .zip(&lexed)
        .map(|(source, lexed)| {
            let delimiters = delimiters::check_delimiters(&lexed.tokens, source.text);
            let mut diagnostics = lexed.diagnostics.clone();
            if delimiters.too_deep {
                diagnostics.extend(delimiters.diagnostics);
                return Parsed { unit: Unit::Empty, diagnostics: finish(diagnostics, source.text, source.file) };
            }
            let eoi = Span::new(source.file, source.text.len() as u32, source.text.len() as u32);
            let (unit, fast_errors) = fast.parse(&lexed.tokens, source.kind, eoi);
            if fast_errors.is_empty() && delimiters.diagnostics.is_empty() {
                let unit = unit.unwrap_or(Unit::Empty);
                return Parsed { unit, diagnostics: finish(diagnostics, source.text, source.file) };
            }
            let rich = rich.get_or_insert_with(parser::rich::Grammar::new);
            let (unit, errors) = rich.parse(&lexed.tokens, source.kind, eoi);
            let parse_diagnostics: Vec<Diagnostic> =
                errors.iter().map(|e| parser::to_diagnostic(e, &lexed.tokens, source.text)).collect();
            diagnostics.extend(explain(&diagnostics, delimiters.diagnostics, parse_diagnostics, source.text));
            Parsed { unit: unit.unwrap_or(Unit::Empty), diagnostics: finish(diagnostics, source.text, source.file) }
        })
        .collect()
}

/// Chooses which delimiter and parse diagnostics explain a file, leaving out cascades: after
/// an unterminated comment nothing else is trusted; a parse error before a delimiter problem
/// is the better explanation of it; errors after a delimiter problem or on a line with a
/// lexer error are consequences.
fn explain(lexer: &[Diagnostic], delimiters: Vec<Diagnostic>, parse: Vec<Diagnostic>, source: &str) -> Vec<Diagnostic> {
    if lexer.iter().any(|d| d.code == codes::UNTERMINATED_COMMENT) {
        return Vec::new();
    }
    let lines = lines::LineStarts::new(source);
    let lexer_lines: Vec<usize> = lexer.iter().map(|d| lines.line_of(d.span.start)).collect();
    let on_lexer_line = |d: &Diagnostic| lexer_lines.binary_search(&lines.line_of(d.span.start)).is_ok();
    let delimiter_at = delimiters.iter().map(|d| d.span.start).min().unwrap_or(u32::MAX);
    let before: Vec<Diagnostic> =
        parse.into_iter().filter(|d| d.span.start < delimiter_at && !on_lexer_line(d)).collect();
    if before.is_empty() {
        delimiters
    } else {
        before
    }
}

/// Sorts, deduplicates and caps the diagnostics of one file.
fn finish(mut diagnostics: Vec<Diagnostic>, source: &str, file: FileId) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    // Two errors at one place are one mistake seen by two productions: keep the first.
    diagnostics.dedup_by(|a, b| a.span.start == b.span.start);
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let more = diagnostics.len() - MAX_DIAGNOSTICS;
        diagnostics.truncate(MAX_DIAGNOSTICS);
        let end = Span::new(file, source.len() as u32, source.len() as u32);
        diagnostics.push(Diagnostic::error(codes::UNEXPECTED_TOKEN, format!("{more} more errors not shown"), end));
    }
    diagnostics
}
