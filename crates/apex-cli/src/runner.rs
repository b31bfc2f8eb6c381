//! Runs a script against compiled classes, then the asynchronous jobs it queued, and reports
//! the outcome the way the CLI contract says: debug lines on stdout, an uncaught exception or
//! fault on stderr (a failed job's after the script's output), and an exit code.

use crate::debug_log::{CodeUnit, DebugLog, LogLevels, Usage};
use crate::render::{render, RenderConfig};
use crate::workspace::{build, ProjectFiles, Source};
use apex_callout::service::CalloutService;
use apex_runtime::callout::{CalloutFailure, CalloutRequest, CalloutResponse};
use apex_runtime::eval::{Config, Interp, Outcome};
use apex_runtime::{Host, RunningUser, StaticResource, StaticResources};
use apex_syntax::{Diagnostic, FileId, Severity, Span};
use std::io::Write;

/// How a run is set up.
#[derive(Clone, Debug)]
pub struct RunConfig {
    pub limits: Config,
    pub render: RenderConfig,
    /// A fixed clock for reproducible output; the system clock when `None`.
    pub now_millis: Option<i64>,
    /// The running user and org that `UserInfo` reports.
    pub user: RunningUser,
    /// The org's records live in this SQLite file and outlast the run; in memory when `None`.
    pub data: Option<std::path::PathBuf>,
    /// Write a debug log here, at these levels (`--log`, `--log-level`).
    pub log: Option<(std::path::PathBuf, LogLevels)>,
}

impl Default for RunConfig {
    fn default() -> RunConfig {
        RunConfig {
            limits: Config::default(),
            render: RenderConfig::plain(),
            now_millis: None,
            user: RunningUser::default(),
            data: None,
            log: None,
        }
    }
}

/// Sends debug lines straight to the output.
struct StreamHost<'a> {
    out: &'a mut dyn Write,
    now: Option<i64>,
    user: &'a RunningUser,
    callouts: Option<&'a mut CalloutService>,
    log: Option<DebugLog>,
    resources: &'a StaticResources,
}

impl Host for StreamHost<'_> {
    fn debug(&mut self, level: &str, line: u32, message: &str) {
        let _ = writeln!(self.out, "{message}");
        if let Some(log) = self.log.as_mut() {
            log.user_debug(level, line, message);
        }
    }

    fn now_millis(&mut self) -> i64 {
        self.now.unwrap_or_else(crate::clock::system_millis)
    }

    fn user(&self) -> &RunningUser {
        self.user
    }

    fn random_bytes(&mut self, buf: &mut [u8]) {
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), buf);
    }

    fn static_resource(&self, name: &str) -> Option<&StaticResource> {
        self.resources.get(name)
    }

    fn callout(&mut self, request: &CalloutRequest) -> Result<CalloutResponse, CalloutFailure> {
        if let Some(log) = self.log.as_mut() {
            log.callout_request(request.line, &request.method, &request.endpoint);
        }
        let answer = match self.callouts.as_deref_mut() {
            Some(service) => service.send(request),
            None => Err(CalloutFailure::callout(format!("Unable to reach {}: callouts are off", request.endpoint))),
        };
        if let (Some(log), Ok(response)) = (self.log.as_mut(), &answer) {
            let status = if response.status.is_empty() {
                apex_runtime::callout::reason_phrase(response.status_code)
            } else {
                &response.status
            };
            log.callout_response(request.line, status, response.status_code);
        }
        answer
    }

    fn tracing(&self) -> apex_runtime::Tracing {
        self.log.as_ref().map(DebugLog::tracing).unwrap_or_default()
    }

    fn trace(&mut self, event: &str, line: u32, fields: &[&str]) {
        if let Some(log) = self.log.as_mut() {
            log.trace(event, line, fields);
        }
    }
}

