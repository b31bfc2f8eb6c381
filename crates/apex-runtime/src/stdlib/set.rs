//! `System.Set` instance methods, and the Java-compatible `hashCode` that all three
//! collections share.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_set.htm

use super::list::{arg, ensure_not_iterating, hash_items, internal, ELEMENT_BYTES};
use super::map::hash_entries;
use super::{ret, Native, Ret};
use crate::eval::{Interp, Throw};
use crate::types::Ty;
use crate::value::{Key, SetObj, Value};
use bigdecimal::num_bigint::Sign;
use bigdecimal::BigDecimal;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// The instance methods of `Set<T>`; `args[0]` is the receiver.
pub static INSTANCE: &[Native] = &[
    Native::interp("add", 1, ret::BOOLEAN, add),
    Native::interp("addall", 1, ret::BOOLEAN, add_all),
    Native::pure("clear", 0, ret::VOID, clear),
    Native::interp("clone", 0, Ret::Receiver, clone),
    Native::interp("contains", 1, ret::BOOLEAN, contains),
    Native::pure("containsall", 1, ret::BOOLEAN, contains_all),
    Native::interp("equals", 1, ret::BOOLEAN, equals),
    Native::pure("hashcode", 0, ret::INTEGER, hash),
    Native::pure("isempty", 0, ret::BOOLEAN, is_empty),
    Native::interp("remove", 1, ret::BOOLEAN, remove),
    Native::pure("removeall", 1, ret::BOOLEAN, remove_all),
    Native::pure("retainall", 1, ret::BOOLEAN, retain_all),
    Native::pure("size", 0, ret::INTEGER, size),
    Native::interp("tostring", 0, ret::STRING, to_string),
];

/// The elements of a List or Set argument, copied so the receiver may be the argument itself.
pub fn elements_of(value: &Value) -> Result<Vec<Value>, Throw> {
    match value {
        Value::List(list) => Ok(list.items.borrow().clone()),
        Value::Set(set) => Ok(set.items.borrow().iter().map(|k| k.0.clone()).collect()),
        Value::Null => Err(Throw::null_pointer()),
        other => Err(internal(format!("expected a List or Set, got {other:?}"))),
    }
}

/// `hashCode()` as the platform's Java runtime computes it: Strings over UTF-16 units,
/// Lists `31 * h + e`, Sets the sum of their elements, Maps the sum of `key ^ value`.
/// Class instances hash by identity (a user `hashCode` is not consulted here).
pub fn hash_code(value: &Value) -> i32 {
    match value {
        Value::Null => 0,
        Value::Boolean(true) => 1231,
        Value::Boolean(false) => 1237,
        Value::Integer(i) => *i,
        Value::Long(l) => long_hash(*l),
        Value::Double(d) => long_hash(if d.is_nan() { 0x7ff8_0000_0000_0000 } else { d.to_bits() as i64 }),
        Value::Decimal(d) => decimal_hash(d),
        Value::String(s) | Value::Id(s) => {
            s.encode_utf16().fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
        }
        Value::Blob(b) => b.iter().fold(1i32, |h, byte| h.wrapping_mul(31).wrapping_add(*byte as i8 as i32)),
        Value::Date(d) => d.0,
        Value::Datetime(d) => long_hash(d.0),
        Value::Time(t) => t.0,
        Value::List(l) => hash_items(&l.items.borrow()),
        Value::Set(s) => s.items.borrow().iter().fold(0i32, |h, k| h.wrapping_add(hash_code(&k.0))),
        Value::Map(m) => hash_entries(&m.entries.borrow()),
        Value::Object(o) => Rc::as_ptr(o) as usize as i32,
        Value::Native(n) => Rc::as_ptr(n) as usize as i32,
        // Field order does not matter to equality, so it may not matter here; related records
        // are left out, so a record that refers to itself cannot recurse forever.
        Value::SObject(s) => s
            .fields
            .borrow()
            .iter()
            .filter(|(_, (_, v))| !matches!(v, Value::SObject(_)))
            .fold(0i32, |h, (k, (_, v))| h.wrapping_add(hash_code(&Value::string(k.as_str())) ^ hash_code(v))),
        Value::Enum(e) => (e.ty.0 as i32).wrapping_mul(31).wrapping_add(e.ordinal as i32),
        Value::Type(t) => {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut hasher);
            hasher.finish() as i32
        }
    }
}

/// Java's `Long.hashCode`.
fn long_hash(l: i64) -> i32 {
    (l ^ ((l as u64) >> 32) as i64) as i32
}

