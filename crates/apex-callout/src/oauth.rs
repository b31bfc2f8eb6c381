//! Fetching OAuth tokens with the `oauth2` crate over a [`Transport`]: the refresh-token,
//! client-credentials, authorization-code and JWT-bearer grants, with Salesforce's extra answer
//! fields (instance_url, id, issued_at) and its refusals kept word for word.

use crate::transport::{Transport, WireError, WireRequest};
use oauth2::basic::{BasicErrorResponse, BasicTokenType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, ExtraTokenFields, RedirectUrl, RefreshToken,
    RequestTokenError, Scope, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// A token the grant gave. Its `Debug` hides the tokens.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub instance_url: Option<String>,
}

/// Why no token: the server's `error` and `error_description`, or what kept the request from
/// the server (then `error` is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenError {
    pub error: String,
    pub description: String,
}

/// The OAuth client: who asks and where. Its `Debug` hides the secret.
#[derive(Clone)]
pub struct OAuthClient {
    pub token_url: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Send the client's id and secret in a Basic header instead of the form.
    pub basic_auth: bool,
}

impl OAuthClient {
    /// The OAuth client of an Auth Provider: its token URL (Salesforce's when left blank), its
    /// consumer key, `secret`, and a Basic header when the provider sends credentials there.
    pub fn for_provider(provider: &apex_credentials::AuthProvider, secret: Option<String>) -> OAuthClient {
        OAuthClient {
            token_url: provider.token_url.clone().unwrap_or(apex_credentials::SALESFORCE_TOKEN_URL.into()),
            client_id: provider.consumer_key.clone().unwrap_or_default(),
            client_secret: secret,
            basic_auth: provider.send_client_credentials_in_header,
        }
    }
}

/// Where an Auth Provider sends the browser: its authorize URL, Salesforce's when left blank.
pub fn authorize_url_of(provider: &apex_credentials::AuthProvider) -> String {
    provider.authorize_url.clone().unwrap_or(apex_credentials::SALESFORCE_AUTHORIZE_URL.into())
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token").field("instance_url", &self.instance_url).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("basic_auth", &self.basic_auth)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct SalesforceFields {
    #[serde(default)]
    instance_url: Option<String>,
}

impl ExtraTokenFields for SalesforceFields {}

type Answer = StandardTokenResponse<SalesforceFields, BasicTokenType>;

