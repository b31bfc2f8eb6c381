//! The REST API over the store: versions, resources, describes, records by Id, and queries
//! with pagination, each error in the platform's envelope.

mod common;

use apex_org::{OrgConfig, Request};
use common::{call, json, login, org, NOW};
use serde_json::json;

const V: &str = "/services/data/v59.0";

#[test]
fn versions_need_no_token_and_unknown_versions_are_not_found() {
    let mut org = org(OrgConfig::default());
    let versions = json(&org.handle(&Request::new("GET", "/services/data/"), NOW));
    let list = versions.as_array().unwrap();
    assert_eq!(list.first().unwrap()["version"], "31.0");
    assert!(list.contains(&json!({"label": "Winter '24", "url": "/services/data/v59.0", "version": "59.0"})));
    let token = login(&mut org);
    let unknown = call(&mut org, &token, "GET", "/services/data/v99.0/sobjects", None);
    assert_eq!(unknown.status, 404);
    let resources = json(&call(&mut org, &token, "GET", &format!("{V}/"), None));
    assert_eq!(resources["query"], "/services/data/v59.0/query");
    assert_eq!(resources["identity"], "http://127.0.0.1:8787/id/00D000000000001EAA");
}

#[test]
fn create_read_update_delete_a_record() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let created = call(
        &mut org,
        &token,
        "POST",
        &format!("{V}/sobjects/Account/"),
        Some(json!({"Name": "Acme", "NumberOfEmployees": 12})),
    );
    assert_eq!(created.status, 201);
    let id = json(&created)["id"].as_str().unwrap().to_string();
    assert_eq!(json(&created), json!({"id": id, "success": true, "errors": []}));
    let url = format!("{V}/sobjects/Account/{id}");
    let read = json(&call(&mut org, &token, "GET", &url, None));
    assert_eq!(read["attributes"], json!({"type": "Account", "url": url}));
    assert_eq!((read["Name"].as_str(), read["NumberOfEmployees"].as_i64()), (Some("Acme"), Some(12)));
    assert_eq!(read["CreatedDate"], "2024-01-15T10:30:00.000+0000");
    assert_eq!(read["OwnerId"], "005000000000001AAA");
    let patched =
        call(&mut org, &token, "PATCH", &url, Some(json!({"attributes": {"type": "Account"}, "Name": "Acme Corp"})));
    assert_eq!(patched.status, 204);
    let some = json(&call(&mut org, &token, "GET", &format!("{url}?fields=Name"), None));
    assert_eq!(some, json!({"attributes": {"type": "Account", "url": url}, "Id": id, "Name": "Acme Corp"}));
    let override_patch = Request::new("POST", &format!("{url}?_HttpMethod=PATCH"))
        .with_header("Authorization", &format!("Bearer {token}"))
        .with_body(r#"{"Name":"Acme Old"}"#);
    assert_eq!(org.handle(&override_patch, NOW).status, 204);
    assert_eq!(call(&mut org, &token, "DELETE", &url, None).status, 204);
    let gone = call(&mut org, &token, "GET", &url, None);
    assert_eq!((gone.status, json(&gone)[0]["errorCode"].as_str()), (404, Some("NOT_FOUND")));
}