/// Java's `BigDecimal.hashCode`: `31 * unscaled.hashCode() + scale`.
fn decimal_hash(d: &BigDecimal) -> i32 {
    let (unscaled, scale) = d.as_bigint_and_exponent();
    let (sign, digits) = unscaled.to_u32_digits();
    let magnitude = digits.iter().rev().fold(0i32, |h, digit| h.wrapping_mul(31).wrapping_add(*digit as i32));
    let signum = match sign {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    };
    31i32.wrapping_mul(magnitude.wrapping_mul(signum)).wrapping_add(scale as i32)
}

fn receiver(args: &[Value]) -> Result<&Rc<SetObj>, Throw> {
    match arg(args, 0)? {
        Value::Set(set) => Ok(set),
        other => Err(internal(format!("Set method called on {other:?}"))),
    }
}

/// `add(v)`: true when the element was not there yet.
fn add(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    ensure_not_iterating(&set.iterating)?;
    let key = interp.set_key(set, arg(args, 1)?)?;
    let added = set.items.borrow_mut().insert(key);
    if added {
        interp.charge_heap(set.items.borrow().len() * ELEMENT_BYTES)?;
    }
    Ok(Value::Boolean(added))
}

/// `addAll(listOrSet)`: true when the set changed.
fn add_all(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let extra = elements_of(arg(args, 1)?)?;
    ensure_not_iterating(&set.iterating)?;
    let added = {
        let mut items = set.items.borrow_mut();
        extra.into_iter().filter(|v| items.insert(Key(v.clone()))).count()
    };
    interp.charge_heap(added * ELEMENT_BYTES)?;
    Ok(Value::Boolean(added > 0))
}

fn clear(args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    ensure_not_iterating(&set.iterating)?;
    set.items.borrow_mut().clear();
    Ok(Value::Null)
}

/// A shallow copy with the same element type.
fn clone(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let copy = SetObj::new(set.element.clone());
    *copy.items.borrow_mut() = set.items.borrow().clone();
    interp.charge_heap(copy.items.borrow().len() * ELEMENT_BYTES)?;
    Ok(Value::Set(Rc::new(copy)))
}

/// Membership is case-sensitive for Strings (doc).
fn contains(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let wanted = interp.set_key(set, arg(args, 1)?)?;
    Ok(Value::Boolean(set.items.borrow().contains(&wanted)))
}

fn contains_all(args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let wanted = elements_of(arg(args, 1)?)?;
    let items = set.items.borrow();
    Ok(Value::Boolean(wanted.into_iter().all(|v| items.contains(&Key(v)))))
}

/// Sets are equal when they hold equal elements in any order (doc): Apex `==` on the sets.
fn equals(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::Boolean(interp.apex_equals(arg(args, 0)?, arg(args, 1)?)?))
}

fn hash(args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::Integer(hash_code(arg(args, 0)?)))
}

fn is_empty(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(receiver(args)?.items.borrow().is_empty()))
}

/// `remove(v)`: true when the element was there. The order of the rest is kept.
fn remove(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let gone = interp.set_key(set, arg(args, 1)?)?;
    ensure_not_iterating(&set.iterating)?;
    let removed = set.items.borrow_mut().shift_remove(&gone);
    Ok(Value::Boolean(removed))
}

/// `removeAll(listOrSet)`: true when the set changed.
fn remove_all(args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let gone = lookup(arg(args, 1)?)?;
    ensure_not_iterating(&set.iterating)?;
    Ok(Value::Boolean(retain(set, |k| !gone.items.borrow().contains(k))))
}

/// `retainAll(listOrSet)`: keeps only the elements also in the argument; true when it changed.
fn retain_all(args: &[Value]) -> Result<Value, Throw> {
    let set = receiver(args)?;
    let kept = lookup(arg(args, 1)?)?;
    ensure_not_iterating(&set.iterating)?;
    Ok(Value::Boolean(retain(set, |k| kept.items.borrow().contains(k))))
}

/// A fresh set of the elements of a List or Set argument, for membership tests.
fn lookup(value: &Value) -> Result<SetObj, Throw> {
    Ok(SetObj::from_values(elements_of(value)?, Ty::Any))
}

/// Keeps the elements `keep` accepts, in order; true when any went.
fn retain(set: &SetObj, keep: impl Fn(&Key) -> bool) -> bool {
    let mut items = set.items.borrow_mut();
    let before = items.len();
    items.retain(|k| keep(k));
    items.len() != before
}

fn size(args: &[Value]) -> Result<Value, Throw> {
    let len = receiver(args)?.items.borrow().len();
    Ok(Value::Integer(i32::try_from(len).unwrap_or(i32::MAX)))
}

