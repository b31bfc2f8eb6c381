//! The WHERE clause as SQL: comparisons with SOQL's rules (text case-insensitive, `!=` and
//! `NOT IN` also match nulls, `= null` is IS NULL), LIKE, IN lists and binds, and the date
//! literals `TODAY`, `YESTERDAY`, `TOMORROW`, `LAST_N_DAYS:n` and `NEXT_N_DAYS:n` as ranges.

use super::paths::{Column, Joins};
use super::{unsupported, BindValue, QueryContext};
use crate::calendar;
use crate::ids::Id;
use crate::schema::FieldType;
use crate::store::{FieldValue, Store, StoreError};
use apex_syntax::ast::{CompareOp, Condition, FieldExpr, Literal, Query, QueryValue};

/// Writes one WHERE (or HAVING) clause, collecting its parameters and the tables its
/// semi-joins read.
pub(crate) struct FilterWriter<'a, 'c> {
    joins: &'a mut Joins,
    store: &'a Store,
    params: &'a mut Vec<FieldValue>,
    context: &'a mut QueryContext<'c>,
    pub tables: Vec<String>,
    /// HAVING compares aggregate functions; WHERE does not allow them.
    pub aggregates: bool,
}

/// What the right-hand side of a comparison stands for.
enum Operand {
    Null,
    One(FieldValue),
    Many(Vec<FieldValue>),
    /// A date literal: the days `[start, end)`, `yyyy-MM-dd`.
    Range(String, String),
}

impl<'a, 'c> FilterWriter<'a, 'c> {
    pub fn new(
        joins: &'a mut Joins,
        store: &'a Store,
        params: &'a mut Vec<FieldValue>,
        context: &'a mut QueryContext<'c>,
    ) -> FilterWriter<'a, 'c> {
        FilterWriter { joins, store, params, context, tables: Vec::new(), aggregates: false }
    }

    pub fn condition(&mut self, condition: &Condition) -> Result<String, StoreError> {
        Ok(match condition {
            Condition::And(a, b) => format!("({} AND {})", self.condition(&a.node)?, self.condition(&b.node)?),
            Condition::Or(a, b) => format!("({} OR {})", self.condition(&a.node)?, self.condition(&b.node)?),
            Condition::Not(c) => format!("(NOT {})", self.condition(&c.node)?),
            Condition::Paren(c) => self.condition(&c.node)?,
            Condition::Compare { lhs, op, rhs } => {
                let column = self.lhs_column(&lhs.node)?;
                if let QueryValue::Subquery(inner) = &rhs.node {
                    return self.semi_join(&column, *op, inner);
                }
                let operand = self.operand(&rhs.node, &column)?;
                self.compare(&column, *op, operand)?
            }
        })
    }

    fn lhs_column(&mut self, lhs: &FieldExpr) -> Result<Column, StoreError> {
        match lhs {
            FieldExpr::Field(path) => {
                let names: Vec<String> = path.0.iter().map(|n| n.as_str().to_string()).collect();
                self.joins.column(&names, self.store)
            }
            FieldExpr::Function(call) if self.aggregates => {
                super::aggregate::function_column(self.joins, self.store, call)
            }
            FieldExpr::Function(call) => Err(unsupported(&format!("{} in WHERE", call.name.as_str()))),
            FieldExpr::Value(_) => Err(super::malformed("a comparison needs a field on its left")),
        }
    }

    /// `Id IN (SELECT AccountId FROM Contact ...)`, and NOT IN.
    fn semi_join(&mut self, column: &Column, op: CompareOp, inner: &Query) -> Result<String, StoreError> {
        let sql = super::select::semi_join_sql(self.store, inner, self.params, &mut self.tables, self.context)?;
        let col = column.sql();
        match op {
            CompareOp::In => Ok(format!("{col} IN ({sql})")),
            CompareOp::NotIn => Ok(format!("({col} IS NULL OR {col} NOT IN ({sql}))")),
            _ => Err(super::malformed("a subquery goes with IN or NOT IN")),
        }
    }

