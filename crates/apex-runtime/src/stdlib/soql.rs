//! Inline SOQL at run time: bind values are evaluated, the query runs on the record store,
//! and rows become sObjects typed by the schema (parents as nested sObjects). One row for a
//! single-sObject assignment, or the platform's QueryException.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_SOQL.htm

use crate::compile::sobjects::apex_type;
use crate::eval::{Interp, SysExc, Throw};
use crate::ir::SoqlExpr;
use crate::types::Ty;
use crate::value::{MapObj, SObjectObj, Value};
use apex_data::soql::{check_access, BindValue, QueryContext, QueryMode};
use apex_data::{FieldValue, Record, StoreError};
use std::collections::HashMap;
use std::rc::Rc;

pub fn run(interp: &mut Interp, soql: &SoqlExpr) -> Result<Value, Throw> {
    let mut binds = HashMap::new();
    for (at, expr) in &soql.binds {
        let value = interp.eval(expr)?;
        binds.insert(*at, bind_value(&value));
    }
    execute(interp, soql, binds, QueryMode::of(&soql.query))
}

/// A query made at run time (`Database.query`, `queryWithBinds`): each bind names a variable
/// in `names` (a local in scope, or a key of the bind map), optionally followed by fields.
/// `user_mode` is an `AccessLevel.USER_MODE` argument; otherwise the query's WITH decides.
pub fn run_named(interp: &mut Interp, soql: &SoqlExpr, names: &MapObj, user_mode: bool) -> Result<Value, Throw> {
    let mut binds = HashMap::new();
    let mut exprs = Vec::new();
    super::soql_binds::collect(&soql.query, &mut exprs);
    for expr in exprs {
        let value = super::soql_binds::named_value(interp, expr, names)?;
        binds.insert(expr.span.start, bind_value(&value));
    }
    let mode = if user_mode { QueryMode::User } else { QueryMode::of(&soql.query) };
    execute(interp, soql, binds, mode)
}

fn execute(
    interp: &mut Interp,
    soql: &SoqlExpr,
    binds: HashMap<u32, BindValue>,
    mode: QueryMode,
) -> Result<Value, Throw> {
    interp.limits.queries += 1;
    if interp.limits.queries > 100 {
        return Err(Throw::sys(SysExc::Limit, format!("Too many SOQL queries: {}", interp.limits.queries)));
    }
    if mode != QueryMode::System {
        let access = super::security::access(interp)?;
        check_access(&interp.program.schema, &soql.query, &access, mode).map_err(query_error)?;
    }
    let today = crate::value::Datetime(interp.host.now_millis()).date().iso();
    let store = super::dml::store(interp)?;
    let mut bind = |expr: &apex_syntax::Spanned<apex_syntax::ast::Expr>| {
        // Only a query made at run time (`Database.query`) has binds nobody compiled.
        binds.get(&expr.span.start).cloned().ok_or_else(|| StoreError {
            code: "UNSUPPORTED",
            message: "bind variables in Database.query is not supported yet".into(),
            fields: Vec::new(),
        })
    };
    let mut context = QueryContext { bind: &mut bind, today: &today };
    let result = store.query(&soql.query, &mut context).map_err(query_error)?;
    interp.limits.query_rows += if result.count_only { 1 } else { rows(&result.records) };
    if interp.limits.query_rows > 50_000 {
        return Err(Throw::sys(SysExc::Limit, format!("Too many query rows: {}", interp.limits.query_rows)));
    }
    if result.count_only {
        return Ok(Value::Integer(result.total_size as i32));
    }
    let records: Vec<Value> = result.records.iter().map(|r| sobject(interp, r)).collect();
    if soql.single {
        return match records.len() {
            1 => Ok(records.into_iter().next().unwrap_or(Value::Null)),
            0 => Err(Throw::sys(SysExc::Query, "List has no rows for assignment to SObject")),
            _ => Err(Throw::sys(SysExc::Query, "List has more than 1 row for assignment to SObject")),
        };
    }
    Ok(Value::list(records, Ty::SObject(Some(soql.object.clone()))))
}

