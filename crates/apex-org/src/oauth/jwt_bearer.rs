//! The JWT bearer grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`): a client proves
//! who it is by signing an assertion with the key of the certificate uploaded to its
//! Connected App, and gets an access token for the user the assertion names, never a
//! refresh token. Each refusal is worded as the platform words it.

use super::assertion::Assertion;
use super::token::{grant_for, plain, Granted};
use super::users;
use crate::certificate::public_key;
use crate::errors::oauth;
use crate::http::Response;
use crate::{ConnectedApp, Org};

pub(crate) const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// The audiences an assertion may name besides the org's own origin.
const LOGIN_HOSTS: [&str; 2] = ["https://login.salesforce.com", "https://test.salesforce.com"];

/// The app that signed `assertion` and what it is granted, checked in the platform's order:
/// the form, the issuer, the signature, the audience, the expiry and then the user.
pub(super) fn grant(org: &mut Org, assertion: Option<&str>, now_ms: i64) -> Result<(ConnectedApp, Granted), Response> {
    let assertion = Assertion::parse(assertion.unwrap_or_default())
        .map_err(|why| oauth("invalid_grant", &format!("invalid assertion: {why}")))?;
    let app = assertion
        .text("iss")
        .and_then(|iss| org.config.app(iss))
        .cloned()
        .ok_or_else(|| oauth("invalid_client_id", "client identifier invalid"))?;
    if !signed_by_app(&assertion, &app) {
        return Err(oauth("invalid_client", "invalid client credentials"));
    }
    let instance = org.config.instance_url.clone();
    if !assertion.addressed_to(&[LOGIN_HOSTS[0], LOGIN_HOSTS[1], &instance]) {
        return Err(oauth("invalid_grant", "Audience validation failed"));
    }
    if !assertion.unexpired(now_ms) {
        return Err(oauth("invalid_grant", "expired authorization code"));
    }
    let username = assertion.subject().unwrap_or_default();
    let user = users::by_username(&mut org.store, username);
    let user_id = user.as_ref().and_then(users::id_of).ok_or_else(not_approved)?;
    let granted = plain(grant_for(&app, user_id));
    Ok((app, granted))
}

/// Whether the app has a certificate and the assertion is signed with its key.
fn signed_by_app(assertion: &Assertion, app: &ConnectedApp) -> bool {
    let key = app.certificate.as_deref().and_then(|pem| public_key(pem).ok());
    key.is_some_and(|key| assertion.signed_by(&key))
}

fn not_approved() -> Response {
    oauth("invalid_grant", "user hasn't approved this consumer")
}
