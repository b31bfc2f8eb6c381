//! The org's schema for a build: the standard objects plus the project's custom objects and
//! fields, with each problem in an object, field or credential file as a diagnostic on that file.

use super::MetadataSource;
use apex_data::schema::{MetadataError, ObjectFile};
use apex_data::Schema;
use apex_syntax::{Diagnostic, FileId, Span};

/// The code of a problem in a metadata file.
pub const METADATA_ERROR: &str = "M001";

/// Builds the schema. Diagnostics number the metadata files after the `apex_files` Apex
/// sources, as [`super::Built`] renders them.
pub fn build(metadata: &[MetadataSource], apex_files: usize) -> (Schema, Vec<Diagnostic>) {
    let files: Vec<ObjectFile> = metadata
        .iter()
        .filter(|m| m.suffix == "object" || m.suffix == "field")
        .map(|m| ObjectFile { path: &m.name, text: &m.text })
        .collect();
    let mut schema = Schema::standard();
    let errors = schema.load_objects(&files);
    for permission_set in metadata.iter().filter(|m| m.suffix == "permissionset") {
        let name = permission_set_name(&permission_set.name);
        let root = apex_data::metadata_xml::parse(&permission_set.text).ok();
        let label =
            root.as_ref().and_then(|root| root.child_text("label").map(str::to_string)).unwrap_or_else(|| name.clone());
        schema.add_permission_set(&name, &label);
        if let Some(root) = root {
            schema.add_permission_grants(&name, apex_data::access::Grants::from_metadata(&root));
        }
    }
    let mut diagnostics: Vec<Diagnostic> = errors.iter().map(|e| diagnostic(metadata, apex_files, e)).collect();
    diagnostics.extend(credential_diagnostics(metadata, apex_files));
    (schema, diagnostics)
}

/// `Name` of `.../permissionsets/Name.permissionset-meta.xml`.
fn permission_set_name(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.strip_suffix(".permissionset-meta.xml").unwrap_or(file).to_string()
}

/// Problems in the credential files (Named and External Credentials, Auth Providers,
/// permission sets, Remote Site Settings).
fn credential_diagnostics(metadata: &[MetadataSource], apex_files: usize) -> Vec<Diagnostic> {
    let texts: Vec<apex_credentials::MetadataText<'_>> = metadata
        .iter()
        .map(|m| apex_credentials::MetadataText { path: &m.name, suffix: &m.suffix, text: &m.text })
        .collect();
    let (_, errors) = apex_credentials::load(&texts);
    errors.iter().map(|e| diagnostic(metadata, apex_files, e)).collect()
}

/// The External Service registrations: the services they generate, with a registration that
/// generates nothing as an error and an operation left out as a warning.
pub fn external_services(
    metadata: &[MetadataSource],
    apex_files: usize,
) -> (Vec<apex_external_services::Service>, Vec<Diagnostic>) {
    let files = registration_files(metadata);
    if files.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let loaded = apex_external_services::load(&files);
    let mut diagnostics: Vec<Diagnostic> = loaded.errors.iter().map(|e| diagnostic(metadata, apex_files, e)).collect();
    for warning in &loaded.warnings {
        let mut d = diagnostic(metadata, apex_files, warning);
        d.severity = apex_syntax::Severity::Warning;
        diagnostics.push(d);
    }
    (loaded.services, diagnostics)
}

/// The External Service registration files, each with its decomposed `Name.yaml` schema when
/// one is beside it.
pub fn registration_files(metadata: &[MetadataSource]) -> Vec<apex_external_services::RegistrationFile<'_>> {
    let sidecar = |registration: &str| {
        let stem = registration.strip_suffix(".externalServiceRegistration-meta.xml")?;
        let path = format!("{stem}.yaml");
        let file = metadata.iter().find(|m| m.suffix == apex_project::SCHEMA_SIDECAR && m.name == path)?;
        Some((file.name.as_str(), file.text.as_str()))
    };
    metadata
        .iter()
        .filter(|m| m.suffix == "externalServiceRegistration")
        .map(|m| apex_external_services::RegistrationFile { path: &m.name, text: &m.text, sidecar: sidecar(&m.name) })
        .collect()
}

fn diagnostic(metadata: &[MetadataSource], apex_files: usize, error: &MetadataError) -> Diagnostic {
    let index = metadata.iter().position(|m| m.name == error.path).unwrap_or(0);
    let text = metadata.get(index).map_or("", |m| m.text.as_str());
    let start = offset(text, error.line, error.column);
    let end = text[start..].find(['\n', '>']).map_or(text.len(), |n| start + n + 1).min(text.len());
    let span = Span::new(FileId((apex_files + index) as u32), start as u32, end.max(start) as u32);
    Diagnostic::error(METADATA_ERROR, error.message.clone(), span)
}

/// The byte offset of a 1-based line and column (in characters), kept inside the text.
fn offset(text: &str, line: u32, column: u32) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum();
    let line_text = text[line_start.min(text.len())..].lines().next().unwrap_or("");
    let within: usize = line_text.chars().take(column.saturating_sub(1) as usize).map(char::len_utf8).sum();
    (line_start + within).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_field_file_is_a_diagnostic_on_its_own_line() {
        let field = MetadataSource {
            name: "force-app/objects/Invoice__c/fields/Total__c.field-meta.xml".into(),
            suffix: "field".into(),
            text: "<?xml version=\"1.0\"?>\n<CustomField>\n    <fullName>Total__c</fullName>\n    <type>Blah</type>\n</CustomField>\n".into(),
        };
        let object = MetadataSource {
            name: "force-app/objects/Invoice__c/Invoice__c.object-meta.xml".into(),
            suffix: "object".into(),
            text: "<?xml version=\"1.0\"?>\n<CustomObject>\n    <label>Invoice</label>\n</CustomObject>\n".into(),
        };
        let (schema, diagnostics) = build(&[field.clone(), object], 3);
        assert!(schema.object("Invoice__c").is_some());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d.span.file, FileId(3), "the first metadata file comes after the three Apex files");
        assert!(d.message.contains("Blah"), "{}", d.message);
        assert!(field.text[d.span.start as usize..].starts_with("<type>"), "the span starts at the element");
    }
}
