//! Finding the SFDX project that a file or directory belongs to.

use std::path::{Path, PathBuf};

/// The file that marks the root of an SFDX project.
pub const PROJECT_FILE: &str = "sfdx-project.json";

/// The nearest directory at or above `start` (a file or a directory) that holds
/// `sfdx-project.json`, as an absolute path; `None` when there is none up to the file system root.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    // A relative start such as "." has no parents of its own, so climb from its absolute form.
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let first = if start.is_file() { start.parent()? } else { start.as_path() };
    first.ancestors().find(|dir| dir.join(PROJECT_FILE).is_file()).map(Path::to_path_buf)
}
