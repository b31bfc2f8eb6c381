//! The `apex` binary: parses the command line and hands it to one module per subcommand.

fn main() -> std::process::ExitCode {
    apex_cli::run(std::env::args_os())
}
