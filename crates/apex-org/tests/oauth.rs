//! The token endpoint, revoke, userinfo and the identity URL, with their exact refusals.

mod common;

use apex_org::{OrgConfig, Request};
use common::{call, json, login, org, token, NOW};

const CLIENT: &str = "client_id=apex-local-client&client_secret=apex-local-secret";

#[test]
fn the_password_grant_answers_with_a_token_instance_url_and_identity() {
    let mut org = org(OrgConfig::default());
    let answer = token(
        &mut org,
        &format!("grant_type=password&{CLIENT}&username=ADMIN%40apex.local&password=apex-local-password"),
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("Content-Type"), Some("application/json;charset=UTF-8"));
    let body = json(&answer);
    assert_eq!(body["instance_url"], "http://127.0.0.1:8787");
    assert_eq!(body["id"], "http://127.0.0.1:8787/id/00D000000000001EAA/005000000000001AAA");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["issued_at"], NOW.to_string());
    assert!(body["access_token"].as_str().unwrap().starts_with("00D000000000001!"));
    assert!(body.get("refresh_token").is_none(), "the password grant gives no refresh token");
}

#[test]
fn refusals_use_the_platforms_error_and_description() {
    let mut org = org(OrgConfig::default());
    let cases = [
        (
            "grant_type=password&client_id=nobody&client_secret=x&username=a&password=b",
            "invalid_client_id",
            "client identifier invalid",
        ),
        (
            "grant_type=password&client_id=apex-local-client&client_secret=wrong&username=a&password=b",
            "invalid_client",
            "invalid client credentials",
        ),
        (
            &format!("grant_type=password&{CLIENT}&username=admin%40apex.local&password=wrong") as &str,
            "invalid_grant",
            "authentication failure",
        ),
        (
            &format!("grant_type=password&{CLIENT}&username=ghost%40apex.local&password=apex-local-password"),
            "invalid_grant",
            "authentication failure",
        ),
        (
            &format!("grant_type=refresh_token&{CLIENT}&refresh_token=nope"),
            "invalid_grant",
            "expired access/refresh token",
        ),
        (&format!("grant_type=magic&{CLIENT}"), "unsupported_grant_type", "grant type not supported"),
    ];
    for (form, error, description) in cases {
        let answer = token(&mut org, form);
        assert_eq!(answer.status, 400, "{form}");
        let body = json(&answer);
        assert_eq!(
            (body["error"].as_str(), body["error_description"].as_str()),
            (Some(error), Some(description)),
            "{form}"
        );
    }
}

#[test]
fn client_credentials_accept_a_basic_header_and_run_as_the_apps_user() {
    let mut org = org(OrgConfig::default());
    let request = Request::new("POST", "/services/oauth2/token")
        .with_header("Authorization", "Basic YXBleC1sb2NhbC1jbGllbnQ6YXBleC1sb2NhbC1zZWNyZXQ=")
        .with_body("grant_type=client_credentials");
    let answer = org.handle(&request, NOW);
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    let token = json(&answer)["access_token"].as_str().unwrap().to_string();
    let info = json(&call(&mut org, &token, "GET", "/services/oauth2/userinfo", None));
    assert_eq!(info["preferred_username"], "admin@apex.local");
    assert_eq!(info["organization_id"], "00D000000000001EAA");
}

#[test]
fn tokens_expire_after_their_lifetime_and_revoked_ones_stop_working() {
    let config = OrgConfig { token_lifetime_secs: 60, ..OrgConfig::default() };
    let mut org = org(config);
    let token = login(&mut org);
    let request =
        Request::new("GET", "/services/data/v59.0/limits").with_header("Authorization", &format!("OAuth {token}"));
    assert_eq!(org.handle(&request, NOW + 59_000).status, 200, "the OAuth scheme word works too");
    let late = org.handle(&request, NOW + 60_000);
    assert_eq!(late.status, 401);
    assert_eq!(
        String::from_utf8_lossy(&late.body),
        r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#
    );
    let fresh = login(&mut org);
    let revoke = Request::new("POST", "/services/oauth2/revoke").with_body(format!("token={fresh}"));
    assert_eq!(org.handle(&revoke, NOW).status, 200);
    assert_eq!(call(&mut org, &fresh, "GET", "/services/data/v59.0/", None).status, 401);
    let again = org.handle(&revoke, NOW);
    assert_eq!(
        (again.status, String::from_utf8_lossy(&again.body).as_ref()),
        (400, "error=invalid_token&error_description=Token%20was%20invalid")
    );
}

#[test]
fn the_identity_url_answers_for_the_tokens_own_user() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let identity = call(&mut org, &token, "GET", "/id/00D000000000001EAA/005000000000001AAA", None);
    let body = json(&identity);
    assert_eq!(
        (body["user_id"].as_str(), body["username"].as_str()),
        (Some("005000000000001AAA"), Some("admin@apex.local"))
    );
    assert_eq!(call(&mut org, &token, "GET", "/id/00D000000000001EAA/005000000000002AAA", None).status, 404);
    let query_param =
        Request::new("GET", &format!("/id/00D000000000001EAA/005000000000001AAA?format=json&oauth_token={token}"));
    assert_eq!(org.handle(&query_param, NOW).status, 200, "jsforce passes the token as a parameter");
}
