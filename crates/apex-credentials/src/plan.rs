//! The authentication plan of a callout: how the runtime gets a token or signs the request,
//! built from an external credential's protocol and variant, or from a legacy named
//! credential's `protocol` and `principalType` (credentials.md §1.6, callouts.md §3.1).

use crate::auth_provider::AuthProvider;
use crate::credentials::Credentials;
use crate::external::{ExternalCredential, NameValue, Protocol, Variant};
use crate::named::{LegacyAuth, LegacyPrincipalType, LegacyProtocol};

/// How a callout authenticates.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthPlan<'a> {
    /// Nothing: anonymous legacy credentials, `NoAuthentication`, a named credential without an
    /// external credential.
    None,
    /// `Authorization: Basic base64(Username:Password)` from the principal's secrets.
    Basic,
    /// OAuth authorization-code flow through an Auth Provider; tokens stored per principal.
    OAuthBrowser(BrowserFlow<'a>),
    /// OAuth client credentials grant with the principal's `clientId`/`clientSecret`.
    OAuthClientCredentials(ClientCredentials),
    /// OAuth client credentials grant authenticated by a signed JWT client assertion.
    OAuthClientCredentialsJwt(JwtGrant),
    /// OAuth JWT bearer grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`).
    OAuthJwtBearer(JwtGrant),
    /// A JWT minted for each callout and sent as a bearer token.
    Jwt(JwtMint),
    /// A legacy JWT traded for a token at `token_url`.
    JwtExchange { jwt: JwtMint, token_url: String },
    /// AWS Signature V4.
    AwsSv4(AwsSigning),
    /// Only the custom headers carry authentication.
    Custom,
}

impl AuthPlan<'_> {
    /// What `{!$Credential.AuthorizationMethod}` gives: `Basic`, `Bearer`, or nothing.
    pub fn authorization_method(&self) -> Option<&'static str> {
        match self {
            AuthPlan::Basic => Some("Basic"),
            AuthPlan::OAuthBrowser(_)
            | AuthPlan::OAuthClientCredentials(_)
            | AuthPlan::OAuthClientCredentialsJwt(_)
            | AuthPlan::OAuthJwtBearer(_)
            | AuthPlan::Jwt(_)
            | AuthPlan::JwtExchange { .. } => Some("Bearer"),
            AuthPlan::None | AuthPlan::AwsSv4(_) | AuthPlan::Custom => None,
        }
    }

    /// Whether the runtime holds an OAuth token for this plan, refreshed on 401.
    pub fn is_oauth(&self) -> bool {
        matches!(
            self,
            AuthPlan::OAuthBrowser(_)
                | AuthPlan::OAuthClientCredentials(_)
                | AuthPlan::OAuthClientCredentialsJwt(_)
                | AuthPlan::OAuthJwtBearer(_)
        )
    }
}

/// The OAuth browser flow.
#[derive(Debug, Clone, PartialEq)]
pub struct BrowserFlow<'a> {
    /// The Auth Provider, when the credential names one that exists.
    pub auth_provider: Option<&'a AuthProvider>,
    /// The name the credential gives its Auth Provider, found or not.
    pub auth_provider_name: Option<String>,
    /// An External Auth Identity Provider used instead of an Auth Provider.
    pub identity_provider: Option<String>,
    /// The scope requested: the credential's, or else the provider's default scopes.
    pub scope: Option<String>,
}

impl BrowserFlow<'_> {
    pub fn token_url(&self) -> Option<&str> {
        self.auth_provider.and_then(|p| p.token_url.as_deref())
    }

    pub fn consumer_key(&self) -> Option<&str> {
        self.auth_provider.and_then(|p| p.consumer_key.as_deref())
    }
}

/// The client credentials grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    pub token_url: String,
    pub secret_in: ClientSecretIn,
    pub scope: Option<String>,
}

/// Where the client secret goes on the token request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientSecretIn {
    /// `client_id` and `client_secret` form fields (`ClientCredentialsClientSecret`).
    Body,
    /// `Authorization: Basic base64(id:secret)` (`ClientCredentialsClientSecretBasic`).
    BasicHeader,
}

/// A grant that posts a signed JWT to a token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtGrant {
    pub token_url: String,
    pub body_claims: Vec<NameValue>,
    pub header_claims: Vec<NameValue>,
    pub signing_certificate: Option<String>,
    pub scope: Option<String>,
}