#[test]
fn record_errors_match_the_platform() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let missing = call(&mut org, &token, "POST", &format!("{V}/sobjects/Opportunity"), Some(json!({"Name": "Deal"})));
    assert_eq!(missing.status, 400);
    assert_eq!(json(&missing)[0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(json(&missing)[0]["fields"], json!(["StageName", "CloseDate"]));
    let unknown =
        call(&mut org, &token, "POST", &format!("{V}/sobjects/Account"), Some(json!({"Name": "x", "Colour": "red"})));
    assert_eq!(json(&unknown)[0]["message"], "No such column 'Colour' on sobject of type Account");
    let readonly = call(
        &mut org,
        &token,
        "POST",
        &format!("{V}/sobjects/Account"),
        Some(json!({"Name": "x", "CreatedDate": "2024-01-01T00:00:00Z"})),
    );
    assert_eq!(json(&readonly)[0]["errorCode"], "INVALID_FIELD_FOR_INSERT_UPDATE");
    let empty =
        Request::new("POST", &format!("{V}/sobjects/Account")).with_header("Authorization", &format!("Bearer {token}"));
    assert_eq!(
        json(&org.handle(&empty, NOW))[0]["message"],
        "The HTTP entity body is required, but this request has no entity body."
    );
    let not_an_id = call(&mut org, &token, "GET", &format!("{V}/sobjects/Lead/tmp_sf_123"), None);
    assert_eq!(
        json(&not_an_id)[0]["message"],
        "Provided external ID field does not exist or is not accessible: tmp_sf_123"
    );
    let wrong_method = call(&mut org, &token, "PATCH", &format!("{V}/sobjects/Account/"), Some(json!({})));
    assert_eq!(
        (wrong_method.status, json(&wrong_method)[0]["message"].as_str()),
        (405, Some("HTTP Method 'PATCH' not allowed. Allowed are HEAD,GET,POST"))
    );
    assert_eq!(call(&mut org, &token, "GET", &format!("{V}/sobjects/Gadget__c"), None).status, 404);
}

#[test]
fn queries_page_through_a_locator_and_query_all_sees_deleted_rows() {
    let config = OrgConfig { page_size: 2, ..OrgConfig::default() };
    let mut org = org(config);
    let token = login(&mut org);
    for name in ["A", "B", "C", "D", "E"] {
        call(&mut org, &token, "POST", &format!("{V}/sobjects/Account"), Some(json!({"Name": name})));
    }
    let first =
        json(&call(&mut org, &token, "GET", &format!("{V}/query/?q=SELECT+Name+FROM+Account+ORDER+BY+Name"), None));
    assert_eq!((first["totalSize"].as_u64(), first["done"].as_bool()), (Some(5), Some(false)));
    let mut names: Vec<String> =
        first["records"].as_array().unwrap().iter().map(|r| r["Name"].as_str().unwrap().to_string()).collect();
    let mut next = first["nextRecordsUrl"].as_str().map(str::to_string);
    while let Some(url) = next {
        assert!(url.starts_with("/services/data/v59.0/query/01g"), "{url}");
        let page = json(&call(&mut org, &token, "GET", &url, None));
        names.extend(page["records"].as_array().unwrap().iter().map(|r| r["Name"].as_str().unwrap().to_string()));
        next = page["nextRecordsUrl"].as_str().map(str::to_string);
    }
    assert_eq!(names, ["A", "B", "C", "D", "E"]);
    let id = json(&call(&mut org, &token, "GET", &format!("{V}/query?q=SELECT+Id+FROM+Account+WHERE+Name='A'"), None))
        ["records"][0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    call(&mut org, &token, "DELETE", &format!("{V}/sobjects/Account/{id}"), None);
    let count = json(&call(&mut org, &token, "GET", &format!("{V}/query?q=SELECT+COUNT()+FROM+Account"), None));
    assert_eq!(count, json!({"totalSize": 4, "done": true, "records": []}));
    let all = json(&call(
        &mut org,
        &token,
        "GET",
        &format!("{V}/queryAll?q=SELECT+Id,IsDeleted+FROM+Account+WHERE+Name='A'"),
        None,
    ));
    assert_eq!(all["records"][0]["IsDeleted"], true);
    let stale = call(&mut org, &token, "GET", &format!("{V}/query/01gnothing-2"), None);
    assert_eq!(json(&stale)[0]["errorCode"], "INVALID_QUERY_LOCATOR");
}

#[test]
fn query_errors_point_at_the_name_at_fault() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let field = call(&mut org, &token, "GET", &format!("{V}/query?q=SELECT+Id,+Foo__c+FROM+Lead"), None);
    assert_eq!(field.status, 400);
    let body = json(&field);
    assert_eq!(body[0]["errorCode"], "INVALID_FIELD");
    let message = body[0]["message"].as_str().unwrap();
    assert!(message.starts_with("\nSELECT Id, Foo__c FROM Lead\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Lead'."), "{message}");
    let malformed = call(&mut org, &token, "GET", &format!("{V}/query?q=SELECT+FROM"), None);
    assert_eq!(json(&malformed)[0]["errorCode"], "MALFORMED_QUERY");
}

#[test]
fn relationships_nest_and_every_answer_reports_api_usage() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let account =
        json(&call(&mut org, &token, "POST", &format!("{V}/sobjects/Account"), Some(json!({"Name": "Acme"}))))["id"]
            .clone();
    call(
        &mut org,
        &token,
        "POST",
        &format!("{V}/sobjects/Contact"),
        Some(json!({"LastName": "Lovelace", "AccountId": account})),
    );
    let answer = call(
        &mut org,
        &token,
        "GET",
        &format!("{V}/query?q=SELECT+Name,(SELECT+LastName+FROM+Contacts)+FROM+Account"),
        None,
    );
    assert_eq!(answer.header("Sforce-Limit-Info"), Some("api-usage=3/15000"), "two creates and this query");
    let record = &json(&answer)["records"][0];
    assert_eq!(record["Contacts"]["totalSize"], 1);
    assert_eq!(record["Contacts"]["records"][0]["LastName"], "Lovelace");
    let contact = json(&call(&mut org, &token, "GET", &format!("{V}/query?q=SELECT+Account.Name+FROM+Contact"), None));
    assert_eq!(contact["records"][0]["Account"]["Name"], "Acme");
    assert_eq!(contact["records"][0]["Account"]["attributes"]["type"], "Account");
}

