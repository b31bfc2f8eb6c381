//! `GET /query?q=` and `/queryAll?q=` (deleted rows too), paged: the first page comes back
//! with `totalSize` and, when more remain, a root-relative `nextRecordsUrl` whose locator
//! (`/query/01g...-2000`) reads the next page from the materialized result.

use super::json::{now_text, record};
use super::Call;
use crate::errors::RestError;
use crate::http::Response;
use crate::{Cursor, Org};
use apex_data::soql::QueryContext;
use apex_data::StoreError;
use serde_json::{json, Value};

pub(crate) fn run(org: &mut Org, call: &Call, all_rows: bool) -> Result<Response, RestError> {
    let text = call
        .request
        .param("q")
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| RestError::new(400, "MALFORMED_QUERY", "A query string has to be specified"))?;
    let mut query = apex_syntax::parse_soql(&text, apex_syntax::FileId(0)).map_err(|diagnostics| {
        let first = diagnostics.first();
        let at = first.map_or(0, |d| d.span.start as usize);
        let reason = first.map_or("unexpected end of query".to_string(), |d| d.message.replace("`]`", "end of query"));
        RestError::new(400, "MALFORMED_QUERY", caret(&text, at, &reason))
    })?;
    query.all_rows |= all_rows;
    let today = now_text(call.now_ms)[..10].to_string();
    let mut no_binds = |_: &apex_syntax::Spanned<apex_syntax::ast::Expr>| {
        Err(StoreError {
            code: "MALFORMED_QUERY",
            message: "bind variables are only for Apex".into(),
            fields: Vec::new(),
        })
    };
    let mut context = QueryContext { bind: &mut no_binds, today: &today };
    let result = org.store.query(&query, &mut context).map_err(|e| query_error(&text, e))?;
    if result.count_only {
        return Ok(Response::json(200, &json!({ "totalSize": result.total_size, "done": true, "records": [] })));
    }
    let aggregate = apex_data::soql::is_aggregate(&query);
    let records: Vec<Value> = result.records.iter().map(|r| record(org.store.schema(), r, &call.version)).collect();
    let size = page_size(org, call);
    // Aggregates come back in one batch of at most 2,000 rows, whatever the page size asked.
    if aggregate && records.len() > 2000 {
        return Err(RestError::new(
            400,
            "EXCEEDED_ID_LIMIT",
            "Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch",
        ));
    }
    let size = if aggregate { 2000 } else { size };
    Ok(page(org, records, 0, size, call, None))
}

