//! `apex creds login NAME --live`: the admin's *Authenticate* for a browser-flow principal.
//! Runs the authorization-code flow through the credential's Auth Provider and stores the
//! tokens in the secret store. An org that consents at once (`apex org serve`) needs no
//! browser; otherwise the URL is printed and a local listener waits for the redirect.

use super::Context;
use apex_callout::login::{authorization_code, authorize_url, query_value};
use apex_callout::oauth::{self, Grant, OAuthClient};
use apex_callout::secrets::{AUTH_PROVIDER_PRINCIPAL, CONSUMER_SECRET};
use apex_credentials::{param, Credentials};
use std::io::{BufRead, BufReader, Write};
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct LoginArgs {
    /// The Named Credential or External Credential to authenticate.
    pub name: String,
    /// The principal (default: the External Credential's first by sequence number).
    #[arg(long)]
    pub principal: Option<String>,
    /// Where the org sends the browser back; must be a callback URL of the Connected App.
    #[arg(long, default_value = "http://localhost:1717/OauthRedirect")]
    pub callback: String,
    /// How long to wait for the browser, in seconds.
    #[arg(long, default_value_t = 300)]
    pub wait: u64,
    #[command(flatten)]
    pub callouts: crate::callouts::CalloutArgs,
}

/// The OAuth side of one principal: who it is stored under and the Auth Provider's client.
struct Target {
    credential: String,
    principal: String,
    provider: String,
    authorize: String,
    scope: Option<String>,
    client: OAuthClient,
}

pub fn run(context: &Context, args: &LoginArgs, out: &mut dyn Write) -> Result<(), String> {
    if !args.callouts.live {
        return Err("offline runs authenticate against the emulated org by themselves; log in to a real org (or `apex org serve`) with --live".into());
    }
    let credentials = context.credentials();
    let mut secrets = context.secrets(args.callouts.secrets.as_ref())?;
    let mut target = target(&credentials, args)?;
    target.client.client_secret = apex_credentials::Secrets::auth_provider_secret(&secrets, &target.provider);
    if target.client.client_secret.is_none() {
        return Err(format!(
            "no consumer secret for the Auth Provider {0}: run `apex creds set {0}/{AUTH_PROVIDER_PRINCIPAL} {CONSUMER_SECRET}`",
            target.provider
        ));
    }
    let mut transport = crate::callouts::live_transport(&args.callouts)?;
    let token = match authorization_code(
        &target.client,
        &target.authorize,
        &args.callback,
        target.scope.as_deref(),
        &mut transport,
    ) {
        Ok(token) => token,
        Err(_) => {
            let url = authorize_url(
                &target.authorize,
                &target.client.client_id,
                &args.callback,
                target.scope.as_deref(),
                "apex",
            );
            let _ = writeln!(out, "Open this URL to authorize {}:\n{url}", args.name);
            let _ = out.flush();
            let code = wait_for_code(&args.callback, Duration::from_secs(args.wait))?;
            let grant = Grant::AuthorizationCode { code: &code, redirect_uri: &args.callback };
            oauth::fetch(&target.client, &grant, &mut transport)
                .map_err(|r| format!("the code exchange: {}", apex_callout::tokens::describe(&r)))?
        }
    };
    secrets.set(&target.credential, &target.principal, param::OAUTH_TOKEN, &token.access_token);
    let refresh = token.refresh_token.is_some();
    if let Some(refresh_token) = &token.refresh_token {
        secrets.set(&target.credential, &target.principal, param::REFRESH_TOKEN, refresh_token);
    }
    secrets.save()?;
    let who = if target.principal.is_empty() {
        target.credential.clone()
    } else {
        format!("{}/{}", target.credential, target.principal)
    };
    let kept = if refresh {
        "access and refresh tokens"
    } else {
        "an access token (no refresh token: the app grants no refresh_token scope)"
    };
    let _ = writeln!(
        out,
        "authenticated {who}: {kept} stored in {}",
        secrets.path().map(|p| p.display().to_string()).unwrap_or_default()
    );
    Ok(())
}

