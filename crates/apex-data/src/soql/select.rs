//! A plain SELECT (fields and parent paths, no aggregates) as one SQLite statement: the
//! columns, a LEFT JOIN per parent relationship, WHERE, ORDER BY, LIMIT and OFFSET. A child
//! subquery runs the same way, scoped to its parents' Ids, with its LIMIT applied per parent.

use super::filter::FilterWriter;
use super::paths::{Column, Joins};
use super::{children, limit_value, unsupported, QueryContext};
use crate::schema::ObjectSchema;
use crate::store::{from_sql, sql_error, to_sql, FieldValue, Record, Store, StoreError};
use apex_syntax::ast::{FieldExpr, FunctionCall, Query, SelectItem};

/// Restricts a child subquery to the children of some parents.
pub(crate) struct Scope<'a> {
    /// The child's reference field (`AccountId`).
    pub field: &'a str,
    /// The parents' Ids.
    pub ids: &'a [String],
}

/// Records in query order; for a scoped query, each record's parent Id beside it.
pub(crate) struct Selected {
    pub records: Vec<Record>,
    pub parents: Vec<Option<String>>,
}

/// The SQL of one SELECT and what reading its rows needs.
pub(crate) struct Plan {
    pub sql: String,
    pub params: Vec<FieldValue>,
    pub columns: Vec<Column>,
    /// The scoped query's parent-Id column comes last and is not part of the records.
    pub scoped: bool,
}

pub(crate) fn run(
    store: &mut Store,
    query: &Query,
    base: &ObjectSchema,
    scope: Option<Scope>,
    context: &mut QueryContext,
) -> Result<Selected, StoreError> {
    let (plan, tables) = plan(store, query, base, scope.as_ref(), context)?;
    for table in &tables {
        store.ensure_table(table)?;
    }
    let mut selected = execute(store, &plan, &base.name)?;
    for item in &query.select {
        if let SelectItem::Subquery(subquery) = &item.node {
            children::fill(store, base, &mut selected.records, subquery, context)?;
        }
    }
    Ok(selected)
}

/// Builds the statement; returns it with every table it reads.
pub(crate) fn plan(
    store: &Store,
    query: &Query,
    base: &ObjectSchema,
    scope: Option<&Scope>,
    context: &mut QueryContext,
) -> Result<(Plan, Vec<String>), StoreError> {
    let alias = query.from.node.alias.as_ref().map(|a| a.as_str().to_string());
    let mut joins = Joins::new(base.clone(), alias);
    let mut columns = select_columns(store, query, &mut joins)?;
    let mut params = Vec::new();
    let mut clauses = Vec::new();
    if !query.all_rows {
        clauses.push("t0.\"IsDeleted\" = 0".to_string());
    }
    let mut tables = vec![base.name.clone()];
    if let Some(condition) = &query.filter {
        let mut writer = FilterWriter::new(&mut joins, store, &mut params, context);
        clauses.push(writer.condition(&condition.node)?);
        tables.append(&mut writer.tables);
    }
    if let Some(scope) = scope {
        let column = joins.column(&[scope.field.to_string()], store)?;
        let marks = vec!["?"; scope.ids.len()].join(", ");
        clauses.push(format!("{} IN ({marks})", column.sql()));
        params.extend(scope.ids.iter().map(|id| FieldValue::Text(id.clone())));
        columns.push(column);
    }
    let order = order_by(store, query, &mut joins)?;
    let mut sql = select_where(&columns, &joins, &clauses);
    if !order.is_empty() {
        sql.push_str(&format!(" ORDER BY {}", order.join(", ")));
    }
    // A subquery's LIMIT and OFFSET count per parent, so they are applied after grouping.
    if scope.is_none() {
        sql.push_str(&limit_sql(query, context)?);
    }
    tables.extend(joins.tables().into_iter().map(str::to_string));
    Ok((Plan { sql, params, columns, scoped: scope.is_some() }, tables))
}

/// `SELECT columns FROM tables [WHERE clauses]`, the start of every plain and aggregate query.
pub(crate) fn select_where(columns: &[Column], joins: &Joins, clauses: &[String]) -> String {
    let mut sql = format!(
        "SELECT {} FROM {}",
        columns.iter().map(Column::sql).collect::<Vec<_>>().join(", "),
        joins.tables_sql()
    );
    if !clauses.is_empty() {
        sql.push_str(&format!(" WHERE {}", clauses.join(" AND ")));
    }
    sql
}

