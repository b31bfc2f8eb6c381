//! Parse throughput over a folder of Apex sources: `cargo bench -p apex-syntax --bench parse -- DIR`.
//! Prints MB/s on one core for lexing alone and for lexing plus parsing.

use apex_syntax::{lexer, parse, parse_many, FileId, SourceRef, UnitKind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("fixtures"));
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let sources: Vec<(String, UnitKind)> = files
        .iter()
        .filter_map(|p| Some((String::from_utf8_lossy(&std::fs::read(p).ok()?).into_owned(), UnitKind::from_path(p)?)))
        .collect();
    let bytes: usize = sources.iter().map(|(s, _)| s.len()).sum();
    if bytes == 0 {
        eprintln!("no .cls, .trigger or .apex files under {}", dir.display());
        std::process::exit(2);
    }
    let with_errors =
        sources.iter().enumerate().filter(|(i, (s, k))| parse(s, FileId(*i as u32), *k).has_errors()).count();
    println!(
        "{} files, {:.2} MB, {} with errors, under {}",
        sources.len(),
        bytes as f64 / 1e6,
        with_errors,
        dir.display()
    );
    let parse_only = std::env::args().any(|a| a == "--parse-only");
    let lex = if parse_only {
        0.0
    } else {
        measure(bytes, || {
            for (i, (source, _)) in sources.iter().enumerate() {
                std::hint::black_box(lexer::lex(source, FileId(i as u32)));
            }
        })
    };
    println!("lex:         {lex:8.1} MB/s");
    let refs: Vec<SourceRef> = sources
        .iter()
        .enumerate()
        .map(|(i, (text, kind))| SourceRef { text, file: FileId(i as u32), kind: *kind })
        .collect();
    let full = measure(bytes, || {
        std::hint::black_box(parse_many(&refs));
    });
    println!("lex + parse: {full:8.1} MB/s");
}

/// Runs `pass` repeatedly for about two seconds and returns the best throughput in MB/s.
fn measure(bytes: usize, mut pass: impl FnMut()) -> f64 {
    pass();
    let mut best = Duration::MAX;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) {
        let t = Instant::now();
        pass();
        best = best.min(t.elapsed());
    }
    bytes as f64 / 1e6 / best.as_secs_f64()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if UnitKind::from_path(&path).is_some() {
            out.push(path);
        }
    }
}
