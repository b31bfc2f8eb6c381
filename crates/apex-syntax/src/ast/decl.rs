//! Type declarations and their members.

use super::{Block, Expr, Modifiers, Name, TypeRef};
use crate::span::Spanned;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum TypeDecl {
    Class(ClassDecl),
    Interface(InterfaceDecl),
    Enum(EnumDecl),
}

impl TypeDecl {
    pub fn name(&self) -> &Name {
        match self {
            TypeDecl::Class(c) => &c.name,
            TypeDecl::Interface(i) => &i.name,
            TypeDecl::Enum(e) => &e.name,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassDecl {
    pub modifiers: Modifiers,
    pub name: Name,
    pub extends: Option<Spanned<TypeRef>>,
    pub implements: Vec<Spanned<TypeRef>>,
    pub members: Vec<Spanned<Member>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InterfaceDecl {
    pub modifiers: Modifiers,
    pub name: Name,
    pub extends: Vec<Spanned<TypeRef>>,
    pub methods: Vec<Spanned<Method>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnumDecl {
    pub modifiers: Modifiers,
    pub name: Name,
    pub values: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Member {
    Field(Field),
    Property(Property),
    Method(Method),
    Constructor(Constructor),
    /// `{ ... }` or `static { ... }`.
    Initializer {
        is_static: bool,
        body: Spanned<Block>,
    },
    Type(TypeDecl),
    /// A member the parser could not read; its diagnostic says why.
    Error,
}

/// `Type a = 1, b;` as a class member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    pub modifiers: Modifiers,
    pub ty: Spanned<TypeRef>,
    pub declarators: Vec<Spanned<Declarator>>,
}

/// One `name [= value]` of a field or local variable declaration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Declarator {
    pub name: Name,
    pub init: Option<Spanned<Expr>>,
}

/// `Type name { get; set; }` with optional accessor bodies.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Property {
    pub modifiers: Modifiers,
    pub ty: Spanned<TypeRef>,
    pub name: Name,
    pub getter: Option<Spanned<Accessor>>,
    pub setter: Option<Spanned<Accessor>>,
}

/// A `get` or `set` accessor; `body` is `None` for the automatic `get;`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Accessor {
    pub modifiers: Modifiers,
    pub body: Option<Spanned<Block>>,
}

/// A method; `body` is `None` for abstract and interface methods. `void` is a return type named `void`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Method {
    pub modifiers: Modifiers,
    pub return_type: Spanned<TypeRef>,
    pub name: Name,
    pub params: Vec<Spanned<Param>>,
    pub body: Option<Spanned<Block>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Constructor {
    pub modifiers: Modifiers,
    pub name: Name,
    pub params: Vec<Spanned<Param>>,
    pub body: Spanned<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Param {
    pub is_final: bool,
    pub ty: Spanned<TypeRef>,
    pub name: Name,
}
