//! Every example under examples/ runs as its README says. Each README's ```console blocks are
//! sessions: a `$ command` line, then what the command prints (stdout, then stderr). The test
//! runs each command with `sh` in the README's folder, the built `apex` first on the PATH, a
//! fresh secret store ($APEX_SECRETS) and home folder per README, and compares the output line
//! by line (trailing spaces ignored; `[..]` in an expected line matches any text).
//!
//! Two stand-ins keep it offline: a command ending in `&` starts in the background (an
//! `apex org serve`: its `--port 8787` becomes a free port, and `127.0.0.1:8787` in later
//! commands follows), and an `apex run --live` with no `--route` goes to a local stand-in for
//! httpbin.org (`--route https://httpbin.org=http://127.0.0.1:PORT` is added).

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// One `$ command` and the lines it should print.
#[derive(Debug)]
struct Step {
    command: String,
    expected: Vec<String>,
    /// The line of the README the command is on.
    line: usize,
}

/// The steps of every ```console block of a README, in order.
fn steps(readme: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    for (index, line) in readme.lines().enumerate() {
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        if line.trim_end() == "```" {
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step { command: command.to_string(), expected: Vec::new(), line: index + 1 });
        } else if let Some(step) = steps.last_mut() {
            step.expected.push(line.to_string());
        }
    }
    steps
}

/// Whether `actual` is `expected`, where `[..]` in `expected` matches any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let (expected, actual) = (expected.trim_end(), actual.trim_end());
    let mut parts = expected.split("[..]");
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (index, part) in parts.iter().enumerate() {
        if index + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// What one README's session needs: its folder, scratch space and the servers it started.
struct Session {
    dir: PathBuf,
    scratch: PathBuf,
    servers: Vec<Child>,
    /// The port an `apex org serve --port 8787 &` got instead.
    org_port: Option<String>,
    httpbin: Option<String>,
}

impl Drop for Session {
    fn drop(&mut self) {
        for server in &mut self.servers {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

impl Session {
    fn shell(&self, command: &str) -> Command {
        let bin = Path::new(env!("CARGO_BIN_EXE_apex")).parent().unwrap().to_path_buf();
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command).current_dir(&self.dir);
        shell.env("PATH", path).env("HOME", &self.scratch).env("NO_COLOR", "1");
        shell.env("APEX_SECRETS", self.scratch.join("secrets.json"));
        for (name, _) in std::env::vars().filter(|(n, _)| n.starts_with("APEX_SECRET__")) {
            shell.env_remove(name);
        }
        shell
    }

    /// The command as the test runs it: the org's real port, the httpbin stand-in.
    fn rewrite(&mut self, command: &str) -> String {
        let mut command = command.to_string();
        if let Some(port) = &self.org_port {
            command = command.replace("127.0.0.1:8787", &format!("127.0.0.1:{port}"));
        }
        if command.contains("apex run") && command.contains("--live") && !command.contains("--route") {
            let origin = self.httpbin.get_or_insert_with(start_httpbin).clone();
            command.push_str(&format!(" --route https://httpbin.org={origin}"));
        }
        command
    }

    /// Starts a background command (an `apex org serve`) on a free port and waits for its
    /// first line, `apex org serving at http://127.0.0.1:PORT`.
    fn start(&mut self, command: &str) {
        let command = command.replace("--port 8787", "--port 0");
        let mut child =
            self.shell(&format!("exec {command}")).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut banner = String::new();
        reader.read_line(&mut banner).unwrap();
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        let port = banner.trim().rsplit(':').next().unwrap_or_default().to_string();
        assert!(port.parse::<u16>().is_ok(), "`{command}` printed {banner:?}");
        self.org_port = Some(port);
        self.servers.push(child);
    }
}

/// Runs the README in `dir` and returns its failures, one message each.
fn run_readme(dir: &Path, name: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let scratch = common::scratch(&format!("example-{name}"));
    let mut session = Session { dir: dir.to_path_buf(), scratch, servers: Vec::new(), org_port: None, httpbin: None };
    let mut failures = Vec::new();
    let all = steps(&readme);
    if all.is_empty() {
        failures.push(format!("{name}/README.md has no ```console block"));
    }
    for step in all {
        if let Some(background) = step.command.strip_suffix('&') {
            session.start(background.trim_end());
            continue;
        }
        let command = session.rewrite(&step.command);
        let output = session.shell(&command).output().unwrap();
        let printed = format!("{}{}", common::stdout(&output), common::stderr(&output));
        let actual: Vec<&str> = printed.lines().collect();
        let same = actual.len() == step.expected.len()
            && step.expected.iter().zip(&actual).all(|(expected, actual)| line_matches(expected, actual));
        if !same {
            failures.push(format!(
                "{name}/README.md:{}: `{}` printed:\n{printed}\n--- the README expects:\n{}\n",
                step.line,
                step.command,
                step.expected.join("\n")
            ));
        }
    }
    failures
}

/// Every folder under examples/ with a README.md, as (folder, name relative to examples/).
fn readmes() -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![examples()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n == "README.md") && dir != examples() {
                let name = dir.strip_prefix(examples()).unwrap().display().to_string();
                found.push((dir.clone(), name));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_example_prints_what_its_readme_says() {
    let readmes = readmes();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> =
            readmes.iter().map(|(dir, name)| scope.spawn(move || run_readme(dir, &name.replace('/', "-")))).collect();
        runs.into_iter().flat_map(|run| run.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_example_folder_has_a_readme_and_the_index_names_it() {
    let index = std::fs::read_to_string(examples().join("README.md")).unwrap();
    for entry in std::fs::read_dir(examples()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !entry.path().is_dir() {
            continue;
        }
        assert!(entry.path().join("README.md").exists(), "examples/{name} has no README.md");
        assert!(index.contains(&format!("]({name}/")), "examples/README.md does not link {name}/");
    }
}

/// Each step of the walkthrough keeps the files of the step before it, unchanged, and adds
/// its own piece.
#[test]
fn each_walkthrough_step_builds_on_the_one_before() {
    let walkthrough = examples().join("salesforce-to-salesforce");
    let mut steps: Vec<PathBuf> = std::fs::read_dir(&walkthrough)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("step-")))
        .collect();
    steps.sort();
    assert_eq!(steps.len(), 4, "{steps:?}");
    for pair in steps.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let (kept, added) = (files(before), files(after));
        for file in &kept {
            if file.ends_with("README.md") || file.ends_with("sfdx-project.json") {
                continue;
            }
            let old = std::fs::read_to_string(before.join(file)).unwrap();
            let new = std::fs::read_to_string(after.join(file)).unwrap_or_default();
            assert_eq!(old, new, "{} changes or drops {}", after.display(), file.display());
        }
        assert!(added.len() > kept.len(), "{} adds nothing to {}", after.display(), before.display());
    }
}

/// The files under `dir`, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).unwrap().flatten() {
            if entry.path().is_dir() {
                pending.push(entry.path());
            } else if entry.file_name() != ".gitkeep" {
                found.push(entry.path().strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    found
}

/// A stand-in for the httpbin.org endpoints the examples call, on loopback:
/// `/basic-auth/USER/PASSWORD` (200 when the Basic header holds them, else 401), `/bearer`
/// (200 with a Bearer header, else 401) and `/headers` (the request's headers).
fn start_httpbin() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer_httpbin(stream);
        }
    });
    origin
}

