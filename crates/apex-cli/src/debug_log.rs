//! A debug log in the platform's format (`--log`): the header with the log levels, then one
//! `HH:mm:ss.S (nanoseconds)|EVENT|...` line per event — execution and code unit bounds,
//! USER_DEBUG, METHOD_ENTRY/EXIT and CONSTRUCTOR_ENTRY/EXIT (Apex_code FINE), CALLOUT_REQUEST/
//! RESPONSE, EXCEPTION_THROWN at every throw, FATAL_ERROR, and the cumulative limit usage.
//! Everything logged is what Apex itself could see (callouts as Apex wrote them, exception
//! messages, method signatures without values), so no secret reaches the log.

use apex_runtime::eval::{Limits, Uncaught};
use apex_runtime::Tracing;
use std::time::Instant;

/// Log levels from least to most detailed.
pub const LEVELS: [&str; 8] = ["NONE", "ERROR", "WARN", "INFO", "DEBUG", "FINE", "FINER", "FINEST"];

/// The level of each log category (`--log-level Apex_code=FINE,Callout=INFO`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLevels {
    pub apex_code: usize,
    pub apex_profiling: usize,
    pub callout: usize,
    pub system: usize,
}

impl Default for LogLevels {
    fn default() -> LogLevels {
        LogLevels { apex_code: 4, apex_profiling: 3, callout: 3, system: 4 }
    }
}

impl LogLevels {
    /// Applies `Category=LEVEL,...`; categories and levels ignore case.
    pub fn parse(text: &str) -> Result<LogLevels, String> {
        let mut levels = LogLevels::default();
        for setting in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (category, level) =
                setting.split_once('=').ok_or_else(|| format!("--log-level expects Category=LEVEL, got {setting}"))?;
            let rank = level_rank(level)
                .ok_or_else(|| format!("--log-level: unknown level {level} (one of {})", LEVELS.join(", ")))?;
            let slot = match category.trim().to_ascii_lowercase().as_str() {
                "apex_code" => &mut levels.apex_code,
                "apex_profiling" => &mut levels.apex_profiling,
                "callout" => &mut levels.callout,
                "system" => &mut levels.system,
                "db" | "validation" | "visualforce" | "workflow" | "nba" | "wave" => continue,
                other => return Err(format!("--log-level: unknown category {other}")),
            };
            *slot = rank;
        }
        Ok(levels)
    }

    fn header(&self) -> String {
        format!(
            "APEX_CODE,{};APEX_PROFILING,{};CALLOUT,{};DB,INFO;NBA,INFO;SYSTEM,{};VALIDATION,INFO;VISUALFORCE,INFO;WAVE,INFO;WORKFLOW,INFO",
            LEVELS[self.apex_code], LEVELS[self.apex_profiling], LEVELS[self.callout], LEVELS[self.system]
        )
    }
}

/// The ranks of the levels events are written at.
const ERROR: usize = 1;
const INFO: usize = 3;
const FINE: usize = 5;

fn level_rank(level: &str) -> Option<usize> {
    LEVELS.iter().position(|l| l.eq_ignore_ascii_case(level.trim()))
}

/// The limits a transaction used, for CUMULATIVE_LIMIT_USAGE.
pub struct Usage {
    pub queries: u32,
    pub query_rows: u32,
    pub searches: u32,
    pub dml_statements: u32,
    pub dml_rows: u32,
    pub cpu_ms: i32,
    pub heap_bytes: usize,
    pub callouts: u32,
}

impl Usage {
    /// What a transaction's governor counted.
    pub fn of(limits: &Limits) -> Usage {
        Usage {
            queries: limits.queries,
            query_rows: limits.query_rows,
            searches: limits.searches,
            dml_statements: limits.dml_statements,
            dml_rows: limits.dml_rows,
            cpu_ms: limits.cpu_millis(),
            heap_bytes: limits.heap_peak,
            callouts: limits.callouts,
        }
    }
}

