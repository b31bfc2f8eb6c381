//! `JSON.serialize` of sObjects, in the REST API's record shape: an `attributes` member first
//! (the type, and the record's URL once it has an Id), then the fields in the order they were
//! set or queried, nulls left out (API 28.0 and later). A parent is a nested record; children
//! are a query result `{"totalSize": n, "done": true, "records": [...]}`. Datetime fields are
//! written as the API writes them (`2024-01-15T10:30:00.000+0000`), not as an Apex Datetime.

use crate::types::Ty;
use crate::value::{Key, MapObj, SObjectObj, Value};
use std::rc::Rc;

/// The API version in record URLs.
// unconfirmed: the platform writes the version of the code that serializes; apex-recipes and
// current projects save at 62.0, and the runtime does not know a class's version.
pub const API_VERSION: &str = "62.0";

/// A record's JSON members in order, its fields' values as JSON should show them.
pub fn members(record: &SObjectObj) -> Vec<(String, Value)> {
    let fields = record.fields.borrow();
    let mut out = Vec::with_capacity(fields.len() + 1);
    out.push(("attributes".to_string(), attributes(record)));
    for (name, value) in fields.values() {
        if let Some(value) = member_value(value) {
            out.push((name.clone(), value));
        }
    }
    out
}

/// `{"type": ..., "url": ...}`, the URL only when the record has an Id.
fn attributes(record: &SObjectObj) -> Value {
    let map = MapObj::new(Ty::String, Ty::Object);
    {
        let mut entries = map.entries.borrow_mut();
        entries.insert(Key(Value::string("type")), Value::string(record.object.as_str()));
        if let Some(id) = record.get("Id").as_ref().and_then(Value::as_str) {
            let url = format!("/services/data/v{API_VERSION}/sobjects/{}/{id}", record.object);
            entries.insert(Key(Value::string("url")), Value::string(url));
        }
    }
    Value::Map(Rc::new(map))
}

/// A field's value as the record's JSON carries it, or None to leave the field out: a null,
/// or a child relationship without rows.
// unconfirmed: an empty child relationship is left out, as the platform leaves out a subquery
// that found nothing.
fn member_value(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Datetime(d) => Some(Value::string(api_datetime(*d))),
        Value::List(children) if children.items.borrow().is_empty() => None,
        Value::List(children) => Some(query_result(children.items.borrow().len(), value.clone())),
        other => Some(other.clone()),
    }
}

/// A child relationship as a query result holding its rows.
fn query_result(size: usize, records: Value) -> Value {
    let map = MapObj::new(Ty::String, Ty::Object);
    {
        let mut entries = map.entries.borrow_mut();
        entries.insert(Key(Value::string("totalSize")), Value::Integer(size as i32));
        entries.insert(Key(Value::string("done")), Value::Boolean(true));
        entries.insert(Key(Value::string("records")), records);
    }
    Value::Map(Rc::new(map))
}

/// `yyyy-MM-ddTHH:mm:ss.SSS+0000`, the API's form of a datetime field.
fn api_datetime(d: crate::value::Datetime) -> String {
    let iso = crate::stdlib::iso8601::format_datetime(d);
    format!("{}+0000", iso.trim_end_matches('Z'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_lists_attributes_then_the_set_fields() {
        let record = SObjectObj::new("Account");
        record.put("Id", Value::Id(Rc::new("001000000000001AAA".into())));
        record.put("Name", Value::string("Acme"));
        record.put("Phone", Value::Null);
        record.put("CreatedDate", Value::Datetime(crate::value::Datetime(86_400_000)));
        let members = members(&record);
        let names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["attributes", "Id", "Name", "CreatedDate"]);
        assert_eq!(members[3].1.as_str(), Some("1970-01-02T00:00:00.000+0000"));
    }

    #[test]
    fn children_become_a_query_result_and_an_empty_list_is_left_out() {
        let record = SObjectObj::new("Account");
        record.put("Contacts", Value::list(vec![], Ty::SObject(Some("Contact".into()))));
        assert_eq!(members(&record).len(), 1);
        let child = Value::SObject(Rc::new(SObjectObj::new("Contact")));
        record.put("Contacts", Value::list(vec![child], Ty::SObject(Some("Contact".into()))));
        let Value::Map(result) = &members(&record)[1].1 else { panic!("a query result") };
        let keys: Vec<String> = result.entries.borrow().keys().filter_map(|k| k.0.as_str().map(String::from)).collect();
        assert_eq!(keys, ["totalSize", "done", "records"]);
    }
}
