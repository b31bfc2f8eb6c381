//! Aggregate queries: `SELECT StageName, COUNT(Id), SUM(Amount) total FROM Opportunity GROUP BY
//! StageName HAVING COUNT(Id) > 1`. Each row becomes an `AggregateResult` whose fields are the
//! grouped fields by name and the functions by alias, or `expr0`, `expr1`, ... in order.

use super::filter::FilterWriter;
use super::paths::{Column, Joins};
use super::select::{limit_sql, order_term, select_where};
use super::{malformed, unsupported, QueryContext};
use crate::schema::{FieldType, ObjectSchema};
use crate::store::{from_sql, sql_error, to_sql, FieldValue, Record, Store, StoreError};
use apex_syntax::ast::{FieldExpr, FunctionCall, Query, SelectItem};

/// The object name of every aggregate row.
pub const AGGREGATE_RESULT: &str = "AggregateResult";

/// The aggregate functions; `FIELDS()`, `toLabel()` and the like select plain fields.
const AGGREGATES: &[&str] = &["count", "count_distinct", "sum", "avg", "min", "max"];

/// Whether the query groups or aggregates (`SELECT COUNT() ...` alone is a plain count).
pub fn is_aggregate(query: &Query) -> bool {
    query.group_by.is_some()
        || (!super::is_count(query)
            && query.select.iter().any(|item| {
                matches!(&item.node, SelectItem::Function { call, .. }
                    if AGGREGATES.iter().any(|a| call.name.as_str().eq_ignore_ascii_case(a)))
            }))
}

pub(crate) fn run(
    store: &mut Store,
    query: &Query,
    base: &ObjectSchema,
    context: &mut QueryContext,
) -> Result<Vec<Record>, StoreError> {
    let alias = query.from.node.alias.as_ref().map(|a| a.as_str().to_string());
    let mut joins = Joins::new(base.clone(), alias);
    let groups = group_columns(store, query, &mut joins)?;
    let columns = result_columns(store, query, &mut joins, &groups)?;
    let mut params = Vec::new();
    let mut tables = vec![base.name.clone()];
    let mut clauses = Vec::new();
    if !query.all_rows {
        clauses.push("t0.\"IsDeleted\" = 0".to_string());
    }
    if let Some(condition) = &query.filter {
        let mut writer = FilterWriter::new(&mut joins, store, &mut params, context);
        clauses.push(writer.condition(&condition.node)?);
        tables.append(&mut writer.tables);
    }
    let having = match &query.having {
        Some(condition) => {
            let mut writer = FilterWriter::new(&mut joins, store, &mut params, context);
            writer.aggregates = true;
            let sql = writer.condition(&condition.node)?;
            tables.append(&mut writer.tables);
            Some(sql)
        }
        None => None,
    };
    let order = order_by(store, query, &mut joins)?;
    let mut sql = select_where(&columns, &joins, &clauses);
    if !groups.is_empty() {
        let keys: Vec<String> = groups.iter().map(group_key).collect();
        sql.push_str(&format!(" GROUP BY {}", keys.join(", ")));
    }
    if let Some(having) = having {
        sql.push_str(&format!(" HAVING {having}"));
    }
    if !order.is_empty() {
        sql.push_str(&format!(" ORDER BY {}", order.join(", ")));
    }
    sql.push_str(&limit_sql(query, context)?);
    tables.extend(joins.tables().into_iter().map(str::to_string));
    for table in &tables {
        store.ensure_table(table)?;
    }
    read_rows(store, &sql, &params, &columns)
}

fn read_rows(store: &Store, sql: &str, params: &[FieldValue], columns: &[Column]) -> Result<Vec<Record>, StoreError> {
    let mut statement = store.connection.prepare_cached(sql).map_err(sql_error)?;
    let mut rows = statement.query(rusqlite::params_from_iter(params.iter().map(to_sql))).map_err(sql_error)?;
    let mut records = Vec::new();
    while let Some(row) = rows.next().map_err(sql_error)? {
        let mut record = Record { object: AGGREGATE_RESULT.to_string(), fields: Vec::new() };
        for (i, column) in columns.iter().enumerate() {
            let value = from_sql(row.get_ref(i).map_err(sql_error)?, &column.ty);
            record.fields.push((column.field.clone(), value));
        }
        records.push(record);
    }
    Ok(records)
}

/// Grouping is case-insensitive on text, as comparisons are.
fn group_key(column: &Column) -> String {
    if column.is_text() {
        format!("{} COLLATE NOCASE", column.sql())
    } else {
        column.sql()
    }
}

