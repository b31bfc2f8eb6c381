//! Who a token belongs to: `GET /services/oauth2/userinfo` (OpenID Connect style) and the
//! identity URL `GET /id/<orgId>/<userId>`.

use super::{bearer, users};
use crate::errors::RestError;
use crate::http::{Request, Response};
use crate::Org;
use apex_data::{Id, Record};
use serde_json::{json, Value};

/// The user of the request's live token.
fn session_user(org: &mut Org, request: &Request, now_ms: i64) -> Result<Record, Response> {
    let token = bearer(request).ok_or_else(|| RestError::session().response())?;
    let user_id = org.sessions.check(&token, now_ms).map_err(|_| RestError::session().response())?.user_id.clone();
    users::by_id(&mut org.store, &user_id).ok_or_else(|| RestError::session().response())
}

pub(crate) fn userinfo(org: &mut Org, request: &Request, now_ms: i64) -> Response {
    let user = match session_user(org, request, now_ms) {
        Ok(user) => user,
        Err(refused) => return refused,
    };
    let user_id = users::id_of(&user).map(|id| id.to_string()).unwrap_or_default();
    let sub = format!("{}/id/{}/{user_id}", org.config.instance_url, org.org_id);
    let mut body = json!({
        "sub": sub,
        "user_id": user_id,
        "organization_id": org.org_id.to_string(),
        "preferred_username": users::text(&user, "Username"),
        "nickname": users::text(&user, "Alias"),
        "name": users::text(&user, "Name"),
        "given_name": users::text(&user, "FirstName"),
        "family_name": users::text(&user, "LastName"),
        "zoneinfo": users::text(&user, "TimeZoneSidKey"),
    });
    shared(org, &user, &mut body);
    Response::json(200, &body)
}

/// The fields userinfo and the identity URL both report.
fn shared(org: &Org, user: &Record, body: &mut Value) {
    let fields = [
        ("email", json!(users::text(user, "Email"))),
        ("email_verified", json!(true)),
        ("active", json!(true)),
        ("user_type", json!("STANDARD")),
        ("language", json!(users::text(user, "LanguageLocaleKey"))),
        ("locale", json!(users::text(user, "LocaleSidKey"))),
        ("utcOffset", json!(0)),
        ("urls", urls(org)),
        ("is_app_installed", json!(true)),
    ];
    for (key, value) in fields {
        body[key] = value;
    }
}

/// `GET /id/<orgId>/<userId>`: the token's own user, who must be the one named.
pub(crate) fn identity(org: &mut Org, rest: &str, request: &Request, now_ms: i64) -> Response {
    let user = match session_user(org, request, now_ms) {
        Ok(user) => user,
        Err(refused) => return refused,
    };
    let user_id = users::id_of(&user);
    let named: Vec<Option<Id>> = rest.split('/').map(Id::parse).collect();
    if named.len() != 2 || named[0].as_ref() != Some(&org.org_id) || named[1] != user_id {
        return RestError::not_found().response();
    }
    let user_id = user_id.map(|id| id.to_string()).unwrap_or_default();
    let mut body = json!({
        "id": format!("{}/id/{}/{user_id}", org.config.instance_url, org.org_id),
        "asserted_user": true,
        "user_id": user_id,
        "organization_id": org.org_id.to_string(),
        "username": users::text(&user, "Username"),
        "nick_name": users::text(&user, "Alias"),
        "display_name": users::text(&user, "Name"),
        "first_name": users::text(&user, "FirstName"),
        "last_name": users::text(&user, "LastName"),
        "timezone": users::text(&user, "TimeZoneSidKey"),
    });
    shared(org, &user, &mut body);
    Response::json(200, &body)
}

/// The API URLs an identity lists, with `{version}` left for clients to fill in.
fn urls(org: &Org) -> Value {
    let base = format!("{}/services/data/v{{version}}", org.config.instance_url);
    json!({
        "rest": format!("{base}/"),
        "sobjects": format!("{base}/sobjects/"),
        "search": format!("{base}/search/"),
        "query": format!("{base}/query/"),
        "recent": format!("{base}/recent/"),
        "profile": format!("{}/{}", org.config.instance_url, org.org_id),
        "custom_domain": org.config.instance_url,
    })
}
