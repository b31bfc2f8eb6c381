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

/// The code in a redirect's Location.
fn code_of(location: &str) -> String {
    let query = location.split_once('?').unwrap().1;
    apex_org::http::parse_form(query).into_iter().find(|(k, _)| k == "code").unwrap().1
}

#[test]
fn the_code_flow_gives_a_refresh_token_that_refreshes_until_revoked() {
    let mut org = org(OrgConfig::default());
    let callback = "http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect";
    let authorize = Request::new(
        "GET",
        &format!("/services/oauth2/authorize?response_type=code&client_id=apex-local-client&redirect_uri={callback}&state=xyz"),
    );
    let redirect = org.handle(&authorize, NOW);
    assert_eq!(redirect.status, 302);
    let location = redirect.header("Location").unwrap().to_string();
    assert!(
        location.starts_with("http://localhost:1717/OauthRedirect?code=") && location.ends_with("&state=xyz"),
        "{location}"
    );
    let code = code_of(&location);
    let exchange = format!("grant_type=authorization_code&code={code}&{CLIENT}&redirect_uri={callback}");
    let tokens = json(&token(&mut org, &exchange));
    let refresh = tokens["refresh_token"].as_str().expect("the code flow gives a refresh token").to_string();
    assert!(tokens["access_token"].as_str().is_some());
    let reused = json(&token(&mut org, &exchange));
    assert_eq!(reused["error_description"], "expired authorization code", "a code is single use");
    let refreshed = json(&token(
        &mut org,
        &format!("grant_type=refresh_token&refresh_token={refresh}&client_id=apex-local-client"),
    ));
    let access = refreshed["access_token"].as_str().unwrap().to_string();
    assert_eq!(call(&mut org, &access, "GET", "/services/data/v59.0/limits", None).status, 200);
    let revoke = Request::new("POST", "/services/oauth2/revoke").with_body(format!("token={refresh}"));
    assert_eq!(org.handle(&revoke, NOW).status, 200);
    assert_eq!(
        call(&mut org, &access, "GET", "/services/data/v59.0/limits", None).status,
        401,
        "its access tokens go too"
    );
    let after = json(&token(
        &mut org,
        &format!("grant_type=refresh_token&refresh_token={refresh}&client_id=apex-local-client"),
    ));
    assert_eq!(after["error_description"], "expired access/refresh token");
}

#[test]
fn the_code_flow_checks_the_callback_and_the_pkce_verifier() {
    let mut org = org(OrgConfig::default());
    let unknown = org.handle(
        &Request::new("GET", "/services/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=x"),
        NOW,
    );
    assert_eq!(
        String::from_utf8_lossy(&unknown.body),
        "error=invalid_client_id&error_description=client%20identifier%20invalid"
    );
    let elsewhere = org.handle(&Request::new("GET", "/services/oauth2/authorize?response_type=code&client_id=apex-local-client&redirect_uri=https%3A%2F%2Fevil.example"), NOW);
    assert_eq!(elsewhere.status, 400);
    // RFC 7636's example: this verifier hashes to this challenge.
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let authorize = Request::new(
        "GET",
        &format!("/services/oauth2/authorize?response_type=code&client_id=apex-local-client&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&code_challenge={challenge}"),
    );
    let code = code_of(org.handle(&authorize, NOW).header("Location").unwrap());
    let wrong =
        json(&token(&mut org, &format!("grant_type=authorization_code&code={code}&{CLIENT}&code_verifier=nope")));
    assert_eq!(wrong["error"], "invalid_grant");
    let code = code_of(org.handle(&authorize, NOW).header("Location").unwrap());
    let right =
        json(&token(&mut org, &format!("grant_type=authorization_code&code={code}&{CLIENT}&code_verifier={verifier}")));
    assert!(right["access_token"].as_str().is_some(), "{right}");
}
