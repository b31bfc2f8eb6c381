//! The `apex` command line: clap definitions and dispatch to one module per subcommand.

pub mod callouts;
pub mod clock;
pub mod commands;
pub mod debug_log;
pub mod project_org;
pub mod render;
pub mod runner;
pub mod serve;
pub mod sources;
pub mod test_runner;
pub mod user_def;
pub mod workspace;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "apex", version, about = "Run, test and parse Salesforce Apex off-platform")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse Apex files or folders (.cls, .trigger, .apex) and report syntax errors.
    Parse(commands::parse::ParseArgs),
    /// Run anonymous Apex (a file, `-` for stdin, or -e CODE) with the project's classes.
    Run(commands::run::RunArgs),
    /// Run a project's Apex tests (@IsTest classes) and report them.
    Test(commands::test::TestArgs),
    /// Compile a project's classes and report errors and unsupported APIs.
    Check(commands::check::CheckArgs),
    /// The emulated target org (`apex org serve`).
    Org(commands::org::OrgArgs),
    /// The project's credentials and their secrets (`apex creds set|unset`).
    Creds(commands::creds::CredsArgs),
}

/// Runs the command line `args` (program name first) and returns the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    // Printing or serializing a deep syntax tree recurses; the main thread's 8 MB is not enough
    // for trees at the parser's nesting limits, so commands run on a thread with room to spare.
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let mut stderr = std::io::stderr().lock();
        let code = match cli.command {
            Command::Parse(args) => commands::parse::run(&args, &mut stdout),
            Command::Run(args) => commands::run::run(&args, &mut stdout, &mut stderr),
            Command::Test(args) => commands::test::run(&args, &mut stdout, &mut stderr),
            Command::Check(args) => commands::check::run(&args, &mut stdout, &mut stderr),
            Command::Org(args) => commands::org::run(&args, &mut stdout, &mut stderr),
            Command::Creds(args) => commands::creds::run(&args, &mut stdout, &mut stderr),
        };
        let _ = std::io::Write::flush(&mut stdout);
        code
    });
    let code = worker.ok().and_then(|handle| handle.join().ok()).unwrap_or(101);
    ExitCode::from(code)
}