/// What a log is about: the CODE_UNIT_STARTED/FINISHED it wraps.
pub enum CodeUnit<'a> {
    /// Anonymous Apex; the header repeats the script's lines.
    Anonymous { script: &'a str },
    /// One test method, `Class.method()`, as the platform logs a test's transaction.
    Test { class: &'a str, method: &'a str },
}

/// The log being written for one run.
pub struct DebugLog {
    levels: LogLevels,
    started: Instant,
    /// The run's clock at the start, milliseconds since the epoch.
    start_ms: i64,
    lines: Vec<String>,
    /// The code unit's name, for CODE_UNIT_FINISHED.
    unit: String,
}

impl DebugLog {
    pub fn new(
        levels: LogLevels,
        start_ms: i64,
        api_version: &str,
        unit: CodeUnit,
        user: &apex_runtime::RunningUser,
    ) -> DebugLog {
        let mut log = DebugLog { levels, started: Instant::now(), start_ms, lines: Vec::new(), unit: String::new() };
        log.lines.push(format!("{api_version} {}", log.levels.header()));
        if let CodeUnit::Anonymous { script } = unit {
            for line in script.lines() {
                log.lines.push(format!("Execute Anonymous: {line}"));
            }
        }
        let zone = format!("(GMT+00:00) {} ({})", user.time_zone, user.time_zone);
        log.event("USER_INFO", &["[EXTERNAL]", &user.user_id, &user.user_name, &zone, "GMT+00:00"]);
        log.event("EXECUTION_STARTED", &[]);
        match unit {
            CodeUnit::Anonymous { .. } => {
                log.unit = "execute_anonymous_apex".into();
                log.event("CODE_UNIT_STARTED", &["[EXTERNAL]", "execute_anonymous_apex"]);
            }
            CodeUnit::Test { class, method } => {
                log.unit = format!("{class}.{method}()");
                let id = apex_runtime::eval::apex_class_id(class);
                let unit = log.unit.clone();
                log.event("CODE_UNIT_STARTED", &["[EXTERNAL]", &id, &unit]);
            }
        }
        log
    }

    /// The events the interpreter reports for this log's levels.
    pub fn tracing(&self) -> Tracing {
        Tracing { calls: self.levels.apex_code >= FINE, exceptions: self.levels.apex_code >= INFO }
    }

    /// An event the interpreter reported (`Host::trace`): `EVENT|[line]|fields...`.
    pub fn trace(&mut self, event: &str, line: u32, fields: &[&str]) {
        let at = format!("[{line}]");
        let mut all = Vec::with_capacity(fields.len() + 1);
        all.push(at.as_str());
        all.extend_from_slice(fields);
        self.event(event, &all);
    }

    /// The time as the platform writes it, `HH:mm:ss.S` (milliseconds without padding), and
    /// the nanoseconds since the log started.
    fn event(&mut self, name: &str, fields: &[&str]) {
        let elapsed = self.started.elapsed();
        let ms = self.start_ms + elapsed.as_millis() as i64;
        let (seconds, millis) = (ms.div_euclid(1000), ms.rem_euclid(1000));
        let day = seconds.rem_euclid(86_400);
        let stamp = format!("{:02}:{:02}:{:02}.{millis} ({})", day / 3600, day / 60 % 60, day % 60, elapsed.as_nanos());
        let mut line = format!("{stamp}|{name}");
        for field in fields {
            line.push('|');
            line.push_str(field);
        }
        self.lines.push(line);
    }

    /// One `System.debug` call at `level`, shown when APEX_CODE is at least that level.
    pub fn user_debug(&mut self, level: &str, line: u32, message: &str) {
        if level_rank(level).is_some_and(|rank| rank <= self.levels.apex_code) {
            self.event("USER_DEBUG", &[&format!("[{line}]"), &level.to_ascii_uppercase(), message]);
        }
    }

    pub fn callout_request(&mut self, line: u32, method: &str, endpoint: &str) {
        if self.levels.callout >= 3 {
            self.event(
                "CALLOUT_REQUEST",
                &[&format!("[{line}]"), &format!("System.HttpRequest[Endpoint={endpoint}, Method={method}]")],
            );
        }
    }

