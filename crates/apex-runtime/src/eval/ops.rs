//! The binary and unary operators on values: Apex arithmetic (Integer and Long wrap, the
//! result type is the wider operand's), string concatenation, comparisons, equality and the
//! bitwise operators.

use super::{Interp, SysExc, Throw};
use crate::stdlib::{date, number};
use crate::value::number::{numeric_cmp, rank, to_decimal, to_f64, to_i64};
use crate::value::Value;
use apex_syntax::ast::BinaryOp;
use std::cmp::Ordering;

impl Interp<'_> {
    pub(super) fn binary(&mut self, op: BinaryOp, l: &Value, r: &Value) -> Result<Value, Throw> {
        use BinaryOp::*;
        match op {
            Add => self.add(l, r),
            Sub | Mul | Div => arithmetic(op, l, r),
            Eq => Ok(Value::Boolean(self.apex_equals(l, r)?)),
            Ne => Ok(Value::Boolean(!self.apex_equals(l, r)?)),
            ExactEq => Ok(Value::Boolean(exact_equals(l, r))),
            ExactNe => Ok(Value::Boolean(!exact_equals(l, r))),
            Lt => Ok(Value::Boolean(compare(l, r).is_some_and(|o| o == Ordering::Less))),
            Le => Ok(Value::Boolean(compare(l, r).is_some_and(|o| o != Ordering::Greater))),
            Gt => Ok(Value::Boolean(compare(l, r).is_some_and(|o| o == Ordering::Greater))),
            Ge => Ok(Value::Boolean(compare(l, r).is_some_and(|o| o != Ordering::Less))),
            BitAnd | BitOr | BitXor => bitwise(op, l, r),
            Shl | Shr | UShr => shift(op, l, r),
            And | Or | Coalesce => Err(Throw::fault(super::Fault::Internal("short-circuit operator".into()))),
        }
    }

    fn add(&mut self, l: &Value, r: &Value) -> Result<Value, Throw> {
        match (l, r) {
            (Value::Integer(a), Value::Integer(b)) => Ok(Value::Integer(a.wrapping_add(*b))),
            (Value::String(_), _) | (_, Value::String(_)) => {
                let mut text = self.stringify_implicit(l)?;
                text.push_str(&self.stringify_implicit(r)?);
                self.limits.check_heap(text.len()).map_err(|e| self.materialize(e))?;
                Ok(Value::string(text))
            }
            (Value::Date(d), n) => Ok(Value::Date(date::date_plus_days(*d, whole(n)?))),
            (Value::Datetime(d), n) => {
                Ok(Value::Datetime(date::datetime_plus_days(*d, to_f64(n).ok_or_else(Throw::null_pointer)?)))
            }
            (Value::Time(t), n) => {
                let ms = (t.0 as i64 + whole(n)?).rem_euclid(crate::value::time::MS_PER_DAY);
                Ok(Value::Time(crate::value::Time(ms as i32)))
            }
            _ => arithmetic(BinaryOp::Add, l, r),
        }
    }
}

fn whole(n: &Value) -> Result<i64, Throw> {
    match n {
        Value::Null => Err(Throw::null_pointer()),
        other => to_i64(other).or_else(|| to_f64(other).map(|f| f as i64)).ok_or_else(Throw::null_pointer),
    }
}

/// `+ - * /` on numbers (and Date/Datetime minus a number).
pub(super) fn arithmetic(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, Throw> {
    use BinaryOp::*;
    if let (Value::Integer(a), Value::Integer(b)) = (l, r) {
        return Ok(Value::Integer(match op {
            Add => a.wrapping_add(*b),
            Sub => a.wrapping_sub(*b),
            Mul => a.wrapping_mul(*b),
            _ if *b == 0 => return Err(divide_by_zero()),
            _ => a.wrapping_div(*b),
        }));
    }
    if op == Sub {
        match (l, r) {
            (Value::Date(d), n) => return Ok(Value::Date(date::date_plus_days(*d, -whole(n)?))),
            (Value::Datetime(d), n) => {
                return Ok(Value::Datetime(date::datetime_plus_days(*d, -to_f64(n).ok_or_else(Throw::null_pointer)?)))
            }
            _ => {}
        }
    }
    let (Some(ra), Some(rb)) = (rank(l), rank(r)) else {
        if l.is_null() || r.is_null() {
            return Err(Throw::null_pointer());
        }
        return Err(Throw::fault(super::Fault::Internal(format!("arithmetic on {l:?} and {r:?}"))));
    };
    match ra.max(rb) {
        1 => {
            let (a, b) = (to_i64(l).unwrap_or(0), to_i64(r).unwrap_or(0));
            Ok(Value::Long(match op {
                Add => a.wrapping_add(b),
                Sub => a.wrapping_sub(b),
                Mul => a.wrapping_mul(b),
                _ if b == 0 => return Err(divide_by_zero()),
                _ => a.wrapping_div(b),
            }))
        }
        2 => {
            let (a, b) = (to_f64(l).unwrap_or(0.0), to_f64(r).unwrap_or(0.0));
            Ok(Value::Double(match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                _ if b == 0.0 => return Err(divide_by_zero()),
                _ => a / b,
            }))
        }
        _ => {
            let (Some(a), Some(b)) = (to_decimal(l), to_decimal(r)) else {
                return Err(Throw::sys(SysExc::Math, "Invalid decimal"));
            };
            Ok(Value::decimal(match op {
                Add => a + b,
                Sub => a - b,
                Mul => decimal_mul(&a, &b),
                _ => number::decimal_div(&a, &b)?,
            }))
        }
    }
}

