//! Apex `==` (Strings ignore case, Ids do not, numbers compare by value, collections deeply,
//! user classes through their `equals`) and the sort order of `List.sort()`.

use super::{Interp, Throw};
use crate::value::number::numeric_cmp;
use crate::value::{Key, Value};
use std::cmp::Ordering;

impl Interp<'_> {
    /// Apex `==` between two values.
    pub fn apex_equals(&mut self, a: &Value, b: &Value) -> Result<bool, Throw> {
        Ok(match (a, b) {
            (Value::Null, Value::Null) => true,
            (Value::Null, _) | (_, Value::Null) => false,
            (Value::Integer(x), Value::Integer(y)) => x == y,
            (Value::Id(x), Value::Id(y)) => x == y,
            (Value::String(x) | Value::Id(x), Value::String(y) | Value::Id(y)) => equals_ignore_case(x, y),
            (Value::Object(x), Value::Object(_)) => match self.user_method(x.class, "equals", 1) {
                Some(m) => matches!(self.invoke(m, a.clone(), vec![b.clone()])?, Value::Boolean(true)),
                None => a.same_object(b),
            },
            (Value::List(x), Value::List(y)) => {
                if a.same_object(b) {
                    return Ok(true);
                }
                let (xs, ys) = (x.items.borrow().clone(), y.items.borrow().clone());
                self.all_equal(&xs, &ys)?
            }
            (Value::Set(_), Value::Set(_)) | (Value::Map(_), Value::Map(_)) => a == b,
            _ => a == b,
        })
    }

    fn all_equal(&mut self, xs: &[Value], ys: &[Value]) -> Result<bool, Throw> {
        if xs.len() != ys.len() {
            return Ok(false);
        }
        for (x, y) in xs.iter().zip(ys) {
            // Elements compare with `equals`, which for Decimals includes the scale.
            if let (Value::Decimal(a), Value::Decimal(b)) = (x, y) {
                if a.as_bigint_and_exponent() != b.as_bigint_and_exponent() {
                    return Ok(false);
                }
                continue;
            }
            if !self.apex_equals(x, y)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The order `List.sort()` uses: nulls first, numbers by value, Strings case-sensitively,
    /// enums by ordinal, user classes through `Comparable.compareTo`.
    pub fn compare(&mut self, a: &Value, b: &Value) -> Result<Ordering, Throw> {
        let Value::Object(x) = a else {
            return Ok(plain_order(a, b));
        };
        if matches!(b, Value::Null) {
            return Ok(Ordering::Greater);
        }
        match self.user_method(x.class, "compareto", 1) {
            Some(m) => match self.invoke(m, a.clone(), vec![b.clone()])? {
                Value::Integer(n) => Ok(n.cmp(&0)),
                _ => Err(Throw::null_pointer()),
            },
            None => {
                let name = self.program.class_display(x.class);
                Err(Throw::sys(
                    super::SysExc::List,
                    format!("One or more of the items in this list is not Comparable: {name}"),
                ))
            }
        }
    }

    /// The key to use in a Map: a user object whose class defines `equals` is replaced by an
    /// equal key already in the map, so lookups follow the class's own equality.
    pub fn map_key(&mut self, map: &crate::value::MapObj, key: &Value) -> Result<Key, Throw> {
        if let (true, Value::String(text)) = (map.ignore_case, key) {
            return Ok(Key(Value::string(text.to_lowercase())));
        }
        if !self.has_user_equals(key) {
            return Ok(Key(key.clone()));
        }
        let candidates: Vec<Value> = map.entries.borrow().keys().map(|k| k.0.clone()).collect();
        self.canonical(key, candidates)
    }

    /// The element to use in a Set, following user `equals` like [`Interp::map_key`].
    pub fn set_key(&mut self, set: &crate::value::SetObj, key: &Value) -> Result<Key, Throw> {
        if !self.has_user_equals(key) {
            return Ok(Key(key.clone()));
        }
        let candidates: Vec<Value> = set.items.borrow().iter().map(|k| k.0.clone()).collect();
        self.canonical(key, candidates)
    }

    pub fn has_user_equals(&self, key: &Value) -> bool {
        matches!(key, Value::Object(o) if self.user_method(o.class, "equals", 1).is_some())
    }

    fn canonical(&mut self, key: &Value, candidates: Vec<Value>) -> Result<Key, Throw> {
        for candidate in candidates {
            if matches!(candidate, Value::Object(_)) && self.apex_equals(key, &candidate)? {
                return Ok(Key(candidate));
            }
        }
        Ok(Key(key.clone()))
    }

    /// Counts one more element of a list against the heap limit.
    pub fn charge_list_heap(&mut self, list: &crate::value::ListObj, value: Option<&Value>) -> Result<(), Throw> {
        let added = value.map(crate::value::collections::estimated_size).unwrap_or(8);
        list.bytes.set(list.bytes.get() + added);
        self.limits.check_heap(list.bytes.get())
    }

    /// Checks a collection's or string's estimated size against the heap limit.
    pub fn charge_heap(&mut self, bytes: usize) -> Result<(), Throw> {
        self.limits.check_heap(bytes)
    }
}

fn equals_ignore_case(a: &str, b: &str) -> bool {
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    a.to_lowercase() == b.to_lowercase()
}

/// The sort order between values that are not user objects (`a` never is): it runs no user code
/// and cannot fail, so a list without user objects sorts with the standard library's sort.
pub(crate) fn plain_order(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Integer(x), Value::Integer(y)) => x.cmp(y),
        (Value::String(x) | Value::Id(x), Value::String(y) | Value::Id(y)) => x.cmp(y),
        (Value::Enum(x), Value::Enum(y)) => x.ordinal.cmp(&y.ordinal),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::Datetime(x), Value::Datetime(y)) => x.cmp(y),
        (Value::Time(x), Value::Time(y)) => x.cmp(y),
        (Value::Boolean(x), Value::Boolean(y)) => x.cmp(y),
        _ => numeric_cmp(a, b).unwrap_or(Ordering::Equal),
    }
}
