//! Injected failures: tokens used up after N calls, the daily API allowance, random 503s.

mod common;

use apex_org::{Faults, OrgConfig};
use common::{call, json, login, org};

const LIMITS: &str = "/services/data/v59.0/limits";

#[test]
fn a_token_expires_after_its_calls_and_a_new_login_works_again() {
    let faults = Faults { expire_after_calls: Some(2), ..Faults::default() };
    let mut org = org(OrgConfig { faults, ..OrgConfig::default() });
    let token = login(&mut org);
    assert_eq!(call(&mut org, &token, "GET", LIMITS, None).status, 200);
    assert_eq!(call(&mut org, &token, "GET", LIMITS, None).status, 200);
    let third = call(&mut org, &token, "GET", LIMITS, None);
    assert_eq!((third.status, json(&third)[0]["errorCode"].as_str()), (401, Some("INVALID_SESSION_ID")));
    let fresh = login(&mut org);
    assert_eq!(call(&mut org, &fresh, "GET", LIMITS, None).status, 200);
}

#[test]
fn past_the_daily_allowance_rest_answers_request_limit_exceeded() {
    let mut org = org(OrgConfig { daily_api_requests: 2, ..OrgConfig::default() });
    let token = login(&mut org);
    call(&mut org, &token, "GET", LIMITS, None);
    let second = json(&call(&mut org, &token, "GET", LIMITS, None));
    assert_eq!(second["DailyApiRequests"]["Remaining"], 0);
    let third = call(&mut org, &token, "GET", LIMITS, None);
    assert_eq!(third.status, 403);
    assert_eq!(json(&third)[0]["message"], "TotalRequests Limit exceeded.");
}

#[test]
fn an_error_rate_answers_that_share_of_calls_with_503() {
    let faults = Faults { error_rate: 0.5, ..Faults::default() };
    let mut org = org(OrgConfig { faults, ..OrgConfig::default() });
    let token = login(&mut org);
    let statuses: Vec<u16> = (0..200).map(|_| call(&mut org, &token, "GET", LIMITS, None).status).collect();
    let failed = statuses.iter().filter(|s| **s == 503).count();
    assert!((60..=140).contains(&failed), "{failed} of 200 failed");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 503));
    let always = Faults { error_rate: 1.0, ..Faults::default() };
    let mut broken = common::org(OrgConfig { faults: always, ..OrgConfig::default() });
    let token = login(&mut broken);
    let answer = call(&mut broken, &token, "GET", LIMITS, None);
    assert_eq!(json(&answer)[0]["errorCode"], "SERVER_UNAVAILABLE");
}
