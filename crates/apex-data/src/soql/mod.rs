//! Runs SOQL against the store: the query's tree (from `apex_syntax`) becomes one SQLite
//! statement, with a LEFT JOIN per parent relationship in the query. Supported: fields and
//! parent paths (`Account.Owner.Name`), WHERE (comparisons, LIKE, IN, NOT IN, null, AND, OR,
//! NOT, date literals, bind variables), ORDER BY with NULLS FIRST/LAST, LIMIT, OFFSET,
//! `COUNT()` and ALL ROWS. Text compares and sorts case-insensitively, as SOQL does.

mod filter;
mod paths;

use crate::schema::FieldType;
use crate::store::{from_sql, sql_error, to_sql, FieldValue, Record, Store, StoreError};
use apex_syntax::ast::{Expr, FieldExpr, Query, QueryValue, SelectItem};
use apex_syntax::Spanned;
use paths::{Column, Joins};

/// A bind variable's value: one value, or a collection for `IN :ids`.
#[derive(Clone, Debug, PartialEq)]
pub enum BindValue {
    One(FieldValue),
    Many(Vec<FieldValue>),
}

/// What a query needs from its caller: bind values, and today's date for date literals.
pub struct QueryContext<'a> {
    /// Evaluates a `:bind` expression.
    pub bind: &'a mut dyn FnMut(&Spanned<Expr>) -> Result<BindValue, StoreError>,
    /// Today in the user's time zone, `yyyy-MM-dd`.
    pub today: &'a str,
}

/// A query's result: the records, or for `SELECT COUNT()` only the count.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryResult {
    pub records: Vec<Record>,
    pub total_size: usize,
    pub count_only: bool,
}

impl Store {
    pub fn query(&mut self, query: &Query, context: &mut QueryContext) -> Result<QueryResult, StoreError> {
        let object = from_object(query)?;
        let base = self.schema().object(&object).cloned().ok_or_else(|| invalid_type(&object))?;
        let alias = query.from.node.alias.as_ref().map(|a| a.as_str().to_string());
        let mut joins = Joins::new(base.clone(), alias);
        let count_only = is_count(query);
        let mut columns: Vec<Column> = Vec::new();
        if !count_only {
            columns.push(joins.column(&["Id".to_string()], self)?);
            for item in &query.select {
                match &item.node {
                    SelectItem::Field { path, .. } => {
                        let names: Vec<String> = path.0.iter().map(|n| n.as_str().to_string()).collect();
                        let column = joins.column(&names, self)?;
                        if !columns.iter().any(|c| c.path_key() == column.path_key()) {
                            columns.push(column);
                        }
                    }
                    SelectItem::Function { .. } => return Err(unsupported("aggregate functions in SOQL")),
                    SelectItem::Subquery(_) => return Err(unsupported("child relationship subqueries")),
                    SelectItem::TypeOf { .. } => return Err(unsupported("TYPEOF")),
                }
            }
            // Each parent comes back with its Id, which also tells a missing parent (no Id)
            // from one whose selected fields are empty.
            let parents: Vec<Vec<String>> =
                columns.iter().map(|c| c.relationships.clone()).filter(|r| !r.is_empty()).collect();
            for path in parents {
                for depth in 1..=path.len() {
                    let mut names = path[..depth].to_vec();
                    names.push("Id".to_string());
                    let column = joins.column(&names, self)?;
                    if !columns.iter().any(|c| c.path_key() == column.path_key()) {
                        columns.push(column);
                    }
                }
            }
        }
        let mut params = Vec::new();
        let mut clauses = Vec::new();
        if !query.all_rows {
            clauses.push("t0.\"IsDeleted\" = 0".to_string());
        }
        if let Some(condition) = &query.filter {
            let mut writer = filter::FilterWriter { joins: &mut joins, store: self, params: &mut params, context };
            clauses.push(writer.condition(&condition.node)?);
        }
        let order = self.order_by(query, &mut joins)?;
        let limit = limit_value(query.limit.as_ref().map(|l| &l.node), context)?;
        let offset = limit_value(query.offset.as_ref().map(|o| &o.node), context)?;
        self.ensure_table(&base.name)?;
        for table in joins.tables() {
            self.ensure_table(table)?;
        }
        let select =
            if count_only { "1".to_string() } else { columns.iter().map(Column::sql).collect::<Vec<_>>().join(", ") };
        let mut sql = format!("SELECT {select} FROM {}", joins.tables_sql());
        if !clauses.is_empty() {
            sql.push_str(&format!(" WHERE {}", clauses.join(" AND ")));
        }
        if !order.is_empty() && !count_only {
            sql.push_str(&format!(" ORDER BY {}", order.join(", ")));
        }
        match (limit, offset) {
            (Some(l), Some(o)) => sql.push_str(&format!(" LIMIT {l} OFFSET {o}")),
            (Some(l), None) => sql.push_str(&format!(" LIMIT {l}")),
            (None, Some(o)) => sql.push_str(&format!(" LIMIT -1 OFFSET {o}")),
            (None, None) => {}
        }
        // COUNT() counts the rows the query would return, LIMIT and OFFSET included.
        if count_only {
            sql = format!("SELECT COUNT(*) FROM ({sql})");
        }
        let mut statement = self.connection.prepare(&sql).map_err(sql_error)?;
        let mut rows = statement.query(rusqlite::params_from_iter(params.iter().map(to_sql))).map_err(sql_error)?;
        if count_only {
            let count: i64 = match rows.next().map_err(sql_error)? {
                Some(row) => row.get(0).map_err(sql_error)?,
                None => 0,
            };
            return Ok(QueryResult { records: Vec::new(), total_size: count as usize, count_only: true });
        }
        let mut records = Vec::new();
        while let Some(row) = rows.next().map_err(sql_error)? {
            let mut values = Vec::with_capacity(columns.len());
            for (i, column) in columns.iter().enumerate() {
                values.push(from_sql(row.get_ref(i).map_err(sql_error)?, &column.ty));
            }
            records.push(assemble(&base.name, &columns, values));
        }
        let total_size = records.len();
        Ok(QueryResult { records, total_size, count_only: false })
    }