/// The Id, the selected fields and parent paths, and each parent's Id.
fn select_columns(store: &Store, query: &Query, joins: &mut Joins) -> Result<Vec<Column>, StoreError> {
    let mut columns: Vec<Column> = vec![joins.column(&["Id".to_string()], store)?];
    let add = |column: Column, columns: &mut Vec<Column>| {
        if !columns.iter().any(|c| c.path_key() == column.path_key()) {
            columns.push(column);
        }
    };
    for item in &query.select {
        match &item.node {
            SelectItem::Field { path, .. } => {
                let names: Vec<String> = path.0.iter().map(|n| n.as_str().to_string()).collect();
                add(joins.selected(&names, store)?, &mut columns);
            }
            SelectItem::Subquery(_) => {}
            // `SELECT COUNT()` counts the rows this plan selects.
            SelectItem::Function { .. } if super::is_count(query) => {}
            SelectItem::Function { call, .. } => {
                for names in function_fields(joins.base(), call)? {
                    add(joins.column(&names, store)?, &mut columns);
                }
            }
            SelectItem::TypeOf { .. } => return Err(unsupported("TYPEOF")),
        }
    }
    // Each parent comes back with its Id, which also tells a missing parent (no Id) from one
    // whose selected fields are empty.
    let parents: Vec<Vec<String>> = columns.iter().map(|c| c.relationships.clone()).filter(|r| !r.is_empty()).collect();
    for path in parents {
        for depth in 1..=path.len() {
            let mut names = path[..depth].to_vec();
            names.push("Id".to_string());
            add(joins.column(&names, store)?, &mut columns);
        }
    }
    Ok(columns)
}

/// The fields a function in SELECT stands for: `FIELDS(ALL|STANDARD|CUSTOM)` the object's
/// fields, `toLabel(f)`, `format(f)` and `convertCurrency(f)` the field itself (labels,
/// formats and currencies are the stored values here).
fn function_fields(object: &ObjectSchema, call: &FunctionCall) -> Result<Vec<Vec<String>>, StoreError> {
    let name = call.name.as_str().to_ascii_lowercase();
    let argument = match call.args.as_slice() {
        [arg] => &arg.node,
        _ => return Err(unsupported(&format!("{}() in SELECT", call.name.as_str()))),
    };
    match (name.as_str(), argument) {
        ("fields", FieldExpr::Field(path)) => {
            let which = path.0.first().map(|n| n.as_str().to_ascii_uppercase()).unwrap_or_default();
            if !["ALL", "STANDARD", "CUSTOM"].contains(&which.as_str()) {
                return Err(super::malformed(&format!("FIELDS({which}) is not ALL, STANDARD or CUSTOM")));
            }
            let keep = |field: &str| match which.as_str() {
                "STANDARD" => !field.ends_with("__c"),
                "CUSTOM" => field.ends_with("__c"),
                _ => true,
            };
            Ok(object.fields().iter().filter(|f| keep(&f.name)).map(|f| vec![f.name.clone()]).collect())
        }
        ("tolabel" | "format" | "convertcurrency", FieldExpr::Field(path)) => {
            Ok(vec![path.0.iter().map(|n| n.as_str().to_string()).collect()])
        }
        _ => Err(unsupported(&format!("{}() in SELECT", call.name.as_str()))),
    }
}

pub(crate) fn order_by(store: &Store, query: &Query, joins: &mut Joins) -> Result<Vec<String>, StoreError> {
    let mut order = Vec::new();
    for item in &query.order_by {
        let FieldExpr::Field(path) = &item.node.field.node else {
            return Err(unsupported("ORDER BY on a function"));
        };
        let names: Vec<String> = path.0.iter().map(|n| n.as_str().to_string()).collect();
        let column = joins.column(&names, store)?;
        order.push(order_term(&column.sql(), column.is_text(), item.node.descending, item.node.nulls_first));
    }
    Ok(order)
}

/// One ORDER BY term: text ignores case; nulls come first ascending and last descending
/// unless stated.
pub(crate) fn order_term(sql: &str, text: bool, descending: bool, nulls_first: Option<bool>) -> String {
    let collate = if text { " COLLATE NOCASE" } else { "" };
    let direction = if descending { "DESC" } else { "ASC" };
    let nulls = match nulls_first {
        Some(true) => " NULLS FIRST",
        Some(false) => " NULLS LAST",
        None if descending => " NULLS LAST",
        None => " NULLS FIRST",
    };
    format!("{sql}{collate} {direction}{nulls}")
}

/// ` LIMIT n OFFSET m` as the query asks, or nothing.
pub(crate) fn limit_sql(query: &Query, context: &mut QueryContext) -> Result<String, StoreError> {
    let limit = limit_value(query.limit.as_ref().map(|l| &l.node), context)?;
    let offset = limit_value(query.offset.as_ref().map(|o| &o.node), context)?;
    Ok(match (limit, offset) {
        (Some(l), Some(o)) => format!(" LIMIT {l} OFFSET {o}"),
        (Some(l), None) => format!(" LIMIT {l}"),
        (None, Some(o)) => format!(" LIMIT -1 OFFSET {o}"),
        (None, None) => String::new(),
    })
}

