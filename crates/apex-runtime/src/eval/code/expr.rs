//! Expressions as closures: locals, constants, fields, operators, conditions, list indexing,
//! assignments, `++`/`--` and `op=` on locals. Other shapes call the tree-walking `eval`.

use super::{call, operand, CondCode, EffectCode, ValueCode};
use crate::eval::convert::keep_type;
use crate::eval::expr::read_field;
use crate::eval::{Fault, Interp, Throw};
use crate::ir::{Expr, NewExpr, Place};
use crate::stdlib::list::{list_get, list_set};
use crate::value::Value;
use apex_syntax::ast::BinaryOp;

/// An expression whose value is used.
pub(super) fn compile<'h>(e: &'h Expr) -> ValueCode<'h> {
    match e {
        Expr::Const(Value::Integer(c)) => {
            let c = *c;
            Box::new(move |_| Ok(Value::Integer(c)))
        }
        Expr::Const(v) => Box::new(move |_| Ok(v.clone())),
        Expr::Local(slot) => {
            let slot = *slot as usize;
            Box::new(move |i| Ok(i.stack[i.bp + slot].clone()))
        }
        Expr::This => Box::new(|i| Ok(i.this.clone())),
        Expr::Field(target, slot) => field(target, *slot as usize),
        Expr::Static(class, slot) => {
            let (class, slot) = (*class, *slot);
            Box::new(move |i| Ok(i.static_slot(class, slot)?.clone()))
        }
        Expr::Binary(op, l, r) => operand::binary(*op, l, r),
        Expr::And(..) | Expr::Or(..) | Expr::Not(..) => {
            let test = condition(e);
            Box::new(move |i| Ok(Value::Boolean(test(i)?)))
        }
        Expr::Ternary(cond, then, otherwise) => {
            let (cond, then, otherwise) = (condition(cond), compile(then), compile(otherwise));
            Box::new(move |i| if cond(i)? { then(i) } else { otherwise(i) })
        }
        Expr::Coalesce(l, r) => {
            let (l, r) = (compile(l), compile(r));
            Box::new(move |i| match l(i)? {
                Value::Null => r(i),
                v => Ok(v),
            })
        }
        Expr::Index(target, index) => self::index(target, index),
        Expr::Cast(ty, inner) => {
            let inner = compile(inner);
            Box::new(move |i| {
                let v = inner(i)?;
                i.cast(v, ty).map_err(|e| i.materialize(e))
            })
        }
        Expr::Call(c) => call::compile(c, e),
        Expr::New(new) => match &**new {
            crate::ir::NewExpr::Object { class, ctor: Some(ctor), args } => call::construct(*class, *ctor, args),
            NewExpr::List { .. } | NewExpr::Object { .. } => fallback(e),
            _ => fallback(e),
        },
        Expr::Assign(place, value) => assign(place, value, e),
        Expr::Compound(place, op, value) => match &**place {
            Place::Local(slot) => compound_local(*slot as usize, *op, value),
            _ => fallback(e),
        },
        Expr::Step { place, delta, prefix } => match &**place {
            Place::Local(slot) => step_local(*slot as usize, *delta, *prefix, e),
            _ => fallback(e),
        },
        _ => fallback(e),
    }
}

/// The tree-walking evaluator, for shapes without a closure of their own. A system
/// exception it returns is materialized here, while the stack is still the one it was
/// thrown on.
pub(super) fn fallback<'h>(e: &'h Expr) -> ValueCode<'h> {
    Box::new(move |i| i.eval(e).map_err(|t| i.materialize(t)))
}

/// An expression run for its effect: stores go straight to their place.
pub(super) fn effect<'h>(e: &'h Expr) -> EffectCode<'h> {
    match e {
        Expr::Assign(place, value) => match &**place {
            Place::Local(slot) => {
                let (slot, value) = (*slot as usize, compile(value));
                return Box::new(move |i| {
                    let v = value(i)?;
                    let at = i.bp + slot;
                    i.stack[at] = v;
                    Ok(())
                });
            }
            Place::Field(target @ (Expr::This | Expr::Local(_)), slot) => {
                return field_store(target, *slot as usize, compile(value));
            }
            Place::Index(target, index) => {
                if let Some(store) = index_store(target, index, value) {
                    return store;
                }
            }
            _ => {}
        },
        Expr::Step { place, delta, .. } => {
            if let Place::Local(slot) = &**place {
                let (slot, delta) = (*slot as usize, *delta as i32);
                return Box::new(move |i| {
                    let at = i.bp + slot;
                    if let Value::Integer(n) = &mut i.stack[at] {
                        *n = n.wrapping_add(delta);
                        return Ok(());
                    }
                    i.eval(e).map(drop).map_err(|t| i.materialize(t))
                });
            }
        }
        _ => {}
    }
    let code = compile(e);
    Box::new(move |i| code(i).map(drop))
}

