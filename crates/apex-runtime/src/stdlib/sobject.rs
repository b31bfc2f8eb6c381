//! Methods of every sObject: `get` and `put` by field name, `isSet`,
//! `getPopulatedFieldsAsMap`, `clone`, and the Object methods.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_sobject.htm

use super::args::{text, value as arg};
use super::{ret, Native, Ret};
use crate::compile::sobjects::apex_type;
use crate::eval::{is_instance, runtime_type_name, to_id, Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::{Key, MapObj, SObjectObj, Value};
use std::rc::Rc;

pub static INSTANCE: &[Native] = &[
    Native::interp("get", 1, ret::OBJECT, get),
    Native::pure("getsobjecttype", 0, Ret::Ty(Ty::System(super::describe::OBJECT_TYPE)), super::describe::sobject_type),
    Native::interp("put", 2, ret::OBJECT, put),
    Native::pure("isset", 1, ret::BOOLEAN, is_set),
    Native::pure("getpopulatedfieldsasmap", 0, Ret::Ty(Ty::Any), populated),
    Native::pure("clone", 0, Ret::Receiver, clone).args(0, 4),
    Native::interp("equals", 1, ret::BOOLEAN, |i, a| Ok(Value::Boolean(i.apex_equals(arg(a, 0)?, arg(a, 1)?)?))),
    Native::pure("hashcode", 0, ret::INTEGER, |a| Ok(Value::Integer(super::set::hash_code(arg(a, 0)?)))),
    Native::interp("tostring", 0, ret::STRING, |i, a| Ok(Value::string(i.stringify(arg(a, 0)?)?))),
    Native::pure("getsobject", 1, Ret::Ty(Ty::SObject(None)), related),
    Native::pure("getsobjects", 1, Ret::Ty(Ty::Any), related),
    Native::pure("putsobject", 2, Ret::Ty(Ty::SObject(None)), put_related),
];

/// `getSObject('Account')` (a parent record) and `getSObjects('Contacts')` (the child records
/// a subquery returned); null when the record holds none.
fn related(args: &[Value]) -> Result<Value, Throw> {
    let record = record(args)?;
    let name = field_name(args)?;
    Ok(record.get(&name).unwrap_or(Value::Null))
}

/// `putSObject('Account', parent)`: sets a parent record and returns the previous one.
fn put_related(args: &[Value]) -> Result<Value, Throw> {
    let record = record(args)?;
    let name = field_name(args)?;
    let previous = record.get(&name).unwrap_or(Value::Null);
    record.put(&name, arg(args, 2)?.clone());
    Ok(previous)
}

fn record(args: &[Value]) -> Result<&Rc<SObjectObj>, Throw> {
    match arg(args, 0)? {
        Value::SObject(record) => Ok(record),
        _ => Err(Throw::null_pointer()),
    }
}

fn get(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let record = record(args)?;
    let name = field_name(args)?;
    match record.get(&name) {
        Some(value) => Ok(value),
        None => absent_field(interp.program, record, &name),
    }
}

/// Reading a field that was never set: null, except on a row a query returned without
/// selecting that field, where the platform throws.
pub fn absent_field(program: &crate::program::Program, record: &SObjectObj, name: &str) -> Result<Value, Throw> {
    if !record.queried.get() {
        return Ok(Value::Null);
    }
    match program.schema.object(&record.object).and_then(|o| o.field(name)) {
        Some(field) => Err(Throw::sys(
            SysExc::SObject,
            format!(
                "SObject row was retrieved via SOQL without querying the requested field: {}.{}",
                record.object, field.name
            ),
        )),
        None => Ok(Value::Null),
    }
}

/// The field `get`/`put` name: a String or an `SObjectField` token (`Account.Name`).
fn field_name(args: &[Value]) -> Result<String, Throw> {
    match super::describe::field_name(arg(args, 1)?) {
        Some(name) => Ok(name),
        None => text(args, 1).map(str::to_string),
    }
}

/// `put` returns the field's previous value. The value must suit the field's type: an Id
/// field takes an Id or its text (kept in 18 characters), other fields what assignment takes.
fn put(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let record = record(args)?;
    let name = &field_name(args)?;
    let value = arg(args, 2)?.clone();
    let ty = interp.program.schema.object(&record.object).and_then(|o| o.field(name)).map(|f| apex_type(&f.ty));
    let value = match (ty, value) {
        (_, Value::Null) => Value::Null,
        (Some(Ty::Id), Value::String(text) | Value::Id(text)) => Value::Id(to_id(&text)?),
        (Some(ty), value) if !is_instance(interp.program, &value, &ty) && !widens(&value, &ty) => {
            let from = runtime_type_name(interp.program, &value);
            let to = interp.program.ty_name(&ty);
            return Err(Throw::sys(SysExc::SObject, format!("Illegal assignment from {from} to {to}")));
        }
        (_, value) => value,
    };
    let previous = record.get(name).unwrap_or(Value::Null);
    record.put(name, value);
    Ok(previous)
}

/// A number that a wider numeric field accepts (an Integer into a Decimal field).
fn widens(value: &Value, ty: &Ty) -> bool {
    matches!((value, ty), (Value::Integer(_) | Value::Long(_) | Value::Double(_), Ty::Decimal | Ty::Double))
        || matches!((value, ty), (Value::Integer(_), Ty::Long))
}

fn is_set(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(record(args)?.get(text(args, 1)?).is_some()))
}

fn populated(args: &[Value]) -> Result<Value, Throw> {
    let map = MapObj::new(Ty::String, Ty::Object);
    for (name, value) in record(args)?.fields.borrow().values() {
        map.entries.borrow_mut().insert(Key(Value::string(name.as_str())), value.clone());
    }
    Ok(Value::Map(Rc::new(map)))
}

/// `clone(preserveId)`: a shallow copy, without the Id unless `preserveId` is true.
fn clone(args: &[Value]) -> Result<Value, Throw> {
    let source = record(args)?;
    let preserve_id = matches!(args.get(1), Some(Value::Boolean(true)));
    let copy = SObjectObj::new(&source.object);
    copy.queried.set(source.queried.get());
    for (name, value) in source.fields.borrow().values() {
        if preserve_id || !name.eq_ignore_ascii_case("Id") {
            copy.put(name, value.clone());
        }
    }
    Ok(Value::SObject(Rc::new(copy)))
}
