//! DML statements (`insert`, `update`, `delete`, `undelete` of one record or a list) on the
//! org's record store, with the platform's DmlException wording: `Insert failed. First
//! exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing:
//! [Name]: [Name]`. Inserted records get their Id.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_dml_section.htm

use super::args::value as arg;
use super::{ret, Native};
use crate::eval::{Interp, SysExc, Throw};
use crate::value::{SObjectObj, Value};
use apex_data::{FieldValue, Id, Stamp, Store, StoreError};
use std::rc::Rc;

/// The DML operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Insert,
    Update,
    /// Update the records that have an Id, insert the others.
    Upsert,
    Delete,
    Undelete,
}

impl Operation {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Operation::Insert => "Insert",
            Operation::Update => "Update",
            Operation::Upsert => "Upsert",
            Operation::Delete => "Delete",
            Operation::Undelete => "Undelete",
        }
    }
}

pub static INSERT: Native = Native::interp("insert", 1, ret::VOID, insert).args(1, 2);
pub static UPDATE: Native = Native::interp("update", 1, ret::VOID, update).args(1, 2);
pub static UPSERT: Native =
    Native::interp("upsert", 1, ret::VOID, |i, a| statement(i, a, Operation::Upsert)).args(1, 2);
pub static DELETE: Native = Native::interp("delete", 1, ret::VOID, delete).args(1, 2);
pub static UNDELETE: Native = Native::interp("undelete", 1, ret::VOID, undelete).args(1, 2);

pub fn insert(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    statement(interp, args, Operation::Insert)
}

pub fn update(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    statement(interp, args, Operation::Update)
}

pub fn delete(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    statement(interp, args, Operation::Delete)
}

pub fn undelete(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    statement(interp, args, Operation::Undelete)
}

/// A DML statement's arguments: the record or list, then `AccessLevel.USER_MODE` for
/// `insert as user` (user mode checks the running user's permissions first).
fn statement(interp: &mut Interp, args: &[Value], op: Operation) -> Result<Value, Throw> {
    let target = arg(args, 0)?;
    if args.iter().skip(1).any(super::security::is_user_mode) {
        super::security::check_dml(interp, &records_of(target)?, op)?;
    }
    run(interp, target, op)
}

/// One DML statement on a record or a list of records: counted against the limit, then
/// applied row by row; the first failing row ends it with a DmlException.
pub(crate) fn run(interp: &mut Interp, target: &Value, op: Operation) -> Result<Value, Throw> {
    run_keyed(interp, target, op, None).map(|_| Value::Null)
}

/// `upsert records Account.Code__c;`: upsert matching on an external Id field.
pub static UPSERT_BY: Native = Native::interp("upsert", 2, ret::VOID, |i, a| {
    let key = upsert_key(arg(a, 1)?)?;
    if a.iter().skip(2).any(super::security::is_user_mode) {
        super::security::check_dml(i, &records_of(arg(a, 0)?)?, Operation::Upsert)?;
    }
    run_keyed(i, arg(a, 0)?, Operation::Upsert, key.as_deref()).map(|_| Value::Null)
})
.args(2, 3);

/// The field an upsert matches on: a field token or its name; None for the Id.
pub(crate) fn upsert_key(value: &Value) -> Result<Option<String>, Throw> {
    match super::describe::field_name(value) {
        Some(name) if name.eq_ignore_ascii_case("Id") => Ok(None),
        Some(name) => Ok(Some(name)),
        None if value.is_null() => Err(Throw::null_pointer()),
        None => Err(Throw::unsupported("an upsert key that is not a field")),
    }
}

