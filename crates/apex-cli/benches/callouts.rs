//! Callouts per second through the whole pipeline (`cargo bench -p apex-cli --bench callouts`):
//! to the emulated org in-process, and to `apex org serve` over loopback beside a bare reqwest
//! loop against the same server and endpoint. Prints rates and the pipeline/bare ratio.
//!
//! The pipeline starts at the request `Http.send` builds: Named Credential resolution for the
//! running user, the cached client-credentials token, the generated Authorization header, the
//! transport. The Apex rows add the interpreter: a script making 100 callouts (the limit of
//! one transaction), run again and again with the same service.

use apex_callout::service::CalloutService;
use apex_cli::callouts::{self, CalloutArgs};
use apex_cli::render::RenderConfig;
use apex_cli::runner::{run_script, RunConfig};
use apex_cli::workspace::{self, ProjectFiles, Source};
use apex_runtime::callout::CalloutRequest;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const ORIGIN: &str = "https://bench-org.my.salesforce.com";
const PATH: &str = "/services/data/v60.0/limits";
const CALLS: usize = 5_000;
const APEX_RUNS: usize = 50;

fn project() -> ProjectFiles {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/callouts");
    workspace::load_project(&std::fs::canonicalize(dir).unwrap()).unwrap()
}

fn env() -> Vec<(String, String)> {
    vec![
        ("APEX_SECRET__Bench_Service__Service__clientId".into(), "apex-local-client".into()),
        ("APEX_SECRET__Bench_Service__Service__clientSecret".into(), "apex-local-secret".into()),
        ("APEX_SECRETS".into(), std::env::temp_dir().join("apex-bench-secrets.json").display().to_string()),
    ]
}

fn service(files: &ProjectFiles, args: &CalloutArgs) -> CalloutService {
    let mut user = apex_runtime::RunningUser::default();
    callouts::service(files, args, &mut user, &env()).unwrap()
}

fn request() -> CalloutRequest {
    CalloutRequest {
        method: "GET".into(),
        endpoint: format!("callout:Bench_Org{PATH}"),
        timeout_ms: 10_000,
        ..CalloutRequest::default()
    }
}

/// Callouts per second of `send` over `CALLS` calls, after a warm-up call.
fn rate(mut send: impl FnMut() -> u16) -> f64 {
    assert_eq!(send(), 200, "the warm-up call");
    let started = Instant::now();
    for _ in 0..CALLS {
        assert_eq!(send(), 200);
    }
    CALLS as f64 / started.elapsed().as_secs_f64()
}

fn pipeline_rate(service: &mut CalloutService) -> f64 {
    let request = request();
    rate(|| service.send(&request).map(|r| r.status_code as u16).unwrap_or(0))
}

/// Callouts per second of an Apex script making 100 callouts, run `APEX_RUNS` times.
fn apex_rate(files: &ProjectFiles, service: &mut CalloutService) -> f64 {
    let code = format!(
        "HttpRequest req = new HttpRequest();\nreq.setEndpoint('callout:Bench_Org{PATH}');\nreq.setMethod('GET');\n\
         Http http = new Http();\nfor (Integer i = 0; i < 100; i++) {{ if (http.send(req).getStatusCode() != 200) {{ throw new CalloutException('status'); }} }}\n"
    );
    let mut config = RunConfig { render: RenderConfig::plain(), ..RunConfig::default() };
    config.limits.cpu_time = std::time::Duration::from_secs(60);
    let started = Instant::now();
    for _ in 0..APEX_RUNS {
        let script = Source { name: "bench.apex".into(), text: code.clone(), kind: apex_syntax::UnitKind::Anonymous };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_script(script, files.clone(), &config, Some(service), &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    }
    (APEX_RUNS * 100) as f64 / started.elapsed().as_secs_f64()
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(["org", "serve", "--port", "0", "--daily-api-requests", "100000000"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let origin = first.trim().rsplit(' ').next().unwrap_or_default().to_string();
    Server(child, origin)
}

/// The same endpoint with reqwest and a token of the same app, nothing else.
fn bare_rate(origin: &str) -> f64 {
    let client = reqwest::blocking::Client::new();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "apex-local-client"),
        ("client_secret", "apex-local-secret"),
    ];
    let answer: serde_json::Value =
        client.post(format!("{origin}/services/oauth2/token")).form(&form).send().unwrap().json().unwrap();
    let token = answer["access_token"].as_str().unwrap().to_string();
    let url = format!("{origin}{PATH}");
    rate(|| {
        let response = client.get(&url).bearer_auth(&token).send().unwrap();
        let status = response.status().as_u16();
        let _ = response.bytes();
        status
    })
}

fn main() {
    let files = project();
    let offline = CalloutArgs { permsets: vec!["Bench_Access".into()], ..CalloutArgs::default() };
    let mut in_process = service(&files, &offline);
    println!("in-process  pipeline        {:>9.0} callouts/s", pipeline_rate(&mut in_process));
    println!("in-process  Apex            {:>9.0} callouts/s", apex_rate(&files, &mut in_process));

    let server = serve();
    let live = CalloutArgs { live: true, route: vec![format!("{ORIGIN}={}", server.1)], ..offline };
    // Bare reqwest runs before and after the pipeline, so a server warming up or a machine
    // slowing down does not favour either side.
    let before = bare_rate(&server.1);
    let mut over_loopback = service(&files, &live);
    let pipeline = pipeline_rate(&mut over_loopback);
    let apex = apex_rate(&files, &mut over_loopback);
    let after = bare_rate(&server.1);
    let bare = (before + after) / 2.0;
    println!("loopback    bare reqwest    {bare:>9.0} callouts/s  (before {before:.0}, after {after:.0})");
    println!("loopback    pipeline        {pipeline:>9.0} callouts/s  ({:.0}% of bare)", 100.0 * pipeline / bare);
    println!("loopback    Apex            {apex:>9.0} callouts/s  ({:.0}% of bare)", 100.0 * apex / bare);
}
