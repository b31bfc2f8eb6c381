//! Expressions as closures: constants, locals, operators, conditions, calls; places (fields,
//! list elements, `++`, `op=`) are in `place`. Other shapes call the tree-walking `eval`.

use super::sink::{AsBoolean, AsCond, AsEffect, AsValue, CondSink, Sink};
use super::{call, operand, place, CondCode, EffectCode, ValueCode};
use crate::eval::{Fault, Interp, Throw};
use crate::ir::{Expr, NewExpr, Place};
use crate::value::Value;

/// An expression whose value is used.
pub(super) fn compile<'h>(e: &'h Expr) -> ValueCode<'h> {
    build(e, AsValue)
}

/// An expression run for its effect only.
pub(super) fn effect<'h>(e: &'h Expr) -> EffectCode<'h> {
    build_effect(e, AsEffect)
}

/// A condition; a null Boolean is a NullPointerException.
pub(super) fn condition<'h>(e: &'h Expr) -> CondCode<'h> {
    build_condition(e, AsCond)
}

/// An expression's value, handed to `sink`.
pub(super) fn build<'h, S: Sink<'h>>(e: &'h Expr, sink: S) -> S::Out {
    match e {
        Expr::Const(Value::Integer(c)) => {
            let c = *c;
            sink.value(move |_| Ok(Value::Integer(c)))
        }
        Expr::Const(v) => sink.value(move |_| Ok(v.clone())),
        Expr::Local(slot) => {
            let slot = *slot as usize;
            sink.value(move |i| Ok(i.stack[i.bp + slot].clone()))
        }
        Expr::This => sink.value(|i| Ok(i.this.clone())),
        Expr::Field(target, slot) => place::field(target, *slot as usize, sink),
        Expr::Static(class, slot) => {
            let (class, slot) = (*class, *slot);
            sink.value(move |i| Ok(i.static_slot(class, slot)?.clone()))
        }
        Expr::Binary(op, l, r) => operand::binary(*op, l, r, sink),
        Expr::And(..) | Expr::Or(..) | Expr::Not(..) => build_condition(e, AsBoolean(sink)),
        Expr::Ternary(cond, then, otherwise) => {
            let (cond, then, otherwise) = (condition(cond), compile(then), compile(otherwise));
            sink.value(move |i| if cond(i)? { then(i) } else { otherwise(i) })
        }
        Expr::Coalesce(l, r) => {
            let (l, r) = (compile(l), compile(r));
            sink.value(move |i| match l(i)? {
                Value::Null => r(i),
                v => Ok(v),
            })
        }
        Expr::Negate(inner) => {
            let inner = compile(inner);
            sink.value(move |i| {
                let v = inner(i)?;
                crate::eval::ops::negate(&v).map_err(|e| i.materialize(e))
            })
        }
        Expr::Index(target, index) => place::index(target, index, sink),
        Expr::Cast(ty, inner) => {
            let inner = compile(inner);
            sink.value(move |i| {
                let v = inner(i)?;
                i.cast(v, ty).map_err(|e| i.materialize(e))
            })
        }
        Expr::Call(c) => call::build(c, e, sink),
        Expr::New(new) => match &**new {
            NewExpr::Object { class, ctor: Some(ctor), args } => call::construct(*class, *ctor, args, sink),
            _ => sink.boxed(fallback(e)),
        },
        Expr::Assign(target, value) => place::assign(target, value, e, sink),
        Expr::Compound(target, op, value) => match &**target {
            Place::Local(slot) => place::compound_local(*slot as usize, *op, value, sink),
            _ => sink.boxed(fallback(e)),
        },
        Expr::Step { place: target, delta, prefix } => match &**target {
            Place::Local(slot) => place::step_local(*slot as usize, *delta, *prefix, e, sink),
            Place::Field(object @ (Expr::This | Expr::Local(_)), slot) => {
                place::step_field(object, *slot as usize, *delta, *prefix, e, sink)
            }
            _ => sink.boxed(fallback(e)),
        },
        _ => sink.boxed(fallback(e)),
    }
}

/// The tree-walking evaluator, for shapes without a closure of their own. A system
/// exception it returns is materialized here, while the stack is still the one it was
/// thrown on.
pub(super) fn fallback<'h>(e: &'h Expr) -> ValueCode<'h> {
    Box::new(move |i| i.eval(e).map_err(|t| i.materialize(t)))
}

/// An expression whose value is unused: stores go straight to their place.
pub(super) fn build_effect<'h, S: Sink<'h>>(e: &'h Expr, sink: S) -> S::Out {
    match e {
        Expr::Assign(target, value) => match &**target {
            Place::Local(slot) => {
                let (slot, value) = (*slot as usize, compile(value));
                sink.effect(move |i| {
                    let v = value(i)?;
                    let at = i.bp + slot;
                    Value::store_result(&mut i.stack[at], v);
                    Ok(())
                })
            }
            Place::Field(object @ (Expr::This | Expr::Local(_)), slot) => {
                place::field_store(object, *slot as usize, compile(value), sink)
            }
            Place::Index(Expr::Local(list), index) => match place::Simple::of(index) {
                Some(at) => place::index_store(*list as usize, at, value, sink),
                None => build(e, sink),
            },
            _ => build(e, sink),
        },
        Expr::Step { place: target, delta, .. } => match **target {
            Place::Local(slot) => {
                let (slot, delta) = (slot as usize, *delta as i32);
                sink.effect(move |i| place::step_local_effect(i, slot, delta, e))
            }
            _ => build(e, sink),
        },
        _ => build(e, sink),
    }
}

/// A condition, handed to `sink`.
pub(super) fn build_condition<'h, S: CondSink<'h>>(e: &'h Expr, sink: S) -> S::Out {
    match e {
        Expr::Binary(op, l, r) if operand::is_comparison(*op) => operand::compare(*op, l, r, sink),
        Expr::And(l, r) => {
            let (l, r) = (condition(l), condition(r));
            sink.test(move |i| Ok(l(i)? && r(i)?))
        }
        Expr::Or(l, r) => {
            let (l, r) = (condition(l), condition(r));
            sink.test(move |i| Ok(l(i)? || r(i)?))
        }
        Expr::Not(inner) => {
            let inner = condition(inner);
            sink.test(move |i| Ok(!inner(i)?))
        }
        _ => {
            let value = compile(e);
            sink.test(move |i| {
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
