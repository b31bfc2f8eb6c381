//! `apex check [--project DIR]`: compiles every class of a project and reports compile
//! errors (in the platform's wording) and uses of APIs the tool does not support yet.

use crate::render::RenderConfig;
use crate::workspace::{self, Built};
use apex_syntax::{Diagnostic, FileId, Severity};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The project or folder of classes (default: the nearest folder above the current one
    /// holding sfdx-project.json).
    #[arg(long, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Report only errors, not unsupported-API warnings.
    #[arg(long)]
    pub errors_only: bool,
}

pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let files = match load(args) {
        Ok(files) => files,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 2;
        }
    };
    let built = workspace::build(files.classes, files.metadata);
    let errors_only = args.errors_only;
    let shown = |d: &Diagnostic| !errors_only || d.severity == Severity::Error;
    let _ = built.render(RenderConfig::for_stdout(), &shown, out);
    let _ = writeln!(out, "{}", summary(&built));
    if built.has_errors() {
        2
    } else {
        0
    }
}

fn load(args: &CheckArgs) -> Result<workspace::ProjectFiles, String> {
    let start = args.project.clone().unwrap_or_else(|| PathBuf::from("."));
    if !start.is_dir() {
        return Err(format!("project folder {} does not exist", start.display()));
    }
    match apex_project::find_root(&start) {
        Some(root) => workspace::load_project(&root),
        None if args.project.is_some() => workspace::load_dir(&start),
        None => Err("no sfdx-project.json here or in any parent folder; pass --project DIR".into()),
    }
}

/// `N files, E with errors, W with unsupported APIs`, then the metadata files with problems.
fn summary(built: &Built) -> String {
    let with = |range: std::ops::Range<usize>, severity: Severity| {
        range
            .filter(|i| built.diagnostics.iter().any(|d| d.span.file == FileId(*i as u32) && d.severity == severity))
            .count()
    };
    let files = built.sources.len();
    let mut line = format!(
        "{files} file{}, {} with errors, {} using unsupported APIs",
        if files == 1 { "" } else { "s" },
        with(0..files, Severity::Error),
        with(0..files, Severity::Warning)
    );
    let bad_metadata = with(files..files + built.metadata.len(), Severity::Error);
    if bad_metadata > 0 {
        line.push_str(&format!(
            "; {bad_metadata} metadata file{} with errors",
            if bad_metadata == 1 { "" } else { "s" }
        ));
    }
    line
}
