//! Unit tests of the SOQL that reaches across objects or groups rows: child subqueries,
//! semi-joins and aggregates.

use super::tests::{names, run, seeded, text};
use super::*;
use crate::ids::Id;
use crate::store::Stamp;

/// The seeded store plus a second contact at Acme.
fn with_babbage() -> (Store, Vec<Id>) {
    let (mut store, ids) = seeded();
    let user = Id::parse("005000000000001").unwrap();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let fields = [("LastName".to_string(), text("Babbage")), ("AccountId".to_string(), text(ids[0].as_str()))];
    store.insert("Contact", &fields, &stamp).unwrap();
    (store, ids)
}

fn children<'r>(record: &'r Record, relationship: &str) -> Vec<&'r Record> {
    match record.get(relationship) {
        Some(FieldValue::Records(list)) => list.iter().collect(),
        other => panic!("{relationship} is {other:?}"),
    }
}

fn last_names(records: &[&Record]) -> Vec<String> {
    records.iter().map(|r| format!("{:?}", r.get("LastName").unwrap())).collect()
}

#[test]
fn child_subqueries_give_each_parent_its_own_ordered_list() {
    let (mut store, _) = with_babbage();
    let soql = "SELECT Name, (SELECT LastName FROM contacts ORDER BY LastName) FROM Account ORDER BY Name";
    let result = run(&mut store, soql, vec![]).unwrap();
    assert_eq!(names(&result), ["Acme", "acme labs", "Beta"]);
    let acme = children(&result.records[0], "Contacts");
    assert_eq!(last_names(&acme), [r#"Text("Babbage")"#, r#"Text("Lovelace")"#]);
    assert_eq!(acme[0].object, "Contact");
    assert!(children(&result.records[1], "Contacts").is_empty(), "no children is an empty list");
    let limited =
        "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC LIMIT 1) FROM Account ORDER BY Name";
    let result = run(&mut store, limited, vec![]).unwrap();
    assert_eq!(last_names(&children(&result.records[0], "Contacts")), [r#"Text("Lovelace")"#]);
    let filtered =
        "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName LIKE 'B%') FROM Account WHERE Name = 'Acme'";
    let result = run(&mut store, filtered, vec![]).unwrap();
    assert_eq!(last_names(&children(&result.records[0], "Contacts")), [r#"Text("Babbage")"#]);
}

#[test]
fn a_subquery_on_something_that_is_not_a_child_relationship_is_refused() {
    let (mut store, _) = seeded();
    let error = run(&mut store, "SELECT Name, (SELECT Id FROM Contact) FROM Account", vec![]).unwrap_err();
    assert_eq!(error.code, "MALFORMED_QUERY");
    assert!(error.message.starts_with("Didn't understand relationship 'Contact' in FROM part of query call."));
}

#[test]
fn semi_joins_filter_by_another_query_and_not_in_ignores_null_references() {
    let (mut store, _) = seeded();
    let within =
        run(&mut store, "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)", vec![]).unwrap();
    assert_eq!(names(&within), ["Acme"]);
    let soql = "SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact) ORDER BY Name";
    let outside = run(&mut store, soql, vec![]).unwrap();
    assert_eq!(names(&outside), ["acme labs", "Beta"], "Hopper's empty AccountId does not hide every account");
    let soql =
        "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won')";
    assert!(run(&mut store, soql, vec![]).unwrap().records.is_empty());
}

#[test]
fn aggregates_name_their_columns_by_alias_or_expr_n() {
    let (mut store, _) = seeded();
    let result =
        run(&mut store, "SELECT COUNT(Id), MAX(NumberOfEmployees) most, SUM(NumberOfEmployees) FROM Account", vec![])
            .unwrap();
    assert_eq!(result.records.len(), 1);
    let row = &result.records[0];
    assert_eq!(row.object, AGGREGATE_RESULT);
    assert_eq!(row.get("expr0"), Some(&FieldValue::Int(3)));
    assert_eq!(row.get("most"), Some(&FieldValue::Int(500)));
    assert_eq!(row.get("expr1"), Some(&FieldValue::Int(555)));
}

#[test]
fn group_by_with_having_and_order_by_an_aggregate() {
    let (mut store, _) = with_babbage();
    let soql = "SELECT AccountId, COUNT(Id) n FROM Contact GROUP BY AccountId HAVING COUNT(Id) > 1";
    let result = run(&mut store, soql, vec![]).unwrap();
    assert_eq!(result.records.len(), 1, "{:?}", result.records);
    assert_eq!(result.records[0].get("n"), Some(&FieldValue::Int(2)));
    let soql = "SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name ORDER BY COUNT(Id) DESC";
    let result = run(&mut store, soql, vec![]).unwrap();
    let rows: Vec<(Option<&FieldValue>, Option<&FieldValue>)> =
        result.records.iter().map(|r| (r.get("Name"), r.get("expr0"))).collect();
    assert_eq!(
        rows,
        [(Some(&text("Acme")), Some(&FieldValue::Int(2))), (Some(&FieldValue::Null), Some(&FieldValue::Int(1)))]
    );
}

#[test]
fn aggregate_mistakes_are_malformed_queries() {
    let (mut store, _) = seeded();
    let ungrouped = run(&mut store, "SELECT Name, COUNT(Id) FROM Account GROUP BY BillingCity", vec![]).unwrap_err();
    assert_eq!(
        (ungrouped.code, ungrouped.message.as_str()),
        ("MALFORMED_QUERY", "Field must be grouped or aggregated: Name")
    );
    let sum = run(&mut store, "SELECT SUM(Name) FROM Account", vec![]).unwrap_err();
    assert_eq!(sum.message, "field Name does not support aggregate operator SUM");
}

#[test]
fn fields_and_to_label_select_plain_fields() {
    let (mut store, _) = seeded();
    let all = run(&mut store, "SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Beta'", vec![]).unwrap();
    let row = &all.records[0];
    assert_eq!(row.get("NumberOfEmployees"), Some(&FieldValue::Int(5)));
    assert!(row.get("CreatedDate").is_some() && row.get("BillingCity").is_some());
    let label = run(&mut store, "SELECT toLabel(BillingCity) FROM Account WHERE Name = 'Acme'", vec![]).unwrap();
    assert_eq!(label.records[0].get("BillingCity"), Some(&text("Paris")));
    let bad = run(&mut store, "SELECT FIELDS(SOME) FROM Account", vec![]).unwrap_err();
    assert_eq!(bad.code, "MALFORMED_QUERY");
}
