//! Calls as closures: static and non-virtual calls, virtual calls with a one-entry cache of
//! the receiver's class, system-library calls with their arguments in a fixed-size array,
//! and `new C(args)`.

use super::place::Simple;
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
use apex_syntax::ast::BinaryOp;
use std::cell::RefCell;
use std::rc::Rc;

pub(super) fn build<'h, S: Sink<'h>>(call: &'h Call, whole: &'h Expr, sink: S) -> S::Out {
    match call {
        Call::Direct { receiver: None, method, args } => {
            let (callee, args) = (Callee::new(*method), stack_arguments(args));
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
            let (receiver, method, args) = (expr::compile(receiver), *method, stack_arguments(args));
            sink.value(move |i| {
                let this = receiver_of(i, &receiver)?;
                if !i.stubs.is_empty() {
                    if let Some(provider) = i.stubs.provider_of(&this) {
                        return stubbed(i, provider, this, Some(method), None, &args);
                    }
                }
                let base = push(i, &args)?;
                i.enter(method, this, base).map_err(|e| i.materialize(e))
            })
        }
        Call::Virtual { receiver, sig, name, args } => {
            let (receiver, sig, args) = (expr::compile(receiver), *sig, stack_arguments(args));
            // The last receiver class seen here, the method it ran and that method's body.
            let cache: RefCell<Option<(ClassId, MethodId, BodyCode<'h>)>> = RefCell::new(None);
            sink.value(move |i| {
                let this = receiver_of(i, &receiver)?;
                if !i.stubs.is_empty() {
                    if let Some(provider) = i.stubs.provider_of(&this) {
                        return stubbed(i, provider, this, None, Some((sig, name)), &args);
                    }
                }
                let class = match &this {
                    Value::Object(o) => Some(o.class),
                    _ => None,
                };
                let hit = match (&*cache.borrow(), class) {
                    (Some((seen, method, body)), Some(class)) if *seen == class => Some((*method, Rc::clone(body))),
                    _ => None,
                };
                if let Some((method, body)) = hit {
                    let base = push(i, &args)?;
                    return i.enter_compiled_on(method, this, base, &body);
                }
                let method = i.dispatch(&this, sig, name, args.len()).map_err(|e| i.materialize(e))?;
                let base = push(i, &args)?;
                let result = i.enter(method, this, base).map_err(|e| i.materialize(e));
                if let (Some(class), Ok(mut slot)) = (class, cache.try_borrow_mut()) {
                    *slot = Some((class, method, i.body_code(method)));
                }
                result
            })
        }
        Call::Native { func, args, receiver, .. } => native(*func, args, *receiver, sink),
        _ => sink.boxed(expr::fallback(whole)),
    }
}

/// A call on an object `Test.createStub` made: the provider answers it. The method is known
/// for a non-virtual call; a virtual one names it by signature.
#[cold]
fn stubbed<'h>(
    i: &mut Interp<'h>,
    provider: Value,
    this: Value,
    method: Option<MethodId>,
    virtual_call: Option<(crate::ir::SigId, &str)>,
    args: &[Arg<'h>],
) -> Result<Value, Throw> {
    let method =
        method.or_else(|| virtual_call.and_then(|(sig, name)| i.stubbed_method(&this, Some(sig), name, args.len())));
    let Some(method) = method else {
        return Err(i.materialize(Throw::unsupported("a method call on a stub")));
    };
    let base = push(i, args)?;
    let values: Vec<Value> = i.stack.drain(base..).collect();
    i.call_stub(provider, this, method, values).map_err(|e| i.materialize(e))
}

/// `new C(args)` with a constructor: the arguments go straight onto the value stack.
pub(super) fn construct<'h, S: Sink<'h>>(class: ClassId, ctor: MethodId, args: &'h [Expr], sink: S) -> S::Out {
    let args = stack_arguments(args);
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

/// An argument bound for the value stack. Locals, Integer constants and Integer `a op b` on
/// them are computed in the call's own closure and written straight into the stack; the rest
/// is a closure of its own.
enum Arg<'h> {
    Local(usize),
    Int(i32),
    IntOp { op: BinaryOp, l: Simple, r: Simple, general: ValueCode<'h> },
    Code(ValueCode<'h>),
}

fn stack_arguments<'h>(args: &'h [Expr]) -> Box<[Arg<'h>]> {
    args.iter().map(stack_argument).collect()
}

fn stack_argument<'h>(e: &'h Expr) -> Arg<'h> {
    match e {
        Expr::Local(slot) => Arg::Local(*slot as usize),
        Expr::Const(Value::Integer(n)) => Arg::Int(*n),
        Expr::Binary(op @ (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul), l, r) => {
            match (Simple::of(l), Simple::of(r)) {
                (Some(l), Some(r)) => Arg::IntOp { op: *op, l, r, general: expr::compile(e) },
                _ => Arg::Code(expr::compile(e)),
            }
        }
        _ => Arg::Code(expr::compile(e)),
    }
}

