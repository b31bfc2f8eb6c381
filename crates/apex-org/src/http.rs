//! The org's view of HTTP: a request (method, path, query, headers, body) and the response
//! it answers with. The server and the in-process callout transport convert to and from
//! these, so the org itself does no IO.

/// One HTTP request as the org sees it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Upper-case method name: `GET`, `POST`, `PATCH`, ...
    pub method: String,
    /// The path without the query string, percent-encoded as sent.
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn new(method: &str, target: &str) -> Request {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Request { method: method.to_ascii_uppercase(), path: path.into(), query: query.into(), ..Request::default() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// A header's value by name, in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The decoded query parameters, in order.
    pub fn query_params(&self) -> Vec<(String, String)> {
        parse_form(&self.query)
    }

    /// A query parameter's decoded value.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_params().into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The body as `application/x-www-form-urlencoded` pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        parse_form(&String::from_utf8_lossy(&self.body))
    }
}

/// One HTTP response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The content type of every JSON answer; jsforce parses a body only when it says JSON.
pub const JSON: &str = "application/json;charset=UTF-8";

impl Response {
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), JSON.into())],
            body: serde_json::to_vec(value).unwrap_or_default(),
        }
    }

    pub fn empty(status: u16) -> Response {
        Response { status, headers: Vec::new(), body: Vec::new() }
    }

    /// An `application/x-www-form-urlencoded` body, as some OAuth errors are sent.
    pub fn form(status: u16, pairs: &[(&str, &str)]) -> Response {
        let body = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/x-www-form-urlencoded".into())],
            body: body.into_bytes(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON (tests and the callout runtime read answers this way).
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// `a=1&b=x+y` as decoded pairs; `+` is a space, as forms encode it.
pub fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name, true), decode(value, true))
        })
        .collect()
}

/// Percent-decodes `text`; with `plus_is_space`, `+` becomes a space (forms and query
/// strings), otherwise it stays (path segments). Invalid escapes are kept as written.
pub fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_queries_decode_plus_and_percent_escapes() {
        assert_eq!(
            parse_form("q=SELECT+Id+FROM+Account&x=%27a%27&bad=%zz&end=%4"),
            [
                ("q".to_string(), "SELECT Id FROM Account".to_string()),
                ("x".to_string(), "'a'".to_string()),
                ("bad".to_string(), "%zz".to_string()),
                ("end".to_string(), "%4".to_string())
            ]
        );
        assert_eq!(decode("a+b%20c", false), "a+b c");
        assert_eq!(encode("client identifier invalid"), "client%20identifier%20invalid");
    }
}
