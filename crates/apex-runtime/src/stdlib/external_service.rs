//! Calling an External Service operation (external-services.md §2.4, §2.9, §5): the request
//! object becomes an `HttpRequest` to `callout:<NamedCredential>` plus the base path and the
//! operation's path, sent through `Http.send` (limits, mocks, credentials), and the response
//! comes back as the operation's `_Response`, or its `_ResponseException` is thrown.

use super::encoding_util::url_encode_text;
use super::http_request::{self, put_header, RequestState};
use super::http_response::ResponseState;
use super::json::{reader, typed::scalar, writer};
use crate::compile::external::NAMESPACE;
use crate::eval::{Interp, SysExc, Throw};
use crate::types::{ClassId, Ty};
use crate::value::{Key, MapObj, Value};
use apex_external_services::{Location, Operation, Service, TypeRef};
use std::rc::Rc;

/// The native body of every generated operation method: `(service, operation, request,
/// response class, exception class)`.
pub fn call(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let index = |at: usize| match args.get(at) {
        Some(Value::Integer(n)) => Ok(*n as usize),
        _ => Err(Throw::fault(crate::eval::Fault::Internal("an External Service call without its operation".into()))),
    };
    let program = interp.program;
    let service = program.external_services.get(index(0)?).ok_or_else(Throw::null_pointer)?;
    let operation = service.operations.get(index(1)?).ok_or_else(Throw::null_pointer)?;
    let request = args.get(2).cloned().unwrap_or(Value::Null);
    let classes = (ClassId(index(3)? as u32), ClassId(index(4)? as u32));
    let state = build_request(interp, service, operation, &request)?;
    let http_request = http_request::new_request();
    if let Value::Native(native) = &http_request {
        if let Some(mut slot) = native.state::<RequestState>() {
            *slot = state;
        }
    }
    let response = super::http::send(interp, &[Value::Null, http_request])?;
    let Value::Native(native) = &response else {
        // Unconfirmed: what the generated code does when a mock answers null.
        return Err(Throw::sys(SysExc::Callout, format!("{}: no response", operation.apex_name)));
    };
    let (status, body) = match native.peek::<ResponseState>() {
        Some(r) => (r.status_code, r.body.clone().unwrap_or_default()),
        None => return Err(Throw::null_pointer()),
    };
    outcome(interp, service, operation, classes, status, &body)
}

/// The request as the operation's parameters place it.
fn build_request(
    interp: &mut Interp,
    service: &Service,
    operation: &Operation,
    request: &Value,
) -> Result<RequestState, Throw> {
    let mut path = operation.path.clone();
    let mut query = Vec::new();
    let mut state = RequestState { method: Some(operation.method.clone()), ..RequestState::default() };
    let mut form = Vec::new();
    for param in &operation.params {
        let value = field_of(interp, request, &param.field.apex_name);
        if value.is_null() {
            if param.required {
                // Unconfirmed: the platform's wording for a required parameter left null.
                let message =
                    format!("{}: the required parameter {} is null", operation.apex_name, param.field.wire_name);
                return Err(Throw::sys(SysExc::Callout, message));
            }
            continue;
        }
        match param.location {
            Location::Path => {
                let text = url_encode_text(&interp.stringify(&value)?);
                path = path.replace(&format!("{{{}}}", param.field.wire_name), &text);
            }
            Location::Query => {
                // An array goes as the parameter repeated (OpenAPI's default `form`, `explode`).
                let values = match &value {
                    Value::List(list) => list.items.borrow().clone(),
                    _ => vec![value.clone()],
                };
                for item in values.iter().filter(|v| !v.is_null()) {
                    let text = url_encode_text(&interp.stringify(item)?);
                    query.push(format!("{}={text}", url_encode_text(&param.field.wire_name)));
                }
            }
            Location::Header => {
                let text = interp.stringify(&value)?;
                put_header(&mut state.headers, param.field.wire_name.clone(), text);
            }
            Location::Form => form.push(format!(
                "{}={}",
                url_encode_text(&param.field.wire_name),
                url_encode_text(&interp.stringify(&value)?)
            )),
            Location::Body => state.body = Some(body_bytes(interp, service, &param.field.ty, &value)?),
        }
    }
    if !form.is_empty() {
        state.body = Some(form.join("&").into_bytes());
    }
    if let Some(media) = &operation.body_media_type {
        if state.body.is_some() {
            put_header(&mut state.headers, "Content-Type".into(), service.content_type(media));
        }
    }
    let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
    state.endpoint = Some(format!("callout:{}{}{path}{query}", service.named_credential, service.base_path));
    Ok(state)
}

/// A field of a generated object, by its Apex name; null when the object is null.
fn field_of(interp: &Interp, object: &Value, name: &str) -> Value {
    let Value::Object(instance) = object else {
        return Value::Null;
    };
    let info = interp.program.class(instance.class);
    let slot = info.fields.iter().position(|f| f.name.eq_ignore_ascii_case(name));
    slot.and_then(|s| instance.fields.borrow().get(s).cloned()).unwrap_or(Value::Null)
}

/// The body: JSON with the original property names and no nulls, a String as text, a Blob
/// as its bytes.
fn body_bytes(interp: &mut Interp, service: &Service, ty: &TypeRef, value: &Value) -> Result<Vec<u8>, Throw> {
    match value {
        Value::Blob(bytes) => Ok(bytes.to_vec()),
        Value::String(text) if *ty == TypeRef::String => Ok(text.as_bytes().to_vec()),
        _ => {
            let wire = to_wire(interp, service, ty, value);
            let config = writer::WriteConfig { pretty: false, suppress_nulls: true };
            Ok(writer::write(interp, &wire, config)?.into_bytes())
        }
    }
}

