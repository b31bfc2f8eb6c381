//! The HTTP server around an [`apex_org::Org`]: axum on a small tokio runtime, every request
//! handed to the org as it came and its answer sent back unchanged. With TLS it makes a
//! self-signed certificate for `localhost` and `127.0.0.1` and says where it is, so clients
//! can trust it.

use crate::project_org;
use apex_data::{Schema, Store};
use apex_org::connected_app_file::AppFile;
use apex_org::{Org, OrgConfig, Request, Response};
use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where and what to serve.
pub struct ServeConfig {
    pub host: String,
    pub port: u16,
    pub data: Option<PathBuf>,
    pub project: Option<PathBuf>,
    /// Serve HTTPS with a fresh self-signed certificate written to this folder.
    pub tls: Option<PathBuf>,
    /// SFDX data plans or tree files to seed a new org with.
    pub seed: Vec<PathBuf>,
    /// Added before every answer (fault injection).
    pub latency: std::time::Duration,
    pub org: OrgConfig,
}

/// The largest request body accepted (Salesforce's REST limit is far lower for JSON).
const MAX_BODY: usize = 64 << 20;

/// The org and the latency added to each answer.
type Shared = Arc<(Mutex<Org>, std::time::Duration)>;

/// Binds, prints the address and the credentials to `out`, and serves until interrupted.
pub fn serve(mut config: ServeConfig, out: &mut dyn Write) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    let listener = std::net::TcpListener::bind((config.host.as_str(), config.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let scheme = if config.tls.is_some() { "https" } else { "http" };
    config.org.instance_url = format!("{scheme}://{address}");
    let (schema, project_apps) = project(&mut config)?;
    let mut org = open(&config, schema)?;
    let seeded = seed(&mut org, &config.seed)?;
    let login = org.config.logins.first().cloned();
    let app = org.config.apps.first().cloned();
    let _ = writeln!(out, "apex org serving at {}", org.config.instance_url);
    if !address.ip().is_loopback() {
        let _ = writeln!(
            out,
            "  warning: not on loopback; anyone who reaches {address} can log in with the printed credentials"
        );
    }
    if let (Some(login), Some(app)) = (login, app) {
        // The built-in defaults are public (README); a password or secret given on the command
        // line is not printed.
        let defaults = OrgConfig::default();
        let shown = |value: &str, default: &str| if value == default { value.to_string() } else { "(as given)".into() };
        let password = shown(&login.password, &defaults.logins[0].password);
        let _ = writeln!(out, "  user {} / {password}", login.username);
        let secret = shown(&app.consumer_secret, &defaults.apps[0].consumer_secret);
        let _ = writeln!(out, "  connected app {} / {secret}", app.consumer_key);
    }
    for line in project_org::describe(&project_apps) {
        let _ = writeln!(out, "{line}");
    }
    if seeded > 0 {
        let _ = writeln!(out, "  seeded {seeded} records");
    }
    let tls = match &config.tls {
        Some(dir) => {
            let (cert, key, path) = certificate(dir)?;
            let _ = writeln!(
                out,
                "  certificate {} (trust it: REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, curl --cacert)",
                path.display()
            );
            Some((cert, key))
        }
        None => None,
    };
    let _ = out.flush();
    let shared: Shared = Arc::new((Mutex::new(org), config.latency));
    let app = axum::Router::new().fallback(answer).with_state(shared);
    runtime.block_on(async move {
        let stopped = |e: std::io::Error| format!("the server stopped: {e}");
        let Some((cert, key)) = tls else {
            let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
            return axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(stopped);
        };
        let _ = rustls::crypto::ring::default_provider().install_default();
        let rustls = axum_server::tls_rustls::RustlsConfig::from_pem(cert.into_bytes(), key.into_bytes())
            .await
            .map_err(|e| format!("the TLS certificate: {e}"))?;
        axum_server::from_tcp_rustls(listener, rustls).serve(app.into_make_service()).await.map_err(stopped)
    })
}

/// A self-signed certificate for `localhost` and `127.0.0.1`, written to `dir`: its PEM,
/// its key's PEM and the certificate's path.
fn certificate(dir: &std::path::Path) -> Result<(String, String, PathBuf), String> {
    let names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
    let made = rcgen::generate_simple_self_signed(names).map_err(|e| format!("cannot make a certificate: {e}"))?;
    let (cert, key) = (made.cert.pem(), made.key_pair.serialize_pem());
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("apex-org-cert.pem");
    std::fs::write(&path, &cert).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok((cert, key, path))
}

/// Seeds the org from plans and tree files, unless its data file already holds accounts,
/// contacts or anything else the seed would add again.
pub(crate) fn seed(org: &mut Org, files: &[PathBuf]) -> Result<usize, String> {
    if files.is_empty() || org.has_records() {
        return Ok(0);
    }
    let now = apex_data::calendar::iso_millis(now_millis());
    let mut refs = apex_org::seed::References::new();
    let mut count = 0;
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("--seed {}: {e}", path.display()))?;
        let name = path.display().to_string();
        count += if text.trim_start().starts_with('[') {
            let base = path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
            let read = |file: &str| {
                std::fs::read_to_string(base.join(file)).map_err(|e| format!("{}: {e}", base.join(file).display()))
            };
            org.seed_plan(&name, &text, &read, &now)?
        } else {
            org.seed_tree(&name, &text, &mut refs, &now)?
        };
    }
    Ok(count)
}

