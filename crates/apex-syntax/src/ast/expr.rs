//! Expressions.

use super::{Name, Query, Search, TypeRef};
use crate::span::Spanned;
use serde::Serialize;

pub type ExprBox = Box<Spanned<Expr>>;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Expr {
    Literal(Literal),
    /// A bare name: a local, a field, a class or a namespace; resolution decides which.
    Name(Ident),
    This,
    Super,
    /// `target.name` or `target?.name`.
    Field {
        target: ExprBox,
        name: Name,
        safe: bool,
    },
    /// `name(args)`, `target.name(args)` or `target?.name(args)`.
    Call {
        target: Option<ExprBox>,
        name: Name,
        args: Vec<Spanned<Expr>>,
        safe: bool,
    },
    /// `target[index]`.
    Index {
        target: ExprBox,
        index: ExprBox,
    },
    New(New),
    Unary {
        op: UnaryOp,
        operand: ExprBox,
    },
    Binary {
        op: BinaryOp,
        lhs: ExprBox,
        rhs: ExprBox,
    },
    /// `target = value`, or `target op= value` when `op` is set.
    Assign {
        op: Option<BinaryOp>,
        target: ExprBox,
        value: ExprBox,
    },
    Ternary {
        cond: ExprBox,
        then: ExprBox,
        otherwise: ExprBox,
    },
    Cast {
        ty: Spanned<TypeRef>,
        operand: ExprBox,
    },
    InstanceOf {
        operand: ExprBox,
        ty: Spanned<TypeRef>,
    },
    /// `Type.class`.
    ClassLiteral(Spanned<TypeRef>),
    /// `( expr )`, kept because `?.` stops skipping at a closing parenthesis.
    Paren(ExprBox),
    /// `[SELECT ...]`.
    Soql(Box<Query>),
    /// `[FIND ...]`.
    Sosl(Box<Search>),
    /// An expression the parser could not read; its diagnostic says why.
    Error,
}

pub use super::Ident;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Literal {
    Integer(i32),
    Long(i64),
    /// A decimal literal as written, keeping its scale (`19.230`).
    Decimal(String),
    /// A `d`-suffixed literal, digits as written without the suffix.
    Double(String),
    /// The value of a string literal, escapes resolved.
    String(String),
    Boolean(bool),
    Null,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum New {
    /// `new T(args)`, including SObject `new Account(Name = 'x')`.
    Object { ty: Spanned<TypeRef>, args: Vec<Spanned<Expr>> },
    /// `new List<T>{a, b}`, `new Set<T>{...}` or `new T[]{a, b}`.
    Collection { ty: Spanned<TypeRef>, items: Vec<Spanned<Expr>> },
    /// `new Map<K, V>{k => v, ...}`.
    Map { ty: Spanned<TypeRef>, entries: Vec<(Spanned<Expr>, Spanned<Expr>)> },
    /// `new T[size]`.
    Array { element: Spanned<TypeRef>, size: ExprBox },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum UnaryOp {
    Plus,
    Negate,
    Not,
    BitNot,
    PreIncrement,
    PreDecrement,
    PostIncrement,
    PostDecrement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BinaryOp {
    Mul,
    Div,
    Add,
    Sub,
    Shl,
    Shr,
    UShr,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    ExactEq,
    ExactNe,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
    Coalesce,
}
