//! The report formats of a test run: `human` for a terminal, `json`, `junit` XML for CI
//! servers, and `tap` (Test Anything Protocol, version 13).

mod human;
mod json;
mod junit;
mod tap;

use super::RunReport;
use std::io::{self, Write};
use std::time::Duration;

/// The format of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Junit,
    Tap,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Human, Format::Json, Format::Junit, Format::Tap];

    /// The file `--output-dir` writes this format to.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Human => "test-result.txt",
            Format::Json => "test-result.json",
            Format::Junit => "test-result-junit.xml",
            Format::Tap => "test-result.tap",
        }
    }
}

/// Writes `report` in `format`.
pub fn write(report: &RunReport, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out),
        Format::Json => json::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Tap => tap::write(report, out),
    }
}

/// Whole milliseconds, as the reports show times.
fn millis(time: Duration) -> u128 {
    time.as_millis()
}

/// `N passed, M failed`: the last line of the human report and the summary of the others.
pub fn summary(report: &RunReport) -> String {
    format!("{} passed, {} failed", report.passed(), report.failed())
}
