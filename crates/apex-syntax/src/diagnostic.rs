//! Diagnostics as plain data: a code, a message, a primary span, labels, notes and help.
//! Only the CLI renders them.

use crate::span::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary span with a short explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// The codes every syntax diagnostic carries, one per kind of mistake.
pub mod codes {
    pub const UNKNOWN_CHARACTER: &str = "L001";
    pub const UNTERMINATED_STRING: &str = "L002";
    pub const UNTERMINATED_COMMENT: &str = "L003";
    pub const INVALID_ESCAPE: &str = "L004";
    pub const INTEGER_TOO_LARGE: &str = "L005";
    pub const UNTERMINATED_QUERY: &str = "L006";
    pub const UNEXPECTED_TOKEN: &str = "P001";
    pub const UNCLOSED_DELIMITER: &str = "P002";
    pub const MISMATCHED_DELIMITER: &str = "P003";
    pub const UNEXPECTED_CLOSING: &str = "P004";
    pub const MISPLACED_ANNOTATION: &str = "P005";
    pub const NESTING_TOO_DEEP: &str = "P006";
    pub const INVALID_DECLARATION: &str = "P007";
    pub const DOUBLE_QUOTED_STRING: &str = "L007";
    pub const UNCLOSED_SEARCH_TEXT: &str = "L008";
    pub const INVALID_QUERY: &str = "Q001";
}
