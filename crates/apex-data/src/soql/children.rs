//! Child relationship subqueries (`SELECT Name, (SELECT LastName FROM Contacts) FROM Account`):
//! one query per subquery for all the parents at once, its rows handed to their parents in
//! order, with the subquery's LIMIT and OFFSET counted per parent.

use super::select::{self, Scope};
use super::{limit_value, malformed, QueryContext};
use crate::schema::ObjectSchema;
use crate::store::{FieldValue, Record, Store, StoreError};
use apex_syntax::ast::Query;
use std::collections::HashMap;

/// Parents per statement, well under SQLite's limit on parameters.
const CHUNK: usize = 5_000;

/// Runs `subquery` for `parents` and stores each parent's children under the relationship
/// name (an empty list when it has none).
pub(crate) fn fill(
    store: &mut Store,
    parent: &ObjectSchema,
    parents: &mut [Record],
    subquery: &Query,
    context: &mut QueryContext,
) -> Result<(), StoreError> {
    let written = super::from_object(subquery)?;
    let relationship = parent.child(&written).cloned().ok_or_else(|| not_a_relationship(&written))?;
    let child =
        store.schema().object(&relationship.child).cloned().ok_or_else(|| super::invalid_type(&relationship.child))?;
    let ids: Vec<String> = parents.iter().filter_map(id_of).collect();
    let mut by_parent: HashMap<String, Vec<Record>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let scope = Scope { field: &relationship.field, ids: chunk };
        let selected = select::run(store, subquery, &child, Some(scope), context)?;
        for (record, parent_id) in selected.records.into_iter().zip(selected.parents) {
            if let Some(parent_id) = parent_id {
                by_parent.entry(parent_id).or_default().push(record);
            }
        }
    }
    let limit = limit_value(subquery.limit.as_ref().map(|l| &l.node), context)?.map(|n| n as usize);
    let offset = limit_value(subquery.offset.as_ref().map(|o| &o.node), context)?.unwrap_or(0) as usize;
    for record in parents.iter_mut() {
        let children = id_of(record).and_then(|id| by_parent.remove(&id)).unwrap_or_default();
        let kept = children.into_iter().skip(offset).take(limit.unwrap_or(usize::MAX)).collect();
        record.fields.push((relationship.name.clone(), FieldValue::Records(kept)));
    }
    Ok(())
}

fn id_of(record: &Record) -> Option<String> {
    match record.get("Id") {
        Some(FieldValue::Text(id)) => Some(id.clone()),
        _ => None,
    }
}

/// The platform's words when a subquery names something that is not a child relationship.
fn not_a_relationship(name: &str) -> StoreError {
    malformed(&format!(
        "Didn't understand relationship '{name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."
    ))
}
