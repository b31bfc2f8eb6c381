//! The `apex` binary: hands the command line to `apex_cli::run`.

// The interpreter allocates many small objects (strings, lists, instances); mimalloc serves
// them markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    apex_cli::run(std::env::args_os())
}
