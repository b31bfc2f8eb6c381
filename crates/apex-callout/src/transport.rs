//! Where a callout goes once resolved: the emulated org in-process (offline, the default) or
//! the network (`--live`). Both take and give plain requests and responses.

use std::time::Duration;

/// A request ready for the wire: final URL, every header, the body. Its `Debug` shows header
/// names only (the Authorization header and a merged body hold secrets).
#[derive(Clone, Default, PartialEq)]
pub struct WireRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub timeout_ms: u64,
}

impl std::fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("WireRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// What came back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WireResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl WireResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why nothing came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireError {
    /// The wait exceeded the request's timeout.
    TimedOut,
    /// No connection, a TLS failure, a bad URL: the reason as the network library gives it.
    Failed(String),
    /// The tool could not set up the target (the emulated org's project): a tool fault.
    Setup(String),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::TimedOut => f.write_str("Read timed out"),
            WireError::Failed(reason) | WireError::Setup(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for WireError {}

pub trait Transport {
    fn send(&mut self, request: &WireRequest) -> Result<WireResponse, WireError>;
    /// Gets ready to send (a transport made on first use makes itself now).
    fn prepare(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// A short name for traces: `emulated org` or `network`.
    fn name(&self) -> &'static str;
}

/// The emulated target org, answered in-process with no socket: whatever the host, the
/// request's path and query go to the org's handler.
pub struct InProcess {
    pub org: apex_org::Org,
    /// The clock the org sees, in milliseconds since the epoch.
    pub now_ms: fn() -> i64,
}

impl Transport for InProcess {
    fn send(&mut self, request: &WireRequest) -> Result<WireResponse, WireError> {
        let target =
            path_and_query(&request.url).ok_or_else(|| WireError::Failed(format!("no protocol: {}", request.url)))?;
        let mut wire = apex_org::http::Request::new(&request.method, &target).with_body(request.body.clone());
        wire.headers = request.headers.clone();
        let answer = self.org.handle(&wire, (self.now_ms)());
        Ok(WireResponse { status: answer.status, headers: answer.headers, body: answer.body })
    }

    fn name(&self) -> &'static str {
        "emulated org"
    }
}

/// `/path?query` of an absolute http(s) URL.
fn path_and_query(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    let mut target = parsed.path().to_string();
    if let Some(query) = parsed.query() {
        target.push('?');
        target.push_str(query);
    }
    Some(target)
}

/// The network, through a blocking reqwest client.
pub struct Live {
    client: reqwest::blocking::Client,
}

impl Live {
    /// A client that also trusts the PEM certificates given (a local `apex org serve --tls`).
    pub fn new(extra_roots: &[Vec<u8>]) -> Result<Live, String> {
        let mut builder = reqwest::blocking::Client::builder().redirect(reqwest::redirect::Policy::none());
        for pem in extra_roots {
            let cert = reqwest::Certificate::from_pem(pem).map_err(|e| format!("a CA certificate: {e}"))?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder.build().map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Live { client })
    }
}

impl Transport for Live {
    fn send(&mut self, request: &WireRequest) -> Result<WireResponse, WireError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| WireError::Failed(format!("Invalid HTTP method: {}", request.method)))?;
        let mut outgoing = self.client.request(method, &request.url).body(request.body.clone());
        for (name, value) in &request.headers {
            outgoing = outgoing.header(name, value);
        }
        outgoing = outgoing.timeout(Duration::from_millis(request.timeout_ms.max(1)));
        let answer = outgoing.send().map_err(failure)?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = answer.bytes().map_err(failure)?.to_vec();
        Ok(WireResponse { status, headers, body })
    }

    fn name(&self) -> &'static str {
        "network"
    }
}

fn failure(error: reqwest::Error) -> WireError {
    if error.is_timeout() {
        return WireError::TimedOut;
    }
    if error.is_builder() {
        return WireError::Failed(format!("no protocol: {}", error.url().map(|u| u.as_str()).unwrap_or("")));
    }
    // The innermost cause says what went wrong (connection refused, certificate unknown).
    let mut cause: &dyn std::error::Error = &error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    WireError::Failed(format!("{cause}: {}", error.url().map(|u| u.as_str()).unwrap_or("")))
}

/// The network, with some origins sent elsewhere: a live setup tried against a local
/// `apex org serve` (`--route https://target.my.salesforce.com=http://127.0.0.1:8787`).
pub struct Routed {
    pub inner: Live,
    /// Origin prefixes and their replacements, without trailing slashes.
    pub routes: Vec<(String, String)>,
}

impl Routed {
    pub fn reroute(&self, url: &str) -> String {
        for (from, to) in &self.routes {
            // Scheme and host ignore case.
            let Some(head) = url.get(..from.len()).filter(|head| head.eq_ignore_ascii_case(from)) else {
                continue;
            };
            let rest = &url[head.len()..];
            if rest.is_empty() || rest.starts_with(['/', '?']) {
                return format!("{to}{rest}");
            }
        }
        url.to_string()
    }
}

impl Transport for Routed {
    fn send(&mut self, request: &WireRequest) -> Result<WireResponse, WireError> {
        let url = self.reroute(&request.url);
        if url == request.url {
            return self.inner.send(request);
        }
        self.inner.send(&WireRequest { url, ..request.clone() })
    }

    fn name(&self) -> &'static str {
        "network"
    }
}
