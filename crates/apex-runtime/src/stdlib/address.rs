//! `System.Address`: the value of a compound address field (`BillingAddress`,
//! `MailingAddress`, Lead's `Address`) in a queried record, read with its getters. It is
//! read-only: the component fields are what DML writes.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Address.htm

use super::args::value as arg;
use super::{ret, Native};
use crate::eval::Throw;
use crate::value::{NativeObject, Value};
use apex_data::{FieldValue, Record};
use std::rc::Rc;

pub const CLASS: &str = "Address";

pub static INSTANCE: &[Native] = &[
    Native::pure("getstreet", 0, ret::STRING, |a| text(a, "Street")),
    Native::pure("getcity", 0, ret::STRING, |a| text(a, "City")),
    Native::pure("getstate", 0, ret::STRING, |a| text(a, "State")),
    Native::pure("getstatecode", 0, ret::STRING, |a| text(a, "StateCode")),
    Native::pure("getpostalcode", 0, ret::STRING, |a| text(a, "PostalCode")),
    Native::pure("getcountry", 0, ret::STRING, |a| text(a, "Country")),
    Native::pure("getcountrycode", 0, ret::STRING, |a| text(a, "CountryCode")),
    Native::pure("getgeocodeaccuracy", 0, ret::STRING, |a| text(a, "GeocodeAccuracy")),
    Native::pure("getlatitude", 0, ret::DOUBLE, |a| number(a, "Latitude")),
    Native::pure("getlongitude", 0, ret::DOUBLE, |a| number(a, "Longitude")),
];

/// The components of one address, as the query read them.
struct AddressState {
    components: Vec<(String, FieldValue)>,
}

/// An address value from a query's compound column.
pub fn value(record: &Record) -> Value {
    let state = AddressState { components: record.fields.clone() };
    Value::Native(Rc::new(NativeObject::new(CLASS, state)))
}

fn component(args: &[Value], name: &str) -> Result<FieldValue, Throw> {
    let Value::Native(object) = arg(args, 0)? else {
        return Err(Throw::null_pointer());
    };
    let state = object.peek::<AddressState>().ok_or_else(Throw::null_pointer)?;
    let found = state.components.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    Ok(found.unwrap_or(FieldValue::Null))
}

fn text(args: &[Value], name: &str) -> Result<Value, Throw> {
    Ok(match component(args, name)? {
        FieldValue::Text(t) => Value::string(t.as_str()),
        _ => Value::Null,
    })
}

fn number(args: &[Value], name: &str) -> Result<Value, Throw> {
    Ok(match component(args, name)? {
        FieldValue::Number(n) => Value::Double(n),
        FieldValue::Int(n) => Value::Double(n as f64),
        _ => Value::Null,
    })
}

/// How an address prints: its non-empty components in order. The platform's exact format
/// for `System.debug` of an Address was not confirmed.
pub fn display(object: &NativeObject) -> Option<String> {
    let state = object.peek::<AddressState>()?;
    let parts: Vec<String> = state
        .components
        .iter()
        .filter_map(|(name, value)| match value {
            FieldValue::Text(t) => Some(format!("{}={t}", lower_first(name))),
            FieldValue::Number(n) => Some(format!("{}={}", lower_first(name), crate::value::format::format_double(*n))),
            _ => None,
        })
        .collect();
    Some(format!("Address[{}]", parts.join(", ")))
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |c| c.to_ascii_lowercase().to_string() + chars.as_str())
}
