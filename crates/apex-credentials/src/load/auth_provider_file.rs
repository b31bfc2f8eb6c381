//! An Auth Provider from its `<AuthProvider>` file (credentials.md §3.3). A `Salesforce`
//! provider left without endpoint URLs uses login.salesforce.com's.

use apex_data::metadata_xml::{Element, Fault};

use super::read::{expect_root, flag_or, required, text};
use crate::auth_provider::{AuthProvider, SALESFORCE_AUTHORIZE_URL, SALESFORCE_TOKEN_URL};

/// The Auth Provider whose URL suffix is `name`.
pub(super) fn read(name: &str, root: &Element) -> Result<AuthProvider, Fault> {
    expect_root(root, "AuthProvider")?;
    let friendly_name = required(root, "friendlyName", "an Auth Provider")?.to_string();
    let provider_type = required(root, "providerType", "an Auth Provider")?.to_string();
    let salesforce = provider_type == "Salesforce";
    let default = |url: &str| salesforce.then(|| url.to_string());
    Ok(AuthProvider {
        name: name.to_string(),
        friendly_name,
        consumer_key: text(root, "consumerKey"),
        authorize_url: text(root, "authorizeUrl").or_else(|| default(SALESFORCE_AUTHORIZE_URL)),
        token_url: text(root, "tokenUrl").or_else(|| default(SALESFORCE_TOKEN_URL)),
        user_info_url: text(root, "userInfoUrl"),
        default_scopes: text(root, "defaultScopes"),
        send_client_credentials_in_header: flag_or(root, "sendClientCredentialsInHeader", false)?,
        send_access_token_in_header: flag_or(root, "sendAccessTokenInHeader", false)?,
        pkce: flag_or(root, "isPkceEnabled", false)?,
        provider_type,
    })
}
