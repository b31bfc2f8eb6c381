//! The live progress line `apex test` draws on a terminal while tests run: tests done out of
//! all selected, failures so far and the time elapsed, redrawn as each class finishes and
//! wiped before the report is printed.

use super::{Status, TestResult};
use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

/// Counts results as classes finish; draws them on stderr when `enabled`.
pub struct Progress {
    enabled: bool,
    started: Instant,
    total: usize,
    counts: Mutex<(usize, usize)>,
}

impl Progress {
    pub fn new(enabled: bool, total: usize) -> Progress {
        Progress { enabled, started: Instant::now(), total, counts: Mutex::new((0, 0)) }
    }

    /// One class's results are in.
    pub fn class_done(&self, results: &[TestResult]) {
        let Ok(mut counts) = self.counts.lock() else {
            return;
        };
        counts.0 += results.len();
        counts.1 += results.iter().filter(|r| r.status != Status::Pass).count();
        if self.enabled {
            let line = line(counts.0, self.total, counts.1, self.started.elapsed().as_secs_f64());
            let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
        }
    }

    /// Wipes the line, so the report starts on a clean one.
    pub fn finish(&self) {
        if self.enabled {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}

/// `12/40 tests, 1 failed, 0.4 s`.
fn line(done: usize, total: usize, failed: usize, seconds: f64) -> String {
    format!("{done}/{total} tests, {failed} failed, {seconds:.1} s")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_line_counts_tests_failures_and_time() {
        assert_eq!(super::line(12, 40, 1, 0.43), "12/40 tests, 1 failed, 0.4 s");
    }
}