/// Evaluates the arguments onto the value stack; returns where they start. Each shape pushes
/// its own value, so an Integer is written into the stack as it is made rather than built in
/// a temporary and copied (a copy that would stall on store forwarding).
#[inline(always)]
fn push<'h>(i: &mut Interp<'h>, args: &[Arg<'h>]) -> Result<usize, Throw> {
    let base = i.stack.len();
    for arg in args {
        let computed = match arg {
            Arg::Local(slot) => match &i.stack[i.bp + slot] {
                Value::Integer(n) => {
                    let n = *n;
                    push_integer(&mut i.stack, n);
                    continue;
                }
                other => Ok(other.clone()),
            },
            Arg::Int(n) => {
                push_integer(&mut i.stack, *n);
                continue;
            }
            Arg::IntOp { op, l, r, general } => match (l.int(i), r.int(i)) {
                (Some(a), Some(b)) => {
                    let n = match op {
                        BinaryOp::Add => a.wrapping_add(b),
                        BinaryOp::Sub => a.wrapping_sub(b),
                        _ => a.wrapping_mul(b),
                    };
                    push_integer(&mut i.stack, n);
                    continue;
                }
                _ => general(i),
            },
            Arg::Code(code) => code(i),
        };
        match computed {
            Ok(v) => i.stack.push(v),
            Err(e) => {
                i.stack.truncate(base);
                return Err(e);
            }
        }
    }
    Ok(base)
}

/// Pushes an Integer by storing its tag and payload in place: pushing a `Value` built in a
/// temporary compiles to a 16-byte copy that stalls on the two stores that built it.
#[inline(always)]
fn push_integer(stack: &mut Vec<Value>, n: i32) {
    stack.push(Value::Null);
    if let Some(top) = stack.last_mut() {
        // The slot holds the null just pushed: nothing to drop.
        std::mem::replace(top, Value::Integer(n)).discard();
    }
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
        let saved_bp = self.push_frame(method, base)?;
        match self.run_statements(body) {
            Ok(flow) => {
                self.leave_frame(base, saved_bp);
                // The value is returned straight from here, read field by field, so it is
                // not copied whole out of `ret` right after the `return` wrote it.
                Ok(match flow {
                    Flow::Return => self.take_return(),
                    _ => Value::Null,
                })
            }
            Err(thrown) => Err(self.unwind_frame(base, saved_bp, thrown)),
        }
    }

    /// An instance method or constructor from compiled code, run on `this`. The caller's
    /// `this` is put back before the result is made, for the same reason as above.
    #[inline(never)]
    fn enter_compiled_on(
        &mut self,
        method: MethodId,
        this: Value,
        base: usize,
        body: &[StmtCode<'h>],
    ) -> Result<Value, Throw> {
        let saved_this = std::mem::replace(&mut self.this, this);
        let saved_bp = match self.push_frame(method, base) {
            Ok(saved_bp) => saved_bp,
            Err(thrown) => {
                Value::store(&mut self.this, saved_this);
                return Err(thrown);
            }
        };
        match self.run_statements(body) {
            Ok(flow) => {
                self.leave_frame(base, saved_bp);
                Value::store(&mut self.this, saved_this);
                Ok(match flow {
                    Flow::Return => self.take_return(),
                    _ => Value::Null,
                })
            }
            Err(thrown) => {
                let thrown = self.unwind_frame(base, saved_bp, thrown);
                Value::store(&mut self.this, saved_this);
                Err(self.materialize(thrown))
            }
        }
    }

    /// Checks the depth and CPU limits, then opens a frame for `method` whose arguments are
    /// on the stack from `base`; returns the caller's base.
    #[inline(always)]
    fn push_frame(&mut self, method: MethodId, base: usize) -> Result<usize, Throw> {
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
        if self.tracing.calls {
            self.trace_frame(false);
        }
        Ok(saved_bp)
    }

    /// Closes a frame that completed: back to the caller's statement.
    #[inline(always)]
    fn leave_frame(&mut self, base: usize, saved_bp: usize) {
        if self.tracing.calls {
            self.trace_frame(true);
        }
        if let Some(frame) = self.frames.pop() {
            self.span = frame.caller_span;
        }
        self.pop_frame(base, saved_bp);
    }

    /// Closes a frame that threw; a tool fault records the Apex stack first.
    #[inline(always)]
    fn unwind_frame(&mut self, base: usize, saved_bp: usize, thrown: Throw) -> Throw {
        if thrown.is_fault() && self.fault_stack.is_none() {
            self.fault_stack = Some(self.stack_lines());
        }
        if self.tracing.calls {
            self.trace_frame(true);
        }
        self.frames.pop();
        self.pop_frame(base, saved_bp);
        thrown
    }

    /// Runs a body until it returns or ends.
    #[inline(always)]
    fn run_statements(&mut self, body: &[StmtCode<'h>]) -> Result<Flow, Throw> {
        for stmt in body {
            match stmt(self)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(always)]
    fn take_return(&mut self) -> Value {
        match self.ret {
            Value::Integer(n) => Value::Integer(n),
            Value::Boolean(b) => Value::Boolean(b),
            _ => std::mem::take(&mut self.ret),
        }
    }

    /// Drops a frame's values and restores the caller's base.
    #[inline(always)]
    fn pop_frame(&mut self, base: usize, saved_bp: usize) {
        while self.stack.len() > base {
            if let Some(v) = self.stack.pop() {
                v.discard();
            }
        }
        self.bp = saved_bp;
    }
}
