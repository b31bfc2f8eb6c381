//! The asynchronous side of `System` (`enqueueJob`, `attachFinalizer`, `isFuture`,
//! `isQueueable`, ...) and the context objects a job gets: `QueueableContext` and
//! `FinalizerContext` with its `ParentJobResult`.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_interface_System_Finalizer.htm

use super::args::value as arg;
use super::{ret, Native, Ret, SysEnum};
use crate::eval::{Interp, Throw};
use crate::jobs::{queue, Context};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use apex_data::Id;
use std::rc::Rc;

pub const QUEUEABLE_CONTEXT: &str = "QueueableContext";
pub const FINALIZER_CONTEXT: &str = "FinalizerContext";

/// `System.enqueueJob(queueable)`, also with a delay or `AsyncOptions`.
pub fn enqueue_job(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    // The second argument (a delay in minutes, or AsyncOptions) changes when a job runs, not
    // the order in which the emulator runs the queue.
    queue::enqueue(interp, arg(args, 0)?)
}

/// `System.attachFinalizer(finalizer)`.
pub fn attach_finalizer(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    queue::attach_finalizer(interp, arg(args, 0)?)
}

pub fn is_future(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(matches!(interp.jobs.context, Context::Future { .. })))
}

pub fn is_queueable(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(matches!(interp.jobs.context, Context::Queueable { .. })))
}

/// `System.isBatch()`, `System.isScheduled()`: the emulator runs no batch or scheduled Apex.
pub fn never(_: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(false))
}

pub static QUEUEABLE_INSTANCE: &[Native] =
    &[Native::interp("getjobid", 0, ret::ID, |i, a| or_user(i, a, "getjobid", |a| job_id(&a[0])))];

pub static FINALIZER_INSTANCE: &[Native] = &[
    Native::interp("getasyncapexjobid", 0, ret::ID, |i, a| or_user(i, a, "getasyncapexjobid", |a| job_id(&a[0]))),
    Native::interp("getresult", 0, Ret::Ty(Ty::Class(SysEnum::ParentJobResult.class_id())), |i, a| {
        or_user(i, a, "getresult", result)
    }),
    // `System.Exception` is the first class of every program.
    Native::interp("getexception", 0, Ret::Ty(Ty::Class(crate::types::ClassId(0))), |i, a| {
        or_user(i, a, "getexception", exception)
    }),
];

/// A context method: the platform's own context answers natively; a test's class that
/// implements the interface (a mock `FinalizerContext`) answers with its own method.
fn or_user(
    interp: &mut Interp,
    args: &[Value],
    name: &str,
    native: fn(&[Value]) -> Result<Value, Throw>,
) -> Result<Value, Throw> {
    match arg(args, 0)? {
        this @ Value::Object(_) => interp.call_dynamic(this.clone(), name, Vec::new()),
        _ => native(args),
    }
}

/// What a `FinalizerContext` knows about the job it follows.
struct Finished {
    job: Id,
    /// The exception that ended the job; None when it succeeded.
    exception: Option<Value>,
}

/// The `QueueableContext` handed to a job's `execute`.
pub fn queueable_context(job: &Id) -> Value {
    Value::Native(Rc::new(NativeObject::new(QUEUEABLE_CONTEXT, job.clone())))
}

/// The `FinalizerContext` handed to a finalizer's `execute`.
pub fn finalizer_context(job: &Id, exception: Option<Value>) -> Value {
    let state = Finished { job: job.clone(), exception };
    Value::Native(Rc::new(NativeObject::new(FINALIZER_CONTEXT, state)))
}

fn job_id(context: &Value) -> Result<Value, Throw> {
    let Value::Native(object) = context else {
        return Err(Throw::null_pointer());
    };
    let id = match object.class {
        QUEUEABLE_CONTEXT => object.peek::<Id>().map(|id| id.to_string()),
        _ => object.peek::<Finished>().map(|f| f.job.to_string()),
    };
    Ok(id.map_or(Value::Null, |id| Value::Id(Rc::new(id))))
}

fn finished<T>(context: &Value, read: impl Fn(&Finished) -> T) -> Option<T> {
    match context {
        Value::Native(object) => object.peek::<Finished>().map(|f| read(&f)),
        _ => None,
    }
}

/// `ParentJobResult.SUCCESS` or `ParentJobResult.UNHANDLED_EXCEPTION`.
fn result(args: &[Value]) -> Result<Value, Throw> {
    let failed = finished(&args[0], |f| f.exception.is_some()).unwrap_or(false);
    let constant = if failed { "UNHANDLED_EXCEPTION" } else { "SUCCESS" };
    Ok(SysEnum::ParentJobResult.value(constant).unwrap_or(Value::Null))
}

fn exception(args: &[Value]) -> Result<Value, Throw> {
    Ok(finished(&args[0], |f| f.exception.clone()).flatten().unwrap_or(Value::Null))
}

/// How the context objects print.
pub fn display(object: &NativeObject) -> Option<String> {
    let id = match object.class {
        QUEUEABLE_CONTEXT => object.peek::<Id>()?.to_string(),
        _ => object.peek::<Finished>()?.job.to_string(),
    };
    // unconfirmed: the platform's printed form of these objects.
    Some(format!("{}[jobId={id}]", object.class))
}
