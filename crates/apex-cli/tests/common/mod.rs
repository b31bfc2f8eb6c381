//! Helpers shared by the end-to-end tests: running the `apex` binary and reading its output.
// Each test binary uses some of these helpers, not all.
#![allow(dead_code)]

pub mod org;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture projects next to the tests.
pub fn projects() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

/// Runs `apex` in `dir` (a folder with no sfdx-project.json above it unless it is a project).
pub fn apex_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apex")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

/// Runs `apex` from the folder of fixture projects, outside any project.
pub fn apex(args: &[&str]) -> Output {
    apex_in(&projects(), args)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fresh, empty folder for one test, outside any project.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apex-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (name, text) into `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}
