//! Runs `apex test` over every fixture project under fixtures/test/ and snapshots the exit
//! code, stderr and the report in each format the fixture asks for. A fixture is one file of
//! classes, each starting at a `// file: Name.cls` line; before the first one, `// args:`
//! gives the command line (`--class-names A --tests B.m`), `// formats:` the report formats
//! (`human` always among them), and each `//> STATUS Class.method` (or `//> FAIL Class.method: first
//! line of the failure`) states a test's expected outcome, in report order. Those expectations
//! are checked exactly; a trailing `...` matches any rest.

use apex_cli::commands::test::{run_files, TestArgs, TestOptions};
use apex_cli::render::RenderConfig;
use apex_cli::test_runner::report::Format;
use apex_cli::workspace::{content_type, MetadataSource, ProjectFiles, Source};
use apex_runtime::StaticResource;
use apex_syntax::UnitKind;
use clap::Parser;
use std::path::Path;
use std::sync::Mutex;

/// 2024-01-15T10:30:00Z, so Date.today() and friends are reproducible.
const FIXED_NOW: i64 = 1_705_314_600_000;

#[derive(Parser)]
struct Command {
    #[command(flatten)]
    args: TestArgs,
}

struct Fixture {
    project: ProjectFiles,
    args: Vec<String>,
    formats: Vec<Format>,
    expected: Vec<String>,
}

fn load(path: &Path) -> Fixture {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let mut fixture =
        Fixture { project: ProjectFiles::default(), args: Vec::new(), formats: Vec::new(), expected: Vec::new() };
    let mut current: Option<(String, String)> = None;
    let mut bodies = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(name) = trimmed.strip_prefix("// file:") {
            finish_file(&mut fixture.project, &mut bodies, current.take());
            current = Some((name.trim().to_string(), String::new()));
            continue;
        }
        match &mut current {
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => header(&mut fixture, trimmed),
        }
    }
    finish_file(&mut fixture.project, &mut bodies, current);
    add_resources(&mut fixture.project, &bodies);
    // The expectations are checked against the human report, so every fixture has one.
    if !fixture.formats.contains(&Format::Human) {
        fixture.formats.insert(0, Format::Human);
    }
    fixture
}

/// One line of the part before the first file: a pragma, an expectation or a comment.
fn header(fixture: &mut Fixture, line: &str) {
    if let Some(args) = line.strip_prefix("// args:") {
        fixture.args.extend(args.split_whitespace().map(str::to_string));
    } else if let Some(formats) = line.strip_prefix("// formats:") {
        fixture.formats.extend(
            formats.split_whitespace().map(|f| <Format as clap::ValueEnum>::from_str(f, true).expect("a known format")),
        );
    } else if let Some(expected) = line.strip_prefix("//>") {
        fixture.expected.push(expected.trim().to_string());
    }
}

/// Adds a finished file to the project, or keeps it aside when it is a static resource's
/// content, whose content type comes from metadata that may follow it.
fn finish_file(project: &mut ProjectFiles, bodies: &mut Vec<(String, String)>, file: Option<(String, String)>) {
    match file {
        Some((name, body)) if is_resource_content(&name) => bodies.push((name, body)),
        file => add_file(project, file),
    }
}

/// A static resource's content: any file under `staticresources/` but its metadata.
fn is_resource_content(name: &str) -> bool {
    name.starts_with("staticresources/") && !name.ends_with("-meta.xml")
}

/// Adds each static resource's content (`staticresources/Name.csv`) with the content type of
/// its `Name.resource-meta.xml`.
fn add_resources(project: &mut ProjectFiles, bodies: &[(String, String)]) {
    for (path, body) in bodies {
        let file = path.rsplit('/').next().unwrap_or(path);
        let name = file.split('.').next().unwrap_or(file).to_string();
        let meta_name = format!("staticresources/{name}.resource-meta.xml");
        let meta = project.metadata.iter().find(|m| m.name == meta_name);
        let content_type = meta.map(|m| content_type(&m.text)).unwrap_or_default();
        // The fixture file's last line ends with a newline that is not part of the content.
        let body = body.strip_suffix('\n').unwrap_or(body).as_bytes().into();
        project.resources.insert(StaticResource { name, content_type, body });
    }
}