pub(crate) fn more(org: &mut Org, call: &Call, locator: &str) -> Result<Response, RestError> {
    let invalid = || RestError::new(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    let (key, offset) = locator.rsplit_once('-').ok_or_else(invalid)?;
    let offset: usize = offset.parse().map_err(|_| invalid())?;
    let cursor = org.cursors.remove(key).ok_or_else(invalid)?;
    if offset > cursor.records.len() {
        return Err(invalid());
    }
    if call.now_ms - cursor.created_ms > CURSOR_LIFETIME_MS {
        return Err(invalid());
    }
    let size = page_size(org, call);
    Ok(page(org, cursor.records, offset, size, call, Some(key.to_string())))
}

/// How long a query locator stays usable.
const CURSOR_LIFETIME_MS: i64 = 15 * 60 * 1000;
/// Open cursors kept at most; the oldest go first beyond that.
const MAX_CURSORS: usize = 1000;

/// One page from `offset`; the rest stays behind a locator.
fn page(org: &mut Org, records: Vec<Value>, offset: usize, size: usize, call: &Call, key: Option<String>) -> Response {
    let version = call.version.as_str();
    let total = records.len();
    let end = (offset + size).min(total);
    let page: Vec<Value> = records[offset..end].to_vec();
    let mut body = json!({ "totalSize": total, "done": end >= total, "records": page });
    if end < total {
        let key = key.unwrap_or_else(|| {
            org.next_cursor += 1;
            format!("01g{:0>12}AAA", org.next_cursor)
        });
        body["nextRecordsUrl"] = json!(format!("/services/data/v{version}/query/{key}-{end}"));
        prune_cursors(org, call.now_ms);
        org.cursors.insert(key, Cursor { records, created_ms: call.now_ms });
    }
    Response::json(200, &body)
}

/// Drops expired cursors, then the oldest ones beyond the cap, so a busy org's memory stays
/// bounded.
fn prune_cursors(org: &mut Org, now_ms: i64) {
    org.cursors.retain(|_, c| now_ms - c.created_ms <= CURSOR_LIFETIME_MS);
    while org.cursors.len() >= MAX_CURSORS {
        let oldest = org.cursors.iter().min_by_key(|(_, c)| c.created_ms).map(|(k, _)| k.clone());
        match oldest {
            Some(key) => org.cursors.remove(&key),
            None => break,
        };
    }
}

/// Rows per page: `Sforce-Query-Options: batchSize=N` (200 to 2000), else the org's setting.
fn page_size(org: &Org, call: &Call) -> usize {
    let asked = call.request.header("Sforce-Query-Options").and_then(|options| {
        options
            .split(',')
            .find_map(|o| o.trim().strip_prefix("batchSize=").and_then(|n| n.trim().parse::<usize>().ok()))
    });
    match asked {
        Some(n) => n.clamp(200, 2000),
        None => org.config.page_size.max(1),
    }
}

/// A query error with the statement, a caret under the name at fault, its row and column,
/// then the reason, as the platform formats them.
fn query_error(text: &str, error: StoreError) -> RestError {
    let name = error.message.split('\'').nth(1).unwrap_or_default();
    let lower = text.to_ascii_lowercase();
    let at = if name.is_empty() { None } else { lower.find(&name.to_ascii_lowercase()) };
    let mut rest = RestError::store(error);
    if let Some(at) = at {
        rest.message = caret(text, at, &rest.message);
    }
    rest
}

fn caret(text: &str, at: usize, reason: &str) -> String {
    let at = at.min(text.len());
    let row = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let column = text[line_start..at].chars().count() + 1;
    let line = text[line_start..].lines().next().unwrap_or("");
    format!("\n{line}\n{}^\nERROR at Row:{row}:Column:{column}\n{reason}", " ".repeat(column - 1))
}

/// `GET /search?q=FIND ...`: every record found, in RETURNING order, as `searchRecords`.
pub(crate) fn search(org: &mut Org, call: &Call) -> Result<Response, RestError> {
    let text = call.request.param("q").unwrap_or_default();
    let search = apex_syntax::parse_sosl(&text, apex_syntax::FileId(0)).map_err(|diagnostics| {
        let first = diagnostics.first();
        let reason =
            first.map_or("unexpected end of search".to_string(), |d| d.message.replace("`]`", "end of search"));
        RestError::new(400, "MALFORMED_SEARCH", caret(&text, first.map_or(0, |d| d.span.start as usize), &reason))
    })?;
    let today = now_text(call.now_ms)[..10].to_string();
    let mut no_binds = |_: &apex_syntax::Spanned<apex_syntax::ast::Expr>| {
        Err(StoreError {
            code: "MALFORMED_SEARCH",
            message: "bind variables are only for Apex".into(),
            fields: Vec::new(),
        })
    };
    let mut context = QueryContext { bind: &mut no_binds, today: &today };
    let found = org.store.search(&search, &mut context).map_err(RestError::store)?;
    let records: Vec<Value> = found
        .iter()
        .flat_map(|(_, records)| records.iter().map(|r| record(org.store.schema(), r, &call.version)))
        .collect();
    Ok(Response::json(200, &json!({ "searchRecords": records })))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_caret_points_at_the_row_and_column() {
        let message = super::caret("SELECT Id, Foo__c FROM Lead", 11, "No such column 'Foo__c' on entity 'Lead'.");
        assert_eq!(
            message,
            "\nSELECT Id, Foo__c FROM Lead\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Lead'."
        );
    }
}
