//! The `Assert` class. Failures are `System.AssertException`s, which no catch stops.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Assert.htm

use super::{ret, Native};
use crate::eval::{Interp, SysExc, Throw};
use crate::value::Value;

pub static STATIC: &[Native] = &[
    Native::interp("areequal", 2, ret::VOID, are_equal).args(2, 3),
    Native::interp("arenotequal", 2, ret::VOID, are_not_equal).args(2, 3),
    Native::interp("istrue", 1, ret::VOID, is_true).args(1, 2),
    Native::interp("isfalse", 1, ret::VOID, is_false).args(1, 2),
    Native::interp("isnull", 1, ret::VOID, is_null).args(1, 2),
    Native::interp("isnotnull", 1, ret::VOID, is_not_null).args(1, 2),
    Native::interp("fail", 0, ret::VOID, fail_now).args(0, 1),
    Native::interp("isinstanceoftype", 2, ret::VOID, is_instance_of_type).args(2, 3),
    Native::interp("isnotinstanceoftype", 2, ret::VOID, is_not_instance_of_type).args(2, 3),
];

/// `Assertion Failed[: message][: detail]`.
pub fn fail(message: Option<&str>, detail: Option<&str>) -> Throw {
    let mut text = String::from("Assertion Failed");
    for part in [message, detail].into_iter().flatten() {
        text.push_str(": ");
        text.push_str(part);
    }
    Throw::sys(SysExc::Assert, text)
}

pub fn fail_equals(
    interp: &mut Interp,
    message: Option<&str>,
    expected: &Value,
    actual: &Value,
) -> Result<Throw, Throw> {
    let detail = format!("Expected: {}, Actual: {}", interp.stringify(expected)?, interp.stringify(actual)?);
    Ok(fail(message, Some(&detail)))
}

/// The optional message argument at `index`, as text.
pub(super) fn message(interp: &mut Interp, args: &[Value], index: usize) -> Result<Option<String>, Throw> {
    match args.get(index) {
        Some(Value::Null) | None => Ok(None),
        Some(v) => interp.stringify(v).map(Some),
    }
}

fn are_equal(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    if interp.apex_equals(&args[0], &args[1])? {
        return Ok(Value::Null);
    }
    let m = message(interp, args, 2)?;
    Err(fail_equals(interp, m.as_deref(), &args[0], &args[1])?)
}

fn are_not_equal(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    if !interp.apex_equals(&args[0], &args[1])? {
        return Ok(Value::Null);
    }
    let m = message(interp, args, 2)?;
    let detail = format!("Expected: not {}, Actual: {}", interp.stringify(&args[0])?, interp.stringify(&args[1])?);
    Err(fail(m.as_deref(), Some(&detail)))
}

/// With a message, a failed check reports just the message; without one, what was expected.
fn check_failed(interp: &mut Interp, args: &[Value], index: usize, detail: &str) -> Result<Throw, Throw> {
    Ok(match message(interp, args, index)? {
        Some(m) => fail(Some(&m), None),
        None => fail(None, Some(detail)),
    })
}

fn expect_bool(interp: &mut Interp, args: &[Value], wanted: bool) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Boolean(b)) if *b == wanted => Ok(Value::Null),
        Some(Value::Null) | None => Err(Throw::null_pointer()),
        Some(actual) => {
            let detail = format!("Expected: {wanted}, Actual: {}", interp.stringify(actual)?);
            Err(check_failed(interp, args, 1, &detail)?)
        }
    }
}

fn is_true(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    expect_bool(interp, args, true)
}

fn is_false(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    expect_bool(interp, args, false)
}

fn is_null(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    if args[0].is_null() {
        return Ok(Value::Null);
    }
    let detail = format!("Expected: null, Actual: {}", interp.stringify(&args[0])?);
    Err(check_failed(interp, args, 1, &detail)?)
}

fn is_not_null(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    if !args[0].is_null() {
        return Ok(Value::Null);
    }
    Err(check_failed(interp, args, 1, "Expected: not null, Actual: null")?)
}

fn fail_now(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let m = message(interp, args, 0)?;
    Err(fail(m.as_deref(), None))
}

fn instance_check(interp: &mut Interp, args: &[Value], wanted: bool) -> Result<Value, Throw> {
    let Value::Type(ty) = &args[1] else {
        return Err(Throw::null_pointer());
    };
    let is = !args[0].is_null() && crate::eval::is_instance(interp.program, &args[0], ty);
    if is == wanted {
        return Ok(Value::Null);
    }
    let m = message(interp, args, 2)?;
    let name = interp.program.ty_name(ty);
    let actual = crate::eval::runtime_type_name(interp.program, &args[0]);
    let detail = if wanted {
        format!("Expected instance of {name}, Actual type: {actual}")
    } else {
        format!("Expected not instance of {name}, Actual type: {actual}")
    };
    Err(fail(m.as_deref(), Some(&detail)))
}

fn is_instance_of_type(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    instance_check(interp, args, true)
}

fn is_not_instance_of_type(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    instance_check(interp, args, false)
}
