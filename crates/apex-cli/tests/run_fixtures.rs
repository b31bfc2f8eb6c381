//! Runs every program under fixtures/run/ and snapshots its exit code, stdout and stderr.
//! A fixture may also state what the real platform prints: `//> line` for each stdout line,
//! `//! text` for the first stderr line of an uncaught exception (or a compile error's
//! message). Those expectations are checked exactly; a trailing `...` matches any rest.
//! `// file: Name.cls` starts a class; `// file: objects/X__c/X__c.object-meta.xml` (any
//! `*-meta.xml` path) starts a metadata file of the fixture's project. Callouts reach the
//! emulated org as the running user with the permission sets of `// permset: Name` lines and
//! the secrets of `// secret: Credential/Principal Parameter=value` lines; the callout service's
//! trace joins the snapshot.

use apex_cli::callouts::{self, CalloutArgs};
use apex_cli::render::RenderConfig;
use apex_cli::runner::{run_script, RunConfig};
use apex_cli::workspace::{MetadataSource, ProjectFiles, Source};
use apex_syntax::UnitKind;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// 2024-01-15T10:30:00Z, so Date.today() and friends are reproducible.
const FIXED_NOW: i64 = 1_705_314_600_000;

struct Fixture {
    script: Source,
    project: ProjectFiles,
    stdout: Vec<String>,
    stderr: Option<String>,
    permsets: Vec<String>,
    /// `APEX_SECRET__...` variables, as CI would pass secrets.
    secrets: Vec<(String, String)>,
}

/// Splits a fixture at its `// file: Name.cls` markers and collects its expectations.
fn load(path: &Path) -> Fixture {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let mut parts: Vec<(String, String)> = vec![("script".into(), String::new())];
    let mut stdout = Vec::new();
    let mut stderr = None;
    let (mut permsets, mut secrets) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(name) = trimmed.strip_prefix("// permset:") {
            permsets.push(name.trim().to_string());
        }
        if let Some(secret) = trimmed.strip_prefix("// secret:") {
            secrets.push(secret_variable(secret.trim()));
        }
        if let Some(name) = trimmed.strip_prefix("// file:") {
            parts.push((name.trim().to_string(), String::new()));
            continue;
        }
        if let Some(expected) = trimmed.strip_prefix("//>") {
            stdout.push(expected.strip_prefix(' ').unwrap_or(expected).to_string());
        } else if let Some(expected) = trimmed.strip_prefix("//!") {
            stderr = Some(expected.trim().to_string());
        }
        if let Some((_, body)) = parts.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("fixture.apex").to_string();
    let (_, script_text) = parts.remove(0);
    let script = Source { name, text: script_text, kind: UnitKind::Anonymous };
    let mut project = ProjectFiles::default();
    for (name, text) in parts {
        match metadata_suffix(&name) {
            Some(suffix) => {
                // Expectations may follow the XML; they are not part of the file.
                let text = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
                project.metadata.push(MetadataSource { name, suffix, text })
            }
            None => project.classes.push(Source { name, text, kind: UnitKind::Class }),
        }
    }
    Fixture { script, project, stdout, stderr, permsets, secrets }
}

/// `Cred/Principal Param=value` as the variable `APEX_SECRET__Cred__Principal__Param`.
fn secret_variable(line: &str) -> (String, String) {
    let (target, assignment) = line.split_once(' ').expect("secret: Credential/Principal Parameter=value");
    let (credential, principal) = target.split_once('/').unwrap_or((target, ""));
    let (parameter, value) = assignment.split_once('=').expect("secret: ... Parameter=value");
    (format!("APEX_SECRET__{credential}__{principal}__{parameter}"), value.to_string())
}

/// `field` for `objects/X__c/fields/Y__c.field-meta.xml`; None for a class.
fn metadata_suffix(name: &str) -> Option<String> {
    let stem = name.strip_suffix("-meta.xml")?;
    stem.rsplit_once('.').map(|(_, suffix)| suffix.to_string())
}

fn run(fixture: &Fixture) -> (u8, String, String) {
    let mut config = RunConfig { render: RenderConfig::plain(), now_millis: Some(FIXED_NOW), ..RunConfig::default() };
    config.limits.cpu_time = Duration::from_millis(1500);
    let (script, project) = (fixture.script.clone(), fixture.project.clone());
    let args = CalloutArgs { permsets: fixture.permsets.clone(), ..CalloutArgs::default() };
    let secrets = fixture.secrets.clone();
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut service = callouts::service(&project, &args, &mut config.user, &secrets).expect("callout service");
        let code = run_script(script, project, &config, Some(&mut service), &mut out, &mut err);
        let mut err = String::from_utf8_lossy(&err).into_owned();
        if !service.trace().is_empty() {
            err.push_str("--- callouts\n");
            err.extend(service.trace().iter().map(|line| format!("{line}\n")));
        }
        (code, String::from_utf8_lossy(&out).into_owned(), err)
    });
    worker.expect("thread starts").join().expect("fixture run does not panic")
}

fn matches(expected: &str, actual: &str) -> bool {
    match expected.strip_suffix("...") {
        Some(prefix) => actual.starts_with(prefix.trim_end()),
        None => expected == actual,
    }
}

/// Differences between what the fixture says the platform prints and what we print.
fn check(fixture: &Fixture, code: u8, stdout: &str, stderr: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let actual: Vec<&str> = stdout.lines().collect();
    if !fixture.stdout.is_empty() || fixture.stderr.is_none() {
        let expected: Vec<&str> = fixture.stdout.iter().map(String::as_str).collect();
        if expected != actual {
            problems.push(format!("stdout: expected {expected:?}, got {actual:?}"));
        }
    }
    match (&fixture.stderr, code) {
        (None, 0) => {}
        (None, _) => problems.push(format!("exit {code}: {}", stderr.lines().next().unwrap_or(""))),
        (Some(expected), 1) => {
            let first = stderr.lines().next().unwrap_or("");
            if !matches(expected, first) {
                problems.push(format!("stderr: expected {expected:?}, got {first:?}"));
            }
        }
        (Some(expected), 2) => {
            if !stderr.lines().any(|l| l.contains(expected.as_str())) {
                problems
                    .push(format!("compile error {expected:?} not reported: {}", stderr.lines().next().unwrap_or("")));
            }
        }
        // A tool fault: the tool's own `error: ... is not supported yet` line.
        (Some(expected), 3) => {
            if !stderr.lines().any(|l| matches(expected, l)) {
                problems.push(format!("fault {expected:?} not reported: {}", stderr.lines().next().unwrap_or("")));
            }
        }
        (Some(expected), _) => {
            problems.push(format!("expected {expected:?}, exit {code}: {}", stderr.lines().next().unwrap_or("")))
        }
    }
    problems
}

#[test]
fn run_fixtures() {
    let failures = Mutex::new(Vec::new());
    insta::glob!("../../../fixtures/run", "**/*.apex", |path| {
        let fixture = load(path);
        let (code, stdout, stderr) = run(&fixture);
        for problem in check(&fixture, code, &stdout, &stderr) {
            let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string();
            failures.lock().expect("lock").push(format!("{name}: {problem}"));
        }
        insta::assert_snapshot!(format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"));
    });
    let failures = failures.into_inner().expect("lock");
    assert!(failures.is_empty(), "{} fixtures differ from the platform:\n{}", failures.len(), failures.join("\n"));
}
