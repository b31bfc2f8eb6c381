//! Finds Apex source files under the paths given on the command line.

use apex_syntax::UnitKind;
use std::path::{Path, PathBuf};

/// One Apex source file to process.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub kind: UnitKind,
}

/// The Apex files named by `paths`, folders searched recursively, sorted by path. A named file
/// is taken whatever its extension (as anonymous Apex when it is not `.cls` or `.trigger`).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<SourceFile>, String> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if metadata.is_dir() {
            walk(path, &mut files).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        } else {
            let kind = UnitKind::from_path(path).unwrap_or(UnitKind::Anonymous);
            files.push(SourceFile { path: path.clone(), kind });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<SourceFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(&path, files)?;
        } else if let Some(kind) = UnitKind::from_path(&path) {
            files.push(SourceFile { path, kind });
        }
    }
    Ok(())
}
