//! The JWT bearer grant: assertions signed in the test with the test-only key in
//! tests/fixtures (its certificate is uploaded to a Connected App), every refusal in the
//! platform's words, and a token that works on REST.

mod common;

use apex_org::{ConnectedApp, OrgConfig};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{call, json, org, token, NOW};
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Test-only key pair, made with `openssl req -x509 -newkey rsa:2048 -nodes`.
const KEY: &str = include_str!("fixtures/jwt-test-key.pem");
const CERT: &str = include_str!("fixtures/jwt-test-cert.pem");
const GRANT: &str = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";
/// Two minutes after `NOW`, in epoch seconds.
const EXP: i64 = NOW / 1000 + 120;

/// The default org plus `jwt-client`, an app with the test certificate, and `no-cert`,
/// one without.
fn config() -> OrgConfig {
    let mut config = OrgConfig::default();
    let jwt = ConnectedApp {
        name: "Jwt_Client".into(),
        consumer_key: "jwt-client".into(),
        consumer_secret: "jwt-secret".into(),
        callback_urls: Vec::new(),
        scopes: vec!["api".into(), "refresh_token".into()],
        run_as: None,
        certificate: Some(CERT.into()),
    };
    let no_cert =
        ConnectedApp { name: "No_Cert".into(), consumer_key: "no-cert".into(), certificate: None, ..jwt.clone() };
    config.apps.extend([jwt, no_cert]);
    config
}

fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// A JWT with `claims`, signed RS256 with the test key.
fn sign(claims: &Value) -> String {
    let signed = format!("{}.{}", encode(&json!({"alg": "RS256"})), encode(claims));
    let pem = pem::parse(KEY.lines().skip_while(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n")).unwrap();
    let key = RsaPrivateKey::from_pkcs8_der(pem.contents()).unwrap();
    let signature = key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(signed.as_bytes())).unwrap();
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn claims() -> Value {
    json!({"iss": "jwt-client", "sub": "admin@apex.local", "aud": "https://login.salesforce.com", "exp": EXP})
}

/// Claims with one changed (a null value removes it).
fn with(key: &str, value: Value) -> Value {
    let mut claims = claims();
    match value {
        Value::Null => claims.as_object_mut().unwrap().remove(key),
        value => claims.as_object_mut().unwrap().insert(key.into(), value),
    };
    claims
}

fn post(org: &mut apex_org::Org, assertion: &str) -> (u16, Value) {
    let answer = token(org, &format!("grant_type={GRANT}&assertion={assertion}"));
    (answer.status, json(&answer))
}

#[test]
fn a_signed_assertion_buys_a_token_that_works_on_rest() {
    let mut org = org(config());
    let (status, body) = post(&mut org, &sign(&claims()));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["instance_url"], "http://127.0.0.1:8787");
    assert_eq!(body["id"], "http://127.0.0.1:8787/id/00D000000000001EAA/005000000000001AAA");
    assert_eq!((body["token_type"].as_str(), body["scope"].as_str()), (Some("Bearer"), Some("api refresh_token")));
    assert_eq!(body["issued_at"], NOW.to_string());
    assert!(body["signature"].as_str().is_some());
    assert!(body.get("refresh_token").is_none(), "the JWT bearer grant never gives a refresh token");
    let access = body["access_token"].as_str().unwrap();
    let limits = call(&mut org, access, "GET", "/services/data/v59.0/limits", None);
    assert_eq!(limits.status, 200);
    let info = json(&call(&mut org, access, "GET", "/services/oauth2/userinfo", None));
    assert_eq!(info["preferred_username"], "admin@apex.local");
}

#[test]
fn the_audience_may_be_either_login_host_or_the_org_itself() {
    let mut org = org(config());
    for aud in [
        json!("https://test.salesforce.com"),
        json!("http://127.0.0.1:8787"),
        json!(["x", "https://login.salesforce.com"]),
    ] {
        let (status, body) = post(&mut org, &sign(&with("aud", aud.clone())));
        assert_eq!(status, 200, "{aud}: {body}");
    }
}

#[test]
fn prn_names_the_user_and_wins_over_sub() {
    let mut org = org(config());
    let both = with("sub", json!("ghost@apex.local"));
    let mut both = both.as_object().unwrap().clone();
    both.insert("prn".into(), json!("admin@apex.local"));
    assert_eq!(post(&mut org, &sign(&Value::Object(both))).0, 200);
    let mut wrong_prn = claims().as_object().unwrap().clone();
    wrong_prn.insert("prn".into(), json!("ghost@apex.local"));
    assert_eq!(
        post(&mut org, &sign(&Value::Object(wrong_prn))).1["error_description"],
        "user hasn't approved this consumer"
    );
}

#[test]
fn refusals_use_the_platforms_error_and_description() {
    let mut org = org(config());
    let tampered = {
        let good = sign(&claims());
        let (signed, signature) = good.rsplit_once('.').unwrap();
        let other = encode(&with("sub", json!("someone@else")));
        format!("{}.{other}.{signature}", signed.split('.').next().unwrap())
    };
    let cases = [
        (sign(&with("iss", json!("nobody"))), "invalid_client_id", "client identifier invalid"),
        (sign(&with("iss", Value::Null)), "invalid_client_id", "client identifier invalid"),
        (sign(&with("iss", json!("no-cert"))), "invalid_client", "invalid client credentials"),
        (tampered, "invalid_client", "invalid client credentials"),
        (sign(&with("aud", json!("https://example.com"))), "invalid_grant", "Audience validation failed"),
        (sign(&with("aud", Value::Null)), "invalid_grant", "Audience validation failed"),
        (sign(&with("exp", json!(NOW / 1000 - 1))), "invalid_grant", "expired authorization code"),
        (sign(&with("exp", Value::Null)), "invalid_grant", "expired authorization code"),
        (sign(&with("sub", json!("ghost@apex.local"))), "invalid_grant", "user hasn't approved this consumer"),
        (sign(&with("sub", Value::Null)), "invalid_grant", "user hasn't approved this consumer"),
    ];
    for (assertion, error, description) in cases {
        let (status, body) = post(&mut org, &assertion);
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            (body["error"].as_str(), body["error_description"].as_str()),
            (Some(error), Some(description)),
            "{assertion}"
        );
    }
}

