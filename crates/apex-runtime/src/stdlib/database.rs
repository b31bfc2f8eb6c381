//! `System.Database`: insert, update, delete and undelete of a record or a list, with
//! `allOrNone` (true by default: a failure throws the DmlException the statement would; false:
//! each row gets its own result), their `SaveResult` / `DeleteResult` / `UndeleteResult` with
//! `Database.Error`, and `setSavepoint` / `rollback`.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_database.htm

use super::args::value as arg;
use super::dml::{self, Operation};
use super::{ret, Native, Ret};
use crate::eval::{Interp, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use apex_data::StoreError;
use std::rc::Rc;

const ANY: Ret = Ret::Ty(Ty::Any);

pub static STATIC: &[Native] = &[
    Native::interp("insert", 1, ANY, |i, a| call(i, a, Operation::Insert)).args(1, 3),
    Native::interp("update", 1, ANY, |i, a| call(i, a, Operation::Update)).args(1, 3),
    Native::interp("delete", 1, ANY, |i, a| call(i, a, Operation::Delete)).args(1, 3),
    Native::interp("undelete", 1, ANY, |i, a| call(i, a, Operation::Undelete)).args(1, 3),
    Native::interp("upsert", 1, ANY, |i, a| call(i, a, Operation::Upsert)).args(1, 4),
    // The compiler adds the caller's locals as a last argument, for the query's binds.
    Native::interp("query", 2, ANY, query).args(2, 3),
    Native::interp("countquery", 2, ret::INTEGER, query).args(2, 3),
    Native::interp("querywithbinds", 2, ANY, query_with_binds).args(2, 3),
    Native::interp("countquerywithbinds", 2, ret::INTEGER, query_with_binds).args(2, 3),
    Native::interp("setsavepoint", 0, Ret::Ty(Ty::System("Savepoint")), set_savepoint),
    Native::interp("rollback", 1, ret::VOID, rollback),
];

pub const RESULT_CLASS: &str = "Database.SaveResult";
pub const ERROR_CLASS: &str = "Database.Error";
pub const SAVEPOINT_CLASS: &str = "Savepoint";

/// The methods of SaveResult, DeleteResult and UndeleteResult.
pub static RESULT_INSTANCE: &[Native] = &[
    Native::pure("issuccess", 0, ret::BOOLEAN, |a| with_result(a, |r| Value::Boolean(r.errors.is_empty()))),
    Native::pure("getid", 0, ret::ID, |a| with_result(a, |r| r.id.clone())),
    // `sr.id` and `sr.success` read the same values as the getters.
    Native::pure("id", 0, ret::ID, |a| with_result(a, |r| r.id.clone())),
    Native::pure("success", 0, ret::BOOLEAN, |a| with_result(a, |r| Value::Boolean(r.errors.is_empty()))),
    Native::pure("iscreated", 0, ret::BOOLEAN, |a| with_result(a, |r| Value::Boolean(r.created))),
    Native::pure("geterrors", 0, ANY, |a| {
        with_result(a, |r| {
            let errors =
                r.errors.iter().map(|e| Value::Native(Rc::new(NativeObject::new(ERROR_CLASS, e.clone())))).collect();
            Value::list(errors, Ty::System(ERROR_CLASS))
        })
    }),
];

/// The methods of `Database.Error`. The status code is a `StatusCode` constant.
pub static ERROR_INSTANCE: &[Native] = &[
    Native::pure("getmessage", 0, ret::STRING, |a| with_error(a, |e| Value::string(e.message.as_str()))),
    Native::pure("getstatuscode", 0, Ret::Ty(Ty::Class(super::SysEnum::StatusCode.class_id())), |a| {
        with_error(a, |e| super::dml_exception::status_code(e.code))
    }),
    Native::pure("getfields", 0, Ret::ListOfString, |a| {
        with_error(a, |e| Value::list(e.fields.iter().map(|f| Value::string(f.as_str())).collect(), Ty::String))
    }),
];

/// One row's outcome.
struct RowResult {
    id: Value,
    errors: Vec<StoreError>,
    /// An upsert inserted the record (`UpsertResult.isCreated()`).
    created: bool,
}

/// `Database.insert(records [, allOrNone] [, accessLevel])` and the others;
/// `Database.upsert(records [, externalIdField] [, allOrNone] [, accessLevel])`.
fn call(interp: &mut Interp, args: &[Value], op: Operation) -> Result<Value, Throw> {
    let target = arg(args, 0)?.clone();
    let rest = args.get(1..).unwrap_or_default();
    let all_or_none = !rest.iter().any(|a| matches!(a, Value::Boolean(false)));
    let key = match (op, rest.first()) {
        (Operation::Upsert, Some(field @ (Value::Native(_) | Value::String(_)))) => dml::upsert_key(field)?,
        _ => None,
    };
    let records = dml::records_of(&target)?;
    if rest.iter().any(super::security::is_user_mode) {
        super::security::check_dml(interp, &records, op)?;
    }
    let outcomes: Vec<Result<bool, StoreError>> = if all_or_none {
        dml::run_keyed(interp, &target, op, key.as_deref())?.into_iter().map(Ok).collect()
    } else {
        dml::run_each(interp, &records, op, key.as_deref())?
    };
    let results: Vec<Value> = records
        .iter()
        .zip(outcomes)
        .map(|(record, outcome)| {
            let id = record.get("Id").unwrap_or(Value::Null);
            let created = matches!(outcome, Ok(true)) && op == Operation::Upsert;
            let result = RowResult { id, errors: outcome.err().into_iter().collect(), created };
            Value::Native(Rc::new(NativeObject::new(RESULT_CLASS, result)))
        })
        .collect();
    Ok(match target {
        Value::List(_) => Value::list(results, Ty::System(RESULT_CLASS)),
        _ => results.into_iter().next().unwrap_or(Value::Null),
    })
}

fn with_result(args: &[Value], f: impl FnOnce(&RowResult) -> Value) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => n.state::<RowResult>().map(|r| f(&r)).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

fn with_error(args: &[Value], f: impl FnOnce(&StoreError) -> Value) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => n.state::<StoreError>().map(|e| f(&e)).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

/// `Database.query(soql)` and `countQuery`: a query made at run time, whose bind variables
/// name the caller's locals (passed by the compiler as the last argument).
fn query(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let Some(Value::Map(locals)) = args.last() else {
        return Err(Throw::unsupported("Database.query without the caller's locals"));
    };
    let soql = parse(interp, super::args::text(args, 0)?)?;
    let user_mode = args.get(1).is_some_and(super::security::is_user_mode);
    super::soql::run_named(interp, &soql, locals, user_mode)
}

/// `Database.queryWithBinds(soql, bindMap, accessLevel)`: the binds come from the map.
fn query_with_binds(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let soql = parse(interp, super::args::text(args, 0)?)?;
    let user_mode = args.get(2).is_some_and(super::security::is_user_mode);
    match arg(args, 1)? {
        Value::Map(binds) => super::soql::run_named(interp, &soql, binds, user_mode),
        _ => Err(Throw::null_pointer()),
    }
}

/// A query's text, parsed as the compiler parses `[...]`.
fn parse(interp: &Interp, text: &str) -> Result<crate::ir::SoqlExpr, Throw> {
    let query = apex_syntax::parse_soql(text, apex_syntax::FileId(u32::MAX)).map_err(|errors| {
        // The query was parsed inside `[...]`: the closing bracket is the end of the text.
        let reason =
            errors.first().map_or_else(|| "malformed query".to_string(), |d| d.message.replace("`]`", "end of query"));
        Throw::sys(crate::eval::SysExc::Query, format!("malformed query: {reason}"))
    })?;
    let object = query.from.node.object.0.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(".");
    let object = interp.program.schema.object(&object).map_or(object, |o| o.name.clone());
    Ok(crate::ir::SoqlExpr { query, binds: Vec::new(), object, single: false })
}

/// A savepoint: a name in the store's savepoint stack.
struct SavepointState {
    name: String,
}

fn set_savepoint(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let store = dml::store(interp)?;
    let name = format!("apex_savepoint_{}", store_counter());
    store.savepoint(&name).map_err(|e| Throw::unsupported(e.to_string()))?;
    Ok(Value::Native(Rc::new(NativeObject::new(SAVEPOINT_CLASS, SavepointState { name }))))
}

/// A number for each savepoint name, unique within the process.
fn store_counter() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn rollback(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let name = match arg(args, 0)? {
        Value::Native(n) => n.state::<SavepointState>().map(|s| s.name.clone()).ok_or_else(Throw::null_pointer)?,
        _ => return Err(Throw::null_pointer()),
    };
    let store = dml::store(interp)?;
    store.rollback_to(&name).map_err(|e| Throw::unsupported(e.to_string()))?;
    Ok(Value::Null)
}
