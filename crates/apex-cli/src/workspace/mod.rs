//! Loads the sources of a run or check (an SFDX project's classes and metadata plus an
//! optional script), builds the org's schema from the objects/ metadata, parses and compiles
//! the Apex against it, and renders the diagnostics file by file.

mod schema;

pub use schema::registration_files;

use crate::render::{render, RenderConfig};
use apex_runtime::compile::{compile_with, SourceUnit};
use apex_runtime::program::Program;
use apex_syntax::{Diagnostic, FileId, SourceRef, UnitKind};
use std::io::{self, Write};
use std::path::Path;

/// One source file's name (as shown in messages), text and kind.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
    pub kind: UnitKind,
}

/// A project's files: its Apex classes and the metadata XML the tool reads.
#[derive(Clone, Debug, Default)]
pub struct ProjectFiles {
    pub classes: Vec<Source>,
    pub metadata: Vec<MetadataSource>,
    /// The static resources, with the content type their metadata names.
    pub resources: apex_runtime::StaticResources,
    /// The project's folder (absolute); `None` for a script outside any project.
    pub root: Option<std::path::PathBuf>,
    /// What `sfdx-project.json` tells this tool (`plugins.apex`).
    pub settings: apex_project::Settings,
}

/// One metadata file: its name as shown in messages, its suffix (`object`, `field`, ...) and
/// its text.
#[derive(Clone, Debug)]
pub struct MetadataSource {
    pub name: String,
    pub suffix: String,
    pub text: String,
}

/// Parsed and compiled sources. Diagnostics carry the index of their source as file id; the
/// metadata files follow the Apex sources in that numbering.
pub struct Built {
    pub program: Program,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Source>,
    pub metadata: Vec<MetadataSource>,
}

impl Built {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == apex_syntax::Severity::Error)
    }

    /// Renders the diagnostics of every file, in file order and by position within a file.
    pub fn render(
        &self,
        config: RenderConfig,
        filter: &dyn Fn(&Diagnostic) -> bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let files =
            self.sources.iter().map(|s| (&s.name, &s.text)).chain(self.metadata.iter().map(|m| (&m.name, &m.text)));
        for (index, (name, text)) in files.enumerate() {
            let mut mine: Vec<Diagnostic> =
                self.diagnostics.iter().filter(|d| d.span.file == FileId(index as u32) && filter(d)).cloned().collect();
            // Files in load order, and within a file by position, whichever pass found them.
            mine.sort_by_key(|d| (d.span.start, d.span.end));
            render(&mine, name, text, config, out)?;
        }
        Ok(())
    }
}

/// Parses every source; compiles them only when none has a syntax error.
pub fn build(sources: Vec<Source>, metadata: Vec<MetadataSource>) -> Built {
    let (schema, schema_diagnostics) = schema::build(&metadata, sources.len());
    let (services, service_diagnostics) = schema::external_services(&metadata, sources.len());
    let refs: Vec<SourceRef> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| SourceRef { text: &s.text, file: FileId(i as u32), kind: s.kind })
        .collect();
    let parsed = apex_syntax::parse_many(&refs);
    let mut diagnostics: Vec<Diagnostic> = parsed.iter().flat_map(|p| p.diagnostics.iter().cloned()).collect();
    diagnostics.extend(schema_diagnostics);
    diagnostics.extend(service_diagnostics);
    if parsed.iter().any(|p| p.has_errors()) {
        return Built { program: Program::default(), diagnostics, sources, metadata };
    }
    let units: Vec<SourceUnit> = parsed
        .iter()
        .zip(&sources)
        .enumerate()
        .map(|(i, (p, s))| SourceUnit { file: FileId(i as u32), text: &s.text, unit: &p.unit })
        .collect();
    let compiled = compile_with(&units, schema, services);
    diagnostics.extend(compiled.diagnostics);
    Built { program: compiled.program, diagnostics, sources, metadata }
}

/// The classes (and triggers) and metadata of the SFDX project at `root`.
pub fn load_project(root: &Path) -> Result<ProjectFiles, String> {
    let project = apex_project::load(root).map_err(|e| e.to_string())?;
    Ok(files_of(project, root))
}

/// The classes and metadata under a folder that is not an SFDX project.
pub fn load_dir(dir: &Path) -> Result<ProjectFiles, String> {
    let project = apex_project::load_dir(dir).map_err(|e| e.to_string())?;
    Ok(files_of(project, dir))
}

/// A loaded project's files, named as the user can open them from the current folder:
/// relative when they lie below it.
fn files_of(project: apex_project::Project, base: &Path) -> ProjectFiles {
    let cwd = std::env::current_dir().ok();
    let display = |path: &Path| {
        let full = base.join(path);
        let relative = cwd.as_deref().and_then(|cwd| full.strip_prefix(cwd).ok().map(Path::to_path_buf));
        relative.unwrap_or(full).display().to_string()
    };
    let resources = static_resources(&project);
    let metadata = project
        .metadata
        .into_iter()
        .map(|m| MetadataSource { name: display(&m.path), suffix: m.suffix, text: m.text })
        .collect();
    let classes = project
        .sources
        .into_iter()
        .map(|s| Source {
            name: display(&s.path),
            text: s.text,
            kind: match s.kind {
                apex_project::SourceKind::Class => UnitKind::Class,
                apex_project::SourceKind::Trigger => UnitKind::Trigger,
            },
        })
        .collect();
    let root = Some(std::path::absolute(&project.root).unwrap_or(project.root));
    ProjectFiles { classes, metadata, resources, root, settings: project.settings }
}

/// The project's static resources, each with the `<contentType>` of its metadata file.
fn static_resources(project: &apex_project::Project) -> apex_runtime::StaticResources {
    let mut resources = apex_runtime::StaticResources::default();
    for file in &project.resources {
        let meta = project.metadata.iter().find(|m| m.suffix == "resource" && m.name == file.name);
        let content_type = meta.map_or_else(String::new, |m| content_type(&m.text));
        let body = file.body.as_slice().into();
        resources.insert(apex_runtime::StaticResource { name: file.name.clone(), content_type, body });
    }
    resources
}

/// `<contentType>` of a `.resource-meta.xml` file; empty when it names none or does not parse.
pub fn content_type(meta_xml: &str) -> String {
    let root = apex_data::metadata_xml::parse(meta_xml).ok();
    root.and_then(|r| r.child_text("contentType").map(str::to_string)).unwrap_or_default()
}