#[test]
fn the_exp_claim_counts_seconds_so_milliseconds_are_far_in_the_future() {
    // A millisecond exp is a date thousands of years ahead: still a valid assertion.
    let mut org = org(config());
    assert_eq!(post(&mut org, &sign(&with("exp", json!(NOW + 60_000)))).0, 200);
}

#[test]
fn malformed_assertions_are_invalid_grants_that_say_why() {
    let mut org = org(config());
    let unsigned = format!("{}.{}.", encode(&json!({"alg": "none"})), encode(&claims()));
    let cases = [
        ("", "invalid assertion: no assertion was sent"),
        ("abc", "invalid assertion: a JWT has three base64url parts separated by dots, this one has 1"),
        ("e30.e30.e30.e30", "invalid assertion: a JWT has three base64url parts separated by dots, this one has 4"),
        ("%25%25.e30.e30", "invalid assertion: the JWT header is not base64url"),
        ("bm90IGpzb24.e30.e30", "invalid assertion: the JWT header is not a JSON object"),
        (&unsigned, "invalid assertion: the JWT header's alg is none, only RS256 is supported"),
    ];
    for (assertion, description) in cases {
        let (status, body) = post(&mut org, assertion);
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "{assertion}");
        assert_eq!(body["error_description"], description, "{assertion}");
    }
    let (_, missing) = {
        let answer = token(&mut org, &format!("grant_type={GRANT}"));
        (answer.status, json(&answer))
    };
    assert_eq!(missing["error_description"], "invalid assertion: no assertion was sent");
}
