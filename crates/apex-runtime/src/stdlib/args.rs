//! Reading the arguments of native methods. A null where a value is needed is the
//! NullPointerException Apex code would get; a value of the wrong type is a tool fault, since
//! the platform's compiler would have refused the call.

use crate::eval::{Fault, Throw};
use crate::value::Value;

/// The argument at `index`; the compiler checked the count, so a miss is an internal error.
pub fn value(args: &[Value], index: usize) -> Result<&Value, Throw> {
    args.get(index).ok_or_else(|| Throw::fault(Fault::Internal(format!("missing argument {index}"))))
}

/// A String (or Id) argument.
pub fn text(args: &[Value], index: usize) -> Result<&str, Throw> {
    match value(args, index)? {
        Value::String(s) | Value::Id(s) => Ok(s),
        other => Err(mismatch(index, "String", other)),
    }
}

/// A Blob argument.
pub fn blob(args: &[Value], index: usize) -> Result<&[u8], Throw> {
    match value(args, index)? {
        Value::Blob(bytes) => Ok(bytes),
        other => Err(mismatch(index, "Blob", other)),
    }
}

/// An Integer argument.
pub fn integer(args: &[Value], index: usize) -> Result<i32, Throw> {
    match value(args, index)? {
        Value::Integer(n) => Ok(*n),
        other => Err(mismatch(index, "Integer", other)),
    }
}

fn mismatch(index: usize, wanted: &str, got: &Value) -> Throw {
    if got.is_null() {
        return Throw::null_pointer();
    }
    Throw::fault(Fault::Internal(format!("argument {index} should be a {wanted}, not {got:?}")))
}
