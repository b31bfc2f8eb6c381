//! Inline SOQL at compile time: the bind expressions (subqueries' too) are compiled where
//! they stand, and the type is a list of the queried sObject, `List<AggregateResult>` for an
//! aggregate query, or Integer for `SELECT COUNT()`.

use super::body::Body;
use super::expr::compile_expr;
use crate::ir::{Expr, SoqlExpr, SoslExpr};
use crate::types::Ty;
use apex_syntax::ast::{Condition, Query, QueryValue, Search, SearchTerm, SelectItem};
use apex_syntax::Spanned;

pub(super) fn compile(b: &mut Body, query: &Query) -> (Expr, Ty) {
    let written = query.from.node.object.0.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(".");
    // An object the schema does not know yet is left to the store, which refuses it at run
    // time with the platform's INVALID_TYPE message.
    let object = b.c.program.schema.object(&written).map_or(written.clone(), |schema| schema.name.clone());
    let mut binds = Vec::new();
    query_binds(b, query, &mut binds);
    let ty = if apex_data::soql::is_aggregate(query) {
        Ty::list_of(Ty::SObject(Some(apex_data::soql::AGGREGATE_RESULT.to_string())))
    } else if apex_data::soql::is_count(query) {
        Ty::Integer
    } else {
        Ty::list_of(Ty::SObject(Some(object.clone())))
    };
    (Expr::Soql(Box::new(SoqlExpr { query: query.clone(), binds, object, single: false })), ty)
}

/// `[FIND ... RETURNING ...]`: a `List<List<SObject>>`, binds compiled like a query's.
pub(super) fn compile_search(b: &mut Body, search: &Search) -> (Expr, Ty) {
    let mut binds = Vec::new();
    if let SearchTerm::Bind(expr) = &search.term.node {
        let (compiled, _) = compile_expr(b, expr);
        binds.push((expr.span.start, compiled));
    }
    for returning in &search.returning {
        if let Some(filter) = &returning.node.filter {
            condition_binds(b, &filter.node, &mut binds);
        }
        for value in [&returning.node.limit].into_iter().flatten() {
            value_binds(b, value, &mut binds);
        }
    }
    if let Some(limit) = &search.limit {
        value_binds(b, limit, &mut binds);
    }
    let ty = Ty::list_of(Ty::list_of(Ty::SObject(None)));
    (Expr::Sosl(Box::new(SoslExpr { search: search.clone(), binds })), ty)
}

/// The binds of a query and of its subqueries, in the order they are written.
fn query_binds(b: &mut Body, query: &Query, binds: &mut Vec<(u32, Expr)>) {
    for item in &query.select {
        if let SelectItem::Subquery(subquery) = &item.node {
            query_binds(b, subquery, binds);
        }
    }
    for condition in [&query.filter, &query.having].into_iter().flatten() {
        condition_binds(b, &condition.node, binds);
    }
    for value in [&query.limit, &query.offset].into_iter().flatten() {
        value_binds(b, value, binds);
    }
}

fn condition_binds(b: &mut Body, condition: &Condition, binds: &mut Vec<(u32, Expr)>) {
    match condition {
        Condition::And(l, r) | Condition::Or(l, r) => {
            condition_binds(b, &l.node, binds);
            condition_binds(b, &r.node, binds);
        }
        Condition::Not(c) | Condition::Paren(c) => condition_binds(b, &c.node, binds),
        Condition::Compare { rhs, .. } => value_binds(b, rhs, binds),
    }
}

fn value_binds(b: &mut Body, value: &Spanned<QueryValue>, binds: &mut Vec<(u32, Expr)>) {
    match &value.node {
        QueryValue::Bind(expr) => {
            let (compiled, _) = compile_expr(b, expr);
            binds.push((expr.span.start, compiled));
        }
        QueryValue::List(items) => items.iter().for_each(|item| value_binds(b, item, binds)),
        QueryValue::Subquery(query) => query_binds(b, query, binds),
        _ => {}
    }
}
