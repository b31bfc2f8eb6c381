//! `System.Url`: a URL taken apart as Java's `java.net.URL` does (protocol, authority, user
//! info, host, port, path, query, ref), relative resolution against a context URL, and the org's
//! own domain from the running user.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_url.htm

use super::args::value as arg;
use super::args::{integer, text};
use super::{ret, Native, Ret};
use crate::eval::{Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "Url";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

pub static CONSTRUCTORS: &[Native] = &[
    Native::pure("new", 1, TY, new_from_spec),
    Native::pure("new", 2, TY, new_in_context),
    Native::pure("new", 3, TY, new_from_parts),
    Native::pure("new", 4, TY, new_from_parts),
];

pub static STATIC: &[Native] = &[
    Native::interp("getorgdomainurl", 0, TY, org_domain),
    Native::interp("getsalesforcebaseurl", 0, TY, org_domain),
    Native::interp("getcurrentrequesturl", 0, TY, org_domain),
];

pub static INSTANCE: &[Native] = &[
    Native::pure("getprotocol", 0, ret::STRING, |a| part(a, |u| Some(u.protocol.clone()))),
    Native::pure("gethost", 0, ret::STRING, |a| part(a, |u| Some(u.host.clone()))),
    Native::pure("getport", 0, ret::INTEGER, |a| with(a, |u| Value::Integer(u.port))),
    Native::pure("getdefaultport", 0, ret::INTEGER, |a| with(a, |u| Value::Integer(default_port(&u.protocol)))),
    Native::pure("getauthority", 0, ret::STRING, |a| part(a, Parts::authority)),
    Native::pure("getuserinfo", 0, ret::STRING, |a| part(a, |u| u.user_info.clone())),
    Native::pure("getpath", 0, ret::STRING, |a| part(a, |u| Some(u.path.clone()))),
    Native::pure("getquery", 0, ret::STRING, |a| part(a, |u| u.query.clone())),
    Native::pure("getref", 0, ret::STRING, |a| part(a, |u| u.reference.clone())),
    Native::pure("getfile", 0, ret::STRING, |a| part(a, |u| Some(u.file()))),
    Native::pure("toexternalform", 0, ret::STRING, |a| part(a, |u| Some(u.external_form()))),
    Native::pure("tostring", 0, ret::STRING, |a| part(a, |u| Some(u.external_form()))),
    Native::pure("samefile", 1, ret::BOOLEAN, same_file),
];

/// A parsed URL. `port` is -1 when the URL names none.
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    pub protocol: String,
    pub user_info: Option<String>,
    pub host: String,
    pub port: i32,
    pub path: String,
    pub query: Option<String>,
    pub reference: Option<String>,
}

impl Parts {
    /// An absolute URL: `protocol://[userinfo@]host[:port][/path][?query][#ref]`.
    pub fn parse(spec: &str) -> Result<Parts, String> {
        let spec = spec.trim();
        let Some((protocol, rest)) = spec.split_once(':') else {
            return Err(format!("no protocol: {spec}"));
        };
        if protocol.is_empty() || !protocol.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) {
            return Err(format!("no protocol: {spec}"));
        }
        let protocol = protocol.to_ascii_lowercase();
        if !matches!(protocol.as_str(), "http" | "https" | "ftp" | "file" | "mailto") {
            return Err(format!("unknown protocol: {protocol}"));
        }
        let (rest, reference) = split_first(rest, '#');
        let (rest, query) = split_first(rest, '?');
        let (authority, path) = match rest.strip_prefix("//") {
            Some(after) => match after.find('/') {
                Some(at) => (Some(&after[..at]), &after[at..]),
                None => (Some(after), ""),
            },
            None => (None, rest),
        };
        let mut parts = Parts {
            protocol,
            user_info: None,
            host: String::new(),
            port: -1,
            path: path.to_string(),
            query: query.map(str::to_string),
            reference: reference.map(str::to_string),
        };
        if let Some(authority) = authority {
            parts.set_authority(authority, spec)?;
        }
        Ok(parts)
    }

    fn set_authority(&mut self, authority: &str, spec: &str) -> Result<(), String> {
        let (user_info, host_port) = match authority.rsplit_once('@') {
            Some((user, rest)) => (Some(user.to_string()), rest),
            None => (None, authority),
        };
        self.user_info = user_info;
        // An IPv6 host is bracketed (`[::1]`); the port follows the closing bracket.
        let port_at = match host_port.rfind(']') {
            Some(close) => host_port[close..].find(':').map(|at| close + at),
            None => host_port.rfind(':'),
        };
        let (host, port) = match port_at {
            Some(at) => {
                let port = &host_port[at + 1..];
                let number = if port.is_empty() {
                    -1
                } else {
                    port.parse::<i32>().map_err(|_| format!("For input string: \"{port}\" in {spec}"))?
                };
                if number < -1 || port.starts_with('-') {
                    return Err(format!("Invalid port number :{port}"));
                }
                (&host_port[..at], number)
            }
            None => (host_port, -1),
        };
        self.host = host.to_string();
        self.port = port;
        Ok(())
    }

    /// `spec` read against this URL, as `new Url(context, spec)` does.
    pub fn resolve(&self, spec: &str) -> Result<Parts, String> {
        if has_scheme(spec) {
            return Parts::parse(spec);
        }
        if let Some(rest) = spec.strip_prefix("//") {
            return Parts::parse(&format!("{}://{rest}", self.protocol));
        }
        let mut out = self.clone();
        let (rest, reference) = split_first(spec, '#');
        out.reference = reference.map(str::to_string);
        if rest.is_empty() {
            return Ok(out);
        }
        let (path, query) = split_first(rest, '?');
        out.query = query.map(str::to_string);
        if path.is_empty() {
            // A query alone keeps the base's directory, as java.net.URL (RFC 2396) does.
            out.path = self.path.rfind('/').map_or(String::new(), |at| self.path[..=at].to_string());
            return Ok(out);
        }
        out.path = if path.starts_with('/') {
            path.to_string()
        } else {
            let base = self.path.rfind('/').map_or("/", |at| &self.path[..=at]);
            format!("{}{path}", if base.is_empty() { "/" } else { base })
        };
        out.path = remove_dot_segments(&out.path);
        Ok(out)
    }

    pub fn authority(&self) -> Option<String> {
        if self.host.is_empty() && self.user_info.is_none() {
            return None;
        }
        let mut out = String::new();
        if let Some(user) = &self.user_info {
            out.push_str(user);
            out.push('@');
        }
        out.push_str(&self.host);
        if self.port >= 0 {
            out.push_str(&format!(":{}", self.port));
        }
        Some(out)
    }

    pub fn file(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        }
    }

    pub fn external_form(&self) -> String {
        let mut out = format!("{}:", self.protocol);
        if let Some(authority) = self.authority() {
            out.push_str("//");
            out.push_str(&authority);
        }
        out.push_str(&self.file());
        if let Some(r) = &self.reference {
            out.push('#');
            out.push_str(r);
        }
        out
    }
}