    fn order_by(&self, query: &Query, joins: &mut Joins) -> Result<Vec<String>, StoreError> {
        let mut order = Vec::new();
        for item in &query.order_by {
            let FieldExpr::Field(path) = &item.node.field.node else {
                return Err(unsupported("ORDER BY on a function"));
            };
            let names: Vec<String> = path.0.iter().map(|n| n.as_str().to_string()).collect();
            let column = joins.column(&names, self)?;
            let collate = if column.is_text() { " COLLATE NOCASE" } else { "" };
            let direction = if item.node.descending { "DESC" } else { "ASC" };
            // Nulls come first in ascending order and last in descending order unless stated.
            let nulls = match item.node.nulls_first {
                Some(true) => " NULLS FIRST",
                Some(false) => " NULLS LAST",
                None if item.node.descending => " NULLS LAST",
                None => " NULLS FIRST",
            };
            order.push(format!("{}{collate} {direction}{nulls}", column.sql()));
        }
        Ok(order)
    }
}

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
            prune_empty_parents(parent);
            if matches!(parent.get("Id"), None | Some(FieldValue::Null)) {
                *value = FieldValue::Null;
            }
        }
    }
}

fn from_object(query: &Query) -> Result<String, StoreError> {
    let path = &query.from.node.object.0;
    match path.as_slice() {
        [name] => Ok(name.as_str().to_string()),
        _ => Err(unsupported("a FROM clause with a relationship path")),
    }
}

/// Whether the query is `SELECT COUNT() FROM ...`, which yields a number instead of rows.
pub fn is_count(query: &Query) -> bool {
    matches!(query.select.as_slice(), [item] if matches!(&item.node, SelectItem::Function { call, .. }
        if call.name.as_str().eq_ignore_ascii_case("count") && call.args.is_empty()))
}

fn limit_value(value: Option<&QueryValue>, context: &mut QueryContext) -> Result<Option<i64>, StoreError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let n = match value {
        QueryValue::Literal(apex_syntax::ast::Literal::Integer(n)) => *n as i64,
        QueryValue::Literal(apex_syntax::ast::Literal::Long(n)) => *n,
        QueryValue::Bind(expr) => match (context.bind)(expr)? {
            BindValue::One(FieldValue::Int(n)) => n,
            _ => return Err(StoreError::new("MALFORMED_QUERY", "LIMIT and OFFSET need an Integer", Vec::new())),
        },
        _ => return Err(StoreError::new("MALFORMED_QUERY", "LIMIT and OFFSET need an Integer", Vec::new())),
    };
    if n < 0 {
        return Err(StoreError::new("MALFORMED_QUERY", "LIMIT and OFFSET must not be negative", Vec::new()));
    }
    Ok(Some(n))
}

pub(crate) fn invalid_type(object: &str) -> StoreError {
    StoreError::new(
        "INVALID_TYPE",
        format!("sObject type '{object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."),
        Vec::new(),
    )
}

pub(crate) fn invalid_field(field: &str, object: &str) -> StoreError {
    StoreError::new(
        "INVALID_FIELD",
        format!("No such column '{field}' on entity '{object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."),
        Vec::new(),
    )
}

pub(crate) fn unsupported(what: &str) -> StoreError {
    StoreError::new("UNSUPPORTED", format!("{what} is not supported yet"), Vec::new())
}

/// Whether values of this type compare and sort as text, ignoring case. Ids do not: they are
/// kept in their 18-character form and compared exactly, which lets the indexes serve them.
pub(crate) fn is_text(ty: &FieldType) -> bool {
    !matches!(
        ty,
        FieldType::Boolean
            | FieldType::Int
            | FieldType::Double
            | FieldType::Currency
            | FieldType::Percent
            | FieldType::Id
            | FieldType::Reference { .. }
    )
}

#[cfg(test)]
mod tests;