    pub fn callout_response(&mut self, line: u32, status: &str, code: i32) {
        if self.levels.callout >= 3 {
            self.event(
                "CALLOUT_RESPONSE",
                &[&format!("[{line}]"), &format!("System.HttpResponse[Status={status}, StatusCode={code}]")],
            );
        }
    }

    /// An exception no catch stopped (its EXCEPTION_THROWN was traced where it was thrown):
    /// FATAL_ERROR with its Apex stack.
    pub fn fatal(&mut self, uncaught: &Uncaught) {
        if self.levels.apex_code < ERROR {
            return;
        }
        let first = if uncaught.message.is_empty() {
            uncaught.type_name.clone()
        } else {
            format!("{}: {}", uncaught.type_name, uncaught.message)
        };
        let stack: Vec<&str> = uncaught.stack.iter().map(|s| s.text.as_str()).collect();
        let fatal = format!("{first}\n\n{}", stack.join("\n"));
        self.event("FATAL_ERROR", &[&fatal]);
    }

    /// Ends the code unit with its limit usage and returns the whole log.
    pub fn finish(mut self, usage: &Usage) -> String {
        if self.levels.apex_profiling >= 3 {
            self.event("CUMULATIVE_LIMIT_USAGE", &[]);
            let rows = [
                format!("  Number of SOQL queries: {} out of 100", usage.queries),
                format!("  Number of query rows: {} out of 50000", usage.query_rows),
                format!("  Number of SOSL queries: {} out of 20", usage.searches),
                format!("  Number of DML statements: {} out of 150", usage.dml_statements),
                format!("  Number of DML rows: {} out of 10000", usage.dml_rows),
                format!("  Maximum CPU time: {} out of 10000", usage.cpu_ms),
                format!("  Maximum heap size: {} out of 6000000", usage.heap_bytes),
                format!("  Number of callouts: {} out of 100", usage.callouts),
            ];
            self.event("LIMIT_USAGE_FOR_NS", &["(default)", &format!("\n{}", rows.join("\n"))]);
            self.event("CUMULATIVE_LIMIT_USAGE_END", &[]);
        }
        let unit = std::mem::take(&mut self.unit);
        self.event("CODE_UNIT_FINISHED", &[&unit]);
        self.event("EXECUTION_FINISHED", &[]);
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_by_category_and_refuse_unknown_ones() {
        let levels = LogLevels::parse("Apex_code=FINE, callout=none").unwrap();
        assert_eq!((levels.apex_code, levels.callout), (5, 0));
        assert!(LogLevels::parse("Apex_code=LOUD").unwrap_err().contains("unknown level LOUD"));
        assert!(LogLevels::parse("Gizmo=INFO").unwrap_err().contains("unknown category gizmo"));
    }

    #[test]
    fn a_debug_below_the_apex_code_level_is_left_out() {
        let levels = LogLevels::parse("Apex_code=INFO").unwrap();
        let unit = CodeUnit::Anonymous { script: "System.debug(1);" };
        let mut log = DebugLog::new(levels, 0, "62.0", unit, &apex_runtime::RunningUser::default());
        log.user_debug("DEBUG", 1, "hidden");
        log.user_debug("WARN", 2, "shown");
        let usage = Usage {
            queries: 0,
            query_rows: 0,
            searches: 0,
            dml_statements: 0,
            dml_rows: 0,
            cpu_ms: 0,
            heap_bytes: 0,
            callouts: 0,
        };
        let text = log.finish(&usage);
        assert!(!text.contains("hidden"));
        assert!(text.lines().any(|l| l.ends_with("|USER_DEBUG|[2]|WARN|shown")), "{text}");
        assert!(text.starts_with("62.0 APEX_CODE,INFO;"), "{text}");
        assert!(text.trim_end().ends_with("|EXECUTION_FINISHED"), "{text}");
    }
}
