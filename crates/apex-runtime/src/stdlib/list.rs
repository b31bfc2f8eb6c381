//! `System.List` instance methods, and the indexing helpers behind `l[i]` and `l[i] = v`.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_list.htm

use super::set::{elements_of, hash_code as element_hash};
use super::{ret, Native, Ret};
use crate::eval::{plain_order, Fault, Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::collections::key_eq;
use crate::value::{ListObj, Value};
use std::cell::Cell;
use std::cmp::Ordering;
use std::rc::Rc;

/// What one element costs against the heap limit, in bytes (an estimate).
pub const ELEMENT_BYTES: usize = 8;

/// The instance methods of `List<T>`; `args[0]` is the receiver.
pub static INSTANCE: &[Native] = &[
    Native::interp("add", 1, ret::VOID, add).args(1, 2),
    Native::interp("addall", 1, ret::VOID, add_all),
    Native::pure("clear", 0, ret::VOID, clear),
    Native::interp("clone", 0, Ret::Receiver, clone),
    Native::interp("contains", 1, ret::BOOLEAN, contains),
    // The three optional Booleans only matter for sObjects, which a list copy keeps by reference.
    Native::interp("deepclone", 0, Ret::Receiver, clone).args(0, 3),
    Native::interp("equals", 1, ret::BOOLEAN, equals),
    Native::pure("get", 1, Ret::Element, get),
    Native::pure(
        "getsobjecttype",
        0,
        Ret::Ty(Ty::System(super::describe::OBJECT_TYPE)),
        super::describe::list_sobject_type,
    ),
    Native::pure("hashcode", 0, ret::INTEGER, hash_code),
    Native::interp("indexof", 1, ret::INTEGER, index_of),
    Native::pure("isempty", 0, ret::BOOLEAN, is_empty),
    Native::pure("iterator", 0, Ret::Ty(Ty::System("Iterator")), iterator),
    Native::pure("remove", 1, Ret::Element, remove),
    Native::pure("set", 2, ret::VOID, set),
    Native::pure("size", 0, ret::INTEGER, size),
    Native::interp("sort", 0, ret::VOID, sort).args(0, 1),
    Native::interp("tostring", 0, ret::STRING, to_string),
];

/// `l[i]`: the element at `index`.
pub fn list_get(list: &ListObj, index: &Value) -> Result<Value, Throw> {
    let i = index_arg(index)?;
    let items = list.items.borrow();
    checked(i, items.len()).and_then(|at| items.get(at).cloned()).ok_or_else(|| out_of_bounds(i))
}

/// `l[i] = v`. Replacing an element is not a structural change, so it is allowed while a loop
/// walks the list (as on the platform).
pub fn list_set(list: &ListObj, index: &Value, value: Value) -> Result<(), Throw> {
    let i = index_arg(index)?;
    let mut items = list.items.borrow_mut();
    let len = items.len();
    let slot = checked(i, len).and_then(|at| items.get_mut(at)).ok_or_else(|| out_of_bounds(i))?;
    *slot = value;
    Ok(())
}

/// Refuses a structural change to a collection that a for-each loop is walking.
pub fn ensure_not_iterating(iterating: &Cell<u32>) -> Result<(), Throw> {
    if iterating.get() > 0 {
        return Err(Throw::sys(SysExc::Final, "Cannot modify a collection while it is being iterated."));
    }
    Ok(())
}

pub(crate) use super::args::value as arg;

pub(crate) fn internal(message: impl Into<String>) -> Throw {
    Throw::fault(Fault::Internal(message.into()))
}

fn receiver(args: &[Value]) -> Result<&Rc<ListObj>, Throw> {
    match arg(args, 0)? {
        Value::List(list) => Ok(list),
        other => Err(internal(format!("List method called on {other:?}"))),
    }
}

/// An index argument: a null index dereferences null.
fn index_arg(index: &Value) -> Result<i32, Throw> {
    match index {
        Value::Integer(i) => Ok(*i),
        Value::Null => Err(Throw::null_pointer()),
        other => Err(internal(format!("list index {other:?} is not an Integer"))),
    }
}

/// `i` as a position when it is within `0..len`.
fn checked(i: i32, len: usize) -> Option<usize> {
    usize::try_from(i).ok().filter(|at| *at < len)
}

pub(crate) fn out_of_bounds(i: i32) -> Throw {
    Throw::sys(SysExc::List, format!("List index out of bounds: {i}"))
}

/// `add(v)` appends; `add(i, v)` inserts at `i`, where `i == size()` appends.
fn add(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let list = receiver(args)?;
    ensure_not_iterating(&list.iterating)?;
    interp.charge_list_heap(list, args.last())?;
    if args.len() == 2 {
        list.items.borrow_mut().push(arg(args, 1)?.clone());
        return Ok(Value::Null);
    }
    let i = index_arg(arg(args, 1)?)?;
    let mut items = list.items.borrow_mut();
    let at = usize::try_from(i).ok().filter(|at| *at <= items.len()).ok_or_else(|| out_of_bounds(i))?;
    items.insert(at, arg(args, 2)?.clone());
    Ok(Value::Null)
}

/// `addAll(listOrSet)`: the source is copied first, so `l.addAll(l)` doubles the list.
fn add_all(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let list = receiver(args)?;
    let extra = elements_of(arg(args, 1)?)?;
    ensure_not_iterating(&list.iterating)?;
    interp.charge_heap(extra.len() * ELEMENT_BYTES)?;
    list.items.borrow_mut().extend(extra);
    Ok(Value::Null)
}

fn clear(args: &[Value]) -> Result<Value, Throw> {
    let list = receiver(args)?;
    ensure_not_iterating(&list.iterating)?;
    list.items.borrow_mut().clear();
    list.bytes.set(0);
    Ok(Value::Null)
}

/// A shallow copy with the same element type.
fn clone(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let list = receiver(args)?;
    let items = list.items.borrow().clone();
    interp.charge_heap(items.len() * ELEMENT_BYTES)?;
    Ok(Value::list(items, list.element.clone()))
}

/// Membership uses key equality: String elements are case-sensitive (doc).
fn contains(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(position(interp, args)?.is_some()))
}