#[test]
fn describes_list_objects_fields_and_child_relationships() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let global = json(&call(&mut org, &token, "GET", &format!("{V}/sobjects"), None));
    let account = global["sobjects"].as_array().unwrap().iter().find(|o| o["name"] == "Account").unwrap().clone();
    assert_eq!(
        (account["keyPrefix"].as_str(), account["urls"]["describe"].as_str()),
        (Some("001"), Some("/services/data/v59.0/sobjects/Account/describe"))
    );
    let describe = json(&call(&mut org, &token, "GET", &format!("{V}/sobjects/contact/describe"), None));
    assert_eq!(describe["name"], "Contact");
    let account_id = describe["fields"].as_array().unwrap().iter().find(|f| f["name"] == "AccountId").unwrap().clone();
    assert_eq!(
        (account_id["type"].as_str(), account_id["relationshipName"].as_str()),
        (Some("reference"), Some("Account"))
    );
    assert_eq!(account_id["referenceTo"], json!(["Account"]));
    let account_describe = json(&call(&mut org, &token, "GET", &format!("{V}/sobjects/Account/describe"), None));
    let contacts = account_describe["childRelationships"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["relationshipName"] == "Contacts" && c["field"] == "AccountId");
    assert!(contacts);
    let name = account_describe["fields"].as_array().unwrap().iter().find(|f| f["name"] == "Name").unwrap().clone();
    assert_eq!(
        (name["nillable"].as_bool(), name["createable"].as_bool(), name["defaultedOnCreate"].as_bool()),
        (Some(false), Some(true), Some(false))
    );
}

#[test]
fn basic_info_lists_the_recently_changed_records_newest_first() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let empty = json(&call(&mut org, &token, "GET", "/services/data/v60.0/sobjects/Account", None));
    assert_eq!(empty["recentItems"], serde_json::json!([]));
    for name in ["First", "Second"] {
        let made = call(
            &mut org,
            &token,
            "POST",
            "/services/data/v60.0/sobjects/Account",
            Some(serde_json::json!({ "Name": name })),
        );
        assert_eq!(made.status, 201);
    }
    let basic = json(&call(&mut org, &token, "GET", "/services/data/v60.0/sobjects/Account", None));
    assert_eq!(basic["objectDescribe"]["name"], "Account");
    let names: Vec<&str> =
        basic["recentItems"].as_array().unwrap().iter().map(|r| r["Name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Second", "First"]);
    assert_eq!(basic["recentItems"][0]["attributes"]["type"], "Account");
}
