//! `StaticResourceCalloutMock` and `MultiStaticResourceCalloutMock`: the platform's ready-made
//! `HttpCalloutMock`s whose response body is a static resource, one for every callout or one
//! per endpoint. Status and headers are shared by every response.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_restful_http_testing_static.htm

use super::args::{text, value as arg};
use super::http_request::{self, put_header};
use super::http_response::{self, ResponseState};
use super::{ret, Native, Ret};
use crate::eval::{Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const SINGLE: &str = "StaticResourceCalloutMock";
pub const MULTI: &str = "MultiStaticResourceCalloutMock";

pub static SINGLE_CONSTRUCTORS: &[Native] =
    &[Native::pure("new", 0, Ret::Ty(Ty::System(SINGLE)), |_| Ok(wrap(SINGLE, MockState::default())))];

pub static MULTI_CONSTRUCTORS: &[Native] =
    &[Native::pure("new", 0, Ret::Ty(Ty::System(MULTI)), |_| Ok(wrap(MULTI, MockState::default())))];

pub static SINGLE_INSTANCE: &[Native] = &[
    Native::pure("setstaticresource", 1, ret::VOID, |a| {
        let name = text(a, 1)?.to_string();
        with(a, |m| m.resources = vec![(None, name)])
    }),
    Native::pure("setstatuscode", 1, ret::VOID, set_status_code),
    Native::pure("setstatus", 1, ret::VOID, set_status),
    Native::pure("setheader", 2, ret::VOID, set_header),
    Native::interp("respond", 1, http_response::TY, respond),
];

pub static MULTI_INSTANCE: &[Native] = &[
    Native::pure("setstaticresource", 2, ret::VOID, |a| {
        let (endpoint, name) = (text(a, 1)?.to_string(), text(a, 2)?.to_string());
        with(a, |m| {
            m.resources.retain(|(e, _)| e.as_deref() != Some(endpoint.as_str()));
            m.resources.push((Some(endpoint), name));
        })
    }),
    Native::pure("setstatuscode", 1, ret::VOID, set_status_code),
    Native::pure("setstatus", 1, ret::VOID, set_status),
    Native::pure("setheader", 2, ret::VOID, set_header),
    Native::interp("respond", 1, http_response::TY, respond),
];

/// What the mock was told: the resources (by endpoint for the multi mock, which matches the
/// endpoint exactly as the request wrote it), and the status and headers of every response.
#[derive(Debug, Default)]
struct MockState {
    resources: Vec<(Option<String>, String)>,
    status_code: i32,
    status: Option<String>,
    headers: Vec<(String, String)>,
}

fn wrap(class: &'static str, state: MockState) -> Value {
    Value::Native(Rc::new(NativeObject::new(class, state)))
}

fn with(args: &[Value], change: impl FnOnce(&mut MockState)) -> Result<Value, Throw> {
    let Value::Native(object) = arg(args, 0)? else {
        return Err(Throw::null_pointer());
    };
    let Some(mut state) = object.state::<MockState>() else {
        return Err(Throw::null_pointer());
    };
    change(&mut state);
    Ok(Value::Null)
}

fn set_status_code(args: &[Value]) -> Result<Value, Throw> {
    let code = super::args::integer(args, 1)?;
    with(args, |m| m.status_code = code)
}

fn set_status(args: &[Value]) -> Result<Value, Throw> {
    let status = match arg(args, 1)? {
        Value::Null => None,
        _ => Some(text(args, 1)?.to_string()),
    };
    with(args, |m| m.status = status)
}

fn set_header(args: &[Value]) -> Result<Value, Throw> {
    let (name, value) = (text(args, 1)?.to_string(), text(args, 2)?.to_string());
    with(args, |m| put_header(&mut m.headers, name, value))
}

/// The response to `request`: the status and headers set, and the body of the resource for
/// the request's endpoint.
fn respond(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let Value::Native(object) = arg(args, 0)? else {
        return Err(Throw::null_pointer());
    };
    let endpoint = http_request::snapshot(arg(args, 1)?)?.endpoint.unwrap_or_default();
    let Some(state) = object.peek::<MockState>() else {
        return Err(Throw::null_pointer());
    };
    let name = resource_for(&state, &endpoint)?;
    // Unconfirmed: the platform's wording when the named resource does not exist.
    let resource = interp
        .host
        .static_resource(name)
        .ok_or_else(|| Throw::sys(SysExc::Callout, format!("Static Resource not found: {name}")))?;
    Ok(http_response::wrap(ResponseState {
        status_code: state.status_code,
        status: state.status.clone(),
        headers: state.headers.clone(),
        body: Some(resource.body.to_vec()),
    }))
}

/// The resource that answers `endpoint`: the only one of a single mock, the one mapped to
/// exactly that endpoint of a multi mock.
fn resource_for<'s>(state: &'s MockState, endpoint: &str) -> Result<&'s str, Throw> {
    let found = state.resources.iter().find(|(e, _)| e.as_deref().is_none_or(|e| e == endpoint));
    // Unconfirmed: the platform's wording for an endpoint the multi mock has no resource for,
    // and for a single mock never given one.
    match found {
        Some((_, name)) => Ok(name),
        None if state.resources.is_empty() => Err(Throw::sys(SysExc::Callout, "No static resource set on the mock")),
        None => Err(Throw::sys(SysExc::Callout, format!("No static resource is mapped to endpoint: {endpoint}"))),
    }
}
