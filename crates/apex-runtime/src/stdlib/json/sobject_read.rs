//! `JSON.deserialize` into sObjects. A record's JSON is what the REST API and `JSON.serialize`
//! write: an `attributes` member naming the type, fields by API name, a parent as a nested
//! record under its relationship name, children as `{"totalSize", "done", "records"}`. Each
//! field takes the Apex type of its schema type. Fields a custom object does not have are the
//! platform's `No such column` error; a standard object keeps them, since the built-in schema
//! lists only its common fields.

use super::typed::{illegal_value, scalar};
use super::writer::json_error;
use crate::compile::sobjects::apex_type;
use crate::eval::{to_id, Interp, Throw};
use crate::types::Ty;
use crate::value::{Key, MapObj, SObjectObj, Value};
use apex_data::schema::{FieldType, ObjectSchema};
use std::rc::Rc;

/// Reads `value` as a record of `target`, or of the type its `attributes` name when the target
/// is the generic `SObject` (`None`).
pub fn record(interp: &Interp, value: Value, target: Option<&str>) -> Result<Value, Throw> {
    let Value::Map(source) = value else {
        return match value {
            Value::Null => Ok(Value::Null),
            _ => Err(json_error("Malformed JSON: Expected '{' at the beginning of object")),
        };
    };
    let object = object_name(interp, &source, target)?;
    let record = SObjectObj::new(&object);
    let entries = std::mem::take(&mut *source.entries.borrow_mut());
    for (key, value) in entries {
        let Some(name) = key.0.as_str() else { continue };
        if name != ATTRIBUTES {
            member(interp, &record, name, value)?;
        }
    }
    Ok(Value::SObject(Rc::new(record)))
}

/// The member that carries a record's type (and URL); never a field.
const ATTRIBUTES: &str = "attributes";

/// The record's object, as the schema spells it: the target's, checked against
/// `attributes.type` when both are there, or the one `attributes.type` names.
fn object_name(interp: &Interp, source: &MapObj, target: Option<&str>) -> Result<String, Throw> {
    let named = declared_type(source);
    let schema = &interp.program.schema;
    match (target, named) {
        (Some(target), Some(named)) if !named.eq_ignore_ascii_case(target) => Err(type_mismatch(&named, target)),
        (Some(target), _) => Ok(schema.object(target).map_or_else(|| target.to_string(), |o| o.name.clone())),
        (None, Some(named)) => schema.object(&named).map(|o| o.name.clone()).ok_or_else(|| unknown_type(&named)),
        (None, None) => Err(no_type()),
    }
}

/// `attributes.type`, when the record has one.
fn declared_type(source: &MapObj) -> Option<String> {
    let entries = source.entries.borrow();
    let Some(Value::Map(attributes)) = entries.get(&Key(Value::string(ATTRIBUTES))) else {
        return None;
    };
    let attributes = attributes.entries.borrow();
    attributes.get(&Key(Value::string("type"))).and_then(Value::as_str).map(str::to_string)
}

/// One member of the record's JSON: a field, a parent, a child relationship, or a name the
/// schema does not know.
fn member(interp: &Interp, record: &SObjectObj, name: &str, value: Value) -> Result<(), Throw> {
    let Some(schema) = interp.program.schema.object(&record.object) else {
        record.put(name, loose(interp, value)?);
        return Ok(());
    };
    if let Some(field) = schema.field(name) {
        let value = field_value(interp, &apex_type(&field.ty), value)?;
        record.put(&field.name, value);
    } else if let Some(reference) = schema.relationship(name) {
        let FieldType::Reference { to, relationship } = &reference.ty else { return Ok(()) };
        let parent = if to.len() == 1 { Some(to[0].as_str()) } else { None };
        record.put(relationship, self::record(interp, value, parent)?);
    } else if let Some(child) = schema.child(name) {
        let records = children(interp, value, Some(&child.child))?;
        record.put(&child.name, records);
    } else if schema.custom {
        return Err(no_such_column(name, schema));
    } else {
        record.put(name, loose(interp, value)?);
    }
    Ok(())
}

/// A field's JSON value as its Apex type; an Id is checked and kept in 18 characters.
fn field_value(interp: &Interp, ty: &Ty, value: Value) -> Result<Value, Throw> {
    if let (Ty::Id, Value::String(text)) = (ty, &value) {
        // unconfirmed: the platform's wording for a malformed Id in JSON.
        return to_id(text).map(Value::Id).map_err(|_| json_error(format!("Invalid id: {text}")));
    }
    scalar(value, ty).ok_or_else(|| illegal_value(interp, ty))
}

