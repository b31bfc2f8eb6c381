//! Reads every registration under fixtures/external-services/ (with its `Name.yaml` schema
//! when it has one, as in decomposed source format) and snapshots the Apex surface it
//! generates (external-services.md §2.8 shape) and the problems reported, each at its file,
//! line and column.

use apex_external_services::{load, surface, RegistrationFile};

#[test]
fn registration_fixtures() {
    insta::glob!("../../../fixtures/external-services", "*.xml", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        // In decomposed source format the schema is `Name.yaml` beside the registration.
        let stem = name.strip_suffix(".externalServiceRegistration-meta.xml").unwrap_or(&name);
        let sidecar_name = format!("{stem}.yaml");
        let sidecar_text = path.parent().and_then(|dir| std::fs::read_to_string(dir.join(&sidecar_name)).ok());
        let sidecar = sidecar_text.as_deref().map(|text| (sidecar_name.as_str(), text));
        let loaded = load(&[RegistrationFile { path: &name, text: &text, sidecar }]);
        let mut snapshot = String::new();
        for service in &loaded.services {
            snapshot.push_str(&surface::describe(service));
        }
        snapshot.push_str("--- problems\n");
        for problem in &loaded.errors {
            snapshot.push_str(&format!("error: {problem}\n"));
        }
        for problem in &loaded.warnings {
            snapshot.push_str(&format!("warning: {problem}\n"));
        }
        insta::assert_snapshot!(snapshot);
    });
}
