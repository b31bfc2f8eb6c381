//! Callouts end to end through the `apex` binary: the Named Credential example offline (the
//! emulated org in-process) and live against `apex org serve` on loopback, with the login, a
//! refresh_token exchange on the wire, a revoked refresh token, a timeout, and no secret in
//! anything printed or in the debug logs the runs write.

mod common;

use common::org::{start_org, Server};
use common::{scratch, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TARGET: &str = "https://target-org.my.salesforce.com";
const CLIENT_SECRET: &str = "s3cret-consumer-0xC0FFEE";
const ADMIN_PASSWORD: &str = "pa55-word-0xBEEF";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/named-credentials")
}

/// Runs `apex` in the example project with its own secret store.
fn apex(secrets: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_apex"));
    command.args(args).current_dir(example()).env("NO_COLOR", "1").env("APEX_SECRETS", secrets);
    command.env_remove("APEX_SECRET__Target_Org_Production__AuthProvider__ConsumerSecret");
    let Some(input) = stdin else {
        return command.output().unwrap();
    };
    command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn serve(extra: &[&str]) -> Server {
    let target = example().join("target-org");
    let seed = target.join("data/Account.json");
    let mut args = vec!["--project", target.to_str().unwrap(), "--seed", seed.to_str().unwrap()];
    args.extend(["--client-secret", CLIENT_SECRET, "--password", ADMIN_PASSWORD]);
    args.extend(extra);
    start_org(&args)
}

fn live(server: &Server) -> Vec<String> {
    vec!["--live".into(), "--route".into(), format!("{TARGET}={}", server.origin)]
}

/// Logs the example's principal in to `server`, storing its tokens in `secrets`.
fn log_in(server: &Server, secrets: &Path, printed: &mut Vec<Output>) {
    let set =
        apex(secrets, &["creds", "set", "Target_Org_Production/AuthProvider", "ConsumerSecret"], Some(CLIENT_SECRET));
    assert_eq!(set.status.code(), Some(0), "{}", stderr(&set));
    let mut args = vec!["creds", "login", "Target_Org_Production"];
    let route = live(server);
    args.extend(route.iter().map(String::as_str));
    let login = apex(secrets, &args, None);
    assert_eq!(login.status.code(), Some(0), "{}", stderr(&login));
    assert!(stdout(&login).contains("access and refresh tokens stored"), "{}", stdout(&login));
    printed.extend([set, login]);
}

/// Runs `script` live, writing a debug log at the finest levels beside the secret store, where
/// `assert_no_secret` reads it.
fn run_script(server: &Server, secrets: &Path, script: &str) -> Output {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let log = secrets.with_file_name(format!("run-{run}.log"));
    let project = example();
    let mut args = vec!["run", script, "--project", project.to_str().unwrap()];
    args.extend(["--log", log.to_str().unwrap(), "--log-level", "Apex_code=FINEST,Callout=FINEST"]);
    let route = live(server);
    args.extend(route.iter().map(String::as_str));
    apex(secrets, &args, None)
}

fn stored(secrets: &Path, parameter: &str) -> String {
    let text = std::fs::read_to_string(secrets).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let projects = json["projects"].as_object().unwrap();
    let project = projects.values().next().unwrap();
    project["credentials"]["Target_Org_Production"]["Integration_User"][parameter]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

const LISTED: &str = "200 OK\n\
    001MK0000000003YAA Pyramid Construction\n\
    001MK0000000002YAA Burlington Textiles\n\
    001MK0000000001YAA Edge Communications\n";

#[test]
fn the_example_runs_offline_against_the_emulated_org() {
    let secrets = scratch("offline").join("secrets.json");
    let output = apex(&secrets, &["run", "scripts/list-accounts.apex"], None);
    assert_eq!(stdout(&output), LISTED, "{}", stderr(&output));
    assert!(!secrets.exists(), "an offline run writes no secret store");
}

#[test]
fn live_the_expired_token_is_refreshed_on_the_wire_and_the_call_retried() {
    let server = serve(&["--expire-after-calls", "1"]);
    let secrets = scratch("live-refresh").join("secrets.json");
    let mut printed = Vec::new();
    log_in(&server, &secrets, &mut printed);
    let first = run_script(&server, &secrets, "scripts/list-accounts.apex");
    assert_eq!(stdout(&first), LISTED, "{}", stderr(&first));
    let token = stored(&secrets, "OAuthToken");
    // That token has had its one call: the next run gets 401, refreshes and tries again.
    let second = run_script(&server, &secrets, "scripts/list-accounts.apex");
    assert_eq!(stdout(&second), LISTED, "{}", stderr(&second));
    let renewed = stored(&secrets, "OAuthToken");
    assert_ne!(renewed, token, "the refreshed token is stored");
    printed.extend([first, second]);
    assert_no_secret(&printed, &secrets, &[token, renewed]);
}

#[test]
fn live_a_revoked_refresh_token_gives_the_platforms_refresh_failure() {
    let server = serve(&[]);
    let secrets = scratch("live-revoked").join("secrets.json");
    let mut printed = Vec::new();
    log_in(&server, &secrets, &mut printed);
    let refresh = stored(&secrets, "RefreshToken");
    let (status, _) = post_form(&server.origin, "/services/oauth2/revoke", &format!("token={refresh}"));
    assert_eq!(status, 200);
    let output = run_script(&server, &secrets, "scripts/list-accounts.apex");
    assert_eq!(output.status.code(), Some(1));
    let first = stderr(&output).lines().next().unwrap_or_default().to_string();
    assert_eq!(first, "System.CalloutException: The expired credentials couldn't be refreshed. Try again later.");
    let logs = std::fs::read_dir(secrets.parent().unwrap()).unwrap().flatten().map(|e| e.path());
    let log: String = logs
        .filter(|p| p.extension().is_some_and(|e| e == "log"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(log.contains("|EXCEPTION_THROWN|[7]|System.CalloutException: The expired credentials"), "{log}");
    printed.push(output);
    assert_no_secret(&printed, &secrets, &[refresh]);
}

#[test]
fn live_a_slow_target_times_out_as_read_timed_out() {
    let server = serve(&["--latency", "1500"]);
    let secrets = scratch("live-timeout").join("secrets.json");
    let mut printed = Vec::new();
    log_in(&server, &secrets, &mut printed);
    let dir = scratch("live-timeout-script");
    let script = dir.join("slow.apex");
    let code = "HttpRequest req = new HttpRequest();\n\
        req.setEndpoint('callout:Target_Org_Production/services/data/v60.0/limits');\n\
        req.setMethod('GET');\nreq.setTimeout(300);\n\
        try { new Http().send(req); } catch (CalloutException e) { System.debug(e.getMessage()); }\n";
    std::fs::write(&script, code).unwrap();
    let output = run_script(&server, &secrets, script.to_str().unwrap());
    assert_eq!(stdout(&output), "Read timed out\n", "{}", stderr(&output));
}

#[test]
fn creds_list_and_explain_show_the_chain_without_secrets() {
    let server = serve(&[]);
    let secrets = scratch("list-explain").join("secrets.json");
    let mut printed = Vec::new();
    log_in(&server, &secrets, &mut printed);
    let list = apex(&secrets, &["creds", "list", "--live"], None);
    assert!(stdout(&list).contains("stored: OAuthToken, RefreshToken"), "{}", stdout(&list));
    assert!(stdout(&list).contains("running user: can call out as Integration_User"), "{}", stdout(&list));
    let explain =
        apex(&secrets, &["creds", "explain", "Target_Org_Production", "--path", "/services/data/v60.0/limits"], None);
    assert!(stdout(&explain).contains("secret RefreshToken = ****"), "{}", stdout(&explain));
    assert!(stdout(&explain).contains("ready to send"), "{}", stdout(&explain));
    let tokens = [stored(&secrets, "OAuthToken"), stored(&secrets, "RefreshToken")];
    // The other commands, run with the same secrets around: none of them may print one.
    let check = apex(&secrets, &["check"], None);
    let test = apex(&secrets, &["test"], None);
    let unset = apex(&secrets, &["creds", "unset", "Target_Org_Production/AuthProvider", "ConsumerSecret"], None);
    assert_eq!(unset.status.code(), Some(0), "{}", stderr(&unset));
    printed.extend([list, explain, check, test, unset]);
    assert_no_secret(&printed, &secrets, &tokens);
    assert!(!server.banner.contains(CLIENT_SECRET) && !server.banner.contains(ADMIN_PASSWORD), "{}", server.banner);
}

/// No client secret, password or token in anything a command printed, nor in any file the run
/// left beside the secret store.
fn assert_no_secret(printed: &[Output], secrets: &Path, tokens: &[String]) {
    let mut values: Vec<&str> = vec![CLIENT_SECRET, ADMIN_PASSWORD];
    values.extend(tokens.iter().map(String::as_str).filter(|t| !t.is_empty()));
    for output in printed {
        let text = format!("{}{}", stdout(output), stderr(output));
        for value in &values {
            assert!(!text.contains(value), "a secret was printed: {text}");
        }
    }
    for entry in std::fs::read_dir(secrets.parent().unwrap()).unwrap().flatten() {
        if entry.path() == secrets {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        assert!(values.iter().all(|v| !text.contains(v)), "a secret was written to {}", entry.path().display());
    }
}

/// One form POST over plain HTTP/1.1.
fn post_form(origin: &str, path: &str, body: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let host = origin.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_string())
}

#[test]
fn creds_explain_names_the_first_broken_link_and_its_fix() {
    let dir = scratch("explain-fix");
    let secrets = dir.join("secrets.json");
    let user = dir.join("user.json");
    std::fs::write(&user, r#"{"permsets": []}"#).unwrap();
    let output =
        apex(&secrets, &["creds", "explain", "Target_Org_Production", "--user-def", user.to_str().unwrap()], None);
    let text = stdout(&output);
    assert!(text.contains("stops: System.CalloutException: We couldn't access the credential(s)."), "{text}");
    assert!(text.contains("fix: here: --permset Target_Org_Access"), "{text}");
    let unknown = apex(&secrets, &["creds", "explain", "Billing"], None);
    assert!(
        stdout(&unknown)
            .contains("fix: metadata: force-app/main/default/namedCredentials/Billing.namedCredential-meta.xml"),
        "{}",
        stdout(&unknown)
    );
}

#[cfg(unix)]
#[test]
fn a_run_that_cannot_call_through_a_named_credential_ignores_the_secret_store() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("no-credentials");
    let secrets = dir.join("secrets.json");
    std::fs::write(&secrets, "{}").unwrap();
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(["run", "-e", "System.debug('ok');"])
        .current_dir(&dir)
        .env("APEX_SECRETS", &secrets)
        .output()
        .unwrap();
    assert_eq!(stdout(&output), "ok\n", "{}", stderr(&output));
    // The example project has Named Credentials: there the unsafe store is refused.
    let refused = apex(&secrets, &["run", "scripts/list-accounts.apex"], None);
    assert!(stderr(&refused).contains("can be read by other users (mode 644)"), "{}", stderr(&refused));
}
