//! Credential formulas and merge fields (callouts.md §3.2, §4) against a resolved callout.

use apex_credentials::formula::{evaluate, header_value};
use apex_credentials::{merge, CalloutErrorKind, FormulaContext, Place, SecretMap};

use super::examples::custom;
use super::support::user;

fn secrets() -> SecretMap {
    let mut secrets = SecretMap::new();
    secrets
        .insert("Acme_Api_Key", "Acme_Service", "apiKey", "k-123")
        .insert("Acme_Api_Key", "Acme_Service", "Username", "ann")
        .insert("Acme_Api_Key", "Acme_Service", "Password", "pw");
    secrets
}

/// Merges `text` in `place` for a callout through the Acme credential, with `body`.
fn merged(text: &str, place: Place, body: &[u8]) -> Result<String, (CalloutErrorKind, String)> {
    let credentials = custom().credentials();
    let resolved = credentials.resolve("callout:Acme/v1", &user(&["Acme_Access"])).unwrap();
    let secrets = secrets();
    let context = FormulaContext::new(resolved.named().unwrap(), &secrets, place).with_body(body);
    merge(text, &context).map_err(|e| (e.kind, e.message))
}

fn header(text: &str) -> String {
    merged(text, Place::Header, b"").unwrap()
}

fn header_error(text: &str) -> String {
    merged(text, Place::Header, b"").unwrap_err().1
}

#[test]
fn external_credential_parameters() {
    assert_eq!(header("{!$Credential.Acme_Api_Key.apiKey}"), "k-123");
    assert_eq!(header("Key {!$Credential.acme_api_key.apiKey}!"), "Key k-123!");
    assert_eq!(header("[{!$Credential.Acme_Api_Key.missing}]"), "[]", "a parameter the principal lacks is empty");
    assert_eq!(header("no merge fields"), "no merge fields");
}

#[test]
fn the_documented_examples() {
    let basic = "{!BASE64ENCODE(BLOB($Credential.Acme_Api_Key.Username & ':' & $Credential.Acme_Api_Key.Password))}";
    assert_eq!(header(basic), "YW5uOnB3");
    let hashed = "{!HEX(HASH('SHA-256', BLOB($Credential.Acme_Api_Key.Username)))}";
    assert_eq!(header(hashed), "49915e0d7d4b402e3017d010bc1c0e83cac6c797d6c16e66340fe3268693a6a1");
    assert_eq!(header("{!'Bearer ' & $Credential.Acme_Api_Key.apiKey}"), "Bearer k-123");
}

#[test]
fn hmac_signs_with_a_principal_key() {
    let signed = "{!BASE64ENCODE(HMAC('hmacSHA256', BLOB('GET /v1'), BLOB($Credential.Acme_Api_Key.apiKey)))}";
    assert_eq!(header(signed), "IIkkRVnEigYBgsTcY4otLWDwQHHIilDA2xWD14I9Ojg=");
    let decoded = "{!HEX(BASE64DECODE('AQI='))}";
    assert_eq!(header(decoded), "0102");
}

#[test]
fn the_body_is_a_blob_in_headers() {
    let body = br#"{"a":1}"#;
    let digest = merged("{!HEX(HASH('MD5', $Credential.Acme_Api_Key.Body))}", Place::Header, body).unwrap();
    assert_eq!(digest, "bb6cb5c68df4652941caf652a366f2d8");
    let in_body = merged("{!$Credential.Acme_Api_Key.Body}", Place::Body, body).unwrap_err().1;
    assert!(in_body.ends_with("cannot be used in the body itself"), "{in_body}");
}

#[test]
fn htmlencode_only_in_bodies() {
    let body = merged("<user>{!HTMLENCODE('a<b' & $Credential.Username)}</user>", Place::Body, b"").unwrap();
    assert_eq!(body, "<user>a&lt;bann</user>");
    assert!(
        header_error("{!HTMLENCODE($Credential.Username)}").ends_with("HTMLENCODE is only allowed in a request body")
    );
}

#[test]
fn legacy_fields_resolve_against_the_principal() {
    assert_eq!(header("{!$Credential.Username}/{!$Credential.Password}"), "ann/pw");
    assert_eq!(header("[{!$Credential.AuthorizationMethod}]"), "[]", "Custom has no authorization method");
}

#[test]
fn formula_errors_are_clear() {
    assert_eq!(
        header_error("{!$Credential.Other_Ec.apiKey}"),
        "Invalid credential formula {!$Credential.Other_Ec.apiKey}: \
         $Credential.Other_Ec.apiKey: the callout's external credential is 'Acme_Api_Key'"
    );
    assert_eq!(
        header_error("{!$User.Email}"),
        "Invalid credential formula {!$User.Email}: unknown merge field $User.Email"
    );
    assert_eq!(
        header_error("{!$Credential.Token}"),
        "Invalid credential formula {!$Credential.Token}: unknown merge field $Credential.Token"
    );
    assert_eq!(header_error("{!UPPER('a')}"), "Invalid credential formula {!UPPER('a')}: unknown function UPPER");
    assert_eq!(header_error("{!'a' &}"), "Invalid credential formula {!'a' &}: the formula ends too soon");
    assert_eq!(
        header_error("{!BLOB('a')}"),
        "Invalid credential formula {!BLOB('a')}: the value is a Blob; turn it into text with BASE64ENCODE or HEX"
    );
    assert_eq!(
        header_error("{!'a' & BLOB('b')}"),
        "Invalid credential formula {!'a' & BLOB('b')}: '&' joins text, not a Blob; use BASE64ENCODE or HEX first"
    );
    assert_eq!(header_error("x {!'open"), "Invalid credential formula {!'open: '{!' is not closed by '}'");
}

#[test]
fn signing_is_reported_as_unsupported() {
    let (kind, message) = merged("{!SIGN('RSA-SHA256', BLOB('x'), 'cert')}", Place::Header, b"").unwrap_err();
    assert_eq!(
        (kind, message.as_str()),
        (CalloutErrorKind::Unsupported, "The credential formula function SIGN is not supported yet")
    );
    let (kind, _) = merged("{!SIGN_WITH_CERTIFICATE('x')}", Place::Header, b"").unwrap_err();
    assert_eq!(kind, CalloutErrorKind::Unsupported);
}

#[test]
fn header_formulas_without_braces_are_whole_formulas() {
    let credentials = custom().credentials();
    let resolved = credentials.resolve("callout:Acme", &user(&["Acme_Access"])).unwrap();
    let secrets = secrets();
    let context = FormulaContext::new(resolved.named().unwrap(), &secrets, Place::Header);
    assert_eq!(header_value("'ApiKey ' & $Credential.Acme_Api_Key.apiKey", &context).unwrap(), "ApiKey k-123");
    assert_eq!(
        evaluate("\"v\" & 1", &context).unwrap_err().message,
        "Invalid credential formula \"v\" & 1: unknown merge field 1"
    );
}
