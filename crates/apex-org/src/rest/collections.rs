//! sObject Collections at `/composite/sobjects`: create (POST), update (PATCH) and delete
//! (DELETE `?ids=`) up to 200 records in one call, each with its own result (`statusCode`,
//! not `errorCode`); with `allOrNone` one failure undoes them all. Also retrieve many by Id
//! (POST `/composite/sobjects/{Type}`) and upsert many on an external Id (PATCH
//! `/composite/sobjects/{Type}/{field}`).

use super::json::{fields, now_text, record};
use super::Call;
use crate::errors::RestError;
use crate::http::Response;
use crate::Org;
use apex_data::{Id, Stamp, StoreError};
use serde_json::{json, Value};

const SAVEPOINT: &str = "collection";
const MAX_RECORDS: usize = 200;

/// What one item of a collection call does.
enum Item {
    Create { object: String, body: Value },
    Update { object: String, id: String, body: Value },
    Upsert { object: String, key: String, body: Value },
    Delete { id: String },
}

pub(crate) fn handle(org: &mut Org, call: &Call, rest: &[&str]) -> Result<Response, RestError> {
    match (rest, call.method.as_str()) {
        ([], "POST" | "PATCH") => {
            let (all_or_none, records) = body(call)?;
            let update = call.method == "PATCH";
            let items = records.into_iter().map(|r| item(r, update)).collect::<Result<Vec<_>, _>>()?;
            apply(org, call, items, all_or_none)
        }
        ([], "DELETE") => {
            let ids = call.request.param("ids").unwrap_or_default();
            let all_or_none = call.request.param("allOrNone").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let items =
                ids.split(',').filter(|i| !i.is_empty()).map(|id| Item::Delete { id: id.to_string() }).collect();
            apply(org, call, items, all_or_none)
        }
        ([object], "POST" | "GET") => retrieve(org, call, object),
        ([object, key], "PATCH") => {
            let (all_or_none, records) = body(call)?;
            let items = records
                .into_iter()
                .map(|body| Item::Upsert { object: object.to_string(), key: key.to_string(), body })
                .collect();
            apply(org, call, items, all_or_none)
        }
        (_, other) => Err(RestError::method(other, "POST,PATCH,DELETE")),
    }
}

/// `{"allOrNone": bool, "records": [...]}`.
fn body(call: &Call) -> Result<(bool, Vec<Value>), RestError> {
    let value: Value = serde_json::from_slice(&call.request.body).map_err(|e| {
        RestError::new(400, "JSON_PARSER_ERROR", format!("{e} at [line:{}, column:{}]", e.line(), e.column()))
    })?;
    let all_or_none = value["allOrNone"].as_bool().unwrap_or(false);
    let records = value["records"].as_array().cloned().unwrap_or_default();
    if records.len() > MAX_RECORDS {
        return Err(RestError::new(
            400,
            "EXCEEDED_ID_LIMIT",
            format!("record limit reached. cannot submit more than {MAX_RECORDS} records into this call"),
        ));
    }
    Ok((all_or_none, records))
}

fn item(record: Value, update: bool) -> Result<Item, RestError> {
    let object = record["attributes"]["type"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| RestError::new(400, "INVALID_TYPE", "Must send a concrete entity type."))?;
    if !update {
        return Ok(Item::Create { object, body: record });
    }
    let id = record.get("id").or_else(|| record.get("Id")).and_then(Value::as_str).unwrap_or_default().to_string();
    Ok(Item::Update { object, id, body: record })
}

/// Runs every item; with `all_or_none`, the first failure rolls them all back.
fn apply(org: &mut Org, call: &Call, items: Vec<Item>, all_or_none: bool) -> Result<Response, RestError> {
    org.store.savepoint(SAVEPOINT).map_err(RestError::store)?;
    let outcomes: Vec<Result<(Id, Option<bool>), StoreError>> = items.iter().map(|i| run(org, call, i)).collect();
    let failed = outcomes.iter().any(Result::is_err);
    if all_or_none && failed {
        org.store.rollback_to(SAVEPOINT).map_err(RestError::store)?;
    }
    org.store.release(SAVEPOINT).map_err(RestError::store)?;
    let results: Vec<Value> = outcomes
        .into_iter()
        .map(|outcome| match outcome {
            Ok((id, created)) if !(all_or_none && failed) => {
                let mut result = json!({ "id": id.to_string(), "success": true, "errors": [] });
                if let Some(created) = created {
                    result["created"] = json!(created);
                }
                result
            }
            Ok(_) => failure(
                None,
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "Record rolled back because not all records were valid and the request was using AllOrNone header",
                &[],
            ),
            Err(e) => failure(None, e.code, &e.message, &e.fields),
        })
        .collect();
    Ok(Response::json(200, &Value::Array(results)))
}

