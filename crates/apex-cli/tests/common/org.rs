//! A running `apex org serve` for end-to-end tests: started on a free loopback port, stopped
//! when dropped (even when the test fails).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
    /// What the server printed on start.
    pub banner: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `apex org serve --port 0 ARGS` and waits until it prints where it listens.
pub fn start_org(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apex"))
        .args(["org", "serve", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    reader.read_line(&mut banner).unwrap();
    let origin = banner.trim().rsplit(' ').next().unwrap_or_default().to_string();
    // The rest of the banner, read in the background so the pipe never fills.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut rest = String::new();
        while reader.read_line(&mut rest).unwrap_or(0) > 0 {
            let _ = sender.send(rest.clone());
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(100));
    let later: String = receiver.try_iter().last().unwrap_or_default();
    let server = Server { child, origin, banner: banner + &later };
    assert!(server.origin.starts_with("http://127.0.0.1:"), "{}", server.banner);
    server
}