fn group_columns(store: &Store, query: &Query, joins: &mut Joins) -> Result<Vec<Column>, StoreError> {
    let Some(group_by) = &query.group_by else {
        return Ok(Vec::new());
    };
    if let Some(kind) = &group_by.node.kind {
        return Err(unsupported(&format!("GROUP BY {}", kind.as_str().to_ascii_uppercase())));
    }
    let mut columns = Vec::new();
    for field in &group_by.node.fields {
        match &field.node {
            FieldExpr::Field(path) => columns.push(joins.column(&names(path), store)?),
            FieldExpr::Function(call) => {
                return Err(unsupported(&format!("GROUP BY {}()", call.name.as_str())));
            }
            FieldExpr::Value(_) => return Err(malformed("GROUP BY needs fields")),
        }
    }
    Ok(columns)
}

/// The selected grouped fields (by field name or alias) and functions (by alias or `exprN`).
fn result_columns(
    store: &Store,
    query: &Query,
    joins: &mut Joins,
    groups: &[Column],
) -> Result<Vec<Column>, StoreError> {
    let mut columns = Vec::new();
    let mut unnamed = 0;
    for item in &query.select {
        match &item.node {
            SelectItem::Field { path, alias } => {
                let column = joins.column(&names(path), store)?;
                if !groups.iter().any(|g| g.path_key() == column.path_key()) {
                    return Err(malformed(&format!(
                        "Field must be grouped or aggregated: {}",
                        path.0.last().map_or("", |n| n.as_str())
                    )));
                }
                let name = alias.as_ref().map_or(column.field.clone(), |a| a.as_str().to_string());
                columns.push(Column::computed(column.sql(), column.ty, name));
            }
            SelectItem::Function { call, alias } => {
                let column = function_column(joins, store, call)?;
                let name = match alias {
                    Some(alias) => alias.as_str().to_string(),
                    None => {
                        unnamed += 1;
                        format!("expr{}", unnamed - 1)
                    }
                };
                columns.push(Column::computed(column.sql(), column.ty, name));
            }
            SelectItem::Subquery(_) => return Err(malformed("subqueries cannot be used in aggregate queries")),
            SelectItem::TypeOf { .. } => return Err(unsupported("TYPEOF")),
        }
    }
    Ok(columns)
}

/// An aggregate function as an SQL expression with its result type.
pub(crate) fn function_column(joins: &mut Joins, store: &Store, call: &FunctionCall) -> Result<Column, StoreError> {
    let name = call.name.as_str().to_ascii_lowercase();
    let argument = match call.args.as_slice() {
        [] if name == "count" => None,
        [arg] => match &arg.node {
            FieldExpr::Field(path) => Some(joins.column(&names(path), store)?),
            _ => return Err(unsupported(&format!("{}() of an expression", call.name.as_str()))),
        },
        _ => return Err(malformed(&format!("wrong number of arguments to {}()", call.name.as_str()))),
    };
    let (sql, ty) = match (name.as_str(), &argument) {
        ("count", None) => ("COUNT(*)".to_string(), FieldType::Int),
        ("count", Some(c)) => (format!("COUNT({})", c.sql()), FieldType::Int),
        ("count_distinct", Some(c)) if c.is_text() => {
            (format!("COUNT(DISTINCT {} COLLATE NOCASE)", c.sql()), FieldType::Int)
        }
        ("count_distinct", Some(c)) => (format!("COUNT(DISTINCT {})", c.sql()), FieldType::Int),
        // A sum of whole numbers stays whole.
        ("sum", Some(c)) if c.ty == FieldType::Int => (format!("SUM({})", c.sql()), FieldType::Int),
        ("sum", Some(c)) if is_number(&c.ty) => (format!("SUM({})", c.sql()), FieldType::Double),
        ("avg", Some(c)) if is_number(&c.ty) => (format!("AVG({})", c.sql()), FieldType::Double),
        ("min" | "max", Some(c)) => (format!("{}({})", name.to_ascii_uppercase(), c.sql()), c.ty.clone()),
        ("sum" | "avg", Some(c)) => {
            return Err(malformed(&format!(
                "field {} does not support aggregate operator {}",
                c.field,
                name.to_ascii_uppercase()
            )));
        }
        _ => return Err(unsupported(&format!("{}() in SOQL", call.name.as_str()))),
    };
    Ok(Column::computed(sql, ty, call.name.as_str().to_string()))
}

fn is_number(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Int | FieldType::Double | FieldType::Currency | FieldType::Percent)
}

fn order_by(store: &Store, query: &Query, joins: &mut Joins) -> Result<Vec<String>, StoreError> {
    let mut order = Vec::new();
    for item in &query.order_by {
        let column = match &item.node.field.node {
            FieldExpr::Field(path) => joins.column(&names(path), store)?,
            FieldExpr::Function(call) => function_column(joins, store, call)?,
            FieldExpr::Value(_) => return Err(malformed("ORDER BY needs a field")),
        };
        order.push(order_term(&column.sql(), column.is_text(), item.node.descending, item.node.nulls_first));
    }
    Ok(order)
}

fn names(path: &apex_syntax::ast::FieldPath) -> Vec<String> {
    path.0.iter().map(|n| n.as_str().to_string()).collect()
}