/// One all-or-nothing DML statement; for each row, whether it was created (upsert).
pub(crate) fn run_keyed(
    interp: &mut Interp,
    target: &Value,
    op: Operation,
    key: Option<&str>,
) -> Result<Vec<bool>, Throw> {
    let records = records_of(target)?;
    let (user, now) = begin_statement(interp, records.len())?;
    let store = store(interp)?;
    // A statement changes all of its rows or none: a failing row undoes the earlier ones, and
    // records inserted before it lose their new Ids again.
    let had_id: Vec<bool> = records.iter().map(|r| r.get("Id").is_some_and(|v| !v.is_null())).collect();
    store.savepoint(STATEMENT).map_err(|e| Throw::unsupported(e.to_string()))?;
    let stamp = Stamp { user: &user, now: &now };
    let mut created = Vec::with_capacity(records.len());
    let mut failure = None;
    for (row, record) in records.iter().enumerate() {
        match apply(store, record, op, key, &stamp) {
            Ok(new) => created.push(new),
            Err(error) => {
                failure = Some((row, error));
                break;
            }
        }
    }
    match failure {
        None => {
            store.release(STATEMENT).map_err(|e| Throw::unsupported(e.to_string()))?;
            Ok(created)
        }
        Some((row, error)) => {
            store
                .rollback_to(STATEMENT)
                .and_then(|_| store.release(STATEMENT))
                .map_err(|e| Throw::unsupported(e.to_string()))?;
            if matches!(op, Operation::Insert | Operation::Upsert) {
                records[..row]
                    .iter()
                    .zip(&had_id)
                    .filter(|(_, had)| !**had)
                    .for_each(|(r, _)| r.put("Id", Value::Null));
            }
            let id = records[row].get("Id").filter(|v| !v.is_null() && had_id[row]);
            Err(dml_exception(interp, op, row, &records[row], id, error))
        }
    }
}

/// Counts a DML statement and its rows against the limits and returns who writes and when
/// (the running user's Id and the clock as ISO 8601), for the audit fields.
fn begin_statement(interp: &mut Interp, rows: usize) -> Result<(Id, String), Throw> {
    interp.limits.dml_statements += 1;
    if interp.limits.dml_statements > 150 {
        return Err(Throw::sys(SysExc::Limit, format!("Too many DML statements: {}", interp.limits.dml_statements)));
    }
    interp.limits.dml_rows = interp.limits.dml_rows.saturating_add(rows as u32);
    if interp.limits.dml_rows > 10_000 {
        return Err(Throw::sys(SysExc::Limit, format!("Too many DML rows: {}", interp.limits.dml_rows)));
    }
    let user = Id::parse(&interp.user().user_id)
        .ok_or_else(|| Throw::unsupported(format!("DML as a user whose Id is {}", interp.user().user_id)))?;
    let now = crate::stdlib::iso8601::format_datetime(crate::value::Datetime(interp.host.now_millis()));
    Ok((user, now))
}

/// The savepoint around one DML statement.
const STATEMENT: &str = "dml_statement";

/// `Database.insert(records, false)` and friends: every row on its own, each failure kept
/// as that row's result instead of ending the call. Counts as one DML statement.
pub(crate) fn run_each(
    interp: &mut Interp,
    records: &[Rc<SObjectObj>],
    op: Operation,
    key: Option<&str>,
) -> Result<Vec<Result<bool, StoreError>>, Throw> {
    let (user, now) = begin_statement(interp, records.len())?;
    let store = store(interp)?;
    let stamp = Stamp { user: &user, now: &now };
    let fault = |e: StoreError| Throw::unsupported(e.to_string());
    let mut results = Vec::with_capacity(records.len());
    for record in records {
        store.savepoint(STATEMENT).map_err(fault)?;
        let result = apply(store, record, op, key, &stamp);
        if result.is_err() {
            store.rollback_to(STATEMENT).map_err(fault)?;
        }
        store.release(STATEMENT).map_err(fault)?;
        results.push(result);
    }
    Ok(results)
}

/// The store, made in memory with the program's schema on first use and seeded with the
/// org's own records (the organization, the standard profiles, the running user).
pub fn store<'s>(interp: &'s mut Interp) -> Result<&'s mut Store, Throw> {
    if interp.store.is_none() {
        let fault = |e: StoreError| Throw::unsupported(e.to_string());
        let mut store = Store::in_memory(interp.program.schema.clone()).map_err(fault)?;
        seed(interp, &mut store).map_err(fault)?;
        interp.store = Some(store);
    }
    interp.store.as_mut().ok_or_else(|| Throw::unsupported("the record store"))
}

fn seed(interp: &mut Interp, store: &mut Store) -> Result<(), StoreError> {
    let now = interp.host.now_millis();
    seed_org(interp.host.user(), now, store)
}

