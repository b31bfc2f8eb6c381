//! The JSON report: a summary, one object per test, and the classes that did not compile.
//! Field names follow the shape of `sf apex run test --result-format json`, in camelCase.

use super::millis;
use crate::test_runner::{BrokenClass, RunReport, Status, TestResult};
use serde_json::{json, Value};
use std::io::{self, Write};

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    let document = json!({
        "summary": summary(report),
        "tests": report.results.iter().map(test).collect::<Vec<_>>(),
        "compileErrors": report.broken.iter().map(broken).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn summary(report: &RunReport) -> Value {
    let total = report.results.len();
    let rate = |n: usize| format!("{}%", (n * 100 + total / 2).checked_div(total).unwrap_or(0));
    json!({
        "outcome": if report.failed() == 0 && report.broken.is_empty() { "Passed" } else { "Failed" },
        "testsRan": report.ran(),
        "passing": report.passed(),
        "failing": report.failed(),
        "skipped": 0,
        "passRate": rate(report.passed()),
        "failRate": rate(report.failed()),
        "testTotalTimeMs": millis(report.time) as u64,
    })
}

fn test(result: &TestResult) -> Value {
    let failure = result.failure.as_ref();
    json!({
        "fullName": result.full_name(),
        "className": result.class,
        "methodName": result.method,
        "outcome": outcome(result),
        "runTimeMs": millis(result.time) as u64,
        "exceptionType": failure.map(|f| f.kind.clone()),
        "message": failure.map(|f| f.title()),
        "stackTrace": failure.filter(|f| !f.stack.is_empty()).map(|f| f.stack.join("\n")),
        "debug": result.debug,
    })
}

/// `Pass`, `Fail`, `Error` (a tool fault) or `CompileFail`.
fn outcome(result: &TestResult) -> &'static str {
    match (result.status, result.failure.as_ref()) {
        (Status::Pass, _) => "Pass",
        (_, Some(f)) if f.kind == "CompileError" => "CompileFail",
        (Status::Fail, _) => "Fail",
        (Status::Error, _) => "Error",
    }
}

fn broken(class: &BrokenClass) -> Value {
    json!({ "className": class.name, "file": class.file, "line": class.line, "message": class.message })
}