fn answer_httpbin(mut stream: std::net::TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
            headers.push((name.to_string(), value.trim().to_string()));
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let authorization = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("authorization")).map(|(_, v)| v.as_str());
    let (status, body) = httpbin(&path, authorization, &headers);
    let reason = if status == 200 { "OK" } else { "UNAUTHORIZED" };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn httpbin(path: &str, authorization: Option<&str>, headers: &[(String, String)]) -> (u16, String) {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["basic-auth", user, password] => {
            let wanted = format!("Basic {}", base64(format!("{user}:{password}").as_bytes()));
            match authorization == Some(wanted.as_str()) {
                true => (200, format!("{{\n  \"authenticated\": true, \n  \"user\": \"{user}\"\n}}\n")),
                false => (401, String::new()),
            }
        }
        ["bearer"] => match authorization.and_then(|a| a.strip_prefix("Bearer ")) {
            Some(token) if !token.is_empty() => {
                (200, format!("{{\n  \"authenticated\": true, \n  \"token\": \"{token}\"\n}}\n"))
            }
            _ => (401, String::new()),
        },
        ["headers"] => {
            let shown: Vec<String> = headers.iter().map(|(n, v)| format!("    \"{n}\": \"{v}\"")).collect();
            (200, format!("{{\n  \"headers\": {{\n{}\n  }}\n}}\n", shown.join(", \n")))
        }
        _ => (404, String::new()),
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_readme_reader_splits_sessions_and_matches_wildcards() {
    let readme = "intro\n```console\n$ apex run a.apex\n200 OK\n$ apex creds list\n```\n```sh\n$ not run\n```\n";
    let found = steps(readme);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].command.as_str(), found[0].expected.clone(), found[0].line),
        ("apex run a.apex", vec!["200 OK".to_string()], 3)
    );
    assert!(found[1].expected.is_empty());
    assert!(line_matches("stored X in [..]", "stored X in /tmp/a/secrets.json"));
    assert!(line_matches("a [..] c [..]", "a b c d"));
    assert!(!line_matches("stored X in [..]", "removed X"));
    assert!(line_matches("trailing  ", "trailing"));
    assert_eq!(base64(b"demo:demo-password"), "ZGVtbzpkZW1vLXBhc3N3b3Jk");
}