/// Gives a store the org's own records for this user, unless it has them already (a data
/// file from an earlier run).
pub fn seed_org(user: &crate::user::RunningUser, now_millis: i64, store: &mut Store) -> Result<(), StoreError> {
    let now = crate::stdlib::iso8601::format_datetime(crate::value::Datetime(now_millis));
    let id = |text: &str, what: &str| {
        Id::parse(text).ok_or_else(|| StoreError {
            code: "INVALID_ID",
            message: format!("the {what} Id {text} is not an Id"),
            fields: Vec::new(),
        })
    };
    let (org_id, user_id, profile_id) =
        (id(&user.organization_id, "organization")?, id(&user.user_id, "user")?, id(&user.profile_id, "profile")?);
    let username = user.user_name.clone();
    store.seed_org(&apex_data::OrgSeed {
        org_id: &org_id,
        org_name: &user.organization_name,
        user_id: &user_id,
        username: &username,
        first_name: &user.first_name,
        last_name: &user.last_name,
        email: &user.email,
        profile_id: &profile_id,
        time_zone: &user.time_zone,
        locale: &user.locale,
        language: &user.language,
        now: &now,
    })
}

pub(crate) fn records_of(target: &Value) -> Result<Vec<Rc<SObjectObj>>, Throw> {
    match target {
        Value::SObject(record) => Ok(vec![Rc::clone(record)]),
        Value::List(list) => list
            .items
            .borrow()
            .iter()
            .map(|item| match item {
                Value::SObject(record) => Ok(Rc::clone(record)),
                _ => Err(Throw::null_pointer()),
            })
            .collect(),
        Value::Null => Err(Throw::null_pointer()),
        _ => Err(Throw::unsupported("DML on this value")),
    }
}

/// Applies one row; true when it created a record.
fn apply(
    store: &mut Store,
    record: &SObjectObj,
    op: Operation,
    key: Option<&str>,
    stamp: &Stamp,
) -> Result<bool, StoreError> {
    if matches!(op, Operation::Insert | Operation::Update | Operation::Upsert) {
        resolve_parents(store, record)?;
    }
    let id = record.get("Id").and_then(|v| v.as_str().and_then(Id::parse));
    match (op, id, key) {
        (Operation::Upsert, None, Some(key)) => {
            let upserted = store.upsert(&record.object, key, &field_values(store, record), stamp)?;
            record.put("Id", Value::Id(Rc::new(upserted.id.to_string())));
            Ok(upserted.created)
        }
        (Operation::Upsert, None, None) => apply(store, record, Operation::Insert, None, stamp),
        (Operation::Upsert, Some(id), _) => {
            store.update(&record.object, &id, &field_values(store, record), stamp).map(|_| false)
        }
        (Operation::Insert, Some(_), _) => {
            Err(error("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", &["Id"]))
        }
        (Operation::Insert, None, _) => {
            let id = store.insert(&record.object, &field_values(store, record), stamp)?;
            record.put("Id", Value::Id(Rc::new(id.to_string())));
            Ok(true)
        }
        (_, None, _) => Err(error(
            "MISSING_ARGUMENT",
            &format!("Id not specified in an {} call", op.word().to_ascii_lowercase()),
            &[],
        )),
        (Operation::Update, Some(id), _) => {
            store.update(&record.object, &id, &field_values(store, record), stamp).map(|_| false)
        }
        (Operation::Delete, Some(id), _) => store.delete(&record.object, &id).map(|_| false),
        (Operation::Undelete, Some(id), _) => store.undelete(&record.object, &id).map(|_| false),
    }
}

fn error(code: &'static str, message: &str, fields: &[&str]) -> StoreError {
    StoreError { code, message: message.to_string(), fields: fields.iter().map(|f| f.to_string()).collect() }
}

/// The fields a record carries for the store: what was set or queried, except the Id, the
/// fields only the platform writes (`CreatedDate`, ...) and parent and child records, which DML ignores
/// as the platform does.
fn field_values(store: &Store, record: &SObjectObj) -> Vec<(String, FieldValue)> {
    let schema = store.schema().object(&record.object);
    record
        .fields
        .borrow()
        .values()
        .filter(|(name, value)| {
            let system = schema.and_then(|s| s.field(name)).is_some_and(|f| f.system);
            let related = schema.is_some_and(|s| {
                s.field(name).is_none() && (s.relationship(name).is_some() || s.child(name).is_some())
            });
            !name.eq_ignore_ascii_case("Id") && !system && !related && !matches!(value, Value::SObject(_))
        })
        .map(|(name, value)| (name.clone(), to_field_value(value)))
        .collect()
}

