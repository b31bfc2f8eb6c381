//! Inline SOQL (`[SELECT ...]`) and SOSL (`[FIND ...]`) queries, with their `:bind` expressions.

use super::{Expr, Literal, Name};
use crate::span::Spanned;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Query {
    pub select: Vec<Spanned<SelectItem>>,
    pub from: Spanned<FromClause>,
    pub using_scope: Option<Name>,
    pub filter: Option<Spanned<Condition>>,
    pub with: Option<Spanned<WithClause>>,
    pub group_by: Option<Spanned<GroupBy>>,
    pub having: Option<Spanned<Condition>>,
    pub order_by: Vec<Spanned<OrderItem>>,
    pub limit: Option<Spanned<QueryValue>>,
    pub offset: Option<Spanned<QueryValue>>,
    /// `FOR VIEW`, `FOR REFERENCE`, `FOR UPDATE`.
    pub for_clause: Option<Name>,
    /// `UPDATE TRACKING`, `UPDATE VIEWSTAT`.
    pub update_clause: Option<Name>,
    pub all_rows: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum SelectItem {
    /// `Name`, `Account.Owner.Name`, with an optional alias.
    Field { path: FieldPath, alias: Option<Name> },
    /// `COUNT()`, `MAX(Amount) total`, `toLabel(Status)`, `FIELDS(ALL)`.
    Function { call: FunctionCall, alias: Option<Name> },
    /// `(SELECT Id FROM Contacts)`.
    Subquery(Box<Query>),
    /// `TYPEOF What WHEN Account THEN Phone ELSE Name END`.
    TypeOf { field: Name, whens: Vec<(Name, Vec<FieldPath>)>, otherwise: Vec<FieldPath> },
}

/// A dotted field reference: `Account.Owner.Name`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldPath(pub Vec<Name>);

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionCall {
    pub name: Name,
    pub args: Vec<Spanned<FieldExpr>>,
}

/// What a condition, grouping or ordering refers to: a field or a function of fields.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum FieldExpr {
    Field(FieldPath),
    Function(FunctionCall),
    /// A literal argument, as in `DISTANCE(Location__c, GEOLOCATION(37.7, -122.4), 'mi')`.
    Value(QueryValue),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FromClause {
    pub object: FieldPath,
    pub alias: Option<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Condition {
    And(Box<Spanned<Condition>>, Box<Spanned<Condition>>),
    Or(Box<Spanned<Condition>>, Box<Spanned<Condition>>),
    Not(Box<Spanned<Condition>>),
    Compare { lhs: Spanned<FieldExpr>, op: CompareOp, rhs: Spanned<QueryValue> },
    Paren(Box<Spanned<Condition>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Like,
    In,
    NotIn,
    Includes,
    Excludes,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum QueryValue {
    Literal(Literal),
    /// `2024-01-31` or `2024-01-31T10:00:00Z`, as written.
    DateTime(String),
    /// `TODAY`, `LAST_N_DAYS:30`.
    DateLiteral {
        name: Name,
        n: Option<u32>,
    },
    /// `:expr`.
    Bind(Box<Spanned<Expr>>),
    /// `('a', 'b')`.
    List(Vec<Spanned<QueryValue>>),
    /// A semi-join: `IN (SELECT ...)`.
    Subquery(Box<Query>),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum WithClause {
    /// `SECURITY_ENFORCED`, `USER_MODE`, `SYSTEM_MODE`.
    Mode(Name),
    /// `DATA CATEGORY Geography__c AT usa__c AND ...`.
    DataCategory(Vec<Spanned<CategoryFilter>>),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryFilter {
    pub group: Name,
    /// `AT`, `ABOVE`, `BELOW` or `ABOVE_OR_BELOW`.
    pub selector: Name,
    pub categories: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupBy {
    /// `ROLLUP` or `CUBE` when the fields are wrapped in one.
    pub kind: Option<Name>,
    pub fields: Vec<Spanned<FieldExpr>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderItem {
    pub field: Spanned<FieldExpr>,
    pub descending: bool,
    /// `Some(true)` for `NULLS FIRST`, `Some(false)` for `NULLS LAST`.
    pub nulls_first: Option<bool>,
}

/// `[FIND 'term' IN ALL FIELDS RETURNING Account(Id, Name), Contact LIMIT 10]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Search {
    pub term: Spanned<SearchTerm>,
    /// `ALL`, `NAME`, `EMAIL`, `PHONE` or `SIDEBAR` from `IN ... FIELDS`.
    pub scope: Option<Name>,
    pub returning: Vec<Spanned<Returning>>,
    pub with: Vec<Spanned<SearchWith>>,
    pub limit: Option<Spanned<QueryValue>>,
    pub update_clause: Option<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum SearchTerm {
    /// `{term}`, braces removed.
    Braced(String),
    /// `'term'`.
    Quoted(String),
    Bind(Box<Spanned<Expr>>),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Returning {
    pub object: Name,
    pub fields: Vec<Spanned<SelectItem>>,
    pub filter: Option<Spanned<Condition>>,
    pub order_by: Vec<Spanned<OrderItem>>,
    pub limit: Option<Spanned<QueryValue>>,
}

/// `WITH DIVISION = 'Global'`, `WITH SNIPPET`, `WITH SPELL_CORRECTION = false`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchWith {
    pub name: Name,
    pub value: Option<Spanned<QueryValue>>,
}
