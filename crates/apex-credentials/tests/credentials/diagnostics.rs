//! Metadata problems: each is reported with the file, line and column of the element at fault.

use super::examples::{browser_flow, TARGET_URL};
use super::support::{grants, parameter, principal, secured_nc, user, Project};

fn error(project: Project) -> (String, u32, u32, String) {
    project.only_error()
}

fn at(file: &str, line: u32, column: u32, message: &str) -> (String, u32, u32, String) {
    (file.to_string(), line, column, message.to_string())
}

const NC_FILE: &str = "Nc.namedCredential-meta.xml";
const EC_FILE: &str = "Ec.externalCredential-meta.xml";

#[test]
fn malformed_xml() {
    let project = Project::new().raw(
        "namedCredentials/Nc.namedCredential-meta.xml",
        "namedCredential",
        "<NamedCredential>\n  <label>x</lable>\n</NamedCredential>",
    );
    let (file, line, column, message) = error(project);
    assert_eq!((file.as_str(), line, column), (NC_FILE, 2, 11));
    assert!(message.starts_with("malformed XML: "), "{message}");
}

#[test]
fn a_file_with_the_wrong_root() {
    let project = Project::new().raw("x/Nc.namedCredential-meta.xml", "namedCredential", "<ExternalCredential/>");
    assert_eq!(error(project), at(NC_FILE, 1, 1, "expected <NamedCredential>, found <ExternalCredential>"));
}

#[test]
fn a_named_credential_without_a_url() {
    let body = "    <label>Nc</label>\n    <namedCredentialType>SecuredEndpoint</namedCredentialType>\n";
    let expected = at(NC_FILE, 2, 1, "a named credential needs a namedCredentialParameters entry of type Url");
    assert_eq!(error(Project::new().named("Nc", body)), expected);
    let legacy = "    <label>Nc</label>\n    <namedCredentialType>Legacy</namedCredentialType>\n";
    assert_eq!(
        error(Project::new().named("Nc", legacy)),
        at(NC_FILE, 2, 1, "a Legacy named credential needs <endpoint>")
    );
}

#[test]
fn a_named_credential_without_a_label() {
    let body = "    <endpoint>https://a.example.com</endpoint>\n";
    assert_eq!(error(Project::new().named("Nc", body)), at(NC_FILE, 2, 1, "a named credential needs <label>"));
}

#[test]
fn a_url_that_is_not_http() {
    let body = "    <label>Nc</label>\n    <endpoint>ftp://files.example.com</endpoint>\n";
    assert_eq!(
        error(Project::new().named("Nc", body)),
        at(NC_FILE, 4, 5, "<endpoint>: 'ftp://files.example.com' is not an http or https URL")
    );
}

#[test]
fn a_named_credential_naming_a_missing_external_credential_still_loads() {
    let project = Project::new().named("Nc", &secured_nc("Nc", TARGET_URL, "Missing_Ec", ""));
    assert_eq!(
        error(project.clone()),
        at(NC_FILE, 15, 9, "<externalCredential>: no external credential named 'Missing_Ec'")
    );
    let message = project.load().0.resolve("callout:Nc", &user(&[])).unwrap_err().message;
    assert!(message.contains("the external credential \"Missing_Ec\" might not exist."), "{message}");
}

#[test]
fn legacy_shapes_on_a_secured_endpoint() {
    let endpoint = secured_nc("Nc", TARGET_URL, "Ec", "    <endpoint>https://a.example.com</endpoint>\n");
    let (_, line, column, message) = error(Project::new().named("Nc", &endpoint));
    assert_eq!((line, column), (17, 5));
    assert!(message.starts_with("<endpoint> belongs to Legacy named credentials"), "{message}");
    let top = "    <label>Nc</label>\n    <namedCredentialType>SecuredEndpoint</namedCredentialType>\n    <externalCredential>Ec</externalCredential>\n";
    let (_, line, _, message) = error(Project::new().named("Nc", top));
    assert_eq!(line, 5);
    assert!(message.starts_with("<externalCredential> is not a top-level element"), "{message}");
}

#[test]
fn an_unknown_named_credential_type_or_flag() {
    let body = "    <label>Nc</label>\n    <namedCredentialType>Secured</namedCredentialType>\n";
    let (_, line, column, message) = error(Project::new().named("Nc", body));
    assert_eq!((line, column), (4, 5));
    assert_eq!(message, "<namedCredentialType>: unknown value 'Secured'; expected one of Legacy, SecuredEndpoint, PrivateEndpoint, Standard");
    let flag = "    <label>Nc</label>\n    <endpoint>https://a.example.com</endpoint>\n    <allowMergeFieldsInBody>yes</allowMergeFieldsInBody>\n";
    assert_eq!(
        error(Project::new().named("Nc", flag)),
        at(NC_FILE, 5, 5, "<allowMergeFieldsInBody>: expected true or false, not 'yes'")
    );
}

