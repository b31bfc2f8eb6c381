//! Inline SOSL at run time: the term and binds are evaluated, the store searches each object
//! in RETURNING, and the result is a `List<List<SObject>>` in RETURNING order. At most 20
//! searches per transaction.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl.htm

use super::soql::{bind_value, query_error, sobject};
use crate::eval::{Interp, SysExc, Throw};
use crate::ir::SoslExpr;
use crate::types::Ty;
use crate::value::Value;
use apex_data::soql::QueryContext;
use apex_data::StoreError;
use std::collections::HashMap;

/// A fixed result Id (15 or 18 characters) naming the record with this 18-character Id.
fn id_matches(fixed: &str, id: &str) -> bool {
    fixed == id || (fixed.len() == 15 && id.starts_with(fixed))
}

pub fn run(interp: &mut Interp, sosl: &SoslExpr) -> Result<Value, Throw> {
    interp.limits.searches += 1;
    if interp.limits.searches > 20 {
        return Err(Throw::sys(SysExc::Limit, format!("Too many SOSL queries: {}", interp.limits.searches)));
    }
    let mut binds = HashMap::new();
    for (at, expr) in &sosl.binds {
        let value = interp.eval(expr)?;
        binds.insert(*at, bind_value(&value));
    }
    let today = crate::value::Datetime(interp.host.now_millis()).date().iso();
    let interp_fixed: Option<Vec<String>> =
        interp.limits.in_test.then(|| interp.limits.fixed_search_ids.clone().unwrap_or_default());
    let store = super::dml::store(interp)?;
    let mut bind = |expr: &apex_syntax::Spanned<apex_syntax::ast::Expr>| {
        binds.get(&expr.span.start).cloned().ok_or_else(|| StoreError {
            code: "UNSUPPORTED",
            message: "this bind in a search is not supported yet".into(),
            fields: Vec::new(),
        })
    };
    let mut context = QueryContext { bind: &mut bind, today: &today };
    // With fixed results a test's search ignores its term: the fixed records are its answer,
    // still under each object's WHERE clause.
    let fixed = interp_fixed.as_ref();
    let mut search = std::borrow::Cow::Borrowed(&sosl.search);
    if fixed.is_some() {
        search.to_mut().term.node = apex_syntax::ast::SearchTerm::Braced(String::new());
    }
    let mut found = store.search(&search, &mut context).map_err(query_error)?;
    // In a test a search finds nothing unless Test.setFixedSearchResults named the records.
    if let Some(fixed) = fixed {
        for (_, records) in found.iter_mut() {
            records.retain(|r| match r.get("Id") {
                Some(apex_data::FieldValue::Text(id)) => fixed.iter().any(|f| id_matches(f, id)),
                _ => false,
            });
        }
    }
    let lists = found
        .iter()
        .map(|(object, records)| {
            let rows = records.iter().map(|r| sobject(interp, r)).collect();
            Value::list(rows, Ty::SObject(Some(object.clone())))
        })
        .collect();
    Ok(Value::list(lists, Ty::list_of(Ty::SObject(None))))
}
