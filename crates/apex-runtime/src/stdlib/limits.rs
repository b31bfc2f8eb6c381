//! The `Limits` class: what this transaction has used, and the platform's limits.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_limits.htm

use super::{ret, Native};
use crate::eval::{Interp, Throw};
use crate::jobs::{self, Context};
use crate::value::Value;

pub static STATIC: &[Native] = &[
    Native::interp("getcputime", 0, ret::INTEGER, cpu_time),
    Native::interp("getlimitcputime", 0, ret::INTEGER, limit_cpu_time),
    Native::interp("getheapsize", 0, ret::INTEGER, heap_size),
    Native::interp("getlimitheapsize", 0, ret::INTEGER, limit_heap_size),
    Native::interp("getqueries", 0, ret::INTEGER, queries),
    Native::pure("getlimitqueries", 0, ret::INTEGER, |_| Ok(Value::Integer(100))),
    Native::interp("getcallouts", 0, ret::INTEGER, callouts),
    Native::pure("getlimitcallouts", 0, ret::INTEGER, |_| Ok(Value::Integer(100))),
    Native::interp("getdmlstatements", 0, ret::INTEGER, dml_statements),
    Native::pure("getlimitdmlstatements", 0, ret::INTEGER, |_| Ok(Value::Integer(150))),
    Native::interp("getdmlrows", 0, ret::INTEGER, |i, _| Ok(Value::Integer(i.limits.dml_rows as i32))),
    Native::pure("getlimitdmlrows", 0, ret::INTEGER, |_| Ok(Value::Integer(10000))),
    Native::interp("getqueryrows", 0, ret::INTEGER, |i, _| Ok(Value::Integer(i.limits.query_rows as i32))),
    Native::pure("getlimitqueryrows", 0, ret::INTEGER, |_| Ok(Value::Integer(50000))),
    Native::interp("getsoslqueries", 0, ret::INTEGER, |i, _| Ok(Value::Integer(i.limits.searches as i32))),
    Native::pure("getlimitsoslqueries", 0, ret::INTEGER, |_| Ok(Value::Integer(20))),
    Native::interp("getfuturecalls", 0, ret::INTEGER, |i, _| Ok(Value::Integer(i.limits.future_calls as i32))),
    Native::interp("getlimitfuturecalls", 0, ret::INTEGER, limit_future_calls),
    Native::interp("getqueueablejobs", 0, ret::INTEGER, |i, _| Ok(Value::Integer(i.limits.queueable_jobs as i32))),
    Native::interp("getlimitqueueablejobs", 0, ret::INTEGER, limit_queueable_jobs),
    Native::pure("getemailinvocations", 0, ret::INTEGER, |_| Ok(Value::Integer(0))),
    Native::pure("getlimitemailinvocations", 0, ret::INTEGER, |_| Ok(Value::Integer(10))),
];

fn cpu_time(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(interp.limits.cpu_millis()))
}

/// The platform's limit, whatever budget this run enforces (`--cpu-limit`): six times the
/// synchronous one in an asynchronous job.
fn limit_cpu_time(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let factor = if interp.jobs.context.is_async() { 6 } else { 1 };
    Ok(Value::Integer((crate::eval::limits::PLATFORM_CPU_MS * factor) as i32))
}

fn heap_size(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(interp.limits.heap_peak.min(i32::MAX as usize) as i32))
}

/// Twice the synchronous heap in an asynchronous job.
fn limit_heap_size(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let factor = if interp.jobs.context.is_async() { 2 } else { 1 };
    Ok(Value::Integer((crate::eval::limits::PLATFORM_HEAP_BYTES * factor) as i32))
}

/// No `@future` calls from a future method; fifty elsewhere.
fn limit_future_calls(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let limit = match interp.jobs.context {
        Context::Future { .. } => 0,
        _ => jobs::MAX_FUTURE_CALLS,
    };
    Ok(Value::Integer(limit as i32))
}

/// One job from an asynchronous transaction; fifty from a synchronous one.
fn limit_queueable_jobs(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let limit = match interp.jobs.context.is_async() {
        true => jobs::MAX_QUEUEABLE_JOBS_ASYNC,
        false => jobs::MAX_QUEUEABLE_JOBS,
    };
    Ok(Value::Integer(limit as i32))
}

fn queries(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(interp.limits.queries as i32))
}

fn callouts(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(interp.limits.callouts as i32))
}

fn dml_statements(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(interp.limits.dml_statements as i32))
}
