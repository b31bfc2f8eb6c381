//! `apex parse PATHS… [--ast] [--json]`: parses files on all cores, prints rendered errors and
//! ends with `N files, M with errors`. Exit 0 when no file has errors, else 2.

use crate::render::{render, RenderConfig};
use crate::sources::{collect, SourceFile};
use apex_syntax::{parse, FileId, Parsed};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// Files or folders; folders are searched for .cls, .trigger and .apex files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print each file's syntax tree.
    #[arg(long)]
    pub ast: bool,
    /// Print one JSON document with each file's diagnostics (and tree, with --ast).
    #[arg(long)]
    pub json: bool,
}

/// What parsing one file produced, ready to print.
struct FileReport {
    has_errors: bool,
    /// Rendered diagnostics and tree for the human format; a JSON value for --json.
    text: String,
    json: serde_json::Value,
}

pub fn run(args: &ParseArgs, out: &mut dyn Write) -> u8 {
    let files = match collect(&args.paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let config = if args.json { RenderConfig::plain() } else { RenderConfig::for_stdout() };
    let reports = parse_all(&files, args, config);
    let with_errors = reports.iter().filter(|r| r.has_errors).count();
    let written =
        if args.json { write_json(&reports, with_errors, out) } else { write_human(&reports, with_errors, out) };
    if let Err(error) = written {
        eprintln!("error: cannot write output: {error}");
        return 2;
    }
    if with_errors == 0 {
        0
    } else {
        2
    }
}

fn write_human(reports: &[FileReport], with_errors: usize, out: &mut dyn Write) -> std::io::Result<()> {
    for report in reports {
        out.write_all(report.text.as_bytes())?;
    }
    writeln!(out, "{} files, {} with errors", reports.len(), with_errors)
}

fn write_json(reports: &[FileReport], with_errors: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let files: Vec<&serde_json::Value> = reports.iter().map(|r| &r.json).collect();
    let document =
        serde_json::json!({ "files": files, "summary": { "files": reports.len(), "with_errors": with_errors } });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// Parses every file on all cores, keeping the order of `files`.
fn parse_all(files: &[SourceFile], args: &ParseArgs, config: RenderConfig) -> Vec<FileReport> {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let mut results: Vec<(usize, FileReport)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(file) = files.get(index) else { break };
                            done.push((index, parse_one(file, index, args, config)));
                        }
                        done
                    })
                    .expect("spawning a parser thread")
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, report)| report).collect()
}

fn parse_one(file: &SourceFile, index: usize, args: &ParseArgs, config: RenderConfig) -> FileReport {
    let path = file.path.display().to_string();
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let text = format!("error: cannot read {path}: {error}\n");
            let json = serde_json::json!({ "path": path, "error": error.to_string() });
            return FileReport { has_errors: true, text, json };
        }
    };
    let source = String::from_utf8_lossy(&bytes);
    let parsed = parse(&source, FileId(index as u32), file.kind);
    report(path, &source, &parsed, args, config)
}

fn report(path: String, source: &str, parsed: &Parsed, args: &ParseArgs, config: RenderConfig) -> FileReport {
    let mut rendered = Vec::new();
    let _ = render(&parsed.diagnostics, &path, source, config, &mut rendered);
    let mut text = String::from_utf8_lossy(&rendered).into_owned();
    if args.ast && !args.json {
        text.push_str(&format!("== {path}\n{:#?}\n", parsed.unit));
    }
    let mut json = serde_json::json!({ "path": path, "diagnostics": parsed.diagnostics });
    if args.ast && args.json {
        json["ast"] = serde_json::to_value(&parsed.unit).unwrap_or_default();
    }
    FileReport { has_errors: parsed.has_errors(), text, json }
}
