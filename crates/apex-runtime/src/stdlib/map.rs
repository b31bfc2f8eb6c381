//! `System.Map` instance methods. Entries keep insertion order. `keySet()` and `values()`
//! return new collections; on the platform `keySet()` is backed by the map, so changes made
//! through it would show in the map (a known divergence).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_map.htm

use super::list::{arg, ensure_not_iterating, internal, ELEMENT_BYTES};
use super::set::hash_code;
use super::{ret, Native, Ret};
use crate::eval::{Interp, Throw};
use crate::value::{Key, MapObj, SetObj, Value};
use indexmap::IndexMap;
use std::hash::BuildHasher;
use std::rc::Rc;

/// The instance methods of `Map<K, V>`; `args[0]` is the receiver.
pub static INSTANCE: &[Native] = &[
    Native::pure("clear", 0, ret::VOID, clear),
    Native::interp("clone", 0, Ret::Receiver, clone),
    Native::interp("containskey", 1, ret::BOOLEAN, contains_key),
    // Only sObject values are copied by a deep clone; other values are shared as by `clone`.
    Native::interp("deepclone", 0, Ret::Receiver, clone),
    Native::interp("equals", 1, ret::BOOLEAN, equals),
    Native::interp("get", 1, Ret::MapValue, get),
    Native::pure("hashcode", 0, ret::INTEGER, hash),
    Native::pure("isempty", 0, ret::BOOLEAN, is_empty),
    Native::interp("keyset", 0, Ret::KeySet, key_set),
    Native::interp("put", 2, Ret::MapValue, put),
    Native::interp("putall", 1, ret::VOID, put_all),
    Native::interp("remove", 1, Ret::MapValue, remove),
    Native::pure("size", 0, ret::INTEGER, size),
    Native::interp("tostring", 0, ret::STRING, to_string),
    Native::interp("values", 0, Ret::Values, values),
];

/// Java's `Map.hashCode`: the sum of `hash(key) ^ hash(value)` over the entries.
pub fn hash_entries<S: BuildHasher>(entries: &IndexMap<Key, Value, S>) -> i32 {
    entries.iter().fold(0i32, |h, (k, v)| h.wrapping_add(hash_code(&k.0) ^ hash_code(v)))
}

fn receiver(args: &[Value]) -> Result<&Rc<MapObj>, Throw> {
    match arg(args, 0)? {
        Value::Map(map) => Ok(map),
        other => Err(internal(format!("Map method called on {other:?}"))),
    }
}

fn clear(args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    ensure_not_iterating(&map.iterating)?;
    map.entries.borrow_mut().clear();
    Ok(Value::Null)
}

/// A shallow copy with the same key and value types.
fn clone(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let copy = MapObj { ignore_case: map.ignore_case, ..MapObj::new(map.key.clone(), map.value.clone()) };
    *copy.entries.borrow_mut() = map.entries.borrow().clone();
    interp.charge_heap(copy.entries.borrow().len() * 2 * ELEMENT_BYTES)?;
    Ok(Value::Map(Rc::new(copy)))
}

/// String keys are case-sensitive (doc); a null key is an ordinary key.
fn contains_key(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let key = interp.map_key(map, arg(args, 1)?)?;
    Ok(Value::Boolean(map.entries.borrow().contains_key(&key)))
}

/// Maps are equal when their key/value pairs are, in any order (doc): Apex `==` on the maps.
fn equals(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::Boolean(interp.apex_equals(arg(args, 0)?, arg(args, 1)?)?))
}

/// `get(k)`: null when the key is absent, never an exception.
fn get(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let key = interp.map_key(map, arg(args, 1)?)?;
    Ok(map.entries.borrow().get(&key).cloned().unwrap_or_default())
}

fn hash(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(hash_entries(&receiver(args)?.entries.borrow())))
}

fn is_empty(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(receiver(args)?.entries.borrow().is_empty()))
}

