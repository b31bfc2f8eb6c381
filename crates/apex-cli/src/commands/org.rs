//! `apex org serve`: the emulated target org as a local HTTP server that Named Credentials,
//! simple-salesforce, jsforce and curl can log in to (see `apex_org`).

use crate::serve::{serve, ServeConfig};
use apex_org::{Faults, OrgConfig};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct OrgArgs {
    #[command(subcommand)]
    pub command: OrgCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum OrgCommand {
    /// Serve the emulated org over HTTP: OAuth 2.0 and the REST API.
    Serve(ServeArgs),
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one; the address is printed).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Keep the org's records in this SQLite file (created if missing); in memory by default.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// The SFDX project whose objects/ metadata gives the org its custom objects and fields,
    /// and whose `*.connectedApp-meta.xml` files add Connected Apps (consumer key and secret,
    /// callback URLs, scopes, client-credentials user, JWT bearer certificate).
    #[arg(long, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Serve HTTPS with a fresh self-signed certificate for localhost and 127.0.0.1; its PEM
    /// is written beside the data file (or to --cert-dir, or a temporary folder) and printed.
    #[arg(long)]
    pub tls: bool,
    /// Where `--tls` writes `apex-org-cert.pem`.
    #[arg(long, value_name = "DIR", requires = "tls")]
    pub cert_dir: Option<PathBuf>,
    /// How long an access token lives, in seconds; then REST answers 401 INVALID_SESSION_ID.
    #[arg(long, value_name = "SECS", default_value_t = 7200)]
    pub token_lifetime: u64,
    /// Rows per query page unless the client asks (`Sforce-Query-Options: batchSize=N`).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub page_size: usize,
    /// Records to start with: an SFDX data plan (`sf data export tree --plan`) or a tree file
    /// (repeatable, in order). Skipped when --data names a file that already has records.
    #[arg(long, value_name = "FILE")]
    pub seed: Vec<PathBuf>,
    /// Fault injection: an access token expires after this many REST calls.
    #[arg(long, value_name = "N")]
    pub expire_after_calls: Option<u64>,
    /// Fault injection: answer this share of REST calls (0 to 1) with 503 SERVER_UNAVAILABLE.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub error_rate: f64,
    /// Fault injection: the daily API allowance; past it REST answers 403 REQUEST_LIMIT_EXCEEDED.
    #[arg(long, value_name = "N", default_value_t = 15_000)]
    pub daily_api_requests: u64,
    /// Fault injection: wait this long before answering each request.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency: u64,
    /// The administrator's username.
    #[arg(long, default_value = "admin@apex.local")]
    pub username: String,
    /// The administrator's password.
    #[arg(long, default_value = "apex-local-password")]
    pub password: String,
    /// The Connected App's consumer key.
    #[arg(long, default_value = "apex-local-client")]
    pub client_id: String,
    /// The Connected App's consumer secret; also the secret of each project Connected App
    /// whose file has none.
    #[arg(long, default_value = "apex-local-secret")]
    pub client_secret: String,
}

pub fn run(args: &OrgArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match &args.command {
        OrgCommand::Serve(serve_args) if !(0.0..=1.0).contains(&serve_args.error_rate) => {
            let _ = writeln!(err, "error: --error-rate is a share between 0 and 1, got {}", serve_args.error_rate);
            2
        }
        OrgCommand::Serve(serve_args) => match serve(config(serve_args), out) {
            Ok(()) => 0,
            Err(message) => {
                let _ = writeln!(err, "error: {message}");
                2
            }
        },
    }
}

fn config(args: &ServeArgs) -> ServeConfig {
    let faults = Faults { expire_after_calls: args.expire_after_calls, error_rate: args.error_rate };
    let mut org = OrgConfig {
        token_lifetime_secs: args.token_lifetime,
        page_size: args.page_size,
        daily_api_requests: args.daily_api_requests,
        faults,
        ..OrgConfig::default()
    };
    if let Some(login) = org.logins.first_mut() {
        login.username = args.username.clone();
        login.password = args.password.clone();
    }
    if let Some(app) = org.apps.first_mut() {
        app.consumer_key = args.client_id.clone();
        app.consumer_secret = args.client_secret.clone();
        app.run_as = Some(args.username.clone());
    }
    let tls = args.tls.then(|| {
        args.cert_dir
            .clone()
            .or_else(|| args.data.as_ref().and_then(|d| d.parent()).map(|p| p.to_path_buf()))
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| std::env::temp_dir().join(format!("apex-org-{}", std::process::id())))
    });
    ServeConfig {
        host: args.host.clone(),
        port: args.port,
        data: args.data.clone(),
        project: args.project.clone(),
        tls,
        seed: args.seed.clone(),
        latency: std::time::Duration::from_millis(args.latency),
        org,
    }
}
