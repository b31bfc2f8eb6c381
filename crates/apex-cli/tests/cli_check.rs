//! End-to-end tests of `apex check` as a user runs it: the summary line, compile errors in
//! the platform's wording, unsupported-API warnings, `--errors-only` and the exit codes.

mod common;

use common::{apex, apex_in, projects, scratch, stderr, stdout, write_files};

#[test]
fn a_clean_project_exits_zero_with_only_the_summary_line() {
    let output = apex(&["check", "--project", "basic"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "4 files, 0 with errors, 0 using unsupported APIs\n");
}

#[test]
fn an_absolute_project_path_works() {
    let project = projects().join("recursion").display().to_string();
    let output = apex(&["check", "--project", &project]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "4 files, 0 with errors, 0 using unsupported APIs\n");
}

#[test]
fn the_project_is_found_from_the_current_folder() {
    let output = apex_in(&projects().join("basic/scripts"), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "4 files, 0 with errors, 0 using unsupported APIs\n");
}

#[test]
fn a_project_with_errors_exits_two_and_lists_them() {
    let output = apex(&["check", "--project", "broken"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("[C001] Error: Variable does not exist: x"), "{text}");
    assert!(text.contains("Broken.cls:3:16"), "the error names the class file: {text}");
    assert!(text.contains("return x;"), "the error quotes the line: {text}");
    assert!(text.contains("[W001] Warning: new XmlStreamWriter is not supported yet"), "{text}");
    assert!(text.contains("Callout.cls:3:"), "{text}");
    assert_eq!(text.lines().last(), Some("2 files, 1 with errors, 1 using unsupported APIs"), "{text}");
}

#[test]
fn diagnostics_come_by_file_then_by_position_whatever_their_severity() {
    let dir = scratch("ordering");
    // The signature's error is found by an earlier pass than the body's warning above it.
    let first = "public class A {\n    public static void send() {\n        XmlStreamWriter r = new XmlStreamWriter();\n    }\n    public static Missing g() {\n        return null;\n    }\n}\n";
    let second = "public class B {\n    public static Integer f() {\n        return nope;\n    }\n}\n";
    write_files(&dir, &[("A.cls", first), ("B.cls", second)]);
    let output = apex(&["check", "--project", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(
        headers,
        [
            "[W001] Warning: new XmlStreamWriter is not supported yet",
            "[C001] Error: Invalid type: Missing",
            "[C001] Error: Variable does not exist: nope",
        ],
        "{text}"
    );
}

#[test]
fn errors_only_hides_warnings_but_keeps_errors() {
    let output = apex(&["check", "--project", "broken", "--errors-only"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("[C001] Error: Variable does not exist: x"), "{text}");
    assert!(!text.contains("W001"), "{text}");
    assert!(!text.contains("XmlStreamWriter"), "{text}");
    assert_eq!(text.lines().last(), Some("2 files, 1 with errors, 1 using unsupported APIs"), "{text}");
}

#[test]
fn unsupported_apis_alone_are_warnings_and_exit_zero() {
    let output = apex(&["check", "--project", "unsupported"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("[W001] Warning: new XmlStreamWriter is not supported yet"), "{text}");
    assert!(text.contains("Callout.cls:4:"), "{text}");
    assert!(!text.contains("Error"), "{text}");
    assert_eq!(text.lines().last(), Some("2 files, 0 with errors, 1 using unsupported APIs"), "{text}");
}

#[test]
fn errors_only_leaves_just_the_summary_when_there_are_only_warnings() {
    let output = apex(&["check", "--project", "unsupported", "--errors-only"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "2 files, 0 with errors, 1 using unsupported APIs\n");
}

#[test]
fn a_missing_project_folder_is_a_clear_error() {
    let output = apex(&["check", "--project", "no-such-project"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.starts_with("error: project folder no-such-project does not exist"), "stderr: {err}");
    assert_eq!(stdout(&output), "", "errors go to stderr");
}

#[test]
fn no_project_anywhere_is_a_clear_error() {
    let output = apex(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.starts_with("error: no sfdx-project.json here or in any parent folder"), "stderr: {err}");
    assert_eq!(stdout(&output), "", "errors go to stderr");
}

#[test]
fn a_folder_of_classes_without_sfdx_project_json_is_checked_too() {
    let dir = scratch("bare-folder");
    let greeter =
        "public class Greeter {\n    public static String hello() {\n        return Names.first();\n    }\n}\n";
    let names = "public class Names {\n    public static String first() {\n        return 'Ada';\n    }\n}\n";
    write_files(&dir, &[("Greeter.cls", greeter), ("Names.cls", names)]);
    let output = apex(&["check", "--project", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "2 files, 0 with errors, 0 using unsupported APIs\n");
}

#[test]
fn an_unknown_flag_is_rejected_by_clap() {
    let output = apex(&["check", "--frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--frobnicate"), "{}", stderr(&output));
}

#[test]
fn a_bad_object_metadata_file_is_an_error_on_its_line_and_the_classes_still_compile() {
    let dir = scratch("metadata");
    let fields = dir.join("objects/Invoice__c/fields");
    std::fs::create_dir_all(&fields).unwrap();
    let object = "<?xml version=\"1.0\"?>\n<CustomObject>\n    <label>Invoice</label>\n</CustomObject>\n";
    let field = "<?xml version=\"1.0\"?>\n<CustomField>\n    <fullName>Total__c</fullName>\n    <type>Monetary</type>\n</CustomField>\n";
    write_files(&dir, &[("objects/Invoice__c/Invoice__c.object-meta.xml", object)]);
    write_files(&fields, &[("Total__c.field-meta.xml", field)]);
    let class = "public class Billing {\n    public static Invoice__c make() {\n        return new Invoice__c(Name = 'x');\n    }\n}\n";
    write_files(&dir, &[("Billing.cls", class)]);
    let output = apex(&["check", "--project", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("[M001] Error: <type>: unknown field type 'Monetary'"), "{text}");
    assert!(text.contains("Total__c.field-meta.xml:4:5"), "the frame points at the element: {text}");
    assert_eq!(
        text.lines().last(),
        Some("1 file, 0 with errors, 0 using unsupported APIs; 1 metadata file with errors")
    );
}