/// `keySet()`: a new `Set<K>` of the keys in insertion order.
fn key_set(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let keys: Vec<Value> = map.entries.borrow().keys().map(|k| k.0.clone()).collect();
    interp.charge_heap(keys.len() * ELEMENT_BYTES)?;
    Ok(Value::Set(Rc::new(SetObj::from_values(keys, map.key.clone()))))
}

/// `put(k, v)`: returns the value the key had, or null. An existing key keeps its position.
fn put(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let key = interp.map_key(map, arg(args, 1)?)?;
    let value = arg(args, 2)?.clone();
    ensure_not_iterating(&map.iterating)?;
    let previous = map.entries.borrow_mut().insert(key, value);
    if previous.is_none() {
        interp.charge_heap(map.entries.borrow().len() * 2 * ELEMENT_BYTES)?;
    }
    Ok(previous.unwrap_or_default())
}

/// `putAll(map)`: copies every entry of the argument. The sObject-list form is not supported.
fn put_all(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let source: Vec<(Key, Value)> = match arg(args, 1)? {
        Value::Map(other) => other.entries.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Value::List(_) => return Err(Throw::unsupported("Map.putAll(List<SObject>)")),
        Value::Null => return Err(Throw::null_pointer()),
        other => return Err(internal(format!("Map.putAll of {other:?}"))),
    };
    ensure_not_iterating(&map.iterating)?;
    let added = {
        let mut entries = map.entries.borrow_mut();
        source.into_iter().filter_map(|(k, v)| entries.insert(k, v).is_none().then_some(())).count()
    };
    interp.charge_heap(added * 2 * ELEMENT_BYTES)?;
    Ok(Value::Null)
}

/// `remove(k)`: returns the removed value, or null. The order of the rest is kept.
fn remove(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let key = interp.map_key(map, arg(args, 1)?)?;
    ensure_not_iterating(&map.iterating)?;
    let removed = map.entries.borrow_mut().shift_remove(&key);
    Ok(removed.unwrap_or_default())
}

fn size(args: &[Value]) -> Result<Value, Throw> {
    let len = receiver(args)?.entries.borrow().len();
    Ok(Value::Integer(i32::try_from(len).unwrap_or(i32::MAX)))
}

fn to_string(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::string(interp.stringify(arg(args, 0)?)?))
}

