//! `System.DmlException`'s own methods: for each failed row, its index, Id, status code,
//! message and fields (`getDmlType(0) == StatusCode.REQUIRED_FIELD_MISSING`), and the
//! `System.StatusCode` enum they return.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_exception.htm

use super::args::integer;
use super::{describe, ret, Native, Ret, SysEnum};
use crate::compile::declare::DML_SLOT;
use crate::eval::{Interp, SysExc, Throw};
use crate::program::Program;
use crate::types::{ClassId, Ty};
use crate::value::{Instance, NativeObject, Value};
use apex_data::StoreError;
use std::rc::Rc;

/// The status codes the tool reports, and the common ones tests compare against.
pub const STATUS_CODES: &[&str] = &[
    "ALL_OR_NONE_OPERATION_ROLLED_BACK",
    "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
    "DELETE_FAILED",
    "DUPLICATE_EXTERNAL_ID",
    "DUPLICATE_VALUE",
    "DUPLICATES_DETECTED",
    "ENTITY_IS_DELETED",
    "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    "FIELD_INTEGRITY_EXCEPTION",
    "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
    "INSUFFICIENT_ACCESS_OR_READONLY",
    "INVALID_CROSS_REFERENCE_KEY",
    "INVALID_EMAIL_ADDRESS",
    "INVALID_FIELD",
    "INVALID_FIELD_FOR_INSERT_UPDATE",
    "INVALID_ID_FIELD",
    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
    "INVALID_TYPE",
    "MALFORMED_ID",
    "MISSING_ARGUMENT",
    "NUMBER_OUTSIDE_VALID_RANGE",
    "REQUIRED_FIELD_MISSING",
    "STRING_TOO_LONG",
    "UNDELETE_FAILED",
    "UNABLE_TO_LOCK_ROW",
    "UNKNOWN_EXCEPTION",
];

const FAILURE_CLASS: &str = "DmlException.Failure";

/// One failed row of a DML statement.
pub struct Failure {
    pub row: usize,
    pub id: Value,
    pub object: String,
    pub error: StoreError,
}

pub static DML_INSTANCE: &[Native] = &[
    Native::pure("getnumdml", 0, ret::INTEGER, |a| Ok(Value::Integer(failures(a)?.len() as i32))),
    Native::pure("getdmlindex", 1, ret::INTEGER, |a| with(a, |f| Value::Integer(f.row as i32))),
    Native::pure("getdmlid", 1, ret::ID, |a| with(a, |f| f.id.clone())),
    Native::pure("getdmlmessage", 1, ret::STRING, |a| with(a, |f| Value::string(f.error.message.as_str()))),
    Native::pure("getdmlstatuscode", 1, ret::STRING, |a| with(a, |f| Value::string(f.error.code))),
    Native::pure("getdmltype", 1, Ret::Ty(Ty::Class(SysEnum::StatusCode.class_id())), |a| {
        with(a, |f| status_code(f.error.code))
    }),
    Native::pure("getdmlfieldnames", 1, Ret::ListOfString, |a| {
        with(a, |f| Value::list(f.error.fields.iter().map(|n| Value::string(n.as_str())).collect(), Ty::String))
    }),
    Native::pure("getdmlfields", 1, Ret::Ty(Ty::Any), |a| {
        with(a, |f| {
            let tokens =
                f.error.fields.iter().map(|n| describe::Token::Field(f.object.clone(), n.clone()).value()).collect();
            Value::list(tokens, Ty::System(describe::FIELD))
        })
    }),
];

/// The table to look `key` up in for an exception of `class`: DmlException's own methods
/// first on a DmlException, then the methods every exception has.
pub fn table_for(program: &Program, class: ClassId, key: &str, argc: usize) -> &'static [Native] {
    let dml = program.is_subclass(class, Interp::sys_class(SysExc::Dml));
    if dml && super::find(DML_INSTANCE, &key.to_ascii_lowercase(), argc).is_some() {
        return DML_INSTANCE;
    }
    super::exception::INSTANCE
}

/// A `StatusCode` constant by name; an unknown code is null.
pub fn status_code(code: &str) -> Value {
    SysEnum::StatusCode.value(code).unwrap_or(Value::Null)
}

/// A DmlException with its message and failed rows, at the current stack.
pub fn throw(interp: &mut Interp, message: String, failures: Vec<Failure>) -> Throw {
    let exception = interp.new_exception(Interp::sys_class(SysExc::Dml), Value::string(message), Value::Null);
    let rows = failures.into_iter().map(|f| Value::Native(Rc::new(NativeObject::new(FAILURE_CLASS, f)))).collect();
    exception.fields.borrow_mut()[DML_SLOT] = Value::list(rows, Ty::Any);
    interp.record_stack(&exception);
    Throw::exception(exception)
}

fn failures(args: &[Value]) -> Result<Vec<Value>, Throw> {
    let Some(Value::Object(exception)) = args.first() else {
        return Err(Throw::null_pointer());
    };
    Ok(rows_of(exception))
}

fn rows_of(exception: &Instance) -> Vec<Value> {
    match exception.fields.borrow().get(DML_SLOT) {
        Some(Value::List(rows)) => rows.items.borrow().clone(),
        _ => Vec::new(),
    }
}

/// Applies `f` to failed row `args[1]`; out of range is the platform's ListException.
fn with(args: &[Value], f: impl FnOnce(&Failure) -> Value) -> Result<Value, Throw> {
    let rows = failures(args)?;
    let index = integer(args, 1)?;
    let row = usize::try_from(index)
        .ok()
        .and_then(|i| rows.get(i))
        .ok_or_else(|| Throw::sys(SysExc::List, format!("List index out of bounds: {index}")))?;
    match row {
        Value::Native(n) => n.state::<Failure>().map(|failure| f(&failure)).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}
