//! `type_declaration` and `member`: classes, interfaces, enums and what they contain, with
//! recovery at member level.

use super::annotation::modifiers;
use super::stmt::{declarators, skip_statement};
use super::{custom, ident, word, Extra, Input, P};
use crate::ast::*;
use crate::diagnostic::codes;
use crate::span::Spanned;
use crate::token::Token;
use chumsky::prelude::*;
use chumsky::recursive::Direct;

type SExpr = Spanned<Expr>;

/// The productions a declaration needs from the rest of the grammar.
#[derive(Clone)]
pub(crate) struct Parts<'src> {
    pub expr: P<'src, SExpr>,
    pub type_ref: P<'src, Spanned<TypeRef>>,
    pub block: P<'src, Spanned<Block>>,
}

/// `params := '(' (param (',' param)*)? ')'`, `param := 'final'? type_ref identifier`
pub(crate) fn params<'src>(type_ref: P<'src, Spanned<TypeRef>>) -> P<'src, Vec<Spanned<Param>>> {
    just(Token::Final)
        .or_not()
        .then(type_ref)
        .then(ident())
        .map(|((fin, ty), name)| Param { is_final: fin.is_some(), ty, name })
        .spanned()
        .separated_by(just(Token::Comma))
        .collect()
        .delimited_by(just(Token::LParen), just(Token::RParen))
        .labelled("parameter list")
        .boxed()
}

/// `method_rest := type_ref identifier params (block | ';')`, after the modifiers, which the
/// caller fills in.
pub(crate) fn method_rest<'src>(parts: &Parts<'src>) -> P<'src, Method> {
    parts
        .type_ref
        .clone()
        .then(ident())
        .then(params(parts.type_ref.clone()))
        .then(parts.block.clone().map(Some).or(just(Token::Semi).to(None)))
        .map(|(((return_type, name), params), body)| Method {
            modifiers: Modifiers::default(),
            return_type,
            name,
            params,
            body,
        })
        .boxed()
}

/// `type_declaration := modifiers (class | interface | enum)`
pub(crate) fn type_declaration<'src>(parts: Parts<'src>) -> P<'src, Spanned<TypeDecl>> {
    recursive(|type_decl: Recursive<Direct<'src, 'src, Input<'src>, Spanned<TypeDecl>, Extra<'src>>>| {
        let inner = type_decl.map(|t| Member::Type(t.node)).boxed();
        let member = member(&parts, inner);
        modifiers()
            .then(choice((class_rest(parts.type_ref.clone(), member), interface_rest(&parts), enum_rest())))
            .map(|(modifiers, mut decl)| {
                match &mut decl {
                    TypeDecl::Class(c) => c.modifiers = modifiers,
                    TypeDecl::Interface(i) => i.modifiers = modifiers,
                    TypeDecl::Enum(e) => e.modifiers = modifiers,
                }
                decl
            })
            .spanned()
    })
    .labelled("class, interface or enum declaration")
    .boxed()
}

type Rest<'src> = P<'src, TypeDecl>;

/// `class := 'class' identifier ('extends' type_ref)? ('implements' type_ref (',' type_ref)*)? '{' member* '}'`
fn class_rest<'src>(type_ref: P<'src, Spanned<TypeRef>>, member: P<'src, Spanned<Member>>) -> Rest<'src> {
    let type_list = type_ref.clone().separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    just(Token::Class)
        .ignore_then(ident())
        .then(just(Token::Extends).ignore_then(type_ref).or_not())
        .then(just(Token::Implements).ignore_then(type_list).or_not())
        .then(member.repeated().collect::<Vec<_>>().delimited_by(just(Token::LBrace), just(Token::RBrace)))
        .validate(|(((name, extends), implements), members), _, emitter| {
            for member in &members {
                if let Member::Constructor(c) = &member.node {
                    if !c.name.eq_ignore_case(name.as_str()) {
                        let message = format!(
                            "`{}` has no return type, and a constructor must be named `{}`",
                            c.name.as_str(),
                            name.as_str()
                        );
                        emitter.emit(custom(c.name.span, codes::INVALID_DECLARATION, message));
                    }
                }
            }
            TypeDecl::Class(ClassDecl {
                modifiers: Modifiers::default(),
                name,
                extends,
                implements: implements.unwrap_or_default(),
                members,
            })
        })
        .boxed()
}

/// `interface := 'interface' identifier ('extends' type_ref (',' type_ref)*)? '{' (modifiers method_rest)* '}'`
fn interface_rest<'src>(parts: &Parts<'src>) -> Rest<'src> {
    let type_list = parts.type_ref.clone().separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    let method =
        modifiers().then(method_rest(parts)).map(|(modifiers, method)| Method { modifiers, ..method }).spanned();
    just(Token::Interface)
        .ignore_then(ident())
        .then(just(Token::Extends).ignore_then(type_list).or_not())
        .then(method.repeated().collect::<Vec<_>>().delimited_by(just(Token::LBrace), just(Token::RBrace)))
        .validate(|((name, extends), methods), _, emitter| {
            for method in methods.iter().filter(|m| m.body.is_some()) {
                let message = format!("interface method `{}` cannot have a body", method.name.as_str());
                emitter.emit(custom(method.name.span, codes::INVALID_DECLARATION, message));
            }
            TypeDecl::Interface(InterfaceDecl {
                modifiers: Modifiers::default(),
                name,
                extends: extends.unwrap_or_default(),
                methods,
            })
        })
        .boxed()
}

