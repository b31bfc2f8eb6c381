//! What the interpreter asks of its host: where debug output goes, what time it is, the
//! callouts it sends and the org's static resources. The core does no IO of its own, so
//! tests run with a fixed clock and captured output. A host writing a debug log also asks
//! for method and exception events (`tracing`).

use crate::callout::{CalloutFailure, CalloutRequest, CalloutResponse};

/// Services the embedding program provides to a running transaction.
pub trait Host {
    /// One `System.debug` call: the logging level, the source line and the message text.
    fn debug(&mut self, level: &str, line: u32, message: &str);
    /// The current instant in milliseconds since the Unix epoch.
    fn now_millis(&mut self) -> i64;
    /// The running user and org.
    fn user(&self) -> &crate::RunningUser {
        default_user()
    }
    /// Fills `buf` with random bytes (`Crypto.getRandomInteger`, keys, IVs).
    fn random_bytes(&mut self, buf: &mut [u8]);
    /// Sends one callout (no mock was set): resolves the endpoint, authenticates and answers.
    /// Hosts without a transport refuse.
    fn callout(&mut self, request: &CalloutRequest) -> Result<CalloutResponse, CalloutFailure> {
        Err(CalloutFailure::callout(format!("Unable to reach {}: this host makes no callouts", request.endpoint)))
    }
    /// The org's static resource named `name` (in any case); hosts without a project have none.
    fn static_resource(&self, _name: &str) -> Option<&crate::StaticResource> {
        None
    }
    /// The debug-log events the host wants, asked once when an interpreter starts. None by
    /// default, so a run without a log does no work for them.
    fn tracing(&self) -> Tracing {
        Tracing::default()
    }
    /// One debug-log event the host asked for: its name (`METHOD_ENTRY`), the source line and
    /// the fields that follow the line.
    fn trace(&mut self, _event: &str, _line: u32, _fields: &[&str]) {}
}

/// Which optional debug-log events an interpreter reports through `Host::trace`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tracing {
    /// METHOD_ENTRY/EXIT and CONSTRUCTOR_ENTRY/EXIT for user code (Apex_code FINE).
    pub calls: bool,
    /// EXCEPTION_THROWN for every throw, caught or not (Apex_code INFO).
    pub exceptions: bool,
}

/// The default running user, for hosts that do not set one.
pub fn default_user() -> &'static crate::RunningUser {
    static USER: std::sync::OnceLock<crate::RunningUser> = std::sync::OnceLock::new();
    USER.get_or_init(crate::RunningUser::default)
}

/// A host that keeps debug output in memory and reports a fixed instant: for tests.
#[derive(Debug, Default)]
pub struct RecordingHost {
    pub lines: Vec<String>,
    pub now_millis: i64,
    /// The state of the deterministic random sequence.
    pub random_state: u64,
}

impl Host for RecordingHost {
    fn debug(&mut self, _level: &str, _line: u32, message: &str) {
        self.lines.push(message.to_string());
    }

    fn now_millis(&mut self) -> i64 {
        self.now_millis
    }

    /// A fixed sequence (splitmix64 from `random_state`), so tests are reproducible.
    fn random_bytes(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            self.random_state = self.random_state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.random_state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
    }
}
