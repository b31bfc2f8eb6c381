//! External credentials as their metadata describes them (credentials.md §3.2): the
//! authentication protocol and variant, the credential-level parameters, custom headers and
//! the principals users are granted.

use crate::named::CustomHeader;

/// One external credential.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalCredential {
    /// The developer name, as the file name spells it.
    pub name: String,
    pub label: String,
    pub protocol: Protocol,
    /// The `AuthProtocolVariant` parameter's value, read against the protocol.
    pub variant: Variant,
    /// The Auth Provider of an `AuthProvider` parameter (OAuth browser flow).
    pub auth_provider: Option<String>,
    /// The provider of an `ExternalAuthIdentityProvider` parameter.
    pub external_auth_identity_provider: Option<String>,
    /// The `AuthProviderUrl` parameter: the token endpoint.
    pub token_url: Option<String>,
    /// `AuthProviderUrlQueryParameter` entries, in file order.
    pub token_url_query: Vec<NameValue>,
    /// `AuthParameter` entries (`Scope`, `AwsRegion`, ...), in file order.
    pub auth_parameters: Vec<NameValue>,
    /// `JwtBodyClaim` entries.
    pub jwt_body_claims: Vec<NameValue>,
    /// `JwtHeaderClaim` entries.
    pub jwt_header_claims: Vec<NameValue>,
    /// The certificate of a `SigningCertificate` parameter.
    pub signing_certificate: Option<String>,
    /// `AdditionalRefreshStatusCode` values, besides 401.
    pub refresh_status_codes: Vec<u16>,
    /// `AuthHeader` parameters, in `sequenceNumber` order.
    pub headers: Vec<CustomHeader>,
    /// Principals in file order.
    pub principals: Vec<Principal>,
}

impl ExternalCredential {
    /// The principal named `name` (case-insensitive).
    pub fn principal(&self, name: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The value of the `AuthParameter` named `name` (case-insensitive), such as `Scope`.
    pub fn auth_parameter(&self, name: &str) -> Option<&str> {
        self.auth_parameters.iter().find(|p| p.name.eq_ignore_ascii_case(name)).map(|p| p.value.as_str())
    }

    /// The protocol and variant as the platform's messages write them (`Oauth JwtBearer`).
    pub fn protocol_name(&self) -> String {
        match self.variant.name() {
            Some(variant) => format!("{} {variant}", self.protocol.name()),
            None => self.protocol.name().to_string(),
        }
    }
}

/// `authenticationProtocol` of an external credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Oauth,
    Basic,
    Jwt,
    AwsSv4,
    Custom,
}

impl Protocol {
    /// The metadata spelling.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Oauth => "Oauth",
            Protocol::Basic => "Basic",
            Protocol::Jwt => "Jwt",
            Protocol::AwsSv4 => "AwsSv4",
            Protocol::Custom => "Custom",
        }
    }
}

/// The protocol variant (`AuthProtocolVariant`), which decides how a token is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// No variant parameter: the OAuth browser flow, an AWS IAM user, plain Basic/Jwt/Custom.
    None,
    ClientCredentialsClientSecret,
    ClientCredentialsClientSecretBasic,
    ClientCredentialsJwtAssertion,
    JwtBearer,
    AwsSv4Sts,
    RolesAnywhere,
    /// `Custom` with the value `NoAuthentication`, as retrieved files show.
    NoAuthentication,
}

impl Variant {
    /// The metadata spelling, `None` for no variant.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Variant::None => None,
            Variant::ClientCredentialsClientSecret => Some("ClientCredentialsClientSecret"),
            Variant::ClientCredentialsClientSecretBasic => Some("ClientCredentialsClientSecretBasic"),
            Variant::ClientCredentialsJwtAssertion => Some("ClientCredentialsJwtAssertion"),
            Variant::JwtBearer => Some("JwtBearer"),
            Variant::AwsSv4Sts => Some("AwsSv4_STS"),
            Variant::RolesAnywhere => Some("RolesAnywhere"),
            Variant::NoAuthentication => Some("NoAuthentication"),
        }
    }
}

/// A name with a value: a claim, an auth parameter, a query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameValue {
    pub name: String,
    pub value: String,
}

/// One principal of an external credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub name: String,
    pub kind: PrincipalType,
    /// Priority among the principals a user is granted: lower wins; none sorts last.
    pub sequence: Option<u32>,
}

/// The kinds of principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    /// One identity shared by every permitted user.
    NamedPrincipal,
    /// Each user authenticates as themselves.
    PerUserPrincipal,
    /// AWS STS.
    AwsStsPrincipal,
}
