//! The host of one test's transaction: it keeps the test's debug lines for the report,
//! serves the project's static resources and, when the run writes debug logs
//! (`apex test --log`), keeps the test's log.

use crate::debug_log::{CodeUnit, DebugLog, LogLevels, Usage};
use apex_runtime::eval::Outcome;
use apex_runtime::ir::MethodId;
use apex_runtime::program::Program;
use apex_runtime::{Host, RunningUser, StaticResource, StaticResources, Tracing};

/// Collects `System.debug` lines; the clock is fixed when the run asks for it.
pub struct TestHost<'a> {
    pub debug: Vec<String>,
    pub now: Option<i64>,
    pub user: &'a RunningUser,
    pub resources: &'a StaticResources,
    pub log: Option<DebugLog>,
}

impl<'a> TestHost<'a> {
    pub fn new(now: Option<i64>, user: &'a RunningUser, resources: &'a StaticResources) -> TestHost<'a> {
        TestHost { debug: Vec::new(), now, user, resources, log: None }
    }

    /// Starts the debug log of the test method `method` when the run writes logs.
    pub fn start_log(&mut self, levels: Option<&LogLevels>, program: &Program, method: MethodId) {
        let Some(levels) = levels else {
            return;
        };
        let info = program.method(method);
        let class = info.class.map(|c| program.class_display(c)).unwrap_or_default();
        let now = self.now_millis();
        let unit = CodeUnit::Test { class: &class, method: &info.name };
        self.log = Some(DebugLog::new(levels.clone(), now, "62.0", unit, self.user));
    }

    /// The test's whole log, with the FATAL_ERROR of an exception no catch stopped.
    pub fn finish_log(&mut self, outcome: &Outcome, usage: &Usage) -> Option<String> {
        let mut log = self.log.take()?;
        if let Outcome::Exception(uncaught) = outcome {
            log.fatal(uncaught);
        }
        Some(log.finish(usage))
    }
}

impl Host for TestHost<'_> {
    fn debug(&mut self, level: &str, line: u32, message: &str) {
        self.debug.push(message.to_string());
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

    fn static_resource(&self, name: &str) -> Option<&StaticResource> {
        self.resources.get(name)
    }

    fn random_bytes(&mut self, buf: &mut [u8]) {
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), buf);
    }

    fn tracing(&self) -> Tracing {
        self.log.as_ref().map(DebugLog::tracing).unwrap_or_default()
    }

    fn trace(&mut self, event: &str, line: u32, fields: &[&str]) {
        if let Some(log) = self.log.as_mut() {
            log.trace(event, line, fields);
        }
    }
}
