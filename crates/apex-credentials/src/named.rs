//! Named credentials of both generations as their metadata describes them (credentials.md §3.1):
//! where callouts go, the callout options, custom headers, and for legacy ones the
//! authentication settings that newer ones delegate to an external credential.

/// One named credential, `callout:<name>`.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedCredential {
    /// The developer name, as the file name spells it.
    pub name: String,
    pub label: String,
    pub kind: NamedCredentialType,
    /// The endpoint URL: the `Url` parameter, or a legacy `<endpoint>`.
    pub url: String,
    /// The external credential named by the `Authentication` parameter (new model only).
    pub external_credential: Option<String>,
    pub options: CalloutOptions,
    pub callout_status: CalloutStatus,
    /// `HttpHeader` parameters, in `sequenceNumber` order.
    pub headers: Vec<CustomHeader>,
    /// `AllowedManagedPackageNamespaces` entries.
    pub allowed_namespaces: Vec<String>,
    /// The certificate of a `ClientCertificate` parameter, or a legacy `<certificate>`.
    pub client_certificate: Option<String>,
    /// Authentication on the credential itself, for `Legacy` ones.
    pub legacy: Option<LegacyAuth>,
}

impl NamedCredential {
    /// The namespace prefix of the name (`acme` in `acme__Billing`), if any.
    pub fn namespace(&self) -> Option<&str> {
        self.name.split_once("__").map(|(namespace, _)| namespace)
    }
}

/// `namedCredentialType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedCredentialType {
    Legacy,
    SecuredEndpoint,
    PrivateEndpoint,
    /// Reserved by the platform; treated like `SecuredEndpoint`.
    Standard,
}

/// The options every named credential has, with the platform's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalloutOptions {
    /// `generateAuthorizationHeader`, default true.
    pub generate_authorization_header: bool,
    /// `allowMergeFieldsInHeader`, default false.
    pub allow_merge_fields_in_header: bool,
    /// `allowMergeFieldsInBody`, default false.
    pub allow_merge_fields_in_body: bool,
}

impl Default for CalloutOptions {
    fn default() -> Self {
        CalloutOptions {
            generate_authorization_header: true,
            allow_merge_fields_in_header: false,
            allow_merge_fields_in_body: false,
        }
    }
}

/// `calloutStatus`: whether Apex may call out through the credential (absent means enabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalloutStatus {
    #[default]
    Enabled,
    Disabled,
}

/// A header added to every callout: its name, its formula (callouts.md §3.2) and its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomHeader {
    pub name: String,
    pub formula: String,
    pub sequence: Option<u32>,
    pub source: HeaderSource,
}

/// Which credential defines a custom header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderSource {
    /// An `AuthHeader` parameter of the external credential.
    ExternalCredential,
    /// An `HttpHeader` parameter of the named credential.
    NamedCredential,
}

/// The authentication settings of a legacy named credential. Secrets (`password`,
/// `oauthToken`, `oauthRefreshToken`, `awsAccessSecret`) are not read from metadata: they come
/// from [`crate::Secrets`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyAuth {
    pub principal_type: LegacyPrincipalType,
    pub protocol: LegacyProtocol,
    /// `<username>`, used when the secrets hold no `Username`.
    pub username: Option<String>,
    pub auth_provider: Option<String>,
    pub oauth_scope: Option<String>,
    pub jwt: LegacyJwt,
    pub aws: LegacyAws,
}

/// `principalType` of a legacy named credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyPrincipalType {
    Anonymous,
    NamedUser,
    PerUser,
}

/// `protocol` of a legacy named credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyProtocol {
    NoAuthentication,
    Password,
    Oauth,
    Jwt,
    JwtExchange,
    AwsSv4,
}

/// The JWT fields of a legacy named credential.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LegacyJwt {
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub text_subject: Option<String>,
    pub formula_subject: Option<String>,
    pub signing_certificate: Option<String>,
    pub validity_seconds: Option<u32>,
    /// `authTokenEndpointUrl`, where a `JwtExchange` credential trades its JWT for a token.
    pub token_endpoint_url: Option<String>,
}

/// The AWS fields of a legacy named credential (the access key id is not secret).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LegacyAws {
    pub access_key: Option<String>,
    pub region: Option<String>,
    pub service: Option<String>,
}