/// The org with its schema (standard objects plus the project's) over its store.
fn open(config: &ServeConfig, schema: Schema) -> Result<Org, String> {
    let store = match &config.data {
        Some(path) => Store::open(path, schema).map_err(|e| format!("--data {}: {}", path.display(), e.message))?,
        None => Store::in_memory(schema).map_err(|e| e.message)?,
    };
    // Tokens must not be guessable: the org's generator starts from the system's entropy.
    let seed: u64 = rand::random();
    Org::open(config.org.clone(), store, &apex_data::calendar::iso_millis(now_millis()), seed).map_err(|e| e.message)
}

/// The project's schema and Connected Apps (added to the org's configuration), or the
/// standard schema and no apps without a project.
fn project(config: &mut ServeConfig) -> Result<(Schema, Vec<AppFile>), String> {
    let Some(dir) = &config.project else {
        return Ok((Schema::standard(), Vec::new()));
    };
    let fallback_secret = config.org.apps.first().map(|a| a.consumer_secret.clone()).unwrap_or_default();
    let project = project_org::load(dir, &fallback_secret)?;
    project_org::add_apps(&mut config.org, &project.apps)?;
    Ok((project.schema, project.apps))
}

async fn answer(State(shared): State<Shared>, request: axum::extract::Request) -> axum::response::Response {
    let (org, latency) = (&shared.0, shared.1);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes.to_vec(),
        Err(_) => return plain(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large"),
    };
    let target = parts.uri.path_and_query().map_or(parts.uri.path(), |p| p.as_str());
    let mut request = Request::new(parts.method.as_str(), target).with_body(body);
    for (name, value) in &parts.headers {
        request.headers.push((name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()));
    }
    // A request that panicked must not take the org down with it.
    let response = org.lock().unwrap_or_else(std::sync::PoisonError::into_inner).handle(&request, now_millis());
    convert(response)
}

fn convert(response: Response) -> axum::response::Response {
    let mut out = axum::response::Response::new(Body::from(response.body));
    *out.status_mut() = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in response.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            out.headers_mut().append(name, value);
        }
    }
    out
}

fn plain(status: StatusCode, message: &str) -> axum::response::Response {
    let mut out = axum::response::Response::new(Body::from(message.to_string()));
    *out.status_mut() = status;
    out
}

fn now_millis() -> i64 {
    crate::clock::system_millis()
}
