//! Acceptance for the debug logs: what `apex run --log` and `apex test --log` write, at the
//! finest levels and together covering every event kind, parses without an ERROR or MISSING
//! node under the `sflog` grammar of the npm package tree-sitter-sfapex. The grammar and the
//! node tree-sitter bindings are installed into target/sflog on first use (tests/sflog/).

mod common;

use common::{apex_in, projects, scratch, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every event kind the tool writes.
const EVENTS: &[&str] = &[
    "USER_INFO",
    "EXECUTION_STARTED",
    "CODE_UNIT_STARTED",
    "USER_DEBUG",
    "METHOD_ENTRY",
    "METHOD_EXIT",
    "CONSTRUCTOR_ENTRY",
    "CONSTRUCTOR_EXIT",
    "CALLOUT_REQUEST",
    "CALLOUT_RESPONSE",
    "EXCEPTION_THROWN",
    "FATAL_ERROR",
    "CUMULATIVE_LIMIT_USAGE",
    "LIMIT_USAGE_FOR_NS",
    "CUMULATIVE_LIMIT_USAGE_END",
    "CODE_UNIT_FINISHED",
    "EXECUTION_FINISHED",
];

const FINEST: &str = "Apex_code=FINEST,Apex_profiling=FINEST,Callout=FINEST,System=FINEST";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Installs the grammar on first use; returns its node_modules.
fn grammar() -> PathBuf {
    let cache = repo().join("target/sflog");
    let install = Command::new("bash").arg(repo().join("tests/sflog/install.sh")).arg(&cache).output().unwrap();
    assert!(
        install.status.success(),
        "installing tree-sitter-sfapex (needs npm, a C/C++ compiler and the registry once):\n{}",
        String::from_utf8_lossy(&install.stderr)
    );
    cache.join("node_modules")
}

/// Runs the checker on `logs`: its exit status and its report.
fn parse(modules: &Path, logs: &[PathBuf]) -> (bool, String) {
    let output = Command::new("node")
        .arg(repo().join("tests/sflog/check.js"))
        .args(logs)
        .env("NODE_PATH", modules)
        .output()
        .unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), report)
}

/// Runs `apex` in `dir` with `args` and a log in `logs`; returns the log's path.
fn run_logged(dir: &Path, logs: &Path, name: &str, args: &[&str]) -> PathBuf {
    let log = logs.join(name);
    let mut all = args.to_vec();
    all.extend(["--log", log.to_str().unwrap(), "--log-level", FINEST]);
    let output = apex_in(dir, &all);
    assert!(log.is_file(), "apex {args:?} wrote no log: {}", stderr(&output));
    log
}

#[test]
fn every_debug_log_parses_with_the_sflog_grammar() {
    let modules = grammar();
    let logs = scratch("sflog");
    let invoices = projects().join("debug-log");
    let example = repo().join("examples/named-credentials");
    let mut files = vec![
        run_logged(&invoices, &logs, "every-event.log", &["run", "scripts/every-event.apex"]),
        run_logged(&example, &logs, "callout.log", &["run", "scripts/list-accounts.apex"]),
    ];
    let tests = logs.join("tests");
    let output = apex_in(&invoices, &["test", "--log", tests.to_str().unwrap(), "--log-level", FINEST]);
    assert_eq!(output.status.code(), Some(1), "one test fails on purpose: {}", stderr(&output));
    files.extend(std::fs::read_dir(&tests).unwrap().map(|e| e.unwrap().path()));
    assert_eq!(files.len(), 4, "{files:?}");

    let (parsed, report) = parse(&modules, &files);
    assert!(parsed, "a debug log does not parse:\n{report}");
    let text: String = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    for event in EVENTS {
        assert!(text.contains(&format!("|{event}")), "no {event} in the logs:\n{text}");
    }
}

#[test]
fn the_checker_reports_what_the_grammar_rejects() {
    let modules = grammar();
    let dir = scratch("sflog-broken");
    let broken = dir.join("broken.log");
    let text = "62.0 APEX_CODE,FINE\n12:00:00.0 (1)|USER_DEBUG|[1]|DEBUG|\n";
    std::fs::write(&broken, text).unwrap();
    let (parsed, report) = parse(&modules, &[broken]);
    assert!(!parsed, "an empty last field should not parse:\n{report}");
    assert!(report.contains(" at 2:"), "the problem is on the event line: {report}");
}
