//! The callouts.md §6 messages that resolution gives, to the letter, and Remote Site Settings.

use apex_credentials::{CallingUser, CalloutErrorKind, SecretMap};

use super::examples::{basic, browser_flow, TARGET_URL};
use super::support::{principal, secured_nc, user, Project};

const NO_NC: &str = "The callout couldn't access the endpoint. You might not have the required permissions, \
                     or the named credential \"Nope\" might not exist.";

fn error(project: &Project, endpoint: &str, caller: &CallingUser) -> String {
    let credentials = project.credentials();
    let error = credentials.resolve(endpoint, caller).unwrap_err();
    assert_eq!(error.kind, CalloutErrorKind::CalloutException);
    assert_eq!(error.to_string(), error.message);
    error.message
}

#[test]
fn an_unknown_named_credential() {
    assert_eq!(error(&browser_flow(), "callout:Nope/services", &user(&[])), NO_NC);
}

#[test]
fn a_disabled_named_credential_is_as_if_missing() {
    let body = "    <label>Nope</label>\n    <endpoint>https://a.example.com</endpoint>\n    <calloutStatus>Disabled</calloutStatus>\n";
    assert_eq!(error(&Project::new().named("Nope", body), "callout:Nope", &user(&[])), NO_NC);
}

#[test]
fn a_namespace_missing_from_the_allowed_list() {
    let project = browser_flow();
    let mut caller = user(&["Target_Org_Callout_Access"]);
    caller.namespace = Some("other".into());
    let message = error(&project, "callout:Target_Org_Production", &caller);
    assert!(message.contains("the named credential \"Target_Org_Production\" might not exist."), "{message}");
    caller.namespace = Some("ACME".into());
    assert!(project.credentials().resolve("callout:Target_Org_Production", &caller).is_ok());
}

#[test]
fn no_principal_granted() {
    let message = error(&browser_flow(), "callout:Target_Org_Production/x", &user(&["Someone_Else"]));
    assert_eq!(
        message,
        "We couldn't access the credential(s). You might not have the required permissions, \
         or the external credential \"Target_Org_Production\" might not exist."
    );
}

#[test]
fn a_missing_external_credential() {
    let project = Project::new().named("Orphan", &secured_nc("Orphan", TARGET_URL, "Gone_Ec", ""));
    let credentials = project.load().0;
    let message = credentials.resolve("callout:Orphan", &user(&[])).unwrap_err().message;
    assert_eq!(
        message,
        "We couldn't access the credential(s). You might not have the required permissions, \
         or the external credential \"Gone_Ec\" might not exist."
    );
}

#[test]
fn an_external_credential_without_principals() {
    let external = "    <label>Empty</label>\n    <authenticationProtocol>Custom</authenticationProtocol>\n";
    let project =
        Project::new().external("Empty", external).named("Empty_Nc", &secured_nc("E", TARGET_URL, "Empty", ""));
    assert!(error(&project, "callout:Empty_Nc", &user(&["Anything"])).contains("\"Empty\" might not exist."));
}

#[test]
fn a_principal_without_its_secrets_is_not_fully_configured() {
    let credentials = basic().credentials();
    let resolved = credentials.resolve("callout:Billing", &user(&["Billing_Access"])).unwrap();
    let error = credentials.check_principal(&resolved, &SecretMap::new()).unwrap_err();
    assert_eq!(
        (error.kind, error.message.as_str()),
        (CalloutErrorKind::CalloutException, "The external credential isn't fully configured.")
    );
}

#[test]
fn a_malformed_named_url() {
    assert_eq!(
        error(&browser_flow(), "callout:.__Target_Org_Production/x", &user(&[])),
        "The named callout URL: 'callout:.__Target_Org_Production/x' is malformed"
    );
}

/// Remote sites: one https entry, one inactive, one with protocol security off on a port.
fn sites() -> Project {
    Project::new()
        .remote_site(
            "Api",
            "    <url>https://api.example.com/some/path</url>
    <isActive>true</isActive>
    <disableProtocolSecurity>false</disableProtocolSecurity>
",
        )
        .remote_site("Old", "    <url>https://old.example.com</url>\n    <isActive>false</isActive>\n")
        .remote_site(
            "Lab",
            "    <url>https://lab.example.com:8443</url>
    <disableProtocolSecurity>true</disableProtocolSecurity>
",
        )
}

fn unauthorized(endpoint: &str) -> String {
    format!("Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = {endpoint}")
}

#[test]
fn absolute_urls_need_an_active_remote_site() {
    let credentials = sites().credentials();
    let resolved = credentials.resolve("https://api.example.com/v1/items?x=1", &user(&[])).unwrap();
    assert_eq!(resolved.url, "https://api.example.com/v1/items?x=1");
    assert!(resolved.named().is_none());
    assert!(credentials.check_principal(&resolved, &SecretMap::new()).is_ok());
    for endpoint in ["https://old.example.com/x", "https://nowhere.example.com", "https://api.example.com:8443/v1"] {
        assert_eq!(error(&sites(), endpoint, &user(&[])), unauthorized(endpoint));
    }
}

#[test]
fn protocol_security_decides_whether_http_is_covered() {
    assert_eq!(error(&sites(), "http://api.example.com/v1", &user(&[])), unauthorized("http://api.example.com/v1"));
    assert!(sites().credentials().resolve("http://lab.example.com:8443/x", &user(&[])).is_ok());
}

#[test]
fn named_credentials_skip_remote_sites() {
    let external = format!(
        "    <label>C</label>\n    <authenticationProtocol>Custom</authenticationProtocol>\n{}",
        principal("P", "NamedPrincipal", 1)
    );
    let project = Project::new()
        .external("C", &external)
        .named("Nc", &secured_nc("Nc", "https://unlisted.example.com", "C", ""))
        .permission_set("Ps", &super::support::grants("Ps", &["C-P"]));
    assert!(project.credentials().resolve("callout:Nc", &user(&["Ps"])).is_ok());
}
