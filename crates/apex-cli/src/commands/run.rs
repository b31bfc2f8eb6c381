//! `apex run FILE | -e CODE | -`: runs anonymous Apex with the project's classes. stdout gets
//! one line per `System.debug` call; an uncaught exception goes to stderr with the Apex stack
//! and a source frame (exit 1); compile errors exit 2; a tool fault (an unsupported API)
//! exits 3.

use crate::render::RenderConfig;
use crate::runner::{run_script, RunConfig};
use crate::workspace::{self, ProjectFiles, Source};
use apex_syntax::UnitKind;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// The anonymous Apex file to run, or `-` to read it from stdin.
    pub file: Option<PathBuf>,
    /// Run this code instead of a file.
    #[arg(short = 'e', long = "execute", value_name = "CODE", conflicts_with = "file")]
    pub code: Option<String>,
    /// The SFDX project whose classes the script may use (default: the nearest folder above
    /// the file, or the current one, holding sfdx-project.json).
    #[arg(long, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// The CPU time limit in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub cpu_limit: u64,
    /// Sets a field of the running user or org that `UserInfo` and `Url.getOrgDomainUrl()`
    /// report, e.g. `--user userName=ada@example.com` (repeatable).
    #[arg(long = "user", value_name = "FIELD=VALUE")]
    pub user: Vec<String>,
    /// Fixes the clock for `System.now()` and `Date.today()`: an ISO 8601 instant such as
    /// `2024-03-05T14:07:00Z`.
    #[arg(long, value_name = "INSTANT")]
    pub now: Option<String>,
    /// Keeps the org's records in this SQLite file, created if missing, so they outlast the
    /// run (an uncaught exception undoes the run's changes). In memory by default.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Write a debug log in the platform's format to this file.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// The debug log's levels, e.g. `Apex_code=FINE,Callout=INFO` (categories Apex_code,
    /// Apex_profiling, Callout, System; levels NONE to FINEST; Apex_code is DEBUG unless set).
    /// METHOD_ENTRY/EXIT need Apex_code FINE, EXCEPTION_THROWN INFO.
    #[arg(long, value_name = "LEVELS", requires = "log")]
    pub log_level: Option<String>,
    #[command(flatten)]
    pub callouts: crate::callouts::CalloutArgs,
}

pub fn run(args: &RunArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let script = match read_script(args) {
        Ok(script) => script,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
    };
    let files = match project_files(args) {
        Ok(files) => files,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
    };
    let mut config = RunConfig { render: RenderConfig::for_stderr(), ..RunConfig::default() };
    config.limits.cpu_time = std::time::Duration::from_millis(args.cpu_limit);
    config.data = args.data.clone();
    if let Err(message) = session(args, &mut config) {
        let _ = writeln!(err, "error: {message}");
        return 2;
    }
    let env: Vec<(String, String)> = std::env::vars().collect();
    let mut service = match crate::callouts::service(&files, &args.callouts, &mut config.user, &env) {
        Ok(service) => service,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
    };
    run_script(script, files, &config, Some(&mut service), out, err)
}

/// Applies `--user` and `--now` to the run's configuration.
fn session(args: &RunArgs, config: &mut RunConfig) -> Result<(), String> {
    for setting in &args.user {
        let Some((field, value)) = setting.split_once('=') else {
            return Err(format!("--user expects FIELD=VALUE, got {setting}"));
        };
        config.user.set(field.trim(), value.trim()).map_err(|e| format!("--user: {e}"))?;
    }
    if let Some(path) = &args.log {
        let levels = match &args.log_level {
            Some(text) => crate::debug_log::LogLevels::parse(text)?,
            None => crate::debug_log::LogLevels::default(),
        };
        config.log = Some((path.clone(), levels));
    }
    if let Some(now) = &args.now {
        let instant = apex_runtime::stdlib::iso8601::parse_datetime(now)
            .ok_or_else(|| format!("--now expects an ISO 8601 instant such as 2024-03-05T14:07:00Z, got {now}"))?;
        config.now_millis = Some(instant.0);
    }
    Ok(())
}

fn read_script(args: &RunArgs) -> Result<Source, String> {
    if let Some(code) = &args.code {
        return Ok(Source { name: "<-e>".into(), text: code.clone(), kind: UnitKind::Anonymous });
    }
    let Some(path) = &args.file else {
        return Err("nothing to run: give a file, `-` for stdin, or -e CODE".into());
    };
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
        return Ok(Source { name: "<stdin>".into(), text, kind: UnitKind::Anonymous });
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Source { name: path.display().to_string(), text, kind: UnitKind::Anonymous })
}

fn project_files(args: &RunArgs) -> Result<ProjectFiles, String> {
    if let Some(dir) = &args.project {
        if !dir.is_dir() {
            return Err(format!("project folder {} does not exist", dir.display()));
        }
        return match apex_project::find_root(dir) {
            Some(root) if root == absolute(dir) => workspace::load_project(&root),
            _ => workspace::load_dir(dir),
        };
    }
    let start = match &args.file {
        Some(path) if path.as_os_str() != "-" => path.clone(),
        _ => PathBuf::from("."),
    };
    match apex_project::find_root(&start) {
        Some(root) => workspace::load_project(&root),
        None => Ok(ProjectFiles::default()),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
