//! Governor limits: call depth, CPU time and a heap estimate. Each breach is an uncatchable
//! `System.LimitException` with the platform's message.

use super::{SysExc, Throw};
use std::time::{Duration, Instant};

/// The platform's synchronous CPU limit in milliseconds, as `Limits.getLimitCpuTime()` reports it.
pub const PLATFORM_CPU_MS: u64 = 10_000;
/// The platform's synchronous heap limit in bytes, as `Limits.getLimitHeapSize()` reports it.
pub const PLATFORM_HEAP_BYTES: usize = 6_000_000;

/// Limits a run is held to; the defaults are the platform's synchronous limits.
#[derive(Clone, Debug)]
pub struct Config {
    pub cpu_time: Duration,
    pub max_depth: usize,
    pub heap_bytes: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config { cpu_time: Duration::from_millis(PLATFORM_CPU_MS), max_depth: 1000, heap_bytes: PLATFORM_HEAP_BYTES }
    }
}

/// Counters of one transaction.
#[derive(Debug)]
pub struct Limits {
    pub config: Config,
    started: Instant,
    ticks: u32,
    /// The largest heap estimate seen so far, reported by `Limits.getHeapSize()`.
    pub heap_peak: usize,
    pub queries: u32,
    /// Rows returned by queries so far.
    pub query_rows: u32,
    pub dml_statements: u32,
    /// Records processed by DML statements so far.
    pub dml_rows: u32,
    /// SOSL searches so far.
    pub searches: u32,
    pub callouts: u32,
    /// Jobs added with `System.enqueueJob` so far.
    pub queueable_jobs: u32,
    /// `@future` calls made so far.
    pub future_calls: u32,
    /// The transaction runs an Apex test (`Test.isRunningTest()`).
    pub in_test: bool,
    /// `Test.setFixedSearchResults(ids)`: in a test, SOSL finds only these records.
    pub fixed_search_ids: Option<Vec<String>>,
    /// The counts from before `Test.startTest()`, restored by `Test.stopTest()`.
    before_test: Option<Counts>,
}

/// The counters `Test.startTest()` sets aside.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    queries: u32,
    query_rows: u32,
    dml_statements: u32,
    dml_rows: u32,
    searches: u32,
    callouts: u32,
    queueable_jobs: u32,
    future_calls: u32,
}

impl Limits {
    pub fn new(config: Config) -> Limits {
        Limits {
            config,
            started: Instant::now(),
            ticks: 0,
            heap_peak: 0,
            queries: 0,
            query_rows: 0,
            dml_statements: 0,
            dml_rows: 0,
            searches: 0,
            callouts: 0,
            queueable_jobs: 0,
            future_calls: 0,
            in_test: false,
            fixed_search_ids: None,
            before_test: None,
        }
    }

    /// `Test.startTest()`: the code in the block gets a fresh set of limits.
    pub fn start_test(&mut self) {
        let counts = Counts {
            queries: self.queries,
            query_rows: self.query_rows,
            dml_statements: self.dml_statements,
            dml_rows: self.dml_rows,
            searches: self.searches,
            callouts: self.callouts,
            queueable_jobs: self.queueable_jobs,
            future_calls: self.future_calls,
        };
        self.before_test.get_or_insert(counts);
        self.set_counts(Counts::default());
    }

    /// `Test.stopTest()`: the counts from before the block come back.
    pub fn stop_test(&mut self) {
        if let Some(counts) = self.before_test.take() {
            self.set_counts(counts);
        }
    }

    fn set_counts(&mut self, c: Counts) {
        (self.queries, self.query_rows, self.dml_statements) = (c.queries, c.query_rows, c.dml_statements);
        (self.dml_rows, self.searches, self.callouts) = (c.dml_rows, c.searches, c.callouts);
        (self.queueable_jobs, self.future_calls) = (c.queueable_jobs, c.future_calls);
    }

    /// The limits of an asynchronous job's own transaction: fresh counters and the larger
    /// asynchronous heap, in or out of a test as this transaction is.
    pub fn for_async(&self) -> Limits {
        let config = Config { heap_bytes: self.config.heap_bytes.saturating_mul(2), ..self.config.clone() };
        Limits { in_test: self.in_test, ..Limits::new(config) }
    }

    /// Uncommitted work that blocks a callout: DML or queued asynchronous jobs.
    pub fn has_pending_work(&self) -> bool {
        self.dml_statements > 0 || self.queueable_jobs > 0 || self.future_calls > 0
    }

    /// Called on every loop iteration and call: checks the clock every few thousand ticks.
    #[inline]
    pub fn tick(&mut self) -> Result<(), Throw> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks & 0xFFF != 0 {
            return Ok(());
        }
        if self.started.elapsed() > self.config.cpu_time {
            return Err(Throw::sys(SysExc::Limit, "Apex CPU time limit exceeded"));
        }
        Ok(())
    }

    pub fn cpu_millis(&self) -> i32 {
        self.started.elapsed().as_millis().min(i32::MAX as u128) as i32
    }

    /// Checks one object's estimated size against the heap limit.
    pub fn check_heap(&mut self, bytes: usize) -> Result<(), Throw> {
        self.heap_peak = self.heap_peak.max(bytes);
        if bytes > self.config.heap_bytes {
            return Err(Throw::sys(SysExc::Limit, format!("Apex heap size too large: {bytes}")));
        }
        Ok(())
    }

    pub fn depth_exceeded(depth: usize) -> Throw {
        Throw::sys(SysExc::Limit, format!("Maximum stack depth reached: {depth}"))
    }
}
