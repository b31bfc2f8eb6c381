//! The authorization-code flow that authenticates a browser-flow principal: the authorize URL
//! a user opens, and, against an org that consents at once (the emulated org, `apex org serve`),
//! the whole dance without a browser.

use crate::oauth::{self, Grant, OAuthClient, Token};
use crate::tokens::describe;
use crate::transport::{Transport, WireRequest};

/// The URL that starts the flow: `authorize?response_type=code&client_id=…&redirect_uri=…`.
pub fn authorize_url(authorize: &str, client_id: &str, redirect_uri: &str, scope: Option<&str>, state: &str) -> String {
    let encode = apex_org::http::encode;
    let mut url = format!(
        "{authorize}{}response_type=code&client_id={}&redirect_uri={}&state={}",
        if authorize.contains('?') { '&' } else { '?' },
        encode(client_id),
        encode(redirect_uri),
        encode(state)
    );
    if let Some(scope) = scope.filter(|s| !s.is_empty()) {
        url.push_str(&format!("&scope={}", encode(scope)));
    }
    url
}

/// Asks for a code and redeems it, for an org whose authorize endpoint redirects straight back
/// with the code.
pub fn authorization_code(
    client: &OAuthClient,
    authorize: &str,
    redirect_uri: &str,
    scope: Option<&str>,
    transport: &mut dyn Transport,
) -> Result<Token, String> {
    let url = authorize_url(authorize, &client.client_id, redirect_uri, scope, "apex");
    let answer = transport
        .send(&WireRequest { method: "GET".into(), url, timeout_ms: 10_000, ..WireRequest::default() })
        .map_err(|e| format!("the authorize endpoint: {e}"))?;
    let location = answer
        .header("Location")
        .ok_or_else(|| format!("the authorize endpoint answered {} without a redirect", answer.status))?;
    let code = query_value(location, "code").ok_or_else(|| {
        let error = query_value(location, "error_description").or_else(|| query_value(location, "error"));
        format!("the authorize endpoint refused: {}", error.unwrap_or_else(|| "no code".into()))
    })?;
    let grant = Grant::AuthorizationCode { code: &code, redirect_uri };
    oauth::fetch(client, &grant, transport).map_err(|refused| format!("the code exchange: {}", describe(&refused)))
}

/// A parameter of a URL's query, decoded.
pub fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    apex_org::http::parse_form(query).into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
}