fn to_string(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::string(interp.stringify(arg(args, 0)?)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::SysExc;
    use crate::stdlib::list::tests::{call, ints, sys_message};

    fn strings(values: &[&str]) -> Value {
        Value::Set(Rc::new(SetObj::from_values(values.iter().map(|s| Value::string(*s)), Ty::String)))
    }

    fn int_set(values: &[i32]) -> Value {
        Value::Set(Rc::new(SetObj::from_values(values.iter().map(|i| Value::Integer(*i)), Ty::Integer)))
    }

    fn members(set: &Value) -> Vec<Value> {
        elements_of(set).unwrap()
    }

    #[test]
    fn add_and_remove_report_whether_anything_changed() {
        let s = strings(&["a"]);
        assert_eq!(call(INSTANCE, "add", &[s.clone(), Value::string("a")]).unwrap(), Value::Boolean(false));
        assert_eq!(call(INSTANCE, "add", &[s.clone(), Value::string("A")]).unwrap(), Value::Boolean(true));
        assert_eq!(call(INSTANCE, "remove", &[s.clone(), Value::string("b")]).unwrap(), Value::Boolean(false));
        assert_eq!(call(INSTANCE, "remove", &[s.clone(), Value::string("a")]).unwrap(), Value::Boolean(true));
        assert_eq!(members(&s), vec![Value::string("A")]);
    }

    #[test]
    fn bulk_operations_take_lists_and_sets() {
        let s = int_set(&[1, 2, 3]);
        assert_eq!(call(INSTANCE, "addall", &[s.clone(), ints(&[3, 4])]).unwrap(), Value::Boolean(true));
        assert_eq!(call(INSTANCE, "addall", &[s.clone(), int_set(&[4])]).unwrap(), Value::Boolean(false));
        assert_eq!(call(INSTANCE, "containsall", &[s.clone(), ints(&[1, 4])]).unwrap(), Value::Boolean(true));
        assert_eq!(call(INSTANCE, "removeall", &[s.clone(), ints(&[2, 9])]).unwrap(), Value::Boolean(true));
        assert_eq!(call(INSTANCE, "retainall", &[s.clone(), int_set(&[4, 1])]).unwrap(), Value::Boolean(true));
        assert_eq!(members(&s), vec![Value::Integer(1), Value::Integer(4)]);
        assert_eq!(call(INSTANCE, "retainall", &[s.clone(), s.clone()]).unwrap(), Value::Boolean(false));
    }

    #[test]
    fn null_argument_to_bulk_operations_dereferences_null() {
        let (kind, _) = sys_message(call(INSTANCE, "addall", &[int_set(&[]), Value::Null]));
        assert_eq!(kind, SysExc::NullPointer);
    }

    #[test]
    fn structural_changes_are_refused_while_iterating() {
        let s = int_set(&[1]);
        let Value::Set(obj) = &s else { unreachable!() };
        obj.iterating.set(1);
        let final_exc = (SysExc::Final, "Cannot modify a collection while it is being iterated.".to_string());
        assert_eq!(sys_message(call(INSTANCE, "add", &[s.clone(), Value::Integer(2)])), final_exc);
        assert_eq!(sys_message(call(INSTANCE, "remove", &[s.clone(), Value::Integer(1)])), final_exc);
        assert_eq!(sys_message(call(INSTANCE, "retainall", &[s.clone(), ints(&[])])), final_exc);
        assert_eq!(members(&s), vec![Value::Integer(1)]);
    }

    #[test]
    fn clone_is_independent() {
        let s = int_set(&[1]);
        let copy = call(INSTANCE, "clone", std::slice::from_ref(&s)).unwrap();
        call(INSTANCE, "add", &[copy.clone(), Value::Integer(2)]).unwrap();
        assert_eq!(call(INSTANCE, "size", &[s]).unwrap(), Value::Integer(1));
        assert_eq!(call(INSTANCE, "size", &[copy]).unwrap(), Value::Integer(2));
    }

    #[test]
    fn hash_codes_match_java() {
        assert_eq!(hash_code(&Value::string("abc")), 96354);
        assert_eq!(hash_code(&Value::Long(1 << 32)), 1);
        assert_eq!(hash_code(&Value::Double(1.5)), 1073217536);
        assert_eq!(hash_code(&Value::decimal("1.0".parse().unwrap())), 311);
        assert_eq!(hash_code(&Value::decimal("-2".parse().unwrap())), -62);
        assert_eq!(hash_code(&Value::Boolean(true)), 1231);
        // Set.of(1, 2).hashCode() == 3 in Java.
        assert_eq!(call(INSTANCE, "hashcode", &[int_set(&[1, 2])]).unwrap(), Value::Integer(3));
    }
}
