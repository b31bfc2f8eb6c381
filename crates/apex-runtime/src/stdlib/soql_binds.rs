//! The bind variables of a query made at run time: found in its tree (subqueries and
//! semi-joins too) and looked up by name, as `Database.query` resolves them against the
//! caller's locals and `Database.queryWithBinds` against its map.

use crate::eval::{Interp, SysExc, Throw};
use crate::value::{Key, MapObj, Value};
use apex_syntax::ast::{Condition, Expr, Query, QueryValue, SelectItem};
use apex_syntax::Spanned;

/// Every `:expr` of the query, in the order written.
pub fn collect<'q>(query: &'q Query, out: &mut Vec<&'q Spanned<Expr>>) {
    for item in &query.select {
        if let SelectItem::Subquery(subquery) = &item.node {
            collect(subquery, out);
        }
    }
    for condition in [&query.filter, &query.having].into_iter().flatten() {
        condition_binds(&condition.node, out);
    }
    for value in [&query.limit, &query.offset].into_iter().flatten() {
        value_binds(&value.node, out);
    }
}

fn condition_binds<'q>(condition: &'q Condition, out: &mut Vec<&'q Spanned<Expr>>) {
    match condition {
        Condition::And(l, r) | Condition::Or(l, r) => {
            condition_binds(&l.node, out);
            condition_binds(&r.node, out);
        }
        Condition::Not(c) | Condition::Paren(c) => condition_binds(&c.node, out),
        Condition::Compare { rhs, .. } => value_binds(&rhs.node, out),
    }
}

fn value_binds<'q>(value: &'q QueryValue, out: &mut Vec<&'q Spanned<Expr>>) {
    match value {
        QueryValue::Bind(expr) => out.push(expr),
        QueryValue::List(items) => items.iter().for_each(|item| value_binds(&item.node, out)),
        QueryValue::Subquery(query) => collect(query, out),
        _ => {}
    }
}

/// The value of `:name` or `:name.Field`: the variable from `names` (exact key first, then
/// in any case, as Apex names are), then each field read in turn.
pub fn named_value(interp: &mut Interp, expr: &Spanned<Expr>, names: &MapObj) -> Result<Value, Throw> {
    match &expr.node {
        Expr::Name(name) => lookup(names, name.as_str())
            .ok_or_else(|| Throw::sys(SysExc::Query, format!("Variable does not exist: {}", name.as_str()))),
        Expr::Field { target, name, .. } => {
            let object = named_value(interp, target, names)?;
            interp.dyn_field(&object, name.as_str())
        }
        Expr::Paren(inner) => named_value(interp, inner, names),
        _ => Err(Throw::unsupported("bind expressions other than names and fields in a dynamic query")),
    }
}

fn lookup(names: &MapObj, name: &str) -> Option<Value> {
    let entries = names.entries.borrow();
    if let Some(value) = entries.get(&Key(Value::string(name))) {
        return Some(value.clone());
    }
    entries.iter().find(|(k, _)| k.0.as_str().is_some_and(|k| k.eq_ignore_ascii_case(name))).map(|(_, v)| v.clone())
}
