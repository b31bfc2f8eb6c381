//! Run-time values: the primitives, collections, class instances and enum constants an Apex
//! program computes with. Heap values are reference-counted; Apex has no cycles we must free.

pub mod collections;
pub mod format;
pub mod number;
pub mod time;

pub use collections::{Key, ListObj, MapObj, SetObj};
pub use time::{Date, Datetime, Time};

use crate::types::{ClassId, Ty};
use bigdecimal::BigDecimal;
use std::cell::RefCell;
use std::rc::Rc;

/// One Apex value. Every Apex variable may hold `Null`, including Integer and Boolean ones.
// The word-sized tag puts every payload at offset 8, so a Value moves as two aligned words
// (with a byte tag, payloads at offsets 1 and 4 make copies misaligned and slow).
#[derive(Debug, Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    Null,
    Boolean(bool),
    Integer(i32),
    Long(i64),
    Double(f64),
    Decimal(Rc<BigDecimal>),
    String(Rc<String>),
    /// An 18-character record Id.
    Id(Rc<String>),
    Blob(Rc<Vec<u8>>),
    Date(Date),
    Datetime(Datetime),
    Time(Time),
    List(Rc<ListObj>),
    Set(Rc<SetObj>),
    Map(Rc<MapObj>),
    /// An instance of a user class or of an exception class.
    Object(Rc<Instance>),
    Enum(EnumValue),
    /// A `System.Type`, as returned by `X.class` and `Type.forName`.
    Type(Rc<Ty>),
    /// An object of a system class that keeps state: a `Matcher`, a `JSONParser`, a `Url`.
    Native(Rc<NativeObject>),
    /// A record: `new Account(Name = 'x')` or a row a query returned.
    SObject(Rc<SObjectObj>),
}

/// An sObject: its type and the fields set or queried, keyed by lower-cased name with the
/// schema's spelling kept for printing.
#[derive(Debug)]
pub struct SObjectObj {
    pub object: String,
    pub fields: RefCell<indexmap::IndexMap<String, (String, Value)>>,
    /// A row a query returned: reading a field it did not select is an error.
    pub queried: std::cell::Cell<bool>,
}

impl SObjectObj {
    pub fn new(object: &str) -> SObjectObj {
        SObjectObj {
            object: object.to_string(),
            fields: RefCell::new(indexmap::IndexMap::new()),
            queried: std::cell::Cell::new(false),
        }
    }

    /// A field's value; None when it was never set or queried.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.fields.borrow().get(&name.to_ascii_lowercase()).map(|(_, v)| v.clone())
    }

    /// Sets a field, keeping the spelling it was first given.
    pub fn put(&self, name: &str, value: Value) {
        let mut fields = self.fields.borrow_mut();
        match fields.get_mut(&name.to_ascii_lowercase()) {
            Some(slot) => slot.1 = value,
            None => {
                fields.insert(name.to_ascii_lowercase(), (name.to_string(), value));
            }
        }
    }
}

/// The state of a system-class object. Its module alone knows the state's type and reads it
/// back with [`NativeObject::state`].
pub struct NativeObject {
    /// The system class, as the compiler names it in `Ty::System` (`"Matcher"`).
    pub class: &'static str,
    state: RefCell<Box<dyn std::any::Any>>,
}

impl NativeObject {
    pub fn new<T: 'static>(class: &'static str, state: T) -> NativeObject {
        NativeObject { class, state: RefCell::new(Box::new(state)) }
    }

    /// The state, borrowed for reading, when it is a `T`.
    pub fn peek<T: 'static>(&self) -> Option<std::cell::Ref<'_, T>> {
        std::cell::Ref::filter_map(self.state.borrow(), |s| s.downcast_ref::<T>()).ok()
    }

    /// The state, borrowed mutably, when it is a `T`.
    pub fn state<T: 'static>(&self) -> Option<std::cell::RefMut<'_, T>> {
        std::cell::RefMut::filter_map(self.state.borrow_mut(), |s| s.downcast_mut::<T>()).ok()
    }
}

impl std::fmt::Debug for NativeObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.class)
    }
}

/// An object of a user class (or a built-in exception): its class and its instance fields.
#[derive(Debug)]
pub struct Instance {
    pub class: ClassId,
    pub fields: RefCell<Vec<Value>>,
}

/// An enum constant: the enum type and the constant's position in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnumValue {
    pub ty: ClassId,
    pub ordinal: u32,
}

