//! Calls as closures: static and non-virtual calls, virtual calls with a one-entry cache of
//! the receiver's class, system-library calls with their arguments in a fixed-size array,
//! and `new C(args)`.

use super::{expr, ValueCode};
use crate::eval::Interp;
use crate::eval::Throw;
use crate::ir::{Call, Expr, MethodId};
use crate::stdlib::NativeFn;
use crate::types::ClassId;
use crate::value::Value;
use std::cell::Cell;

pub(super) fn compile<'h>(call: &'h Call, whole: &'h Expr) -> ValueCode<'h> {
    match call {
        Call::Direct { receiver: None, method, args } => {
            let (method, args) = (*method, arguments(args));
            Box::new(move |i| {
                let base = push(i, &args)?;
                i.enter(method, Value::Null, base).map_err(|e| i.materialize(e))
            })
        }
        Call::Direct { receiver: Some(receiver), method, args } => {
            let (receiver, method, args) = (expr::compile(receiver), *method, arguments(args));
            Box::new(move |i| {
                let this = receiver_of(i, &receiver)?;
                let base = push(i, &args)?;
                i.enter(method, this, base).map_err(|e| i.materialize(e))
            })
        }
        Call::Virtual { receiver, sig, name, args } => {
            let (receiver, sig, args) = (expr::compile(receiver), *sig, arguments(args));
            // The last receiver class seen here and the method it ran.
            let cache: Cell<Option<(ClassId, MethodId)>> = Cell::new(None);
            Box::new(move |i| {
                let this = receiver_of(i, &receiver)?;
                let class = match &this {
                    Value::Object(o) => Some(o.class),
                    _ => None,
                };
                let method = match (cache.get(), class) {
                    (Some((seen, method)), Some(class)) if seen == class => method,
                    _ => {
                        let method = i.dispatch(&this, sig, name, args.len()).map_err(|e| i.materialize(e))?;
                        if let Some(class) = class {
                            cache.set(Some((class, method)));
                        }
                        method
                    }
                };
                let base = push(i, &args)?;
                i.enter(method, this, base).map_err(|e| i.materialize(e))
            })
        }
        Call::Native { func, args, receiver, .. } => native(*func, args, *receiver),
        _ => expr::fallback(whole),
    }
}

/// `new C(args)` with a constructor: the arguments go straight onto the value stack.
pub(super) fn construct<'h>(class: ClassId, ctor: MethodId, args: &'h [Expr]) -> ValueCode<'h> {
    let args = arguments(args);
    Box::new(move |i| {
        i.ensure_initialized(class)?;
        let base = push(i, &args)?;
        let object = Value::Object(i.allocate(class));
        i.enter(ctor, object.clone(), base)?;
        Ok(object)
    })
}

fn arguments<'h>(args: &'h [Expr]) -> Box<[ValueCode<'h>]> {
    args.iter().map(expr::compile).collect()
}

/// The receiver of an instance call; null is a NullPointerException.
#[inline(always)]
fn receiver_of<'h>(i: &mut Interp<'h>, receiver: &ValueCode<'h>) -> Result<Value, Throw> {
    let this = receiver(i)?;
    if this.is_null() {
        return Err(i.materialize(Throw::null_pointer()));
    }
    Ok(this)
}

/// Evaluates the arguments onto the value stack; returns where they start.
#[inline(always)]
fn push<'h>(i: &mut Interp<'h>, args: &[ValueCode<'h>]) -> Result<usize, Throw> {
    let base = i.stack.len();
    for arg in args {
        match arg(i) {
            Ok(v) => i.stack.push(v),
            Err(e) => {
                i.stack.truncate(base);
                return Err(e);
            }
        }
    }
    Ok(base)
}

/// A system-library call; for instance methods `args[0]` is the receiver.
fn native<'h>(func: NativeFn, args: &'h [Expr], receiver: bool) -> ValueCode<'h> {
    let args = arguments(args);
    Box::new(move |i| {
        let result = match &args[..] {
            [] => i.apply_checked(func, &[], receiver),
            [a] => {
                let values = [a(i)?];
                i.apply_checked(func, &values, receiver)
            }
            [a, b] => {
                let values = [a(i)?, b(i)?];
                i.apply_checked(func, &values, receiver)
            }
            [a, b, c] => {
                let values = [a(i)?, b(i)?, c(i)?];
                i.apply_checked(func, &values, receiver)
            }
            many => {
                let mut values = Vec::with_capacity(many.len());
                for arg in many {
                    values.push(arg(i)?);
                }
                i.apply_checked(func, &values, receiver)
            }
        };
        result.map_err(|e| i.materialize(e))
    })
}
