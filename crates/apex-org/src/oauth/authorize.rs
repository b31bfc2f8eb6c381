//! The authorization-code flow: `GET /services/oauth2/authorize` consents at once (as the
//! `login_hint` user, or the org's administrator) and redirects to the registered callback
//! with a code; the token endpoint's `authorization_code` grant exchanges it, once, for an
//! access token and a refresh token, checking the redirect URI and the PKCE verifier.

use super::users;
use crate::http::{encode, Request, Response};
use crate::sessions::{Code, Grant};
use crate::Org;
use base64::Engine;
use sha2::{Digest, Sha256};

/// How long a code may wait for its exchange.
const CODE_LIFETIME_MS: i64 = 15 * 60 * 1000;

pub(crate) fn authorize(org: &mut Org, request: &Request, now_ms: i64) -> Response {
    let param = |name: &str| request.param(name);
    let Some(app) = param("client_id").and_then(|id| org.config.app(&id).cloned()) else {
        return Response::form(
            400,
            &[("error", "invalid_client_id"), ("error_description", "client identifier invalid")],
        );
    };
    let redirect = param("redirect_uri").unwrap_or_default();
    if !app.callback_urls.contains(&redirect) {
        return Response::form(
            400,
            &[("error", "redirect_uri_mismatch"), ("error_description", "redirect_uri must match configuration")],
        );
    }
    let state = param("state");
    if param("response_type").as_deref() != Some("code") {
        return redirect_to(
            &redirect,
            &[("error", "unsupported_response_type"), ("error_description", "response type not supported")],
            state.as_deref(),
        );
    }
    let username =
        param("login_hint").or_else(|| org.config.logins.first().map(|l| l.username.clone())).unwrap_or_default();
    let Some(user_id) = users::by_username(&mut org.store, &username).as_ref().and_then(users::id_of) else {
        return redirect_to(
            &redirect,
            &[("error", "access_denied"), ("error_description", "end-user denied authorization")],
            state.as_deref(),
        );
    };
    let challenge =
        param("code_challenge").map(|c| (c, param("code_challenge_method").unwrap_or_else(|| "S256".into())));
    let grant = Grant { user_id, client_id: app.consumer_key.clone(), scope: app.scopes.join(" ") };
    let code = org.sessions.issue_code(Code {
        grant,
        redirect_uri: redirect.clone(),
        challenge,
        expires_ms: now_ms + CODE_LIFETIME_MS,
    });
    redirect_to(&redirect, &[("code", &code)], state.as_deref())
}

/// A 302 to `uri` with `pairs` (and the client's `state`) in its query.
fn redirect_to(uri: &str, pairs: &[(&str, &str)], state: Option<&str>) -> Response {
    let mut query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    if let Some(state) = state {
        query.push(format!("state={}", encode(state)));
    }
    let separator = if uri.contains('?') { '&' } else { '?' };
    Response::empty(302).with_header("Location", &format!("{uri}{separator}{}", query.join("&")))
}

/// Checks a code for the `authorization_code` grant: the same client and redirect URI, and
/// the verifier that matches its challenge. The refusal is the OAuth error description.
pub(crate) fn redeem(
    org: &mut Org,
    code: &str,
    client_id: &str,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
    now_ms: i64,
) -> Result<Grant, &'static str> {
    let code = org.sessions.take_code(code, now_ms).ok_or("expired authorization code")?;
    if code.grant.client_id != client_id {
        return Err("invalid authorization code");
    }
    if redirect_uri.is_some_and(|r| r != code.redirect_uri) {
        return Err("redirect_uri must match configuration");
    }
    if let Some((challenge, method)) = &code.challenge {
        let verifier = verifier.ok_or("invalid code verifier")?;
        let expected = match method.as_str() {
            "plain" => verifier.to_string(),
            _ => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())),
        };
        if expected != *challenge {
            return Err("invalid code verifier");
        }
    }
    Ok(code.grant)
}