fn execute(store: &Store, plan: &Plan, object: &str) -> Result<Selected, StoreError> {
    let mut statement = store.connection.prepare_cached(&plan.sql).map_err(sql_error)?;
    let mut rows = statement.query(rusqlite::params_from_iter(plan.params.iter().map(to_sql))).map_err(sql_error)?;
    let visible = plan.columns.len() - usize::from(plan.scoped);
    let mut selected = Selected { records: Vec::new(), parents: Vec::new() };
    while let Some(row) = rows.next().map_err(sql_error)? {
        let mut values = Vec::with_capacity(visible);
        let mut at = 0;
        for column in &plan.columns[..visible] {
            values.push(read_column(row, at, column)?);
            at += column.width();
        }
        selected.records.push(assemble(object, &plan.columns[..visible], values));
        if plan.scoped {
            let parent = row.get::<_, Option<String>>(at).map_err(sql_error)?;
            selected.parents.push(parent);
        }
    }
    Ok(selected)
}

/// One column's value from the row, starting at SQL column `at`: a compound field is a
/// record of its components (named `Street`, `City`, ...), null when all are empty.
fn read_column(row: &rusqlite::Row, at: usize, column: &Column) -> Result<FieldValue, StoreError> {
    if column.components.is_empty() {
        return Ok(from_sql(row.get_ref(at).map_err(sql_error)?, &column.ty));
    }
    let mut compound = Record { object: COMPOUND_ADDRESS.to_string(), fields: Vec::new() };
    for (offset, (name, ty)) in column.components.iter().enumerate() {
        compound.fields.push((name.clone(), from_sql(row.get_ref(at + offset).map_err(sql_error)?, ty)));
    }
    if compound.fields.iter().all(|(_, v)| *v == FieldValue::Null) {
        return Ok(FieldValue::Null);
    }
    Ok(FieldValue::Record(Box::new(compound)))
}

/// The object name of a compound address value in a query's records.
pub const COMPOUND_ADDRESS: &str = "Address";

/// Builds a record from a row: plain columns as fields, parent paths as nested records (a
/// parent with no Id, because the reference is empty, is left out).
fn assemble(object: &str, columns: &[Column], values: Vec<FieldValue>) -> Record {
    let mut record = Record { object: object.to_string(), fields: Vec::new() };
    for (column, value) in columns.iter().zip(values) {
        insert_path(&mut record, &column.relationships, &column.parent_objects, &column.field, value);
    }
    prune_empty_parents(&mut record);
    record
}

fn insert_path(record: &mut Record, relationships: &[String], objects: &[String], field: &str, value: FieldValue) {
    let Some((first, rest)) = relationships.split_first() else {
        record.fields.push((field.to_string(), value));
        return;
    };
    let slot = match record.fields.iter().position(|(n, _)| n == first) {
        Some(at) => at,
        None => {
            let parent = Record { object: objects[0].clone(), fields: Vec::new() };
            record.fields.push((first.clone(), FieldValue::Record(Box::new(parent))));
            record.fields.len() - 1
        }
    };
    if let FieldValue::Record(parent) = &mut record.fields[slot].1 {
        insert_path(parent, rest, &objects[1..], field, value);
    }
}

/// A parent without an Id was not there: its reference field is empty.
fn prune_empty_parents(record: &mut Record) {
    for (_, value) in record.fields.iter_mut() {
        if let FieldValue::Record(parent) = value {
            if parent.object == COMPOUND_ADDRESS {
                continue;
            }
            prune_empty_parents(parent);
            if matches!(parent.get("Id"), None | Some(FieldValue::Null)) {
                *value = FieldValue::Null;
            }
        }
    }
}

/// The SQL of a semi-join's inner query: `SELECT t0."AccountId" FROM ... WHERE ...`, one
/// field, no joins beyond its own parents. Its parameters go into `params`.
pub(crate) fn semi_join_sql(
    store: &Store,
    query: &Query,
    params: &mut Vec<FieldValue>,
    tables: &mut Vec<String>,
    context: &mut QueryContext,
) -> Result<String, StoreError> {
    let object = super::from_object(query)?;
    let base = store.schema().object(&object).cloned().ok_or_else(|| super::invalid_type(&object))?;
    let [item] = query.select.as_slice() else {
        return Err(super::malformed("a semi-join subquery selects exactly one field"));
    };
    let SelectItem::Field { path, .. } = &item.node else {
        return Err(super::malformed("a semi-join subquery selects exactly one field"));
    };
    let alias = query.from.node.alias.as_ref().map(|a| a.as_str().to_string());
    let mut joins = Joins::new(base.clone(), alias);
    let names: Vec<String> = path.0.iter().map(|n| n.as_str().to_string()).collect();
    let column = joins.column(&names, store)?;
    // NOT IN must not meet a null, which would make it match nothing.
    let mut clauses = vec!["t0.\"IsDeleted\" = 0".to_string(), format!("{} IS NOT NULL", column.sql())];
    if let Some(condition) = &query.filter {
        let mut writer = FilterWriter::new(&mut joins, store, params, context);
        clauses.push(writer.condition(&condition.node)?);
        tables.append(&mut writer.tables);
    }
    tables.push(base.name.clone());
    tables.extend(joins.tables().into_iter().map(str::to_string));
    Ok(format!("SELECT {} FROM {} WHERE {}", column.sql(), joins.tables_sql(), clauses.join(" AND ")))
}
