//! Where an object or field file sits in a project: `objects/<Object>/<Object>.object-meta.xml`
//! and `objects/<Object>/fields/<Field>.field-meta.xml`.

/// What a file describes, named from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target<'a> {
    /// An object file, named by its file name.
    Object { object: &'a str },
    /// A field file: the object is the folder above `fields`, the field the file name.
    Field { object: &'a str, field: &'a str },
}

/// What the file at `path` describes: `None` for a file that is neither an object nor a field
/// file, and a message when a field file is not inside an object's `fields` folder.
pub(super) fn target(path: &str) -> Option<Result<Target<'_>, String>> {
    let mut parts = path.rsplit(['/', '\\']).filter(|part| !part.is_empty());
    let file_name = parts.next()?;
    if let Some(object) = file_name.strip_suffix(".object-meta.xml").filter(|name| !name.is_empty()) {
        return Some(Ok(Target::Object { object }));
    }
    let field = file_name.strip_suffix(".field-meta.xml").filter(|name| !name.is_empty())?;
    let (folder, object) = (parts.next(), parts.next());
    match (folder, object) {
        (Some("fields"), Some(object)) => Some(Ok(Target::Field { object, field })),
        _ => Some(Err(
            "a field file belongs in its object's folder: objects/<Object>/fields/<Field>.field-meta.xml".into()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{target, Target};

    #[test]
    fn names_objects_and_fields_from_the_path() {
        let object = target("force-app/main/default/objects/Invoice__c/Invoice__c.object-meta.xml");
        assert_eq!(object, Some(Ok(Target::Object { object: "Invoice__c" })));
        let field = target("objects\\Account\\fields\\Tier__c.field-meta.xml");
        assert_eq!(field, Some(Ok(Target::Field { object: "Account", field: "Tier__c" })));
    }

    #[test]
    fn other_files_are_ignored_and_stray_fields_refused() {
        assert_eq!(target("objects/Invoice__c/listViews/All.listView-meta.xml"), None);
        assert_eq!(target("objects/.object-meta.xml"), None);
        assert!(matches!(target("objects/Invoice__c/Total__c.field-meta.xml"), Some(Err(_))));
        assert!(matches!(target("fields/Total__c.field-meta.xml"), Some(Err(_))));
    }
}
