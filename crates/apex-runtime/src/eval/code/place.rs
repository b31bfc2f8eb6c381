//! Places as closures: field reads and writes on `this` and locals, list elements (read and
//! written in place when the list is a local and the index simple), assignments, and `++`
//! and `op=` on locals.

use super::expr::{compile, fallback};
use super::sink::Sink;
use super::ValueCode;
use crate::eval::convert::keep_type;
use crate::eval::expr::read_field;
use crate::eval::{Fault, Interp, Throw};
use crate::ir::{Expr, Place};
use crate::stdlib::list::{list_get, list_set};
use crate::value::Value;
use apex_syntax::ast::BinaryOp;

/// `target.f`: `this` and locals are read in place.
pub(super) fn field<'h, S: Sink<'h>>(target: &'h Expr, slot: usize, sink: S) -> S::Out {
    fn read(i: &mut Interp<'_>, object: &Value, slot: usize) -> Result<Value, Throw> {
        match object {
            Value::Object(o) => Ok(o.fields.borrow().get(slot).cloned().unwrap_or(Value::Null)),
            other => read_field(other, slot as u32).map_err(|e| i.materialize(e)),
        }
    }
    match target {
        Expr::This => sink.value(move |i| {
            if let Value::Object(o) = &i.this {
                return Ok(o.fields.borrow().get(slot).cloned().unwrap_or(Value::Null));
            }
            let this = i.this.clone();
            read(i, &this, slot)
        }),
        Expr::Local(local) => {
            let local = *local as usize;
            sink.value(move |i| {
                if let Value::Object(o) = &i.stack[i.bp + local] {
                    return Ok(o.fields.borrow().get(slot).cloned().unwrap_or(Value::Null));
                }
                let object = i.stack[i.bp + local].clone();
                read(i, &object, slot)
            })
        }
        _ => {
            let target = compile(target);
            sink.value(move |i| {
                let object = target(i)?;
                read(i, &object, slot)
            })
        }
    }
}

