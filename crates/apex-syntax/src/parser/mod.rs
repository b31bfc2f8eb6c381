//! The chumsky grammar over the token vector, one module per group of productions, named after
//! the non-terminals of grammar/apex.ebnf. Every production is a function returning a boxed parser.

mod annotation;
mod decl;
mod errors;
mod expr;
mod literal;
mod query;
mod stmt;
mod types;
mod unit;

pub(crate) use errors::to_diagnostic;
pub(crate) use unit::Grammar;
pub use unit::UnitKind;

use crate::ast::{Ident, Name};
use crate::span::Span;
use crate::token::Token;
use chumsky::input::MappedInput;
use chumsky::prelude::*;

pub(crate) type Tokens<'src> = &'src [(Token<'src>, Span)];
pub(crate) type Input<'src> = MappedInput<'src, Token<'src>, Span, Tokens<'src>>;
pub(crate) type Error<'src> = Rich<'src, Token<'src>, Span>;
pub(crate) type Extra<'src> = extra::Err<Error<'src>>;
pub(crate) type P<'src, O> = Boxed<'src, 'src, Input<'src>, O, Extra<'src>>;

/// An identifier token, as a spanned name.
pub(crate) fn ident<'src>() -> P<'src, Name> {
    select! { Token::Ident(text) => Ident(text.to_string()) }.spanned().labelled("identifier").boxed()
}

/// A word that is a keyword only here (`get`, `sharing`, `select`, ...), matched without case.
pub(crate) fn word<'src>(expected: &'static str) -> P<'src, Name> {
    any()
        .filter(move |t: &Token| t.word().is_some_and(|w| w.eq_ignore_ascii_case(expected)))
        .map(|t: Token| Ident(t.word().unwrap_or_default().to_string()))
        .spanned()
        .labelled(expected)
        .boxed()
}

/// Any word, keywords included: what may follow a `.` (`Trigger.new`, `Database.insert`).
pub(crate) fn any_word<'src>() -> P<'src, Name> {
    any()
        .filter(|t: &Token| t.word().is_some())
        .map(|t: Token| Ident(t.word().unwrap_or_default().to_string()))
        .spanned()
        .labelled("identifier")
        .boxed()
}
pub(crate) use literal::invalid_escape;
