//! `apex test [--project DIR] [--class-names A,B] [--tests A.m,B.n] [--result-format F]
//! [--output-dir DIR] [--jobs N] [--shard K/N] [--log DIR]`: runs a project's Apex tests,
//! each in a transaction of its own, and reports them; `--log` writes one debug log per test
//! method. Exit 0 when all pass; 1 when a test fails or a class does not compile; 2
//! when nothing could run (no project, an unknown test name, compile errors everywhere).

use crate::debug_log::LogLevels;
use crate::render::RenderConfig;
use crate::test_runner::report::{self, Format};
use crate::test_runner::{self, DiagnosticSink, RunError, RunReport, Selection, Shard, TestConfig};
use crate::workspace::{self, ProjectFiles};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct TestArgs {
    /// The project or folder of classes (default: the nearest folder above the current one
    /// holding sfdx-project.json).
    #[arg(long, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Runs only these test classes (comma-separated or repeated).
    #[arg(short = 'n', long, value_name = "CLASS", value_delimiter = ',')]
    pub class_names: Vec<String>,
    /// Runs only these tests, `Class.method` or a whole `Class` (comma-separated or repeated).
    #[arg(short = 't', long, value_name = "CLASS.METHOD", value_delimiter = ',')]
    pub tests: Vec<String>,
    /// The format of the report on stdout.
    #[arg(short = 'r', long, value_enum, value_name = "FORMAT", default_value_t = Format::Human)]
    pub result_format: Format,
    /// Also writes the report in every format to this folder (test-result.txt,
    /// test-result.json, test-result-junit.xml, test-result.tap).
    #[arg(short = 'd', long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// How many test classes run at once, each on its own thread (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Runs only shard K of N (1 <= K <= N): the selected test classes are dealt round-robin,
    /// so a CI matrix of N machines runs each class once.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Writes each test method's debug log in the platform's format to this folder (created
    /// if missing), one file per test as the platform keeps one log per test transaction:
    /// DIR/Class.method.log.
    #[arg(long, value_name = "DIR")]
    pub log: Option<PathBuf>,
    /// The debug logs' levels, e.g. `Apex_code=FINE,Callout=INFO` (categories Apex_code,
    /// Apex_profiling, Callout, System; levels NONE to FINEST; Apex_code is DEBUG unless set).
    /// METHOD_ENTRY/EXIT need Apex_code FINE, EXCEPTION_THROWN INFO.
    #[arg(long, value_name = "LEVELS", requires = "log", value_parser = LogLevels::parse)]
    pub log_level: Option<LogLevels>,
    /// The CPU time limit of each test in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub cpu_limit: u64,
    /// Reports every time as 0 ms, so that reports can be compared.
    #[arg(long, hide = true)]
    pub no_timings: bool,
}

/// Everything a run needs besides the project's files.
#[derive(Clone, Debug)]
pub struct TestOptions {
    pub selection: Selection,
    pub format: Format,
    pub output_dir: Option<PathBuf>,
    /// The folder the debug logs go to; `config.log` holds their levels.
    pub log_dir: Option<PathBuf>,
    pub config: TestConfig,
    /// How compile errors are drawn on stderr.
    pub diagnostics: RenderConfig,
}

impl TestOptions {
    pub fn from_args(args: &TestArgs) -> TestOptions {
        let selection =
            Selection { class_names: args.class_names.clone(), tests: args.tests.clone(), shard: args.shard };
        let jobs = args.jobs.map_or_else(all_cores, usize::from);
        let progress = std::io::stderr().is_terminal();
        let mut config = TestConfig { timings: !args.no_timings, jobs, progress, ..TestConfig::default() };
        config.limits.cpu_time = std::time::Duration::from_millis(args.cpu_limit);
        if args.log.is_some() {
            config.log = Some(args.log_level.clone().unwrap_or_default());
        }
        // Colour only where a person reads the report: the terminal, not the files.
        if args.result_format == Format::Human && args.output_dir.is_none() {
            config.render = RenderConfig::for_stdout();
        }
        TestOptions {
            selection,
            format: args.result_format,
            output_dir: args.output_dir.clone(),
            log_dir: args.log.clone(),
            config,
            diagnostics: RenderConfig::for_stderr(),
        }
    }
}

/// One job per core the machine reports.
fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

pub fn run(args: &TestArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match load(args) {
        Ok(files) => run_files(files, &TestOptions::from_args(args), out, err),
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            2
        }
    }
}

/// Runs the tests of `files` and writes the report; returns the exit code.
pub fn run_files(files: ProjectFiles, options: &TestOptions, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let sink = DiagnosticSink { out: &mut *err, render: options.diagnostics };
    let report = match test_runner::run(files, &options.selection, &options.config, sink) {
        Ok(report) => report,
        Err(RunError::UnknownNames(names)) => {
            let _ = writeln!(err, "error: no test class or test method named {}", names.join(", "));
            return 2;
        }
    };
    if !report.broken.is_empty() {
        let names: Vec<&str> = report.broken.iter().map(|b| b.name.as_str()).collect();
        let _ = writeln!(err, "error: did not compile, so left out: {}", names.join(", "));
    }
    let _ = report::write(&report, options.format, out);
    if let Some(dir) = &options.output_dir {
        if let Err(message) = write_files(&report, dir) {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
    }
    if let Some(dir) = &options.log_dir {
        if let Err(message) = write_logs(&report, dir) {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
    }
    exit_code(&report)
}

fn exit_code(report: &RunReport) -> u8 {
    if !report.broken.is_empty() && report.ran() == 0 {
        return 2;
    }
    if report.failed() > 0 || !report.broken.is_empty() {
        1
    } else {
        0
    }
}

/// Writes the report in every format into `dir`, creating it if needed.
fn write_files(report: &RunReport, dir: &Path) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("--output-dir {}: {e}", dir.display());
    std::fs::create_dir_all(dir).map_err(failed)?;
    for format in Format::ALL {
        let mut text = Vec::new();
        report::write(report, format, &mut text).map_err(failed)?;
        std::fs::write(dir.join(format.file_name()), text).map_err(failed)?;
    }
    Ok(())
}

/// Writes each test's debug log into `dir` as `Class.method.log`, creating it if needed.
fn write_logs(report: &RunReport, dir: &Path) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("--log {}: {e}", dir.display());
    std::fs::create_dir_all(dir).map_err(failed)?;
    for result in &report.results {
        if let Some(log) = &result.log {
            std::fs::write(dir.join(format!("{}.log", result.full_name())), log).map_err(failed)?;
        }
    }
    Ok(())
}

fn load(args: &TestArgs) -> Result<ProjectFiles, String> {
    let Some(dir) = &args.project else {
        return match apex_project::find_root(Path::new(".")) {
            Some(root) => workspace::load_project(&root),
            None => Err("no sfdx-project.json here or in any parent folder; pass --project DIR".into()),
        };
    };
    if !dir.is_dir() {
        return Err(format!("project folder {} does not exist", dir.display()));
    }
    // A folder inside a project is taken alone, not as the project around it.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
    match apex_project::find_root(dir) {
        Some(root) if root == absolute => workspace::load_project(&root),
        _ => workspace::load_dir(dir),
    }
}
