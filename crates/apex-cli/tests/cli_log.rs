//! `apex run --log FILE`: the debug log in the platform's format, each event kind snapshotted
//! with its timestamps (and CPU and heap figures) made steady.

mod common;

use common::{apex_in, scratch};
use std::path::Path;

/// The log with `HH:MM:SS.s (nanos)` stamps and the CPU and heap figures replaced.
fn steady(log: &str) -> String {
    log.lines()
        .map(|line| {
            let line = match line.split_once(") |").or_else(|| line.split_once(")|")) {
                Some((stamp, rest)) if stamp.len() > 11 && stamp.as_bytes()[2] == b':' => {
                    format!("HH:MM:SS.s (N)|{rest}")
                }
                _ => line.to_string(),
            };
            if line.starts_with("  Maximum CPU time:") {
                return "  Maximum CPU time: N out of 10000".into();
            }
            if line.starts_with("  Maximum heap size:") {
                return "  Maximum heap size: N out of 6000000".into();
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_logged(name: &str, dir: &Path, args: &[&str]) -> String {
    let log = scratch(name).join("apex.log");
    let mut all: Vec<&str> = args.to_vec();
    let log_arg = log.to_str().unwrap().to_string();
    all.extend(["--log", &log_arg]);
    let _ = apex_in(dir, &all);
    steady(&std::fs::read_to_string(&log).unwrap())
}

#[test]
fn a_callout_run_logs_debug_lines_callouts_and_limits() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/named-credentials");
    let log = run_logged("log-callout", &example, &["run", "scripts/list-accounts.apex"]);
    insta::assert_snapshot!(log);
}

#[test]
fn levels_filter_debug_lines_and_an_uncaught_exception_is_fatal() {
    let dir = scratch("log-levels-dir");
    let code =
        "System.debug(LoggingLevel.FINE, 'fine detail');\nSystem.debug(LoggingLevel.ERROR, 'shown');\nInteger x;\nx++;";
    let log = run_logged("log-levels", &dir, &["run", "-e", code, "--log-level", "Apex_code=INFO,Apex_profiling=NONE"]);
    insta::assert_snapshot!(log);
}
