//! Walking directory trees for Apex sources and metadata files in a fixed order and reading them
//! as text.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::ProjectError;
use crate::metadata::{split_name, SCHEMA_SIDECAR};
use crate::{meta, MetadataFile, SourceFile, SourceKind};

/// Gathers sources and metadata files from one or more trees under a root, each file once even
/// when package directories overlap.
pub(crate) struct Collector {
    root: PathBuf,
    seen: HashSet<PathBuf>,
    sources: Vec<SourceFile>,
    metadata: Vec<MetadataFile>,
}

/// What a directory entry is, as far as the walk cares.
enum EntryKind {
    Dir,
    File,
    Other,
}

impl Collector {
    pub(crate) fn new(root: &Path) -> Collector {
        Collector { root: root.to_path_buf(), seen: HashSet::new(), sources: Vec::new(), metadata: Vec::new() }
    }

    /// The sources and metadata files gathered so far, each in walk order.
    pub(crate) fn finish(self) -> (Vec<SourceFile>, Vec<MetadataFile>) {
        (self.sources, self.metadata)
    }

    /// Walks the directory `rel` (relative to the root) depth-first, entries sorted by name,
    /// skipping hidden entries and `node_modules`.
    pub(crate) fn walk(&mut self, rel: &Path) -> Result<(), ProjectError> {
        for (name, kind) in sorted_entries(&self.root.join(rel))? {
            if is_skipped(&name) {
                continue;
            }
            let child = rel.join(&name);
            match kind {
                EntryKind::Dir => self.walk(&child)?,
                EntryKind::File => self.add_file(&child)?,
                EntryKind::Other => {}
            }
        }
        Ok(())
    }

    /// Reads `rel` if it is a class, trigger or collected metadata file not seen before.
    fn add_file(&mut self, rel: &Path) -> Result<(), ProjectError> {
        if let Some(kind) = rel.extension().and_then(OsStr::to_str).and_then(SourceKind::from_extension) {
            return self.add_source(rel, kind);
        }
        let file_name = rel.file_name().and_then(OsStr::to_str);
        let Some((name, suffix)) = file_name.and_then(split_name).or_else(|| self.schema_sidecar(rel)) else {
            return Ok(());
        };
        if !self.seen.insert(rel.to_path_buf()) {
            return Ok(());
        }
        let text = read_text(&self.root.join(rel))?;
        let (name, suffix) = (name.to_string(), suffix.to_string());
        self.metadata.push(MetadataFile { path: rel.to_path_buf(), suffix, name, text });
        Ok(())
    }

    /// `Name.yaml` beside `Name.externalServiceRegistration-meta.xml`: the schema of a
    /// registration in decomposed source format, collected with the suffix
    /// [`SCHEMA_SIDECAR`].
    fn schema_sidecar<'r>(&self, rel: &'r Path) -> Option<(&'r str, &'static str)> {
        let name = rel.file_name().and_then(OsStr::to_str)?.strip_suffix(".yaml")?;
        let registration = rel.with_file_name(format!("{name}.externalServiceRegistration-meta.xml"));
        self.root.join(registration).is_file().then_some((name, SCHEMA_SIDECAR))
    }

    /// Reads the class or trigger `rel` if it was not seen before.
    fn add_source(&mut self, rel: &Path, kind: SourceKind) -> Result<(), ProjectError> {
        if !self.seen.insert(rel.to_path_buf()) {
            return Ok(());
        }
        let abs = self.root.join(rel);
        let Some(name) = rel.file_stem().and_then(OsStr::to_str) else {
            return Err(ProjectError::BadFileName { path: abs });
        };
        let name = name.to_string();
        let text = read_text(&abs)?;
        let api_version = meta::api_version(&abs)?;
        self.sources.push(SourceFile { path: rel.to_path_buf(), name, kind, text, api_version });
        Ok(())
    }
}

/// Reads a file as UTF-8 text, dropping a leading byte-order mark that Windows editors add.
pub(crate) fn read_text(path: &Path) -> Result<String, ProjectError> {
    let bytes = fs::read(path).map_err(|source| ProjectError::Io { path: path.to_path_buf(), source })?;
    let mut text = String::from_utf8(bytes)
        .map_err(|e| ProjectError::NotUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Hidden entries (`.sfdx`, `.git`, editor lock files such as `.#Foo.cls`) and `node_modules`
/// never hold project sources.
fn is_skipped(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.') || name == "node_modules"
}

/// The entries of `dir` sorted by name, so the walk order does not depend on the file system.
fn sorted_entries(dir: &Path) -> Result<Vec<(OsString, EntryKind)>, ProjectError> {
    let io_err = |source| ProjectError::Io { path: dir.to_path_buf(), source };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        let kind = entry_kind(&entry).map_err(|source| ProjectError::Io { path: entry.path(), source })?;
        entries.push((entry.file_name(), kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// Classifies an entry. Symbolic links to files are followed; links to directories are not,
/// so a link cycle cannot make the walk run forever, and dangling links are ignored.
fn entry_kind(entry: &fs::DirEntry) -> std::io::Result<EntryKind> {
    let file_type = entry.file_type()?;
    if file_type.is_dir() {
        return Ok(EntryKind::Dir);
    }
    if file_type.is_file() {
        return Ok(EntryKind::File);
    }
    let followed = fs::metadata(entry.path()).map(|m| m.is_file()).unwrap_or(false);
    Ok(if file_type.is_symlink() && followed { EntryKind::File } else { EntryKind::Other })
}
