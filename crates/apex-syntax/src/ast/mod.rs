//! The spanned syntax tree of Apex source: compilation units, declarations, statements,
//! expressions and the SOQL/SOSL queries embedded in them.

mod decl;
mod expr;
mod query;
mod stmt;

pub use decl::*;
pub use expr::*;
pub use query::*;
pub use stmt::*;

use crate::span::Spanned;
use serde::Serialize;

/// A name as written. Apex compares names case-insensitively; see [`Ident::eq_ignore_case`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Ident(pub String);

impl Ident {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn eq_ignore_case(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

pub type Name = Spanned<Ident>;

/// A type as written: `String`, `Outer.Inner`, `Map<String, List<Account>>`, `Integer[]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeRef {
    /// The dotted parts of the name, each with its own type arguments.
    pub parts: Vec<TypePart>,
    /// How many `[]` follow the name.
    pub array_dims: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypePart {
    pub name: Name,
    pub args: Vec<Spanned<TypeRef>>,
}

/// `@Name` or `@Name(key=value ...)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annotation {
    pub name: Name,
    pub params: Vec<Spanned<AnnotationParam>>,
}

/// One annotation parameter: `key=value`, or a bare value such as `@SuppressWarnings('PMD')`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnotationParam {
    pub key: Option<Name>,
    pub value: Spanned<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Modifier {
    Public,
    Private,
    Protected,
    Global,
    Static,
    Final,
    Abstract,
    Virtual,
    Override,
    Transient,
    TestMethod,
    WebService,
    WithSharing,
    WithoutSharing,
    InheritedSharing,
}

/// Annotations and modifier keywords in front of a declaration, in source order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Modifiers {
    pub annotations: Vec<Spanned<Annotation>>,
    pub keywords: Vec<Spanned<Modifier>>,
}

impl Modifiers {
    pub fn has(&self, modifier: Modifier) -> bool {
        self.keywords.iter().any(|k| k.node == modifier)
    }

    pub fn annotation(&self, name: &str) -> Option<&Annotation> {
        self.annotations.iter().map(|a| &a.node).find(|a| a.name.eq_ignore_case(name))
    }

    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty() && self.keywords.is_empty()
    }
}

/// What one source file holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Unit {
    /// A `.cls` file: one top-level class, interface or enum.
    Type(Spanned<TypeDecl>),
    /// A `.trigger` file.
    Trigger(Spanned<Trigger>),
    /// Anonymous Apex: statements, local types and methods.
    Anonymous(Vec<Spanned<AnonymousItem>>),
    /// A file with nothing the parser could recognise.
    Empty,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AnonymousItem {
    Type(TypeDecl),
    Method(Method),
    Statement(Stmt),
}

/// `trigger Name on SObject (before insert, after update, ...) { ... }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trigger {
    pub name: Name,
    pub object: Name,
    pub events: Vec<Spanned<TriggerEvent>>,
    pub body: Spanned<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TriggerEvent {
    /// `before` or `after`.
    pub timing: Name,
    /// `insert`, `update`, `delete`, `undelete`.
    pub operation: Name,
}