    fn operand(&mut self, value: &QueryValue, column: &Column) -> Result<Operand, StoreError> {
        Ok(match value {
            QueryValue::Literal(Literal::Null) => Operand::Null,
            QueryValue::Literal(literal) => Operand::One(literal_value(literal)),
            QueryValue::DateTime(text) => Operand::One(date_time_value(text, &column.ty)?),
            QueryValue::DateLiteral { name, n } => {
                let (start, end) = date_range(name.as_str(), *n, self.context.today)?;
                Operand::Range(start, end)
            }
            QueryValue::Bind(expr) => match (self.context.bind)(expr)? {
                BindValue::One(FieldValue::Null) => Operand::Null,
                BindValue::One(v) => Operand::One(v),
                BindValue::Many(vs) => Operand::Many(vs),
            },
            QueryValue::List(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    match self.operand(&item.node, column)? {
                        Operand::One(v) => values.push(v),
                        Operand::Null => values.push(FieldValue::Null),
                        _ => return Err(unsupported("nested lists in IN")),
                    }
                }
                Operand::Many(values)
            }
            QueryValue::Subquery(_) => return Err(super::malformed("a subquery goes with IN or NOT IN")),
        })
    }

    fn compare(&mut self, column: &Column, op: CompareOp, operand: Operand) -> Result<String, StoreError> {
        let col = column.sql();
        let nocase = if column.is_text() { " COLLATE NOCASE" } else { "" };
        Ok(match (op, operand) {
            (CompareOp::Eq, Operand::Null) => format!("{col} IS NULL"),
            (CompareOp::Ne, Operand::Null) => format!("{col} IS NOT NULL"),
            (_, Operand::Null) => "0".to_string(),
            (CompareOp::Like, Operand::One(v)) => format!("{col} LIKE {} ESCAPE '\\'", self.param(v, column)),
            (CompareOp::In, Operand::Many(vs)) | (CompareOp::Eq, Operand::Many(vs)) => match self.list(vs, column) {
                Some(list) => format!("{col}{nocase} IN ({list})"),
                None => "0".to_string(),
            },
            (CompareOp::NotIn, Operand::Many(vs)) | (CompareOp::Ne, Operand::Many(vs)) => match self.list(vs, column) {
                Some(list) => format!("({col} IS NULL OR {col}{nocase} NOT IN ({list}))"),
                None => "1".to_string(),
            },
            (CompareOp::In | CompareOp::NotIn, Operand::One(v)) => {
                return self.compare(column, op, Operand::Many(vec![v]));
            }
            (CompareOp::Ne, Operand::One(v)) => {
                format!("({col} IS NULL OR {col}{nocase} <> {})", self.param(v, column))
            }
            (op, Operand::One(v)) => format!("{col}{nocase} {} {}", sql_op(op)?, self.param(v, column)),
            (op, Operand::Range(start, end)) => {
                let (start, end) = (range_bound(&start, &column.ty), range_bound(&end, &column.ty));
                let (s, e) = (self.param(start, column), self.param(end, column));
                match op {
                    CompareOp::Eq => format!("({col} >= {s} AND {col} < {e})"),
                    CompareOp::Ne => format!("({col} IS NULL OR {col} < {s} OR {col} >= {e})"),
                    CompareOp::Lt => format!("{col} < {s}"),
                    CompareOp::Le => format!("{col} < {e}"),
                    CompareOp::Gt => format!("{col} >= {e}"),
                    CompareOp::Ge => format!("{col} >= {s}"),
                    _ => return Err(unsupported("this operator with a date literal")),
                }
            }
            (_, Operand::Many(_)) => return Err(unsupported("a list with this operator")),
        })
    }

    /// Adds a parameter, shaped for the column (18-character Ids, Booleans as 0 and 1).
    fn param(&mut self, value: FieldValue, column: &Column) -> String {
        let value = match (&column.ty, value) {
            (FieldType::Id | FieldType::Reference { .. }, FieldValue::Text(t)) => {
                FieldValue::Text(Id::parse(&t).map_or(t, |id| id.to_string()))
            }
            (_, other) => other,
        };
        self.params.push(value);
        "?".to_string()
    }

    /// `?, ?, ?` for the non-null values, or None when there are none.
    fn list(&mut self, values: Vec<FieldValue>, column: &Column) -> Option<String> {
        let marks: Vec<String> =
            values.into_iter().filter(|v| *v != FieldValue::Null).map(|v| self.param(v, column)).collect();
        (!marks.is_empty()).then(|| marks.join(", "))
    }
}

fn sql_op(op: CompareOp) -> Result<&'static str, StoreError> {
    Ok(match op {
        CompareOp::Eq => "=",
        CompareOp::Ne => "<>",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
        _ => return Err(unsupported("INCLUDES and EXCLUDES")),
    })
}

