//! Loading objects and fields from metadata files: what each kind of object and field becomes,
//! and the errors that point at the element at fault.

use super::{ChildRelationship, FieldSchema, FieldType, MetadataError, ObjectFile, Schema};

pub(super) const OBJECTS: &str = "force-app/main/default/objects";

/// A metadata file with the usual declaration (line 1) and root (line 2); `lines` follow from
/// line 3, each indented by four spaces so that it starts at column 5.
pub(super) fn xml(root: &str, lines: &[&str]) -> String {
    let mut text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
    );
    for line in lines {
        text.push_str(&format!("    {line}\n"));
    }
    text.push_str(&format!("</{root}>\n"));
    text
}

/// An object file at its usual path.
pub(super) fn object(name: &str, lines: &[&str]) -> (String, String) {
    (format!("{OBJECTS}/{name}/{name}.object-meta.xml"), xml("CustomObject", lines))
}

/// A field file at its usual path: `<fullName>` on line 3, `<type>` on line 4, then `extra`.
pub(super) fn field(object: &str, name: &str, ty: &str, extra: &[&str]) -> (String, String) {
    let full_name = format!("<fullName>{name}</fullName>");
    let ty = format!("<type>{ty}</type>");
    let mut lines = vec![full_name.as_str(), ty.as_str()];
    lines.extend_from_slice(extra);
    (format!("{OBJECTS}/{object}/fields/{name}.field-meta.xml"), xml("CustomField", &lines))
}

pub(super) const TEXT_NAME: &str = "<nameField><label>Name</label><type>Text</type></nameField>";

/// The standard schema with `files` loaded, and the errors.
pub(super) fn load(files: &[(String, String)]) -> (Schema, Vec<MetadataError>) {
    let mut schema = Schema::standard();
    let files: Vec<ObjectFile> = files.iter().map(|(path, text)| ObjectFile { path, text }).collect();
    let errors = schema.load_objects(&files);
    (schema, errors)
}

/// Loads `files`, which must load without errors.
fn load_clean(files: &[(String, String)]) -> Schema {
    let (schema, errors) = load(files);
    assert_eq!(errors, [], "no errors expected");
    schema
}

fn field_of<'s>(schema: &'s Schema, object: &str, field: &str) -> &'s FieldSchema {
    let object = schema.object(object).unwrap_or_else(|| panic!("object {object}"));
    object.field(field).unwrap_or_else(|| panic!("field {field}"))
}

fn reference(to: &str, relationship: &str) -> FieldType {
    FieldType::Reference { to: vec![to.into()], relationship: relationship.into() }
}

/// The one error of loading `files`, as `(line, column, message)`, checking it names `path`.
pub(super) fn only_error(files: &[(String, String)], path: &str) -> (u32, u32, String) {
    let (_, errors) = load(files);
    let [error] = &errors[..] else { panic!("one error expected: {errors:?}") };
    assert_eq!(error.path, path);
    (error.line, error.column, error.message.clone())
}

