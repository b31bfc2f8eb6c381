//! `cargo bench -p apex-data`: inserts 10,000 Accounts and runs 1,000 selective SOQL queries
//! (by Name, by Id, and a range with ORDER BY and LIMIT), printing the time of each part.

use apex_data::soql::{BindValue, QueryContext};
use apex_data::{FieldValue, Id, Schema, Stamp, Store};
use std::time::Instant;

fn main() {
    let mut store = Store::in_memory(Schema::standard()).expect("store");
    let user = Id::parse("005000000000001").expect("Id");
    let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
    let started = Instant::now();
    let mut ids = Vec::with_capacity(10_000);
    for n in 0..10_000i64 {
        let fields = [
            ("Name".to_string(), FieldValue::Text(format!("Account {n}"))),
            ("NumberOfEmployees".to_string(), FieldValue::Int(n % 1000)),
            ("BillingCity".to_string(), FieldValue::Text(format!("City {}", n % 50))),
        ];
        ids.push(store.insert("Account", &fields, &stamp).expect("insert"));
    }
    let inserted = started.elapsed();
    let queries = [
        "SELECT Id, Name FROM Account WHERE Name = :name",
        "SELECT Id, Name, NumberOfEmployees FROM Account WHERE Id = :id",
        "SELECT Id, Name FROM Account WHERE NumberOfEmployees >= :low AND BillingCity = 'City 7' ORDER BY Name LIMIT 5",
    ];
    let parsed: Vec<_> =
        queries.iter().map(|q| apex_syntax::parse_soql(q, apex_syntax::FileId(0)).expect("parse")).collect();
    let started = Instant::now();
    let mut rows = 0;
    for q in 0..1000usize {
        let query = &parsed[q % 3];
        let value = match q % 3 {
            0 => FieldValue::Text(format!("Account {}", q * 7)),
            1 => FieldValue::Text(ids[q * 9].to_string()),
            _ => FieldValue::Int((q % 990) as i64),
        };
        let mut bind = |_: &apex_syntax::Spanned<apex_syntax::ast::Expr>| Ok(BindValue::One(value.clone()));
        let mut context = QueryContext { bind: &mut bind, today: "2024-03-05" };
        rows += store.query(query, &mut context).expect("query").records.len();
    }
    let queried = started.elapsed();
    println!(
        "insert 10,000 Accounts: {:.0} ms ({:.1} µs each)",
        inserted.as_secs_f64() * 1e3,
        inserted.as_secs_f64() * 1e2
    );
    println!(
        "1,000 selective queries ({rows} rows): {:.0} ms ({:.0} µs each)",
        queried.as_secs_f64() * 1e3,
        queried.as_secs_f64() * 1e3
    );
}
