//! The errors of loading objects and fields: each names its file and points at the element
//! at fault, and the file is skipped while the others load.

use super::metadata_tests::{field, load, object, only_error, xml, OBJECTS, TEXT_NAME};
use super::MetadataError;

#[test]
fn an_unknown_type_is_reported_at_its_element_and_the_other_fields_load() {
    let (bad, _) = field("Invoice__c", "Odd__c", "Blah", &[]);
    let files = [
        object("Invoice__c", &[TEXT_NAME]),
        field("Invoice__c", "Odd__c", "Blah", &[]),
        field("Invoice__c", "Ok__c", "Text", &[]),
    ];
    assert_eq!(only_error(&files, &bad), (4, 5, "<type>: unknown field type 'Blah'".into()));
    let (schema, _) = load(&files);
    assert!(schema.object("Invoice__c").unwrap().field("Odd__c").is_none());
    assert!(schema.object("Invoice__c").unwrap().field("Ok__c").is_some());
}

#[test]
fn a_reference_to_a_missing_object_skips_the_field() {
    let files = [
        object("Invoice__c", &[TEXT_NAME]),
        field("Invoice__c", "Vendor__c", "Lookup", &["<label>Vendor</label>", "<referenceTo>Foo__c</referenceTo>"]),
    ];
    assert_eq!(only_error(&files, &files[1].0), (6, 5, "<referenceTo>: no object named 'Foo__c'".into()));
    let (schema, _) = load(&files);
    assert!(schema.object("Invoice__c").unwrap().field("Vendor__c").is_none());
}

#[test]
fn malformed_xml_gives_the_position_and_skips_the_object_with_its_fields() {
    let broken = (
        format!("{OBJECTS}/Bad__c/Bad__c.object-meta.xml"),
        "<CustomObject>\n  <label>Bad</lable>\n</CustomObject>".into(),
    );
    let files = [broken, field("Bad__c", "Total__c", "Currency", &[]), object("Good__c", &[TEXT_NAME])];
    let (line, column, message) = only_error(&files, &files[0].0);
    assert_eq!((line, column), (2, 13));
    assert!(message.starts_with("malformed XML: ") && message.contains("</label>"), "{message}");
    let (schema, _) = load(&files);
    assert!(schema.object("Bad__c").is_none());
    assert_eq!(schema.object("Good__c").unwrap().key_prefix, "a00");
}

#[test]
fn a_standard_object_whose_file_is_malformed_is_not_made_from_its_fields() {
    let broken = (format!("{OBJECTS}/Asset/Asset.object-meta.xml"), "<CustomObject>".into());
    let files = [broken, field("Asset", "Serial__c", "Text", &[])];
    assert_eq!(only_error(&files, &files[0].0), (1, 1, "malformed XML: <CustomObject> is never closed".into()));
    assert!(load(&files).0.object("Asset").is_none());
}

#[test]
fn a_full_name_that_differs_from_the_file_name_is_refused() {
    let text = xml("CustomField", &["<label>X</label>", "<fullName>X__c</fullName>", "<type>Text</type>"]);
    let path = format!("{OBJECTS}/Invoice__c/fields/Y__c.field-meta.xml");
    let files = [object("Invoice__c", &[TEXT_NAME]), (path.clone(), text)];
    assert_eq!(only_error(&files, &path), (4, 5, "<fullName> 'X__c' does not match the file name 'Y__c'".into()));
}

#[test]
fn lookups_need_a_reference_to() {
    let files = [object("Invoice__c", &[TEXT_NAME]), field("Invoice__c", "Vendor__c", "Lookup", &[])];
    assert_eq!(only_error(&files, &files[1].0), (4, 5, "a Lookup field needs <referenceTo>".into()));
    let files = [object("Line__c", &[TEXT_NAME]), field("Line__c", "Invoice__c", "MasterDetail", &["<referenceTo/>"])];
    assert_eq!(only_error(&files, &files[1].0).2, "a MasterDetail field needs <referenceTo>");
}

#[test]
fn other_faults_name_their_element() {
    let cases = [
        (field("Ghost__c", "Total__c", "Currency", &[]), (2, 1, "no object file for 'Ghost__c'")),
        (object("Article__kav", &[]), (2, 1, "'Article__kav' is not a kind of object the tool loads")),
        (
            (format!("{OBJECTS}/Odd__c/Odd__c.object-meta.xml"), xml("CustomField", &[])),
            (2, 1, "expected <CustomObject>, found <CustomField>"),
        ),
        (
            object("Odd__c", &["<nameField><type>Number</type></nameField>"]),
            (3, 16, "<type>: a name field is Text or AutoNumber, not 'Number'"),
        ),
        (
            object("Odd__c", &["<nameField><type>AutoNumber</type></nameField>"]),
            (3, 16, "an AutoNumber field needs <displayFormat>"),
        ),
        (
            (
                format!("{OBJECTS}/Account/fields/Tier__c.field-meta.xml"),
                xml("CustomField", &["<fullName>Tier__c</fullName>"]),
            ),
            (2, 1, "a custom field needs <type>"),
        ),
        (
            (format!("{OBJECTS}/Account/Tier__c.field-meta.xml"), xml("CustomField", &[])),
            (1, 1, "a field file belongs in its object's folder: objects/<Object>/fields/<Field>.field-meta.xml"),
        ),
    ];
    for ((path, text), (line, column, message)) in cases {
        assert_eq!(only_error(&[(path.clone(), text)], &path), (line, column, message.to_string()), "{path}");
    }
}

#[test]
fn errors_display_as_path_line_column_and_message() {
    let error = MetadataError { path: "a/B__c.field-meta.xml".into(), line: 4, column: 5, message: "oops".into() };
    assert_eq!(error.to_string(), "a/B__c.field-meta.xml:4:5: oops");
}