/// The exact product with the sum of the scales (bigdecimal shortcuts `x * 1` to `x`, which
/// would lose the scale: `1.0 * 1.0` is `1.00`).
fn decimal_mul(a: &bigdecimal::BigDecimal, b: &bigdecimal::BigDecimal) -> bigdecimal::BigDecimal {
    let (x, sx) = a.as_bigint_and_exponent();
    let (y, sy) = b.as_bigint_and_exponent();
    bigdecimal::BigDecimal::new(x * y, sx + sy)
}

fn divide_by_zero() -> Throw {
    Throw::sys(SysExc::Math, "Divide by 0")
}

/// `<`, `>`...: numbers by value, Strings lexicographically ignoring case, dates; `None`
/// (so false) when a number or date is null. A non-null String or Id is greater than null.
pub(super) fn compare(l: &Value, r: &Value) -> Option<Ordering> {
    match (l, r) {
        (Value::Integer(a), Value::Integer(b)) => Some(a.cmp(b)),
        (Value::String(a) | Value::Id(a), Value::String(b) | Value::Id(b)) => Some(compare_ignore_case(a, b)),
        (Value::String(_) | Value::Id(_), Value::Null) => Some(Ordering::Greater),
        (Value::Null, Value::String(_) | Value::Id(_)) => Some(Ordering::Less),
        (Value::Date(a), Value::Date(b)) => Some(a.cmp(b)),
        (Value::Datetime(a), Value::Datetime(b)) => Some(a.cmp(b)),
        (Value::Time(a), Value::Time(b)) => Some(a.cmp(b)),
        _ => numeric_cmp(l, r),
    }
}

fn compare_ignore_case(a: &str, b: &str) -> Ordering {
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    a.chars().map(lower).cmp(b.chars().map(lower))
}

/// `===`: identity for objects, exact equality for everything else.
fn exact_equals(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::List(_) | Value::Set(_) | Value::Map(_) | Value::Object(_), _) => l.same_object(r),
        _ => crate::value::collections::key_eq(l, r),
    }
}

fn bitwise(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, Throw> {
    use BinaryOp::*;
    match (l, r) {
        (Value::Boolean(a), Value::Boolean(b)) => Ok(Value::Boolean(match op {
            BitAnd => a & b,
            BitOr => a | b,
            _ => a ^ b,
        })),
        (Value::Integer(a), Value::Integer(b)) => Ok(Value::Integer(match op {
            BitAnd => a & b,
            BitOr => a | b,
            _ => a ^ b,
        })),
        _ => match (to_i64(l), to_i64(r)) {
            (Some(a), Some(b)) => Ok(Value::Long(match op {
                BitAnd => a & b,
                BitOr => a | b,
                _ => a ^ b,
            })),
            _ => Err(Throw::null_pointer()),
        },
    }
}

fn shift(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, Throw> {
    let count = to_i64(r).ok_or_else(Throw::null_pointer)?;
    match l {
        Value::Integer(a) => {
            let n = (count & 31) as u32;
            Ok(Value::Integer(match op {
                BinaryOp::Shl => a.wrapping_shl(n),
                BinaryOp::Shr => a.wrapping_shr(n),
                _ => ((*a as u32) >> n) as i32,
            }))
        }
        Value::Long(a) => {
            let n = (count & 63) as u32;
            Ok(Value::Long(match op {
                BinaryOp::Shl => a.wrapping_shl(n),
                BinaryOp::Shr => a.wrapping_shr(n),
                _ => ((*a as u64) >> n) as i64,
            }))
        }
        _ => Err(Throw::null_pointer()),
    }
}

pub(super) fn negate(v: &Value) -> Result<Value, Throw> {
    Ok(match v {
        Value::Integer(i) => Value::Integer(i.wrapping_neg()),
        Value::Long(l) => Value::Long(l.wrapping_neg()),
        Value::Double(d) => Value::Double(-d),
        Value::Decimal(d) => Value::decimal(-(**d).clone()),
        _ => return Err(Throw::null_pointer()),
    })
}

pub(super) fn bit_not(v: &Value) -> Result<Value, Throw> {
    Ok(match v {
        Value::Integer(i) => Value::Integer(!i),
        Value::Long(l) => Value::Long(!l),
        _ => return Err(Throw::null_pointer()),
    })
}

/// `x + delta` for `++`/`--`, keeping x's numeric type.
pub(super) fn add_delta(v: &Value, delta: i8) -> Result<Value, Throw> {
    Ok(match v {
        Value::Integer(i) => Value::Integer(i.wrapping_add(delta as i32)),
        Value::Long(l) => Value::Long(l.wrapping_add(delta as i64)),
        Value::Double(d) => Value::Double(d + delta as f64),
        Value::Decimal(d) => Value::decimal((**d).clone() + bigdecimal::BigDecimal::from(delta)),
        _ => return Err(Throw::null_pointer()),
    })
}
