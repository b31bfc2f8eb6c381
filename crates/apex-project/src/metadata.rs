//! Recognizing the metadata XML files the tool reads, by the suffix before `-meta.xml`.

/// The suffixes of the metadata files a project collects: objects and fields for the schema,
/// the files that describe credentials and callouts, and static resources. `md` is a custom
/// metadata record.
pub const METADATA_SUFFIXES: &[&str] = &[
    "object",
    "field",
    "namedCredential",
    "externalCredential",
    "authprovider",
    "connectedApp",
    "permissionset",
    "remoteSite",
    "resource",
    "externalServiceRegistration",
    "md",
];

/// The suffix given to `Name.yaml` beside `Name.externalServiceRegistration-meta.xml`: the
/// registration's schema in decomposed source format.
pub const SCHEMA_SIDECAR: &str = "externalServiceSchema";

/// The name and suffix of a collected metadata file (`Total__c.field-meta.xml` gives `Total__c`
/// and `field`); `None` for any other file, including `Foo.cls-meta.xml`.
pub(crate) fn split_name(file_name: &str) -> Option<(&str, &str)> {
    let stem = file_name.strip_suffix("-meta.xml")?;
    let (name, suffix) = stem.rsplit_once('.')?;
    if name.is_empty() || !METADATA_SUFFIXES.contains(&suffix) {
        return None;
    }
    Some((name, suffix))
}

#[cfg(test)]
mod tests {
    use super::split_name;

    #[test]
    fn splits_collected_suffixes_at_the_last_dot() {
        assert_eq!(split_name("Total__c.field-meta.xml"), Some(("Total__c", "field")));
        assert_eq!(split_name("Invoice__c.object-meta.xml"), Some(("Invoice__c", "object")));
        assert_eq!(split_name("Weather.namedCredential-meta.xml"), Some(("Weather", "namedCredential")));
        assert_eq!(split_name("Flag.Default.md-meta.xml"), Some(("Flag.Default", "md")));
    }

    #[test]
    fn other_files_are_not_metadata() {
        assert_eq!(split_name("Foo.cls-meta.xml"), None);
        assert_eq!(split_name("Foo.field.xml"), None);
        assert_eq!(split_name(".field-meta.xml"), None);
        assert_eq!(split_name("field-meta.xml"), None);
        assert_eq!(split_name("Foo.Field-meta.xml"), None);
    }
}
