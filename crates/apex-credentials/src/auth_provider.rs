//! Auth Providers (credentials.md §1.4, §3.3): the OAuth client a browser-flow credential
//! authenticates through. The consumer secret is not read from metadata; it comes from
//! [`crate::Secrets::auth_provider_secret`].

/// One Auth Provider, named by its URL suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthProvider {
    /// The URL suffix (developer name), as the file name spells it.
    pub name: String,
    pub friendly_name: String,
    /// `providerType`: `Salesforce`, `OpenIdConnect`, `Custom`, ...
    pub provider_type: String,
    pub consumer_key: Option<String>,
    /// `authorizeUrl`, or the Salesforce default for a `Salesforce` provider left blank.
    pub authorize_url: Option<String>,
    /// `tokenUrl`, or the Salesforce default for a `Salesforce` provider left blank.
    pub token_url: Option<String>,
    pub user_info_url: Option<String>,
    pub default_scopes: Option<String>,
    /// `sendClientCredentialsInHeader`: client id and secret go in a Basic header.
    pub send_client_credentials_in_header: bool,
    /// `sendAccessTokenInHeader`.
    pub send_access_token_in_header: bool,
    pub pkce: bool,
}

impl AuthProvider {
    /// The callback URL the target's connected app must list, for an org at `my_domain_url`.
    pub fn callback_url(&self, my_domain_url: &str) -> String {
        format!("{}/services/authcallback/{}", my_domain_url.trim_end_matches('/'), self.name)
    }
}

/// The authorize endpoint a blank `Salesforce` provider uses.
pub const SALESFORCE_AUTHORIZE_URL: &str = "https://login.salesforce.com/services/oauth2/authorize";
/// The token endpoint a blank `Salesforce` provider uses.
pub const SALESFORCE_TOKEN_URL: &str = "https://login.salesforce.com/services/oauth2/token";