#[test]
fn a_legacy_named_credential_naming_a_missing_auth_provider() {
    let body = "    <label>Nc</label>
    <endpoint>https://a.example.com</endpoint>
    <principalType>NamedUser</principalType>
    <protocol>Oauth</protocol>
    <authProvider>Nowhere</authProvider>
";
    assert_eq!(
        error(Project::new().named("Nc", body)),
        at(NC_FILE, 7, 5, "<authProvider>: no Auth Provider named 'Nowhere'")
    );
    let without =
        "    <label>Nc</label>\n    <endpoint>https://a.example.com</endpoint>\n    <protocol>Oauth</protocol>\n";
    assert_eq!(
        error(Project::new().named("Nc", without)),
        at(NC_FILE, 5, 5, "a Legacy Oauth named credential needs <authProvider>")
    );
}

fn ec(protocol: &str, params: &str) -> Project {
    Project::new().external(
        "Ec",
        &format!("    <label>Ec</label>\n    <authenticationProtocol>{protocol}</authenticationProtocol>\n{params}"),
    )
}

#[test]
fn an_unknown_protocol() {
    let (_, line, column, message) = error(ec("OAuth2ClientCredentials", ""));
    assert_eq!((line, column), (4, 5));
    assert_eq!(message, "<authenticationProtocol>: unknown value 'OAuth2ClientCredentials'; expected one of AwsSv4, Basic, Custom, Jwt, Oauth");
    assert_eq!(error(ec("OAuth", "")).3, "<authenticationProtocol>: unknown value 'OAuth'; did you mean 'Oauth'?");
    assert!(error(ec("Password", ""))
        .3
        .starts_with("<authenticationProtocol>: 'Password' is for Legacy named credentials"));
    assert_eq!(
        error(Project::new().external("Ec", "    <label>Ec</label>\n")),
        at(EC_FILE, 2, 1, "an external credential needs <authenticationProtocol>")
    );
}

#[test]
fn an_unknown_variant() {
    let params = parameter("Oauth", "AuthProtocolVariant", "ClientCredentials");
    let (_, line, column, message) = error(ec("Oauth", &params));
    assert_eq!((line, column), (8, 9));
    assert_eq!(
        message,
        "<parameterValue>: 'ClientCredentials' is not a variant of Oauth; expected one of ClientCredentialsClientSecret, \
         ClientCredentialsClientSecretBasic, ClientCredentialsJwtAssertion, JwtBearer"
    );
    let cased = parameter("Oauth", "AuthProtocolVariant", "jwtbearer");
    assert_eq!(
        error(ec("Oauth", &cased)).3,
        "<parameterValue>: 'jwtbearer' is not a variant of Oauth; did you mean 'JwtBearer'?"
    );
    let basic = parameter("Basic", "AuthProtocolVariant", "Digest");
    assert_eq!(error(ec("Basic", &basic)).3, "<parameterValue>: the Basic protocol has no variants, not 'Digest'");
}

#[test]
fn client_credentials_without_a_token_url() {
    let params = parameter("Oauth", "AuthProtocolVariant", "ClientCredentialsClientSecretBasic")
        + &principal("P", "NamedPrincipal", 1);
    let expected = at(
        EC_FILE,
        4,
        5,
        "The authentication protocol \"Oauth ClientCredentialsClientSecretBasic\" requires the following external \
         credential parameter types: AuthProtocolVariant, AuthProviderUrl.",
    );
    assert_eq!(error(ec("Oauth", &params)), expected);
    assert_eq!(
        error(ec("Oauth", &principal("P", "NamedPrincipal", 1))).3,
        "The authentication protocol \"Oauth\" requires the following external credential parameter types: AuthProvider."
    );
}

#[test]
fn jwt_and_jwt_bearer_need_a_signing_certificate() {
    assert_eq!(
        error(ec("Jwt", &principal("P", "NamedPrincipal", 1))).3,
        "The authentication protocol \"Jwt\" requires the following external credential parameter types: SigningCertificate."
    );
    let bearer = parameter("Oauth", "AuthProtocolVariant", "JwtBearer")
        + &parameter("AuthProviderUrl", "AuthProviderUrl", "https://login.salesforce.com/services/oauth2/token");
    assert_eq!(
        error(ec("Oauth", &bearer)).3,
        "The authentication protocol \"Oauth JwtBearer\" requires the following external credential parameter types: \
         AuthProtocolVariant, AuthProviderUrl, SigningCertificate."
    );
}

