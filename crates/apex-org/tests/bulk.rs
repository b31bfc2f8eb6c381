//! Records by external Id, sObject Collections and SOSL search over REST.

mod common;

use apex_data::schema::{FieldSchema, FieldType};
use apex_data::Schema;
use apex_org::OrgConfig;
use common::{call, json, login, org, org_with};
use serde_json::json;

const V: &str = "/services/data/v59.0";

fn with_code_field() -> apex_org::Org {
    let mut schema = Schema::standard();
    let code = FieldSchema { external_id: true, ..FieldSchema::new("Code__c", FieldType::String) };
    schema.object_mut("Account").unwrap().add_field(code);
    org_with(OrgConfig::default(), schema)
}

#[test]
fn upsert_by_external_id_creates_then_updates_and_reads_back() {
    let mut org = with_code_field();
    let token = login(&mut org);
    let url = format!("{V}/sobjects/Account/Code__c/A%201");
    let created = call(&mut org, &token, "PATCH", &url, Some(json!({"Name": "Acme"})));
    assert_eq!(created.status, 201);
    assert_eq!(json(&created)["created"], true);
    let updated = call(&mut org, &token, "PATCH", &url, Some(json!({"Name": "Acme Corp"})));
    assert_eq!((updated.status, json(&updated)["created"].as_bool()), (200, Some(false)));
    let old_api = call(
        &mut org,
        &token,
        "PATCH",
        "/services/data/v45.0/sobjects/Account/Code__c/A%201",
        Some(json!({"Name": "Acme Co"})),
    );
    assert_eq!(old_api.status, 204, "before API 46.0 an update answers 204");
    let read = json(&call(&mut org, &token, "GET", &url, None));
    assert_eq!((read["Name"].as_str(), read["Code__c"].as_str()), (Some("Acme Co"), Some("A 1")));
    assert_eq!(
        call(&mut org, &token, "GET", &format!("{V}/sobjects/Account/Name/Acme"), None).status,
        404,
        "Name is not an external Id"
    );
    call(&mut org, &token, "POST", &format!("{V}/sobjects/Account"), Some(json!({"Name": "Twin", "Code__c": "T"})));
    call(&mut org, &token, "POST", &format!("{V}/sobjects/Account"), Some(json!({"Name": "Twin", "Code__c": "T"})));
    let twins = call(&mut org, &token, "GET", &format!("{V}/sobjects/Account/Code__c/T"), None);
    assert_eq!((twins.status, json(&twins).as_array().map(Vec::len)), (300, Some(2)));
    assert_eq!(call(&mut org, &token, "DELETE", &url, None).status, 204);
    assert_eq!(call(&mut org, &token, "GET", &url, None).status, 404);
}

#[test]
fn collections_report_each_record_and_all_or_none_rolls_back() {
    let mut org = with_code_field();
    let token = login(&mut org);
    let records = json!({"allOrNone": false, "records": [
        {"attributes": {"type": "Account"}, "Name": "One"},
        {"attributes": {"type": "Account"}},
        {"attributes": {"type": "Contact"}, "LastName": "Two"},
    ]});
    let results = json(&call(&mut org, &token, "POST", &format!("{V}/composite/sobjects"), Some(records)));
    assert_eq!((results[0]["success"].as_bool(), results[2]["success"].as_bool()), (Some(true), Some(true)));
    assert_eq!(results[1]["errors"][0]["statusCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(results[1]["errors"][0]["fields"], json!(["Name"]));
    let atomic = json!({"allOrNone": true, "records": [
        {"attributes": {"type": "Account"}, "Name": "Three"},
        {"attributes": {"type": "Account"}},
    ]});
    let results = json(&call(&mut org, &token, "POST", &format!("{V}/composite/sobjects"), Some(atomic)));
    assert_eq!(results[0]["errors"][0]["statusCode"], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    let count = json(&call(&mut org, &token, "GET", &format!("{V}/query?q=SELECT+COUNT()+FROM+Account"), None));
    assert_eq!(count["totalSize"], 1, "Three was rolled back");
    let one = results_id(&mut org, &token, "One");
    let update = json!({"records": [{"attributes": {"type": "Account"}, "id": one, "Name": "Uno"}]});
    assert_eq!(
        json(&call(&mut org, &token, "PATCH", &format!("{V}/composite/sobjects"), Some(update)))[0]["success"],
        true
    );
    let fetched = json(&call(
        &mut org,
        &token,
        "POST",
        &format!("{V}/composite/sobjects/Account"),
        Some(json!({"ids": [one], "fields": ["Name"]})),
    ));
    assert_eq!(fetched[0]["Name"], "Uno");
    let upserts = json!({"records": [{"attributes": {"type": "Account"}, "Name": "Coded", "Code__c": "C-1"}]});
    let upserted =
        json(&call(&mut org, &token, "PATCH", &format!("{V}/composite/sobjects/Account/Code__c"), Some(upserts)));
    assert_eq!(upserted[0]["created"], true);
    let deleted = json(&call(&mut org, &token, "DELETE", &format!("{V}/composite/sobjects?ids={one},bad"), None));
    assert_eq!(
        (deleted[0]["success"].as_bool(), deleted[1]["errors"][0]["statusCode"].as_str()),
        (Some(true), Some("MALFORMED_ID"))
    );
}

fn results_id(org: &mut apex_org::Org, token: &str, name: &str) -> String {
    let found =
        json(&call(org, token, "GET", &format!("{V}/query?q=SELECT+Id+FROM+Account+WHERE+Name='{name}'"), None));
    found["records"][0]["Id"].as_str().unwrap().to_string()
}

#[test]
fn search_returns_search_records() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    call(&mut org, &token, "POST", &format!("{V}/sobjects/Account"), Some(json!({"Name": "Kansas Traders"})));
    call(&mut org, &token, "POST", &format!("{V}/sobjects/Contact"), Some(json!({"LastName": "Kane"})));
    let found = json(&call(
        &mut org,
        &token,
        "GET",
        &format!("{V}/search?q=FIND+%7Bkan*%7D+RETURNING+Account(Name),Contact(LastName)"),
        None,
    ));
    let records = found["searchRecords"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["attributes"]["type"], "Account");
    let bad = call(&mut org, &token, "GET", &format!("{V}/search?q=FIND"), None);
    assert_eq!(json(&bad)[0]["errorCode"], "MALFORMED_SEARCH");
}
