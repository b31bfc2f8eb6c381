//! `type_ref`: type names with dotted parts, generic arguments and array brackets.

use super::{ident, Extra, Input, P};
use crate::ast::{Ident, TypePart, TypeRef};
use crate::span::Spanned;
use crate::token::Token;
use chumsky::prelude::*;
use chumsky::recursive::Direct;

/// `type_ref := type_part ('.' type_part)* ('[' ']')*`
/// `type_part := (identifier | 'void') ('<' type_ref (',' type_ref)* '>')?`
pub(crate) fn type_ref<'src>() -> P<'src, Spanned<TypeRef>> {
    recursive(|type_ref: Recursive<Direct<'src, 'src, Input<'src>, Spanned<TypeRef>, Extra<'src>>>| {
        let args = type_ref
            .separated_by(just(Token::Comma))
            .at_least(1)
            .collect::<Vec<_>>()
            .delimited_by(just(Token::Lt), just(Token::Gt));
        let void = just(Token::Void).to(Ident("void".to_string())).spanned();
        let part =
            ident().or(void).then(args.or_not()).map(|(name, args)| TypePart { name, args: args.unwrap_or_default() });
        let dims = just(Token::LBracket).then(just(Token::RBracket)).repeated().count();
        part.separated_by(just(Token::Dot))
            .at_least(1)
            .collect::<Vec<_>>()
            .then(dims)
            .map(|(parts, dims)| TypeRef { parts, array_dims: dims.min(u8::MAX as usize) as u8 })
            .spanned()
            .labelled("type")
    })
    .boxed()
}
