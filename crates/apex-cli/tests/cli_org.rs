//! End-to-end tests of `apex org serve` over real HTTP on loopback: a client logs in with the
//! password grant, writes and queries; with `--data FILE` every acknowledged write survives
//! `kill -9` and a restart.

mod common;

use common::org::{start_org as start, Server};
use common::scratch;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// One HTTP/1.1 exchange; returns the status and the body.
fn http(origin: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    try_http(origin, method, target, headers, body).unwrap()
}

fn try_http(
    origin: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let host = origin.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host)?;
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Ok((status, body))
}

fn login(origin: &str) -> String {
    let form = "grant_type=password&client_id=apex-local-client&client_secret=apex-local-secret&username=admin%40apex.local&password=apex-local-password";
    let (status, body) =
        http(origin, "POST", "/services/oauth2/token", &[("Content-Type", "application/x-www-form-urlencoded")], form);
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["instance_url"], origin, "the token points back at the server");
    json["access_token"].as_str().unwrap().to_string()
}

/// Creates an account; the status, or 0 when the server is gone.
fn create(origin: &str, token: &str, name: &str) -> u16 {
    let bearer = format!("Bearer {token}");
    let headers = [("Authorization", bearer.as_str()), ("Content-Type", "application/json")];
    let body = format!("{{\"Name\":\"{name}\"}}");
    try_http(origin, "POST", "/services/data/v59.0/sobjects/Account", &headers, &body).map_or(0, |(status, _)| status)
}

fn count(origin: &str, token: &str) -> u64 {
    let bearer = format!("Bearer {token}");
    let (status, body) = http(
        origin,
        "GET",
        "/services/data/v59.0/query?q=SELECT+COUNT()+FROM+Account",
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["totalSize"].as_u64().unwrap()
}

#[test]
fn a_client_logs_in_writes_and_queries_over_http() {
    let server = start(&[]);
    let token = login(&server.origin);
    assert_eq!(create(&server.origin, &token, "Acme"), 201);
    assert_eq!(count(&server.origin, &token), 1);
    let (status, body) =
        http(&server.origin, "GET", "/services/data/v59.0/limits", &[("Authorization", "Bearer wrong")], "");
    assert_eq!(
        (status, body.as_str()),
        (401, r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)
    );
}

#[test]
fn acknowledged_writes_survive_kill_9_and_a_restart() {
    let dir = scratch("org-durable");
    let data = dir.join("org.db").display().to_string();
    let server = start(&["--data", &data]);
    let token = login(&server.origin);
    let origin = server.origin.clone();
    let writer = std::thread::spawn(move || {
        let mut acknowledged = 0u64;
        for i in 0..10_000 {
            if create(&origin, &token, &format!("Row {i}")) != 201 {
                break;
            }
            acknowledged += 1;
        }
        acknowledged
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(server); // SIGKILL, mid-stream.
    let acknowledged = writer.join().unwrap_or(0);
    assert!(acknowledged > 0, "some writes were acknowledged before the kill");
    let restarted = start(&["--data", &data]);
    let token = login(&restarted.origin);
    let stored = count(&restarted.origin, &token);
    assert!(stored >= acknowledged, "{stored} stored, {acknowledged} acknowledged");
    assert!(stored <= acknowledged + 1, "at most the write in flight is extra: {stored} vs {acknowledged}");
}

#[test]
fn a_data_plan_seeds_the_org_once() {
    let dir = scratch("org-seed");
    let accounts = r#"{"records": [{"attributes": {"type": "Account", "referenceId": "AccountRef1"}, "Name": "Acme",
        "Contacts": {"records": [{"attributes": {"type": "Contact", "referenceId": "ContactRef1"}, "LastName": "Lovelace"}]}},
        {"attributes": {"type": "Account", "referenceId": "AccountRef2"}, "Name": "Beta"}]}"#;
    std::fs::write(
        dir.join("Account-plan.json"),
        r#"[{"sobject": "Account", "saveRefs": true, "files": ["Account.json"]}]"#,
    )
    .unwrap();
    std::fs::write(dir.join("Account.json"), accounts).unwrap();
    let plan = dir.join("Account-plan.json").display().to_string();
    let data = dir.join("org.db").display().to_string();
    for _ in 0..2 {
        let server = start(&["--seed", &plan, "--data", &data]);
        let token = login(&server.origin);
        assert_eq!(count(&server.origin, &token), 2, "seeded once, not again on restart");
    }
}

