//! Static resources: the content that sits beside each `NAME.resource-meta.xml` (a file named
//! `NAME.resource`, or `NAME` with an extension such as `.csv` or `.json`), read as bytes.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::ProjectError;
use crate::MetadataFile;

/// One static resource's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceFile {
    /// The resource's name, as Apex names it (`Test.loadData(..., 'Accounts')`).
    pub name: String,
    /// The content file, relative to the project root.
    pub path: PathBuf,
    pub body: Vec<u8>,
}

/// The content of every static resource among `metadata`. A resource that is a folder (the
/// platform zips those) or has no content file beside its metadata is left out.
pub(crate) fn read_bodies(root: &Path, metadata: &[MetadataFile]) -> Result<Vec<ResourceFile>, ProjectError> {
    let mut found = Vec::new();
    for file in metadata.iter().filter(|m| m.suffix == "resource") {
        let folder = file.path.parent().unwrap_or(Path::new(""));
        let Some(path) = content_file(&root.join(folder), &file.name)? else {
            continue;
        };
        let rel = folder.join(&path);
        let abs = root.join(&rel);
        let body = fs::read(&abs).map_err(|source| ProjectError::Io { path: abs, source })?;
        found.push(ResourceFile { name: file.name.clone(), path: rel, body });
    }
    Ok(found)
}

/// The file name of `name`'s content in `folder`: `name.resource` first, else the first (by
/// name) `name.<extension>` that is a file and not metadata.
fn content_file(folder: &Path, name: &str) -> Result<Option<PathBuf>, ProjectError> {
    let plain = format!("{name}.resource");
    if folder.join(&plain).is_file() {
        return Ok(Some(PathBuf::from(plain)));
    }
    let io_err = |source| ProjectError::Io { path: folder.to_path_buf(), source };
    let mut candidates = Vec::new();
    for entry in fs::read_dir(folder).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        let file_name = entry.file_name();
        let Some(text) = file_name.to_str() else { continue };
        let is_content = text.strip_prefix(name).is_some_and(|rest| rest.starts_with('.') && rest.len() > 1)
            && !text.ends_with("-meta.xml");
        if is_content && entry.path().is_file() {
            candidates.push(file_name);
        }
    }
    candidates.sort();
    Ok(candidates.first().map(|n| PathBuf::from(AsRef::<OsStr>::as_ref(n))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str) -> MetadataFile {
        MetadataFile {
            path: PathBuf::from(format!("staticresources/{name}.resource-meta.xml")),
            suffix: "resource".into(),
            name: name.into(),
            text: String::new(),
        }
    }

    #[test]
    fn reads_the_content_beside_each_resource() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("staticresources");
        fs::create_dir_all(dir.join("Folder")).unwrap();
        fs::write(dir.join("Plain.resource"), b"plain").unwrap();
        fs::write(dir.join("Accounts.csv"), b"Name\nAcme\n").unwrap();
        fs::write(dir.join("Accounts.resource-meta.xml"), b"<StaticResource/>").unwrap();
        fs::write(dir.join("AccountsMore.csv"), b"other").unwrap();
        let found = read_bodies(root.path(), &[meta("Plain"), meta("Accounts"), meta("Folder"), meta("Gone")]).unwrap();
        let names: Vec<_> = found.iter().map(|r| (r.name.as_str(), r.body.as_slice())).collect();
        assert_eq!(names, [("Plain", &b"plain"[..]), ("Accounts", &b"Name\nAcme\n"[..])]);
        assert_eq!(found[1].path, Path::new("staticresources/Accounts.csv"));
    }
}