fn index_of(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let found = position(interp, args)?.and_then(|at| i32::try_from(at).ok());
    Ok(Value::Integer(found.unwrap_or(-1)))
}

/// The first element equal to the argument: key equality (Strings case-sensitive), or the
/// element class's own `equals` when it defines one.
fn position(interp: &mut Interp, args: &[Value]) -> Result<Option<usize>, Throw> {
    let list = receiver(args)?;
    let wanted = arg(args, 1)?;
    if !interp.has_user_equals(wanted) {
        return Ok(list.items.borrow().iter().position(|v| key_eq(v, wanted)));
    }
    let items = list.items.borrow().clone();
    for (at, item) in items.iter().enumerate() {
        if interp.apex_equals(wanted, item)? {
            return Ok(Some(at));
        }
    }
    Ok(None)
}

/// `equals` compares elements with `==`, in order (doc), which is Apex `==` on the lists.
fn equals(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::Boolean(interp.apex_equals(arg(args, 0)?, arg(args, 1)?)?))
}

fn get(args: &[Value]) -> Result<Value, Throw> {
    list_get(receiver(args)?, arg(args, 1)?)
}

fn hash_code(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(element_hash(arg(args, 0)?)))
}

/// Java's `List.hashCode`: `31 * h + hash(e)` over the elements, starting from 1.
pub(crate) fn hash_items(items: &[Value]) -> i32 {
    items.iter().fold(1i32, |h, item| h.wrapping_mul(31).wrapping_add(element_hash(item)))
}

fn is_empty(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(receiver(args)?.items.borrow().is_empty()))
}

fn iterator(_args: &[Value]) -> Result<Value, Throw> {
    Err(Throw::unsupported("List.iterator"))
}

