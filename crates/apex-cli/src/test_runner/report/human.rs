//! The report for a person: one line per test, `PASS  Class.method  (3 ms)`, each failure
//! followed by its message, Apex stack, source frame and debug output, and a last line
//! `N passed, M failed`.

use super::{millis, summary};
use crate::test_runner::{RunReport, Status, TestResult};
use std::io::{self, Write};

/// How far a failure's details are indented under its test's line.
const INDENT: &str = "    ";

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    for result in &report.results {
        write_result(result, out)?;
    }
    writeln!(out, "{}", summary(report))
}

fn write_result(result: &TestResult, out: &mut dyn Write) -> io::Result<()> {
    let label = match result.status {
        Status::Pass => "PASS ",
        Status::Fail => "FAIL ",
        Status::Error => "ERROR",
    };
    writeln!(out, "{label} {}  ({} ms)", result.full_name(), millis(result.time))?;
    let Some(failure) = &result.failure else {
        return Ok(());
    };
    writeln!(out, "{INDENT}{}", failure.title())?;
    for line in &failure.stack {
        writeln!(out, "{INDENT}{line}")?;
    }
    indented(&failure.frame, out)?;
    if !result.debug.is_empty() {
        writeln!(out, "{INDENT}debug output:")?;
        for line in &result.debug {
            indented(line, out)?;
        }
    }
    Ok(())
}

/// Each line of `text` indented, without trailing spaces on empty lines.
fn indented(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for line in text.lines() {
        match line.trim_end() {
            "" => writeln!(out)?,
            line => writeln!(out, "{INDENT}{line}")?,
        }
    }
    Ok(())
}