/// `values()`: a new `List<V>` in insertion order.
fn values(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let map = receiver(args)?;
    let values: Vec<Value> = map.entries.borrow().values().cloned().collect();
    interp.charge_heap(values.len() * ELEMENT_BYTES)?;
    Ok(Value::list(values, map.value.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{Fault, SysExc};
    use crate::stdlib::list::tests::{call, ints, sys_message};
    use crate::types::Ty;

    fn map_of(pairs: &[(&str, i32)]) -> Value {
        let map = MapObj::new(Ty::String, Ty::Integer);
        for (k, v) in pairs {
            map.entries.borrow_mut().insert(Key(Value::string(*k)), Value::Integer(*v));
        }
        Value::Map(Rc::new(map))
    }

    fn list_items(list: &Value) -> Vec<Value> {
        match list {
            Value::List(l) => l.items.borrow().clone(),
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn put_returns_the_previous_value_and_keeps_the_position() {
        let m = map_of(&[("a", 1), ("b", 2)]);
        assert_eq!(call(INSTANCE, "put", &[m.clone(), Value::string("c"), Value::Integer(3)]).unwrap(), Value::Null);
        let old = call(INSTANCE, "put", &[m.clone(), Value::string("a"), Value::Integer(9)]).unwrap();
        assert_eq!(old, Value::Integer(1));
        let values = call(INSTANCE, "values", &[m]).unwrap();
        assert_eq!(list_items(&values), list_items(&ints(&[9, 2, 3])));
    }

    #[test]
    fn string_keys_are_case_sensitive_and_get_of_a_missing_key_is_null() {
        let m = map_of(&[("A", 1)]);
        assert_eq!(call(INSTANCE, "get", &[m.clone(), Value::string("a")]).unwrap(), Value::Null);
        assert_eq!(call(INSTANCE, "get", &[m.clone(), Value::string("A")]).unwrap(), Value::Integer(1));
        assert_eq!(call(INSTANCE, "containskey", &[m.clone(), Value::string("a")]).unwrap(), Value::Boolean(false));
        assert_eq!(call(INSTANCE, "get", &[m, Value::Null]).unwrap(), Value::Null);
    }

    #[test]
    fn null_is_an_ordinary_key() {
        let m = map_of(&[]);
        call(INSTANCE, "put", &[m.clone(), Value::Null, Value::Integer(1)]).unwrap();
        assert_eq!(call(INSTANCE, "get", &[m.clone(), Value::Null]).unwrap(), Value::Integer(1));
        assert_eq!(call(INSTANCE, "remove", &[m.clone(), Value::Null]).unwrap(), Value::Integer(1));
        assert_eq!(call(INSTANCE, "isempty", &[m]).unwrap(), Value::Boolean(true));
    }

    #[test]
    fn remove_returns_the_value_and_keeps_the_order() {
        let m = map_of(&[("a", 1), ("b", 2), ("c", 3)]);
        assert_eq!(call(INSTANCE, "remove", &[m.clone(), Value::string("a")]).unwrap(), Value::Integer(1));
        assert_eq!(call(INSTANCE, "remove", &[m.clone(), Value::string("a")]).unwrap(), Value::Null);
        let keys = call(INSTANCE, "keyset", &[m]).unwrap();
        let Value::Set(keys) = keys else { panic!("keySet is a Set") };
        let keys: Vec<Value> = keys.items.borrow().iter().map(|k| k.0.clone()).collect();
        assert_eq!(keys, vec![Value::string("b"), Value::string("c")]);
    }

    #[test]
    fn put_all_and_clone_copy_entries() {
        let m = map_of(&[("a", 1)]);
        call(INSTANCE, "putall", &[m.clone(), map_of(&[("a", 5), ("b", 2)])]).unwrap();
        let copy = call(INSTANCE, "clone", std::slice::from_ref(&m)).unwrap();
        call(INSTANCE, "clear", std::slice::from_ref(&m)).unwrap();
        assert_eq!(call(INSTANCE, "size", std::slice::from_ref(&m)).unwrap(), Value::Integer(0));
        assert_eq!(list_items(&call(INSTANCE, "values", &[copy]).unwrap()), list_items(&ints(&[5, 2])));
        let (kind, _) = sys_message(call(INSTANCE, "putall", &[m.clone(), Value::Null]));
        assert_eq!(kind, SysExc::NullPointer);
        let sobjects = call(INSTANCE, "putall", &[m, ints(&[])]);
        assert!(matches!(sobjects, Err(t) if matches!(t.kind(), crate::eval::ThrowKind::Fault(Fault::Unsupported(_)))));
    }

    #[test]
    fn changes_are_refused_while_iterating() {
        let m = map_of(&[("a", 1)]);
        let Value::Map(obj) = &m else { unreachable!() };
        obj.iterating.set(1);
        let final_exc = (SysExc::Final, "Cannot modify a collection while it is being iterated.".to_string());
        let put = call(INSTANCE, "put", &[m.clone(), Value::string("b"), Value::Integer(2)]);
        assert_eq!(sys_message(put), final_exc);
        assert_eq!(sys_message(call(INSTANCE, "remove", &[m.clone(), Value::string("a")])), final_exc);
        assert_eq!(call(INSTANCE, "size", &[m]).unwrap(), Value::Integer(1));
    }

    #[test]
    fn hash_code_matches_java() {
        // Java: Map.of("a", 1).hashCode() == ("a".hashCode() ^ 1) == 96.
        assert_eq!(call(INSTANCE, "hashcode", &[map_of(&[("a", 1)])]).unwrap(), Value::Integer(96));
    }
}
