//! Records by external Id: `/sobjects/{Type}/{field}/{value}` reads (GET), upserts (PATCH:
//! 201 when created; 200 with a body from API 46.0, else 204, when updated) and deletes;
//! several matches answer 300 with their URLs. `POST /sobjects/{Type}/Id` creates.

use super::json::{fields, now_text, record};
use super::Call;
use crate::errors::RestError;
use crate::http::{decode, Response};
use crate::Org;
use apex_data::schema::{FieldSchema, FieldType, ObjectSchema};
use apex_data::{FieldValue, Id, Stamp};
use serde_json::{json, Value};

pub(crate) fn handle(org: &mut Org, call: &Call, name: &str, field: &str, value: &str) -> Result<Response, RestError> {
    let object = org.store.schema().object(name).cloned().ok_or_else(RestError::not_found)?;
    let key =
        object.field(field).filter(|f| f.external_id || f.name == "Id").cloned().ok_or_else(RestError::not_found)?;
    let value = typed(&key, &decode(value, false));
    match call.method.as_str() {
        "GET" => get(org, call, &object, &key, &value),
        "PATCH" => upsert(org, call, &object, &key, value),
        "DELETE" => delete(org, &object, &key, &value),
        other => Err(RestError::method(other, "HEAD,GET,PATCH,DELETE")),
    }
}

/// The URL value in the field's type.
fn typed(field: &FieldSchema, text: &str) -> FieldValue {
    match field.ty {
        FieldType::Int => text.parse().map_or_else(|_| FieldValue::Text(text.into()), FieldValue::Int),
        FieldType::Double | FieldType::Currency | FieldType::Percent => {
            text.parse().map_or_else(|_| FieldValue::Text(text.into()), FieldValue::Number)
        }
        _ => FieldValue::Text(text.into()),
    }
}

fn matches(org: &mut Org, object: &ObjectSchema, key: &FieldSchema, value: &FieldValue) -> Result<Vec<Id>, RestError> {
    org.store.ids_where(&object.name, &key.name, value).map_err(RestError::store)
}

/// 300 Multiple Choices: the URLs of every matching record.
fn multiple(call: &Call, object: &ObjectSchema, ids: &[Id]) -> Response {
    let urls: Vec<Value> =
        ids.iter().map(|id| json!(format!("/services/data/v{}/sobjects/{}/{id}", call.version, object.name))).collect();
    Response::json(300, &Value::Array(urls))
}

fn get(
    org: &mut Org,
    call: &Call,
    object: &ObjectSchema,
    key: &FieldSchema,
    value: &FieldValue,
) -> Result<Response, RestError> {
    match matches(org, object, key, value)?.as_slice() {
        [] => Err(RestError::not_found()),
        [id] => {
            let found =
                org.store.get(&object.name, id, false).map_err(RestError::store)?.ok_or_else(RestError::not_found)?;
            Ok(Response::json(200, &record(org.store.schema(), &found, &call.version)))
        }
        many => Ok(multiple(call, object, many)),
    }
}

fn upsert(
    org: &mut Org,
    call: &Call,
    object: &ObjectSchema,
    key: &FieldSchema,
    value: FieldValue,
) -> Result<Response, RestError> {
    let mut values = fields(object, &call.request.body)?;
    if key.name == "Id" {
        return Err(RestError::method("PATCH", "HEAD,GET,POST"));
    }
    let ids = matches(org, object, key, &value)?;
    if ids.len() > 1 {
        return Ok(multiple(call, object, &ids));
    }
    values.retain(|(n, _)| !n.eq_ignore_ascii_case(&key.name));
    values.push((key.name.clone(), value));
    let now = now_text(call.now_ms);
    let stamp = Stamp { user: &call.user, now: &now };
    let done = org.store.upsert(&object.name, &key.name, &values, &stamp).map_err(RestError::store)?;
    let body = json!({ "id": done.id.to_string(), "success": true, "errors": [], "created": done.created });
    let modern = call.version.split('.').next().and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v >= 46);
    Ok(match (done.created, modern) {
        (true, _) => Response::json(201, &body),
        (false, true) => Response::json(200, &body),
        (false, false) => Response::empty(204),
    })
}

fn delete(org: &mut Org, object: &ObjectSchema, key: &FieldSchema, value: &FieldValue) -> Result<Response, RestError> {
    match matches(org, object, key, value)?.as_slice() {
        [] => Err(RestError::not_found()),
        [id] => {
            org.store.delete(&object.name, id).map_err(RestError::store)?;
            Ok(Response::empty(204))
        }
        _ => Err(RestError::new(300, "MULTIPLE_CHOICES", "more than one record matches the external Id")),
    }
}
