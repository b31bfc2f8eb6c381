//! `System` static methods: debug output, the legacy assertions, the clock and (from
//! `async_apex`) asynchronous Apex.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_system.htm

use super::assert::{fail, fail_equals, message};
use super::async_apex;
use super::{ret, Native, SysEnum};
use crate::eval::{Interp, Throw};
use crate::value::{Datetime, Value};

pub static STATIC: &[Native] = &[
    Native::interp("debug", 1, ret::VOID, debug).args(1, 2),
    Native::interp("assert", 1, ret::VOID, assert).args(1, 2),
    Native::interp("assertequals", 2, ret::VOID, assert_equals).args(2, 3),
    Native::interp("assertnotequals", 2, ret::VOID, assert_not_equals).args(2, 3),
    Native::interp("now", 0, ret::DATETIME, now),
    Native::interp("today", 0, ret::DATE, today),
    Native::interp("currenttimemillis", 0, ret::LONG, current_time_millis),
    Native::interp("enqueuejob", 1, ret::ID, async_apex::enqueue_job).args(1, 2),
    Native::interp("attachfinalizer", 1, ret::VOID, async_apex::attach_finalizer),
    Native::interp("isfuture", 0, ret::BOOLEAN, async_apex::is_future),
    Native::interp("isqueueable", 0, ret::BOOLEAN, async_apex::is_queueable),
    Native::pure("isbatch", 0, ret::BOOLEAN, async_apex::never),
    Native::pure("isscheduled", 0, ret::BOOLEAN, async_apex::never),
];

/// `System.debug(message)` or `System.debug(LoggingLevel.X, message)`.
fn debug(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let (level, message) = match args {
        [level, message] => (SysEnum::LoggingLevel.constant_of(level).unwrap_or("DEBUG"), message),
        [message] => ("DEBUG", message),
        _ => return Ok(Value::Null),
    };
    // Debug output converts implicitly, so a Date prints with ` 00:00:00`.
    let text = interp.stringify_implicit(message)?;
    let (line, _) = interp.program.line_col(interp.span);
    interp.host.debug(level, line, &text);
    Ok(Value::Null)
}

fn assert(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Boolean(true)) => Ok(Value::Null),
        Some(Value::Boolean(false)) => Err(fail(message(interp, args, 1)?.as_deref(), None)),
        _ => Err(Throw::null_pointer()),
    }
}

fn assert_equals(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let (expected, actual) = (&args[0], &args[1]);
    if interp.apex_equals(expected, actual)? {
        return Ok(Value::Null);
    }
    let message = message(interp, args, 2)?;
    Err(fail_equals(interp, message.as_deref(), expected, actual)?)
}

fn assert_not_equals(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let (expected, actual) = (&args[0], &args[1]);
    if !interp.apex_equals(expected, actual)? {
        return Ok(Value::Null);
    }
    let message = message(interp, args, 2)?;
    let detail = format!("Same value: {}", interp.stringify(actual)?);
    Err(fail(message.as_deref(), Some(&detail)))
}

fn now(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Datetime(Datetime(interp.host.now_millis())))
}

fn today(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Date(Datetime(interp.host.now_millis()).date()))
}

fn current_time_millis(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Long(interp.host.now_millis()))
}