fn split_first(text: &str, at: char) -> (&str, Option<&str>) {
    match text.split_once(at) {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    }
}

/// Whether a spec starts with a scheme (`https:`), which makes it absolute.
fn has_scheme(spec: &str) -> bool {
    let Some((scheme, _)) = spec.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !scheme.contains('/')
}

/// Removes `.` and `..` segments from a path, as URL resolution does.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let trailing = path.ends_with("/.") || path.ends_with("/..");
    let mut out = format!("/{}", segments.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

fn default_port(protocol: &str) -> i32 {
    match protocol {
        "http" => 80,
        "https" => 443,
        "ftp" => 21,
        _ => -1,
    }
}

pub fn url_value(parts: Parts) -> Value {
    Value::Native(Rc::new(NativeObject::new(CLASS, parts)))
}

fn malformed(message: String) -> Throw {
    Throw::sys(SysExc::String, format!("java.net.MalformedURLException: {message}"))
}

fn parts_of(value: &Value) -> Result<Parts, Throw> {
    match value {
        Value::Native(n) => n.state::<Parts>().map(|p| p.clone()).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

fn with(args: &[Value], f: impl FnOnce(&Parts) -> Value) -> Result<Value, Throw> {
    Ok(f(&parts_of(arg(args, 0)?)?))
}

fn part(args: &[Value], f: impl FnOnce(&Parts) -> Option<String>) -> Result<Value, Throw> {
    with(args, |u| f(u).map_or(Value::Null, Value::string))
}

fn new_from_spec(args: &[Value]) -> Result<Value, Throw> {
    Parts::parse(text(args, 0)?).map(url_value).map_err(malformed)
}

fn new_in_context(args: &[Value]) -> Result<Value, Throw> {
    let spec = text(args, 1)?;
    match arg(args, 0)? {
        Value::Null => new_from_spec(&args[1..]),
        context => parts_of(context)?.resolve(spec).map(url_value).map_err(malformed),
    }
}

/// `new Url(protocol, host, file)` and `new Url(protocol, host, port, file)`.
fn new_from_parts(args: &[Value]) -> Result<Value, Throw> {
    let protocol = text(args, 0)?;
    let host = text(args, 1)?;
    let (port, file) = match args.len() {
        4 => (integer(args, 2)?, text(args, 3)?),
        _ => (-1, text(args, 2)?),
    };
    let port = if port >= 0 { format!(":{port}") } else { String::new() };
    Parts::parse(&format!("{protocol}://{host}{port}{file}")).map(url_value).map_err(malformed)
}

fn org_domain(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let base = interp.host.user().org_domain_url.clone();
    Parts::parse(&base).map(url_value).map_err(malformed)
}

/// `sameFile`: protocol, host, port (the default when none is given) and file agree; the
/// user info and the fragment do not count, as in `java.net.URL`.
fn same_file(args: &[Value]) -> Result<Value, Throw> {
    let (a, b) = (parts_of(arg(args, 0)?)?, parts_of(arg(args, 1)?)?);
    let port = |u: &Parts| if u.port >= 0 { u.port } else { default_port(&u.protocol) };
    Ok(Value::Boolean(
        a.protocol == b.protocol
            && a.host.eq_ignore_ascii_case(&b.host)
            && port(&a) == port(&b)
            && a.file() == b.file(),
    ))
}

/// What `String.valueOf(url)` and `System.debug(url)` print: the URL itself.
pub fn display(object: &NativeObject) -> Option<String> {
    object.state::<Parts>().map(|p| p.external_form())
}
