//! Composite at `POST /composite`: up to 25 subrequests run in order through the org's own
//! REST routes, later ones reading earlier answers through `@{refId.path}` references. With
//! `allOrNone`, one failure rolls everything back and every other subrequest answers
//! PROCESSING_HALTED. The whole call counts as one API request.

use super::references::{self, Answers, Rules};
use super::{route, Call};
use crate::errors::RestError;
use crate::http::{Request, Response};
use crate::Org;
use serde_json::{json, Map, Value};

const MAX_SUBREQUESTS: usize = 25;
const SAVEPOINT: &str = "composite";
const ROLLED_BACK: &str = "The transaction was rolled back since another operation in the same transaction failed.";
/// Headers every subrequest inherits from the composite request and may not set itself.
const INHERITED: [&str; 3] = ["Accept", "Authorization", "Content-Type"];

/// One entry of `compositeRequest`.
struct Subrequest {
    method: String,
    url: String,
    reference_id: String,
    body: Option<Value>,
    headers: Vec<(String, String)>,
}

/// What a subrequest answered.
struct Outcome {
    status: u16,
    headers: Map<String, Value>,
    body: Value,
}

pub(crate) fn handle(org: &mut Org, call: &Call) -> Result<Response, RestError> {
    let (all_or_none, subrequests) = parse(call)?;
    let rules = Rules { null_resolves: major(&call.version) >= 52 };
    org.store.savepoint(SAVEPOINT).map_err(RestError::store)?;
    let mut answers: Vec<(&str, Value)> = Vec::with_capacity(subrequests.len());
    let mut outcomes = Vec::with_capacity(subrequests.len());
    for subrequest in &subrequests {
        let outcome = run(org, call, subrequest, &answers, rules);
        let failed = outcome.status >= 400;
        answers.push((&subrequest.reference_id, outcome.body.clone()));
        outcomes.push(outcome);
        if all_or_none && failed {
            org.store.rollback_to(SAVEPOINT).map_err(RestError::store)?;
            break;
        }
    }
    org.store.release(SAVEPOINT).map_err(RestError::store)?;
    let results = results(&subrequests, &outcomes, all_or_none);
    Ok(Response::json(200, &json!({ "compositeResponse": results })))
}

/// One result per subrequest. With allOrNone and a failure, only the failure speaks: every
/// other subrequest was undone or never ran.
fn results(subrequests: &[Subrequest], outcomes: &[Outcome], all_or_none: bool) -> Vec<Value> {
    let failed_at = if all_or_none { outcomes.iter().position(|o| o.status >= 400) } else { None };
    let undone = halted(ROLLED_BACK);
    let shown = |i: usize| match (failed_at, outcomes.get(i)) {
        (Some(at), Some(outcome)) if at == i => outcome,
        (None, Some(outcome)) => outcome,
        _ => &undone,
    };
    subrequests.iter().enumerate().map(|(i, subrequest)| result(subrequest, shown(i))).collect()
}

/// One subrequest: its references resolved, then dispatched.
fn run(org: &mut Org, call: &Call, subrequest: &Subrequest, answers: &Answers, rules: Rules) -> Outcome {
    let url = match references::in_text(&subrequest.url, answers, rules) {
        Ok(url) => url,
        Err(unresolved) => return halted(&unresolved.message()),
    };
    let body = match subrequest.body.as_ref().map(|b| references::in_json(b, answers, rules)).transpose() {
        Ok(body) => body,
        Err(unresolved) => return halted(&unresolved.message()),
    };
    let mut request = Request::new(&subrequest.method, &url);
    for name in INHERITED {
        if let Some(value) = call.request.header(name) {
            request = request.with_header(name, value);
        }
    }
    for (name, value) in &subrequest.headers {
        request = request.with_header(name, value);
    }
    if let Some(body) = body {
        request.body = body.to_string().into_bytes();
    }
    outcome(dispatch(org, call, &request))
}

/// Routes a subrequest as the REST API would, as the composite call's user; only the
/// resources Composite supports (sObjects, queries, sObject Collections) are reachable.
fn dispatch(org: &mut Org, call: &Call, request: &Request) -> Response {
    let path = request.path.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (version, rest) = match segments.as_slice() {
        ["services", "data", version, rest @ ..] => (org.config.version(version), rest),
        _ => (None, &[][..]),
    };
    let supported = matches!(rest, ["sobjects", ..] | ["query" | "queryAll", ..] | ["composite", "sobjects", ..]);
    let Some(version) = version.filter(|_| supported) else {
        return RestError::not_found().response();
    };
    let sub_call =
        Call { request, version, method: request.method.clone(), user: call.user.clone(), now_ms: call.now_ms };
    route(org, &sub_call, rest).unwrap_or_else(|e| e.response())
}

