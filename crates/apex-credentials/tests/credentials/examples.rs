//! The setups of credentials.md §3 and §6: the browser flow with a named principal granted by
//! a permission set, client credentials, JWT bearer, Basic, Custom with an AuthHeader formula,
//! and legacy password and OAuth named credentials.

use apex_credentials::{
    AuthPlan, CalloutStatus, ClientSecretIn, Credentials, FormulaContext, HeaderSource, NameValue, NamedRoute, Place,
    PrincipalType, SecretMap,
};

use super::support::{grants, parameter, principal, secured_nc, user, Project};

pub const TARGET_URL: &str = "https://target-org.my.salesforce.com";

const AUTH_PROVIDER: &str = "    <friendlyName>Target Org Production</friendlyName>
    <providerType>Salesforce</providerType>
    <consumerKey>TARGET_CONSUMER_KEY</consumerKey>
    <authorizeUrl>https://target-org.my.salesforce.com/services/oauth2/authorize</authorizeUrl>
    <tokenUrl>https://target-org.my.salesforce.com/services/oauth2/token</tokenUrl>
    <defaultScopes>api refresh_token</defaultScopes>
    <sendClientCredentialsInHeader>false</sendClientCredentialsInHeader>
";

/// The browser-flow setup: Auth Provider, external credential with a named principal, named
/// credential and the permission set that grants the principal.
pub fn browser_flow() -> Project {
    let external = format!(
        "    <label>Target Org Production</label>
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>AuthProvider</parameterName>
        <parameterType>AuthProvider</parameterType>
        <authProvider>Target_Org_Production</authProvider>
    </externalCredentialParameters>
{}{}{}",
        parameter("Scope", "AuthParameter", "api refresh_token offline_access"),
        parameter("RefreshOn403", "AdditionalRefreshStatusCode", "403"),
        principal("Integration_User", "NamedPrincipal", 1),
    );
    let namespaces = "    <namedCredentialParameters>
        <parameterName>AllowedNamespace1</parameterName>
        <parameterType>AllowedManagedPackageNamespaces</parameterType>
        <parameterValue>acme</parameterValue>
    </namedCredentialParameters>
";
    Project::new()
        .auth_provider("Target_Org_Production", AUTH_PROVIDER)
        .external("Target_Org_Production", &external)
        .named(
            "Target_Org_Production",
            &secured_nc("Target Org Production", TARGET_URL, "Target_Org_Production", namespaces),
        )
        .permission_set(
            "Target_Org_Callout_Access",
            &grants("Callout Access", &["Target_Org_Production-Integration_User"]),
        )
}

fn route<'a>(credentials: &'a Credentials, endpoint: &str, permission_sets: &[&str]) -> NamedRoute<'a> {
    let resolved = credentials.resolve(endpoint, &user(permission_sets)).unwrap();
    resolved.named().unwrap().clone()
}

#[test]
fn browser_flow_resolves_to_the_granted_named_principal() {
    let credentials = browser_flow().credentials();
    let endpoint = "callout:Target_Org_Production/services/data/v60.0/sobjects/Account";
    let resolved = credentials.resolve(endpoint, &user(&["Target_Org_Callout_Access"])).unwrap();
    assert_eq!(resolved.url, "https://target-org.my.salesforce.com/services/data/v60.0/sobjects/Account");
    assert_eq!(resolved.endpoint, endpoint);
    let route = resolved.named().unwrap();
    assert_eq!(route.external.unwrap().name, "Target_Org_Production");
    let principal = route.principal.as_ref().unwrap();
    assert_eq!(
        (principal.name.as_str(), principal.kind, principal.sequence),
        ("Integration_User", PrincipalType::NamedPrincipal, Some(1))
    );
    assert_eq!(route.secret_scope(), ("Target_Org_Production", "Integration_User"));
    let AuthPlan::OAuthBrowser(flow) = &route.plan else { panic!("not a browser flow: {:?}", route.plan) };
    assert_eq!(flow.token_url(), Some("https://target-org.my.salesforce.com/services/oauth2/token"));
    assert_eq!(flow.consumer_key(), Some("TARGET_CONSUMER_KEY"));
    assert_eq!(flow.scope.as_deref(), Some("api refresh_token offline_access"));
    assert_eq!(route.refresh_status_codes, &[403]);
    assert!(route.options.generate_authorization_header);
    assert!(!route.options.allow_merge_fields_in_header && !route.options.allow_merge_fields_in_body);
    assert_eq!(route.callout_status, CalloutStatus::Enabled);
    assert_eq!(credentials.named("target_org_production").unwrap().allowed_namespaces, ["acme"]);
}

