//! Statements and blocks.

use super::{Declarator, Expr, Name, TypeRef};
use crate::span::Spanned;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Block {
    pub stmts: Vec<Spanned<Stmt>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Stmt {
    Block(Block),
    /// `[final] Type a = 1, b;`
    Local {
        is_final: bool,
        ty: Spanned<TypeRef>,
        declarators: Vec<Spanned<Declarator>>,
    },
    Expr(Spanned<Expr>),
    If {
        cond: Spanned<Expr>,
        then: Box<Spanned<Stmt>>,
        otherwise: Option<Box<Spanned<Stmt>>>,
    },
    While {
        cond: Spanned<Expr>,
        body: Box<Spanned<Stmt>>,
    },
    DoWhile {
        body: Box<Spanned<Stmt>>,
        cond: Spanned<Expr>,
    },
    /// `for (init; cond; update) body`.
    For {
        init: Option<Box<Spanned<Stmt>>>,
        cond: Option<Spanned<Expr>>,
        update: Vec<Spanned<Expr>>,
        body: Box<Spanned<Stmt>>,
    },
    /// `for (Type name : iterable) body`, including SOQL for-loops.
    ForEach {
        ty: Spanned<TypeRef>,
        name: Name,
        iterable: Spanned<Expr>,
        body: Box<Spanned<Stmt>>,
    },
    Switch {
        subject: Spanned<Expr>,
        arms: Vec<Spanned<WhenArm>>,
    },
    Return(Option<Spanned<Expr>>),
    Throw(Spanned<Expr>),
    Break,
    Continue,
    Try {
        body: Spanned<Block>,
        catches: Vec<Spanned<Catch>>,
        finally: Option<Spanned<Block>>,
    },
    /// `insert x;`, `upsert x Field__c;`, `merge a b;`, `delete as user x;`.
    Dml {
        op: DmlOp,
        access: Option<Name>,
        target: Spanned<Expr>,
        extra: Option<Spanned<Expr>>,
    },
    /// `System.runAs(user) { ... }`.
    RunAs {
        user: Spanned<Expr>,
        body: Spanned<Block>,
    },
    /// A lone `;`.
    Empty,
    /// A statement the parser could not read; its diagnostic says why.
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DmlOp {
    Insert,
    Update,
    Upsert,
    Delete,
    Undelete,
    Merge,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Catch {
    pub is_final: bool,
    pub ty: Spanned<TypeRef>,
    pub name: Name,
    pub body: Spanned<Block>,
}

/// One `when ... { }` arm of a `switch on`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhenArm {
    pub pattern: WhenPattern,
    pub body: Spanned<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum WhenPattern {
    /// `when 1, 2`, `when 'a'`, `when null`, `when RED, GREEN`.
    Values(Vec<Spanned<Expr>>),
    /// `when Account a`: a type test that binds a name.
    Type { ty: Spanned<TypeRef>, name: Name },
    /// `when else`.
    Else,
}
