//! The callout service behind `Http.send`: resolves the endpoint for the running user, builds
//! the request the platform would send (merge fields, custom headers, the generated
//! Authorization header), sends it through the transport, and on a refused token renews it
//! and retries once. Each step goes to the trace; no secret does.

use crate::secrets::SecretStore;
use crate::tokens::TokenWork;
use crate::transport::{Transport, WireError, WireRequest, WireResponse};
use apex_credentials::formula::{header_value, merge, FormulaContext, Place};
use apex_credentials::{AuthPlan, CallingUser, CalloutError, CalloutErrorKind, Credentials, NamedRoute};
use apex_runtime::callout::{CalloutFailure, CalloutRequest, CalloutResponse, FailureKind};
use std::time::Instant;

/// How the service runs.
pub struct ServiceConfig {
    /// The clock, in milliseconds since the epoch (JWT times).
    pub now_ms: fn() -> i64,
    /// Write fetched tokens back to the secret store file (live runs); offline tokens come
    /// from the emulated org and die with the run.
    pub persist_tokens: bool,
    /// Offline: authenticate a browser-flow principal with no stored token through the
    /// emulated org's automatic consent, as an admin's *Authenticate* click would.
    pub authenticate: Option<Box<Authenticate>>,
}

/// Authenticates a principal that has no token yet.
pub type Authenticate =
    dyn FnMut(&NamedRoute<'_>, &mut SecretStore, &mut dyn Transport) -> Result<(), AuthenticateError>;

/// Why a principal could not be authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthenticateError {
    /// The org said no (the principal stays unconfigured, as on the platform).
    Refused(String),
    /// The tool could not set up the org to ask: a fault to report, not an Apex exception.
    Setup(String),
}

pub struct CalloutService {
    credentials: Credentials,
    user: CallingUser,
    secrets: SecretStore,
    transport: Box<dyn Transport>,
    config: ServiceConfig,
    trace: Vec<String>,
}

impl CalloutService {
    pub fn new(
        credentials: Credentials,
        user: CallingUser,
        secrets: SecretStore,
        transport: Box<dyn Transport>,
        config: ServiceConfig,
    ) -> CalloutService {
        CalloutService { credentials, user, secrets, transport, config, trace: Vec::new() }
    }