/// The grants Named Credentials use.
pub enum Grant<'a> {
    Refresh { refresh_token: &'a str },
    ClientCredentials { scope: Option<&'a str> },
    AuthorizationCode { code: &'a str, redirect_uri: &'a str },
    JwtBearer { assertion: &'a str },
}

/// Runs one grant against the client's token URL.
pub fn fetch(client: &OAuthClient, grant: &Grant<'_>, transport: &mut dyn Transport) -> Result<Token, TokenError> {
    let wire = RefCell::new(transport);
    let http = |request: oauth2::HttpRequest| call(&wire, request);
    if let Grant::JwtBearer { assertion } = grant {
        return jwt_bearer(client, assertion, &http);
    }
    let token_url = TokenUrl::new(client.token_url.clone()).map_err(|e| local(format!("the token URL: {e}")))?;
    // The authorize URL is not used by these grants; the crate wants one for its type.
    let auth_url = AuthUrl::new(client.token_url.clone()).map_err(|e| local(e.to_string()))?;
    let mut oauth = oauth2::Client::<
        BasicErrorResponse,
        Answer,
        oauth2::basic::BasicTokenIntrospectionResponse,
        oauth2::StandardRevocableToken,
        oauth2::basic::BasicRevocationErrorResponse,
    >::new(ClientId::new(client.client_id.clone()))
    .set_token_uri(token_url)
    .set_auth_uri(auth_url)
    .set_auth_type(if client.basic_auth { AuthType::BasicAuth } else { AuthType::RequestBody });
    if let Some(secret) = &client.client_secret {
        oauth = oauth.set_client_secret(ClientSecret::new(secret.clone()));
    }
    let answer = match grant {
        Grant::Refresh { refresh_token } => {
            let token = RefreshToken::new(refresh_token.to_string());
            oauth.exchange_refresh_token(&token).request(&http)
        }
        Grant::ClientCredentials { scope } => {
            let mut request = oauth.exchange_client_credentials();
            if let Some(scope) = scope.filter(|s| !s.is_empty()) {
                request = request.add_scope(Scope::new(scope.to_string()));
            }
            request.request(&http)
        }
        Grant::AuthorizationCode { code, redirect_uri } => {
            let redirect = RedirectUrl::new(redirect_uri.to_string()).map_err(|e| local(e.to_string()))?;
            let code = AuthorizationCode::new(code.to_string());
            oauth.exchange_code(code).set_redirect_uri(std::borrow::Cow::Owned(redirect)).request(&http)
        }
        Grant::JwtBearer { .. } => unreachable!("handled above"),
    };
    answer.map(token).map_err(refusal)
}

fn token(answer: Answer) -> Token {
    Token {
        access_token: answer.access_token().secret().clone(),
        refresh_token: answer.refresh_token().map(|t| t.secret().clone()),
        instance_url: answer.extra_fields().instance_url.clone(),
    }
}

/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, which the crate has no call for:
/// posted by hand through the same client and read with the crate's types.
fn jwt_bearer(
    client: &OAuthClient,
    assertion: &str,
    http: &dyn Fn(oauth2::HttpRequest) -> Result<oauth2::HttpResponse, WireError>,
) -> Result<Token, TokenError> {
    let body = format!(
        "grant_type={}&assertion={}",
        apex_org::http::encode("urn:ietf:params:oauth:grant-type:jwt-bearer"),
        apex_org::http::encode(assertion)
    );
    let request = http_request(&client.token_url, body.into_bytes())?;
    let response = http(request).map_err(|e| local(e.to_string()))?;
    if response.status().is_success() {
        let answer: Answer =
            serde_json::from_slice(response.body()).map_err(|e| local(format!("the token answer: {e}")))?;
        return Ok(token(answer));
    }
    Err(server_error(response.body()))
}

fn http_request(url: &str, body: Vec<u8>) -> Result<oauth2::HttpRequest, TokenError> {
    oauth2::http::Request::builder()
        .method(oauth2::http::Method::POST)
        .uri(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .map_err(|e| local(e.to_string()))
}

/// One HTTP exchange of the crate, over our transport.
fn call(
    transport: &RefCell<&mut dyn Transport>,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, WireError> {
    let wire = WireRequest {
        method: request.method().as_str().to_string(),
        url: request.uri().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
        body: request.body().clone(),
        timeout_ms: 10_000,
    };
    let answer = transport.borrow_mut().send(&wire)?;
    let mut response = oauth2::http::Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        response = response.header(name, value);
    }
    response.body(answer.body).map_err(|e| WireError::Failed(e.to_string()))
}

fn refusal(error: RequestTokenError<WireError, BasicErrorResponse>) -> TokenError {
    match error {
        RequestTokenError::ServerResponse(answer) => TokenError {
            error: answer.error().to_string(),
            description: answer.error_description().cloned().unwrap_or_default(),
        },
        RequestTokenError::Request(wire) => local(wire.to_string()),
        RequestTokenError::Parse(_, body) => server_error(&body),
        RequestTokenError::Other(message) => local(message),
    }
}

/// `{"error": ..., "error_description": ...}`, or the body's text when it is not that.
fn server_error(body: &[u8]) -> TokenError {
    #[derive(Deserialize)]
    struct Refusal {
        #[serde(default)]
        error: String,
        #[serde(default)]
        error_description: String,
    }
    match serde_json::from_slice::<Refusal>(body) {
        Ok(r) => TokenError { error: r.error, description: r.error_description },
        // The body is not quoted: a server echoing the form would echo secrets.
        Err(_) => local("the token endpoint's answer is not JSON".into()),
    }
}

fn local(description: String) -> TokenError {
    TokenError { error: String::new(), description }
}
