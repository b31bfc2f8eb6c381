//! The compiled form the evaluator runs: expressions and statements whose names are already
//! resolved to local slots, field slots, methods and native functions.

use crate::stdlib::NativeFn;
use crate::types::{ClassId, Ty};
use crate::value::Value;
use apex_syntax::ast::BinaryOp;
use apex_syntax::Span;

/// Index of a method (or constructor, accessor, initializer, script body) in the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MethodId(pub u32);

/// An interned method signature (`name(ParamType,...)`, case-folded), for virtual dispatch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SigId(pub u32);

#[derive(Debug)]
pub enum Expr {
    Const(Value),
    Local(u32),
    This,
    /// An instance field of the object `target` evaluates to.
    Field(Box<Expr>, u32),
    /// A static field; the class is initialized first.
    Static(ClassId, u32),
    Assign(Box<Place>, Box<Expr>),
    /// `place op= value`.
    Compound(Box<Place>, BinaryOp, Box<Expr>),
    /// `++x`, `x--`, ...: `delta` is +1 or -1; `prefix` says which value the expression yields.
    Step {
        place: Box<Place>,
        delta: i8,
        prefix: bool,
    },
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Coalesce(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    BitNot(Box<Expr>),
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Cast(Ty, Box<Expr>),
    InstanceOf(Box<Expr>, Ty),
    Call(Box<Call>),
    New(Box<NewExpr>),
    /// The receiver left of a `?.`: null here ends the whole chain with null.
    SafeTarget(Box<Expr>),
    /// A field read on a receiver whose class is only known at run time.
    DynField(Box<Expr>, String),
    /// The end of a chain holding `?.`: a null to the left of a `?.` makes the whole chain null.
    SafeScope(Box<Expr>),
    /// An inline SOQL query.
    Soql(Box<SoqlExpr>),
    /// `[FIND 'x' RETURNING Account]`.
    Sosl(Box<SoslExpr>),
    /// Reached at run time only: a construct the tool does not support yet.
    Unsupported(String),
}

/// `[SELECT ...]`: the query, its bind expressions keyed by where they start, and whether the
/// result is assigned to a single sObject (then it must have exactly one row).
#[derive(Debug)]
pub struct SoqlExpr {
    pub query: apex_syntax::ast::Query,
    pub binds: Vec<(u32, Expr)>,
    pub object: String,
    pub single: bool,
}

/// An inline SOSL search with its bind expressions, keyed like a query's.
#[derive(Debug)]
pub struct SoslExpr {
    pub search: apex_syntax::ast::Search,
    pub binds: Vec<(u32, Expr)>,
}

/// Something that can be assigned to.
#[derive(Debug)]
pub enum Place {
    Local(u32),
    Field(Expr, u32),
    Static(ClassId, u32),
    Index(Expr, Expr),
    DynField(Expr, String),
    /// A property with accessor bodies; a missing accessor means direct access to `slot`.
    Property {
        target: Expr,
        slot: u32,
        getter: Option<MethodId>,
        setter: Option<MethodId>,
    },
    StaticProperty {
        class: ClassId,
        slot: u32,
        getter: Option<MethodId>,
        setter: Option<MethodId>,
    },
    /// A target the tool cannot assign yet; assigning faults.
    Unsupported(String),
}

#[derive(Debug)]
pub enum Call {
    /// A static method, or an instance method called non-virtually (`super.m()`, private).
    Direct { receiver: Option<Expr>, method: MethodId, args: Vec<Expr> },
    /// The implicit `super()` of a class without constructors: runs its initializers.
    InitObject { class: ClassId },
    /// A virtual call: the receiver's class picks the method for `sig`.
    Virtual { receiver: Expr, sig: SigId, name: String, args: Vec<Expr> },
    /// A system-library method; for instance methods the receiver is `args[0]`.
    /// `receiver` says `args[0]` is the receiver, which must not be null.
    Native { func: NativeFn, name: &'static str, args: Vec<Expr>, receiver: bool },
    /// A call whose receiver type is only known at run time (`Object`).
    Dynamic { receiver: Expr, name: String, args: Vec<Expr> },
}

#[derive(Debug)]
pub enum NewExpr {
    Object {
        class: ClassId,
        ctor: Option<MethodId>,
        args: Vec<Expr>,
    },
    /// A built-in exception constructed by Apex code: `new ListException('x')`.
    Exception {
        class: ClassId,
        args: Vec<Expr>,
    },
    List {
        ty: Ty,
        items: Vec<Expr>,
    },
    /// `new Account(Name = 'x')`: the object and each named field's value.
    SObject {
        object: String,
        fields: Vec<(String, Expr)>,
    },
    /// `new List<T>(other)`, `new Set<T>(other)`, `new Map<K, V>(other)`.
    CopyOf {
        ty: Ty,
        source: Expr,
    },
    Array {
        ty: Ty,
        size: Expr,
    },
    Set {
        ty: Ty,
        items: Vec<Expr>,
    },
    Map {
        ty: Ty,
        entries: Vec<(Expr, Expr)>,
    },
}

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    /// A local declaration: the slot starts as `init` or null.
    Local(u32, Option<Expr>),
    Block(Vec<Stmt>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    DoWhile(Box<Stmt>, Expr),
    For {
        init: Vec<Stmt>,
        cond: Option<Expr>,
        update: Vec<Expr>,
        body: Box<Stmt>,
    },
    ForEach {
        slot: u32,
        iterable: Expr,
        body: Box<Stmt>,
    },
    Switch {
        subject: Expr,
        arms: Vec<SwitchArm>,
        otherwise: Option<Box<Stmt>>,
    },
    Return(Option<Expr>),
    Break,
    Continue,
    Throw(Expr),
    Try {
        body: Box<Stmt>,
        catches: Vec<CatchClause>,
        finally: Option<Box<Stmt>>,
    },
}

#[derive(Debug)]
pub struct SwitchArm {
    pub pattern: SwitchPattern,
    pub body: Stmt,
}

#[derive(Debug)]
pub enum SwitchPattern {
    Values(Vec<Value>),
    /// Bare constant names for a subject whose enum type is only known at run time.
    EnumNames(Vec<String>),
    /// `when Type name`: a type test binding the subject to a slot.
    Type(Ty, u32),
}

#[derive(Debug)]
pub struct CatchClause {
    pub class: ClassId,
    pub slot: u32,
    pub body: Stmt,
}
