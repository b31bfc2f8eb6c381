//! The client-compatibility suite: simple-salesforce (Python), jsforce (Node) and curl each
//! log in to `apex org serve --tls` and run their checks (tests/clients/). The libraries are
//! installed into target/clients on first use.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The server, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the org over TLS with the suite's project; returns it, its origin and its
/// certificate.
fn start(cert_dir: &Path) -> (Server, String, PathBuf) {
    let project = repo().join("tests/clients/project");
    let mut child = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(["org", "serve", "--port", "0", "--tls", "--cert-dir"])
        .arg(cert_dir)
        .arg("--project")
        .arg(&project)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let origin = first.trim().rsplit(' ').next().unwrap_or_default().to_string();
    // Made before the check, so a failing start still stops the server.
    let server = Server(child);
    assert!(origin.starts_with("https://127.0.0.1:"), "{first}");
    (server, origin, cert_dir.join("apex-org-cert.pem"))
}

fn assert_passed(what: &str, output: Output) {
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{what} failed:\n{text}");
    assert!(text.contains("all checks passed"), "{what} did not finish:\n{text}");
}

#[test]
fn simple_salesforce_jsforce_and_curl_work_against_the_org() {
    let root = repo();
    let cache = root.join("target/clients");
    let install = Command::new("bash").arg(root.join("tests/clients/install.sh")).arg(&cache).output().unwrap();
    assert!(
        install.status.success(),
        "installing the clients (needs python3 with venv, npm and the network once):\n{}",
        String::from_utf8_lossy(&install.stderr)
    );
    let cert_dir = std::env::temp_dir().join(format!("apex-clients-{}", std::process::id()));
    let (_server, origin, cert) = start(&cert_dir);
    let python = Command::new(cache.join("venv/bin/python"))
        .arg(root.join("tests/clients/simple_salesforce_check.py"))
        .args([&origin, &cert.display().to_string()])
        .env("REQUESTS_CA_BUNDLE", &cert)
        .output()
        .unwrap();
    assert_passed("simple-salesforce", python);
    let node = Command::new("node")
        .arg(root.join("tests/clients/jsforce_check.js"))
        .arg(&origin)
        .env("NODE_PATH", cache.join("node_modules"))
        .env("NODE_EXTRA_CA_CERTS", &cert)
        .output()
        .unwrap();
    assert_passed("jsforce", node);
    let curl = Command::new("bash")
        .arg(root.join("tests/clients/oauth_flows.sh"))
        .args([&origin, &cert.display().to_string()])
        .output()
        .unwrap();
    assert_passed("curl OAuth flows", curl);
}
