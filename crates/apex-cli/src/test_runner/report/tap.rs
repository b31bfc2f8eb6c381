//! The TAP report (Test Anything Protocol, version 13): `ok N - Class.method` or `not ok`,
//! each failure with a YAML block holding its message, severity, time and Apex stack.

use super::{millis, summary};
use crate::test_runner::{RunReport, Status, TestResult};
use std::io::{self, Write};

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "TAP version 13")?;
    writeln!(out, "1..{}", report.results.len())?;
    for (index, result) in report.results.iter().enumerate() {
        write_result(index + 1, result, out)?;
    }
    for class in &report.broken {
        writeln!(out, "# {} ({}:{}) does not compile: {}", class.name, class.file, class.line, class.message)?;
    }
    writeln!(out, "# {}", summary(report))
}

fn write_result(number: usize, result: &TestResult, out: &mut dyn Write) -> io::Result<()> {
    let Some(failure) = &result.failure else {
        return writeln!(out, "ok {number} - {}", result.full_name());
    };
    writeln!(out, "not ok {number} - {}", result.full_name())?;
    writeln!(out, "  ---")?;
    // A JSON string is a valid YAML scalar, quoting included.
    let message = serde_json::to_string(&failure.title()).unwrap_or_default();
    writeln!(out, "  message: {message}")?;
    writeln!(out, "  severity: {}", if result.status == Status::Fail { "fail" } else { "error" })?;
    writeln!(out, "  duration_ms: {}", millis(result.time))?;
    if !failure.stack.is_empty() {
        writeln!(out, "  stack: |-")?;
        for line in &failure.stack {
            writeln!(out, "    {line}")?;
        }
    }
    writeln!(out, "  ...")
}