/// `remove(i)` returns the element it removed (the corpus uses `remove(0)` as a queue).
fn remove(args: &[Value]) -> Result<Value, Throw> {
    let list = receiver(args)?;
    let i = index_arg(arg(args, 1)?)?;
    ensure_not_iterating(&list.iterating)?;
    let mut items = list.items.borrow_mut();
    let at = checked(i, items.len()).ok_or_else(|| out_of_bounds(i))?;
    Ok(items.remove(at))
}

fn set(args: &[Value]) -> Result<Value, Throw> {
    list_set(receiver(args)?, arg(args, 1)?, arg(args, 2)?.clone())?;
    Ok(Value::Null)
}

fn size(args: &[Value]) -> Result<Value, Throw> {
    let len = receiver(args)?.items.borrow().len();
    Ok(Value::Integer(i32::try_from(len).unwrap_or(i32::MAX)))
}

/// `sort()`: a stable ascending sort in the interpreter's order (nulls first). The elements
/// are taken out while comparing, because `compareTo` is user code that may read the list.
fn sort(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let list = receiver(args)?;
    if args.len() > 1 {
        return Err(Throw::unsupported("List.sort(Comparator)"));
    }
    ensure_not_iterating(&list.iterating)?;
    if !list.items.borrow().iter().any(|item| matches!(item, Value::Object(_))) {
        list.items.borrow_mut().sort_by(plain_order);
        return Ok(Value::Null);
    }
    let items = list.items.borrow().clone();
    let sorted = merge_sort(interp, items)?;
    *list.items.borrow_mut() = sorted;
    Ok(Value::Null)
}

fn merge_sort(interp: &mut Interp, mut items: Vec<Value>) -> Result<Vec<Value>, Throw> {
    if items.len() < 2 {
        return Ok(items);
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(interp, items)?;
    let right = merge_sort(interp, right)?;
    merge(interp, left, right)
}

/// Merges two sorted runs; on ties the left run goes first, which keeps the sort stable.
fn merge(interp: &mut Interp, left: Vec<Value>, right: Vec<Value>) -> Result<Vec<Value>, Throw> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        let next = if interp.compare(r, l)? == Ordering::Less { right.next() } else { left.next() };
        out.extend(next);
    }
    out.extend(left);
    out.extend(right);
    Ok(out)
}

fn to_string(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    receiver(args)?;
    Ok(Value::string(interp.stringify(arg(args, 0)?)?))
}

/// The batches of a SOQL for loop whose variable is a list (`for (List<Account> batch :
/// [SELECT ...])`): the rows 200 at a time.
pub static SOQL_BATCHES: Native = Native::pure("$batches", 1, super::Ret::Ty(Ty::Any), soql_batches);

/// Rows per batch of a SOQL for loop.
pub const SOQL_BATCH_SIZE: usize = 200;

