//! Reading `sfdx-project.json`: the package directories, the source API version and this
//! tool's settings under `plugins.apex`.

use std::path::Path;

use serde::Deserialize;

use crate::error::ProjectError;
use crate::walk::read_text;

/// The parts of `sfdx-project.json` the tool uses; other fields are ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SfdxProject {
    pub package_directories: Vec<PackageDirectory>,
    #[serde(default)]
    pub source_api_version: Option<String>,
    #[serde(default)]
    pub plugins: Plugins,
}

/// The `plugins` object, where tools keep their own settings.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Plugins {
    #[serde(default)]
    pub apex: crate::Settings,
}

/// One entry of `packageDirectories`.
#[derive(Debug, Deserialize)]
pub(crate) struct PackageDirectory {
    pub path: String,
}

/// Reads and parses the `sfdx-project.json` at `file`.
pub(crate) fn read_config(file: &Path) -> Result<SfdxProject, ProjectError> {
    let text = read_text(file)?;
    serde_json::from_str(&text).map_err(|source| ProjectError::Json { path: file.to_path_buf(), source })
}