/// A condition; a null Boolean is a NullPointerException.
pub(super) fn condition<'h>(e: &'h Expr) -> CondCode<'h> {
    match e {
        Expr::Binary(op, l, r) if operand::is_comparison(*op) => operand::compare(*op, l, r),
        Expr::And(l, r) => {
            let (l, r) = (condition(l), condition(r));
            Box::new(move |i| Ok(l(i)? && r(i)?))
        }
        Expr::Or(l, r) => {
            let (l, r) = (condition(l), condition(r));
            Box::new(move |i| Ok(l(i)? || r(i)?))
        }
        Expr::Not(inner) => {
            let inner = condition(inner);
            Box::new(move |i| Ok(!inner(i)?))
        }
        _ => {
            let value = compile(e);
            Box::new(move |i| {
                let v = value(i)?;
                truth(i, v)
            })
        }
    }
}

/// A condition's value as a bool.
#[inline(always)]
pub(super) fn truth(i: &mut Interp<'_>, value: Value) -> Result<bool, Throw> {
    match value {
        Value::Boolean(b) => Ok(b),
        Value::Null => Err(i.materialize(Throw::null_pointer())),
        other => Err(Throw::fault(Fault::Internal(format!("condition is not a Boolean: {other:?}")))),
    }
}

/// `target.f`: `this` and locals are read in place.
fn field<'h>(target: &'h Expr, slot: usize) -> ValueCode<'h> {
    fn read(i: &mut Interp<'_>, object: &Value, slot: usize) -> Result<Value, Throw> {
        match object {
            Value::Object(o) => Ok(o.fields.borrow().get(slot).cloned().unwrap_or(Value::Null)),
            other => read_field(other, slot as u32).map_err(|e| i.materialize(e)),
        }
    }
    match target {
        Expr::This => Box::new(move |i| {
            if let Value::Object(o) = &i.this {
                return Ok(o.fields.borrow().get(slot).cloned().unwrap_or(Value::Null));
            }
            let this = i.this.clone();
            read(i, &this, slot)
        }),
        Expr::Local(local) => {
            let local = *local as usize;
            Box::new(move |i| {
                if let Value::Object(o) = &i.stack[i.bp + local] {
                    return Ok(o.fields.borrow().get(slot).cloned().unwrap_or(Value::Null));
                }
                let object = i.stack[i.bp + local].clone();
                read(i, &object, slot)
            })
        }
        _ => {
            let target = compile(target);
            Box::new(move |i| {
                let object = target(i)?;
                read(i, &object, slot)
            })
        }
    }
}

/// `this.f = value` or `local.f = value`: the value first, then the object.
fn field_store<'h>(target: &'h Expr, slot: usize, value: ValueCode<'h>) -> EffectCode<'h> {
    let local = match target {
        Expr::Local(l) => Some(*l as usize),
        _ => None,
    };
    Box::new(move |i| {
        let v = value(i)?;
        let object = match local {
            Some(l) => &i.stack[i.bp + l],
            None => &i.this,
        };
        match object {
            Value::Object(o) => {
                if let Some(field) = o.fields.borrow_mut().get_mut(slot) {
                    *field = v;
                }
                Ok(())
            }
            Value::Null => Err(i.materialize(Throw::null_pointer())),
            _ => Err(Throw::fault(Fault::Internal("field write on a non-object".into()))),
        }
    })
}

/// `list[index]`. A local list indexed by a local or an Integer constant (also one level
/// deeper, `m[r][c]`) is read in place; anything unusual takes the general path.
fn index<'h>(target: &'h Expr, index: &'h Expr) -> ValueCode<'h> {
    let general = general_index(target, index);
    let Some(at) = Simple::of(index) else {
        return general;
    };
    match target {
        Expr::Local(list) => {
            let list = *list as usize;
            Box::new(move |i| match element(i.local_list(list), at.int(i)) {
                Some(v) => Ok(v),
                None => general(i),
            })
        }
        Expr::Index(outer, row) => match (&**outer, Simple::of(row)) {
            (Expr::Local(rows), Some(row)) => {
                let rows = *rows as usize;
                Box::new(move |i| match cell(i.local_list(rows), row.int(i), at.int(i)) {
                    Some(v) => Ok(v),
                    None => general(i),
                })
            }
            _ => general,
        },
        _ => general,
    }
}

fn general_index<'h>(target: &'h Expr, index: &'h Expr) -> ValueCode<'h> {
    let (target, index) = (compile(target), compile(index));
    Box::new(move |i| {
        let list = target(i)?;
        let at = index(i)?;
        match &list {
            Value::List(list) => list_get(list, &at).map_err(|e| i.materialize(e)),
            Value::Null => Err(i.materialize(Throw::null_pointer())),
            _ => Err(Throw::unsupported("indexing this kind of value")),
        }
    })
}

/// An index that can be read without evaluating anything: a local or an Integer constant.
#[derive(Clone, Copy)]
pub(super) enum Simple {
    Local(usize),
    Int(i32),
}

impl Simple {
    pub(super) fn of(e: &Expr) -> Option<Simple> {
        match e {
            Expr::Local(slot) => Some(Simple::Local(*slot as usize)),
            Expr::Const(Value::Integer(n)) => Some(Simple::Int(*n)),
            _ => None,
        }
    }

