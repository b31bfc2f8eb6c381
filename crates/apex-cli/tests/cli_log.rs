//! `apex run --log FILE` and `apex test --log DIR`: the debug log in the platform's format,
//! each event kind snapshotted with its timestamps (and CPU and heap figures) made steady.

mod common;

use common::{apex_in, projects, scratch, stderr};
use std::path::{Path, PathBuf};

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

/// A project whose script and tests reach every Apex_code event: methods, constructors
/// (explicit and implicit), a static initializer, an inner class, caught and uncaught throws.
fn invoice_project() -> PathBuf {
    projects().join("debug-log")
}

fn count(log: &str, event: &str) -> usize {
    log.lines().filter(|l| l.contains(&format!("|{event}|")) || l.ends_with(&format!("|{event}"))).count()
}

#[test]
fn at_fine_user_methods_and_constructors_enter_and_exit_with_their_signatures() {
    let args = ["run", "scripts/every-event.apex", "--log-level", "Apex_code=FINE,Apex_profiling=NONE"];
    let log = run_logged("log-methods", &invoice_project(), &args);
    assert_eq!(count(&log, "METHOD_ENTRY"), count(&log, "METHOD_EXIT"), "{log}");
    assert_eq!(count(&log, "CONSTRUCTOR_ENTRY"), count(&log, "CONSTRUCTOR_EXIT"), "{log}");
    insta::assert_snapshot!(log);
}

#[test]
fn below_fine_no_method_is_logged() {
    let log = run_logged("log-no-methods", &invoice_project(), &["run", "scripts/every-event.apex"]);
    assert!(log.starts_with("62.0 APEX_CODE,DEBUG;"), "{log}");
    assert_eq!(count(&log, "METHOD_ENTRY") + count(&log, "CONSTRUCTOR_ENTRY"), 0, "{log}");
    assert_eq!(count(&log, "USER_DEBUG"), 2, "{log}");
}

#[test]
fn every_throw_is_logged_caught_or_not_and_only_the_uncaught_one_is_fatal() {
    let args = ["run", "scripts/every-event.apex", "--log-level", "Apex_code=INFO,Apex_profiling=NONE"];
    let log = run_logged("log-throws", &invoice_project(), &args);
    // Each parseAmount call throws twice (the TypeException, then the InvoiceException);
    // the first pair is caught in the script, the second is not.
    assert_eq!(count(&log, "EXCEPTION_THROWN"), 4, "{log}");
    assert_eq!(count(&log, "FATAL_ERROR"), 1, "{log}");
    insta::assert_snapshot!(log);
}

#[test]
fn at_error_a_throw_is_not_logged_but_the_fatal_error_is() {
    let args = ["run", "scripts/every-event.apex", "--log-level", "Apex_code=ERROR"];
    let log = run_logged("log-errors", &invoice_project(), &args);
    assert_eq!((count(&log, "EXCEPTION_THROWN"), count(&log, "FATAL_ERROR")), (0, 1), "{log}");
}

#[test]
fn apex_test_writes_one_log_per_test_method() {
    let dir = scratch("log-tests").join("logs");
    let dir_arg = dir.to_str().unwrap();
    let output = apex_in(&invoice_project(), &["test", "--log", dir_arg, "--log-level", "Apex_code=FINE"]);
    assert_eq!(output.status.code(), Some(1), "one test fails on purpose: {}", stderr(&output));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["InvoiceTest.rejectsAWordAsAnAmount.log", "InvoiceTest.totalsWithTax.log"]);
    let passed = steady(&std::fs::read_to_string(dir.join("InvoiceTest.totalsWithTax.log")).unwrap());
    assert_eq!(count(&passed, "FATAL_ERROR"), 0, "{passed}");
    insta::assert_snapshot!("test_log_passed", passed);
    let failed = steady(&std::fs::read_to_string(dir.join("InvoiceTest.rejectsAWordAsAnAmount.log")).unwrap());
    insta::assert_snapshot!("test_log_failed", failed);
}

#[test]
fn apex_test_refuses_an_unknown_log_level() {
    let output = apex_in(&invoice_project(), &["test", "--log", "logs", "--log-level", "Apex_code=LOUD"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown level LOUD"), "{}", stderr(&output));
}