/// `this.f = value` or `local.f = value`: the value first, then the object.
pub(super) fn field_store<'h, S: Sink<'h>>(target: &'h Expr, slot: usize, value: ValueCode<'h>, sink: S) -> S::Out {
    let local = match target {
        Expr::Local(l) => Some(*l as usize),
        _ => None,
    };
    sink.effect(move |i| {
        let v = value(i)?;
        let object = match local {
            Some(l) => &i.stack[i.bp + l],
            None => &i.this,
        };
        match object {
            Value::Object(o) => {
                if let Some(field) = o.fields.borrow_mut().get_mut(slot) {
                    Value::store(field, v);
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
pub(super) fn index<'h, S: Sink<'h>>(target: &'h Expr, index: &'h Expr, sink: S) -> S::Out {
    let general = general_index(target, index);
    let Some(at) = Simple::of(index) else {
        return sink.boxed(general);
    };
    match target {
        Expr::Local(list) => {
            let list = *list as usize;
            sink.value(move |i| match element(i.local_list(list), at.int(i)) {
                Some(v) => Ok(v),
                None => general(i),
            })
        }
        Expr::Index(outer, row) => match (&**outer, Simple::of(row)) {
            (Expr::Local(rows), Some(row)) => {
                let rows = *rows as usize;
                sink.value(move |i| match cell(i.local_list(rows), row.int(i), at.int(i)) {
                    Some(v) => Ok(v),
                    None => general(i),
                })
            }
            _ => sink.boxed(general),
        },
        _ => sink.boxed(general),
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
pub(super) fn element(list: Option<&crate::value::ListObj>, at: Option<i32>) -> Option<Value> {
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

/// `list[at] = value` run for its effect, where `list` is a local's slot and `at` a simple
/// index: the value first; an index in range is written in place, anything else takes the
/// general path.
pub(super) fn index_store<'h, S: Sink<'h>>(list: usize, at: Simple, value: &'h Expr, sink: S) -> S::Out {
    let value = compile(value);
    sink.effect(move |i| {
        let v = value(i)?;
        let position = at.int(i);
        let general = match (i.local_list(list), position.and_then(|p| usize::try_from(p).ok())) {
            (Some(items), Some(p)) => {
                let mut items = items.items.borrow_mut();
                match items.get_mut(p) {
                    Some(slot) => {
                        Value::store(slot, v);
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
    })
}

/// `place = value` as an expression: locals, `this`/local fields and list elements directly.
pub(super) fn assign<'h, S: Sink<'h>>(place: &'h Place, value: &'h Expr, whole: &'h Expr, sink: S) -> S::Out {
    match place {
        Place::Local(slot) => {
            let (slot, value) = (*slot as usize, compile(value));
            sink.value(move |i| {
                let v = value(i)?;
                let at = i.bp + slot;
                Value::store(&mut i.stack[at], v.clone());
                Ok(v)
            })
        }
        Place::Index(target, index) => {
            let (value, target, index) = (compile(value), compile(target), compile(index));
            sink.value(move |i| {
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
        _ => sink.boxed(fallback(whole)),
    }
}

/// `local op= value`, in Java's order: the local is read, then the value is evaluated (so
/// `x += x++` adds the old `x`). Integer and Long `+`, `-` and `*` write the number in place;
/// as a statement, nothing is copied back out.
pub(super) fn compound_local<'h, S: Sink<'h>>(slot: usize, op: BinaryOp, value: &'h Expr, sink: S) -> S::Out {
    let value = compile(value);
    if !S::WANTS_VALUE {
        return sink.effect(move |i| {
            // An Integer local is read as a number: no `Value` is built on the common path.
            if let Value::Integer(a) = i.stack[i.bp + slot] {
                let rhs = value(i)?;
                if let Some(n) = int_arith(op, a, &rhs) {
                    if let Value::Integer(old) = &mut i.stack[i.bp + slot] {
                        *old = n;
                        return Ok(());
                    }
                }
                return compound_with(i, slot, op, Value::Integer(a), rhs).map(Value::discard);
            }
            let current = i.stack[i.bp + slot].clone();
            let rhs = value(i)?;
            if op == BinaryOp::Add && appendable(&current, &i.stack[i.bp + slot], &rhs) {
                drop(current);
                return append_piece(i, slot, &rhs);
            }
            compound_with(i, slot, op, current, rhs).map(Value::discard)
        });
    }
    sink.value(move |i| {
        let current = i.stack[i.bp + slot].clone();
        let rhs = value(i)?;
        compound_with(i, slot, op, current, rhs)
    })
}

/// Integer `a op rhs` for `+`, `-` and `*` when `rhs` is an Integer.
#[inline(always)]
fn int_arith(op: BinaryOp, a: i32, rhs: &Value) -> Option<i32> {
    let Value::Integer(b) = rhs else {
        return None;
    };
    match op {
        BinaryOp::Add => Some(a.wrapping_add(*b)),
        BinaryOp::Sub => Some(a.wrapping_sub(*b)),
        BinaryOp::Mul => Some(a.wrapping_mul(*b)),
        _ => None,
    }
}

/// Stores `current op rhs` in the local and returns it.
#[inline(always)]
fn compound_with(i: &mut Interp<'_>, slot: usize, op: BinaryOp, current: Value, rhs: Value) -> Result<Value, Throw> {
    let at = i.bp + slot;
    match (&current, &rhs) {
        (Value::Integer(a), Value::Integer(b)) => {
            let n = match op {
                BinaryOp::Add => a.wrapping_add(*b),
                BinaryOp::Sub => a.wrapping_sub(*b),
                BinaryOp::Mul => a.wrapping_mul(*b),
                _ => return compound_general(i, slot, op, current, rhs),
            };
            match &mut i.stack[at] {
                Value::Integer(old) => *old = n,
                other => Value::store(other, Value::Integer(n)),
            }
            Ok(Value::Integer(n))
        }
        (Value::Long(a), Value::Integer(_) | Value::Long(_)) => {
            let b = match rhs {
                Value::Integer(b) => b as i64,
                Value::Long(b) => b,
                _ => 0,
            };
            let n = match op {
                BinaryOp::Add => a.wrapping_add(b),
                BinaryOp::Sub => a.wrapping_sub(b),
                BinaryOp::Mul => a.wrapping_mul(b),
                _ => return compound_general(i, slot, op, current, rhs),
            };
            Value::store(&mut i.stack[at], Value::Long(n));
            Ok(Value::Long(n))
        }
        _ => compound_general(i, slot, op, current, rhs),
    }
}

/// Whether `text += piece` can grow the local's String in place: the local still holds the
/// String read first (`current`, so the count is two: the local's and `current`'s) and the
/// piece is a String or an Integer.
#[inline(always)]
fn appendable(current: &Value, now: &Value, rhs: &Value) -> bool {
    let (Value::String(before), Value::String(now)) = (current, now) else {
        return false;
    };
    std::rc::Rc::ptr_eq(before, now)
        && std::rc::Rc::strong_count(now) == 2
        && matches!(rhs, Value::String(_) | Value::Integer(_))
}

/// Appends a String or Integer piece to the String in a local that nothing else refers to.
fn append_piece(i: &mut Interp<'_>, slot: usize, rhs: &Value) -> Result<(), Throw> {
    let at = i.bp + slot;
    let Value::String(text) = &mut i.stack[at] else {
        return Ok(());
    };
    let text = std::rc::Rc::make_mut(text);
    match rhs {
        Value::String(piece) => text.push_str(piece),
        Value::Integer(n) => {
            use std::fmt::Write;
            let _ = write!(text, "{n}");
        }
        _ => {}
    }
    let length = text.len();
    i.limits.check_heap(length).map_err(|e| i.materialize(e))
}

/// Any other `op=`: String appends, then the evaluator's operator and the local's type.
#[inline(never)]
fn compound_general(i: &mut Interp<'_>, slot: usize, op: BinaryOp, current: Value, rhs: Value) -> Result<Value, Throw> {
    let at = i.bp + slot;
    if op == BinaryOp::Add {
        if let (Value::String(before), Value::String(now)) = (&current, &i.stack[at]) {
            if std::rc::Rc::ptr_eq(before, now) {
                // The local still holds the text read first: give up our reference so the
                // append can happen in place.
                drop(current);
                return append_local(i, slot, &rhs);
            }
        }
    }
    let result = i.binary(op, &current, &rhs).map_err(|e| i.materialize(e))?;
    let result = keep_type(&current, result);
    let at = i.bp + slot;
    Value::store(&mut i.stack[at], result.clone());
    Ok(result)
}

/// `local++` and friends for their effect only: an Integer in place, anything else through
/// `eval` (`whole` is the step expression).
#[inline(always)]
pub(super) fn step_local_effect(i: &mut Interp<'_>, slot: usize, delta: i32, whole: &Expr) -> Result<(), Throw> {
    let at = i.bp + slot;
    if let Value::Integer(n) = &mut i.stack[at] {
        *n = n.wrapping_add(delta);
        return Ok(());
    }
    i.eval(whole).map(Value::discard).map_err(|t| i.materialize(t))
}

/// `local++` and friends as a value: Integers in place, anything else through `eval`.
pub(super) fn step_local<'h, S: Sink<'h>>(slot: usize, delta: i8, prefix: bool, whole: &'h Expr, sink: S) -> S::Out {
    let delta = delta as i32;
    sink.value(move |i| {
        let at = i.bp + slot;
        if let Value::Integer(n) = &mut i.stack[at] {
            let old = *n;
            *n = old.wrapping_add(delta);
            return Ok(Value::Integer(if prefix { *n } else { old }));
        }
        i.eval(whole).map_err(|t| i.materialize(t))
    })
}

/// `this.f++` or `local.f++` (and friends) on an Integer field, in place; anything else
/// (a null object, a non-Integer field) goes through `eval`.
pub(super) fn step_field<'h, S: Sink<'h>>(
    object: &'h Expr,
    slot: usize,
    delta: i8,
    prefix: bool,
    whole: &'h Expr,
    sink: S,
) -> S::Out {
    let (local, delta) = (
        match object {
            Expr::Local(l) => Some(*l as usize),
            _ => None,
        },
        delta as i32,
    );
    sink.value(move |i| {
        let holder = match local {
            Some(l) => &i.stack[i.bp + l],
            None => &i.this,
        };
        let stepped = match holder {
            Value::Object(o) => match o.fields.borrow_mut().get_mut(slot) {
                Some(Value::Integer(n)) => {
                    let old = *n;
                    *n = old.wrapping_add(delta);
                    Some(if prefix { *n } else { old })
                }
                _ => None,
            },
            _ => None,
        };
        match stepped {
            Some(n) => Ok(Value::Integer(n)),
            None => i.eval(whole).map_err(|t| i.materialize(t)),
        }
    })
}

/// `text += value` on a String local: when the local holds the only reference to its
/// String, the text is appended in place instead of copied, which makes building a string
/// in a loop linear. Otherwise a new String is made, as `+` does.
fn append_local(i: &mut Interp<'_>, slot: usize, rhs: &Value) -> Result<Value, Throw> {
    let piece: std::borrow::Cow<'_, str> = match rhs {
        Value::String(text) => std::borrow::Cow::Borrowed(text.as_str()),
        other => std::borrow::Cow::Owned(i.stringify_implicit(other)?),
    };
    let at = i.bp + slot;
    let mut current = std::mem::take(&mut i.stack[at]);
    let length = match &mut current {
        Value::String(text) => match std::rc::Rc::get_mut(text) {
            Some(text) => {
                text.push_str(&piece);
                text.len()
            }
            None => {
                let mut joined = String::with_capacity(text.len() + piece.len());
                joined.push_str(text);
                joined.push_str(&piece);
                let length = joined.len();
                current = Value::string(joined);
                length
            }
        },
        _ => 0,
    };
    let at = i.bp + slot;
    i.stack[at] = current;
    i.limits.check_heap(length).map_err(|e| i.materialize(e))?;
    Ok(i.stack[at].clone())
}