/// A JWT made by the platform itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JwtMint {
    pub body_claims: Vec<NameValue>,
    pub header_claims: Vec<NameValue>,
    /// A formula giving `sub` (legacy `jwtFormulaSubject`).
    pub subject_formula: Option<String>,
    pub signing_certificate: Option<String>,
    /// Lifetime; the platform's default is 2 minutes.
    pub validity_seconds: Option<u32>,
}

/// AWS Signature V4 settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsSigning {
    pub variant: AwsVariant,
    pub region: Option<String>,
    pub service: Option<String>,
    pub account_id: Option<String>,
    /// `AuthProviderUrlQueryParameter` entries for STS.
    pub sts_query: Vec<NameValue>,
    pub signing_certificate: Option<String>,
    /// The legacy `awsAccessKey` (new-model credentials keep it in the principal's secrets).
    pub access_key_id: Option<String>,
}

/// How AWS credentials are obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsVariant {
    IamUser,
    Sts,
    RolesAnywhere,
}

/// The plan of an external credential.
pub(crate) fn external_plan<'a>(credentials: &'a Credentials, external: &ExternalCredential) -> AuthPlan<'a> {
    let scope = external.auth_parameter("Scope").map(str::to_string);
    let token_url = external.token_url.clone().unwrap_or_default();
    let grant = || JwtGrant {
        token_url: token_url.clone(),
        body_claims: external.jwt_body_claims.clone(),
        header_claims: external.jwt_header_claims.clone(),
        signing_certificate: external.signing_certificate.clone(),
        scope: scope.clone(),
    };
    let client_credentials =
        |secret_in| ClientCredentials { token_url: token_url.clone(), secret_in, scope: scope.clone() };
    match (external.protocol, external.variant) {
        (Protocol::Oauth, Variant::ClientCredentialsClientSecret) => {
            AuthPlan::OAuthClientCredentials(client_credentials(ClientSecretIn::Body))
        }
        (Protocol::Oauth, Variant::ClientCredentialsClientSecretBasic) => {
            AuthPlan::OAuthClientCredentials(client_credentials(ClientSecretIn::BasicHeader))
        }
        (Protocol::Oauth, Variant::ClientCredentialsJwtAssertion) => AuthPlan::OAuthClientCredentialsJwt(grant()),
        (Protocol::Oauth, Variant::JwtBearer) => AuthPlan::OAuthJwtBearer(grant()),
        (Protocol::Oauth, _) => AuthPlan::OAuthBrowser(browser_flow(
            credentials,
            external.auth_provider.as_deref(),
            external.external_auth_identity_provider.clone(),
            scope,
        )),
        (Protocol::Basic, _) => AuthPlan::Basic,
        (Protocol::Jwt, _) => AuthPlan::Jwt(JwtMint {
            body_claims: external.jwt_body_claims.clone(),
            header_claims: external.jwt_header_claims.clone(),
            signing_certificate: external.signing_certificate.clone(),
            ..JwtMint::default()
        }),
        (Protocol::AwsSv4, variant) => AuthPlan::AwsSv4(aws(external, variant)),
        (Protocol::Custom, _) => AuthPlan::Custom,
    }
}

fn aws(external: &ExternalCredential, variant: Variant) -> AwsSigning {
    let param = |name: &str| external.auth_parameter(name).map(str::to_string);
    AwsSigning {
        variant: match variant {
            Variant::AwsSv4Sts => AwsVariant::Sts,
            Variant::RolesAnywhere => AwsVariant::RolesAnywhere,
            _ => AwsVariant::IamUser,
        },
        region: param("AwsRegion"),
        service: param("AwsService"),
        account_id: param("AwsAccountId"),
        sts_query: external.token_url_query.clone(),
        signing_certificate: external.signing_certificate.clone(),
        access_key_id: None,
    }
}

fn browser_flow<'a>(
    credentials: &'a Credentials,
    provider_name: Option<&str>,
    identity_provider: Option<String>,
    scope: Option<String>,
) -> BrowserFlow<'a> {
    let auth_provider = provider_name.and_then(|name| credentials.auth_provider(name));
    let scope = scope.or_else(|| auth_provider.and_then(|p| p.default_scopes.clone()));
    BrowserFlow { auth_provider, auth_provider_name: provider_name.map(str::to_string), identity_provider, scope }
}

