//! Literal tokens to values. Range and escape errors were reported by the lexer; here a bad
//! literal only needs a value that keeps the tree whole.

use super::P;
use crate::ast::Literal;
use crate::escape::unescape;
use crate::token::Token;
use chumsky::prelude::*;

/// `literal := integer | long | decimal | double | string | 'true' | 'false' | 'null'`
pub(crate) fn literal<'src>() -> P<'src, Literal> {
    select! {
        Token::Int(text) => Literal::Integer(text.parse().unwrap_or(i32::MAX)),
        Token::Long(text) => Literal::Long(text[..text.len() - 1].parse().unwrap_or(i64::MAX)),
        Token::Decimal(text) => Literal::Decimal(text.to_string()),
        Token::Double(text) => Literal::Double(text[..text.len() - 1].to_string()),
        Token::Str(text) => Literal::String(unescape(text)),
        Token::True => Literal::Boolean(true),
        Token::False => Literal::Boolean(false),
        Token::Null => Literal::Null,
    }
    .labelled("literal")
    .boxed()
}

/// `signed_number := '-' number`: a negative numeric literal where no expression is allowed.
pub(crate) fn signed_number<'src>() -> P<'src, Literal> {
    let number = select! {
        Token::Int(text) => Literal::Integer(text.parse::<i64>().map_or(i32::MIN, |n| (-n).clamp(i32::MIN as i64, i32::MAX as i64) as i32)),
        Token::Long(text) => Literal::Long(text[..text.len() - 1].parse::<i64>().map_or(i64::MIN, |n| -n)),
        Token::Decimal(text) => Literal::Decimal(format!("-{text}")),
        Token::Double(text) => Literal::Double(format!("-{}", &text[..text.len() - 1])),
    };
    just(Token::Minus).ignore_then(number).labelled("number").boxed()
}
