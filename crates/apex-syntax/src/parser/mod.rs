//! The chumsky grammar over the token vector, one module per group of productions, named after
//! the non-terminals of grammar/apex.ebnf. Every production is a function returning a boxed parser.
//!
//! The grammar is compiled twice from the same files: `fast` with chumsky's empty error type,
//! which is what nearly every file needs, and `rich` with full errors, used only to explain a
//! file that `fast` rejected. Tracking expected tokens costs about two thirds of parse time.

mod errors;

pub(crate) use errors::to_diagnostic;

use crate::span::Span;
use crate::token::Token;
use chumsky::input::MappedInput;

pub(crate) type Tokens<'src> = &'src [(Token<'src>, Span)];
pub(crate) type Input<'src> = MappedInput<'src, Token<'src>, Span, Tokens<'src>>;

/// Which grammar a file is parsed with, usually chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// `.cls`: one top-level class, interface or enum.
    Class,
    /// `.trigger`.
    Trigger,
    /// `.apex`: anonymous Apex.
    Anonymous,
}

impl UnitKind {
    /// The kind for a file name, or `None` when it is not an Apex source.
    pub fn from_path(path: &std::path::Path) -> Option<UnitKind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "cls" => Some(UnitKind::Class),
            "trigger" => Some(UnitKind::Trigger),
            "apex" => Some(UnitKind::Anonymous),
            _ => None,
        }
    }
}

pub(crate) mod fast;
pub(crate) mod rich;
