//! The REST API at `/services/data`: the versions list (no token needed), then, under a
//! served version and with a live token, resources, limits, sObject describes, records by Id
//! and by external Id, sObject Collections, Composite, queries with pagination and SOSL
//! search. Every answer carries `Sforce-Limit-Info`.

mod collections;
mod composite;
mod describe;
mod external;
mod json;

pub(crate) use json::datetime;
mod query;
mod records;
mod references;
mod version;

use crate::errors::RestError;
use crate::http::{Request, Response};
use crate::oauth::bearer;
use crate::Org;
use apex_data::Id;

/// What a REST call knows about itself once authenticated.
pub(crate) struct Call<'r> {
    pub request: &'r Request,
    /// `59.0`.
    pub version: String,
    /// The method after the `_HttpMethod=PATCH` override.
    pub method: String,
    pub user: Id,
    pub now_ms: i64,
}

pub(crate) fn handle(org: &mut Org, path: &str, request: &Request, now_ms: i64) -> Response {
    let segments: Vec<&str> = path["/services/data".len()..].split('/').filter(|s| !s.is_empty()).collect();
    let Some((first, rest)) = segments.split_first() else {
        return version::versions(org);
    };
    let Some(version) = org.config.version(first) else {
        return RestError::not_found().response();
    };
    let user = match authenticate(org, request, now_ms) {
        Ok(user) => user,
        Err(refused) => return refused.response(),
    };
    if let Some(refused) = injected_fault(org, request) {
        return refused.response();
    }
    org.api_requests += 1;
    if org.api_requests > org.config.daily_api_requests {
        return RestError::new(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").response();
    }
    let method = match (request.method.as_str(), request.param("_HttpMethod")) {
        ("POST", Some(m)) if m.eq_ignore_ascii_case("PATCH") => "PATCH".to_string(),
        (m, _) => m.to_string(),
    };
    let call = Call { request, version, method, user, now_ms };
    let answer = route(org, &call, rest).unwrap_or_else(|e| e.response());
    let usage = format!("api-usage={}/{}", org.api_requests, org.config.daily_api_requests);
    answer.with_header("Sforce-Limit-Info", &usage)
}

/// The configured failures: a token used up by its calls, or a random 503.
fn injected_fault(org: &mut Org, request: &Request) -> Option<RestError> {
    let faults = org.config.faults.clone();
    if let (Some(limit), Some(token)) = (faults.expire_after_calls, bearer(request)) {
        if org.sessions.count_call(&token) > limit {
            return Some(RestError::session());
        }
    }
    if faults.error_rate > 0.0 && org.sessions.chance() < faults.error_rate {
        return Some(RestError::new(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable."));
    }
    None
}

fn authenticate(org: &Org, request: &Request, now_ms: i64) -> Result<Id, RestError> {
    let token = bearer(request).ok_or_else(RestError::session)?;
    let session = org.sessions.check(&token, now_ms).map_err(|_| RestError::session())?;
    Ok(session.user_id.clone())
}

fn route(org: &mut Org, call: &Call, segments: &[&str]) -> Result<Response, RestError> {
    let method = call.method.as_str();
    match (segments, method) {
        ([], "GET") => Ok(version::resources(org, &call.version)),
        (["limits"], "GET") => Ok(version::limits(org)),
        (["sobjects"], "GET") => Ok(describe::global(org, &call.version)),
        (["sobjects", object], "GET") => describe::basic(org, call, object),
        (["sobjects", object], "POST") => records::create(org, call, object),
        (["sobjects", _], other) => Err(RestError::method(other, "HEAD,GET,POST")),
        (["sobjects", object, "describe"], "GET") => describe::describe(org, call, object),
        (["sobjects", object, "Id"], "POST") => records::create(org, call, object),
        (["sobjects", object, id], "GET") => records::get(org, call, object, id),
        (["sobjects", object, id], "PATCH") => records::update(org, call, object, id),
        (["sobjects", object, id], "DELETE") => records::delete(org, call, object, id),
        (["sobjects", _, _], other) => Err(RestError::method(other, "HEAD,GET,PATCH,DELETE")),
        (["sobjects", object, field, value], _) => external::handle(org, call, object, field, value),
        (["composite", "sobjects", rest @ ..], _) => collections::handle(org, call, rest),
        (["composite"], "POST") => composite::handle(org, call),
        (["composite"], other) => Err(RestError::method(other, "POST")),
        (["search"], "GET") => query::search(org, call),
        (["query" | "queryAll"], "GET") => query::run(org, call, segments[0] == "queryAll"),
        (["query" | "queryAll", locator], "GET") => query::more(org, call, locator),
        _ => Err(RestError::not_found()),
    }
}
