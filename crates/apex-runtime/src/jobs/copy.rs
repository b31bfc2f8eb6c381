//! The copy a queued job keeps of its Queueable or its `@future` arguments. The platform
//! serializes them when they are queued, so later changes by the caller do not reach the job,
//! and transient fields arrive empty. Objects reached twice stay one object in the copy.

use crate::program::Program;
use crate::value::{Instance, Key, ListObj, MapObj, SObjectObj, SetObj, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// A deep copy of `value` as deserializing it would give it back.
pub fn serialized(program: &Program, value: &Value) -> Value {
    Copier { program, seen: FxHashMap::default() }.copy(value)
}

struct Copier<'p> {
    program: &'p Program,
    /// Copies made so far, by the address of what they copy.
    seen: FxHashMap<usize, Value>,
}

impl Copier<'_> {
    fn copy(&mut self, value: &Value) -> Value {
        let address = match value {
            Value::List(l) => Rc::as_ptr(l) as usize,
            Value::Set(s) => Rc::as_ptr(s) as usize,
            Value::Map(m) => Rc::as_ptr(m) as usize,
            Value::Object(o) => Rc::as_ptr(o) as usize,
            Value::SObject(s) => Rc::as_ptr(s) as usize,
            // Everything else is immutable, or a system object the job shares.
            other => return other.clone(),
        };
        if let Some(done) = self.seen.get(&address) {
            return done.clone();
        }
        match value {
            Value::List(list) => self.list(address, list),
            Value::Set(set) => self.set(address, set),
            Value::Map(map) => self.map(address, map),
            Value::Object(object) => self.object(address, object),
            Value::SObject(record) => self.record(address, record),
            other => other.clone(),
        }
    }

    fn list(&mut self, address: usize, list: &ListObj) -> Value {
        let copy = Rc::new(ListObj::new(Vec::new(), list.element.clone()));
        self.seen.insert(address, Value::List(Rc::clone(&copy)));
        let items: Vec<Value> = list.items.borrow().iter().map(|v| self.copy(v)).collect();
        *copy.items.borrow_mut() = items;
        Value::List(copy)
    }

    fn set(&mut self, address: usize, set: &SetObj) -> Value {
        let items: Vec<Value> = set.items.borrow().iter().map(|k| self.copy(&k.0)).collect();
        let copy = Value::Set(Rc::new(SetObj::from_values(items, set.element.clone())));
        self.seen.insert(address, copy.clone());
        copy
    }

    fn map(&mut self, address: usize, map: &MapObj) -> Value {
        let copy = Rc::new(MapObj { ignore_case: map.ignore_case, ..MapObj::new(map.key.clone(), map.value.clone()) });
        self.seen.insert(address, Value::Map(Rc::clone(&copy)));
        let entries: Vec<(Value, Value)> = map.entries.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
        for (key, value) in entries {
            let (key, value) = (self.copy(&key), self.copy(&value));
            copy.entries.borrow_mut().insert(Key(key), value);
        }
        Value::Map(copy)
    }

    fn object(&mut self, address: usize, object: &Instance) -> Value {
        let size = object.fields.borrow().len();
        let copy = Rc::new(Instance { class: object.class, fields: RefCell::new(vec![Value::Null; size]) });
        self.seen.insert(address, Value::Object(Rc::clone(&copy)));
        let layout = &self.program.class(object.class).fields;
        let fields: Vec<Value> = object.fields.borrow().clone();
        for (slot, field) in fields.iter().enumerate() {
            if layout.get(slot).is_some_and(|f| f.is_transient) {
                continue;
            }
            let copied = self.copy(field);
            copy.fields.borrow_mut()[slot] = copied;
        }
        Value::Object(copy)
    }

    fn record(&mut self, address: usize, record: &SObjectObj) -> Value {
        let copy = Rc::new(SObjectObj::new(&record.object));
        copy.queried.set(record.queried.get());
        self.seen.insert(address, Value::SObject(Rc::clone(&copy)));
        let fields: Vec<(String, String, Value)> =
            record.fields.borrow().iter().map(|(k, (name, v))| (k.clone(), name.clone(), v.clone())).collect();
        for (key, name, value) in fields {
            let copied = self.copy(&value);
            copy.fields.borrow_mut().insert(key, (name, copied));
        }
        Value::SObject(copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Ty;

    fn list(items: Vec<Value>) -> Rc<ListObj> {
        Rc::new(ListObj::new(items, Ty::Object))
    }

    #[test]
    fn a_copy_is_cut_off_from_the_original() {
        let original = list(vec![Value::string("a")]);
        let copy = serialized(&Program::default(), &Value::List(Rc::clone(&original)));
        original.items.borrow_mut().push(Value::string("b"));
        let Value::List(copy) = copy else { panic!("a list") };
        assert_eq!(copy.items.borrow().len(), 1);
    }

    #[test]
    fn a_list_reached_twice_stays_one_list_and_cycles_end() {
        let shared = list(Vec::new());
        let outer = list(vec![Value::List(Rc::clone(&shared)), Value::List(Rc::clone(&shared))]);
        outer.items.borrow_mut().push(Value::List(Rc::clone(&outer)));
        let Value::List(copy) = serialized(&Program::default(), &Value::List(outer)) else { panic!("a list") };
        let items = copy.items.borrow();
        let (Value::List(first), Value::List(second), Value::List(itself)) = (&items[0], &items[1], &items[2]) else {
            panic!("lists")
        };
        assert!(Rc::ptr_eq(first, second));
        assert!(Rc::ptr_eq(itself, &copy));
        assert!(!Rc::ptr_eq(first, &shared));
    }
}
