//! One record by Id: `POST /sobjects/{Type}` creates (201 with the new Id), GET reads every
//! field (or `?fields=`), PATCH updates (204), DELETE moves it to the recycle bin (204).

use super::json::{fields, now_text, record};
use super::Call;
use crate::errors::RestError;
use crate::http::Response;
use crate::Org;
use apex_data::schema::ObjectSchema;
use apex_data::{FieldValue, Id, Stamp};
use serde_json::json;

fn object(org: &Org, name: &str) -> Result<ObjectSchema, RestError> {
    org.store.schema().object(name).cloned().ok_or_else(RestError::not_found)
}

/// The record Id in a path: a malformed one reads as an external Id that does not exist, as
/// the platform answers; one of another object is not found.
fn record_id(prefix: &str, segment: &str) -> Result<Id, RestError> {
    let decoded = crate::http::decode(segment, false);
    let id = Id::parse(&decoded).ok_or_else(|| {
        RestError::new(
            404,
            "NOT_FOUND",
            format!("Provided external ID field does not exist or is not accessible: {decoded}"),
        )
    })?;
    if id.prefix() != prefix {
        return Err(RestError::not_found());
    }
    Ok(id)
}

pub(crate) fn create(org: &mut Org, call: &Call, name: &str) -> Result<Response, RestError> {
    let object = object(org, name)?;
    let values = fields(&object, &call.request.body)?;
    let now = now_text(call.now_ms);
    let stamp = Stamp { user: &call.user, now: &now };
    let id = org.store.insert(&object.name, &values, &stamp).map_err(RestError::store)?;
    let location = format!("/services/data/v{}/sobjects/{}/{id}", call.version, object.name);
    Ok(Response::json(201, &json!({ "id": id.to_string(), "success": true, "errors": [] }))
        .with_header("Location", &location))
}

pub(crate) fn get(org: &mut Org, call: &Call, name: &str, segment: &str) -> Result<Response, RestError> {
    // The hot path of a busy org: the object is looked up, not copied.
    let prefix = org.store.schema().object(name).map(|o| o.key_prefix.clone()).ok_or_else(RestError::not_found)?;
    let id = record_id(&prefix, segment)?;
    let mut found = org.store.get(name, &id, false).map_err(RestError::store)?.ok_or_else(RestError::not_found)?;
    if let Some(wanted) = call.request.param("fields") {
        let object = object(org, name)?;
        let mut kept = vec![("Id".to_string(), FieldValue::Text(id.to_string()))];
        for name in wanted.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let field = object.field(name).ok_or_else(|| {
                RestError::new(400, "INVALID_FIELD", format!("No such column '{name}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", object.name))
            })?;
            if field.name != "Id" {
                kept.push((field.name.clone(), found.get(&field.name).cloned().unwrap_or(FieldValue::Null)));
            }
        }
        found.fields = kept;
    }
    Ok(Response::json(200, &record(org.store.schema(), &found, &call.version)))
}

pub(crate) fn update(org: &mut Org, call: &Call, name: &str, segment: &str) -> Result<Response, RestError> {
    let object = object(org, name)?;
    let id = record_id(&object.key_prefix, segment)?;
    let values = fields(&object, &call.request.body)?;
    let now = now_text(call.now_ms);
    let stamp = Stamp { user: &call.user, now: &now };
    org.store.update(&object.name, &id, &values, &stamp).map_err(not_found_when_missing)?;
    Ok(Response::empty(204))
}

pub(crate) fn delete(org: &mut Org, call: &Call, name: &str, segment: &str) -> Result<Response, RestError> {
    let _ = call;
    let object = object(org, name)?;
    let id = record_id(&object.key_prefix, segment)?;
    org.store.delete(&object.name, &id).map_err(not_found_when_missing)?;
    Ok(Response::empty(204))
}

/// A record that is not there (or is deleted) is 404 over REST.
fn not_found_when_missing(error: apex_data::StoreError) -> RestError {
    match error.code {
        "INVALID_CROSS_REFERENCE_KEY" | "ENTITY_IS_DELETED" => RestError::not_found(),
        _ => RestError::store(error),
    }
}