/// Starts a server whose output goes to `log`; returns once it has said where it serves.
fn start_logged(args: &[&str], log: &std::path::Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(["org", "serve", "--port", "0"])
        .args(args)
        .stdout(std::fs::File::create(log).unwrap())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut server = Server { child, origin: String::new(), banner: String::new() };
    for _ in 0..200 {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(first) = text.lines().next().filter(|_| text.contains('\n')) {
            server.origin = first.rsplit(' ').next().unwrap_or_default().to_string();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(server.origin.starts_with("http://127.0.0.1:"), "the server did not start");
    server
}

/// A project folder holding `apps` (file stem, XML) as Connected App metadata.
fn project_with_apps(name: &str, apps: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::write(
        dir.join("sfdx-project.json"),
        r#"{"packageDirectories": [{"path": "force-app", "default": true}]}"#,
    )
    .unwrap();
    let folder = dir.join("force-app/main/default/connectedApps");
    std::fs::create_dir_all(&folder).unwrap();
    for (stem, xml) in apps {
        std::fs::write(folder.join(format!("{stem}.connectedApp-meta.xml")), xml).unwrap();
    }
    dir
}

fn connected_app(oauth: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>App</label>\n    <oauthConfig>\n{oauth}    </oauthConfig>\n</ConnectedApp>\n")
}

#[test]
fn connected_apps_come_from_the_projects_metadata() {
    let portal = connected_app("        <consumerKey>partner-portal-key</consumerKey>\n        <isClientCredentialEnabled>true</isClientCredentialEnabled>\n        <oauthClientCredentialUser>admin@apex.local</oauthClientCredentialUser>\n        <scopes>Api</scopes>\n");
    let billing = connected_app(
        "        <consumerKey>billing-key</consumerKey>\n        <consumerSecret>billing-own-secret</consumerSecret>\n",
    );
    let dir = project_with_apps("org-apps", &[("Partner_Portal", &portal), ("Billing", &billing)]);
    let log = dir.join("serve.log");
    let project = dir.display().to_string();
    let server = start_logged(&["--project", &project, "--client-secret", "shared-secret"], &log);
    let form = "grant_type=client_credentials&client_id=partner-portal-key&client_secret=shared-secret";
    let (status, body) = http(
        &server.origin,
        "POST",
        "/services/oauth2/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form,
    );
    assert_eq!(status, 200, "the app without a secret takes --client-secret: {body}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["scope"], "api");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("  connected app Partner_Portal (project): consumer key partner-portal-key; its file has no consumerSecret, so it takes the --client-secret\n"),
        "{text}"
    );
    assert!(text.contains("  connected app Billing (project): consumer key billing-key\n"), "{text}");
    assert!(!text.contains("billing-own-secret"), "secrets from files are never printed: {text}");
}

#[test]
fn a_connected_app_file_without_a_consumer_key_stops_the_server() {
    let bad = connected_app("        <consumerSecret>s3cret</consumerSecret>\n");
    let dir = project_with_apps("org-bad-app", &[("Broken", &bad)]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(["org", "serve", "--port", "0", "--project"])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut status = None;
    for _ in 0..400 {
        status = child.try_wait().unwrap();
        if status.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let Some(status) = status else {
        let _ = child.kill();
        panic!("the server kept running");
    };
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("connectedApps/Broken.connectedApp-meta.xml:4:5: <oauthConfig> has no <consumerKey>"),
        "{stderr}"
    );
}