#[test]
fn browser_flow_needs_a_stored_token_or_refresh_token() {
    let credentials = browser_flow().credentials();
    let resolved = credentials.resolve("callout:Target_Org_Production", &user(&["Target_Org_Callout_Access"])).unwrap();
    let mut secrets = SecretMap::new();
    let error = credentials.check_principal(&resolved, &secrets).unwrap_err();
    assert_eq!(error.message, "The external credential isn't fully configured.");
    secrets.insert("Target_Org_Production", "Integration_User", "RefreshToken", "5Aep-refresh");
    assert!(credentials.check_principal(&resolved, &secrets).is_ok());
}

#[test]
fn client_credentials_with_the_secret_in_a_basic_header() {
    let external = format!(
        "    <label>Target Org Service</label>\n    <authenticationProtocol>Oauth</authenticationProtocol>\n{}{}{}",
        parameter("Oauth", "AuthProtocolVariant", "ClientCredentialsClientSecretBasic"),
        parameter("AuthProviderUrl", "AuthProviderUrl", "https://target-org.my.salesforce.com/services/oauth2/token"),
        principal("Service_Principal", "NamedPrincipal", 1),
    );
    let credentials = Project::new()
        .external("Target_Org_Service", &external)
        .named("Target_Org_Service", &secured_nc("Service", TARGET_URL, "Target_Org_Service", ""))
        .permission_set("Service_Access", &grants("Service", &["Target_Org_Service-Service_Principal"]))
        .credentials();
    let route = route(&credentials, "callout:Target_Org_Service/services/data", &["Service_Access"]);
    let AuthPlan::OAuthClientCredentials(grant) = &route.plan else { panic!("{:?}", route.plan) };
    assert_eq!(grant.token_url, "https://target-org.my.salesforce.com/services/oauth2/token");
    assert_eq!(grant.secret_in, ClientSecretIn::BasicHeader);
    assert_eq!(grant.scope, None);
    let resolved = credentials.resolve("callout:Target_Org_Service", &user(&["Service_Access"])).unwrap();
    let mut secrets = SecretMap::new();
    secrets.insert("Target_Org_Service", "Service_Principal", "clientId", "id");
    assert!(credentials.check_principal(&resolved, &secrets).is_err());
    secrets.insert("Target_Org_Service", "Service_Principal", "clientSecret", "secret");
    assert!(credentials.check_principal(&resolved, &secrets).is_ok());
}

#[test]
fn jwt_bearer_carries_claims_token_url_and_certificate() {
    let external = format!(
        "    <label>Target Org JWT</label>\n    <authenticationProtocol>Oauth</authenticationProtocol>\n{}{}{}{}
    <externalCredentialParameters>
        <parameterName>SigningCertificate</parameterName>
        <parameterType>SigningCertificate</parameterType>
        <certificate>Source_Org_JWT_Cert</certificate>
    </externalCredentialParameters>
{}",
        parameter("Oauth", "AuthProtocolVariant", "JwtBearer"),
        parameter("AuthProviderUrl", "AuthProviderUrl", "https://login.salesforce.com/services/oauth2/token"),
        parameter("iss", "JwtBodyClaim", "TARGET_CONSUMER_KEY"),
        parameter("aud", "JwtBodyClaim", "https://login.salesforce.com"),
        principal("Integration_User", "NamedPrincipal", 1),
    );
    let credentials = Project::new()
        .external("Target_Org_JWT", &external)
        .named("Target_Org_JWT", &secured_nc("JWT", TARGET_URL, "Target_Org_JWT", ""))
        .permission_set("Jwt_Access", &grants("JWT", &["Target_Org_JWT-Integration_User"]))
        .credentials();
    let route = route(&credentials, "callout:Target_Org_JWT", &["Jwt_Access"]);
    let AuthPlan::OAuthJwtBearer(grant) = &route.plan else { panic!("{:?}", route.plan) };
    assert_eq!(grant.token_url, "https://login.salesforce.com/services/oauth2/token");
    let claim = |name: &str, value: &str| NameValue { name: name.into(), value: value.into() };
    assert_eq!(grant.body_claims, [claim("iss", "TARGET_CONSUMER_KEY"), claim("aud", "https://login.salesforce.com")]);
    assert_eq!(grant.signing_certificate.as_deref(), Some("Source_Org_JWT_Cert"));
    let resolved = credentials.resolve("callout:Target_Org_JWT", &user(&["Jwt_Access"])).unwrap();
    assert!(credentials.check_principal(&resolved, &SecretMap::new()).is_ok());
}

