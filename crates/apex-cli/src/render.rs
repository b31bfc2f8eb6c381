//! Renders diagnostics with ariadne into any writer, so tests snapshot what a person sees.

use apex_syntax::{Diagnostic, Severity};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use std::io::{self, IsTerminal, Write};

/// How diagnostics are drawn.
#[derive(Clone, Copy, Debug)]
pub struct RenderConfig {
    pub color: bool,
}

impl RenderConfig {
    /// Colour only when stdout is a terminal and NO_COLOR is unset.
    pub fn for_stdout() -> RenderConfig {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        RenderConfig { color: !no_color && io::stdout().is_terminal() }
    }

    /// Colour only when stderr is a terminal and NO_COLOR is unset.
    pub fn for_stderr() -> RenderConfig {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        RenderConfig { color: !no_color && io::stderr().is_terminal() }
    }

    pub fn plain() -> RenderConfig {
        RenderConfig { color: false }
    }
}

/// Writes each diagnostic of `source` (named `path`) to `out`.
pub fn render(
    diagnostics: &[Diagnostic],
    path: &str,
    source: &str,
    config: RenderConfig,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cache = Source::from(source);
    for diagnostic in diagnostics {
        report(diagnostic, path, source.len(), config).write((path, &cache), &mut *out)?;
    }
    Ok(())
}

fn report<'a>(
    diagnostic: &Diagnostic,
    path: &'a str,
    len: usize,
    config: RenderConfig,
) -> Report<'a, (&'a str, std::ops::Range<usize>)> {
    let kind = match diagnostic.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let clamp = |r: std::ops::Range<usize>| r.start.min(len)..r.end.min(len);
    let primary = clamp(diagnostic.span.range());
    let mut builder = Report::build(kind, (path, primary.clone()))
        .with_config(Config::default().with_color(config.color).with_index_type(IndexType::Byte))
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    let primary_label_given = diagnostic.labels.iter().any(|l| l.span == diagnostic.span);
    if !primary_label_given {
        builder =
            builder.with_label(Label::new((path, primary)).with_message(&diagnostic.message).with_color(Color::Red));
    }
    for label in &diagnostic.labels {
        let color = if label.span == diagnostic.span { Color::Red } else { Color::Blue };
        builder = builder
            .with_label(Label::new((path, clamp(label.span.range()))).with_message(&label.message).with_color(color));
    }
    for note in &diagnostic.notes {
        builder = builder.with_note(note);
    }
    if let Some(help) = &diagnostic.help {
        builder = builder.with_help(help);
    }
    builder.finish()
}
