//! Queueing work: `System.enqueueJob`, a `@future` call and `System.attachFinalizer`, each
//! with the platform's checks (limits, chaining, futures from futures) in the platform's words.

use super::{copy, record, Context, Job, JobKind};
use super::{MAX_CHAIN_DEPTH, MAX_FUTURE_CALLS, MAX_QUEUEABLE_JOBS, MAX_QUEUEABLE_JOBS_ASYNC, STACK_DEPTH_REACHED};
use crate::eval::{Interp, SysExc, Throw};
use crate::ir::MethodId;
use crate::value::Value;
use std::rc::Rc;

/// `System.enqueueJob(queueable)`: checks the limits, keeps a copy of the job as it is now
/// (the platform serializes it) and returns the new `AsyncApexJob` Id.
pub fn enqueue(interp: &mut Interp, queueable: &Value) -> Result<Value, Throw> {
    let Value::Object(object) = queueable else {
        return Err(Throw::null_pointer());
    };
    if !interp.program.implements_system(object.class, "queueable") {
        let name = interp.program.class_display(object.class);
        return Err(Throw::sys(SysExc::Type, format!("{name} does not implement Queueable")));
    }
    let context = &interp.jobs.context;
    // A test runs one level of Queueables: a job that chains another fails.
    if interp.limits.in_test && matches!(context, Context::Queueable { .. }) {
        return Err(Throw::sys(SysExc::Async, STACK_DEPTH_REACHED));
    }
    let depth = context.child_depth();
    if depth > MAX_CHAIN_DEPTH {
        return Err(Throw::sys(SysExc::Async, STACK_DEPTH_REACHED));
    }
    let limit = if context.is_async() { MAX_QUEUEABLE_JOBS_ASYNC } else { MAX_QUEUEABLE_JOBS };
    interp.limits.queueable_jobs += 1;
    if interp.limits.queueable_jobs > limit {
        let message = format!("Too many queueable jobs added to the queue: {}", interp.limits.queueable_jobs);
        return Err(Throw::sys(SysExc::Limit, message));
    }
    let job = copy::serialized(interp.program, queueable);
    let id = record::queued(interp, "Queueable", None)?;
    interp.jobs.queue.push_back(Job { id: id.clone(), kind: JobKind::Queueable(job), depth });
    Ok(Value::Id(Rc::new(id.to_string())))
}

/// A call of a `@future` method: queued with copies of its arguments.
pub fn call_future(interp: &mut Interp, method: MethodId, args: &[Value]) -> Result<Value, Throw> {
    if matches!(interp.jobs.context, Context::Future { .. }) {
        let message =
            format!("Future method cannot be called from a future or batch method: {}", signature(interp, method));
        return Err(Throw::sys(SysExc::Async, message));
    }
    interp.limits.future_calls += 1;
    if interp.limits.future_calls > MAX_FUTURE_CALLS {
        return Err(Throw::sys(SysExc::Limit, format!("Too many future calls: {}", interp.limits.future_calls)));
    }
    let args = args.iter().map(|a| copy::serialized(interp.program, a)).collect();
    let name = interp.program.method(method).name.clone();
    let id = record::queued(interp, "Future", Some(&name))?;
    interp.jobs.queue.push_back(Job { id, kind: JobKind::Future { method, args }, depth: 1 });
    Ok(Value::Null)
}

/// `System.attachFinalizer(finalizer)`: only a running Queueable may attach one, once.
pub fn attach_finalizer(interp: &mut Interp, finalizer: &Value) -> Result<Value, Throw> {
    if finalizer.is_null() {
        return Err(Throw::null_pointer());
    }
    // unconfirmed: the wording of both refusals.
    if !matches!(interp.jobs.context, Context::Queueable { .. }) {
        return Err(Throw::sys(SysExc::Async, "System.attachFinalizer can be called only from a Queueable job"));
    }
    if interp.jobs.finalizer.is_some() {
        return Err(Throw::sys(SysExc::Async, "A finalizer is already attached to this Queueable job"));
    }
    interp.jobs.finalizer = Some(finalizer.clone());
    Ok(Value::Null)
}

/// `Class.method(Type, Type)`, as the platform names a future method in its messages.
fn signature(interp: &Interp, method: MethodId) -> String {
    let program = interp.program;
    let info = program.method(method);
    let class = info.class.map(|c| program.class_display(c)).unwrap_or_default();
    let params: Vec<String> = info.params.iter().map(|p| program.ty_name(p)).collect();
    format!("{class}.{}({})", info.name, params.join(", "))
}
