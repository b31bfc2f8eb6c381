//! `apex-syntax`: the lexer, parser and spanned syntax tree for the whole Apex language,
//! including inline SOQL and SOSL. Parsing never fails: it returns a tree and diagnostics.

pub mod ast;
mod delimiters;
pub mod diagnostic;
pub mod lexer;
mod parser;
pub mod span;
pub mod token;
pub mod validate;

pub use delimiters::{MAX_NESTING, MAX_OPERATORS};
pub use diagnostic::{Diagnostic, Severity};
pub use parser::UnitKind;
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

/// Parses one source file.
pub fn parse(source: &str, file: FileId, kind: UnitKind) -> Parsed {
    let lexed = lexer::lex(source, file);
    let delimiters = delimiters::check_delimiters(&lexed.tokens, source);
    let mut diagnostics = lexed.diagnostics;
    if delimiters.too_deep {
        diagnostics.extend(delimiters.diagnostics);
        return Parsed { unit: Unit::Empty, diagnostics: finish(diagnostics, source, file) };
    }
    let eoi = Span::new(file, source.len() as u32, source.len() as u32);
    let grammar = parser::Grammar::new();
    let (unit, errors) = grammar.parse(&lexed.tokens, kind, eoi);
    let cutoff = delimiters.diagnostics.iter().map(|d| d.span.start).min().unwrap_or(u32::MAX);
    let lexer_lines: Vec<u32> = diagnostics.iter().map(|d| line_of(source, d.span.start)).collect();
    diagnostics.extend(delimiters.diagnostics);
    for error in &errors {
        let diagnostic = parser::to_diagnostic(error, &lexed.tokens);
        let cascade = diagnostic.span.start >= cutoff || lexer_lines.contains(&line_of(source, diagnostic.span.start));
        if !cascade {
            diagnostics.push(diagnostic);
        }
    }
    Parsed { unit: unit.unwrap_or(Unit::Empty), diagnostics: finish(diagnostics, source, file) }
}

/// Sorts, deduplicates and caps the diagnostics of one file.
fn finish(mut diagnostics: Vec<Diagnostic>, source: &str, file: FileId) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let more = diagnostics.len() - MAX_DIAGNOSTICS;
        diagnostics.truncate(MAX_DIAGNOSTICS);
        let end = Span::new(file, source.len() as u32, source.len() as u32);
        diagnostics.push(Diagnostic::error(codes::UNEXPECTED_TOKEN, format!("{more} more errors not shown"), end));
    }
    diagnostics
}

fn line_of(source: &str, offset: u32) -> u32 {
    source.as_bytes()[..(offset as usize).min(source.len())].iter().filter(|b| **b == b'\n').count() as u32
}