    #[inline(always)]
    pub(super) fn int(self, i: &Interp<'_>) -> Option<i32> {
        match self {
            Simple::Local(slot) => match &i.stack[i.bp + slot] {
                Value::Integer(n) => Some(*n),
                _ => None,
            },
            Simple::Int(n) => Some(n),
        }
    }
}

impl Interp<'_> {
    /// The list a local holds, borrowed.
    #[inline(always)]
    pub(super) fn local_list(&self, slot: usize) -> Option<&crate::value::ListObj> {
        match &self.stack[self.bp + slot] {
            Value::List(list) => Some(list),
            _ => None,
        }
    }
}

/// Element `at` of a list, when both are there and `at` is in range.
#[inline(always)]
fn element(list: Option<&crate::value::ListObj>, at: Option<i32>) -> Option<Value> {
    let at = usize::try_from(at?).ok()?;
    list?.items.borrow().get(at).cloned()
}

/// Element `at` of row `row` of a list of lists, read through borrows only.
#[inline(always)]
fn cell(rows: Option<&crate::value::ListObj>, row: Option<i32>, at: Option<i32>) -> Option<Value> {
    let row = usize::try_from(row?).ok()?;
    let rows = rows?.items.borrow();
    let Value::List(cells) = rows.get(row)? else {
        return None;
    };
    element(Some(cells), at)
}

/// `list[index] = value` run for its effect: the value first; a local list with a simple
/// index in range is written in place, anything else takes the general path.
pub(super) fn index_store<'h>(target: &'h Expr, index: &'h Expr, value: &'h Expr) -> Option<EffectCode<'h>> {
    let (Expr::Local(list), Some(at)) = (target, Simple::of(index)) else {
        return None;
    };
    let (list, value) = (*list as usize, compile(value));
    Some(Box::new(move |i| {
        let v = value(i)?;
        let position = at.int(i);
        let general = match (i.local_list(list), position.and_then(|p| usize::try_from(p).ok())) {
            (Some(items), Some(p)) => {
                let mut items = items.items.borrow_mut();
                match items.get_mut(p) {
                    Some(slot) => {
                        *slot = v;
                        return Ok(());
                    }
                    None => v,
                }
            }
            _ => v,
        };
        let target = i.stack[i.bp + list].clone();
        match &target {
            Value::List(items) => {
                let at = match at {
                    Simple::Local(slot) => i.stack[i.bp + slot].clone(),
                    Simple::Int(n) => Value::Integer(n),
                };
                list_set(items, &at, general).map_err(|e| i.materialize(e))
            }
            _ => Err(i.materialize(Throw::null_pointer())),
        }
    }))
}

/// `place = value` as an expression: locals, `this`/local fields and list elements directly.
fn assign<'h>(place: &'h Place, value: &'h Expr, whole: &'h Expr) -> ValueCode<'h> {
    match place {
        Place::Local(slot) => {
            let (slot, value) = (*slot as usize, compile(value));
            Box::new(move |i| {
                let v = value(i)?;
                let at = i.bp + slot;
                i.stack[at] = v.clone();
                Ok(v)
            })
        }
        Place::Index(target, index) => {
            let (value, target, index) = (compile(value), compile(target), compile(index));
            Box::new(move |i| {
                let v = value(i)?;
                let list = target(i)?;
                let at = index(i)?;
                match &list {
                    Value::List(list) => list_set(list, &at, v.clone()).map_err(|e| i.materialize(e))?,
                    _ => return Err(i.materialize(Throw::null_pointer())),
                }
                Ok(v)
            })
        }
        _ => fallback(whole),
    }
}

/// `local op= value`: the value first; Integer `+`, `-` and `*` update the slot in place.
fn compound_local<'h>(slot: usize, op: BinaryOp, value: &'h Expr) -> ValueCode<'h> {
    let value = compile(value);
    Box::new(move |i| {
        let rhs = value(i)?;
        let at = i.bp + slot;
        if let (Value::Integer(a), Value::Integer(b)) = (&mut i.stack[at], &rhs) {
            let next = match op {
                BinaryOp::Add => Some(a.wrapping_add(*b)),
                BinaryOp::Sub => Some(a.wrapping_sub(*b)),
                BinaryOp::Mul => Some(a.wrapping_mul(*b)),
                _ => None,
            };
            if let Some(n) = next {
                *a = n;
                return Ok(Value::Integer(n));
            }
        }
        let current = i.stack[at].clone();
        let result = i.binary(op, &current, &rhs).map_err(|e| i.materialize(e))?;
        let result = keep_type(&current, result);
        let at = i.bp + slot;
        i.stack[at] = result.clone();
        Ok(result)
    })
}

/// `local++` and friends as a value: Integers in place, anything else through `eval`.
fn step_local<'h>(slot: usize, delta: i8, prefix: bool, whole: &'h Expr) -> ValueCode<'h> {
    let delta = delta as i32;
    Box::new(move |i| {
        let at = i.bp + slot;
        if let Value::Integer(n) = &mut i.stack[at] {
            let old = *n;
            *n = old.wrapping_add(delta);
            return Ok(Value::Integer(if prefix { *n } else { old }));
        }
        i.eval(whole).map_err(|t| i.materialize(t))
    })
}