fn literal_value(literal: &Literal) -> FieldValue {
    match literal {
        Literal::Integer(n) => FieldValue::Int(*n as i64),
        Literal::Long(n) => FieldValue::Int(*n),
        Literal::Decimal(d) | Literal::Double(d) => FieldValue::Number(d.parse().unwrap_or(0.0)),
        Literal::String(s) => FieldValue::Text(s.clone()),
        Literal::Boolean(b) => FieldValue::Bool(*b),
        Literal::Null => FieldValue::Null,
    }
}

/// A date or datetime literal in the stored form of the column: `yyyy-MM-dd` for dates, the
/// GMT instant `yyyy-MM-ddTHH:mm:ss.SSSZ` for datetimes.
fn date_time_value(text: &str, ty: &FieldType) -> Result<FieldValue, StoreError> {
    let malformed = || StoreError::new("MALFORMED_QUERY", format!("invalid date or datetime: {text}"), Vec::new());
    let date = text.get(..10).ok_or_else(malformed)?;
    let days = days_of(date).ok_or_else(malformed)?;
    if matches!(ty, FieldType::Date) || text.len() == 10 {
        return Ok(FieldValue::Text(if matches!(ty, FieldType::DateTime) {
            format!("{date}T00:00:00.000Z")
        } else {
            date.to_string()
        }));
    }
    let rest = text.get(11..).ok_or_else(malformed)?;
    let (clock, offset) = match rest.find(['Z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => return Err(malformed()),
    };
    let mut parts = clock.split(':').map(|p| p.split('.').next().unwrap_or(p).parse::<i64>());
    let (h, m, s) = match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(h)), Some(Ok(m)), Some(Ok(s))) => (h, m, s),
        _ => return Err(malformed()),
    };
    let offset_minutes = match offset {
        "Z" => 0,
        other => {
            let sign = if other.starts_with('-') { -1 } else { 1 };
            let digits: String = other[1..].chars().filter(char::is_ascii_digit).collect();
            if digits.len() != 4 {
                return Err(malformed());
            }
            sign * (digits[..2].parse::<i64>().unwrap_or(0) * 60 + digits[2..].parse::<i64>().unwrap_or(0))
        }
    };
    let seconds = days * 86_400 + h * 3600 + m * 60 + s - offset_minutes * 60;
    let (day, second) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    Ok(FieldValue::Text(format!(
        "{}T{:02}:{:02}:{:02}.000Z",
        date_of(day),
        second / 3600,
        second / 60 % 60,
        second % 60
    )))
}

/// The days `[start, end)` a date literal covers, counted from `today`.
fn date_range(name: &str, n: Option<u32>, today: &str) -> Result<(String, String), StoreError> {
    let today = days_of(today).ok_or_else(|| unsupported("a date literal without today's date"))?;
    let n = n.map(i64::from);
    let (start, end) = match (name.to_ascii_uppercase().as_str(), n) {
        ("TODAY", None) => (today, today + 1),
        ("YESTERDAY", None) => (today - 1, today),
        ("TOMORROW", None) => (today + 1, today + 2),
        ("LAST_N_DAYS", Some(n)) => (today - n, today + 1),
        ("NEXT_N_DAYS", Some(n)) => (today + 1, today + n + 1),
        ("LAST_90_DAYS", None) => (today - 90, today + 1),
        ("NEXT_90_DAYS", None) => (today + 1, today + 91),
        (other, _) => return Err(unsupported(&format!("the date literal {other}"))),
    };
    Ok((date_of(start), date_of(end)))
}

/// A day bound in the column's stored form.
fn range_bound(day: &str, ty: &FieldType) -> FieldValue {
    match ty {
        FieldType::DateTime => FieldValue::Text(format!("{day}T00:00:00.000Z")),
        _ => FieldValue::Text(day.to_string()),
    }
}

/// Days since 1970-01-01 of `yyyy-MM-dd`.
fn days_of(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d) =
        (parts.next()?.parse::<i64>().ok()?, parts.next()?.parse::<u32>().ok()?, parts.next()?.parse::<u32>().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(calendar::days_from_civil(y, m, d))
}

/// `yyyy-MM-dd` of a day count since 1970-01-01.
fn date_of(days: i64) -> String {
    let (year, month, day) = calendar::civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}
