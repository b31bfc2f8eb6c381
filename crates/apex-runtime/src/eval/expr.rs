//! Expression evaluation: locals, fields, statics, assignments to places, `++`/`--`,
//! short-circuit operators, `?.` chains, casts and object creation.

use super::{Interp, Throw};
use crate::ir::{Expr, NewExpr, Place};
use crate::stdlib::list::{list_get, list_set};
use crate::value::{ListObj, MapObj, SetObj, Value};
use apex_syntax::ast::BinaryOp;
use std::rc::Rc;

impl Interp<'_> {
    pub(crate) fn eval(&mut self, e: &Expr) -> Result<Value, Throw> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Local(slot) => Ok(match &self.stack[self.bp + *slot as usize] {
                Value::Integer(i) => Value::Integer(*i),
                other => other.clone(),
            }),
            Expr::This => Ok(self.this.clone()),
            Expr::Field(target, slot) => {
                if let Some(v) = self.fast_field(target, *slot) {
                    return Ok(v);
                }
                let object = self.eval(target)?;
                read_field(&object, *slot)
            }
            Expr::Static(class, slot) => Ok(self.static_slot(*class, *slot)?.clone()),
            Expr::Assign(place, value) => {
                let value = self.eval(value)?;
                self.assign(place, value)
            }
            Expr::Compound(place, op, value) => self.compound(place, *op, value),
            Expr::Step { place, delta, prefix } => match self.fast_step(place, *delta, *prefix) {
                Some(i) => Ok(Value::Integer(i)),
                None => self.step(place, *delta, *prefix),
            },
            Expr::Binary(op, l, r) => {
                if let Some(v) = self.fast_binary(*op, l, r) {
                    return Ok(v.into_value());
                }
                let l = self.eval(l)?;
                let r = self.eval(r)?;
                self.binary(*op, &l, &r).map_err(|e| self.materialize(e))
            }
            Expr::And(l, r) => Ok(Value::Boolean(self.eval_bool(l)? && self.eval_bool(r)?)),
            Expr::Or(l, r) => Ok(Value::Boolean(self.eval_bool(l)? || self.eval_bool(r)?)),
            Expr::Coalesce(l, r) => match self.eval(l)? {
                Value::Null => self.eval(r),
                v => Ok(v),
            },
            Expr::Not(inner) => Ok(Value::Boolean(!self.eval_bool(inner)?)),
            Expr::Negate(inner) => {
                let v = self.eval(inner)?;
                super::ops::negate(&v).map_err(|e| self.materialize(e))
            }
            Expr::BitNot(inner) => {
                let v = self.eval(inner)?;
                super::ops::bit_not(&v).map_err(|e| self.materialize(e))
            }
            Expr::Ternary(cond, then, otherwise) => {
                if self.eval_bool(cond)? {
                    self.eval(then)
                } else {
                    self.eval(otherwise)
                }
            }
            Expr::Index(target, index) => {
                if let Some(v) = self.fast_index(target, index) {
                    return Ok(v);
                }
                let target = self.eval(target)?;
                let index = self.eval(index)?;
                match &target {
                    Value::List(list) => list_get(list, &index).map_err(|e| self.materialize(e)),
                    Value::Null => Err(self.materialize(Throw::null_pointer())),
                    _ => Err(Throw::unsupported("indexing this kind of value")),
                }
            }
            Expr::Cast(ty, inner) => {
                let v = self.eval(inner)?;
                self.cast(v, ty).map_err(|e| self.materialize(e))
            }
            Expr::InstanceOf(inner, ty) => {
                let v = self.eval(inner)?;
                Ok(Value::Boolean(!v.is_null() && self.is_instance(&v, ty)))
            }
            Expr::Call(call) => {
                let result = match &**call {
                    crate::ir::Call::Direct { receiver: None, method, args, .. } => self.call_static(*method, args),
                    other => self.eval_call(other),
                };
                result.map_err(|e| self.materialize(e))
            }
            Expr::New(new) => self.eval_new(new),
            Expr::SafeTarget(inner) => match self.eval(inner)? {
                Value::Null => Err(Throw::null_chain()),
                v => Ok(v),
            },
            Expr::DynField(target, name) => {
                let object = self.eval(target)?;
                self.dyn_field(&object, name).map_err(|e| self.materialize(e))
            }
            Expr::SafeScope(inner) => match self.eval(inner) {
                Err(t) if t.is_null_chain() => Ok(Value::Null),
                other => other,
            },
            Expr::Soql(query) => crate::stdlib::soql::run(self, query).map_err(|t| self.materialize(t)),
            Expr::Sosl(search) => crate::stdlib::sosl::run(self, search).map_err(|t| self.materialize(t)),
            Expr::Unsupported(what) => Err(Throw::unsupported(what)),
        }
    }

    /// A condition: a null Boolean is a NullPointerException.
    pub(crate) fn eval_bool(&mut self, e: &Expr) -> Result<bool, Throw> {
        if let Some(b) = self.fast_condition(e) {
            return Ok(b);
        }
        match self.eval(e)? {
            Value::Boolean(b) => Ok(b),
            Value::Null => Err(self.materialize(Throw::null_pointer())),
            other => Err(Throw::fault(super::Fault::Internal(format!("condition is not a Boolean: {other:?}")))),
        }
    }

    #[inline(never)]
    fn assign(&mut self, place: &Place, value: Value) -> Result<Value, Throw> {
        match place {
            Place::Local(slot) => self.stack[self.bp + *slot as usize] = value.clone(),
            Place::Field(target, slot) => {
                let object = self.eval(target)?;
                write_field(&object, *slot, value.clone()).map_err(|e| self.materialize(e))?;
            }
            Place::Static(class, slot) => *self.static_slot(*class, *slot)? = value.clone(),
            Place::Index(target, index) => {
                let target = self.eval(target)?;
                let index = self.eval(index)?;
                match &target {
                    Value::List(list) => list_set(list, &index, value.clone()).map_err(|e| self.materialize(e))?,
                    _ => return Err(self.materialize(Throw::null_pointer())),
                }
            }
            Place::DynField(target, name) => {
                let object = self.eval(target)?;
                self.dyn_field_set(&object, name, value.clone()).map_err(|e| self.materialize(e))?;
            }
            Place::Property { target, slot, setter, .. } => {
                let object = self.eval(target)?;
                match setter {
                    Some(m) => {
                        if object.is_null() {
                            return Err(self.materialize(Throw::null_pointer()));
                        }
                        self.invoke(*m, object, vec![value.clone()])?;
                    }
                    None => write_field(&object, *slot, value.clone()).map_err(|e| self.materialize(e))?,
                }
            }
            Place::Unsupported(what) => return Err(Throw::unsupported(what)),
            Place::StaticProperty { class, slot, setter, .. } => match setter {
                Some(m) => {
                    self.invoke(*m, Value::Null, vec![value.clone()])?;
                }
                None => *self.static_slot(*class, *slot)? = value.clone(),
            },
        }
        Ok(value)
    }

    /// Reads a place, evaluating its sub-expressions; returns the value and a place whose
    /// sub-expressions are now constants, so a later write does not evaluate them again.
    #[inline(never)]
    fn read_place(&mut self, place: &Place) -> Result<(Value, Place), Throw> {
        Ok(match place {
            Place::Local(slot) => (self.stack[self.bp + *slot as usize].clone(), Place::Local(*slot)),
            Place::Field(target, slot) => {
                let object = self.eval(target)?;
                (read_field(&object, *slot).map_err(|e| self.materialize(e))?, Place::Field(Expr::Const(object), *slot))
            }
            Place::Static(class, slot) => (self.static_slot(*class, *slot)?.clone(), Place::Static(*class, *slot)),
            Place::Index(target, index) => {
                let target = self.eval(target)?;
                let index = self.eval(index)?;
                let value = match &target {
                    Value::List(list) => list_get(list, &index).map_err(|e| self.materialize(e))?,
                    _ => return Err(self.materialize(Throw::null_pointer())),
                };
                (value, Place::Index(Expr::Const(target), Expr::Const(index)))
            }
            Place::DynField(target, name) => {
                let object = self.eval(target)?;
                let value = self.dyn_field(&object, name).map_err(|e| self.materialize(e))?;
                (value, Place::DynField(Expr::Const(object), name.clone()))
            }
            Place::Property { target, slot, getter, setter } => {
                let object = self.eval(target)?;
                if object.is_null() {
                    return Err(self.materialize(Throw::null_pointer()));
                }
                let value = match getter {
                    Some(m) => self.invoke(*m, object.clone(), Vec::new())?,
                    None => read_field(&object, *slot)?,
                };
                (value, Place::Property { target: Expr::Const(object), slot: *slot, getter: *getter, setter: *setter })
            }
            Place::Unsupported(what) => return Err(Throw::unsupported(what)),
            Place::StaticProperty { class, slot, getter, setter } => {
                let value = match getter {
                    Some(m) => self.invoke(*m, Value::Null, Vec::new())?,
                    None => self.static_slot(*class, *slot)?.clone(),
                };
                (value, Place::StaticProperty { class: *class, slot: *slot, getter: *getter, setter: *setter })
            }
        })
    }

    /// `place op= value`, in Java's order: the place is read, then the value evaluated.
    #[inline(never)]
    fn compound(&mut self, place: &Place, op: BinaryOp, value: &Expr) -> Result<Value, Throw> {
        let (current, resolved) = self.read_place(place)?;
        let rhs = self.eval(value)?;
        let result = self.binary(op, &current, &rhs).map_err(|e| self.materialize(e))?;
        let result = super::convert::keep_type(&current, result);
        self.assign(&resolved, result)
    }

    #[inline(never)]
    fn step(&mut self, place: &Place, delta: i8, prefix: bool) -> Result<Value, Throw> {
        let (current, resolved) = self.read_place(place)?;
        let next = super::ops::add_delta(&current, delta).map_err(|e| self.materialize(e))?;
        self.assign(&resolved, next.clone())?;
        Ok(if prefix { next } else { current })
    }

    #[inline(never)]
    fn eval_new(&mut self, new: &NewExpr) -> Result<Value, Throw> {
        match new {
            NewExpr::Object { class, ctor: Some(ctor), args } => self.construct_with(*class, *ctor, args),
            NewExpr::Object { class, ctor: None, .. } => self.construct(*class, None, Vec::new()),
            NewExpr::Exception { class, args } => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.eval(a)?);
                }
                self.new_standard_exception(*class, values)
            }
            NewExpr::List { ty, items } => {
                let mut values = Vec::with_capacity(items.len());
                for i in items {
                    values.push(self.eval(i)?);
                }
                Ok(Value::List(Rc::new(ListObj::new(values, element_of(ty)))))
            }
            NewExpr::Set { ty, items } => {
                let mut values = Vec::with_capacity(items.len());
                for i in items {
                    values.push(self.eval(i)?);
                }
                Ok(Value::Set(Rc::new(SetObj::from_values(values, element_of(ty)))))
            }
            NewExpr::Map { ty, entries } => {
                let (key, value) = map_types(ty);
                let map = MapObj::new(key, value);
                for (k, v) in entries {
                    let k = self.eval(k)?;
                    let v = self.eval(v)?;
                    map.entries.borrow_mut().insert(crate::value::Key(k), v);
                }
                Ok(Value::Map(Rc::new(map)))
            }
            NewExpr::Array { ty, size } => {
                let size = match self.eval(size)? {
                    Value::Integer(n) => n,
                    Value::Null => return Err(self.materialize(Throw::null_pointer())),
                    _ => 0,
                };
                if size < 0 {
                    return Err(self.materialize(Throw::sys(super::SysExc::NegativeArraySize, size.to_string())));
                }
                self.limits.check_heap(size as usize * 8).map_err(|e| self.materialize(e))?;
                Ok(Value::List(Rc::new(ListObj::new(vec![Value::Null; size as usize], element_of(ty)))))
            }
            NewExpr::SObject { object, fields } => {
                let record = crate::value::SObjectObj::new(object);
                for (name, value) in fields {
                    let value = self.eval(value)?;
                    record.put(name, value);
                }
                Ok(Value::SObject(Rc::new(record)))
            }
            NewExpr::CopyOf { ty, source } => {
                let source = self.eval(source)?;
                super::convert::copy_collection(ty, &source).map_err(|e| self.materialize(e))
            }
        }
    }
}

fn element_of(ty: &crate::types::Ty) -> crate::types::Ty {
    ty.element().cloned().unwrap_or(crate::types::Ty::Object)
}

fn map_types(ty: &crate::types::Ty) -> (crate::types::Ty, crate::types::Ty) {
    match ty {
        crate::types::Ty::Map(k, v) => ((**k).clone(), (**v).clone()),
        _ => (crate::types::Ty::Object, crate::types::Ty::Object),
    }
}

pub(super) fn read_field(object: &Value, slot: u32) -> Result<Value, Throw> {
    match object {
        Value::Object(o) => Ok(o.fields.borrow().get(slot as usize).cloned().unwrap_or(Value::Null)),
        Value::Null => Err(Throw::null_pointer()),
        _ => Err(Throw::fault(super::Fault::Internal("field read on a non-object".into()))),
    }
}

fn write_field(object: &Value, slot: u32, value: Value) -> Result<(), Throw> {
    match object {
        Value::Object(o) => {
            if let Some(f) = o.fields.borrow_mut().get_mut(slot as usize) {
                *f = value;
            }
            Ok(())
        }
        Value::Null => Err(Throw::null_pointer()),
        _ => Err(Throw::fault(super::Fault::Internal("field write on a non-object".into()))),
    }
}