/// A Basic external credential with its named credential and grant.
pub fn basic() -> Project {
    let external = format!(
        "    <label>Billing Basic</label>\n    <authenticationProtocol>Basic</authenticationProtocol>\n{}",
        principal("Billing_User", "NamedPrincipal", 1)
    );
    Project::new()
        .external("Billing_Basic", &external)
        .named("Billing", &secured_nc("Billing", "https://billing.example.com/api/", "Billing_Basic", ""))
        .permission_set("Billing_Access", &grants("Billing", &["Billing_Basic-Billing_User"]))
}

#[test]
fn basic_needs_username_and_password() {
    let credentials = basic().credentials();
    let resolved = credentials.resolve("callout:Billing/invoices", &user(&["Billing_Access"])).unwrap();
    assert_eq!(resolved.url, "https://billing.example.com/api/invoices");
    let route = resolved.named().unwrap();
    assert_eq!(route.plan, AuthPlan::Basic);
    let mut secrets = SecretMap::new();
    secrets.insert("Billing_Basic", "Billing_User", "Username", "ann");
    assert!(credentials.check_principal(&resolved, &secrets).is_err());
    secrets.insert("Billing_Basic", "Billing_User", "Password", "s3cret");
    assert!(credentials.check_principal(&resolved, &secrets).is_ok());
    let context = FormulaContext::new(route, &secrets, Place::Header);
    let value =
        apex_credentials::merge("{!$Credential.AuthorizationMethod} {!$Credential.AuthorizationHeaderValue}", &context);
    assert_eq!(value.unwrap(), "Basic YW5uOnMzY3JldA==");
}

/// A Custom external credential whose AuthHeader carries an API key, and a named credential
/// with a header of its own.
pub fn custom() -> Project {
    let external = format!(
        "    <label>Acme Api Key</label>
    <authenticationProtocol>Custom</authenticationProtocol>
{}    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Authorization</parameterName>
        <parameterType>AuthHeader</parameterType>
        <parameterValue>{{!'Bearer ' &amp; $Credential.Acme_Api_Key.apiKey}}</parameterValue>
        <sequenceNumber>1</sequenceNumber>
    </externalCredentialParameters>
{}",
        parameter("Custom", "AuthProtocolVariant", "NoAuthentication"),
        principal("Acme_Service", "NamedPrincipal", 1),
    );
    let headers = "    <namedCredentialParameters>
        <parameterName>X-Trace</parameterName>
        <parameterType>HttpHeader</parameterType>
        <parameterValue>'two'</parameterValue>
        <sequenceNumber>2</sequenceNumber>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <parameterName>Accept</parameterName>
        <parameterType>HttpHeader</parameterType>
        <parameterValue>'application/json'</parameterValue>
        <sequenceNumber>1</sequenceNumber>
    </namedCredentialParameters>
";
    Project::new()
        .external("Acme_Api_Key", &external)
        .named("Acme", &secured_nc("Acme", "https://api.acme.example.com", "Acme_Api_Key", headers))
        .permission_set("Acme_Access", &grants("Acme", &["Acme_Api_Key-Acme_Service"]))
}

#[test]
fn custom_headers_come_in_order_and_evaluate_against_the_principal() {
    let credentials = custom().credentials();
    let route = route(&credentials, "callout:Acme/v1/orders", &["Acme_Access"]);
    assert_eq!(route.plan, AuthPlan::Custom);
    let names: Vec<(&str, HeaderSource)> = route.headers.iter().map(|h| (h.name.as_str(), h.source)).collect();
    assert_eq!(
        names,
        [
            ("Authorization", HeaderSource::ExternalCredential),
            ("Accept", HeaderSource::NamedCredential),
            ("X-Trace", HeaderSource::NamedCredential)
        ]
    );
    let mut secrets = SecretMap::new();
    secrets.insert("Acme_Api_Key", "Acme_Service", "apiKey", "k-123");
    let context = FormulaContext::new(&route, &secrets, Place::Header);
    let values: Vec<String> =
        route.headers.iter().map(|h| apex_credentials::formula::header_value(&h.formula, &context).unwrap()).collect();
    assert_eq!(values, ["Bearer k-123", "application/json", "two"]);
}

