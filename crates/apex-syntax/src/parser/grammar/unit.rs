//! `compilation_unit`: what a `.cls`, `.trigger` or anonymous `.apex` file holds.

use super::annotation::modifiers;
use super::decl::{method_rest, type_declaration, Parts};
use super::expr::expression;
use super::stmt::statement_and_block;
use super::types::type_ref;
use super::{custom, ident, word, Error, Tokens, P};
use crate::ast::*;
use crate::diagnostic::codes;
use crate::parser::UnitKind;
use crate::span::{Span, Spanned};
use crate::token::Token;
use chumsky::prelude::*;

/// The three unit grammars, built once and used for many files.
pub(crate) struct Grammar<'src> {
    class: P<'src, Unit>,
    trigger: P<'src, Unit>,
    anonymous: P<'src, Unit>,
}

impl<'src> Grammar<'src> {
    pub(crate) fn new() -> Grammar<'src> {
        let type_ref = type_ref();
        let expr = expression(type_ref.clone());
        let (statement, block) = statement_and_block(expr.clone(), type_ref.clone());
        let parts = Parts { expr, type_ref, block };
        let type_decl = type_declaration(parts.clone());
        Grammar {
            class: type_decl.clone().map(Unit::Type).then_ignore(end()).boxed(),
            trigger: trigger(parts.block.clone()).map(Unit::Trigger).then_ignore(end()).boxed(),
            anonymous: anonymous(type_decl, &parts, statement),
        }
    }

    pub(crate) fn parse(&self, tokens: Tokens<'src>, kind: UnitKind, eoi: Span) -> (Option<Unit>, Vec<Error<'src>>) {
        let parser = match kind {
            UnitKind::Class => &self.class,
            UnitKind::Trigger => &self.trigger,
            UnitKind::Anonymous => &self.anonymous,
        };
        parser.parse(tokens.split_token_span(eoi)).into_output_errors()
    }
}

/// `trigger := 'trigger' identifier 'on' identifier '(' trigger_event (',' trigger_event)* ')' block`
/// `trigger_event := ('before' | 'after') ('insert' | 'update' | 'delete' | 'undelete')`
fn trigger<'src>(block: P<'src, Spanned<Block>>) -> P<'src, Spanned<Trigger>> {
    let operation = select! {
        Token::Insert => "insert",
        Token::Update => "update",
        Token::Delete => "delete",
        Token::Undelete => "undelete",
    }
    .map(|text: &str| Ident(text.to_string()))
    .spanned()
    .labelled("trigger operation");
    let event = choice((word("before"), word("after")))
        .then(operation)
        .map(|(timing, operation)| TriggerEvent { timing, operation })
        .spanned();
    word("trigger")
        .ignore_then(ident())
        .then_ignore(word("on"))
        .then(ident())
        .then(
            event
                .separated_by(just(Token::Comma))
                .at_least(1)
                .collect()
                .delimited_by(just(Token::LParen), just(Token::RParen)),
        )
        .then(block)
        .map(|(((name, object), events), body)| Trigger { name, object, events, body })
        .spanned()
        .boxed()
}

/// `anonymous := (type_declaration | modifiers method_rest | statement)*`
fn anonymous<'src>(
    type_decl: P<'src, Spanned<TypeDecl>>,
    parts: &Parts<'src>,
    statement: P<'src, Spanned<Stmt>>,
) -> P<'src, Unit> {
    let method = modifiers().then(method_rest(parts)).validate(|(modifiers, method), _, emitter| {
        if method.body.is_none() {
            let message = format!(
                "method `{}` needs a body: anonymous Apex cannot declare abstract methods",
                method.name.as_str()
            );
            emitter.emit(custom(method.name.span, codes::INVALID_DECLARATION, message));
        }
        AnonymousItem::Method(Method { modifiers, ..method })
    });
    choice((
        type_decl.map(|t| AnonymousItem::Type(t.node)),
        method,
        statement.map(|s| AnonymousItem::Statement(s.node)),
    ))
    .spanned()
    .repeated()
    .collect()
    .map(Unit::Anonymous)
    .then_ignore(end())
    .boxed()
}
