//! The ways reading a project can fail, each naming the file or directory at fault.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// An error reading a project; its `Display` says which file and what went wrong.
#[derive(Debug)]
pub enum ProjectError {
    /// A file or directory could not be read.
    Io { path: PathBuf, source: io::Error },
    /// `sfdx-project.json` is not valid JSON or lacks a required field.
    Json { path: PathBuf, source: serde_json::Error },
    /// A file holds bytes that are not UTF-8; `offset` is where the first bad byte is.
    NotUtf8 { path: PathBuf, offset: usize },
    /// A file name cannot be read as UTF-8, so it cannot name a class.
    BadFileName { path: PathBuf },
    /// A package directory listed in `sfdx-project.json` does not exist.
    MissingPackageDir { declared: String, path: PathBuf },
    /// The folder given to `load_dir` does not exist or is not a directory.
    NotADirectory { path: PathBuf },
}

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProjectError::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            ProjectError::Json { path, source } => write!(f, "invalid {}: {source}", path.display()),
            ProjectError::NotUtf8 { path, offset } => {
                write!(f, "{} is not valid UTF-8 text (bad byte at offset {offset})", path.display())
            }
            ProjectError::BadFileName { path } => write!(f, "file name is not valid UTF-8: {}", path.display()),
            ProjectError::MissingPackageDir { declared, path } => write!(
                f,
                "package directory \"{declared}\" listed in sfdx-project.json does not exist (looked for {})",
                path.display()
            ),
            ProjectError::NotADirectory { path } => write!(f, "{} is not a directory", path.display()),
        }
    }
}

impl std::error::Error for ProjectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ProjectError::Io { source, .. } => Some(source),
            ProjectError::Json { source, .. } => Some(source),
            _ => None,
        }
    }
}