/// Sets the lookup behind each parent record that names its parent by an external Id
/// (`contact.Account = new Account(Code__c = 'A1')`), as the platform's DML does.
fn resolve_parents(store: &mut Store, record: &SObjectObj) -> Result<(), StoreError> {
    let parents: Vec<(String, Rc<SObjectObj>)> = record
        .fields
        .borrow()
        .values()
        .filter_map(|(name, value)| match value {
            Value::SObject(parent) => Some((name.clone(), Rc::clone(parent))),
            _ => None,
        })
        .collect();
    for (relationship, parent) in parents {
        let Some(lookup) = store.schema().object(&record.object).and_then(|s| s.relationship(&relationship)) else {
            continue;
        };
        let lookup = lookup.name.clone();
        let id = match parent.get("Id").and_then(|v| v.as_str().map(str::to_string)) {
            Some(id) => id,
            None => match parent_by_external_id(store, &parent)? {
                Some(id) => id,
                None => continue,
            },
        };
        record.put(&lookup, Value::Id(Rc::new(id)));
    }
    Ok(())
}

/// The Id of the record an external Id field of `parent` names.
fn parent_by_external_id(store: &mut Store, parent: &SObjectObj) -> Result<Option<String>, StoreError> {
    let keys: Vec<(String, Value)> = parent.fields.borrow().values().cloned().collect();
    for (field, value) in keys {
        let external =
            store.schema().object(&parent.object).and_then(|o| o.field(&field)).is_some_and(|f| f.external_id);
        if !external || value.is_null() {
            continue;
        }
        let key = to_field_value(&value);
        let found = store.ids_where(&parent.object, &field, &key)?;
        let shown = value.as_str().map(str::to_string).unwrap_or_else(|| format!("{value:?}"));
        return match found.as_slice() {
            [id] => Ok(Some(id.to_string())),
            [] => Err(error(
                "INVALID_FIELD",
                &format!("Foreign key external ID: {shown} not found for field {field} in entity {}", parent.object),
                &[],
            )),
            _ => Err(error(
                "INVALID_FIELD",
                &format!(
                    "Foreign key external ID: {shown} matched more than one record for field {field} in entity {}",
                    parent.object
                ),
                &[],
            )),
        };
    }
    Ok(None)
}

/// An Apex value as the store keeps it.
pub fn to_field_value(value: &Value) -> FieldValue {
    match value {
        Value::Null => FieldValue::Null,
        Value::Boolean(b) => FieldValue::Bool(*b),
        Value::Integer(n) => FieldValue::Int(*n as i64),
        Value::Long(n) => FieldValue::Int(*n),
        Value::Double(d) => FieldValue::Number(*d),
        Value::Decimal(d) => FieldValue::Number(crate::stdlib::number::decimal::to_f64(d)),
        Value::String(s) | Value::Id(s) => FieldValue::Text(s.to_string()),
        Value::Date(d) => FieldValue::Text(d.iso()),
        Value::Datetime(d) => FieldValue::Text(crate::stdlib::iso8601::format_datetime(*d)),
        Value::Time(t) => FieldValue::Text(t.display()),
        other => FieldValue::Text(format!("{other:?}")),
    }
}

/// `Insert failed. First exception on row 0; first error: CODE, message: [fields]`, with
/// `with id X` after the row number when the record has an Id; the row's details stay on the
/// exception for `getDmlType` and friends.
pub(crate) fn dml_exception(
    interp: &mut Interp,
    op: Operation,
    row: usize,
    record: &SObjectObj,
    id: Option<Value>,
    error: StoreError,
) -> Throw {
    let with_id = id.as_ref().and_then(|v| v.as_str().map(|s| format!(" with id {s}"))).unwrap_or_default();
    let message = format!(
        "{} failed. First exception on row {row}{with_id}; first error: {}, {}: [{}]",
        op.word(),
        error.code,
        error.message,
        error.fields.join(", ")
    );
    let failure =
        super::dml_exception::Failure { row, id: id.unwrap_or(Value::Null), object: record.object.clone(), error };
    super::dml_exception::throw(interp, message, vec![failure])
}
