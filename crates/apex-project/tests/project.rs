//! Loading SFDX projects and plain folders from temporary trees and from the repository's examples.

use std::fs;
use std::path::{Path, PathBuf};

use apex_project::{find_root, load, load_dir, MetadataFile, ProjectError, SourceKind};

/// A temporary directory unique to one test, removed when dropped.
struct TempTree(PathBuf);

impl TempTree {
    fn new(test: &str) -> TempTree {
        let dir = std::env::temp_dir().join(format!("apex-project-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempTree(dir)
    }

    /// Writes `text` to `rel`, creating parent directories.
    fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &TempTree {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
        fs::write(path, text).expect("write file");
        self
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const PROJECT_JSON: &str =
    r#"{ "packageDirectories": [{ "path": "force-app", "default": true }], "sourceApiVersion": "61.0" }"#;

fn meta(version: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <apiVersion>{version}</apiVersion>\n</ApexClass>\n")
}

fn names(paths: &[&str]) -> Vec<PathBuf> {
    paths.iter().map(PathBuf::from).collect()
}

#[test]
fn find_root_climbs_from_a_nested_file_and_directory() {
    let tree = TempTree::new("find-root");
    tree.write("sfdx-project.json", PROJECT_JSON).write("force-app/main/default/classes/A.cls", "public class A {}");
    let classes = tree.0.join("force-app/main/default/classes");
    assert_eq!(find_root(&classes.join("A.cls")), Some(tree.0.clone()));
    assert_eq!(find_root(&classes), Some(tree.0.clone()));
    assert_eq!(find_root(&tree.0), Some(tree.0.clone()));
}

#[test]
fn find_root_returns_none_outside_a_project() {
    let tree = TempTree::new("no-root");
    tree.write("classes/A.cls", "public class A {}");
    // The temporary directory itself is not expected to sit inside an SFDX project.
    assert_eq!(find_root(&tree.0.join("classes/A.cls")), None);
}

#[test]
fn load_reads_sources_in_sorted_order_with_kinds_and_meta_versions() {
    let tree = TempTree::new("order");
    tree.write("sfdx-project.json", PROJECT_JSON)
        .write(
            "force-app/main/default/triggers/AccountTrigger.trigger",
            "trigger AccountTrigger on Account (before insert) {}",
        )
        .write("force-app/main/default/classes/Zeta.cls", "public class Zeta {}")
        .write("force-app/main/default/classes/Alpha.cls", "public class Alpha {}")
        .write("force-app/main/default/classes/Alpha.cls-meta.xml", meta("59.0"))
        .write("force-app/main/default/classes/readme.md", "not a source")
        .write("force-app/main/default/classes/Zeta.cls-meta.xml", "<ApexClass/>")
        .write("force-app/main/default/aura/Cmp/CmpController.js", "({})");
    let project = load(&tree.0).expect("load");
    assert_eq!(project.root, tree.0);
    assert_eq!(project.api_version.as_deref(), Some("61.0"));
    let paths: Vec<PathBuf> = project.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        paths,
        names(&[
            "force-app/main/default/classes/Alpha.cls",
            "force-app/main/default/classes/Zeta.cls",
            "force-app/main/default/triggers/AccountTrigger.trigger",
        ])
    );
    let [alpha, zeta, trigger] = &project.sources[..] else { panic!("three sources") };
    assert_eq!(
        (alpha.name.as_str(), alpha.kind, alpha.api_version.as_deref()),
        ("Alpha", SourceKind::Class, Some("59.0"))
    );
    assert_eq!(alpha.text, "public class Alpha {}");
    assert_eq!((zeta.name.as_str(), zeta.api_version.as_deref()), ("Zeta", None));
    assert_eq!((trigger.name.as_str(), trigger.kind), ("AccountTrigger", SourceKind::Trigger));
}

const OBJECT_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CustomObject xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Invoice</label>\n</CustomObject>\n";
const FIELD_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CustomField xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <fullName>Total__c</fullName>\n    <type>Currency</type>\n</CustomField>\n";

/// The path, suffix and name of each metadata file, for comparing in one assertion.
fn metadata_summary(files: &[MetadataFile]) -> Vec<(PathBuf, &str, &str)> {
    files.iter().map(|f| (f.path.clone(), f.suffix.as_str(), f.name.as_str())).collect()
}

#[test]
fn load_collects_object_and_field_files_in_walk_order() {
    let tree = TempTree::new("metadata");
    let default = "force-app/main/default";
    tree.write("sfdx-project.json", PROJECT_JSON)
        .write(&format!("{default}/objects/Invoice__c/fields/Total__c.field-meta.xml"), FIELD_XML)
        .write(&format!("{default}/objects/Invoice__c/Invoice__c.object-meta.xml"), format!("\u{feff}{OBJECT_XML}"))
        .write(&format!("{default}/objects/Invoice__c/listViews/All.listView-meta.xml"), "<ListView/>")
        .write(&format!("{default}/customMetadata/Flag.On.md-meta.xml"), "<CustomMetadata/>")
        .write(&format!("{default}/remoteSiteSettings/Weather.remoteSite-meta.xml"), "<RemoteSiteSetting/>")
        .write(&format!("{default}/classes/A.cls"), "public class A {}")
        .write(&format!("{default}/classes/A.cls-meta.xml"), meta("61.0"))
        .write("force-app/.sfdx/Hidden.object-meta.xml", OBJECT_XML);
    let project = load(&tree.0).expect("load");
    let path = |rel: &str| Path::new(default).join(rel);
    assert_eq!(
        metadata_summary(&project.metadata),
        [
            (path("customMetadata/Flag.On.md-meta.xml"), "md", "Flag.On"),
            (path("objects/Invoice__c/Invoice__c.object-meta.xml"), "object", "Invoice__c"),
            (path("objects/Invoice__c/fields/Total__c.field-meta.xml"), "field", "Total__c"),
            (path("remoteSiteSettings/Weather.remoteSite-meta.xml"), "remoteSite", "Weather"),
        ]
    );
    assert_eq!(project.metadata[1].text, OBJECT_XML, "the byte-order mark is dropped");
    assert_eq!(project.metadata[2].text, FIELD_XML);
    let sources: Vec<&str> = project.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sources, ["A"]);
}

#[test]
fn overlapping_package_directories_collect_a_metadata_file_once() {
    let tree = TempTree::new("metadata-overlap");
    tree.write("sfdx-project.json", r#"{ "packageDirectories": [{ "path": "app" }, { "path": "app/objects" }] }"#)
        .write("app/objects/Invoice__c/Invoice__c.object-meta.xml", OBJECT_XML);
    let project = load(&tree.0).expect("load");
    assert_eq!(metadata_summary(&project.metadata).len(), 1);
}

#[test]
fn non_utf8_metadata_is_an_error_naming_the_file() {
    let tree = TempTree::new("metadata-non-utf8");
    tree.write("sfdx-project.json", PROJECT_JSON).write("force-app/Bad__c.object-meta.xml", b"<CustomObject>\xfe");
    let err = load(&tree.0).expect_err("non-utf8");
    assert!(matches!(err, ProjectError::NotUtf8 { offset: 14, .. }), "{err:?}");
}

#[test]
fn load_skips_hidden_directories_node_modules_and_lock_files() {
    let tree = TempTree::new("skip");
    tree.write("sfdx-project.json", PROJECT_JSON)
        .write("force-app/classes/Kept.cls", "public class Kept {}")
        .write("force-app/.sfdx/Hidden.cls", "public class Hidden {}")
        .write("force-app/node_modules/pkg/Dep.cls", "public class Dep {}")
        .write("force-app/classes/.#Kept.cls", "lock");
    let project = load(&tree.0).expect("load");
    let found: Vec<&str> = project.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(found, ["Kept"]);
}

#[test]
fn package_directories_keep_declared_order_and_overlaps_are_read_once() {
    let tree = TempTree::new("packages");
    tree.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "./zpkg/" }, { "path": "apkg" }, { "path": "zpkg/sub" }] }"#,
    )
    .write("zpkg/sub/Z.cls", "public class Z {}")
    .write("apkg/A.cls", "public class A {}");
    let project = load(&tree.0).expect("load");
    assert_eq!(project.api_version, None);
    let paths: Vec<PathBuf> = project.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(paths, names(&["zpkg/sub/Z.cls", "apkg/A.cls"]));
}

