//! `System.Http`: `send` runs the platform's checks in its order (callout limit, pending
//! work, an async context that may not call out, the test mock or, in a test without one, a refusal), then hands the request to the host, which resolves and sends it.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_http_http.htm

use super::args::value as arg;
use super::http_request::{self, RequestState};
use super::http_response;
use super::{ret, Native, Ret};
use crate::callout::{CalloutFailure, CalloutRequest, FailureKind};
use crate::eval::{Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "Http";

/// Callouts one transaction may make.
pub const MAX_CALLOUTS: u32 = 100;
/// A request's timeout when Apex sets none.
pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;
/// The callout time one transaction may spend in all.
pub const TOTAL_TIMEOUT_MS: u64 = 120_000;

pub static CONSTRUCTORS: &[Native] =
    &[Native::pure("new", 0, Ret::Ty(Ty::System(CLASS)), |_| Ok(Value::Native(Rc::new(NativeObject::new(CLASS, ())))))];

pub static INSTANCE: &[Native] = &[
    Native::interp("send", 1, http_response::TY, send),
    Native::pure("tostring", 0, ret::STRING, |_| Ok(Value::string("System.Http"))),
];

/// What a test that calls out without `Test.setMock` gets.
pub const NO_MOCK_IN_TEST: &str = "Methods defined as TestMethod do not support Web service callouts";

/// The callout side of a transaction: the mock a test set and the time spent so far.
#[derive(Debug, Default)]
pub struct CalloutState {
    /// The `HttpCalloutMock` from `Test.setMock`, answering instead of the host.
    pub mock: Option<Value>,
    pub elapsed_ms: u64,
}

pub(crate) fn send(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let request_value = arg(args, 1)?.clone();
    let request = http_request::snapshot(&request_value)?;
    interp.limits.callouts += 1;
    if interp.limits.callouts > MAX_CALLOUTS {
        return Err(Throw::sys(SysExc::Limit, format!("Too many callouts: {}", interp.limits.callouts)));
    }
    // A test may not reach the network: without a mock the platform refuses the callout,
    // before it looks at pending work (callouts.md §10).
    let mock = interp.callouts.mock.clone();
    if mock.is_none() && interp.limits.in_test {
        return Err(callout_error(NO_MOCK_IN_TEST));
    }
    // DML and queued jobs are uncommitted work until the transaction ends.
    if interp.limits.has_pending_work() {
        let message = "You have uncommitted work pending. Please commit or rollback before calling out";
        return Err(Throw::sys(SysExc::Callout, message));
    }
    if let Some(refusal) = interp.jobs.context.callout_refusal() {
        return Err(callout_error(refusal));
    }
    if let Some(mock) = mock {
        return respond(interp, mock, request_value);
    }
    let mut outgoing = outgoing(&request, interp.callouts.elapsed_ms)?;
    outgoing.line = interp.program.line_col(interp.span).0;
    check_size("request", outgoing.body.len())?;
    // A failed callout spends its time too (a timeout most of all).
    let started = std::time::Instant::now();
    let answer = interp.host.callout(&outgoing);
    let waited = started.elapsed().as_millis() as u64;
    let response = answer.inspect_err(|_| interp.callouts.elapsed_ms += waited).map_err(exception)?;
    interp.callouts.elapsed_ms += response.elapsed_ms.max(waited);
    check_size("response", response.body.len())?;
    Ok(http_response::from_callout(response))
}

/// The mock's answer. A mock that answers null gives Apex a null response, as on the platform.
fn respond(interp: &mut Interp, mock: Value, request: Value) -> Result<Value, Throw> {
    interp.call_dynamic(mock, "respond", vec![request])
}

/// The request as it goes on the wire: a GET with a body is sent as a POST, and the timeout
/// is what is left of the transaction's callout time when that is shorter.
fn outgoing(request: &RequestState, elapsed_ms: u64) -> Result<CalloutRequest, Throw> {
    let endpoint = request.endpoint.clone().ok_or_else(|| callout_error("Endpoint cannot be null"))?;
    let mut method = request.method.clone().ok_or_else(|| callout_error("Method cannot be null"))?;
    let body = request.body.clone().unwrap_or_default();
    if method.eq_ignore_ascii_case("GET") && !body.is_empty() {
        method = "POST".into();
    }
    let wanted = request.timeout_ms.map_or(DEFAULT_TIMEOUT_MS, |t| t as u64);
    let left = TOTAL_TIMEOUT_MS.saturating_sub(elapsed_ms);
    if left == 0 {
        return Err(callout_error("Read timed out"));
    }
    Ok(CalloutRequest {
        method,
        endpoint,
        headers: request.headers.clone(),
        body,
        timeout_ms: wanted.min(left),
        compressed: request.compressed,
        line: 0,
    })
}

/// The largest request or response body of a synchronous transaction.
pub const MAX_BODY_BYTES: usize = 6_000_000;

fn check_size(which: &str, bytes: usize) -> Result<(), Throw> {
    if bytes <= MAX_BODY_BYTES {
        return Ok(());
    }
    Err(callout_error(&format!("Exceeded max size limit of {MAX_BODY_BYTES} with {which} size {bytes}")))
}

fn callout_error(message: &str) -> Throw {
    Throw::sys(SysExc::Callout, message)
}

/// The Apex exception for a failure the host reports.
fn exception(failure: CalloutFailure) -> Throw {
    let kind = match failure.kind {
        FailureKind::Callout => SysExc::Callout,
        FailureKind::Limit => SysExc::Limit,
        FailureKind::Unexpected => SysExc::Unexpected,
        FailureKind::Unsupported => return Throw::fault(crate::eval::Fault::Unsupported(failure.message)),
    };
    Throw::sys(kind, failure.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::RecordingHost;

    /// `send` with a request to a public endpoint; the receiver is not looked at.
    fn send_get(interp: &mut Interp) -> Result<Value, Throw> {
        let request = http_request::new_request();
        if let Value::Native(object) = &request {
            if let Some(mut state) = object.state::<RequestState>() {
                state.endpoint = Some("https://example.com/ping".into());
                state.method = Some("GET".into());
            }
        }
        send(interp, &[Value::Null, request])
    }

    #[test]
    fn a_test_without_a_mock_may_not_call_out() {
        let mut host = RecordingHost::default();
        let mut interp = Interp::for_tests(&mut host);
        interp.limits.in_test = true;
        let thrown = send_get(&mut interp).expect_err("the callout is refused");
        assert_eq!(thrown.as_sys(), Some((SysExc::Callout, NO_MOCK_IN_TEST)));
        assert_eq!(interp.limits.callouts, 1, "the refused callout still counts");
    }

    #[test]
    fn outside_a_test_the_host_answers() {
        let mut host = RecordingHost::default();
        let mut interp = Interp::for_tests(&mut host);
        let thrown = send_get(&mut interp).expect_err("a recording host makes no callouts");
        let (_, message) = thrown.as_sys().expect("a system exception");
        assert!(message.starts_with("Unable to reach"), "{message}");
    }

    #[test]
    fn bodies_up_to_six_million_bytes_pass_and_larger_ones_fail_with_their_size() {
        assert!(check_size("request", MAX_BODY_BYTES).is_ok());
        let refused = check_size("response", MAX_BODY_BYTES + 1).unwrap_err();
        let text = format!("{refused:?}");
        assert!(text.contains("Exceeded max size limit of 6000000 with response size 6000001"), "{text}");
    }
}
