//! `System.HttpResponse`: what `Http.send` returns, and what test mocks build with the setters.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_http_httpresponse.htm

use super::args::{blob, integer, text, value as arg};
use super::http_request::{body_blob, body_text, header, put_header};
use super::{ret, Native, Ret};
use crate::callout::CalloutResponse;
use crate::eval::Throw;
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "HttpResponse";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

pub static CONSTRUCTORS: &[Native] = &[Native::pure("new", 0, TY, |_| Ok(wrap(ResponseState::default())))];

pub static INSTANCE: &[Native] = &[
    Native::pure("getstatuscode", 0, ret::INTEGER, |a| get(a, |r| Value::Integer(r.status_code))),
    Native::pure("setstatuscode", 1, ret::VOID, |a| {
        let code = integer(a, 1)?;
        with(a, |r| r.status_code = code)
    }),
    Native::pure("getstatus", 0, ret::STRING, |a| get(a, |r| Value::opt_string(r.status.as_deref()))),
    Native::pure("setstatus", 1, ret::VOID, |a| {
        let status = optional_text(a)?;
        with(a, |r| r.status = status)
    }),
    Native::pure("getbody", 0, ret::STRING, |a| get(a, |r| body_text(r.body.as_deref()))),
    Native::pure("setbody", 1, ret::VOID, |a| {
        let body = optional_text(a)?.map(String::into_bytes);
        with(a, |r| r.body = body)
    }),
    Native::pure("getbodyasblob", 0, ret::BLOB, |a| get(a, |r| body_blob(r.body.as_deref()))),
    Native::pure("setbodyasblob", 1, ret::VOID, |a| {
        let body = if arg(a, 1)?.is_null() { None } else { Some(blob(a, 1)?.to_vec()) };
        with(a, |r| r.body = body)
    }),
    Native::pure("getheader", 1, ret::STRING, |a| {
        let name = optional_text(a)?.unwrap_or_default();
        get(a, |r| Value::opt_string(header(&r.headers, &name)))
    }),
    Native::pure("setheader", 2, ret::VOID, |a| {
        let (name, value) = (text(a, 1)?.to_string(), text(a, 2)?.to_string());
        with(a, |r| put_header(&mut r.headers, name, value))
    }),
    Native::pure("getheaderkeys", 0, Ret::ListOfString, |a| {
        get(a, |r| Value::list(r.headers.iter().map(|(n, _)| Value::string(n.as_str())).collect(), Ty::String))
    }),
    Native::pure("tostring", 0, ret::STRING, |a| get(a, |r| Value::string(describe(r)))),
];

/// One response: what the server answered, or what a mock set.
#[derive(Clone, Debug, Default)]
pub struct ResponseState {
    pub status_code: i32,
    pub status: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

pub fn wrap(state: ResponseState) -> Value {
    Value::Native(Rc::new(NativeObject::new(CLASS, state)))
}

/// The Apex response for what the host answered.
pub fn from_callout(response: CalloutResponse) -> Value {
    let status = Some(response.status).filter(|s| !s.is_empty());
    let status = status.or_else(|| Some(crate::callout::reason_phrase(response.status_code).to_string()));
    wrap(ResponseState {
        status_code: response.status_code,
        status,
        headers: response.headers,
        body: Some(response.body),
    })
}

/// `Status=<status>, StatusCode=<code>`.
pub fn describe(response: &ResponseState) -> String {
    format!("Status={}, StatusCode={}", response.status.as_deref().unwrap_or("null"), response.status_code)
}

pub fn display(object: &NativeObject) -> Option<String> {
    object.peek::<ResponseState>().map(|r| describe(&r))
}

fn optional_text(args: &[Value]) -> Result<Option<String>, Throw> {
    match arg(args, 1)? {
        Value::Null => Ok(None),
        _ => Ok(Some(text(args, 1)?.to_string())),
    }
}

fn with(args: &[Value], f: impl FnOnce(&mut ResponseState)) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => n.state::<ResponseState>().map(|mut r| f(&mut r)).ok_or_else(Throw::null_pointer)?,
        _ => return Err(Throw::null_pointer()),
    }
    Ok(Value::Null)
}

fn get(args: &[Value], f: impl FnOnce(&ResponseState) -> Value) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => n.peek::<ResponseState>().map(|r| f(&r)).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}
