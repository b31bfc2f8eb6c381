//! End-to-end tests of `apex test` as a user runs it: finding the project, the exit codes,
//! the report on stdout and the files `--output-dir` writes.

mod common;

use common::{apex, apex_in, scratch, stderr, stdout, write_files};
use std::path::{Path, PathBuf};

/// The repository's examples folder.
fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name)
}

/// A project in a fresh folder with an sfdx-project.json and the given classes.
fn project(name: &str, classes: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    write_files(&dir, &[("sfdx-project.json", r#"{"packageDirectories": [{"path": "force-app", "default": true}]}"#)]);
    let classes_dir = dir.join("force-app/main/default/classes");
    std::fs::create_dir_all(&classes_dir).unwrap();
    write_files(&classes_dir, classes);
    dir
}

const PASSING: &str = "@IsTest private class OkTest { @IsTest static void ok() { Assert.isTrue(true); } }";
const FAILING: &str = "@IsTest private class BadTest { @IsTest static void bad() { Assert.areEqual(1, 2); } }";

#[test]
fn the_callout_basics_example_passes() {
    let dir = example("callout-basics");
    let output = apex(&["test", "--project", dir.to_str().unwrap(), "--no-timings"]);
    assert_eq!(stdout(&output), "PASS  WeatherClientTest.parsesTheForecast  (0 ms)\n1 passed, 0 failed\n");
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
}

#[test]
fn the_project_is_found_from_the_current_folder() {
    let dir = project("found", &[("OkTest.cls", PASSING)]);
    let classes = dir.join("force-app/main/default/classes");
    let output = apex_in(&classes, &["test"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(stdout(&output).ends_with("1 passed, 0 failed\n"), "{}", stdout(&output));
}

#[test]
fn a_failing_test_exits_1_with_its_assertion() {
    let dir = project("failing", &[("OkTest.cls", PASSING), ("BadTest.cls", FAILING)]);
    let output = apex_in(&dir, &["test"]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("FAIL  BadTest.bad  ("), "{out}");
    assert!(out.contains("System.AssertException: Assertion Failed: Expected: 1, Actual: 2"), "{out}");
    assert!(out.ends_with("1 passed, 1 failed\n"), "{out}");
}

#[test]
fn jobs_run_classes_on_threads_and_keep_their_order() {
    let classes: Vec<(String, String)> = (0..6)
        .map(|i| {
            let body = format!(
                "@IsTest private class T{i}Test {{ static Integer n = 0; \
                 @IsTest static void a() {{ n++; insert new Account(Name = 'x'); \
                 Assert.areEqual(1, n); Assert.areEqual(1, [SELECT COUNT() FROM Account]); }} }}"
            );
            (format!("T{i}Test.cls"), body)
        })
        .collect();
    let refs: Vec<(&str, &str)> = classes.iter().map(|(n, b)| (n.as_str(), b.as_str())).collect();
    let dir = project("jobs", &refs);
    let output = apex_in(&dir, &["test", "--jobs", "4", "--no-timings"]);
    let expected: String = (0..6).map(|i| format!("PASS  T{i}Test.a  (0 ms)\n")).collect();
    assert_eq!(stdout(&output), format!("{expected}6 passed, 0 failed\n"), "stderr: {}", stderr(&output));
    assert_eq!(apex_in(&dir, &["test", "--jobs", "0"]).status.code(), Some(2), "at least one job");
}

#[test]
fn output_dir_gets_every_format() {
    let dir = project("output-dir", &[("OkTest.cls", PASSING), ("BadTest.cls", FAILING)]);
    let reports = dir.join("reports/nested");
    let output = apex_in(&dir, &["test", "-r", "tap", "--output-dir", reports.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    assert!(stdout(&output).starts_with("TAP version 13\n1..2\n"), "{}", stdout(&output));
    let read = |name: &str| std::fs::read_to_string(reports.join(name)).unwrap();
    assert!(read("test-result.txt").ends_with("1 passed, 1 failed\n"));
    assert!(read("test-result.tap").contains("not ok 1 - BadTest.bad"));
    assert!(read("test-result-junit.xml").contains(r#"<testsuites name="apex" tests="2" failures="1" errors="0""#));
    let json: serde_json::Value = serde_json::from_str(&read("test-result.json")).unwrap();
    assert_eq!(json["summary"]["passing"], 1);
    assert_eq!(json["tests"][0]["outcome"], "Fail");
}

#[test]
fn no_project_is_an_error() {
    let dir = scratch("no-project");
    let output = apex_in(&dir, &["test"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no sfdx-project.json"), "{}", stderr(&output));
    let output = apex_in(&dir, &["test", "--project", "missing"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("project folder missing does not exist"), "{}", stderr(&output));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = apex(&["test", "--result-format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("possible values: human, json, junit, tap"), "{}", stderr(&output));
}
