//! Error answers in the platform's shapes: REST errors as a JSON array of
//! `{message, errorCode[, fields]}`, OAuth errors as `{error, error_description}`.

use crate::http::Response;
use apex_data::StoreError;
use serde_json::json;

/// One REST error with its HTTP status.
#[derive(Clone, Debug, PartialEq)]
pub struct RestError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub fields: Option<Vec<String>>,
}

impl RestError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> RestError {
        RestError { status, code: code.into(), message: message.into(), fields: None }
    }

    pub fn session() -> RestError {
        RestError::new(401, "INVALID_SESSION_ID", "Session expired or invalid")
    }

    pub fn not_found() -> RestError {
        RestError::new(404, "NOT_FOUND", "The requested resource does not exist")
    }

    /// `HTTP Method 'PATCH' not allowed. Allowed are HEAD,GET,POST`.
    pub fn method(method: &str, allowed: &str) -> RestError {
        RestError::new(405, "METHOD_NOT_ALLOWED", format!("HTTP Method '{method}' not allowed. Allowed are {allowed}"))
    }

    /// A store refusal: a DML or query error is the client's (400), anything else the org's.
    pub fn store(error: StoreError) -> RestError {
        let status = match error.code {
            "UNSUPPORTED" => 501,
            "UNKNOWN_EXCEPTION" => 500,
            "ENTITY_IS_DELETED" => 404,
            _ => 400,
        };
        let code = if error.code == "UNSUPPORTED" { "UNSUPPORTED_FEATURE" } else { error.code };
        let fields = (!error.fields.is_empty()).then_some(error.fields);
        RestError { status, code: code.into(), message: error.message, fields }
    }

    pub fn response(&self) -> Response {
        let mut item = json!({ "message": self.message, "errorCode": self.code });
        if let Some(fields) = &self.fields {
            item["fields"] = json!(fields);
        }
        Response::json(self.status, &json!([item]))
    }
}

/// An OAuth token-endpoint error.
pub fn oauth(error: &str, description: &str) -> Response {
    Response::json(400, &json!({ "error": error, "error_description": description }))
}
