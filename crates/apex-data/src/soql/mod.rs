//! Runs SOQL against the store: the query's tree (from `apex_syntax`) becomes SQLite
//! statements, with a LEFT JOIN per parent relationship in the query. Supported: fields and
//! parent paths (`Account.Owner.Name`), child subqueries, WHERE (comparisons, LIKE, IN, NOT
//! IN, null, AND, OR, NOT, date literals, bind variables, semi-joins), ORDER BY with NULLS
//! FIRST/LAST, LIMIT, OFFSET, `COUNT()`, aggregates with GROUP BY and HAVING, and ALL ROWS.
//! Text compares, groups and sorts case-insensitively, as SOQL does.

mod access;
mod aggregate;
mod children;
mod filter;
mod paths;
mod select;

pub use access::{check as check_access, QueryMode, SECURITY_ENFORCED_MESSAGE};
pub use aggregate::{is_aggregate, AGGREGATE_RESULT};
pub use select::COMPOUND_ADDRESS;

use crate::schema::{FieldType, ObjectSchema};
use crate::store::{sql_error, to_sql, FieldValue, Record, Store, StoreError};
use apex_syntax::ast::{Expr, Query, QueryValue, SelectItem};
use apex_syntax::Spanned;

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
        if is_count(query) && query.group_by.is_none() {
            return self.count(query, &base, context);
        }
        let records = if aggregate::is_aggregate(query) {
            aggregate::run(self, query, &base, context)?
        } else {
            select::run(self, query, &base, None, context)?.records
        };
        let total_size = records.len();
        Ok(QueryResult { records, total_size, count_only: false })
    }

    /// `SELECT COUNT() ...` counts the rows the query would return, LIMIT and OFFSET included.
    fn count(
        &mut self,
        query: &Query,
        base: &ObjectSchema,
        context: &mut QueryContext,
    ) -> Result<QueryResult, StoreError> {
        let (plan, tables) = select::plan(self, query, base, None, context)?;
        for table in &tables {
            self.ensure_table(table)?;
        }
        let sql = format!("SELECT COUNT(*) FROM ({})", plan.sql);
        let count: i64 = self
            .connection
            .query_row(&sql, rusqlite::params_from_iter(plan.params.iter().map(to_sql)), |row| row.get(0))
            .map_err(sql_error)?;
        Ok(QueryResult { records: Vec::new(), total_size: count as usize, count_only: true })
    }
}

pub(crate) fn from_object(query: &Query) -> Result<String, StoreError> {
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

pub(crate) fn limit_value(value: Option<&QueryValue>, context: &mut QueryContext) -> Result<Option<i64>, StoreError> {
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

pub(crate) fn malformed(message: &str) -> StoreError {
    StoreError::new("MALFORMED_QUERY", message, Vec::new())
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
mod related_tests;
#[cfg(test)]
mod tests;
