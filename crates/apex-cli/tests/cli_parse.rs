//! End-to-end tests of `apex parse` as a user runs it: exit codes, the closing line, JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn apex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apex")).args(args).current_dir(repo()).env("NO_COLOR", "1").output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn count_files(dir: &str) -> usize {
    std::fs::read_dir(repo().join(dir)).unwrap().count()
}

#[test]
fn valid_folder_exits_zero_with_the_summary_line() {
    let output = apex(&["parse", "fixtures/parse/valid"]);
    assert_eq!(output.status.code(), Some(0));
    let expected = format!("{} files, 0 with errors\n", count_files("fixtures/parse/valid"));
    assert_eq!(stdout(&output), expected);
}

#[test]
fn invalid_files_exit_two_and_are_counted() {
    let output = apex(&["parse", "fixtures/parse/invalid/unterminated_string.cls", "fixtures/parse/valid"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("[L002] Error: unterminated string literal"), "{text}");
    let expected = format!("{} files, 1 with errors", count_files("fixtures/parse/valid") + 1);
    assert_eq!(text.lines().last(), Some(expected.as_str()));
}

#[test]
fn json_output_is_one_document_with_a_summary() {
    let output = apex(&["parse", "--json", "fixtures/parse/invalid/missing_semicolon_after_statement.cls"]);
    assert_eq!(output.status.code(), Some(2));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["summary"]["files"], 1);
    assert_eq!(document["summary"]["with_errors"], 1);
    let diagnostic = &document["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "P001");
    assert!(diagnostic["message"].as_str().unwrap().starts_with("expected `;`"));
}

#[test]
fn ast_flag_prints_the_tree() {
    let output = apex(&["parse", "--ast", "fixtures/parse/valid/simple_enum.cls"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("Enum("), "{}", stdout(&output));
}

#[test]
fn a_missing_path_is_a_clear_error() {
    let output = apex(&["parse", "no/such/file.cls"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: cannot read no/such/file.cls"), "{stderr}");
}

#[test]
fn an_unknown_flag_is_rejected_by_clap() {
    let output = apex(&["parse", "--frobnicate", "x.cls"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_bundled_example_parses() {
    let output = apex(&["parse", "examples/callout-basics"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "2 files, 0 with errors\n");
}

#[test]
fn a_deep_tree_prints_as_json_without_overflowing() {
    let dir = std::env::temp_dir().join(format!("apex-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("deep.apex");
    std::fs::write(&file, format!("Boolean b = {}true;", "!".repeat(4000))).unwrap();
    let output = apex(&["parse", "--ast", "--json", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    // serde_json refuses to read back nesting past 128 levels, so check the text instead.
    assert!(stdout(&output).contains("\"with_errors\": 0"), "{}", stdout(&output).len());
    std::fs::remove_dir_all(dir).unwrap();
}
