//! The org's users as OAuth sees them: found by username in the record store.

use apex_data::soql::QueryContext;
use apex_data::{FieldValue, Id, Record, Store};

/// The active User record with this username (any case).
pub(crate) fn by_username(store: &mut Store, username: &str) -> Option<Record> {
    let soql = format!(
        "SELECT Id, Username, FirstName, LastName, Name, Email, IsActive, TimeZoneSidKey, LocaleSidKey, LanguageLocaleKey FROM User WHERE Username = '{}'",
        username.replace('\\', "\\\\").replace('\'', "\\'")
    );
    let query = apex_syntax::parse_soql(&soql, apex_syntax::FileId(0)).ok()?;
    let mut no_binds = |_: &apex_syntax::Spanned<apex_syntax::ast::Expr>| {
        Err(apex_data::StoreError { code: "UNSUPPORTED", message: "binds".into(), fields: Vec::new() })
    };
    let mut context = QueryContext { bind: &mut no_binds, today: "1970-01-01" };
    let user = store.query(&query, &mut context).ok()?.records.into_iter().next()?;
    matches!(user.get("IsActive"), Some(FieldValue::Bool(true))).then_some(user)
}

pub(crate) fn by_id(store: &mut Store, id: &Id) -> Option<Record> {
    store.get("User", id, false).ok().flatten()
}

pub(crate) fn id_of(record: &Record) -> Option<Id> {
    match record.get("Id") {
        Some(FieldValue::Text(id)) => Id::parse(id),
        _ => None,
    }
}

pub(crate) fn text(record: &Record, field: &str) -> String {
    match record.get(field) {
        Some(FieldValue::Text(t)) => t.clone(),
        _ => String::new(),
    }
}
