//! Endpoint forms and URL joining (callouts.md §2.1, §2.2): paths, query strings, trailing
//! slashes, namespaced names, and malformed `callout:` URLs.

use apex_credentials::CallingUser;

use super::support::{user, Project};

/// Legacy anonymous named credentials, one per base URL shape.
fn project() -> Project {
    let nc = |url: &str| format!("    <label>X</label>\n    <endpoint>{url}</endpoint>\n");
    Project::new()
        .named("Plain", &nc("https://api.example.com"))
        .named("Slash", &nc("https://api.example.com/"))
        .named("With_Path", &nc("https://api.example.com/services/data/"))
        .named("With_Query", &nc("https://api.example.com/api?key=abc"))
        .named("acme__Billing", &nc("https://billing.example.com"))
        .named("Local", &nc("https://local.example.com"))
}

fn url(endpoint: &str) -> String {
    project().credentials().resolve(endpoint, &user(&[])).map(|r| r.url).unwrap_or_else(|e| e.message)
}

#[test]
fn the_suffix_follows_the_base_url_with_one_slash() {
    assert_eq!(url("callout:Plain"), "https://api.example.com");
    assert_eq!(url("callout:Plain/v1/items"), "https://api.example.com/v1/items");
    assert_eq!(url("callout:Slash/v1/items"), "https://api.example.com/v1/items");
    assert_eq!(url("callout:Slash"), "https://api.example.com/");
    assert_eq!(url("callout:With_Path/v60.0/limits"), "https://api.example.com/services/data/v60.0/limits");
    assert_eq!(url("callout:Plain/v1/items/"), "https://api.example.com/v1/items/");
}

#[test]
fn query_strings_are_kept_and_merged() {
    assert_eq!(url("callout:Plain?format=json"), "https://api.example.com?format=json");
    assert_eq!(url("callout:Plain/v1?format=json&x=/y"), "https://api.example.com/v1?format=json&x=/y");
    assert_eq!(url("callout:With_Query/v1"), "https://api.example.com/api/v1?key=abc");
    let credentials = project().credentials();
    let resolved = credentials.resolve("callout:With_Query/v1?format=json", &user(&[])).unwrap();
    assert_eq!(resolved.url, "https://api.example.com/api/v1?key=abc&format=json");
    assert_eq!(resolved.warnings.len(), 1, "merging two queries is unconfirmed, so it is traced");
}

#[test]
fn names_match_without_regard_to_case() {
    assert_eq!(url("callout:PLAIN/x"), "https://api.example.com/x");
    assert_eq!(url("Callout:plain/x"), "https://api.example.com/x");
}

#[test]
fn namespaced_names() {
    assert_eq!(url("callout:acme__Billing/v1"), "https://billing.example.com/v1");
    let mut credentials = project().credentials();
    let missing = credentials.resolve("callout:acme__Local/v1", &user(&[])).unwrap_err();
    assert!(missing.message.contains("\"acme__Local\" might not exist"), "{}", missing.message);
    credentials.set_namespace(Some("acme"));
    assert_eq!(credentials.resolve("callout:acme__Local/v1", &user(&[])).unwrap().url, "https://local.example.com/v1");
    assert_eq!(credentials.resolve("callout:Local/v1", &user(&[])).unwrap().url, "https://local.example.com/v1");
}

#[test]
fn malformed_named_urls() {
    for endpoint in
        ["callout:.__Plain/x", "callout:", "callout:/v1", "callout:?q=1", "callout:__Plain", "callout:Pl ain"]
    {
        assert_eq!(url(endpoint), format!("The named callout URL: '{endpoint}' is malformed"));
    }
}

#[test]
fn merge_fields_are_not_resolved_in_endpoints() {
    assert_eq!(url("callout:Plain/{!$Credential.Username}"), "https://api.example.com/{!$Credential.Username}");
    let error = project().credentials().resolve("callout:{!x}", &CallingUser::default()).unwrap_err();
    assert_eq!(error.message, "The named callout URL: 'callout:{!x}' is malformed");
}