fn add_file(project: &mut ProjectFiles, file: Option<(String, String)>) {
    let Some((name, text)) = file else {
        return;
    };
    let mut suffix = name.strip_suffix("-meta.xml").and_then(|stem| stem.rsplit_once('.')).map(|(_, s)| s.to_string());
    // A registration's schema in decomposed source format.
    if name.ends_with(".yaml") {
        suffix = Some(apex_project::SCHEMA_SIDECAR.to_string());
    }
    match suffix {
        Some(suffix) => project.metadata.push(MetadataSource { name, suffix, text }),
        None => project.classes.push(Source { name, text, kind: UnitKind::Class }),
    }
}

/// Runs the fixture once per format: (format, exit code, stdout, stderr).
fn run(fixture: &Fixture) -> Vec<(Format, u8, String, String)> {
    let argv = std::iter::once("test".to_string()).chain(fixture.args.iter().cloned());
    let args = Command::try_parse_from(argv).expect("the fixture's args parse").args;
    let mut options = TestOptions::from_args(&args);
    options.config.now_millis = Some(FIXED_NOW);
    options.config.timings = false;
    options.config.progress = false;
    options.config.render = RenderConfig::plain();
    options.diagnostics = RenderConfig::plain();
    options.output_dir = None;
    let project = fixture.project.clone();
    let formats = fixture.formats.clone();
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        formats
            .into_iter()
            .map(|format| {
                let options = TestOptions { format, ..options.clone() };
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let code = run_files(project.clone(), &options, &mut out, &mut err);
                (format, code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
            })
            .collect()
    });
    worker.expect("thread starts").join().expect("a fixture run does not panic")
}

/// `PASS Class.method`, or with the failure's first line, from a human report.
fn outcomes(human: &str) -> Vec<String> {
    let lines: Vec<&str> = human.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((status, rest)) = line.split_once(' ') else {
            continue;
        };
        if !matches!(status, "PASS" | "FAIL" | "ERROR") {
            continue;
        }
        let name = rest.trim().split("  (").next().unwrap_or("");
        match lines.get(i + 1).filter(|_| status != "PASS") {
            Some(next) => found.push(format!("{status} {name}: {}", next.trim())),
            None => found.push(format!("{status} {name}")),
        }
    }
    found
}

fn matches(expected: &str, actual: &str) -> bool {
    match expected.strip_suffix("...") {
        Some(prefix) => actual.starts_with(prefix.trim_end()),
        None => expected == actual,
    }
}

fn check(fixture: &Fixture, human: &str) -> Option<String> {
    let actual = outcomes(human);
    let same =
        actual.len() == fixture.expected.len() && fixture.expected.iter().zip(&actual).all(|(e, a)| matches(e, a));
    (!same).then(|| format!("expected {:#?}\ngot {actual:#?}", fixture.expected))
}

#[test]
fn test_fixtures() {
    let failures = Mutex::new(Vec::new());
    insta::glob!("../../../fixtures/test", "**/*.apex", |path| {
        let fixture = load(path);
        let runs = run(&fixture);
        let mut snapshot = String::new();
        for (format, code, stdout, stderr) in &runs {
            if *format == Format::Human {
                if let Some(problem) = check(&fixture, stdout) {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    failures.lock().expect("lock").push(format!("{name}: {problem}"));
                }
            }
            // Compile errors go to stderr whatever the format: show them once, with the human report.
            snapshot.push_str(&format!("=== {format:?}: exit {code}\n--- stdout\n{stdout}"));
            if *format == Format::Human {
                snapshot.push_str(&format!("--- stderr\n{stderr}"));
            }
        }
        insta::assert_snapshot!(snapshot);
    });
    let failures = failures.into_inner().expect("lock");
    assert!(failures.is_empty(), "{} fixtures differ from the platform:\n{}", failures.len(), failures.join("\n"));
}
