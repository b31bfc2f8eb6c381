//! `POST /services/oauth2/token`: the password, authorization_code, refresh_token and
//! client_credentials grants, with the client authenticated by form fields or a Basic
//! header, and the JWT bearer grant (see `jwt_bearer`); every refusal worded as the platform
//! words it.

use super::jwt_bearer;
use super::users;
use crate::errors::oauth;
use crate::http::{Request, Response};
use crate::sessions::Grant;
use crate::Org;
use apex_data::Id;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

/// What a grant yields: who the token is for, the refresh token it hangs from, and whether
/// that refresh token is new (and so goes into the answer).
pub(super) struct Granted {
    grant: Grant,
    refresh: Option<String>,
    new_refresh: bool,
}

pub(crate) fn handle(org: &mut Org, request: &Request, now_ms: i64) -> Response {
    let form = request.form();
    let field = |name: &str| form.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let grant_type = field("grant_type");
    if grant_type.as_deref() == Some(jwt_bearer::GRANT_TYPE) {
        // The assertion names and authenticates the client: no client_id or secret.
        return match jwt_bearer::grant(org, field("assertion").as_deref(), now_ms) {
            Ok((app, granted)) => issue(org, &app, &granted, now_ms),
            Err(refused) => refused,
        };
    }
    // The password and client-credentials grants need the secret; the others check it if given.
    let secret_required = match grant_type.as_deref() {
        Some("password" | "client_credentials") => true,
        Some("refresh_token" | "authorization_code") => false,
        _ => return oauth("unsupported_grant_type", "grant type not supported"),
    };
    let (client_id, client_secret) = client(request, &field);
    let app = match app_for(org, client_id, client_secret, secret_required) {
        Ok(app) => app,
        Err(refused) => return refused,
    };
    let granted = match grant_type.as_deref() {
        Some("password") => password(org, &app, &field),
        Some("refresh_token") => refresh(org, &app, &field),
        Some("authorization_code") => authorization_code(org, &app, &field, now_ms),
        _ => client_credentials(org, &app),
    };
    match granted {
        Ok(granted) => issue(org, &app, &granted, now_ms),
        Err(refused) => refused,
    }
}

/// The client's id and secret, from the form or an `Authorization: Basic` header.
fn client(request: &Request, field: &dyn Fn(&str) -> Option<String>) -> (Option<String>, Option<String>) {
    let basic = request
        .header("Authorization")
        .and_then(|h| h.strip_prefix("Basic ").or_else(|| h.strip_prefix("basic ")))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b.trim()).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|pair| pair.split_once(':').map(|(i, s)| (i.to_string(), s.to_string())));
    match basic {
        Some((id, secret)) => (Some(id), Some(secret)),
        None => (field("client_id"), field("client_secret")),
    }
}

/// The app for `client_id`, its secret checked when `required` or given.
fn app_for(
    org: &Org,
    id: Option<String>,
    secret: Option<String>,
    required: bool,
) -> Result<crate::ConnectedApp, Response> {
    let app = id
        .and_then(|id| org.config.app(&id).cloned())
        .ok_or_else(|| oauth("invalid_client_id", "client identifier invalid"))?;
    match secret {
        Some(s) if s != app.consumer_secret => Err(oauth("invalid_client", "invalid client credentials")),
        None if required => Err(oauth("invalid_client", "invalid client credentials")),
        _ => Ok(app),
    }
}

/// The grant of `app` for a user.
pub(super) fn grant_for(app: &crate::ConnectedApp, user_id: Id) -> Grant {
    Grant { user_id, client_id: app.consumer_key.clone(), scope: app.scopes.join(" ") }
}

pub(super) fn plain(grant: Grant) -> Granted {
    Granted { grant, refresh: None, new_refresh: false }
}

fn password(
    org: &mut Org,
    app: &crate::ConnectedApp,
    field: &dyn Fn(&str) -> Option<String>,
) -> Result<Granted, Response> {
    let (username, password) = (field("username").unwrap_or_default(), field("password").unwrap_or_default());
    let accepted = org.config.password_matches(&username, &password);
    let user = accepted.then(|| users::by_username(&mut org.store, &username)).flatten();
    let user_id =
        user.as_ref().and_then(users::id_of).ok_or_else(|| oauth("invalid_grant", "authentication failure"))?;
    Ok(plain(grant_for(app, user_id)))
}

fn refresh(
    org: &mut Org,
    app: &crate::ConnectedApp,
    field: &dyn Fn(&str) -> Option<String>,
) -> Result<Granted, Response> {
    let token = field("refresh_token").unwrap_or_default();
    match org.sessions.grant(&token) {
        Some(grant) if grant.client_id == app.consumer_key => {
            Ok(Granted { grant: grant.clone(), refresh: Some(token), new_refresh: false })
        }
        _ => Err(oauth("invalid_grant", "expired access/refresh token")),
    }
}

fn client_credentials(org: &mut Org, app: &crate::ConnectedApp) -> Result<Granted, Response> {
    let run_as = app.run_as.clone().unwrap_or_default();
    let user_id = users::by_username(&mut org.store, &run_as)
        .as_ref()
        .and_then(users::id_of)
        .ok_or_else(|| oauth("invalid_grant", "no client credentials user enabled"))?;
    Ok(plain(grant_for(app, user_id)))
}

fn authorization_code(
    org: &mut Org,
    app: &crate::ConnectedApp,
    field: &dyn Fn(&str) -> Option<String>,
    now_ms: i64,
) -> Result<Granted, Response> {
    let code = field("code").unwrap_or_default();
    let (redirect, verifier) = (field("redirect_uri"), field("code_verifier"));
    let grant =
        super::authorize::redeem(org, &code, &app.consumer_key, redirect.as_deref(), verifier.as_deref(), now_ms)
            .map_err(|description| oauth("invalid_grant", description))?;
    // A refresh token comes with the code flow when the app grants the scope for it.
    let refresh = app
        .scopes
        .iter()
        .any(|s| s == "refresh_token" || s == "offline_access")
        .then(|| org.sessions.issue_refresh(&org.org_id, grant.clone()));
    let new_refresh = refresh.is_some();
    Ok(Granted { grant, refresh, new_refresh })
}

/// The success answer: a new access token and where to use it (and a new refresh token).
fn issue(org: &mut Org, app: &crate::ConnectedApp, granted: &Granted, now_ms: i64) -> Response {
    let lifetime = (org.config.token_lifetime_secs as i64).saturating_mul(1000);
    let grant = &granted.grant;
    let token = org.sessions.issue(&org.org_id, grant, granted.refresh.as_deref(), now_ms, lifetime);
    let id = identity_url(org, &grant.user_id);
    let issued_at = now_ms.to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(app.consumer_secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{id}{issued_at}").as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let mut body = json!({
        "access_token": token,
        "instance_url": org.config.instance_url,
        "id": id,
        "token_type": "Bearer",
        "issued_at": issued_at,
        "signature": signature,
        "scope": grant.scope,
    });
    if let (true, Some(refresh)) = (granted.new_refresh, &granted.refresh) {
        body["refresh_token"] = json!(refresh);
    }
    Response::json(200, &body)
}

/// `<instance>/id/<orgId18>/<userId18>`.
pub(crate) fn identity_url(org: &Org, user: &Id) -> String {
    format!("{}/id/{}/{}", org.config.instance_url, org.org_id, user)
}