#[test]
fn a_custom_object_with_an_auto_number_name() {
    let auto = "<nameField><displayFormat>TK-{0000}</displayFormat><type>AutoNumber</type></nameField>";
    let schema =
        load_clean(&[object("Ticket__c", &["<label>Ticket</label>", auto, "<sharingModel>ReadWrite</sharingModel>"])]);
    let ticket = schema.object("ticket__c").unwrap();
    assert_eq!((ticket.name.as_str(), ticket.key_prefix.as_str(), ticket.custom), ("Ticket__c", "a00", true));
    let name = ticket.field("Name").unwrap();
    assert_eq!((&name.ty, name.system, name.required), (&FieldType::String, true, false));
    assert_eq!(name.auto_number.as_deref(), Some("TK-{0000}"));
    assert_eq!(ticket.field("OwnerId").unwrap().ty, reference("User", "Owner"));
    assert_eq!(ticket.relationship("Owner").unwrap().name, "OwnerId");
    for system in
        ["Id", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsDeleted"]
    {
        assert!(ticket.field(system).unwrap().system, "{system} is the platform's");
    }
    assert_eq!(schema.next_custom_prefix(), "a01");
}

#[test]
fn a_text_name_is_required_and_writable() {
    let schema = load_clean(&[object("Invoice__c", &[TEXT_NAME])]);
    let name = field_of(&schema, "Invoice__c", "Name");
    assert_eq!(
        (&name.ty, name.system, name.required, name.auto_number.as_deref()),
        (&FieldType::String, false, true, None)
    );
}

#[test]
fn a_master_detail_child_has_no_owner_and_its_parent_lists_it() {
    // The child's field comes first and the child object before its parent.
    let schema = load_clean(&[
        field(
            "Line__c",
            "Invoice__c",
            "MasterDetail",
            &["<referenceTo>Invoice__c</referenceTo>", "<relationshipName>Lines</relationshipName>"],
        ),
        object("Line__c", &[TEXT_NAME, "<sharingModel>ControlledByParent</sharingModel>"]),
        object("Invoice__c", &[TEXT_NAME]),
    ]);
    let line = schema.object("Line__c").unwrap();
    assert!(line.field("OwnerId").is_none());
    let master = line.field("Invoice__c").unwrap();
    assert_eq!((&master.ty, master.required), (&reference("Invoice__c", "Invoice__r"), true));
    assert_eq!(line.relationship("Invoice__r").unwrap().name, "Invoice__c");
    let invoice = schema.object("Invoice__c").unwrap();
    let lines = ChildRelationship { name: "Lines__r".into(), child: "Line__c".into(), field: "Invoice__c".into() };
    assert_eq!(invoice.child("lines__r"), Some(&lines));
    assert_eq!((invoice.key_prefix.as_str(), line.key_prefix.as_str()), ("a01", "a00"));
}

#[test]
fn a_lookup_to_a_standard_object_takes_its_spelling() {
    let schema = load_clean(&[
        object("Invoice__c", &[TEXT_NAME]),
        field(
            "Invoice__c",
            "Customer__c",
            "Lookup",
            &["<referenceTo>account</referenceTo>", "<relationshipName>Invoices</relationshipName>"],
        ),
    ]);
    let customer = field_of(&schema, "Invoice__c", "Customer__c");
    assert_eq!((&customer.ty, customer.required), (&reference("Account", "Customer__r"), false));
    let account = schema.object("Account").unwrap();
    assert_eq!(
        account.child("Invoices__r").map(|c| (c.child.as_str(), c.field.as_str())),
        Some(("Invoice__c", "Customer__c"))
    );
    assert_eq!(account.child("Contacts").unwrap().child, "Contact", "standard relationships stay");
}

#[test]
fn a_field_on_account_joins_the_built_in_fields() {
    let schema = load_clean(&[
        object("Account", &["<sharingModel>Private</sharingModel>", "<enableHistory>true</enableHistory>"]),
        field("Account", "Tier__c", "Picklist", &[]),
        // Standard fields: one that only tracks history, one whose type the schema already knows.
        (
            format!("{OBJECTS}/Account/fields/Industry.field-meta.xml"),
            xml("CustomField", &["<fullName>Industry</fullName>"]),
        ),
        field("Account", "Name", "Text", &["<required>false</required>"]),
    ]);
    let account = schema.object("Account").unwrap();
    assert_eq!((account.key_prefix.as_str(), account.custom), ("001", false));
    assert_eq!(account.field("Tier__c").unwrap().ty, FieldType::Picklist);
    assert_eq!(account.field("Industry").unwrap().ty, FieldType::Picklist);
    assert!(account.field("Name").unwrap().required, "the built-in Name is kept");
    assert_eq!(schema.next_custom_prefix(), "a00", "no object was added");
}

#[test]
fn an_unknown_standard_object_is_created_for_its_fields() {
    let schema = load_clean(&[
        object("Asset", &["<sharingModel>ReadWrite</sharingModel>"]),
        field("Asset", "Serial__c", "Text", &[]),
        field("WorkOrder", "Asset__c", "Lookup", &["<referenceTo>Asset</referenceTo>"]),
    ]);
    let asset = schema.object("Asset").unwrap();
    assert_eq!((asset.key_prefix.as_str(), asset.custom), ("a00", false));
    assert!(asset.field("Serial__c").is_some() && asset.field("OwnerId").is_some());
    assert!(asset.field("Name").is_none(), "no <nameField>, no Name");
    let work_order = schema.object("WorkOrder").unwrap();
    assert_eq!((work_order.key_prefix.as_str(), work_order.custom), ("a01", false));
    assert_eq!(work_order.field("Asset__c").unwrap().ty, reference("Asset", "Asset__r"));
}

#[test]
fn a_formula_field_keeps_its_return_type_and_is_not_writable() {
    let schema = load_clean(&[
        object("Invoice__c", &[TEXT_NAME]),
        field(
            "Invoice__c",
            "Margin__c",
            "Percent",
            &["<formula>Profit__c / Total__c</formula>", "<required>true</required>"],
        ),
    ]);
    let margin = field_of(&schema, "Invoice__c", "Margin__c");
    assert_eq!((&margin.ty, margin.system, margin.required), (&FieldType::Percent, true, false));
}

#[test]
fn required_and_external_id_flags() {
    let schema = load_clean(&[
        object("Invoice__c", &[TEXT_NAME]),
        field("Invoice__c", "Code__c", "Text", &["<externalId>true</externalId>", "<required>true</required>"]),
        field(
            "Invoice__c",
            "Paid__c",
            "Checkbox",
            &["<required>true</required>", "<defaultValue>false</defaultValue>"],
        ),
        field("Invoice__c", "Note__c", "Text", &["<externalId>false</externalId>", "<required>false</required>"]),
    ]);
    let flags = |name: &str| {
        let field = field_of(&schema, "Invoice__c", name);
        (field.required, field.external_id, field.system)
    };
    assert_eq!(flags("Code__c"), (true, true, false));
    assert_eq!(flags("Paid__c"), (false, false, false), "a checkbox is never required");
    assert_eq!(flags("Note__c"), (false, false, false));
}

#[test]
fn each_field_type_maps_to_its_describe_type() {
    let types = [
        ("Text", "string"),
        ("EncryptedText", "string"),
        ("TextArea", "textarea"),
        ("LongTextArea", "textarea"),
        ("Html", "textarea"),
        ("Email", "email"),
        ("Phone", "phone"),
        ("Url", "url"),
        ("Picklist", "picklist"),
        ("MultiselectPicklist", "multipicklist"),
        ("Checkbox", "boolean"),
        ("Number", "double"),
        ("Currency", "currency"),
        ("Percent", "percent"),
        ("Date", "date"),
        ("DateTime", "datetime"),
        ("Time", "time"),
        ("MetadataRelationship", "string"),
        ("ExternalLookup", "string"),
        ("IndirectLookup", "string"),
        ("Summary", "double"),
    ];
    let mut files = vec![object("Invoice__c", &[TEXT_NAME])];
    files.extend(types.iter().map(|(ty, _)| field("Invoice__c", &format!("F{ty}__c"), ty, &[])));
    files.push(field("Invoice__c", "Place__c", "Location", &["<scale>5</scale>"]));
    files.push(field("Invoice__c", "Seq__c", "AutoNumber", &["<displayFormat>{000}</displayFormat>"]));
    let schema = load_clean(&files);
    for (ty, describe) in types {
        assert_eq!(field_of(&schema, "Invoice__c", &format!("F{ty}__c")).ty.describe_name(), describe, "{ty}");
    }
    assert!(field_of(&schema, "Invoice__c", "FSummary__c").system);
    assert!(schema.object("Invoice__c").unwrap().field("Place__c").is_none(), "compound fields are skipped");
    let seq = field_of(&schema, "Invoice__c", "Seq__c");
    assert_eq!((&seq.ty, seq.system, seq.auto_number.as_deref()), (&FieldType::String, true, Some("{000}")));
}

#[test]
fn a_hierarchy_field_points_at_users() {
    let schema =
        load_clean(&[field("User", "Mentor__c", "Hierarchy", &["<relationshipName>Mentees</relationshipName>"])]);
    assert_eq!(field_of(&schema, "User", "Mentor__c").ty, reference("User", "Mentor__r"));
    assert_eq!(schema.object("User").unwrap().child("Mentees__r").unwrap().field, "Mentor__c");
}

#[test]
fn custom_metadata_types_and_platform_events_have_their_own_fields_and_prefixes() {
    let schema = load_clean(&[
        object("Setting__mdt", &["<label>Setting</label>", "<visibility>Public</visibility>"]),
        field("Setting__mdt", "Value__c", "Text", &[]),
        object("Order_Placed__e", &["<eventType>HighVolume</eventType>"]),
        field("Order_Placed__e", "Total__c", "Number", &["<required>true</required>"]),
    ]);
    let setting = schema.object("Setting__mdt").unwrap();
    assert_eq!((setting.key_prefix.as_str(), setting.custom), ("m00", true));
    for name in ["DeveloperName", "MasterLabel", "Label", "QualifiedApiName", "NamespacePrefix", "Value__c"] {
        assert_eq!(setting.field(name).unwrap().ty, FieldType::String, "{name}");
    }
    assert_eq!(setting.field("Language").unwrap().ty, FieldType::Picklist);
    assert!(setting.field("OwnerId").is_none() && setting.field("Name").is_none());
    let event = schema.object("Order_Placed__e").unwrap();
    assert_eq!(event.key_prefix, "e00");
    assert!(event.field("ReplayId").unwrap().system && event.field("EventUuid").unwrap().system);
    assert!(event.field("Total__c").unwrap().required);
    assert!(event.field("OwnerId").is_none());
    assert_eq!(schema.next_custom_prefix(), "a00");
}

#[test]
fn field_names_keep_the_spelling_of_full_name() {
    let (path, _) = field("Invoice__c", "total__c", "Currency", &[]);
    let text = xml("CustomField", &["<fullName>Invoice__c.Total__C</fullName>", "<type>Currency</type>"]);
    let no_full_name = xml("CustomField", &["<type>Date</type>"]);
    let schema = load_clean(&[
        object("Invoice__c", &[TEXT_NAME]),
        (path, text),
        (format!("{OBJECTS}/Invoice__c/fields/Due__c.field-meta.xml"), no_full_name),
    ]);
    let names: Vec<&str> = schema.object("Invoice__c").unwrap().fields().iter().map(|f| f.name.as_str()).collect();
    assert!(names.ends_with(&["Total__C", "Due__c"]), "{names:?}");
}

#[test]
fn other_files_are_ignored_and_a_second_load_keeps_what_the_first_made() {
    let mut schema = Schema::standard();
    let (object_path, object_text) = object("Invoice__c", &[TEXT_NAME]);
    let (field_path, field_text) = field("Invoice__c", "Total__c", "Currency", &[]);
    let list_view = ObjectFile { path: "objects/Invoice__c/listViews/All.listView-meta.xml", text: "<ListView" };
    let first = [ObjectFile { path: &object_path, text: &object_text }, list_view];
    assert_eq!(schema.load_objects(&first), []);
    let second =
        [ObjectFile { path: &object_path, text: &object_text }, ObjectFile { path: &field_path, text: &field_text }];
    assert_eq!(schema.load_objects(&second), []);
    let invoice = schema.object("Invoice__c").unwrap();
    assert_eq!(invoice.key_prefix, "a00");
    assert!(invoice.field("Total__c").is_some());
}
