//! `System.Request`: the current request's Id and its Quiddity, the kind of execution context
//! (a test, an anonymous run, a future method, ...).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Request.htm

use super::{ret, Native, Ret, SysEnum};
use crate::eval::{Interp, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "Request";

/// The `System.Quiddity` constants, in the platform's order.
pub const QUIDDITIES: &[&str] = &[
    "ANONYMOUS",
    "AURA",
    "BATCH_ACS",
    "BATCH_APEX",
    "BATCH_CHUNK_PARALLEL",
    "BATCH_CHUNK_SERIAL",
    "BULK_API",
    "COMMERCE_INTEGRATION",
    "DISCOVERABLE_LOGIN",
    "FUNCTION_CALLBACK",
    "FUTURE",
    "INBOUND_EMAIL_SERVICE",
    "INVOCABLE_ACTION",
    "IOT",
    "PLATFORM_EVENT_PUBLISH_CALLBACK",
    "POST_COMMIT_QUEUEABLE",
    "QUEUEABLE",
    "QUICK_ACTION",
    "REMOTE_ACTION",
    "REST",
    "RUNTEST_ASYNC",
    "RUNTEST_DEPLOY",
    "RUNTEST_SYNC",
    "SCHEDULED",
    "SOAP",
    "SYNCHRONOUS",
    "TRANSACTION_FINALIZER_QUEUEABLE",
    "VF",
];

pub static STATIC: &[Native] = &[Native::interp("getcurrent", 0, Ret::Ty(Ty::System(CLASS)), current)];

pub static INSTANCE: &[Native] = &[
    Native::interp("getquiddity", 0, Ret::Ty(Ty::Class(SysEnum::Quiddity.class_id())), quiddity),
    Native::pure("getrequestid", 0, ret::STRING, request_id),
];

/// The request's Id, made when `Request.getCurrent()` is first asked.
struct RequestState {
    id: String,
}

fn current(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let mut bytes = [0u8; 8];
    interp.host.random_bytes(&mut bytes);
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::Native(Rc::new(NativeObject::new(CLASS, RequestState { id: format!("TID:{id}") }))))
}

/// A test runs as `RUNTEST_SYNC`, an anonymous script as `ANONYMOUS`.
fn quiddity(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let name = if interp.limits.in_test { "RUNTEST_SYNC" } else { "ANONYMOUS" };
    SysEnum::Quiddity.value(name).ok_or_else(Throw::null_pointer)
}

fn request_id(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Native(n)) => Ok(n.peek::<RequestState>().map_or(Value::Null, |r| Value::string(r.id.as_str()))),
        _ => Err(Throw::null_pointer()),
    }
}