/// A subrequest's answer as the composite response shows it.
fn outcome(response: Response) -> Outcome {
    let headers = response
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("Content-Type"))
        .map(|(name, value)| (name.clone(), Value::String(value.clone())))
        .collect();
    let body = match serde_json::from_slice(&response.body) {
        Ok(body) => body,
        Err(_) if response.body.is_empty() => Value::Null,
        Err(_) => Value::String(String::from_utf8_lossy(&response.body).into_owned()),
    };
    Outcome { status: response.status, headers, body }
}

/// A subrequest that did not run, or was undone.
fn halted(message: &str) -> Outcome {
    let body = json!([{ "errorCode": "PROCESSING_HALTED", "message": message }]);
    Outcome { status: 400, headers: Map::new(), body }
}

fn result(subrequest: &Subrequest, outcome: &Outcome) -> Value {
    json!({
        "body": outcome.body,
        "httpHeaders": outcome.headers,
        "httpStatusCode": outcome.status,
        "referenceId": subrequest.reference_id,
    })
}

/// `59` of `59.0`.
fn major(version: &str) -> u32 {
    version.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0)
}

/// `{"allOrNone": bool, "collateSubrequests": bool, "compositeRequest": [...]}`. The
/// subrequests always run in order, which collation permits.
fn parse(call: &Call) -> Result<(bool, Vec<Subrequest>), RestError> {
    if call.request.body.is_empty() {
        return Err(parser_error("The HTTP entity body is required, but this request has no entity body."));
    }
    let value: Value = serde_json::from_slice(&call.request.body)
        .map_err(|e| parser_error(&format!("{e} at [line:{}, column:{}]", e.line(), e.column())))?;
    let Some(list) = value.get("compositeRequest").and_then(Value::as_array) else {
        return Err(parser_error("The request has no compositeRequest list of subrequests."));
    };
    if list.len() > MAX_SUBREQUESTS {
        // The wording is ours; the limit is the platform's [unconfirmed message].
        let message =
            format!("A composite request has at most {MAX_SUBREQUESTS} subrequests; this one has {}.", list.len());
        return Err(RestError::new(400, "LIMIT_EXCEEDED", message));
    }
    let subrequests = list.iter().enumerate().map(|(i, item)| subrequest(i, item)).collect::<Result<Vec<_>, _>>()?;
    if major(&call.version) >= 52 {
        if let Some(bad) = subrequests.iter().find(|s| !valid_reference_id(&s.reference_id)) {
            return Err(parser_error(&format!(
                "Provided referenceId ('{}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').",
                bad.reference_id
            )));
        }
    }
    Ok((value.get("allOrNone").and_then(Value::as_bool).unwrap_or(false), subrequests))
}

/// The subrequest at `index`; method, url and referenceId are required.
fn subrequest(index: usize, item: &Value) -> Result<Subrequest, RestError> {
    let text = |key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| parser_error(&format!("Subrequest {index} of compositeRequest has no {key}.")))
    };
    let (method, url, reference_id) = (text("method")?, text("url")?, text("referenceId")?);
    let mut headers = Vec::new();
    for (name, value) in item.get("httpHeaders").and_then(Value::as_object).into_iter().flatten() {
        if INHERITED.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            // The platform refuses the whole request [unconfirmed message].
            let message = format!("Subrequest '{reference_id}' sets the {name} header; subrequests take Accept, Authorization and Content-Type from the composite request.");
            return Err(RestError::new(400, "INVALID_API_INPUT", message));
        }
        let value = value.as_str().map_or_else(|| value.to_string(), str::to_string);
        headers.push((name.clone(), value));
    }
    Ok(Subrequest { method, url, reference_id, body: item.get("body").cloned(), headers })
}

/// Letters, digits and underscores, starting with a letter or a digit.
fn valid_reference_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parser_error(message: &str) -> RestError {
    RestError::new(400, "JSON_PARSER_ERROR", message)
}
