//! Composite (`POST /composite`): subrequests through the REST routes, references to earlier
//! answers, allOrNone rollback with PROCESSING_HALTED, and the request-level refusals.

mod common;

use apex_org::OrgConfig;
use common::{call, json, login, org};
use serde_json::{json, Value};

const V: &str = "/services/data/v59.0";

/// Posts a composite request and returns its `compositeResponse`.
fn composite(org: &mut apex_org::Org, token: &str, body: Value) -> Vec<Value> {
    let answer = call(org, token, "POST", &format!("{V}/composite"), Some(body));
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    json(&answer)["compositeResponse"].as_array().unwrap().clone()
}

fn count(org: &mut apex_org::Org, token: &str, object: &str) -> u64 {
    let answer = call(org, token, "GET", &format!("{V}/query?q=SELECT+COUNT()+FROM+{object}"), None);
    json(&answer)["totalSize"].as_u64().unwrap()
}

#[test]
fn later_subrequests_use_earlier_answers() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let results = composite(
        &mut org,
        &token,
        json!({"allOrNone": true, "collateSubrequests": false, "compositeRequest": [
            {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "refAccount", "body": {"Name": "Acme"}},
            {"method": "POST", "url": format!("{V}/sobjects/Contact"), "referenceId": "refContact",
             "body": {"LastName": "Lovelace", "AccountId": "@{refAccount.id}"}},
            {"method": "GET", "url": format!("{V}/query?q=SELECT+Id,+AccountId+FROM+Contact+WHERE+AccountId+=+'@{{refAccount.id}}'"), "referenceId": "refQuery"},
            {"method": "GET", "url": format!("{V}/sobjects/Account/@{{refQuery.records[0].AccountId}}?fields=Name"), "referenceId": "refRead"},
            {"method": "PATCH", "url": format!("{V}/sobjects/Account/@{{refAccount.id}}"), "referenceId": "refUpdate",
             "body": {"Name": "Acme @{refRead.Name}"}}
        ]}),
    );
    let account = results[0]["body"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        results[0],
        json!({"body": {"id": account, "success": true, "errors": []},
               "httpHeaders": {"Location": format!("{V}/sobjects/Account/{account}")},
               "httpStatusCode": 201, "referenceId": "refAccount"})
    );
    assert_eq!(results[1]["httpStatusCode"], 201);
    assert_eq!((results[2]["httpStatusCode"].as_u64(), results[2]["body"]["totalSize"].as_u64()), (Some(200), Some(1)));
    assert_eq!(results[2]["body"]["records"][0]["AccountId"], account.as_str());
    assert_eq!((results[3]["body"]["Name"].as_str(), results[3]["httpHeaders"].clone()), (Some("Acme"), json!({})));
    assert_eq!(results[4], json!({"body": null, "httpHeaders": {}, "httpStatusCode": 204, "referenceId": "refUpdate"}));
    let read = json(&call(&mut org, &token, "GET", &format!("{V}/sobjects/Account/{account}"), None));
    assert_eq!(read["Name"], "Acme Acme");
}