/// A child relationship's records: the query-result shape, or (leniently) a bare array.
fn children(interp: &Interp, value: Value, child: Option<&str>) -> Result<Value, Throw> {
    let items = match value {
        Value::Null => return Ok(Value::Null),
        Value::Map(result) => result.entries.borrow_mut().shift_remove(&Key(Value::string("records"))),
        list @ Value::List(_) => Some(list),
        _ => return Err(json_error("Malformed JSON: Expected '{' at the beginning of object")),
    };
    let items = match items {
        Some(Value::List(list)) => std::mem::take(&mut *list.items.borrow_mut()),
        Some(Value::Null) | None => Vec::new(),
        Some(_) => return Err(json_error("Malformed JSON: Expected '[' at the beginning of List/Set")),
    };
    let records = items.into_iter().map(|item| record(interp, item, child)).collect::<Result<Vec<_>, _>>()?;
    Ok(Value::list(records, Ty::SObject(child.map(str::to_string))))
}

/// A member the schema does not know, on a standard object: a nested record (by its
/// attributes), a nested query result, or the scalar as JSON gave it.
fn loose(interp: &Interp, value: Value) -> Result<Value, Throw> {
    let Value::Map(map) = &value else {
        return Ok(value);
    };
    if declared_type(map).is_some() {
        return record(interp, value, None);
    }
    if map.entries.borrow().contains_key(&Key(Value::string("records"))) {
        return children(interp, value, None);
    }
    Ok(value)
}

fn no_such_column(name: &str, schema: &ObjectSchema) -> Throw {
    json_error(format!("No such column '{name}' on sobject of type {}", schema.name))
}

// unconfirmed: the platform's wording when `attributes.type` names another object than the
// target.
fn type_mismatch(named: &str, target: &str) -> Throw {
    json_error(format!("Cannot deserialize an sObject of type {named} into {target}"))
}

// unconfirmed: the platform's wording for an `attributes.type` that names no object.
fn unknown_type(named: &str) -> Throw {
    json_error(format!("Unknown sObject type: {named}"))
}

// unconfirmed: a generic SObject target without `attributes.type` was reported to throw a
// JSONException with no message.
fn no_type() -> Throw {
    json_error("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::ThrowKind;
    use crate::host::RecordingHost;

    fn read(text: &str, target: Option<&str>) -> Result<Value, Throw> {
        let mut host = RecordingHost::default();
        let interp = Interp::for_tests(&mut host);
        record(&interp, super::super::parse(text).unwrap(), target)
    }

    fn message(error: Throw) -> String {
        match error.into_kind() {
            ThrowKind::Sys(_, message) => message,
            other => panic!("not a system exception: {other:?}"),
        }
    }

    #[test]
    fn fields_take_their_schema_types_and_keep_the_schema_spelling() {
        let Ok(Value::SObject(account)) = read(
            r#"{"name": "A", "numberofemployees": 3, "createddate": "2024-01-15T10:30:00.000+0000"}"#,
            Some("Account"),
        ) else {
            panic!("an account");
        };
        let names: Vec<String> = account.fields.borrow().values().map(|(n, _)| n.clone()).collect();
        assert_eq!(names, ["Name", "NumberOfEmployees", "CreatedDate"]);
        assert_eq!(account.get("NumberOfEmployees"), Some(Value::Integer(3)));
        assert!(matches!(account.get("CreatedDate"), Some(Value::Datetime(_))));
    }

    #[test]
    fn the_generic_target_takes_the_type_from_attributes() {
        let Ok(Value::SObject(contact)) = read(r#"{"attributes": {"type": "contact"}, "AccountId": null}"#, None)
        else {
            panic!("a contact");
        };
        assert_eq!(contact.object, "Contact");
        assert_eq!(message(read(r#"{"Name": "x"}"#, None).unwrap_err()), "");
    }

    #[test]
    fn a_type_that_contradicts_the_target_is_refused() {
        let error = read(r#"{"attributes": {"type": "Contact"}}"#, Some("Account")).unwrap_err();
        assert_eq!(message(error), "Cannot deserialize an sObject of type Contact into Account");
    }

    #[test]
    fn children_are_typed_by_the_relationship_and_parents_by_the_reference() {
        let text =
            r#"{"Contacts": {"totalSize": 1, "done": true, "records": [{"LastName": "L"}]}, "Parent": {"Name": "P"}}"#;
        let Ok(Value::SObject(account)) = read(text, Some("Account")) else { panic!("an account") };
        let Some(Value::List(contacts)) = account.get("Contacts") else { panic!("a list") };
        assert_eq!(contacts.element, Ty::SObject(Some("Contact".into())));
        assert!(matches!(&contacts.items.borrow()[0], Value::SObject(c) if c.object == "Contact"));
        assert!(matches!(account.get("Parent"), Some(Value::SObject(p)) if p.object == "Account"));
    }
}