#[test]
fn malformed_json_names_the_file_and_the_position() {
    let tree = TempTree::new("bad-json");
    tree.write("sfdx-project.json", "{\n  \"packageDirectories\": [\n    { \"path\": \"force-app\" }\n  ,\n}\n");
    let err = load(&tree.0).expect_err("malformed json");
    assert!(matches!(err, ProjectError::Json { .. }), "{err:?}");
    let message = err.to_string();
    let file = tree.0.join("sfdx-project.json");
    assert!(message.starts_with(&format!("invalid {}: ", file.display())), "{message}");
    assert!(message.contains("line 5 column 1"), "{message}");
}

#[test]
fn missing_package_directories_field_is_a_json_error() {
    let tree = TempTree::new("no-packages");
    tree.write("sfdx-project.json", r#"{ "name": "x" }"#);
    let message = load(&tree.0).expect_err("missing field").to_string();
    assert!(message.contains("missing field `packageDirectories`"), "{message}");
}

#[test]
fn missing_package_directory_is_named() {
    let tree = TempTree::new("missing-dir");
    tree.write("sfdx-project.json", r#"{ "packageDirectories": [{ "path": "force-app" }, { "path": "gone" }] }"#)
        .write("force-app/A.cls", "public class A {}");
    let err = load(&tree.0).expect_err("missing dir");
    assert_eq!(
        err.to_string(),
        format!(
            "package directory \"gone\" listed in sfdx-project.json does not exist (looked for {})",
            tree.0.join("gone").display()
        )
    );
}

#[test]
fn missing_project_file_is_an_io_error_naming_it() {
    let tree = TempTree::new("no-project-file");
    let message = load(&tree.0).expect_err("no sfdx-project.json").to_string();
    assert!(message.starts_with(&format!("cannot read {}: ", tree.0.join("sfdx-project.json").display())), "{message}");
}

#[test]
fn non_utf8_source_is_an_error_naming_the_file() {
    let tree = TempTree::new("non-utf8");
    tree.write("sfdx-project.json", PROJECT_JSON).write("force-app/Bad.cls", b"public class Bad { // \xff }");
    let err = load(&tree.0).expect_err("non-utf8");
    assert_eq!(
        err.to_string(),
        format!("{} is not valid UTF-8 text (bad byte at offset 22)", tree.0.join("force-app/Bad.cls").display())
    );
}

#[test]
fn byte_order_mark_is_dropped() {
    let tree = TempTree::new("bom");
    tree.write("sfdx-project.json", format!("\u{feff}{PROJECT_JSON}"))
        .write("force-app/A.cls", "\u{feff}public class A {}");
    let project = load(&tree.0).expect("load");
    assert_eq!(project.sources[0].text, "public class A {}");
}

#[test]
fn load_dir_reads_a_plain_folder() {
    let tree = TempTree::new("plain");
    tree.write("B.cls", "public class B {}")
        .write("A.cls", "public class A {}")
        .write("A.cls-meta.xml", meta("60.0"))
        .write("nested/T.trigger", "trigger T on Contact (after update) {}");
    let project = load_dir(&tree.0).expect("load_dir");
    assert_eq!(project.root, tree.0);
    assert_eq!(project.api_version, None);
    let paths: Vec<PathBuf> = project.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(paths, names(&["A.cls", "B.cls", "nested/T.trigger"]));
    assert_eq!(project.sources[0].api_version.as_deref(), Some("60.0"));
    assert!(project.metadata.is_empty());
}

#[test]
fn load_dir_collects_metadata_files_too() {
    let tree = TempTree::new("plain-metadata");
    tree.write("objects/Account/fields/Tier__c.field-meta.xml", FIELD_XML);
    let project = load_dir(&tree.0).expect("load_dir");
    assert_eq!(
        metadata_summary(&project.metadata),
        [("objects/Account/fields/Tier__c.field-meta.xml".into(), "field", "Tier__c")]
    );
}

#[test]
fn load_dir_rejects_a_missing_folder() {
    let tree = TempTree::new("plain-missing");
    let missing = tree.0.join("nope");
    let err = load_dir(&missing).expect_err("missing folder");
    assert_eq!(err.to_string(), format!("{} is not a directory", missing.display()));
}

#[test]
fn loads_the_callout_basics_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/callout-basics");
    let found = find_root(&root.join("force-app/main/default/classes/WeatherClient.cls")).expect("root found");
    assert!(found.join("sfdx-project.json").is_file());
    let project = load(&root).expect("load example");
    assert_eq!(project.api_version.as_deref(), Some("62.0"));
    let summary: Vec<(&str, SourceKind, Option<&str>)> =
        project.sources.iter().map(|s| (s.name.as_str(), s.kind, s.api_version.as_deref())).collect();
    assert_eq!(
        summary,
        [("WeatherClient", SourceKind::Class, Some("62.0")), ("WeatherClientTest", SourceKind::Class, Some("62.0"))]
    );
    assert_eq!(project.sources[0].path, Path::new("force-app/main/default/classes/WeatherClient.cls"));
    assert!(project.sources[0].text.contains("class WeatherClient"));
    assert!(project.metadata.is_empty());
}
