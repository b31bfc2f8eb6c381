//! `System.HttpRequest`: what Apex sets before `Http.send`. Getters return exactly what was
//! set, `callout:` endpoints and `{!$Credential…}` merge fields unresolved.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_http_httprequest.htm

use super::args::{blob, integer, text, value as arg};
use super::{ret, Native, Ret};
use crate::eval::{SysExc, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "HttpRequest";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

/// The longest timeout a callout may wait, in milliseconds.
pub const MAX_TIMEOUT_MS: i32 = 120_000;

pub static CONSTRUCTORS: &[Native] = &[Native::pure("new", 0, TY, |_| Ok(new_request()))];

pub static INSTANCE: &[Native] = &[
    Native::pure("setendpoint", 1, ret::VOID, |a| set(a, |r, v| r.endpoint = v.text())),
    Native::pure("getendpoint", 0, ret::STRING, |a| get(a, |r| Value::opt_string(r.endpoint.as_deref()))),
    Native::pure("setmethod", 1, ret::VOID, |a| set(a, |r, v| r.method = v.text())),
    Native::pure("getmethod", 0, ret::STRING, |a| get(a, |r| Value::opt_string(r.method.as_deref()))),
    Native::pure("setheader", 2, ret::VOID, set_header),
    Native::pure("getheader", 1, ret::STRING, get_header),
    Native::pure("setbody", 1, ret::VOID, |a| set(a, |r, v| r.body = v.text().map(String::into_bytes))),
    Native::pure("getbody", 0, ret::STRING, |a| get(a, |r| body_text(r.body.as_deref()))),
    Native::pure("setbodyasblob", 1, ret::VOID, set_body_blob),
    Native::pure("getbodyasblob", 0, ret::BLOB, |a| get(a, |r| body_blob(r.body.as_deref()))),
    Native::pure("settimeout", 1, ret::VOID, set_timeout),
    Native::pure("setcompressed", 1, ret::VOID, |a| {
        set(a, |r, v| r.compressed = matches!(v, Arg(Value::Boolean(true))))
    }),
    Native::pure("getcompressed", 0, ret::BOOLEAN, |a| get(a, |r| Value::Boolean(r.compressed))),
    Native::pure("setclientcertificatename", 1, ret::VOID, |a| set(a, |r, v| r.client_certificate = v.text())),
    // The deprecated keystore form is accepted and ignored, as the platform does.
    Native::pure("setclientcertificate", 2, ret::VOID, |_| Ok(Value::Null)),
    Native::pure("tostring", 0, ret::STRING, |a| get(a, |r| Value::string(describe(r)))),
];

/// What Apex has set on one request.
#[derive(Clone, Debug, Default)]
pub struct RequestState {
    pub method: Option<String>,
    pub endpoint: Option<String>,
    /// Each name once, in the order first set; a later `setHeader` replaces the value.
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub timeout_ms: Option<i32>,
    pub compressed: bool,
    pub client_certificate: Option<String>,
}

pub fn new_request() -> Value {
    Value::Native(Rc::new(NativeObject::new(CLASS, RequestState::default())))
}

/// `Endpoint=<endpoint>, Method=<method>`.
pub fn describe(request: &RequestState) -> String {
    let endpoint = request.endpoint.as_deref().unwrap_or("null");
    format!("Endpoint={endpoint}, Method={}", request.method.as_deref().unwrap_or("null"))
}

pub fn display(object: &NativeObject) -> Option<String> {
    object.peek::<RequestState>().map(|r| describe(&r))
}

/// A copy of the state of a request value, or a NullPointerException for null.
pub fn snapshot(request: &Value) -> Result<RequestState, Throw> {
    match request {
        Value::Native(n) => n.peek::<RequestState>().map(|r| r.clone()).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

/// One argument, read leniently: a null String sets the field to null.
struct Arg<'a>(&'a Value);

impl Arg<'_> {
    fn text(&self) -> Option<String> {
        match self.0 {
            Value::String(s) | Value::Id(s) => Some(s.to_string()),
            _ => None,
        }
    }
}

fn with<R>(args: &[Value], f: impl FnOnce(&mut RequestState) -> R) -> Result<R, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => n.state::<RequestState>().map(|mut r| f(&mut r)).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

fn set(args: &[Value], f: impl FnOnce(&mut RequestState, Arg<'_>)) -> Result<Value, Throw> {
    let value = Arg(arg(args, 1)?);
    with(args, |r| f(r, value))?;
    Ok(Value::Null)
}

fn get(args: &[Value], f: impl FnOnce(&RequestState) -> Value) -> Result<Value, Throw> {
    with(args, |r| f(r))
}

fn set_header(args: &[Value]) -> Result<Value, Throw> {
    let name = text(args, 1)?.to_string();
    let value = match arg(args, 2)? {
        Value::String(s) | Value::Id(s) => s.to_string(),
        _ => return Err(Throw::null_pointer()),
    };
    with(args, |r| put_header(&mut r.headers, name, value))?;
    Ok(Value::Null)
}

/// Sets `name` to `value`, replacing a header of the same name in any case.
pub fn put_header(headers: &mut Vec<(String, String)>, name: String, value: String) {
    match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
        Some(existing) => existing.1 = value,
        None => headers.push((name, value)),
    }
}

/// The value of a header, found in any case.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn get_header(args: &[Value]) -> Result<Value, Throw> {
    let name = match arg(args, 1)? {
        Value::String(s) => s.to_string(),
        _ => return Ok(Value::Null),
    };
    with(args, |r| Value::opt_string(header(&r.headers, &name)))
}

fn set_body_blob(args: &[Value]) -> Result<Value, Throw> {
    let bytes = match arg(args, 1)? {
        Value::Null => None,
        _ => Some(blob(args, 1)?.to_vec()),
    };
    with(args, |r| r.body = bytes)?;
    Ok(Value::Null)
}

fn set_timeout(args: &[Value]) -> Result<Value, Throw> {
    let millis = integer(args, 1)?;
    if !(1..=MAX_TIMEOUT_MS).contains(&millis) {
        let message = format!("Timeout must be between 1 and {MAX_TIMEOUT_MS} milliseconds: {millis}");
        return Err(Throw::sys(SysExc::Callout, message));
    }
    with(args, |r| r.timeout_ms = Some(millis))?;
    Ok(Value::Null)
}

/// A body as Apex reads it with `getBody()`: null when never set.
pub fn body_text(body: Option<&[u8]>) -> Value {
    match body {
        Some(bytes) => Value::string(String::from_utf8_lossy(bytes).into_owned()),
        None => Value::Null,
    }
}

pub fn body_blob(body: Option<&[u8]>) -> Value {
    match body {
        Some(bytes) => Value::Blob(Rc::new(bytes.to_vec())),
        None => Value::Null,
    }
}