/// Compiles the project's classes with `script` (the script is the last file), against the
/// schema its metadata describes, and runs it.
pub fn run_script(
    script: Source,
    project: ProjectFiles,
    config: &RunConfig,
    callouts: Option<&mut CalloutService>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let script_index = project.classes.len() as u32;
    let resources = project.resources;
    let mut sources = project.classes;
    sources.push(script);
    let built = build(sources, project.metadata);
    // Warnings about unsupported APIs matter for the script; the whole project's belong to `apex check`.
    let shown = |d: &Diagnostic| d.severity == Severity::Error || d.span.file == FileId(script_index);
    let _ = built.render(config.render, &shown, err);
    if built.has_errors() {
        let errors = built.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let _ = writeln!(err, "error: could not compile: {errors} error{}", if errors == 1 { "" } else { "s" });
        return 2;
    }
    let mut host =
        StreamHost { out, now: config.now_millis, user: &config.user, callouts, log: None, resources: &resources };
    let now = host.now_millis();
    if let Some((_, levels)) = &config.log {
        let script_text = built.sources.get(script_index as usize).map_or("", |s| s.text.as_str());
        let unit = CodeUnit::Anonymous { script: script_text };
        host.log = Some(DebugLog::new(levels.clone(), now, "62.0", unit, &config.user));
    }
    let store = match config.data.as_deref().map(|path| open_data(path, &built.program, &config.user, now)) {
        Some(Ok(store)) => Some(store),
        Some(Err(message)) => {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
        None => None,
    };
    let mut interp = Interp::new(&built.program, &mut host, config.limits.clone());
    interp.store = store;
    let outcome = interp.run_script();
    let usage = Usage::of(&interp.limits);
    // The run is one transaction: an uncaught exception leaves the data file as it was.
    if let Some(store) = interp.store.as_mut().filter(|_| config.data.is_some()) {
        let finished = match outcome {
            Outcome::Completed => store.release(RUN_SAVEPOINT),
            _ => store.rollback_to(RUN_SAVEPOINT).and_then(|_| store.release(RUN_SAVEPOINT)),
        };
        if let Err(e) = finished {
            let _ = writeln!(err, "error: the data file: {e}");
        }
    }
    // Work the script queued runs once it has committed, each job in its own transaction.
    let jobs = match outcome {
        Outcome::Completed => interp.run_queued_jobs(),
        _ => Vec::new(),
    };
    drop(interp);
    let _ = host.out.flush();
    if let (Some(mut log), Some((path, _))) = (host.log.take(), &config.log) {
        if let Outcome::Exception(uncaught) = &outcome {
            log.fatal(uncaught);
        }
        if let Err(e) = std::fs::write(path, log.finish(&usage)) {
            let _ = writeln!(err, "error: cannot write the debug log {}: {e}", path.display());
        }
    }
    let mut code = report(outcome, &built.sources, config.render, err);
    for failed in jobs {
        code = code.max(report(failed, &built.sources, config.render, err));
    }
    code
}

/// Writes how a script or a queued job ended to `err` and returns the exit code it gives.
fn report(outcome: Outcome, sources: &[Source], render: RenderConfig, err: &mut dyn Write) -> u8 {
    match outcome {
        Outcome::Completed => 0,
        Outcome::Exception(uncaught) => {
            let first = if uncaught.message.is_empty() {
                uncaught.type_name.clone()
            } else {
                format!("{}: {}", uncaught.type_name, uncaught.message)
            };
            let _ = writeln!(err, "{first}");
            write_stack(&uncaught.stack, err);
            if let Some(top) = uncaught.stack.first() {
                frame(sources, top.span, &first, render, err);
            }
            1
        }
        Outcome::Fault(fault, stack) => {
            let message = match fault {
                apex_runtime::Fault::Unsupported(m) => m,
                apex_runtime::Fault::Internal(m) => format!("internal error: {m}"),
            };
            let _ = writeln!(err, "error: {message}");
            write_stack(&stack, err);
            if let Some(top) = stack.first() {
                frame(sources, top.span, &message, render, err);
            }
            3
        }
    }
}

/// The savepoint around a run on a data file.
const RUN_SAVEPOINT: &str = "apex_run";

/// Opens (or creates) the data file, gives it the org's records on first use and starts the
/// run's transaction.
fn open_data(
    path: &std::path::Path,
    program: &apex_runtime::program::Program,
    user: &RunningUser,
    now: i64,
) -> Result<apex_data::Store, String> {
    let failed = |e: apex_data::StoreError| format!("--data {}: {}", path.display(), e.message);
    let mut store = apex_data::Store::open(path, program.schema.clone()).map_err(failed)?;
    apex_runtime::stdlib::dml::seed_org(user, now, &mut store).map_err(failed)?;
    store.savepoint(RUN_SAVEPOINT).map_err(failed)?;
    Ok(store)
}

/// Runaway recursion would print a thousand stack lines: keep this many from each end.
const STACK_ENDS: usize = 10;

pub(crate) fn write_stack(stack: &[apex_runtime::eval::StackLine], err: &mut dyn Write) {
    if stack.len() <= 2 * STACK_ENDS {
        for line in stack {
            let _ = writeln!(err, "{}", line.text);
        }
        return;
    }
    for line in &stack[..STACK_ENDS] {
        let _ = writeln!(err, "{}", line.text);
    }
    let _ = writeln!(err, "... {} more frames ...", stack.len() - 2 * STACK_ENDS);
    for line in &stack[stack.len() - STACK_ENDS..] {
        let _ = writeln!(err, "{}", line.text);
    }
}

/// An ariadne frame around the line where the exception was thrown.
pub(crate) fn frame(sources: &[Source], span: Span, message: &str, config: RenderConfig, err: &mut dyn Write) {
    let Some(source) = sources.get(span.file.0 as usize) else {
        return;
    };
    let mut diagnostic = Diagnostic::error("E001", message, span);
    diagnostic.labels.push(apex_syntax::diagnostic::Label { span, message: "thrown here".into() });
    let _ = render(&[diagnostic], &source.name, &source.text, config, err);
}
