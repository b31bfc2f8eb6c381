//! OAuth 2.0 as the org serves it: authorize, the token endpoint, revoke, userinfo and the
//! identity URL. Errors are the platform's exact `{error, error_description}` pairs.

mod assertion;
mod authorize;
mod identity;
mod jwt_bearer;
mod token;
pub(crate) mod users;

pub(crate) use identity::identity;

use crate::errors::RestError;
use crate::http::{Request, Response};
use crate::Org;

pub(crate) fn handle(org: &mut Org, rest: &str, request: &Request, now_ms: i64) -> Response {
    match (rest, request.method.as_str()) {
        ("token", "POST") => token::handle(org, request, now_ms),
        ("authorize", "GET") => authorize::authorize(org, request, now_ms),
        ("revoke", "POST" | "GET") => revoke(org, request),
        ("userinfo", "GET" | "POST") => identity::userinfo(org, request, now_ms),
        ("token" | "revoke", method) => RestError::method(method, "POST").response(),
        _ => RestError::not_found().response(),
    }
}

/// `POST /services/oauth2/revoke` with `token=`: 200 and an empty body, or a form-encoded
/// error (jsforce parses revoke errors as a form).
fn revoke(org: &mut Org, request: &Request) -> Response {
    let token = request.form().into_iter().chain(request.query_params()).find(|(n, _)| n == "token").map(|(_, v)| v);
    match token {
        Some(token) if org.sessions.revoke(&token) => Response::empty(200),
        Some(_) => Response::form(400, &[("error", "invalid_token"), ("error_description", "Token was invalid")]),
        None => Response::form(
            400,
            &[("error", "unsupported_token_type"), ("error_description", "Token type not supported")],
        ),
    }
}

/// The bearer token of a request: `Authorization: Bearer x` or `OAuth x`, or `oauth_token=x`.
pub(crate) fn bearer(request: &Request) -> Option<String> {
    if let Some(value) = request.header("Authorization") {
        let (scheme, token) = value.trim().split_once(' ')?;
        return (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
            .then(|| token.trim().to_string());
    }
    request.param("oauth_token")
}
