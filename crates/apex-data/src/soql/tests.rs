//! Unit tests of SOQL over the store, with queries parsed by `apex_syntax::parse_soql`.

use super::*;
use crate::ids::Id;
use crate::schema::Schema;
use crate::store::Stamp;

pub(super) fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

/// A store with three accounts (one deleted), two contacts and an opportunity.
pub(super) fn seeded() -> (Store, Vec<Id>) {
    let mut store = Store::in_memory(Schema::standard()).unwrap();
    let user = Id::parse("005000000000001").unwrap();
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let mut ids = Vec::new();
    for (name, employees, city) in [("Acme", 50, Some("Paris")), ("Beta", 5, None), ("acme labs", 500, Some("Oslo"))] {
        let mut fields =
            vec![("Name".to_string(), text(name)), ("NumberOfEmployees".to_string(), FieldValue::Int(employees))];
        if let Some(city) = city {
            fields.push(("BillingCity".to_string(), text(city)));
        }
        ids.push(store.insert("Account", &fields, &stamp).unwrap());
    }
    let gone = store.insert("Account", &[("Name".into(), text("Gone"))], &stamp).unwrap();
    store.delete("Account", &gone).unwrap();
    let acme = ids[0].clone();
    for (last, account) in [("Lovelace", Some(&acme)), ("Hopper", None)] {
        let mut fields = vec![("LastName".to_string(), text(last))];
        if let Some(account) = account {
            fields.push(("AccountId".to_string(), text(account.as_str())));
        }
        ids.push(store.insert("Contact", &fields, &stamp).unwrap());
    }
    let deal = [
        ("Name".to_string(), text("Deal")),
        ("StageName".to_string(), text("Prospecting")),
        ("CloseDate".to_string(), text("2024-03-04")),
        ("AccountId".to_string(), text(ids[0].as_str())),
    ];
    ids.push(store.insert("Opportunity", &deal, &stamp).unwrap());
    (store, ids)
}

/// Runs a query; each `:name` bind is looked up by its name in `binds`, so a bind the store
/// asks for that the query did not name fails the test.
pub(super) fn run(store: &mut Store, soql: &str, binds: Vec<(&str, BindValue)>) -> Result<QueryResult, StoreError> {
    let query = apex_syntax::parse_soql(soql, apex_syntax::FileId(0)).unwrap_or_else(|e| panic!("{soql}: {e:?}"));
    let mut bind = |expr: &Spanned<Expr>| {
        let Expr::Name(name) = &expr.node else {
            panic!("binds in these tests are plain names: {expr:?}");
        };
        let found = binds.iter().find(|(n, _)| *n == name.as_str());
        Ok(found.unwrap_or_else(|| panic!("no value for :{}", name.as_str())).1.clone())
    };
    let mut context = QueryContext { bind: &mut bind, today: "2024-03-05" };
    store.query(&query, &mut context)
}

