//! The Connected App file reader: every field it maps, and faults that point at the element.

use super::*;

const PATH: &str = "force-app/main/default/connectedApps/Jwt_Client.connectedApp-meta.xml";
const CERT: &str = include_str!("../../tests/fixtures/jwt-test-cert.pem");

fn file(oauth: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Jwt Client</label>\n    <contactEmail>a@example.com</contactEmail>\n{oauth}</ConnectedApp>\n"
    )
}

/// The certificate without the test-only note before it, as an org would hold it.
fn pem_only() -> String {
    CERT.lines().skip_while(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n")
}

#[test]
fn reads_every_field_the_org_uses() {
    let oauth = format!(
        "    <oauthConfig>\n        <callbackUrl>https://a.example/cb\n https://b.example/cb\n</callbackUrl>\n        <certificate>{}</certificate>\n        <consumerKey>apex-jwt-client</consumerKey>\n        <consumerSecret>s3cret-value</consumerSecret>\n        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n        <oauthClientCredentialUser>admin@apex.local</oauthClientCredentialUser>\n        <scopes>Api</scopes>\n        <scopes>RefreshToken</scopes>\n        <scopes>Basic</scopes>\n        <scopes>OpenID</scopes>\n        <scopes>CdpQuery</scopes>\n    </oauthConfig>\n",
        pem_only()
    );
    let read = read(PATH, &file(&oauth), "fallback").unwrap();
    assert!(!read.secret_defaulted);
    let app = read.app;
    assert_eq!((app.name.as_str(), app.consumer_key.as_str()), ("Jwt_Client", "apex-jwt-client"));
    assert_eq!(app.consumer_secret, "s3cret-value");
    assert_eq!(app.callback_urls, ["https://a.example/cb", "https://b.example/cb"]);
    assert_eq!(app.scopes, ["api", "refresh_token", "id", "openid", "cdp_query"]);
    assert_eq!(app.run_as.as_deref(), Some("admin@apex.local"));
    assert_eq!(app.certificate.as_deref(), Some(pem_only().as_str()));
}

#[test]
fn a_file_without_a_secret_takes_the_fallback_and_no_run_as_unless_enabled() {
    let oauth = "    <oauthConfig>\n        <consumerKey>k1</consumerKey>\n        <isClientCredentialEnabled>false</isClientCredentialEnabled>\n        <oauthClientCredentialUser>admin@apex.local</oauthClientCredentialUser>\n    </oauthConfig>\n";
    let read = read("Other.connectedApp-meta.xml", &file(oauth), "fallback").unwrap();
    assert!(read.secret_defaulted);
    assert_eq!((read.app.name.as_str(), read.app.consumer_secret.as_str()), ("Other", "fallback"));
    assert_eq!((read.app.run_as, read.app.certificate), (None, None));
    assert!(read.app.callback_urls.is_empty() && read.app.scopes.is_empty());
}

#[test]
fn faults_name_the_file_line_column_and_element() {
    let error = |text: &str| read(PATH, text, "x").unwrap_err().to_string();
    assert_eq!(
        error(&file("    <oauthConfig>\n        <consumerSecret>s</consumerSecret>\n    </oauthConfig>\n")),
        format!("{PATH}:5:5: <oauthConfig> has no <consumerKey>")
    );
    assert_eq!(error(&file("")), format!("{PATH}:2:1: <ConnectedApp> has no <oauthConfig> with a <consumerKey>"));
    assert_eq!(
        error("<NamedCredential/>"),
        format!("{PATH}:1:1: the root element is <NamedCredential>, not <ConnectedApp>")
    );
    let malformed = error(&file("    <oauthConfig>\n        <consumerKey>k</consumerSecret>\n"));
    assert!(malformed.starts_with(&format!("{PATH}:6:")) && malformed.contains("malformed XML"), "{malformed}");
    let bad_cert = file("    <oauthConfig>\n        <consumerKey>k</consumerKey>\n        <certificate>not a cert</certificate>\n    </oauthConfig>\n");
    assert_eq!(
        error(&bad_cert),
        format!("{PATH}:7:9: <certificate> holds no usable certificate: not a PEM certificate (no well-formed -----BEGIN CERTIFICATE----- block)")
    );
}

#[test]
fn scope_values_map_to_their_oauth_tokens() {
    let pairs = [
        ("Api", "api"),
        ("RefreshToken", "refresh_token"),
        ("OfflineAccess", "offline_access"),
        ("Full", "full"),
        ("Web", "web"),
        ("Basic", "id"),
        ("OpenID", "openid"),
        ("Chatter", "chatter_api"),
        ("CustomApplications", "visualforce"),
        ("CDPIngest", "cdp_ingest_api"),
        ("SomethingNew", "something_new"),
    ];
    for (value, token) in pairs {
        assert_eq!(scope_token(value), token, "{value}");
    }
}
