//! The OAuth client against the emulated org in-process: each grant Named Credentials use, and
//! refusals carried word for word.

use apex_callout::oauth::{fetch, Grant, OAuthClient, TokenError};
use apex_callout::transport::{InProcess, Transport, WireRequest};
use apex_data::{Schema, Store};
use apex_org::{Org, OrgConfig};

fn now() -> i64 {
    1_705_314_600_000
}

fn org() -> InProcess {
    let store = Store::in_memory(Schema::standard()).unwrap();
    let org = Org::open(OrgConfig::default(), store, "2024-01-15T10:30:00.000Z", 7).unwrap();
    InProcess { org, now_ms: now }
}

fn client() -> OAuthClient {
    OAuthClient {
        token_url: "https://target.my.salesforce.com/services/oauth2/token".into(),
        client_id: "apex-local-client".into(),
        client_secret: Some("apex-local-secret".into()),
        basic_auth: false,
    }
}

/// A refresh token from the code flow: authorize (automatic consent), then exchange the code.
fn refresh_token(org: &mut InProcess) -> String {
    let redirect = "http://localhost:1717/OauthRedirect";
    let authorize = WireRequest {
        method: "GET".into(),
        url: format!(
            "https://target.my.salesforce.com/services/oauth2/authorize?response_type=code&client_id=apex-local-client&redirect_uri={}",
            apex_org::http::encode(redirect)
        ),
        ..WireRequest::default()
    };
    let answer = org.send(&authorize).unwrap();
    let location = answer.header("Location").unwrap().to_string();
    let code = location.split("code=").nth(1).unwrap().split('&').next().unwrap();
    let code = apex_org::http::decode(code, false);
    let token = fetch(&client(), &Grant::AuthorizationCode { code: &code, redirect_uri: redirect }, org).unwrap();
    token.refresh_token.expect("the code flow gives a refresh token")
}

#[test]
fn the_code_flow_then_a_refresh_gives_a_working_token() {
    let mut org = org();
    let refresh = refresh_token(&mut org);
    let token = fetch(&client(), &Grant::Refresh { refresh_token: &refresh }, &mut org).unwrap();
    assert_eq!(token.instance_url.as_deref(), Some("http://127.0.0.1:8787"));
    assert_eq!(token.refresh_token, None, "no rotation: the refresh token stays");
    let limits = WireRequest {
        method: "GET".into(),
        url: "https://target.my.salesforce.com/services/data/v60.0/limits".into(),
        headers: vec![("Authorization".into(), format!("Bearer {}", token.access_token))],
        ..WireRequest::default()
    };
    assert_eq!(org.send(&limits).unwrap().status, 200);
}

#[test]
fn client_credentials_in_the_body_or_a_basic_header() {
    let mut org = org();
    assert!(fetch(&client(), &Grant::ClientCredentials { scope: None }, &mut org).is_ok());
    let basic = OAuthClient { basic_auth: true, ..client() };
    assert!(fetch(&basic, &Grant::ClientCredentials { scope: None }, &mut org).is_ok());
}

#[test]
fn refusals_keep_the_servers_error_and_description() {
    let mut org = org();
    let refused = fetch(&client(), &Grant::Refresh { refresh_token: "5Aep-not-a-token" }, &mut org).unwrap_err();
    assert_eq!(
        refused,
        TokenError { error: "invalid_grant".into(), description: "expired access/refresh token".into() }
    );
    let stranger = OAuthClient { client_id: "nobody".into(), ..client() };
    let refused = fetch(&stranger, &Grant::ClientCredentials { scope: None }, &mut org).unwrap_err();
    assert_eq!(refused.error, "invalid_client_id");
    assert_eq!(refused.description, "client identifier invalid");
}

#[test]
fn a_jwt_the_org_cannot_read_is_refused_with_its_words() {
    let mut org = org();
    let refused = fetch(&client(), &Grant::JwtBearer { assertion: "not.a.jwt" }, &mut org).unwrap_err();
    assert!(!refused.error.is_empty(), "{refused:?}");
}