    /// What happened so far, one line per step, secrets left out.
    pub fn trace(&self) -> &[String] {
        &self.trace
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Sends one Apex callout and answers as `Http.send` would.
    pub fn send(&mut self, request: &CalloutRequest) -> Result<CalloutResponse, CalloutFailure> {
        let started = Instant::now();
        let answer = self.exchange(request).map_err(failure)?;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let status = oauth2::http::StatusCode::from_u16(answer.status).ok().and_then(|s| s.canonical_reason());
        Ok(CalloutResponse {
            status_code: i32::from(answer.status),
            status: status.unwrap_or_default().to_string(),
            headers: answer.headers,
            body: answer.body,
            elapsed_ms,
        })
    }

    fn exchange(&mut self, request: &CalloutRequest) -> Result<WireResponse, CalloutError> {
        let Self { credentials, user, secrets, transport, config, trace } = self;
        let resolved = credentials.resolve(&request.endpoint, user)?;
        trace.push(format!("{} {} -> {}", request.method, request.endpoint, resolved.url));
        trace.extend(resolved.warnings.iter().map(|w| format!("warning: {w}")));
        let Some(route) = resolved.named() else {
            trace.push("allowed by a Remote Site Setting".into());
            let mut wire = plain_wire(request, &resolved.url);
            if request.compressed {
                compress(&mut wire).map_err(CalloutError::callout)?;
            }
            return send(&mut **transport, &wire, trace);
        };
        describe_route(route, trace);
        if let Some(authenticate) = config.authenticate.as_mut() {
            if needs_authentication(route, secrets) {
                trace.push("no token stored: authenticating the principal with the emulated org".into());
                match authenticate(route, secrets, &mut **transport) {
                    Ok(()) => {}
                    Err(AuthenticateError::Refused(reason)) => trace.push(format!("authentication failed: {reason}")),
                    Err(AuthenticateError::Setup(reason)) => return Err(CalloutError::unsupported(reason)),
                }
            }
        }
        credentials.check_principal(&resolved, secrets)?;
        let now_ms = (config.now_ms)();
        let persist = config.persist_tokens;
        let mut work =
            TokenWork { route, secrets, transport: &mut **transport, now_ms, trace, changed: false, persist };
        let authorization = work.authorization()?;
        let wire = build(&mut work, request, &resolved.url, authorization.as_deref())?;
        let mut answer = send(&mut *work.transport, &wire, work.trace)?;
        if route.plan.is_oauth() && refreshes_on(route, answer.status) {
            work.trace.push(format!("{}: renewing the token and trying once more", answer.status));
            let refused = authorization.as_deref().and_then(|a| a.strip_prefix("Bearer ")).unwrap_or_default();
            if work.renew_after(refused)?.is_some() {
                // The whole request again: the header, merge fields and formulas see the new token.
                let authorization = work.authorization()?;
                let wire = build(&mut work, request, &resolved.url, authorization.as_deref())?;
                answer = send(&mut *work.transport, &wire, work.trace)?;
            }
        }
        if work.changed && config.persist_tokens {
            work.secrets.save().map_err(CalloutError::callout)?;
        }
        Ok(answer)
    }
}

/// The request as Apex built it, addressed to `url`.
fn plain_wire(request: &CalloutRequest, url: &str) -> WireRequest {
    WireRequest {
        method: request.method.clone(),
        url: url.to_string(),
        headers: request.headers.clone(),
        body: request.body.clone(),
        timeout_ms: request.timeout_ms,
    }
}

/// The request the platform sends through a Named Credential: merge fields, custom headers and
/// the generated Authorization header, then compression, then an AWS signature over the result.
fn build(
    work: &mut TokenWork<'_, '_>,
    request: &CalloutRequest,
    url: &str,
    authorization: Option<&str>,
) -> Result<WireRequest, CalloutError> {
    let route = work.route;
    let mut wire = plain_wire(request, url);
    apply_credentials(route, &mut wire, work.secrets, authorization, work.trace)?;
    if request.compressed {
        compress(&mut wire).map_err(CalloutError::callout)?;
    }
    if let (AuthPlan::AwsSv4(aws), true) = (&route.plan, route.options.generate_authorization_header) {
        work.sign_aws(aws, &mut wire)?;
    }
    Ok(wire)
}

/// The statuses after which a token is renewed: 401 and the credential's extra codes.
fn refreshes_on(route: &NamedRoute<'_>, status: u16) -> bool {
    status == 401 || route.refresh_status_codes.contains(&status)
}

fn needs_authentication(route: &NamedRoute<'_>, secrets: &SecretStore) -> bool {
    let AuthPlan::OAuthBrowser(_) = route.plan else {
        return false;
    };
    let (credential, principal) = route.secret_scope();
    let has = |p: &str| secrets.get(credential, principal, p).is_some_and(|v| !v.is_empty());
    !has(apex_credentials::param::OAUTH_TOKEN) && !has(apex_credentials::param::REFRESH_TOKEN)
}

fn describe_route(route: &NamedRoute<'_>, trace: &mut Vec<String>) {
    let named = &route.named.name;
    match (route.external, &route.principal) {
        (Some(external), Some(principal)) => trace.push(format!(
            "named credential {named} -> external credential {} ({}) -> principal {}",
            external.name,
            external.protocol_name(),
            principal.name
        )),
        _ => trace.push(format!("named credential {named} (legacy)")),
    }
}

/// Merge fields (when the credential allows them), the custom headers in order, and the
/// generated Authorization header, which wins over one Apex set.
fn apply_credentials(
    route: &NamedRoute<'_>,
    wire: &mut WireRequest,
    secrets: &SecretStore,
    authorization: Option<&str>,
    trace: &mut Vec<String>,
) -> Result<(), CalloutError> {
    if route.options.allow_merge_fields_in_header {
        let context = FormulaContext::new(route, secrets, Place::Header);
        for (_, value) in wire.headers.iter_mut().filter(|(_, v)| v.contains("{!")) {
            *value = merge(value, &context)?;
        }
    }
    if route.options.allow_merge_fields_in_body && wire.body.windows(2).any(|w| w == b"{!") {
        let context = FormulaContext::new(route, secrets, Place::Body);
        wire.body = merge(&String::from_utf8_lossy(&wire.body), &context)?.into_bytes();
    }
    let body = wire.body.clone();
    let context = FormulaContext::new(route, secrets, Place::Header).with_body(&body);
    for header in &route.headers {
        let value = header_value(&header.formula, &context)?;
        trace.push(format!("custom header {}", header.name));
        set_header(&mut wire.headers, &header.name, value);
    }
    if let (true, Some(value)) = (route.options.generate_authorization_header, authorization) {
        if wire.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Authorization")) {
            trace.push("warning: the generated Authorization header replaces the one Apex set".into());
        }
        let method = value.split(' ').next().unwrap_or_default();
        trace.push(format!("Authorization: {method} (generated)"));
        set_header(&mut wire.headers, "Authorization", value.to_string());
    }
    Ok(())
}

/// `setCompressed(true)`: the body goes gzip-compressed, marked `Content-Encoding: gzip`.
fn compress(wire: &mut WireRequest) -> Result<(), String> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&wire.body).map_err(|e| e.to_string())?;
    wire.body = encoder.finish().map_err(|e| e.to_string())?;
    set_header(&mut wire.headers, "Content-Encoding", "gzip".into());
    Ok(())
}

fn set_header(headers: &mut Vec<(String, String)>, name: &str, value: String) {
    match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        Some(existing) => existing.1 = value,
        None => headers.push((name.to_string(), value)),
    }
}

fn send(
    transport: &mut dyn Transport,
    wire: &WireRequest,
    trace: &mut Vec<String>,
) -> Result<WireResponse, CalloutError> {
    match transport.send(wire) {
        Ok(answer) => {
            trace.push(format!("{} {} via the {}: {}", wire.method, wire.url, transport.name(), answer.status));
            Ok(answer)
        }
        Err(WireError::TimedOut) => Err(CalloutError::callout("Read timed out")),
        Err(WireError::Failed(reason)) => Err(CalloutError::callout(reason)),
        Err(WireError::Setup(reason)) => Err(CalloutError::unsupported(reason)),
    }
}

fn failure(error: CalloutError) -> CalloutFailure {
    let kind = match error.kind {
        CalloutErrorKind::CalloutException => FailureKind::Callout,
        CalloutErrorKind::LimitException => FailureKind::Limit,
        CalloutErrorKind::Unsupported => FailureKind::Unsupported,
    };
    CalloutFailure { kind, message: error.message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compressed_body_is_gzip_and_says_so() {
        let mut wire = WireRequest { body: b"{\"Name\":\"Acme\"}".to_vec(), ..WireRequest::default() };
        compress(&mut wire).unwrap();
        assert_eq!(wire.headers, vec![("Content-Encoding".to_string(), "gzip".to_string())]);
        let mut plain = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&wire.body[..]), &mut plain).unwrap();
        assert_eq!(plain, "{\"Name\":\"Acme\"}");
    }
}
