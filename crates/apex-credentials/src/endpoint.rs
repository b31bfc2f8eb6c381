//! Endpoint strings as Apex writes them (callouts.md §2): `callout:Name[/path][?query]` or an
//! absolute URL, and the joining of a named credential's URL with the path after its name.

use crate::error::CalloutError;

/// An endpoint, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint<'a> {
    /// `callout:<name><suffix>`; the suffix keeps its leading `/` or `?`, or is empty.
    Named { name: &'a str, suffix: &'a str },
    /// Anything else, checked against Remote Site Settings.
    Absolute(&'a str),
}

/// Reads `endpoint`. The `callout:` scheme is matched without regard to case. A name must be
/// letters, digits and underscores, optionally behind one `<namespace>__`; anything else, an
/// empty name or an empty namespace (`callout:.__X`, `callout:__X`) is malformed.
pub fn parse(endpoint: &str) -> Result<Endpoint<'_>, CalloutError> {
    let Some(rest) = strip_scheme(endpoint) else {
        return Ok(Endpoint::Absolute(endpoint));
    };
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (name, suffix) = rest.split_at(split);
    if !is_name(name) {
        return Err(CalloutError::malformed_named_url(endpoint));
    }
    Ok(Endpoint::Named { name, suffix })
}

fn strip_scheme(endpoint: &str) -> Option<&str> {
    const SCHEME: &str = "callout:";
    let head = endpoint.get(..SCHEME.len())?;
    head.eq_ignore_ascii_case(SCHEME).then(|| &endpoint[SCHEME.len()..])
}

/// Whether `name` is a developer name with at most one namespace prefix.
fn is_name(name: &str) -> bool {
    let part = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match name.split_once("__") {
        Some((namespace, local)) => part(namespace) && part(local) && !local.contains("__"),
        None => part(name),
    }
}

/// A final URL and, when both sides carried a query, a warning that they were merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub url: String,
    pub warning: Option<String>,
}

/// Joins a named credential's `base` URL and the `suffix` after the name (callouts.md §2.2):
/// an empty suffix gives `base` unchanged; otherwise one trailing `/` of the base's path goes,
/// the suffix's path follows it, and the queries of both are kept, the base's first, joined
/// with `&` (with a warning, as that case is unconfirmed).
pub fn join(base: &str, suffix: &str) -> Joined {
    if suffix.is_empty() {
        return Joined { url: base.to_string(), warning: None };
    }
    let (base_path, base_query) = split_query(base);
    let (suffix_path, suffix_query) = split_query(suffix);
    let mut url = base_path.strip_suffix('/').unwrap_or(base_path).to_string();
    url.push_str(suffix_path);
    let warning = match (base_query, suffix_query) {
        (Some(b), Some(s)) => {
            url.push_str(&format!("?{b}&{s}"));
            Some(format!("the named credential's URL and the endpoint both have a query; joined as ?{b}&{s}"))
        }
        (Some(q), None) | (None, Some(q)) => {
            url.push_str(&format!("?{q}"));
            None
        }
        (None, None) => None,
    };
    Joined { url, warning }
}

/// Splits at the first `?`.
fn split_query(text: &str) -> (&str, Option<&str>) {
    match text.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (text, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_endpoints_split_at_the_first_slash_or_question_mark() {
        assert_eq!(parse("callout:Nc"), Ok(Endpoint::Named { name: "Nc", suffix: "" }));
        assert_eq!(parse("callout:Nc/a/b?c=/d"), Ok(Endpoint::Named { name: "Nc", suffix: "/a/b?c=/d" }));
        assert_eq!(parse("CALLOUT:Nc?x=1"), Ok(Endpoint::Named { name: "Nc", suffix: "?x=1" }));
        assert_eq!(parse("callout:acme__Billing/v1"), Ok(Endpoint::Named { name: "acme__Billing", suffix: "/v1" }));
        assert_eq!(parse("https://a.example.com"), Ok(Endpoint::Absolute("https://a.example.com")));
    }

    #[test]
    fn bad_names_are_malformed() {
        for endpoint in
            ["callout:", "callout:/x", "callout:.__X", "callout:__X", "callout:ns__", "callout:a b", "callout:a__b__c"]
        {
            let error = parse(endpoint).unwrap_err();
            assert_eq!(error.message, format!("The named callout URL: '{endpoint}' is malformed"));
        }
    }

    #[test]
    fn joining_keeps_one_slash_and_both_queries() {
        let url = |base, suffix| join(base, suffix).url;
        assert_eq!(url("https://h.example.com", "/services/data"), "https://h.example.com/services/data");
        assert_eq!(url("https://h.example.com/", "/services/data"), "https://h.example.com/services/data");
        assert_eq!(url("https://h.example.com/api/", ""), "https://h.example.com/api/");
        assert_eq!(url("https://h.example.com/api", "?q=1"), "https://h.example.com/api?q=1");
        assert_eq!(url("https://h.example.com/api?key=k", "/v1"), "https://h.example.com/api/v1?key=k");
        let both = join("https://h.example.com/api?key=k", "/v1?q=1");
        assert_eq!(both.url, "https://h.example.com/api/v1?key=k&q=1");
        assert!(both.warning.is_some());
    }
}