/// A legacy password named credential.
pub fn legacy_password() -> Project {
    Project::new().named(
        "Legacy_Billing",
        "    <label>Legacy Billing</label>
    <namedCredentialType>Legacy</namedCredentialType>
    <endpoint>https://billing.example.com</endpoint>
    <principalType>NamedUser</principalType>
    <protocol>Password</protocol>
    <username>integration@example.com</username>
    <password>not-read</password>
    <allowMergeFieldsInHeader>true</allowMergeFieldsInHeader>
",
    )
}

#[test]
fn legacy_password_is_basic_with_the_named_credential_as_secret_scope() {
    let credentials = legacy_password().credentials();
    let resolved = credentials.resolve("callout:Legacy_Billing/v2?x=1", &user(&[])).unwrap();
    assert_eq!(resolved.url, "https://billing.example.com/v2?x=1");
    let route = resolved.named().unwrap();
    assert_eq!(route.plan, AuthPlan::Basic);
    assert_eq!(route.external, None);
    assert_eq!(route.principal.as_ref().map(|p| (p.name.as_str(), p.kind)), Some(("", PrincipalType::NamedPrincipal)));
    assert_eq!(route.secret_scope(), ("Legacy_Billing", ""));
    assert!(route.options.allow_merge_fields_in_header);
    let mut secrets = SecretMap::new();
    assert!(credentials.check_principal(&resolved, &secrets).is_err(), "the password is not read from metadata");
    secrets.insert("Legacy_Billing", "", "Password", "pw");
    assert!(credentials.check_principal(&resolved, &secrets).is_ok());
    let context = FormulaContext::new(route, &secrets, Place::Header);
    assert_eq!(apex_credentials::merge("{!$Credential.Username}", &context).unwrap(), "integration@example.com");
}

/// A legacy OAuth named credential through the browser-flow Auth Provider.
pub fn legacy_oauth() -> Project {
    Project::new().auth_provider("Target_Org_Production", AUTH_PROVIDER).named(
        "Target_Org_Legacy",
        "    <label>Target Org Legacy</label>
    <namedCredentialType>Legacy</namedCredentialType>
    <endpoint>https://target-org.my.salesforce.com</endpoint>
    <principalType>PerUser</principalType>
    <protocol>Oauth</protocol>
    <authProvider>Target_Org_Production</authProvider>
    <oauthScope>refresh_token full</oauthScope>
    <generateAuthorizationHeader>false</generateAuthorizationHeader>
    <allowMergeFieldsInHeader>true</allowMergeFieldsInHeader>
    <calloutStatus>Enabled</calloutStatus>
",
    )
}

#[test]
fn legacy_oauth_uses_the_auth_provider_and_its_scope() {
    let credentials = legacy_oauth().credentials();
    let resolved = credentials.resolve("callout:Target_Org_Legacy/services/data", &user(&[])).unwrap();
    let route = resolved.named().unwrap();
    let AuthPlan::OAuthBrowser(flow) = &route.plan else { panic!("{:?}", route.plan) };
    assert_eq!(flow.auth_provider.map(|p| p.name.as_str()), Some("Target_Org_Production"));
    assert_eq!(flow.scope.as_deref(), Some("refresh_token full"));
    assert_eq!(route.principal.as_ref().map(|p| p.kind), Some(PrincipalType::PerUserPrincipal));
    assert!(!route.options.generate_authorization_header);
    let mut secrets = SecretMap::new();
    secrets.insert("Target_Org_Legacy", "", "OAuthToken", "00Dtoken");
    assert!(credentials.check_principal(&resolved, &secrets).is_ok());
    let context = FormulaContext::new(route, &secrets, Place::Header);
    let header = apex_credentials::merge("{!$Credential.AuthorizationMethod} {!$Credential.OAuthToken}", &context);
    assert_eq!(header.unwrap(), "Bearer 00Dtoken");
    assert_eq!(apex_credentials::merge("{!$Credential.OAuthConsumerKey}", &context).unwrap(), "TARGET_CONSUMER_KEY");
}

#[test]
fn anonymous_legacy_credentials_need_nothing() {
    let credentials = Project::new()
        .named("Open", "    <label>Open</label>\n    <endpoint>https://open.example.com</endpoint>\n")
        .credentials();
    let resolved = credentials.resolve("callout:Open", &user(&[])).unwrap();
    assert_eq!(resolved.url, "https://open.example.com");
    let route = resolved.named().unwrap();
    assert_eq!((route.plan.clone(), route.principal.clone()), (AuthPlan::None, None));
    assert!(credentials.check_principal(&resolved, &SecretMap::new()).is_ok());
}
