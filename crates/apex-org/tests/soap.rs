//! SOAP partner login and logout as simple-salesforce and jsforce send them.

mod common;

use apex_org::{OrgConfig, Request};
use common::{call, org, NOW};

fn soap(org: &mut apex_org::Org, body: &str) -> (u16, String) {
    let request = Request::new("POST", "/services/Soap/u/59.0")
        .with_header("Content-Type", "text/xml")
        .with_header("SOAPAction", "login")
        .with_body(body);
    let answer = org.handle(&request, NOW);
    (answer.status, String::from_utf8_lossy(&answer.body).into_owned())
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap() + open.len();
    &text[start..start + text[start..].find(close).unwrap()]
}

#[test]
fn login_answers_unprefixed_results_and_the_session_works_for_rest_until_logout() {
    let mut org = org(OrgConfig::default());
    let jsforce_style = r#"<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><login xmlns="urn:partner.soap.sforce.com"><username>admin@apex.local</username><password>apex-local-password</password></login></soapenv:Body></soapenv:Envelope>"#;
    let (status, body) = soap(&mut org, jsforce_style);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        between(&body, "<serverUrl>", "</serverUrl>"),
        "http://127.0.0.1:8787/services/Soap/u/59.0/00D000000000001"
    );
    assert_eq!(between(&body, "<userId>", "</userId>"), "005000000000001AAA");
    assert_eq!(between(&body, "<organizationId>", "</organizationId>"), "00D000000000001EAA");
    assert!(body.contains("<passwordExpired>false</passwordExpired>"));
    let session = between(&body, "<sessionId>", "</sessionId>").to_string();
    assert_eq!(call(&mut org, &session, "GET", "/services/data/v59.0/limits", None).status, 200);
    let logout = format!(
        r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>{session}</sessionId></SessionHeader></soapenv:Header><soapenv:Body><logout xmlns="urn:partner.soap.sforce.com"/></soapenv:Body></soapenv:Envelope>"#
    );
    assert_eq!(soap(&mut org, &logout).0, 200);
    assert_eq!(call(&mut org, &session, "GET", "/services/data/v59.0/limits", None).status, 401);
}

#[test]
fn a_wrong_password_is_a_fault_both_clients_read() {
    let mut org = org(OrgConfig::default());
    let prefixed = r#"<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com"><env:Header><urn:CallOptions><urn:client>simple-salesforce</urn:client></urn:CallOptions></env:Header><env:Body><urn:login><urn:username>admin@apex.local</urn:username><urn:password>nope</urn:password></urn:login></env:Body></env:Envelope>"#;
    let (status, body) = soap(&mut org, prefixed);
    assert_eq!(status, 500);
    assert_eq!(between(&body, "<sf:exceptionCode>", "</sf:exceptionCode>"), "INVALID_LOGIN");
    assert_eq!(
        between(&body, "<faultstring>", "</faultstring>"),
        "INVALID_LOGIN: Invalid username, password, security token; or user locked out."
    );
}
