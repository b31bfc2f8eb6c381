//! Unit tests of the record store.

use super::*;

fn stamp_user() -> Id {
    Id::parse("005000000000001").unwrap()
}

fn store() -> Store {
    Store::in_memory(Schema::standard()).unwrap()
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

#[test]
fn an_insert_gets_an_id_audit_fields_and_an_owner() {
    let mut store = store();
    let user = stamp_user();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let id = store
        .insert("account", &[("name".into(), text("Acme")), ("NumberOfEmployees".into(), FieldValue::Int(5))], &stamp)
        .unwrap();
    assert_eq!(id.prefix(), "001");
    let record = store.get("Account", &id, false).unwrap().unwrap();
    assert_eq!(record.get("Name"), Some(&text("Acme")));
    assert_eq!(record.get("numberofemployees"), Some(&FieldValue::Int(5)));
    assert_eq!(record.get("OwnerId"), Some(&text(user.as_str())));
    assert_eq!(record.get("CreatedDate"), Some(&text("2024-03-05T14:07:00.000Z")));
    assert_eq!(record.get("IsDeleted"), Some(&FieldValue::Bool(false)));
    assert_eq!(record.get("Phone"), Some(&FieldValue::Null));
}

#[test]
fn inserts_are_checked_against_the_schema() {
    let mut store = store();
    let user = stamp_user();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let missing = store.insert("Opportunity", &[("Name".into(), text("Deal"))], &stamp).unwrap_err();
    assert_eq!(missing.code, "REQUIRED_FIELD_MISSING");
    assert_eq!(missing.message, "Required fields are missing: [StageName, CloseDate]");
    let unknown =
        store.insert("Account", &[("Name".into(), text("x")), ("Colour".into(), text("red"))], &stamp).unwrap_err();
    assert_eq!(
        (unknown.code, unknown.message.as_str()),
        ("INVALID_FIELD", "No such column 'Colour' on sobject of type Account")
    );
    let system =
        store.insert("Account", &[("Name".into(), text("x")), ("CreatedDate".into(), text("y"))], &stamp).unwrap_err();
    assert_eq!(system.code, "INVALID_FIELD_FOR_INSERT_UPDATE");
    let no_type = store.insert("Gadget__c", &[], &stamp).unwrap_err();
    assert_eq!(no_type.message, "sObject type 'Gadget__c' is not supported.");
}

#[test]
fn update_delete_undelete_and_savepoints() {
    let mut store = store();
    let user = stamp_user();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let id = store.insert("Contact", &[("LastName".into(), text("Lovelace"))], &stamp).unwrap();
    let later = Stamp { user: &user, now: "2024-03-06T09:00:00.000Z" };
    store.update("Contact", &id, &[("Email".into(), text("ada@example.com"))], &later).unwrap();
    let record = store.get("Contact", &id, false).unwrap().unwrap();
    assert_eq!(record.get("Email"), Some(&text("ada@example.com")));
    assert_eq!(record.get("LastModifiedDate"), Some(&text("2024-03-06T09:00:00.000Z")));
    store.savepoint("sp").unwrap();
    store.delete("Contact", &id).unwrap();
    assert!(store.get("Contact", &id, false).unwrap().is_none());
    assert_eq!(store.update("Contact", &id, &[], &later).unwrap_err().code, "ENTITY_IS_DELETED");
    store.rollback_to("sp").unwrap();
    assert!(store.get("Contact", &id, false).unwrap().is_some());
    store.delete("Contact", &id).unwrap();
    store.undelete("Contact", &id).unwrap();
    assert!(store.get("Contact", &id, false).unwrap().is_some());
    let stranger = Id::parse("003000000000099").unwrap();
    assert_eq!(store.delete("Contact", &stranger).unwrap_err().code, "INVALID_CROSS_REFERENCE_KEY");
}

#[test]
fn a_file_store_keeps_its_records_and_keeps_minting_new_ids() {
    let path = std::env::temp_dir().join(format!("apex-data-test-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let user = stamp_user();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let first = {
        let mut store = Store::open(&path, Schema::standard()).unwrap();
        store.insert("Account", &[("Name".into(), text("One"))], &stamp).unwrap()
    };
    let mut store = Store::open(&path, Schema::standard()).unwrap();
    assert!(store.get("Account", &first, false).unwrap().is_some());
    let second = store.insert("Account", &[("Name".into(), text("Two"))], &stamp).unwrap();
    assert!(second > first);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn rolling_back_past_a_table_creation_forgets_the_table() {
    let mut store = store();
    let user = stamp_user();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    store.savepoint("before").unwrap();
    let id = store.insert("Lead", &[("LastName".into(), text("X")), ("Company".into(), text("Y"))], &stamp).unwrap();
    store.rollback_to("before").unwrap();
    assert!(store.get("Lead", &id, true).unwrap().is_none(), "the table is made again, empty");
    store.insert("Lead", &[("LastName".into(), text("X")), ("Company".into(), text("Y"))], &stamp).unwrap();
}

#[test]
fn blank_text_is_null_and_a_required_field_may_not_be_blanked() {
    let mut store = store();
    let user = stamp_user();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let blank = store.insert("Account", &[("Name".into(), text(""))], &stamp).unwrap_err();
    assert_eq!((blank.code, blank.fields), ("REQUIRED_FIELD_MISSING", vec!["Name".to_string()]));
    let fields = [("Name".into(), text("Acme")), ("Phone".into(), text(""))];
    let id = store.insert("Account", &fields, &stamp).unwrap();
    assert_eq!(store.get("Account", &id, false).unwrap().unwrap().get("Phone"), Some(&FieldValue::Null));
    let cleared = store.update("Account", &id, &[("Name".into(), FieldValue::Null)], &stamp).unwrap_err();
    assert_eq!(cleared.message, "Required fields are missing: [Name]");
    store.update("Account", &id, &[("Phone".into(), text("555"))], &stamp).unwrap();
}