fn target(credentials: &Credentials, args: &LoginArgs) -> Result<Target, String> {
    let named = credentials.named(&args.name);
    let external_name = named.and_then(|n| n.external_credential.clone()).unwrap_or_else(|| args.name.clone());
    if let Some(external) = credentials.external(&external_name) {
        let provider = external.auth_provider.clone().ok_or_else(|| {
            format!(
                "{} does not use the OAuth browser flow through an Auth Provider: nothing to log in to",
                external.name
            )
        })?;
        let mut principals: Vec<_> = external.principals.iter().collect();
        principals.sort_by_key(|p| p.sequence.unwrap_or(u32::MAX));
        let principal = match &args.principal {
            Some(wanted) => principals.into_iter().find(|p| p.name.eq_ignore_ascii_case(wanted)),
            None => principals.into_iter().next(),
        }
        .ok_or_else(|| format!("{} has no principal {}", external.name, args.principal.as_deref().unwrap_or("")))?;
        let scope = external.auth_parameter("Scope").map(str::to_string);
        return provider_target(credentials, &provider, &external.name, &principal.name, scope);
    }
    let legacy = named.and_then(|n| n.legacy.as_ref().map(|l| (n, l)));
    let (named, legacy) = legacy.ok_or_else(|| format!("no Named or External Credential named {}", args.name))?;
    let provider =
        legacy.auth_provider.clone().ok_or_else(|| format!("{} has no Auth Provider to log in through", named.name))?;
    provider_target(credentials, &provider, &named.name, "", legacy.oauth_scope.clone())
}

fn provider_target(
    credentials: &Credentials,
    provider: &str,
    credential: &str,
    principal: &str,
    scope: Option<String>,
) -> Result<Target, String> {
    let found = credentials.auth_provider(provider).ok_or_else(|| format!("no Auth Provider named {provider}"))?;
    if found.consumer_key.is_none() {
        return Err(format!("the Auth Provider {provider} has no consumerKey"));
    }
    let client = OAuthClient::for_provider(found, None);
    Ok(Target {
        credential: credential.to_string(),
        principal: principal.to_string(),
        provider: found.name.clone(),
        authorize: apex_callout::oauth::authorize_url_of(found),
        scope: scope.or_else(|| found.default_scopes.clone()),
        client,
    })
}

/// Listens where the callback URL points and answers the browser once it brings a code.
fn wait_for_code(callback: &str, wait: Duration) -> Result<String, String> {
    let url = url::Url::parse(callback).map_err(|e| format!("--callback {callback}: {e}"))?;
    let host = url.host_str().unwrap_or("localhost");
    let address = format!(
        "{}:{}",
        if host == "localhost" { "127.0.0.1" } else { host },
        url.port_or_known_default().unwrap_or(80)
    );
    let listener = std::net::TcpListener::bind(&address).map_err(|e| format!("cannot listen on {address}: {e}"))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let deadline = std::time::Instant::now() + wait;
    while std::time::Instant::now() < deadline {
        let Ok((stream, _)) = listener.accept() else {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if let Some(code) = answer_browser(stream)? {
            return Ok(code);
        }
    }
    Err(format!("no authorization came back to {callback} within {} seconds", wait.as_secs()))
}

fn answer_browser(mut stream: std::net::TcpStream) -> Result<Option<String>, String> {
    stream.set_nonblocking(false).map_err(|e| e.to_string())?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).map_err(|e| e.to_string())?;
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let code = query_value(target, "code");
    let refusal = query_value(target, "error_description").or_else(|| query_value(target, "error"));
    let page = match (&code, &refusal) {
        (Some(_), _) => "Authorized. You can close this window.",
        (None, Some(_)) => "The org refused the authorization. See the terminal.",
        (None, None) => "Waiting for the authorization.",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    if let (None, Some(refusal)) = (&code, refusal) {
        return Err(format!("the org refused the authorization: {refusal}"));
    }
    Ok(code)
}
