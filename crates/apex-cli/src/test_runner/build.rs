//! Compiles a project for a test run. A class with compile errors is reported and left out,
//! and the rest compiled again, until what is left compiles: classes that use a broken one
//! fail in the next round and are left out too, so the tests that do not depend on it run.

use super::{BrokenClass, DiagnosticSink};
use crate::workspace::{build as build_sources, Built, ProjectFiles, Source};
use apex_syntax::{Diagnostic, FileId, Severity};
use std::collections::BTreeSet;

/// The program of the classes that compile, with the project's sources for source frames.
pub struct Compiled {
    pub built: Built,
    pub broken: Vec<BrokenClass>,
    /// The project's static resources, which every test's transaction can read.
    pub resources: apex_runtime::StaticResources,
}

impl Compiled {
    /// Whether the class named `name` was left out.
    pub fn is_broken(&self, name: &str) -> Option<&BrokenClass> {
        self.broken.iter().find(|b| b.name.eq_ignore_ascii_case(name))
    }
}

/// Builds the project, leaving out the files that do not compile, round by round.
pub fn build(files: ProjectFiles, sink: DiagnosticSink) -> Compiled {
    let mut sources = files.classes;
    let mut broken = Vec::new();
    let mut first_round = true;
    loop {
        let built = build_sources(sources.clone(), files.metadata.clone());
        let failing = failing_files(&built);
        // Metadata problems are the same every round: show them once.
        let shown = |d: &Diagnostic| {
            d.severity == Severity::Error
                && (failing.contains(&d.span.file.0) || (first_round && d.span.file.0 as usize >= sources.len()))
        };
        let _ = built.render(sink.render, &shown, &mut *sink.out);
        if failing.is_empty() {
            return Compiled { built, broken, resources: files.resources };
        }
        broken.extend(failing.iter().map(|i| broken_class(&built, *i)));
        sources = keep(sources, &failing);
        first_round = false;
    }
}

/// The Apex files with compile (or syntax) errors, by index.
fn failing_files(built: &Built) -> BTreeSet<u32> {
    built
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && (d.span.file.0 as usize) < built.sources.len())
        .map(|d| d.span.file.0)
        .collect()
}

fn keep(sources: Vec<Source>, failing: &BTreeSet<u32>) -> Vec<Source> {
    sources.into_iter().enumerate().filter(|(i, _)| !failing.contains(&(*i as u32))).map(|(_, s)| s).collect()
}

/// The class in file `index` and its first error by position.
fn broken_class(built: &Built, index: u32) -> BrokenClass {
    let source = &built.sources[index as usize];
    let first = built
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.span.file == FileId(index))
        .min_by_key(|d| (d.span.start, d.span.end));
    let (message, line) = match first {
        Some(d) => (d.message.clone(), line_of(&source.text, d.span.start as usize)),
        None => (String::from("does not compile"), 1),
    };
    BrokenClass { name: class_name(&source.name), file: source.name.clone(), message, line }
}

/// The class a file holds, by the platform's rule that a class file is named after its class.
pub fn class_name(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    base.split('.').next().unwrap_or(base).to_string()
}

fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() as u32 + 1
}
