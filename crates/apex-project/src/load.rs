//! Loading a project: an SFDX project through its `sfdx-project.json`, or a plain folder.

use crate::Settings;
use std::path::{Component, Path, PathBuf};

use crate::config::read_config;
use crate::discover::PROJECT_FILE;
use crate::error::ProjectError;
use crate::resources::read_bodies;
use crate::walk::Collector;
use crate::Project;

/// Reads the SFDX project at `root` (the directory holding `sfdx-project.json`): every class,
/// trigger and collected metadata file under its package directories, in declared order.
pub fn load(root: &Path) -> Result<Project, ProjectError> {
    let config = read_config(&root.join(PROJECT_FILE))?;
    let mut collector = Collector::new(root);
    for dir in &config.package_directories {
        let rel = normalize(&dir.path);
        let abs = root.join(&rel);
        if !abs.exists() {
            return Err(ProjectError::MissingPackageDir { declared: dir.path.clone(), path: abs });
        }
        collector.walk(&rel)?;
    }
    let (sources, metadata) = collector.finish();
    let resources = read_bodies(root, &metadata)?;
    let settings = config.plugins.apex;
    let api_version = config.source_api_version;
    Ok(Project { root: root.to_path_buf(), api_version, sources, metadata, resources, settings })
}

/// Reads every class, trigger and collected metadata file under a plain folder that has no
/// `sfdx-project.json`.
pub fn load_dir(dir: &Path) -> Result<Project, ProjectError> {
    if !dir.is_dir() {
        return Err(ProjectError::NotADirectory { path: dir.to_path_buf() });
    }
    let mut collector = Collector::new(dir);
    collector.walk(Path::new(""))?;
    let (sources, metadata) = collector.finish();
    let resources = read_bodies(dir, &metadata)?;
    let settings = Settings::default();
    Ok(Project { root: dir.to_path_buf(), api_version: None, sources, metadata, resources, settings })
}

/// A declared package path without `.` components, so "./force-app/" and "force-app" give the
/// same source paths and overlapping directories are read once.
fn normalize(declared: &str) -> PathBuf {
    Path::new(declared).components().filter(|c| *c != Component::CurDir).collect()
}