fn soql_batches(args: &[Value]) -> Result<Value, Throw> {
    let list = match args.first() {
        Some(Value::List(list)) => list,
        _ => return Err(Throw::null_pointer()),
    };
    let element = list.element.clone();
    let batches: Vec<Value> = list
        .items
        .borrow()
        .chunks(SOQL_BATCH_SIZE)
        .map(|chunk| Value::List(std::rc::Rc::new(ListObj::new(chunk.to_vec(), element.clone()))))
        .collect();
    Ok(Value::List(std::rc::Rc::new(ListObj::new(batches, Ty::List(Box::new(element))))))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::host::RecordingHost;
    use crate::stdlib::{find, NativeFn};

    /// The one place that builds a test interpreter.
    pub(crate) fn interp(host: &mut RecordingHost) -> Interp<'_> {
        Interp::for_tests(host)
    }

    /// Calls a method from `table` the way the evaluator would.
    pub(crate) fn call(table: &[Native], name: &str, args: &[Value]) -> Result<Value, Throw> {
        let mut host = RecordingHost::default();
        let mut interp = interp(&mut host);
        let native = find(table, name, args.len().saturating_sub(1)).expect("method in table");
        match native.func {
            NativeFn::Pure(f) => f(args),
            NativeFn::Interp(f) => f(&mut interp, args),
        }
    }

    pub(crate) fn ints(values: &[i32]) -> Value {
        Value::list(values.iter().map(|i| Value::Integer(*i)).collect(), Ty::Integer)
    }

    fn items(list: &Value) -> Vec<Value> {
        match list {
            Value::List(l) => l.items.borrow().clone(),
            other => panic!("not a list: {other:?}"),
        }
    }

    pub(crate) fn sys_message(result: Result<Value, Throw>) -> (SysExc, String) {
        match result {
            Err(t) if t.as_sys().is_some() => {
                t.as_sys().map(|(k, m)| (k, m.to_string())).unwrap_or((SysExc::Exception, String::new()))
            }
            other => panic!("expected a system exception, got {other:?}"),
        }
    }

    #[test]
    fn out_of_bounds_names_the_offending_index() {
        let l = ints(&[10]);
        let bounds = |n: &str| (SysExc::List, format!("List index out of bounds: {n}"));
        assert_eq!(sys_message(call(INSTANCE, "get", &[l.clone(), Value::Integer(1)])), bounds("1"));
        assert_eq!(sys_message(call(INSTANCE, "get", &[l.clone(), Value::Integer(-1)])), bounds("-1"));
        let set_args = [l.clone(), Value::Integer(3), Value::Integer(0)];
        assert_eq!(sys_message(call(INSTANCE, "set", &set_args)), bounds("3"));
        assert_eq!(sys_message(call(INSTANCE, "remove", &[l.clone(), Value::Integer(5)])), bounds("5"));
        let add_args = [l.clone(), Value::Integer(2), Value::Integer(0)];
        assert_eq!(sys_message(call(INSTANCE, "add", &add_args)), bounds("2"));
        assert_eq!(items(&l), vec![Value::Integer(10)]);
    }

    #[test]
    fn null_index_dereferences_null() {
        let (kind, _) = sys_message(call(INSTANCE, "get", &[ints(&[1]), Value::Null]));
        assert_eq!(kind, SysExc::NullPointer);
    }

    #[test]
    fn add_at_size_appends_and_add_at_zero_prepends() {
        let l = ints(&[2]);
        call(INSTANCE, "add", &[l.clone(), Value::Integer(1), Value::Integer(3)]).unwrap();
        call(INSTANCE, "add", &[l.clone(), Value::Integer(0), Value::Integer(1)]).unwrap();
        assert_eq!(items(&l), items(&ints(&[1, 2, 3])));
    }

    #[test]
    fn remove_zero_works_as_a_queue() {
        let l = ints(&[1, 2, 3]);
        let first = call(INSTANCE, "remove", &[l.clone(), Value::Integer(0)]).unwrap();
        let second = call(INSTANCE, "remove", &[l.clone(), Value::Integer(0)]).unwrap();
        assert_eq!((first, second), (Value::Integer(1), Value::Integer(2)));
        assert_eq!(call(INSTANCE, "size", &[l]).unwrap(), Value::Integer(1));
    }

    #[test]
    fn sort_puts_nulls_first_and_is_stable() {
        let l = Value::list(vec![Value::Integer(3), Value::Null, Value::Integer(1), Value::Null], Ty::Integer);
        call(INSTANCE, "sort", std::slice::from_ref(&l)).unwrap();
        assert_eq!(items(&l), vec![Value::Null, Value::Null, Value::Integer(1), Value::Integer(3)]);
        // 1.0 and 1 compare equal, so they keep their order.
        let one_point_oh = Value::decimal("1.0".parse().unwrap());
        let mixed = Value::list(vec![Value::Integer(2), one_point_oh, Value::Integer(1)], Ty::Object);
        call(INSTANCE, "sort", std::slice::from_ref(&mixed)).unwrap();
        assert!(matches!(items(&mixed).as_slice(), [Value::Decimal(_), Value::Integer(1), Value::Integer(2)]));
    }

    #[test]
    fn structural_changes_are_refused_while_iterating() {
        let l = ints(&[1, 2]);
        let Value::List(obj) = &l else { unreachable!() };
        obj.iterating.set(1);
        let final_exc = (SysExc::Final, "Cannot modify a collection while it is being iterated.".to_string());
        assert_eq!(sys_message(call(INSTANCE, "add", &[l.clone(), Value::Integer(3)])), final_exc);
        assert_eq!(sys_message(call(INSTANCE, "remove", &[l.clone(), Value::Integer(0)])), final_exc);
        assert_eq!(sys_message(call(INSTANCE, "addall", &[l.clone(), ints(&[4])])), final_exc);
        assert_eq!(sys_message(call(INSTANCE, "clear", std::slice::from_ref(&l))), final_exc);
        // Replacing an element is allowed.
        call(INSTANCE, "set", &[l.clone(), Value::Integer(0), Value::Integer(9)]).unwrap();
        assert_eq!(items(&l), items(&ints(&[9, 2])));
        obj.iterating.set(0);
        call(INSTANCE, "add", &[l.clone(), Value::Integer(3)]).unwrap();
    }

    #[test]
    fn add_all_of_itself_doubles_the_list() {
        let l = ints(&[1, 2]);
        call(INSTANCE, "addall", &[l.clone(), l.clone()]).unwrap();
        assert_eq!(items(&l), items(&ints(&[1, 2, 1, 2])));
    }

    #[test]
    fn clone_is_shallow_and_independent() {
        let inner = ints(&[1]);
        let l = Value::list(vec![inner.clone()], Ty::list_of(Ty::Integer));
        let copy = call(INSTANCE, "clone", std::slice::from_ref(&l)).unwrap();
        assert!(!copy.same_object(&l));
        assert!(items(&copy)[0].same_object(&inner));
        call(INSTANCE, "add", &[copy.clone(), ints(&[2])]).unwrap();
        assert_eq!(call(INSTANCE, "size", &[l]).unwrap(), Value::Integer(1));
    }

    #[test]
    fn contains_and_index_of_are_case_sensitive() {
        let l = Value::list(vec![Value::string("a"), Value::string("b")], Ty::String);
        assert_eq!(call(INSTANCE, "contains", &[l.clone(), Value::string("A")]).unwrap(), Value::Boolean(false));
        assert_eq!(call(INSTANCE, "indexof", &[l.clone(), Value::string("b")]).unwrap(), Value::Integer(1));
        assert_eq!(call(INSTANCE, "indexof", &[l, Value::string("B")]).unwrap(), Value::Integer(-1));
    }

    #[test]
    fn hash_code_follows_java() {
        // Java: Arrays.asList(1, 2).hashCode() == 994; List.of("a").hashCode() == 128.
        assert_eq!(call(INSTANCE, "hashcode", &[ints(&[1, 2])]).unwrap(), Value::Integer(994));
        let strings = Value::list(vec![Value::string("a")], Ty::String);
        assert_eq!(call(INSTANCE, "hashcode", &[strings]).unwrap(), Value::Integer(128));
    }

    #[test]
    fn indexing_helpers() {
        let Value::List(l) = ints(&[1, 2]) else { unreachable!() };
        assert_eq!(list_get(&l, &Value::Integer(1)).unwrap(), Value::Integer(2));
        list_set(&l, &Value::Integer(0), Value::Integer(7)).unwrap();
        assert_eq!(list_get(&l, &Value::Integer(0)).unwrap(), Value::Integer(7));
        assert!(
            matches!(list_set(&l, &Value::Integer(2), Value::Null), Err(t) if matches!(t.as_sys(), Some((SysExc::List, _))))
        );
        assert!(matches!(list_get(&l, &Value::Null), Err(t) if matches!(t.as_sys(), Some((SysExc::NullPointer, _)))));
    }

    #[test]
    fn iterator_and_comparator_sort_are_unsupported() {
        assert!(
            matches!(call(INSTANCE, "iterator", &[ints(&[])]), Err(t) if matches!(t.kind(), crate::eval::ThrowKind::Fault(Fault::Unsupported(_))))
        );
        let sort = call(INSTANCE, "sort", &[ints(&[]), Value::Null]);
        assert!(matches!(sort, Err(t) if matches!(t.kind(), crate::eval::ThrowKind::Fault(Fault::Unsupported(_)))));
    }
}