#[test]
fn all_or_none_rolls_back_and_halts_the_others() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let results = composite(
        &mut org,
        &token,
        json!({"allOrNone": true, "compositeRequest": [
            {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "NewAccount", "body": {"Name": "Acme"}},
            {"method": "POST", "url": format!("{V}/sobjects/Opportunity"), "referenceId": "NewDeal", "body": {"Name": "Deal"}},
            {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "Later", "body": {"Name": "Never"}}
        ]}),
    );
    let halted = json!([{"errorCode": "PROCESSING_HALTED",
        "message": "The transaction was rolled back since another operation in the same transaction failed."}]);
    for (i, reference) in [(0, "NewAccount"), (2, "Later")] {
        assert_eq!(
            results[i],
            json!({"body": halted, "httpHeaders": {}, "httpStatusCode": 400, "referenceId": reference})
        );
    }
    assert_eq!(results[1]["httpStatusCode"], 400);
    assert_eq!(results[1]["body"][0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(count(&mut org, &token, "Account"), 0, "the first account was rolled back");
}

#[test]
fn without_all_or_none_only_dependent_subrequests_fail() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let results = composite(
        &mut org,
        &token,
        json!({"compositeRequest": [
            {"method": "POST", "url": format!("{V}/sobjects/Opportunity"), "referenceId": "badDeal", "body": {"Name": "Deal"}},
            {"method": "POST", "url": format!("{V}/sobjects/Contact"), "referenceId": "dependent",
             "body": {"LastName": "X", "AccountId": "@{badDeal.id}"}},
            {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "independent", "body": {"Name": "Kept"}}
        ]}),
    );
    assert_eq!(results[0]["body"][0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(
        results[1]["body"],
        json!([{"errorCode": "PROCESSING_HALTED", "message": "Invalid reference specified. No value for badDeal.id found in badDeal. Provided referenceId ('badDeal.id') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_')."}])
    );
    assert_eq!(results[1]["httpStatusCode"], 400);
    assert_eq!(results[2]["httpStatusCode"], 201);
    assert_eq!(count(&mut org, &token, "Account"), 1);
}

#[test]
fn an_unresolvable_reference_with_all_or_none_undoes_everything() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let results = composite(
        &mut org,
        &token,
        json!({"allOrNone": true, "compositeRequest": [
            {"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": "refAccount", "body": {"Name": "Acme"}},
            {"method": "GET", "url": format!("{V}/sobjects/Account/@{{refAccount.Id}}"), "referenceId": "wrongCase"}
        ]}),
    );
    assert_eq!(results[0]["body"][0]["errorCode"], "PROCESSING_HALTED");
    let message = results[1]["body"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Invalid reference specified. No value for refAccount.Id found in refAccount."),
        "{message}"
    );
    assert_eq!(count(&mut org, &token, "Account"), 0);
}

#[test]
fn subrequests_reach_collections_and_queries_but_nothing_else() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let results = composite(
        &mut org,
        &token,
        json!({"compositeRequest": [
            {"method": "POST", "url": format!("{V}/composite/sobjects"), "referenceId": "many",
             "body": {"records": [{"attributes": {"type": "Account"}, "Name": "A"}, {"attributes": {"type": "Account"}, "Name": "B"}]}},
            {"method": "GET", "url": format!("{V}/queryAll?q=SELECT+Name+FROM+Account+ORDER+BY+Name"), "referenceId": "all"},
            {"method": "GET", "url": format!("{V}/limits"), "referenceId": "limits"},
            {"method": "POST", "url": format!("{V}/composite"), "referenceId": "nested", "body": {"compositeRequest": []}},
            {"method": "GET", "url": "/services/oauth2/userinfo", "referenceId": "elsewhere"}
        ]}),
    );
    assert_eq!(results[0]["body"][1]["success"], true);
    assert_eq!(results[1]["body"]["records"][1]["Name"], "B");
    for result in &results[2..] {
        assert_eq!(
            (result["httpStatusCode"].as_u64(), result["body"][0]["errorCode"].as_str()),
            (Some(404), Some("NOT_FOUND"))
        );
    }
}

#[test]
fn malformed_composite_requests_are_refused_whole() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let refuse = |org: &mut apex_org::Org, body: Value| {
        let answer = call(org, &token, "POST", &format!("{V}/composite"), Some(body));
        assert_eq!(answer.status, 400);
        json(&answer)[0].clone()
    };
    let get = |i: usize| json!({"method": "GET", "url": format!("{V}/limits"), "referenceId": format!("r{i}")});
    let too_many = refuse(&mut org, json!({"compositeRequest": (0..26).map(get).collect::<Vec<_>>()}));
    assert_eq!(too_many["errorCode"], "LIMIT_EXCEEDED");
    assert_eq!(too_many["message"], "A composite request has at most 25 subrequests; this one has 26.");
    let bad_reference = refuse(
        &mut org,
        json!({"compositeRequest": [{"method": "GET", "url": format!("{V}/limits"), "referenceId": "refNewAccount[1]"}]}),
    );
    assert_eq!(
        bad_reference,
        json!({"message": "Provided referenceId ('refNewAccount[1]') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').", "errorCode": "JSON_PARSER_ERROR"})
    );
    let no_url = refuse(&mut org, json!({"compositeRequest": [{"method": "GET", "referenceId": "a"}]}));
    assert_eq!(no_url["message"], "Subrequest 0 of compositeRequest has no url.");
    let header = refuse(
        &mut org,
        json!({"compositeRequest": [{"method": "GET", "url": format!("{V}/limits"), "referenceId": "a", "httpHeaders": {"Authorization": "Bearer x"}}]}),
    );
    assert_eq!(header["errorCode"], "INVALID_API_INPUT");
    assert_eq!(refuse(&mut org, json!({"allOrNone": true}))["errorCode"], "JSON_PARSER_ERROR");
    let wrong_method = call(&mut org, &token, "GET", &format!("{V}/composite"), None);
    assert_eq!(wrong_method.status, 405);
    assert_eq!(count(&mut org, &token, "Account"), 0);
}

#[test]
fn twenty_five_subrequests_are_allowed_and_count_as_one_api_request() {
    let mut org = org(OrgConfig::default());
    let token = login(&mut org);
    let creates: Vec<Value> = (0..25)
        .map(|i| json!({"method": "POST", "url": format!("{V}/sobjects/Account"), "referenceId": format!("a{i}"), "body": {"Name": format!("A{i}")}}))
        .collect();
    let answer = call(&mut org, &token, "POST", &format!("{V}/composite"), Some(json!({"compositeRequest": creates})));
    assert_eq!(answer.header("Sforce-Limit-Info"), Some("api-usage=1/15000"));
    assert_eq!(json(&answer)["compositeResponse"].as_array().unwrap().len(), 25);
    assert_eq!(count(&mut org, &token, "Account"), 25);
}
