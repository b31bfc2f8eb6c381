//! `apex test`'s engine: compiles a project (leaving out classes that do not compile), finds
//! its test methods, runs each in a transaction of its own and collects results that the
//! report formats render.

mod build;
mod discover;
mod execute;
mod failure;
mod host;
mod parallel;
mod progress;
pub mod report;
mod shard;

pub use discover::Selection;
pub use shard::Shard;

use crate::render::RenderConfig;
use crate::workspace::ProjectFiles;
use apex_runtime::RunningUser;
use std::io::Write;
use std::time::{Duration, Instant};

/// How tests run.
#[derive(Clone, Debug)]
pub struct TestConfig {
    /// The governor limits of each test's transaction.
    pub limits: apex_runtime::eval::Config,
    /// A fixed clock for reproducible output; the system clock when `None`.
    pub now_millis: Option<i64>,
    /// The running user and org that `UserInfo` reports.
    pub user: RunningUser,
    /// Whether times are measured; when not, every time reads zero, so reports are reproducible.
    pub timings: bool,
    /// How the source frame of a failure is drawn.
    pub render: RenderConfig,
    /// How many test classes run at once, each thread with its own interpreter.
    pub jobs: usize,
    /// Whether a live progress line is drawn on stderr (a terminal) while tests run.
    pub progress: bool,
    /// Each test writes a debug log at these levels (`apex test --log`).
    pub log: Option<crate::debug_log::LogLevels>,
}

impl Default for TestConfig {
    fn default() -> TestConfig {
        TestConfig {
            limits: apex_runtime::eval::Config::default(),
            now_millis: None,
            user: RunningUser::default(),
            timings: true,
            render: RenderConfig::plain(),
            jobs: 1,
            progress: false,
            log: None,
        }
    }
}

/// How one test ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    /// An uncaught Apex exception, a failed assertion among them.
    Fail,
    /// The test could not run as Apex: a tool fault, or its class did not compile.
    Error,
}

/// Why a test did not pass.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The exception's type (`System.AssertException`), `Fault` or `CompileError`.
    pub kind: String,
    pub message: String,
    /// The Apex stack, innermost frame first.
    pub stack: Vec<String>,
    /// The source around the line that threw, as `apex run` draws it; empty when unknown.
    pub frame: String,
}

impl Failure {
    /// The first line `apex run` prints: `System.AssertException: Assertion Failed`.
    pub fn title(&self) -> String {
        match self.kind.as_str() {
            "Fault" | "CompileError" => format!("error: {}", self.message),
            _ if self.message.is_empty() => self.kind.clone(),
            kind => format!("{kind}: {}", self.message),
        }
    }
}

/// One test method's result.
#[derive(Clone, Debug)]
pub struct TestResult {
    pub class: String,
    pub method: String,
    pub status: Status,
    pub time: Duration,
    pub failure: Option<Failure>,
    /// The test's `System.debug` lines.
    pub debug: Vec<String>,
    /// The test's debug log, when the run writes them.
    pub log: Option<String>,
}

impl TestResult {
    /// `Class.method`.
    pub fn full_name(&self) -> String {
        format!("{}.{}", self.class, self.method)
    }
}

/// A class left out of the run because it (or a class it uses) did not compile.
#[derive(Clone, Debug)]
pub struct BrokenClass {
    pub name: String,
    /// The file as shown in messages.
    pub file: String,
    /// The first compile error and its 1-based line.
    pub message: String,
    pub line: u32,
}

/// Everything one `apex test` run found out.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    pub results: Vec<TestResult>,
    pub broken: Vec<BrokenClass>,
    pub time: Duration,
}

impl RunReport {
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.status == Status::Pass).count()
    }

    /// Failures and errors: every test that did not pass.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }

    /// Tests that actually ran (not left out for a compile error).
    pub fn ran(&self) -> usize {
        self.results.iter().filter(|r| r.failure.as_ref().is_none_or(|f| f.kind != "CompileError")).count()
    }
}

/// Why nothing could be run.
#[derive(Debug)]
pub enum RunError {
    /// `--class-names` or `--tests` named something that is not a test.
    UnknownNames(Vec<String>),
}

/// Where compile errors are drawn, as they are found.
pub struct DiagnosticSink<'a> {
    pub out: &'a mut dyn Write,
    pub render: RenderConfig,
}

/// Compiles the project, runs the selected tests and reports.
pub fn run(
    files: ProjectFiles,
    selection: &Selection,
    config: &TestConfig,
    diagnostics: DiagnosticSink,
) -> Result<RunReport, RunError> {
    let started = Instant::now();
    let classes = discover::discover(&files.classes);
    let unknown = selection.unknown(&classes);
    if !unknown.is_empty() {
        return Err(RunError::UnknownNames(unknown));
    }
    let compiled = build::build(files, diagnostics);
    let mut wanted: Vec<&discover::TestClass> = classes.iter().filter(|c| selection.wants_class(c)).collect();
    if let Some(shard) = selection.shard {
        wanted = shard.select(wanted);
    }
    let total = wanted.iter().map(|c| c.methods.iter().filter(|m| selection.wants(&c.name, &m.name)).count()).sum();
    let progress = progress::Progress::new(config.progress, total);
    let results = parallel::run_classes(&compiled, &wanted, selection, config, &progress);
    progress.finish();
    let time = if config.timings { started.elapsed() } else { Duration::ZERO };
    Ok(RunReport { results, broken: compiled.broken, time })
}
