//! List, Set and Map objects, and the key wrapper that gives Set elements and Map keys Apex
//! equality: String keys are case-sensitive, numbers compare by value, collections deeply,
//! class instances by identity.

use super::Value;
use crate::types::Ty;
use indexmap::{IndexMap, IndexSet};
use std::cell::{Cell, RefCell};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

type FxBuild = std::hash::BuildHasherDefault<rustc_hash::FxHasher>;

/// A `List<T>` (also `T[]`).
#[derive(Debug)]
pub struct ListObj {
    pub items: RefCell<Vec<Value>>,
    pub element: Ty,
    /// How many for-each loops are walking this list; structural changes are refused meanwhile.
    pub iterating: Cell<u32>,
    /// An estimate of the bytes the elements added so far take, for the heap limit.
    pub bytes: Cell<usize>,
}

/// A `Set<T>`, iterated in insertion order.
#[derive(Debug)]
pub struct SetObj {
    pub items: RefCell<IndexSet<Key, FxBuild>>,
    pub element: Ty,
    pub iterating: Cell<u32>,
}

/// A `Map<K, V>`, iterated in insertion order.
#[derive(Debug)]
pub struct MapObj {
    pub entries: RefCell<IndexMap<Key, Value, FxBuild>>,
    pub key: Ty,
    pub value: Ty,
    pub iterating: Cell<u32>,
    /// The describe maps (`Schema.getGlobalDescribe()`, `fields.getMap()`) find their
    /// lower-cased String keys in any case.
    pub ignore_case: bool,
}

impl ListObj {
    pub fn new(items: Vec<Value>, element: Ty) -> ListObj {
        ListObj { items: RefCell::new(items), element, iterating: Cell::new(0), bytes: Cell::new(0) }
    }
}

impl SetObj {
    pub fn new(element: Ty) -> SetObj {
        SetObj { items: RefCell::new(IndexSet::default()), element, iterating: Cell::new(0) }
    }

    pub fn from_values(values: impl IntoIterator<Item = Value>, element: Ty) -> SetObj {
        let set = SetObj::new(element);
        set.items.borrow_mut().extend(values.into_iter().map(Key));
        set
    }
}

impl MapObj {
    pub fn new(key: Ty, value: Ty) -> MapObj {
        MapObj { entries: RefCell::new(IndexMap::default()), key, value, iterating: Cell::new(0), ignore_case: false }
    }

    /// A map whose String keys are stored lower-cased and found in any case.
    pub fn ignoring_case(key: Ty, value: Ty) -> MapObj {
        MapObj { ignore_case: true, ..MapObj::new(key, value) }
    }
}

/// A value used as a Set element or Map key.
#[derive(Clone, Debug)]
pub struct Key(pub Value);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        key_eq(&self.0, &other.0)
    }
}

impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state);
    }
}

/// Schema tokens (`Account.SObjectType`) are equal when they name the same thing.
fn same_token(a: &crate::value::NativeObject, b: &crate::value::NativeObject) -> bool {
    use crate::stdlib::describe::token_of;
    matches!((token_of(a), token_of(b)), (Some(x), Some(y)) if x == y)
}

/// Equality for keys: like Apex `==` but case-sensitive for Strings.
pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Integer(x), Integer(y)) => x == y,
        (Long(x), Long(y)) => x == y,
        (Null, Null) => true,
        (String(x), String(y)) | (Id(x), Id(y)) | (String(x), Id(y)) | (Id(x), String(y)) => x == y,
        (Boolean(x), Boolean(y)) => x == y,
        (List(x), List(y)) => Rc::ptr_eq(x, y) || seq_eq(&x.items.borrow(), &y.items.borrow()),
        (Set(x), Set(y)) => Rc::ptr_eq(x, y) || *x.items.borrow() == *y.items.borrow(),
        (Map(x), Map(y)) => Rc::ptr_eq(x, y) || *x.entries.borrow() == *y.entries.borrow(),
        (Object(x), Object(y)) => Rc::ptr_eq(x, y),
        (Native(x), Native(y)) => Rc::ptr_eq(x, y) || same_token(x, y),
        // Records are equal when they have the same type and the same field values.
        (SObject(x), SObject(y)) => {
            Rc::ptr_eq(x, y)
                || (x.object.eq_ignore_ascii_case(&y.object) && {
                    let (a, b) = (x.fields.borrow(), y.fields.borrow());
                    a.len() == b.len() && a.iter().all(|(k, (_, v))| b.get(k).is_some_and(|(_, w)| field_eq(v, w)))
                })
        }
        (Enum(x), Enum(y)) => x == y,
        (Blob(x), Blob(y)) => x == y,
        (Date(x), Date(y)) => x == y,
        (Datetime(x), Datetime(y)) => x == y,
        (Time(x), Time(y)) => x == y,
        (Type(x), Type(y)) => x == y,
        _ => super::number::numeric_eq(a, b).unwrap_or(false),
    }
}

/// Field values of two records: a related record compares as the same object, so a record
/// that refers to itself cannot recurse forever.
fn field_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::SObject(x), Value::SObject(y)) => Rc::ptr_eq(x, y),
        _ => key_eq(a, b),
    }
}

fn seq_eq(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key_eq(x, y))
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        key_eq(self, other)
    }
}

fn hash_value<H: Hasher>(value: &Value, state: &mut H) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Boolean(b) => b.hash(state),
        Value::String(s) | Value::Id(s) => s.hash(state),
        // Integers and Longs below 2^53 hash as the f64 path below would, without the f64.
        Value::Integer(i) => (*i as i64).hash(state),
        Value::Long(l) if l.unsigned_abs() < 9_000_000_000_000_000 => l.hash(state),
        Value::Long(_) | Value::Double(_) | Value::Decimal(_) => {
            // Equal numbers of different types must hash alike: hash the integral value, or
            // the f64 bits of a fraction.
            match super::number::to_f64(value) {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => (f as i64).hash(state),
                Some(f) => f.to_bits().hash(state),
                None => 1u8.hash(state),
            }
        }
        Value::List(l) => {
            for item in l.items.borrow().iter() {
                hash_value(item, state);
            }
        }
        Value::Set(s) => s.items.borrow().len().hash(state),
        Value::Map(m) => m.entries.borrow().len().hash(state),
        Value::Object(o) => (Rc::as_ptr(o) as usize).hash(state),
        Value::Enum(e) => e.hash(state),
        Value::Blob(b) => b.hash(state),
        Value::Date(d) => d.hash(state),
        Value::Datetime(d) => d.hash(state),
        Value::Time(t) => t.hash(state),
        Value::Type(t) => t.hash(state),
        Value::Native(n) => match crate::stdlib::describe::token_of(n) {
            Some(token) => token.hash(state),
            None => (Rc::as_ptr(n) as usize).hash(state),
        },
        Value::SObject(s) => {
            s.object.to_ascii_lowercase().hash(state);
            s.fields.borrow().len().hash(state);
        }
    }
}

/// A rough size of a value for the heap estimate: 8 bytes plus a String's length or a
/// list's own estimate.
pub fn estimated_size(value: &Value) -> usize {
    8 + match value {
        Value::String(s) | Value::Id(s) => s.len(),
        Value::Blob(b) => b.len(),
        Value::List(l) => l.bytes.get(),
        Value::Set(s) => s.items.borrow().len() * 8,
        Value::Map(m) => m.entries.borrow().len() * 16,
        Value::Object(o) => o.fields.borrow().len() * 8,
        _ => 0,
    }
}