/// `enum := 'enum' identifier '{' (identifier (',' identifier)* ','?)? '}'`
fn enum_rest<'src>() -> Rest<'src> {
    let values = ident().separated_by(just(Token::Comma)).allow_trailing().collect::<Vec<_>>();
    just(Token::Enum)
        .ignore_then(ident())
        .then(values.delimited_by(just(Token::LBrace), just(Token::RBrace)))
        .map(|(name, values)| TypeDecl::Enum(EnumDecl { modifiers: Modifiers::default(), name, values }))
        .boxed()
}

/// `member := modifiers (type_rest | block | constructor | method_rest | property | field) | ';'`
fn member<'src>(parts: &Parts<'src>, inner_type: P<'src, Member>) -> P<'src, Spanned<Member>> {
    let initializer = parts.block.clone().map(MemberRest::Initializer);
    let constructor = ident()
        .then(params(parts.type_ref.clone()))
        .then(parts.block.clone())
        .map(|((name, params), body)| MemberRest::Constructor(name, params, body));
    let method = method_rest(parts).map(MemberRest::Method);
    let property = parts
        .type_ref
        .clone()
        .then(ident())
        .then(accessors(parts.block.clone()))
        .map(|((ty, name), (getter, setter))| MemberRest::Property(ty, name, getter, setter));
    let field = parts
        .type_ref
        .clone()
        .then(declarators(parts.expr.clone()))
        .then_ignore(just(Token::Semi))
        .map(|(ty, declarators)| MemberRest::Field(ty, declarators));
    let rest = choice((initializer, constructor, method, property, field));
    let with_modifiers = modifiers().then(rest).map(|(modifiers, rest)| rest.into_member(modifiers));
    choice((inner_type, with_modifiers, just(Token::Semi).to(Member::Error)))
        .spanned()
        .labelled("class member")
        .recover_with(via_parser(skip_statement().map(|s| Spanned::new(Member::Error, s.span))))
        .boxed()
}

/// What follows a member's modifiers, waiting for them.
enum MemberRest {
    Initializer(Spanned<Block>),
    Constructor(Name, Vec<Spanned<Param>>, Spanned<Block>),
    Method(Method),
    Property(Spanned<TypeRef>, Name, Option<Spanned<Accessor>>, Option<Spanned<Accessor>>),
    Field(Spanned<TypeRef>, Vec<Spanned<Declarator>>),
}

impl MemberRest {
    fn into_member(self, modifiers: Modifiers) -> Member {
        match self {
            MemberRest::Initializer(body) => Member::Initializer { is_static: modifiers.has(Modifier::Static), body },
            MemberRest::Constructor(name, params, body) => {
                Member::Constructor(Constructor { modifiers, name, params, body })
            }
            MemberRest::Method(method) => Member::Method(Method { modifiers, ..method }),
            MemberRest::Property(ty, name, getter, setter) => {
                Member::Property(Property { modifiers, ty, name, getter, setter })
            }
            MemberRest::Field(ty, declarators) => Member::Field(Field { modifiers, ty, declarators }),
        }
    }
}

type Accessors = (Option<Spanned<Accessor>>, Option<Spanned<Accessor>>);

/// `accessors := '{' accessor accessor? '}'`, `accessor := modifiers ('get' | 'set') (';' | block)`
fn accessors<'src>(block: P<'src, Spanned<Block>>) -> P<'src, Accessors> {
    let body = block.map(Some).or(just(Token::Semi).to(None));
    let accessor = modifiers()
        .then(choice((word("get").to(true), word("set").to(false))))
        .then(body)
        .map_with(|((modifiers, is_get), body), e| (is_get, Spanned::new(Accessor { modifiers, body }, e.span())));
    accessor
        .repeated()
        .at_least(1)
        .at_most(2)
        .collect::<Vec<_>>()
        .delimited_by(just(Token::LBrace), just(Token::RBrace))
        .validate(|list, _, emitter| {
            let mut accessors: Accessors = (None, None);
            for (is_get, accessor) in list {
                let slot = if is_get { &mut accessors.0 } else { &mut accessors.1 };
                if slot.is_some() {
                    let message = format!("property has two `{}` accessors", if is_get { "get" } else { "set" });
                    emitter.emit(custom(accessor.span, codes::INVALID_DECLARATION, message));
                }
                *slot = Some(accessor);
            }
            accessors
        })
        .boxed()
}
