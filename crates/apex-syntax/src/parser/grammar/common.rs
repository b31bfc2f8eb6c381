//! Small productions every other module uses: identifiers and words matched by text.

use super::P;
use crate::ast::{Ident, Name};
use crate::token::Token;
use chumsky::prelude::*;

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
