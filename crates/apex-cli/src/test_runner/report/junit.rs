//! The JUnit XML report CI servers read: `testsuites`, one `testsuite` per class, one
//! `testcase` per test with a `failure` (an Apex exception) or an `error` (a tool fault or a
//! compile error), and the test's debug lines as `system-out`.

use super::millis;
use crate::test_runner::{RunReport, Status, TestResult};
use std::io::{self, Write};
use std::time::Duration;

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    let (failures, errors) = counts(&report.results);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="apex" tests="{}" failures="{failures}" errors="{errors}" time="{}">"#,
        report.results.len(),
        seconds(report.time)
    )?;
    for suite in report.results.chunk_by(|a, b| a.class == b.class) {
        write_suite(suite, out)?;
    }
    writeln!(out, "</testsuites>")
}

fn write_suite(results: &[TestResult], out: &mut dyn Write) -> io::Result<()> {
    let (failures, errors) = counts(results);
    let time: Duration = results.iter().map(|r| r.time).sum();
    let name = results.first().map_or("", |r| r.class.as_str());
    writeln!(
        out,
        r#"  <testsuite name="{}" tests="{}" failures="{failures}" errors="{errors}" skipped="0" time="{}">"#,
        escape(name),
        results.len(),
        seconds(time)
    )?;
    for result in results {
        write_case(result, out)?;
    }
    writeln!(out, "  </testsuite>")
}

fn write_case(result: &TestResult, out: &mut dyn Write) -> io::Result<()> {
    let open = format!(
        r#"    <testcase classname="{}" name="{}" time="{}""#,
        escape(&result.class),
        escape(&result.method),
        seconds(result.time)
    );
    if result.failure.is_none() && result.debug.is_empty() {
        return writeln!(out, "{open}/>");
    }
    writeln!(out, "{open}>")?;
    if let Some(failure) = &result.failure {
        let element = if result.status == Status::Fail { "failure" } else { "error" };
        let mut body = vec![failure.title()];
        body.extend(failure.stack.iter().cloned());
        body.extend(failure.frame.lines().map(|l| l.trim_end().to_string()));
        writeln!(
            out,
            r#"      <{element} type="{}" message="{}">{}</{element}>"#,
            escape(&failure.kind),
            escape(&failure.message),
            escape_text(&body.join("\n"))
        )?;
    }
    if !result.debug.is_empty() {
        writeln!(out, "      <system-out>{}</system-out>", escape_text(&result.debug.join("\n")))?;
    }
    writeln!(out, "    </testcase>")
}

/// Failures (Apex exceptions) and errors (everything else that did not pass).
fn counts(results: &[TestResult]) -> (usize, usize) {
    let failures = results.iter().filter(|r| r.status == Status::Fail).count();
    let errors = results.iter().filter(|r| r.status == Status::Error).count();
    (failures, errors)
}

fn seconds(time: Duration) -> String {
    format!("{:.3}", millis(time) as f64 / 1000.0)
}

/// Text made safe for an XML attribute value; characters XML 1.0 cannot hold are dropped.
fn escape(text: &str) -> String {
    escape_text(text).replace('"', "&quot;").replace('\n', "&#10;")
}

/// Text made safe for XML element content; characters XML 1.0 cannot hold are dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_text};

    #[test]
    fn markup_and_control_characters_are_escaped_or_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape_text("'a' > \"b\""), "'a' &gt; \"b\"");
    }
}