impl Clone for Value {
    /// Plain values copy inline; reference-counted ones take the out-of-line path, so the hot
    /// copies of Integers and Booleans stay a few instructions.
    #[inline(always)]
    fn clone(&self) -> Value {
        match self.copy_plain() {
            Some(value) => value,
            None => self.clone_shared(),
        }
    }
}

impl Value {
    /// A copy of a value that holds no reference count, or `None`.
    #[inline(always)]
    fn copy_plain(&self) -> Option<Value> {
        Some(match self {
            Value::Null => Value::Null,
            Value::Boolean(b) => Value::Boolean(*b),
            Value::Integer(i) => Value::Integer(*i),
            Value::Long(l) => Value::Long(*l),
            Value::Double(d) => Value::Double(*d),
            Value::Date(d) => Value::Date(*d),
            Value::Datetime(d) => Value::Datetime(*d),
            Value::Time(t) => Value::Time(*t),
            Value::Enum(e) => Value::Enum(*e),
            _ => return None,
        })
    }

    #[inline(never)]
    fn clone_shared(&self) -> Value {
        match self {
            Value::Decimal(d) => Value::Decimal(Rc::clone(d)),
            Value::String(s) => Value::String(Rc::clone(s)),
            Value::Id(s) => Value::Id(Rc::clone(s)),
            Value::Blob(b) => Value::Blob(Rc::clone(b)),
            Value::List(l) => Value::List(Rc::clone(l)),
            Value::Set(s) => Value::Set(Rc::clone(s)),
            Value::Map(m) => Value::Map(Rc::clone(m)),
            Value::Object(o) => Value::Object(Rc::clone(o)),
            Value::Type(t) => Value::Type(Rc::clone(t)),
            Value::Native(n) => Value::Native(Rc::clone(n)),
            Value::SObject(s) => Value::SObject(Rc::clone(s)),
            plain => plain.copy_plain().unwrap_or_default(),
        }
    }

    /// A String, or null for `None`.
    pub fn opt_string(text: Option<&str>) -> Value {
        text.map_or(Value::Null, Value::string)
    }

    pub fn string(text: impl Into<String>) -> Value {
        Value::String(Rc::new(text.into()))
    }

    pub fn decimal(value: BigDecimal) -> Value {
        Value::Decimal(Rc::new(value))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether the value holds a reference count (and so needs its drop to run).
    #[inline(always)]
    pub fn is_shared(&self) -> bool {
        matches!(
            self,
            Value::Decimal(_)
                | Value::String(_)
                | Value::Id(_)
                | Value::Blob(_)
                | Value::List(_)
                | Value::Set(_)
                | Value::Map(_)
                | Value::Object(_)
                | Value::Type(_)
                | Value::Native(_)
                | Value::SObject(_)
        )
    }

    /// Drops a value; a plain one skips the call into the drop glue.
    #[inline(always)]
    pub fn discard(self) {
        if self.is_shared() {
            drop(self);
        } else {
            std::mem::forget(self);
        }
    }

    /// Stores `value` in `slot`, discarding the old value.
    #[inline(always)]
    pub fn store(slot: &mut Value, value: Value) {
        std::mem::replace(slot, value).discard();
    }

    /// `store` for a value that was just returned by a call: an Integer going into a slot
    /// that holds an Integer only has its number written. Copying the value whole would read
    /// its 16 bytes right after the two smaller stores that built them, which the CPU cannot
    /// forward and stalls on.
    #[inline(always)]
    pub fn store_result(slot: &mut Value, value: Value) {
        match (&mut *slot, &value) {
            (Value::Integer(old), Value::Integer(new)) => *old = *new,
            _ => Value::store(slot, value),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Id(s) => Some(s),
            _ => None,
        }
    }

    /// The value as an Integer when it is an Integer (not a wider number).
    pub fn as_int(&self) -> Option<i32> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn list(items: Vec<Value>, element: Ty) -> Value {
        Value::List(Rc::new(ListObj::new(items, element)))
    }

    /// True when both values are the same heap object (Apex `===` on objects).
    pub fn same_object(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Rc::ptr_eq(a, b),
            (Value::Map(a), Value::Map(b)) => Rc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            (Value::Native(a), Value::Native(b)) => Rc::ptr_eq(a, b),
            (Value::SObject(a), Value::SObject(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}