#[test]
fn an_unknown_parameter_type_and_invented_shapes() {
    let (_, line, column, message) = error(ec("Custom", &parameter("X", "Header", "'v'")));
    assert_eq!((line, column), (7, 9));
    assert!(
        message.starts_with("<parameterType>: unknown value 'Header'; expected one of NamedPrincipal, "),
        "{message}"
    );
    let principals = "    <principals>\n        <principalType>NamedPrincipal</principalType>\n    </principals>\n";
    let (_, line, _, message) = error(ec("Custom", principals));
    assert_eq!(line, 5);
    assert!(message.starts_with("<principals> is not part of an external credential"), "{message}");
    let twice = principal("P", "NamedPrincipal", 1) + &principal("p", "PerUserPrincipal", 2);
    assert_eq!(error(ec("Custom", &twice)), at(EC_FILE, 11, 5, "a second principal named 'p'"));
    let status = parameter("Refresh", "AdditionalRefreshStatusCode", "forbidden");
    assert_eq!(
        error(ec("Custom", &status)),
        at(EC_FILE, 8, 9, "<parameterValue>: 'forbidden' is not an HTTP status code")
    );
}

#[test]
fn a_permission_set_granting_an_unknown_principal() {
    let project = browser_flow().permission_set("Ps", &grants("Ps", &["Target_Org_Production-Nobody"]));
    let expected = at(
        "Ps.permissionset-meta.xml",
        6,
        9,
        "<externalCredentialPrincipal>: external credential 'Target_Org_Production' has no principal named 'Nobody'",
    );
    assert_eq!(error(project), expected);
    let missing_ec = Project::new().permission_set("Ps", &grants("Ps", &["Ghost-Nobody"]));
    assert_eq!(error(missing_ec).3, "<externalCredentialPrincipal>: no external credential named 'Ghost'");
    let spaced = Project::new().permission_set("Ps", &grants("Ps", &["Ec - P"]));
    assert_eq!(
        error(spaced).3,
        "<externalCredentialPrincipal>: 'Ec - P' has spaces; write <ExternalCredential>-<Principal>"
    );
    let no_hyphen = Project::new().permission_set("Ps", &grants("Ps", &["EcP"]));
    assert_eq!(
        error(no_hyphen).3,
        "<externalCredentialPrincipal>: 'EcP' does not name a principal; write <ExternalCredential>-<Principal>"
    );
}

#[test]
fn remote_sites_need_a_url() {
    let project = Project::new().remote_site("Site", "    <isActive>true</isActive>\n");
    assert_eq!(error(project), at("Site.remoteSite-meta.xml", 2, 1, "a remote site setting needs <url>"));
    let bad = Project::new().remote_site("Site", "    <url>api.example.com</url>\n");
    assert_eq!(
        error(bad),
        at("Site.remoteSite-meta.xml", 3, 5, "<url>: 'api.example.com' is not an http or https URL")
    );
}

#[test]
fn an_auth_provider_needs_its_type() {
    let project = Project::new().auth_provider("Prov", "    <friendlyName>P</friendlyName>\n");
    assert_eq!(error(project), at("Prov.authprovider-meta.xml", 2, 1, "an Auth Provider needs <providerType>"));
    let blank = Project::new()
        .auth_provider("Prov", "    <friendlyName>P</friendlyName>\n    <providerType>Salesforce</providerType>\n");
    let credentials = blank.credentials();
    let provider = credentials.auth_provider("prov").unwrap();
    assert_eq!(provider.token_url.as_deref(), Some("https://login.salesforce.com/services/oauth2/token"));
}

#[test]
fn a_second_component_of_the_same_name() {
    let body = "    <label>Nc</label>\n    <endpoint>https://a.example.com</endpoint>\n";
    let project = Project::new().named("Nc", body).raw(
        "other/NC.namedCredential",
        "namedCredential",
        &super::support::xml("NamedCredential", body),
    );
    assert_eq!(error(project), at("NC.namedCredential", 2, 1, "a second named credential named 'NC'"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let project = browser_flow()
        .external("Ec", "    <label>Ec</label>\n    <authenticationProtocol>Nope</authenticationProtocol>\n");
    let (credentials, errors) = project.load();
    assert_eq!(errors.len(), 1);
    assert!(credentials.external("Ec").is_none());
    assert!(credentials.resolve("callout:Target_Org_Production", &user(&["Target_Org_Callout_Access"])).is_ok());
    let shown = errors[0].to_string();
    assert!(
        shown.starts_with("force-app/main/default/externalCredentials/Ec.externalCredential-meta.xml:4:5: "),
        "{shown}"
    );
}
