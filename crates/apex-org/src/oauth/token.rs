//! `POST /services/oauth2/token`: the password, refresh_token and client_credentials grants,
//! with the client authenticated by form fields or a Basic header, and every refusal worded
//! as the platform words it.

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

pub(crate) fn handle(org: &mut Org, request: &Request, now_ms: i64) -> Response {
    let form = request.form();
    let field = |name: &str| form.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (client_id, client_secret) = client(request, &field);
    match field("grant_type").as_deref() {
        Some("password") => password(org, client_id, client_secret, &field, now_ms),
        Some("refresh_token") => refresh(org, client_id, client_secret, &field, now_ms),
        Some("client_credentials") => client_credentials(org, client_id, client_secret, now_ms),
        Some("authorization_code") => authorization_code(org, client_id, client_secret, &field, now_ms),
        _ => oauth("unsupported_grant_type", "grant type not supported"),
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

fn password(
    org: &mut Org,
    id: Option<String>,
    secret: Option<String>,
    field: &dyn Fn(&str) -> Option<String>,
    now_ms: i64,
) -> Response {
    let app = match app_for(org, id, secret, true) {
        Ok(app) => app,
        Err(refused) => return refused,
    };
    let (username, password) = (field("username").unwrap_or_default(), field("password").unwrap_or_default());
    let accepted = org.config.password_matches(&username, &password);
    let user = accepted.then(|| users::by_username(&mut org.store, &username)).flatten();
    let Some(user_id) = user.as_ref().and_then(users::id_of) else {
        return oauth("invalid_grant", "authentication failure");
    };
    let grant = Grant { user_id, client_id: app.consumer_key.clone(), scope: app.scopes.join(" ") };
    issue(org, &app, &grant, None, now_ms)
}

fn refresh(
    org: &mut Org,
    id: Option<String>,
    secret: Option<String>,
    field: &dyn Fn(&str) -> Option<String>,
    now_ms: i64,
) -> Response {
    let app = match app_for(org, id, secret, false) {
        Ok(app) => app,
        Err(refused) => return refused,
    };
    let token = field("refresh_token").unwrap_or_default();
    let grant = match org.sessions.grant(&token) {
        Some(grant) if grant.client_id == app.consumer_key => grant.clone(),
        _ => return oauth("invalid_grant", "expired access/refresh token"),
    };
    issue(org, &app, &grant, Some(&token), now_ms)
}

fn client_credentials(org: &mut Org, id: Option<String>, secret: Option<String>, now_ms: i64) -> Response {
    let app = match app_for(org, id, secret, true) {
        Ok(app) => app,
        Err(refused) => return refused,
    };
    let run_as = app.run_as.clone().unwrap_or_default();
    let Some(user_id) = users::by_username(&mut org.store, &run_as).as_ref().and_then(users::id_of) else {
        return oauth("invalid_grant", "no client credentials user enabled");
    };
    let grant = Grant { user_id, client_id: app.consumer_key.clone(), scope: app.scopes.join(" ") };
    issue(org, &app, &grant, None, now_ms)
}

fn authorization_code(
    org: &mut Org,
    id: Option<String>,
    secret: Option<String>,
    field: &dyn Fn(&str) -> Option<String>,
    now_ms: i64,
) -> Response {
    let app = match app_for(org, id, secret, false) {
        Ok(app) => app,
        Err(refused) => return refused,
    };
    let code = field("code").unwrap_or_default();
    let (redirect, verifier) = (field("redirect_uri"), field("code_verifier"));
    let grant =
        match super::authorize::redeem(org, &code, &app.consumer_key, redirect.as_deref(), verifier.as_deref(), now_ms)
        {
            Ok(grant) => grant,
            Err(description) => return oauth("invalid_grant", description),
        };
    // A refresh token comes with the code flow when the app grants the scope for it.
    let refresh = app
        .scopes
        .iter()
        .any(|s| s == "refresh_token" || s == "offline_access")
        .then(|| org.sessions.issue_refresh(&org.org_id, grant.clone()));
    let mut answer = issue(org, &app, &grant, refresh.as_deref(), now_ms);
    if let (Some(refresh), Some(mut body)) = (refresh, answer.body_json()) {
        body["refresh_token"] = serde_json::json!(refresh);
        answer = Response::json(200, &body);
    }
    answer
}

/// The success answer: a new access token and where to use it.
fn issue(org: &mut Org, app: &crate::ConnectedApp, grant: &Grant, refresh: Option<&str>, now_ms: i64) -> Response {
    let lifetime = (org.config.token_lifetime_secs as i64).saturating_mul(1000);
    let token = org.sessions.issue(&org.org_id, grant, refresh, now_ms, lifetime);
    let id = identity_url(org, &grant.user_id);
    let issued_at = now_ms.to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(app.consumer_secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{id}{issued_at}").as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    Response::json(
        200,
        &json!({
            "access_token": token,
            "instance_url": org.config.instance_url,
            "id": id,
            "token_type": "Bearer",
            "issued_at": issued_at,
            "signature": signature,
            "scope": grant.scope,
        }),
    )
}

/// `<instance>/id/<orgId18>/<userId18>`.
pub(crate) fn identity_url(org: &Org, user: &Id) -> String {
    format!("{}/id/{}/{}", org.config.instance_url, org.org_id, user)
}
