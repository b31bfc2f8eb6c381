//! What `Http.send` hands the host and gets back: the request as Apex built it (endpoint not
//! yet resolved), the response, or the platform's exception when the callout cannot happen.

/// One request leaving the interpreter. The endpoint is still the Apex string, so the host
/// resolves `callout:` names against its credentials.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalloutRequest {
    pub method: String,
    pub endpoint: String,
    /// Headers in the order Apex set them, each name once.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The request's own timeout, already bounded by what is left of the transaction's
    /// cumulative callout time.
    pub timeout_ms: u64,
    /// Whether the body goes gzip-compressed (`setCompressed(true)`).
    pub compressed: bool,
    /// The Apex line of the `send` call, for the debug log.
    pub line: u32,
}

/// The answer, whatever its status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalloutResponse {
    pub status_code: i32,
    pub status: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// How long the callout took, counted against the transaction's 120 seconds.
    pub elapsed_ms: u64,
}

/// The exception Apex sees when the callout fails before or instead of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalloutFailure {
    pub kind: FailureKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// `System.CalloutException`, catchable.
    Callout,
    /// `System.LimitException`, not catchable.
    Limit,
    /// `System.UnexpectedException`.
    Unexpected,
    /// Not an Apex exception: the tool cannot make this callout yet (a tool fault).
    Unsupported,
}

impl CalloutFailure {
    pub fn callout(message: impl Into<String>) -> CalloutFailure {
        CalloutFailure { kind: FailureKind::Callout, message: message.into() }
    }
}

/// A reason phrase for the common status codes, for responses that come without one.
pub fn reason_phrase(code: i32) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
