//! Numeric helpers shared by the operators and the system library: conversions between the
//! four numeric types and value comparison across them.

use super::Value;
use bigdecimal::{BigDecimal, FromPrimitive, ToPrimitive};
use std::cmp::Ordering;

/// The value as an f64 when it is a number.
pub fn to_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Integer(i) => Some(*i as f64),
        Value::Long(l) => Some(*l as f64),
        Value::Double(d) => Some(*d),
        Value::Decimal(d) => d.to_f64(),
        _ => None,
    }
}

/// The value as a BigDecimal when it is a number. A Double converts through its shortest
/// decimal text, as Apex does (`Decimal.valueOf(0.1d)` is `0.1`).
pub fn to_decimal(value: &Value) -> Option<BigDecimal> {
    match value {
        Value::Integer(i) => Some(BigDecimal::from(*i)),
        Value::Long(l) => Some(BigDecimal::from(*l)),
        Value::Double(d) => double_to_decimal(*d),
        Value::Decimal(d) => Some((**d).clone()),
        _ => None,
    }
}

pub fn double_to_decimal(d: f64) -> Option<BigDecimal> {
    if !d.is_finite() {
        return None;
    }
    let text = format!("{d:?}");
    text.parse::<BigDecimal>().ok().or_else(|| BigDecimal::from_f64(d))
}

/// The value as an i64 when it is an Integer or Long.
pub fn to_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(i) => Some(*i as i64),
        Value::Long(l) => Some(*l),
        _ => None,
    }
}

/// Numeric rank of a value in the widening order, or `None` for non-numbers.
pub fn rank(value: &Value) -> Option<u8> {
    match value {
        Value::Integer(_) => Some(0),
        Value::Long(_) => Some(1),
        Value::Double(_) => Some(2),
        Value::Decimal(_) => Some(3),
        _ => None,
    }
}

/// Compares two numbers by value across types; `None` when either is not a number.
pub fn numeric_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Some(x.cmp(y)),
        _ => {
            let (ra, rb) = (rank(a)?, rank(b)?);
            match ra.max(rb) {
                0 | 1 => Some(to_i64(a)?.cmp(&to_i64(b)?)),
                2 => to_f64(a)?.partial_cmp(&to_f64(b)?),
                _ => Some(to_decimal(a)?.cmp(&to_decimal(b)?)),
            }
        }
    }
}

pub fn numeric_eq(a: &Value, b: &Value) -> Option<bool> {
    numeric_cmp(a, b).map(|o| o == Ordering::Equal)
}
