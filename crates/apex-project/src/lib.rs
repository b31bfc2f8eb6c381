//! `apex-project`: finds an SFDX project (`sfdx-project.json`) or a plain folder of classes and
//! reads its Apex sources and the metadata files the tool uses into memory, so the compiler
//! never touches the file system.

mod config;
mod discover;
mod error;
mod load;
mod meta;
mod metadata;
mod resources;
mod walk;

use std::path::PathBuf;

pub use discover::{find_root, PROJECT_FILE};
pub use error::ProjectError;
pub use load::{load, load_dir};
pub use metadata::{METADATA_SUFFIXES, SCHEMA_SIDECAR};
pub use resources::ResourceFile;

/// A project read into memory: every Apex class and trigger under its package directories, and
/// the metadata files the tool reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The directory holding `sfdx-project.json`, or the folder given to [`load_dir`].
    pub root: PathBuf,
    /// `sourceApiVersion` from `sfdx-project.json`; `None` for a plain folder.
    pub api_version: Option<String>,
    /// The sources in a deterministic order: package directories as declared, each walked
    /// depth-first with entries sorted by name.
    pub sources: Vec<SourceFile>,
    /// The metadata files whose suffix is in [`METADATA_SUFFIXES`], in the same walk order.
    pub metadata: Vec<MetadataFile>,
    /// The content of the static resources (`staticresources/`), in the same order.
    pub resources: Vec<ResourceFile>,
    /// This tool's settings from `sfdx-project.json` (`plugins.apex`).
    pub settings: Settings,
}

/// What a project tells this tool under `"plugins": {"apex": {...}}` in `sfdx-project.json`;
/// paths are relative to the project root.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The SFDX project of the emulated target org that callouts reach offline: its Connected
    /// Apps, objects and `data/` tree files.
    #[serde(default)]
    pub target_org: Option<String>,
    /// The running user's definition (`sf org create user` JSON with its `permsets`).
    #[serde(default)]
    pub user_definition: Option<String>,
}

/// One Apex source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path relative to the project root, e.g. `force-app/main/default/classes/Foo.cls`.
    pub path: PathBuf,
    /// The file stem, which Salesforce requires to be the class or trigger name.
    pub name: String,
    /// Whether the file is a class or a trigger.
    pub kind: SourceKind,
    /// The whole file as text, with any leading byte-order mark removed.
    pub text: String,
    /// `<apiVersion>` from the sibling `-meta.xml` file, when there is one.
    pub api_version: Option<String>,
}

/// One metadata XML file the tool reads (objects, fields, and later credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataFile {
    /// Relative to the project root, e.g.
    /// `force-app/main/default/objects/Invoice__c/fields/Total__c.field-meta.xml`.
    pub path: PathBuf,
    /// The suffix between the last dot of the name and `-meta.xml`: "object", "field",
    /// "namedCredential", ... (the `.md-meta.xml` custom metadata records use suffix "md").
    pub suffix: String,
    /// The file's name before `.{suffix}-meta.xml` (`Total__c`, `Invoice__c`).
    pub name: String,
    /// The whole file as text, with any leading byte-order mark removed.
    pub text: String,
}

/// The kinds of Apex source file a project holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A `*.cls` file.
    Class,
    /// A `*.trigger` file.
    Trigger,
}

impl SourceKind {
    /// The kind of a file with this extension (without the dot), if it is an Apex source.
    pub fn from_extension(ext: &str) -> Option<SourceKind> {
        match ext {
            "cls" => Some(SourceKind::Class),
            "trigger" => Some(SourceKind::Trigger),
            _ => None,
        }
    }

    /// The file extension of this kind, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            SourceKind::Class => "cls",
            SourceKind::Trigger => "trigger",
        }
    }
}