fn failure(id: Option<&Id>, code: &str, message: &str, fields: &[String]) -> Value {
    json!({
        "id": id.map(Id::to_string),
        "success": false,
        "errors": [{ "statusCode": code, "message": message, "fields": fields }],
    })
}

/// One item; the record's Id, and for an upsert whether it was created.
fn run(org: &mut Org, call: &Call, item: &Item) -> Result<(Id, Option<bool>), StoreError> {
    let now = now_text(call.now_ms);
    let stamp = Stamp { user: &call.user, now: &now };
    match item {
        Item::Create { object, body } => {
            let values = values(org, object, body)?;
            Ok((org.store.insert(object, &values, &stamp)?, None))
        }
        Item::Update { object, id, body } => {
            let id = parse_id(id)?;
            let mut values = values(org, object, body)?;
            values.retain(|(n, _)| !n.eq_ignore_ascii_case("Id"));
            org.store.update(object, &id, &values, &stamp)?;
            Ok((id, None))
        }
        Item::Upsert { object, key, body } => {
            let values = values(org, object, body)?;
            let done = org.store.upsert(object, key, &values, &stamp)?;
            Ok((done.id, Some(done.created)))
        }
        Item::Delete { id } => {
            let id = parse_id(id)?;
            let object = org
                .store
                .schema()
                .by_prefix(id.prefix())
                .map(|o| o.name.clone())
                .ok_or_else(|| malformed_id(id.as_str()))?;
            org.store.delete(&object, &id)?;
            Ok((id, None))
        }
    }
}

fn values(org: &Org, object: &str, body: &Value) -> Result<Vec<(String, apex_data::FieldValue)>, StoreError> {
    let schema = org.store.schema().object(object).cloned().ok_or_else(|| StoreError {
        code: "INVALID_TYPE",
        message: format!("sObject type '{object}' is not supported."),
        fields: Vec::new(),
    })?;
    let mut body = body.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("id");
    }
    fields(&schema, body.to_string().as_bytes()).map_err(|e| StoreError {
        code: "JSON_PARSER_ERROR",
        message: e.message,
        fields: Vec::new(),
    })
}

fn parse_id(text: &str) -> Result<Id, StoreError> {
    Id::parse(text).ok_or_else(|| malformed_id(text))
}

fn malformed_id(text: &str) -> StoreError {
    StoreError { code: "MALFORMED_ID", message: format!("malformed id {text}"), fields: Vec::new() }
}

/// `{"ids": [...], "fields": [...]}`: each record with those fields, null for a missing one.
fn retrieve(org: &mut Org, call: &Call, object: &str) -> Result<Response, RestError> {
    let schema = org.store.schema().object(object).cloned().ok_or_else(RestError::not_found)?;
    let (ids, wanted): (Vec<String>, Vec<String>) = match call.method.as_str() {
        "GET" => (
            split(&call.request.param("ids").unwrap_or_default()),
            split(&call.request.param("fields").unwrap_or_default()),
        ),
        _ => {
            let value: Value = serde_json::from_slice(&call.request.body).unwrap_or(Value::Null);
            let list = |key: &str| {
                value[key]
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                    .unwrap_or_default()
            };
            (list("ids"), list("fields"))
        }
    };
    let mut out = Vec::with_capacity(ids.len());
    for text in &ids {
        let id = Id::parse(text).ok_or_else(|| RestError::new(400, "MALFORMED_ID", format!("malformed id {text}")))?;
        let found = org.store.get(&schema.name, &id, false).map_err(RestError::store)?;
        out.push(match found {
            Some(mut found) => {
                if !wanted.is_empty() {
                    found.fields.retain(|(n, _)| n == "Id" || wanted.iter().any(|w| w.eq_ignore_ascii_case(n)));
                }
                record(org.store.schema(), &found, &call.version)
            }
            None => Value::Null,
        });
    }
    Ok(Response::json(200, &Value::Array(out)))
}

fn split(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}