/// The rows a query retrieved, children of subqueries included, as the limit counts them.
fn rows(records: &[Record]) -> u32 {
    records
        .iter()
        .map(|r| {
            1 + r
                .fields
                .iter()
                .map(|(_, v)| if let FieldValue::Records(list) = v { rows(list) } else { 0 })
                .sum::<u32>()
        })
        .sum()
}

/// A bind's Apex value for the store: collections become lists (for `IN :ids`), sObjects
/// their Id.
pub(crate) fn bind_value(value: &Value) -> BindValue {
    match value {
        Value::List(list) => BindValue::Many(list.items.borrow().iter().map(one).collect()),
        Value::Set(set) => BindValue::Many(set.items.borrow().iter().map(|k| one(&k.0)).collect()),
        other => BindValue::One(one(other)),
    }
}

fn one(value: &Value) -> FieldValue {
    match value {
        Value::SObject(record) => record.get("Id").map_or(FieldValue::Null, |id| super::dml::to_field_value(&id)),
        other => super::dml::to_field_value(other),
    }
}

/// A row as an sObject, its fields converted to the Apex types of their schema types (an
/// aggregate's counts are Integers and its sums Decimals), children as lists.
pub(crate) fn sobject(interp: &Interp, record: &Record) -> Value {
    let object = SObjectObj::new(&record.object);
    object.queried.set(record.object != apex_data::soql::AGGREGATE_RESULT);
    let schema = interp.program.schema.object(&record.object);
    let aggregate = record.object == apex_data::soql::AGGREGATE_RESULT;
    for (name, value) in &record.fields {
        let ty = match schema.and_then(|s| s.field(name)) {
            Some(field) => Some(apex_type(&field.ty)),
            None if aggregate => Some(Ty::Integer),
            None => None,
        };
        let value = match value {
            FieldValue::Record(address) if address.object == apex_data::soql::COMPOUND_ADDRESS => {
                super::address::value(address)
            }
            FieldValue::Record(parent) => sobject(interp, parent),
            FieldValue::Records(children) => children_list(interp, schema, name, children),
            other => apex_value(other, ty.as_ref()),
        };
        object.put(name, value);
    }
    Value::SObject(Rc::new(object))
}

/// A subquery's rows as `List<Child>`.
fn children_list(
    interp: &Interp,
    schema: Option<&apex_data::schema::ObjectSchema>,
    relationship: &str,
    children: &[Record],
) -> Value {
    let child = schema.and_then(|s| s.child(relationship)).map(|c| c.child.clone());
    let records = children.iter().map(|r| sobject(interp, r)).collect();
    Value::list(records, Ty::SObject(child))
}

fn apex_value(value: &FieldValue, ty: Option<&Ty>) -> Value {
    match (value, ty) {
        (FieldValue::Null, _) => Value::Null,
        (FieldValue::Bool(b), _) => Value::Boolean(*b),
        (FieldValue::Int(n), Some(Ty::Integer)) => Value::Integer(*n as i32),
        (FieldValue::Int(n), Some(Ty::Decimal)) => Value::decimal((*n).into()),
        (FieldValue::Int(n), _) => Value::Long(*n),
        (FieldValue::Number(n), _) => {
            let text = crate::value::format::format_double(*n);
            crate::stdlib::number::decimal::parse(&text).map_or(Value::Double(*n), Value::decimal)
        }
        (FieldValue::Text(t), Some(Ty::Id)) => Value::Id(Rc::new(t.clone())),
        (FieldValue::Text(t), Some(Ty::Date)) => {
            crate::stdlib::date::parse_date(t).map_or_else(|| Value::string(t.as_str()), Value::Date)
        }
        (FieldValue::Text(t), Some(Ty::Datetime)) => {
            crate::stdlib::iso8601::parse_datetime(t).map_or_else(|| Value::string(t.as_str()), Value::Datetime)
        }
        (FieldValue::Text(t), _) => Value::string(t.as_str()),
        (FieldValue::Record(_) | FieldValue::Records(_), _) => Value::Null,
    }
}

/// A query the store refused, as the platform's QueryException (or a tool fault for what the
/// store does not support yet).
pub(crate) fn query_error(error: StoreError) -> Throw {
    if error.code == "UNSUPPORTED" {
        return Throw::unsupported(error.message.trim_end_matches(" is not supported yet"));
    }
    Throw::sys(SysExc::Query, error.message)
}