/// A value with generated objects turned into maps keyed by the wire names.
fn to_wire(interp: &Interp, service: &Service, ty: &TypeRef, value: &Value) -> Value {
    match (ty, value) {
        (TypeRef::Class(name), Value::Object(_)) => {
            let map = MapObj::new(Ty::String, Ty::Object);
            for field in service.object_type(name).map(|t| t.fields.as_slice()).unwrap_or_default() {
                let member = field_of(interp, value, &field.apex_name);
                if !member.is_null() {
                    let wire = to_wire(interp, service, &field.ty, &member);
                    map.entries.borrow_mut().insert(Key(Value::string(field.wire_name.as_str())), wire);
                }
            }
            Value::Map(Rc::new(map))
        }
        (TypeRef::List(item), Value::List(list)) => {
            let items = list.items.borrow().iter().map(|v| to_wire(interp, service, item, v)).collect();
            Value::list(items, Ty::Object)
        }
        _ => value.clone(),
    }
}

/// The response object for a status below 300, else the thrown exception.
fn outcome(
    interp: &mut Interp,
    service: &Service,
    operation: &Operation,
    (response, exception): (ClassId, ClassId),
    status: i32,
    body: &[u8],
) -> Result<Value, Throw> {
    let success = status < 300;
    let object = interp.allocate(if success { response } else { exception });
    let declared = operation.responses.iter().find(|r| r.status.is_some_and(|s| i32::from(s) == status));
    let (field, ty) = match declared {
        Some(response) => (response.field_name(), response.ty.clone()),
        None => ("defaultResponse".to_string(), operation.default_response().and_then(|r| r.ty.clone())),
    };
    let value = decode(interp, service, ty.as_ref(), body, operation)?;
    set(interp, &object, &field, value);
    set(interp, &object, "responseCode", Value::Integer(status));
    if success {
        return Ok(Value::Object(object));
    }
    // Unconfirmed: the message of the exception (external-services.md §2.3).
    let message = format!("{} returned HTTP {status}", operation.apex_name);
    if let Some(slot) = object.fields.borrow_mut().get_mut(crate::compile::declare::MESSAGE_SLOT) {
        *slot = Value::string(message);
    }
    Err(Throw::exception(object))
}

fn set(interp: &Interp, object: &Rc<crate::value::Instance>, name: &str, value: Value) {
    let info = interp.program.class(object.class);
    if let Some(slot) = info.fields.iter().position(|f| f.name.eq_ignore_ascii_case(name)) {
        if let Some(field) = object.fields.borrow_mut().get_mut(slot) {
            *field = value;
        }
    }
}

/// A response body as its declared type; a response without a schema keeps its text.
fn decode(
    interp: &mut Interp,
    service: &Service,
    ty: Option<&TypeRef>,
    body: &[u8],
    operation: &Operation,
) -> Result<Value, Throw> {
    let text = String::from_utf8_lossy(body).into_owned();
    let ty = match ty {
        None | Some(TypeRef::String) => return Ok(if body.is_empty() { Value::Null } else { Value::string(text) }),
        Some(TypeRef::Blob) => return Ok(Value::Blob(Rc::new(body.to_vec()))),
        Some(ty) => ty,
    };
    if body.is_empty() {
        return Ok(Value::Null);
    }
    // Unconfirmed: the exception for a body that is not the declared JSON.
    let parsed = reader::parse(&text).map_err(|e| {
        Throw::sys(SysExc::Callout, format!("{}: the response body is not valid JSON: {e}", operation.apex_name))
    })?;
    Ok(from_wire(interp, service, ty, parsed))
}

/// Parsed JSON as the declared type: generated objects from maps by wire name, lists,
/// maps and scalars; a value of another shape is left null.
fn from_wire(interp: &mut Interp, service: &Service, ty: &TypeRef, value: Value) -> Value {
    match (ty, value) {
        (_, Value::Null) => Value::Null,
        (TypeRef::Class(name), Value::Map(map)) => {
            let key = format!("{NAMESPACE}.{}", name.to_ascii_lowercase());
            let Some(class) = interp.program.class_names.get(&key).copied() else { return Value::Null };
            let object = interp.allocate(class);
            for field in service.object_type(name).map(|t| t.fields.as_slice()).unwrap_or_default() {
                let member = map.entries.borrow().get(&Key(Value::string(field.wire_name.as_str()))).cloned();
                if let Some(member) = member {
                    let value = from_wire(interp, service, &field.ty, member);
                    set(interp, &object, &field.apex_name, value);
                }
            }
            Value::Object(object)
        }
        (TypeRef::List(item), Value::List(list)) => {
            let items: Vec<Value> = list.items.borrow().clone();
            let element = crate::compile::external::runtime_ty(&interp.program.class_names, item);
            Value::list(items.into_iter().map(|v| from_wire(interp, service, item, v)).collect(), element)
        }
        (TypeRef::Map(item), Value::Map(map)) => {
            let element = crate::compile::external::runtime_ty(&interp.program.class_names, item);
            let out = MapObj::new(Ty::String, element);
            let entries: Vec<(Key, Value)> = map.entries.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            for (key, value) in entries {
                let value = from_wire(interp, service, item, value);
                out.entries.borrow_mut().insert(key, value);
            }
            Value::Map(Rc::new(out))
        }
        (TypeRef::Object, value) => value,
        (ty, value) => {
            scalar(value, &crate::compile::external::runtime_ty(&interp.program.class_names, ty)).unwrap_or(Value::Null)
        }
    }
}
