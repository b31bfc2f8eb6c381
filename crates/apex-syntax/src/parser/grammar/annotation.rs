//! `annotation` and `modifiers`: what stands in front of a declaration.

use super::literal::{literal, signed_number};
use super::{any_word, word, P};
use crate::ast::*;
use crate::span::Spanned;
use crate::token::Token;
use chumsky::prelude::*;

/// `annotation := '@' word ('(' (annotation_param (','? annotation_param)*)? ')')?`
/// `annotation_param := (word '=')? (literal | '-' literal | word ('.' word)*)`
pub(crate) fn annotation<'src>() -> P<'src, Spanned<Annotation>> {
    let name_value = any_word()
        .separated_by(just(Token::Dot))
        .at_least(1)
        .collect::<Vec<_>>()
        .map(|parts: Vec<Name>| Expr::Name(Ident(parts.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("."))));
    let value =
        choice((literal(), signed_number())).map(Expr::Literal).or(name_value).spanned().labelled("annotation value");
    let param = any_word()
        .then_ignore(just(Token::Assign))
        .or_not()
        .then(value)
        .map(|(key, value)| AnnotationParam { key, value })
        .spanned();
    let params = param
        .separated_by(just(Token::Comma).or_not())
        .collect::<Vec<_>>()
        .delimited_by(just(Token::LParen), just(Token::RParen));
    just(Token::At)
        .ignore_then(any_word())
        .then(params.or_not())
        .map(|(name, params)| Annotation { name, params: params.unwrap_or_default() })
        .spanned()
        .labelled("annotation")
        .boxed()
}

/// `modifiers := (annotation | modifier)*` where a modifier is an access or behaviour keyword,
/// `testMethod`, `webService`, or `with sharing` / `without sharing` / `inherited sharing`.
pub(crate) fn modifiers<'src>() -> P<'src, Modifiers> {
    let keyword = select! {
        Token::Public => Modifier::Public,
        Token::Private => Modifier::Private,
        Token::Protected => Modifier::Protected,
        Token::Global => Modifier::Global,
        Token::Static => Modifier::Static,
        Token::Final => Modifier::Final,
        Token::Abstract => Modifier::Abstract,
        Token::Virtual => Modifier::Virtual,
        Token::Override => Modifier::Override,
        Token::Transient => Modifier::Transient,
        Token::TestMethod => Modifier::TestMethod,
        Token::WebService => Modifier::WebService,
    };
    let sharing = choice((
        word("with").to(Modifier::WithSharing),
        word("without").to(Modifier::WithoutSharing),
        word("inherited").to(Modifier::InheritedSharing),
    ))
    .then_ignore(word("sharing"));
    enum Item {
        Annotation(Spanned<Annotation>),
        Keyword(Spanned<Modifier>),
    }
    choice((annotation().map(Item::Annotation), keyword.or(sharing).spanned().map(Item::Keyword)))
        .repeated()
        .collect::<Vec<_>>()
        .map(|items| {
            let mut modifiers = Modifiers::default();
            for item in items {
                match item {
                    Item::Annotation(a) => modifiers.annotations.push(a),
                    Item::Keyword(k) => modifiers.keywords.push(k),
                }
            }
            modifiers
        })
        .boxed()
}
