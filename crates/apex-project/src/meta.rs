//! The API version of a source file, from its `-meta.xml` companion.

use std::path::Path;

use crate::error::ProjectError;
use crate::walk::read_text;

/// The `<apiVersion>` of `X.cls-meta.xml` beside `X.cls`; `None` when the file or element is absent.
pub(crate) fn api_version(source: &Path) -> Result<Option<String>, ProjectError> {
    let mut name = source.as_os_str().to_os_string();
    name.push("-meta.xml");
    let meta = Path::new(&name);
    if !meta.is_file() {
        return Ok(None);
    }
    Ok(element_text(&read_text(meta)?, "apiVersion"))
}

/// The trimmed text of the first `<tag>…</tag>` in `xml`. Metadata files are machine-written,
/// so a plain search is enough; an empty element counts as absent.
fn element_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let len = xml.get(start..)?.find(&close)?;
    let text = xml.get(start..start + len)?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::element_text;

    #[test]
    fn finds_the_api_version() {
        let xml = "<ApexClass>\n    <apiVersion> 62.0 </apiVersion>\n    <status>Active</status>\n</ApexClass>";
        assert_eq!(element_text(xml, "apiVersion").as_deref(), Some("62.0"));
    }

    #[test]
    fn absent_unclosed_or_empty_elements_give_none() {
        assert_eq!(element_text("<ApexClass/>", "apiVersion"), None);
        assert_eq!(element_text("<apiVersion>62.0", "apiVersion"), None);
        assert_eq!(element_text("<apiVersion></apiVersion>", "apiVersion"), None);
    }
}