/// The plan of a legacy named credential; an anonymous one has none whatever its protocol.
pub(crate) fn legacy_plan<'a>(credentials: &'a Credentials, legacy: &LegacyAuth) -> AuthPlan<'a> {
    if legacy.principal_type == LegacyPrincipalType::Anonymous {
        return AuthPlan::None;
    }
    match legacy.protocol {
        LegacyProtocol::NoAuthentication => AuthPlan::None,
        LegacyProtocol::Password => AuthPlan::Basic,
        LegacyProtocol::Oauth => AuthPlan::OAuthBrowser(browser_flow(
            credentials,
            legacy.auth_provider.as_deref(),
            None,
            legacy.oauth_scope.clone(),
        )),
        LegacyProtocol::Jwt => AuthPlan::Jwt(legacy_jwt(legacy)),
        LegacyProtocol::JwtExchange => AuthPlan::JwtExchange {
            jwt: legacy_jwt(legacy),
            token_url: legacy.jwt.token_endpoint_url.clone().unwrap_or_default(),
        },
        LegacyProtocol::AwsSv4 => AuthPlan::AwsSv4(AwsSigning {
            variant: AwsVariant::IamUser,
            region: legacy.aws.region.clone(),
            service: legacy.aws.service.clone(),
            account_id: None,
            sts_query: Vec::new(),
            signing_certificate: None,
            access_key_id: legacy.aws.access_key.clone(),
        }),
    }
}

/// The JWT a legacy credential mints, its claims from `jwtIssuer`, `jwtAudience` and
/// `jwtTextSubject`.
fn legacy_jwt(legacy: &LegacyAuth) -> JwtMint {
    let jwt = &legacy.jwt;
    let claims = [("iss", &jwt.issuer), ("aud", &jwt.audience), ("sub", &jwt.text_subject)];
    JwtMint {
        body_claims: claims
            .iter()
            .filter_map(|(name, value)| Some(NameValue { name: name.to_string(), value: value.as_ref()?.clone() }))
            .collect(),
        header_claims: Vec::new(),
        subject_formula: jwt.formula_subject.clone(),
        signing_certificate: jwt.signing_certificate.clone(),
        validity_seconds: jwt.validity_seconds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::named::{LegacyAws, LegacyJwt};

    fn legacy(principal_type: LegacyPrincipalType, protocol: LegacyProtocol) -> LegacyAuth {
        LegacyAuth {
            principal_type,
            protocol,
            username: None,
            auth_provider: None,
            oauth_scope: None,
            jwt: LegacyJwt {
                issuer: Some("iss-1".into()),
                text_subject: Some("user@example.com".into()),
                token_endpoint_url: Some("https://sts.example.com/token".into()),
                ..LegacyJwt::default()
            },
            aws: LegacyAws { access_key: Some("AKID".into()), ..LegacyAws::default() },
        }
    }

    #[test]
    fn anonymous_legacy_credentials_have_no_plan() {
        let credentials = Credentials::default();
        let plan = legacy_plan(&credentials, &legacy(LegacyPrincipalType::Anonymous, LegacyProtocol::Password));
        assert_eq!(plan, AuthPlan::None);
        assert_eq!(plan.authorization_method(), None);
    }

    #[test]
    fn legacy_jwt_fields_become_claims() {
        let credentials = Credentials::default();
        let plan = legacy_plan(&credentials, &legacy(LegacyPrincipalType::NamedUser, LegacyProtocol::JwtExchange));
        let AuthPlan::JwtExchange { jwt, token_url } = &plan else { panic!("{plan:?}") };
        assert_eq!(token_url, "https://sts.example.com/token");
        let claims: Vec<(&str, &str)> = jwt.body_claims.iter().map(|c| (c.name.as_str(), c.value.as_str())).collect();
        assert_eq!(claims, [("iss", "iss-1"), ("sub", "user@example.com")]);
        assert_eq!(plan.authorization_method(), Some("Bearer"));
        assert!(!plan.is_oauth());
    }

    #[test]
    fn legacy_aws_keeps_the_access_key_id() {
        let credentials = Credentials::default();
        let plan = legacy_plan(&credentials, &legacy(LegacyPrincipalType::NamedUser, LegacyProtocol::AwsSv4));
        let AuthPlan::AwsSv4(aws) = plan else { panic!("not AWS") };
        assert_eq!((aws.variant, aws.access_key_id.as_deref()), (AwsVariant::IamUser, Some("AKID")));
    }
}
