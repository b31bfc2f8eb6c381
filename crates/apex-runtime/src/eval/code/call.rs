//! Calls as closures: static and non-virtual calls, virtual calls with a one-entry cache of
//! the receiver's class, system-library calls with their arguments in a fixed-size array,
//! and `new C(args)`.

use super::sink::Sink;
use super::{expr, BodyCode, StmtCode, ValueCode};
use crate::eval::limits::Limits;
use crate::eval::stmt::Flow;
use crate::eval::Frame;
use crate::eval::Interp;
use crate::eval::Throw;
use crate::ir::{Call, Expr, MethodId};
use crate::stdlib::NativeFn;
use crate::types::ClassId;
use crate::value::Value;
use std::cell::Cell;

pub(super) fn build<'h, S: Sink<'h>>(call: &'h Call, whole: &'h Expr, sink: S) -> S::Out {
    match call {
        Call::Direct { receiver: None, method, args } => {
            let (callee, args) = (Callee::new(*method), arguments(args));
            sink.value(move |i| {
                let base = push(i, &args)?;
                match callee.body.get() {
                    Some(body) => i.enter_compiled(callee.method, base, body),
                    None => {
                        let result = i.enter(callee.method, Value::Null, base);
                        callee.prime(i);
                        result
                    }
                }
                .map_err(|e| i.materialize(e))
            })
        }
        Call::Direct { receiver: Some(receiver), method, args } => {
            let (receiver, method, args) = (expr::compile(receiver), *method, arguments(args));
            sink.value(move |i| {
                let this = receiver_of(i, &receiver)?;
                let base = push(i, &args)?;
                i.enter(method, this, base).map_err(|e| i.materialize(e))
            })
        }
        Call::Virtual { receiver, sig, name, args } => {
            let (receiver, sig, args) = (expr::compile(receiver), *sig, arguments(args));
            // The last receiver class seen here and the method it ran.
            let cache: Cell<Option<(ClassId, MethodId)>> = Cell::new(None);
            sink.value(move |i| {
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
        Call::Native { func, args, receiver, .. } => native(*func, args, *receiver, sink),
        _ => sink.boxed(expr::fallback(whole)),
    }
}

/// `new C(args)` with a constructor: the arguments go straight onto the value stack.
pub(super) fn construct<'h, S: Sink<'h>>(class: ClassId, ctor: MethodId, args: &'h [Expr], sink: S) -> S::Out {
    let args = arguments(args);
    sink.value(move |i| {
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
fn native<'h, S: Sink<'h>>(func: NativeFn, args: &'h [Expr], receiver: bool, sink: S) -> S::Out {
    let args = arguments(args);
    sink.value(move |i| {
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

/// A statically called method, with its body's closures once a first call through `enter`
/// has initialized its class.
struct Callee<'h> {
    method: MethodId,
    body: std::cell::OnceCell<BodyCode<'h>>,
}

impl<'h> Callee<'h> {
    fn new(method: MethodId) -> Callee<'h> {
        Callee { method, body: std::cell::OnceCell::new() }
    }

    /// After the first call: a static method that is not a constructor takes the direct path
    /// from now on.
    #[inline(never)]
    fn prime(&self, i: &mut Interp<'h>) {
        let info = i.program.method(self.method);
        if info.is_static && info.kind != crate::program::MethodKind::Constructor {
            let body = i.body_code(self.method);
            let _ = self.body.set(body);
        }
    }
}

impl<'h> Interp<'h> {
    /// A static call from compiled code: `enter`'s frame discipline without its lookups.
    #[inline(always)]
    fn enter_compiled(&mut self, method: MethodId, base: usize, body: &[StmtCode<'h>]) -> Result<Value, Throw> {
        if self.frames.len() >= self.limits.config.max_depth {
            self.stack.truncate(base);
            return Err(self.materialize(Limits::depth_exceeded(self.frames.len() + 1)));
        }
        if let Err(e) = self.tick() {
            self.stack.truncate(base);
            return Err(e);
        }
        let frame_end = base + self.program.method(method).frame_size as usize;
        if frame_end > self.stack.len() {
            self.stack.resize(frame_end, Value::Null);
        }
        let saved_bp = std::mem::replace(&mut self.bp, base);
        self.frames.push(Frame { method, caller_span: self.span });
        let mut result = Ok(Value::Null);
        for stmt in body {
            match stmt(self) {
                Ok(Flow::Normal) => {}
                Ok(Flow::Return) => {
                    result = Ok(std::mem::take(&mut self.ret));
                    break;
                }
                Ok(Flow::Break | Flow::Continue) => break,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        match &result {
            Ok(_) => {
                if let Some(frame) = self.frames.pop() {
                    self.span = frame.caller_span;
                }
            }
            Err(thrown) => {
                if thrown.is_fault() && self.fault_stack.is_none() {
                    self.fault_stack = Some(self.stack_lines());
                }
                self.frames.pop();
            }
        }
        while self.stack.len() > base {
            if let Some(v) = self.stack.pop() {
                v.discard();
            }
        }
        self.bp = saved_bp;
        result
    }
}