pub(super) fn names(result: &QueryResult) -> Vec<String> {
    result
        .records
        .iter()
        .map(|r| match r.get("Name").or_else(|| r.get("LastName")) {
            Some(FieldValue::Text(t)) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn where_order_limit_and_offset() {
    let (mut store, _) = seeded();
    let result =
        run(&mut store, "SELECT Name FROM Account WHERE NumberOfEmployees > 10 ORDER BY Name", vec![]).unwrap();
    assert_eq!(names(&result), ["Acme", "acme labs"]);
    let result =
        run(&mut store, "SELECT Name FROM Account ORDER BY NumberOfEmployees DESC LIMIT 2 OFFSET 1", vec![]).unwrap();
    assert_eq!(names(&result), ["Acme", "Beta"]);
    let like = run(&mut store, "SELECT Name FROM Account WHERE Name LIKE 'ACME%' ORDER BY Name DESC", vec![]).unwrap();
    assert_eq!(names(&like), ["acme labs", "Acme"]);
    assert!(like.records[0].get("Id").is_some(), "Id comes back even when not selected");
}

#[test]
fn text_equality_ignores_case_and_not_equal_includes_nulls() {
    let (mut store, _) = seeded();
    let eq = run(&mut store, "SELECT Name FROM Account WHERE Name = 'ACME'", vec![]).unwrap();
    assert_eq!(names(&eq), ["Acme"]);
    let ne = run(&mut store, "SELECT Name FROM Account WHERE BillingCity != 'Paris' ORDER BY Name", vec![]).unwrap();
    assert_eq!(names(&ne), ["acme labs", "Beta"]);
    let null = run(&mut store, "SELECT Name FROM Account WHERE BillingCity = null", vec![]).unwrap();
    assert_eq!(names(&null), ["Beta"]);
    let or = run(
        &mut store,
        "SELECT Name FROM Account WHERE (Name = 'Beta' OR BillingCity = 'Oslo') AND NOT Name = 'x' ORDER BY Name",
        vec![],
    )
    .unwrap();
    assert_eq!(names(&or), ["acme labs", "Beta"]);
}

#[test]
fn binds_in_lists_and_ids_of_either_length() {
    let (mut store, ids) = seeded();
    let short = ids[0].short().to_string();
    let one =
        run(&mut store, "SELECT Name FROM Account WHERE Id = :id", vec![("id", BindValue::One(text(&short)))]).unwrap();
    assert_eq!(names(&one), ["Acme"]);
    let many = BindValue::Many(vec![text(ids[1].as_str()), text(ids[2].as_str())]);
    let result =
        run(&mut store, "SELECT Name FROM Account WHERE Id IN :ids ORDER BY Name", vec![("ids", many)]).unwrap();
    assert_eq!(names(&result), ["acme labs", "Beta"]);
    let none =
        run(&mut store, "SELECT Name FROM Account WHERE Id IN :ids", vec![("ids", BindValue::Many(vec![]))]).unwrap();
    assert!(none.records.is_empty());
    let not_in = run(&mut store, "SELECT Name FROM Account WHERE Name NOT IN ('Acme', 'Beta')", vec![]).unwrap();
    assert_eq!(names(&not_in), ["acme labs"]);
}

#[test]
fn parent_fields_come_back_as_nested_records() {
    let (mut store, _) = seeded();
    let result =
        run(&mut store, "SELECT LastName, Account.Name, Account.Owner.Id FROM Contact ORDER BY LastName", vec![])
            .unwrap();
    assert_eq!(names(&result), ["Hopper", "Lovelace"]);
    assert_eq!(result.records[0].get("Account"), Some(&FieldValue::Null), "no account: the parent is null");
    let Some(FieldValue::Record(account)) = result.records[1].get("Account") else {
        panic!("{:?}", result.records[1]);
    };
    assert_eq!(account.get("Name"), Some(&text("Acme")));
    // The owner's Id points at no User record in this store, so the parent is null.
    assert_eq!(account.get("Owner"), Some(&FieldValue::Null));
    let filtered = run(&mut store, "SELECT LastName FROM Contact WHERE Account.Name = 'acme'", vec![]).unwrap();
    assert_eq!(names(&filtered), ["Lovelace"]);
}

#[test]
fn count_date_literals_and_all_rows() {
    let (mut store, _) = seeded();
    let count = run(&mut store, "SELECT COUNT() FROM Account", vec![]).unwrap();
    assert_eq!((count.count_only, count.total_size), (true, 3));
    let all = run(&mut store, "SELECT COUNT() FROM Account ALL ROWS", vec![]).unwrap();
    assert_eq!(all.total_size, 4);
    let yesterday = run(&mut store, "SELECT Name FROM Opportunity WHERE CloseDate = YESTERDAY", vec![]).unwrap();
    assert_eq!(names(&yesterday), ["Deal"]);
    let recent = run(&mut store, "SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:3", vec![]).unwrap();
    assert_eq!(recent.total_size, 1);
    let today = run(&mut store, "SELECT Name FROM Account WHERE CreatedDate = TODAY", vec![]).unwrap();
    assert_eq!(today.total_size, 3);
    let literal =
        run(&mut store, "SELECT Name FROM Account WHERE CreatedDate > 2024-03-05T15:00:00+02:00", vec![]).unwrap();
    assert_eq!(literal.total_size, 3, "14:07 GMT is after 13:00 GMT");
}

#[test]
fn unknown_objects_and_fields_use_the_platform_words() {
    let (mut store, _) = seeded();
    let object = run(&mut store, "SELECT Id FROM Gadget__c", vec![]).unwrap_err();
    assert_eq!(object.code, "INVALID_TYPE");
    assert!(object
        .message
        .starts_with("sObject type 'Gadget__c' is not supported. If you are attempting to use a custom object"));
    let field = run(&mut store, "SELECT Colour FROM Account", vec![]).unwrap_err();
    assert_eq!(field.code, "INVALID_FIELD");
    assert!(field.message.starts_with("No such column 'Colour' on entity 'Account'."));
}
