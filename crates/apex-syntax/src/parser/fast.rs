//! The grammar with chumsky's empty error type: it only tells whether a file parses, quickly.

pub(crate) use super::{Input, Tokens};
use crate::span::Span;
use chumsky::error::EmptyErr;
use chumsky::prelude::*;

pub(crate) type Error<'src> = EmptyErr;
pub(crate) type Extra<'src> = extra::Err<Error<'src>>;
pub(crate) type P<'src, O> = Boxed<'src, 'src, Input<'src>, O, Extra<'src>>;

/// Custom errors carry nothing here; the `rich` grammar reports them.
pub(crate) fn custom<'src>(_: Span, _: &'static str, _: String) -> Error<'src> {
    EmptyErr::default()
}

#[path = "grammar/annotation.rs"]
mod annotation;
#[path = "grammar/common.rs"]
mod common;
#[path = "grammar/decl.rs"]
mod decl;
#[path = "grammar/expr.rs"]
mod expr;
#[path = "grammar/literal.rs"]
mod literal;
#[path = "grammar/query.rs"]
mod query;
#[path = "grammar/stmt.rs"]
mod stmt;
#[path = "grammar/types.rs"]
mod types;
#[path = "grammar/unit.rs"]
mod unit;

pub(crate) use common::*;
pub(crate) use unit::Grammar;
