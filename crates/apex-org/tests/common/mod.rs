//! An org for tests, and a logged-in client of it.
// Each test file uses some of these helpers.
#![allow(dead_code)]

use apex_data::{Schema, Store};
use apex_org::{Org, OrgConfig, Request, Response};
use serde_json::Value;

/// 2024-01-15T10:30:00Z.
pub const NOW: i64 = 1_705_314_600_000;

pub fn org(config: OrgConfig) -> Org {
    org_with(config, Schema::standard())
}

pub fn org_with(config: OrgConfig, schema: Schema) -> Org {
    let store = Store::in_memory(schema).unwrap();
    Org::open(config, store, "2024-01-15T10:30:00.000Z", 42).unwrap()
}

/// Posts a form to the token endpoint.
pub fn token(org: &mut Org, form: &str) -> Response {
    let request = Request::new("POST", "/services/oauth2/token")
        .with_header("Content-Type", "application/x-www-form-urlencoded")
        .with_body(form);
    org.handle(&request, NOW)
}

/// Logs in as the default admin with the password grant and returns the access token.
pub fn login(org: &mut Org) -> String {
    let answer = token(
        org,
        "grant_type=password&client_id=apex-local-client&client_secret=apex-local-secret&username=admin%40apex.local&password=apex-local-password",
    );
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    answer.body_json().unwrap()["access_token"].as_str().unwrap().to_string()
}

/// A REST call with the token, at `NOW`.
pub fn call(org: &mut Org, token: &str, method: &str, target: &str, body: Option<Value>) -> Response {
    let mut request = Request::new(method, target).with_header("Authorization", &format!("Bearer {token}"));
    if let Some(body) = body {
        request = request.with_header("Content-Type", "application/json").with_body(body.to_string());
    }
    org.handle(&request, NOW)
}

pub fn json(response: &Response) -> Value {
    response.body_json().unwrap_or_else(|| panic!("not JSON: {}", String::from_utf8_lossy(&response.body)))
}
