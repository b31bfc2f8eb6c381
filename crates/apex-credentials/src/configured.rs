//! Whether the chosen principal holds what its protocol needs before a callout is attempted
//! (callouts.md §2.3 step 5): otherwise "The external credential isn't fully configured.".
//!
//! What each plan needs from [`Secrets`] (names from [`crate::secrets::param`]):
//! - Basic: `Username` and `Password` (a legacy credential may take the username from its
//!   `<username>`).
//! - OAuth browser flow: an `OAuthToken` or a `RefreshToken` (a stored token without a refresh
//!   token is fine until it expires), and an Auth Provider or identity provider that exists.
//! - OAuth client credentials: `clientId` and `clientSecret`; the token is fetched on demand.
//! - JWT bearer, client credentials with JWT assertion, JWT, JWT exchange: nothing secret;
//!   the signing certificate is metadata.
//! - AWS SigV4 (IAM user or STS): `awsAccessKeyId` (or a legacy `awsAccessKey`) and
//!   `awsSecretAccessKey`; Roles Anywhere: nothing secret.
//! - None and Custom: nothing (a formula naming a missing parameter gives an empty value).

use crate::credentials::Credentials;
use crate::error::CalloutError;
use crate::plan::{AuthPlan, AwsVariant};
use crate::resolve::{NamedRoute, Resolved};
use crate::secrets::{param, Secrets};

impl Credentials {
    /// Checks that the principal `resolved` chose holds what its protocol needs; a remote-site
    /// callout needs nothing.
    pub fn check_principal(&self, resolved: &Resolved<'_>, secrets: &dyn Secrets) -> Result<(), CalloutError> {
        let Some(route) = resolved.named() else {
            return Ok(());
        };
        if is_configured(route, secrets) {
            return Ok(());
        }
        Err(CalloutError::not_fully_configured())
    }
}

fn is_configured(route: &NamedRoute<'_>, secrets: &dyn Secrets) -> bool {
    let has = |parameter: &str| secret(route, secrets, parameter).is_some();
    match &route.plan {
        AuthPlan::None | AuthPlan::Custom => true,
        AuthPlan::Basic => username(route, secrets).is_some() && has(param::PASSWORD),
        AuthPlan::OAuthBrowser(flow) => {
            let provider = flow.auth_provider.is_some() || flow.identity_provider.is_some();
            provider && (has(param::OAUTH_TOKEN) || has(param::REFRESH_TOKEN))
        }
        AuthPlan::OAuthClientCredentials(_) => has(param::CLIENT_ID) && has(param::CLIENT_SECRET),
        AuthPlan::OAuthClientCredentialsJwt(_)
        | AuthPlan::OAuthJwtBearer(_)
        | AuthPlan::Jwt(_)
        | AuthPlan::JwtExchange { .. } => true,
        AuthPlan::AwsSv4(aws) if aws.variant == AwsVariant::RolesAnywhere => true,
        AuthPlan::AwsSv4(aws) => {
            (aws.access_key_id.is_some() || has(param::AWS_ACCESS_KEY_ID)) && has(param::AWS_SECRET_ACCESS_KEY)
        }
    }
}

/// A secret of the route's principal, empty values counting as missing.
pub(crate) fn secret(route: &NamedRoute<'_>, secrets: &dyn Secrets, parameter: &str) -> Option<String> {
    let (credential, principal) = route.secret_scope();
    secrets.get(credential, principal, parameter).filter(|value| !value.is_empty())
}

/// The Basic username: the stored one, or a legacy credential's `<username>`.
pub(crate) fn username(route: &NamedRoute<'_>, secrets: &dyn Secrets) -> Option<String> {
    let legacy = || route.named.legacy.as_ref().and_then(|legacy| legacy.username.clone());
    secret(route, secrets, param::USERNAME).or_else(legacy)
}
