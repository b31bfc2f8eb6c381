//! The host of one test's transaction: it keeps the test's debug lines for the report and
//! serves the project's static resources.

use apex_runtime::{Host, RunningUser, StaticResource, StaticResources};

/// Collects `System.debug` lines; the clock is fixed when the run asks for it.
pub struct TestHost<'a> {
    pub debug: Vec<String>,
    pub now: Option<i64>,
    pub user: &'a RunningUser,
    pub resources: &'a StaticResources,
}

impl<'a> TestHost<'a> {
    pub fn new(now: Option<i64>, user: &'a RunningUser, resources: &'a StaticResources) -> TestHost<'a> {
        TestHost { debug: Vec::new(), now, user, resources }
    }
}

impl Host for TestHost<'_> {
    fn debug(&mut self, _level: &str, _line: u32, message: &str) {
        self.debug.push(message.to_string());
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
}
