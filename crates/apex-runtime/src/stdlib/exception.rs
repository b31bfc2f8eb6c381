//! Methods every exception has, built-in or user-defined, and the standard constructors.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_exception_methods.htm

use super::{ret, Native};
use crate::compile::declare::{CAUSE_SLOT, LINE_SLOT, MESSAGE_SLOT, STACK_SLOT};
use crate::eval::{Interp, Throw};
use crate::types::{ClassId, Ty};
use crate::value::{Instance, Value};

/// `super(...)` inside a custom exception's constructor: the standard constructor arguments.
pub static INIT: Native = Native::interp("exception.init", 1, ret::VOID, init).args(1, 3);

pub static INSTANCE: &[Native] = &[
    Native::pure("getmessage", 0, ret::STRING, |args| field(args, MESSAGE_SLOT)),
    Native::pure("getcause", 0, super::Ret::Ty(Ty::Class(ClassId(0))), |args| field(args, CAUSE_SLOT)),
    Native::interp("gettypename", 0, ret::STRING, type_name),
    Native::pure("getlinenumber", 0, ret::INTEGER, |args| field(args, LINE_SLOT)),
    Native::pure("getstacktracestring", 0, ret::STRING, stack_trace),
    Native::pure("setmessage", 1, ret::VOID, set_message),
    Native::pure("initcause", 1, ret::VOID, init_cause),
    Native::interp("tostring", 0, ret::STRING, to_string),
];

fn object(args: &[Value]) -> Result<&Instance, Throw> {
    match args.first() {
        Some(Value::Object(o)) => Ok(o),
        _ => Err(Throw::null_pointer()),
    }
}

fn field(args: &[Value], slot: usize) -> Result<Value, Throw> {
    Ok(object(args)?.fields.borrow()[slot].clone())
}

fn stack_trace(args: &[Value]) -> Result<Value, Throw> {
    match field(args, STACK_SLOT)? {
        Value::Null => Ok(Value::string("()")),
        other => Ok(other),
    }
}

fn type_name(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let class = object(args)?.class;
    Ok(Value::string(interp.program.class_display(class)))
}

fn set_message(args: &[Value]) -> Result<Value, Throw> {
    object(args)?.fields.borrow_mut()[MESSAGE_SLOT] = args.get(1).cloned().unwrap_or_default();
    Ok(Value::Null)
}

fn init_cause(args: &[Value]) -> Result<Value, Throw> {
    object(args)?.fields.borrow_mut()[CAUSE_SLOT] = args.get(1).cloned().unwrap_or_default();
    Ok(Value::Null)
}

fn to_string(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let text = interp.stringify(&args[0])?;
    Ok(Value::string(text))
}

fn init(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let Some(Value::Object(this)) = args.first() else {
        return Err(Throw::null_pointer());
    };
    let this = this.clone();
    interp.init_exception(&this, &args[1..])?;
    Ok(Value::Null)
}
