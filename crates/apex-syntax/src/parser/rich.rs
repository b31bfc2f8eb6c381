//! The grammar with full error reporting, used to explain a file that `fast` rejected.

pub(crate) use super::{Input, Tokens};
use crate::span::Span;
use crate::token::Token;
use chumsky::prelude::*;

pub(crate) type Error<'src> = Rich<'src, Token<'src>, Span>;
pub(crate) type Extra<'src> = extra::Err<Error<'src>>;
pub(crate) type P<'src, O> = Boxed<'src, 'src, Input<'src>, O, Extra<'src>>;

/// A custom parse error that carries its diagnostic code.
pub(crate) fn custom<'src>(span: Span, code: &'static str, message: String) -> Error<'src> {
    Error::custom(span, format!("{code}{}{message}", super::errors::CODE_SEPARATOR))
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
