//! `System.Integer`, `System.Long`, `System.Double` and `System.Decimal`: conversions from text,
//! the methods on number values, and the Decimal helpers the arithmetic operators call.
//! References:
//! https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_integer.htm
//! https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_long.htm
//! https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_double.htm
//! https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_decimal.htm

#[path = "decimal.rs"]
pub(crate) mod decimal;

pub use decimal::{
    divide_by_zero, exact_f64, format_grouped, format_grouped_f64, from_f64 as decimal_from_double, group_thousands,
    parse as parse_java_decimal, rescale, to_java_string as decimal_to_java_string, Rounding, DIVISION_PRECISION,
};

use super::{ret, Native, SysEnum};
use crate::eval::{SysExc, Throw};
use crate::value::format::{format_decimal, format_double};
use crate::value::number::{to_decimal, to_f64};
use crate::value::Value;
use bigdecimal::BigDecimal;

pub static INTEGER_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::INTEGER, integer_value_of)];

pub static INTEGER_INSTANCE: &[Native] = &[Native::pure("format", 0, ret::STRING, format_whole)];

pub static LONG_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::LONG, long_value_of)];

pub static LONG_INSTANCE: &[Native] =
    &[Native::pure("format", 0, ret::STRING, format_whole), Native::pure("intvalue", 0, ret::INTEGER, long_int_value)];

pub static DOUBLE_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::DOUBLE, double_value_of)];

pub static DOUBLE_INSTANCE: &[Native] = &[
    Native::pure("format", 0, ret::STRING, double_format),
    Native::pure("intvalue", 0, ret::INTEGER, double_int_value),
    Native::pure("longvalue", 0, ret::LONG, double_long_value),
    Native::pure("round", 0, ret::LONG, double_round),
];

pub static DECIMAL_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::DECIMAL, decimal_value_of)];

pub static DECIMAL_INSTANCE: &[Native] = &[
    Native::pure("abs", 0, ret::DECIMAL, decimal_abs),
    Native::pure("divide", 2, ret::DECIMAL, decimal_divide).args(2, 3),
    Native::pure("doublevalue", 0, ret::DOUBLE, decimal_double_value),
    Native::pure("format", 0, ret::STRING, decimal_format),
    Native::pure("intvalue", 0, ret::INTEGER, decimal_int_value),
    Native::pure("longvalue", 0, ret::LONG, decimal_long_value),
    Native::pure("pow", 1, ret::DECIMAL, decimal_pow),
    Native::pure("precision", 0, ret::INTEGER, decimal_precision),
    Native::pure("round", 0, ret::LONG, decimal_round_long).args(0, 1),
    Native::pure("scale", 0, ret::INTEGER, decimal_scale),
    Native::pure("setscale", 1, ret::DECIMAL, decimal_set_scale).args(1, 2),
    Native::pure("striptrailingzeros", 0, ret::DECIMAL, decimal_strip),
    Native::pure("toplainstring", 0, ret::STRING, decimal_plain),
];

/// `Integer.valueOf(String)`: Java's `Integer.parseInt` (an optional sign, then digits only).
pub fn parse_integer(text: &str) -> Result<i32, Throw> {
    text.parse().map_err(|_| invalid("integer", text))
}

/// `Long.valueOf(String)`: Java's `Long.parseLong`.
pub fn parse_long(text: &str) -> Result<i64, Throw> {
    text.parse().map_err(|_| invalid("long", text))
}

/// `Double.valueOf(String)`: Java's `Double.parseDouble` (surrounding white space ignored,
/// exponents, `NaN`, `Infinity` and a `d`/`f` suffix accepted).
pub fn parse_double(text: &str) -> Result<f64, Throw> {
    java_double(text).ok_or_else(|| invalid("double", text))
}

/// `Decimal.valueOf(String)`: Java's `new BigDecimal(String)`; the scale is the written one.
pub fn parse_decimal(text: &str) -> Result<BigDecimal, Throw> {
    decimal::parse(text).ok_or_else(|| invalid("decimal", text))
}

/// Apex `/` between Decimals (and numbers widened to Decimal). Non-terminating quotients keep
/// [`DIVISION_PRECISION`] significant digits, rounded half-even; exact ones lose trailing zeros
/// down to the preferred scale `a.scale - b.scale` (Java's `divide(b, MathContext.DECIMAL128)`:
/// `1/3` is `0.3333333333333333333333333333333333`, `1.0/4.0` is `0.25`, `6.0/2.0` is `3`).
/// A zero divisor throws `System.MathException: Divide by 0`.
pub fn decimal_div(a: &BigDecimal, b: &BigDecimal) -> Result<BigDecimal, Throw> {
    decimal::divide(a, b)
}

/// `d.setScale(scale, RoundingMode.<mode>)`; `mode` is the constant's name. `UNNECESSARY`
/// throws `System.MathException: Rounding necessary` when digits would be lost.
pub fn decimal_round(d: &BigDecimal, scale: i64, mode: &str) -> Result<BigDecimal, Throw> {
    let mode = Rounding::from_name(mode).ok_or_else(|| Throw::unsupported(format!("RoundingMode.{mode}")))?;
    decimal::rescale(d, scale, mode)
}

/// `Integer.intValue()`-style narrowing of a Decimal: the fraction dropped, then the low 32 bits.
pub fn decimal_to_i32(d: &BigDecimal) -> Result<i32, Throw> {
    Ok(decimal::truncate_to_i64(d)? as i32)
}

/// `Decimal.longValue()`: the fraction dropped, then the low 64 bits.
pub fn decimal_to_i64(d: &BigDecimal) -> Result<i64, Throw> {
    decimal::truncate_to_i64(d)
}

/// The nearest Double to a Decimal, correctly rounded.
pub fn decimal_to_f64(d: &BigDecimal) -> f64 {
    decimal::to_f64(d)
}

/// Java's `Math.round(double)`: the nearest Long, ties toward positive infinity; NaN is 0 and
/// out-of-range values saturate.
pub fn round_half_up_f64(d: f64) -> i64 {
    let floor = d.floor();
    let rounded = if d - floor >= 0.5 { floor + 1.0 } else { floor };
    rounded as i64
}

/// The Apex text of a numeric value for `format()`: en_US grouping, at most three decimals.
pub fn format_number(value: &Value) -> Result<String, Throw> {
    match value {
        Value::Integer(i) => Ok(format_i64(*i as i64)),
        Value::Long(l) => Ok(format_i64(*l)),
        Value::Double(d) => format_grouped_f64(*d),
        Value::Decimal(d) => format_grouped(d),
        Value::Null => Err(Throw::null_pointer()),
        other => Err(conversion(other, "Decimal")),
    }
}

/// The rounding mode in a `System.RoundingMode` argument.
pub fn rounding_arg(value: &Value) -> Result<Rounding, Throw> {
    if value.is_null() {
        return Err(Throw::null_pointer());
    }
    SysEnum::RoundingMode
        .constant_of(value)
        .and_then(Rounding::from_name)
        .ok_or_else(|| conversion(value, "System.RoundingMode"))
}

fn invalid(kind: &str, text: &str) -> Throw {
    Throw::sys(SysExc::Type, format!("Invalid {kind}: {text}"))
}

/// The TypeException of a failed conversion from an `Object` argument (the cast message; the
/// exact text for `valueOf(Object)` is unconfirmed).
pub fn conversion(value: &Value, target: &str) -> Throw {
    Throw::sys(SysExc::Type, format!("Invalid conversion from runtime type {} to {target}", type_name(value)))
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Boolean(_) => "Boolean",
        Value::Integer(_) => "Integer",
        Value::Long(_) => "Long",
        Value::Double(_) => "Double",
        Value::Decimal(_) => "Decimal",
        Value::String(_) => "String",
        Value::Id(_) => "Id",
        Value::Blob(_) => "Blob",
        Value::Date(_) => "Date",
        Value::Datetime(_) => "Datetime",
        Value::Time(_) => "Time",
        Value::List(_) => "List",
        Value::Set(_) => "Set",
        Value::Map(_) => "Map",
        _ => "Object",
    }
}

fn format_i64(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&n.unsigned_abs().to_string()))
}

/// Java's `Double.parseDouble` grammar, checked here because Rust's parser accepts other
/// spellings (`inf`, `nan`) and rejects the `d`/`f` suffix.
fn java_double(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches(|c: char| c <= ' ');
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let negative = trimmed.starts_with('-');
    let magnitude = match unsigned {
        "NaN" => f64::NAN,
        "Infinity" => f64::INFINITY,
        _ => {
            let body = unsigned.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(unsigned);
            decimal::parse(body)?;
            body.parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn arg(args: &[Value], index: usize) -> Result<&Value, Throw> {
    match args.get(index) {
        Some(Value::Null) | None => Err(Throw::null_pointer()),
        Some(value) => Ok(value),
    }
}

fn decimal_arg(args: &[Value], index: usize) -> Result<BigDecimal, Throw> {
    let value = arg(args, index)?;
    to_decimal(value).ok_or_else(|| conversion(value, "Decimal"))
}

fn f64_arg(args: &[Value], index: usize) -> Result<f64, Throw> {
    let value = arg(args, index)?;
    to_f64(value).ok_or_else(|| conversion(value, "Double"))
}

fn int_arg(args: &[Value], index: usize) -> Result<i64, Throw> {
    match arg(args, index)? {
        Value::Integer(i) => Ok(*i as i64),
        Value::Long(l) => Ok(*l),
        other => Err(conversion(other, "Integer")),
    }
}

fn integer_value_of(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(match arg(args, 0)? {
        Value::String(s) | Value::Id(s) => parse_integer(s)?,
        Value::Integer(i) => *i,
        Value::Long(l) => *l as i32,
        Value::Double(d) => *d as i32,
        Value::Decimal(d) => decimal_to_i32(d)?,
        other => return Err(conversion(other, "Integer")),
    }))
}

fn long_value_of(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Long(match arg(args, 0)? {
        Value::String(s) | Value::Id(s) => parse_long(s)?,
        Value::Integer(i) => *i as i64,
        Value::Long(l) => *l,
        Value::Double(d) => *d as i64,
        Value::Decimal(d) => decimal_to_i64(d)?,
        other => return Err(conversion(other, "Long")),
    }))
}

fn double_value_of(args: &[Value]) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::String(s) | Value::Id(s) => Ok(Value::Double(parse_double(s)?)),
        _ => Ok(Value::Double(f64_arg(args, 0)?)),
    }
}

/// `Decimal.valueOf(String|Double|Long)`: a Double converts through its Java text.
fn decimal_value_of(args: &[Value]) -> Result<Value, Throw> {
    let value = match arg(args, 0)? {
        Value::String(s) | Value::Id(s) => parse_decimal(s)?,
        Value::Double(d) => decimal::from_f64(*d).ok_or_else(|| invalid("decimal", &format_double(*d)))?,
        _ => decimal_arg(args, 0)?,
    };
    Ok(Value::decimal(value))
}

fn format_whole(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::string(format_number(arg(args, 0)?)?))
}

fn long_int_value(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(int_arg(args, 0)? as i32))
}

fn double_format(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::string(format_grouped_f64(f64_arg(args, 0)?)?))
}

/// Java's `(int)` cast: toward zero, saturating, NaN as 0.
fn double_int_value(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(f64_arg(args, 0)? as i32))
}

fn double_long_value(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Long(f64_arg(args, 0)? as i64))
}

fn double_round(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Long(round_half_up_f64(f64_arg(args, 0)?)))
}

fn decimal_abs(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::decimal(decimal_arg(args, 0)?.abs()))
}

/// `divide(divisor, scale[, roundingMode])`. Without a mode the quotient is rounded half-up
/// (unconfirmed; the reference only shows exact and `UP` examples).
fn decimal_divide(args: &[Value]) -> Result<Value, Throw> {
    let (dividend, divisor) = (decimal_arg(args, 0)?, decimal_arg(args, 1)?);
    let scale = int_arg(args, 2)?;
    let mode = args.get(3).map(rounding_arg).transpose()?.unwrap_or(Rounding::HalfUp);
    Ok(Value::decimal(decimal::divide_to_scale(&dividend, &divisor, scale, mode)?))
}

fn decimal_double_value(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Double(decimal::to_f64(&decimal_arg(args, 0)?)))
}

fn decimal_format(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::string(format_grouped(&decimal_arg(args, 0)?)?))
}

fn decimal_int_value(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(decimal_to_i32(&decimal_arg(args, 0)?)?))
}

fn decimal_long_value(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Long(decimal_to_i64(&decimal_arg(args, 0)?)?))
}

/// `pow(exponent)`: exact, with the scale multiplied by the exponent. The reference allows
/// exponents from 0 to 32,767; outside that Java's `BigDecimal.pow` fails with "Invalid
/// operation" (the Apex message is unconfirmed).
fn decimal_pow(args: &[Value]) -> Result<Value, Throw> {
    let base = decimal_arg(args, 0)?;
    let exponent = int_arg(args, 1)?;
    if !(0..=32_767).contains(&exponent) {
        return Err(Throw::sys(SysExc::Math, "Invalid operation"));
    }
    let (unscaled, scale) = base.as_bigint_and_exponent();
    Ok(Value::decimal(BigDecimal::new(unscaled.pow(exponent as u32), scale * exponent)))
}

fn decimal_precision(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(decimal::precision(&decimal_arg(args, 0)?) as i32))
}

/// `round([roundingMode])`: a Long, half-even unless a mode is given.
fn decimal_round_long(args: &[Value]) -> Result<Value, Throw> {
    let mode = args.get(1).map(rounding_arg).transpose()?.unwrap_or(Rounding::HalfEven);
    let whole = decimal::rescale(&decimal_arg(args, 0)?, 0, mode)?;
    Ok(Value::Long(decimal::wrap_i64(&whole.as_bigint_and_exponent().0)))
}

fn decimal_scale(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(decimal_arg(args, 0)?.fractional_digit_count() as i32))
}

/// `setScale(scale[, roundingMode])`: half-even unless a mode is given (the reference says
/// "half-even rounding, if necessary"; `5.245` becomes `5.24`).
fn decimal_set_scale(args: &[Value]) -> Result<Value, Throw> {
    let value = decimal_arg(args, 0)?;
    let scale = int_arg(args, 1)?;
    let mode = args.get(2).map(rounding_arg).transpose()?.unwrap_or(Rounding::HalfEven);
    Ok(Value::decimal(decimal::rescale(&value, scale, mode)?))
}

fn decimal_strip(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::decimal(decimal::strip_trailing_zeros(&decimal_arg(args, 0)?)))
}

fn decimal_plain(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::string(format_decimal(&decimal_arg(args, 0)?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stdlib::find;

    fn call(table: &[Native], name: &str, args: &[Value]) -> Result<Value, Throw> {
        let native = find(table, name, args.len().saturating_sub(1)).expect("method");
        match native.func {
            crate::stdlib::NativeFn::Pure(f) => f(args),
            crate::stdlib::NativeFn::Interp(_) => panic!("pure expected"),
        }
    }

    fn call_static(table: &[Native], name: &str, args: &[Value]) -> Result<Value, Throw> {
        let native = find(table, name, args.len()).expect("method");
        match native.func {
            crate::stdlib::NativeFn::Pure(f) => f(args),
            crate::stdlib::NativeFn::Interp(_) => panic!("pure expected"),
        }
    }

    fn dec(text: &str) -> Value {
        Value::decimal(parse_decimal(text).unwrap())
    }

    fn text(value: Result<Value, Throw>) -> String {
        match value.unwrap() {
            Value::Decimal(d) => decimal_to_java_string(&d),
            Value::String(s) => s.to_string(),
            Value::Integer(i) => format!("{i}"),
            Value::Long(l) => format!("{l}L"),
            Value::Double(d) => format!("{d}d"),
            Value::Boolean(b) => format!("{b}"),
            other => format!("{other:?}"),
        }
    }

    fn error(value: Result<Value, Throw>) -> String {
        match value {
            Err(t) if t.as_sys().is_some() => {
                t.as_sys().map(|(kind, message)| format!("System.{}: {message}", kind.name())).unwrap_or_default()
            }
            other => panic!("expected an exception, got {other:?}"),
        }
    }

    fn mode(name: &str) -> Value {
        SysEnum::RoundingMode.value(name).unwrap()
    }

    #[test]
    fn integer_value_of_parses_like_java() {
        let value_of = |v: Value| call_static(INTEGER_STATIC, "valueof", &[v]);
        assert_eq!(text(value_of(Value::string("123"))), "123");
        assert_eq!(text(value_of(Value::string("-2147483648"))), "-2147483648");
        assert_eq!(text(value_of(Value::string("+7"))), "7");
        assert_eq!(error(value_of(Value::string("abc"))), "System.TypeException: Invalid integer: abc");
        assert_eq!(error(value_of(Value::string("1.0"))), "System.TypeException: Invalid integer: 1.0");
        assert_eq!(error(value_of(Value::string(" 1"))), "System.TypeException: Invalid integer:  1");
        assert_eq!(error(value_of(Value::string("2147483648"))), "System.TypeException: Invalid integer: 2147483648");
        assert_eq!(error(value_of(Value::string(""))), "System.TypeException: Invalid integer: ");
        assert_eq!(text(value_of(dec("3.9"))), "3");
        assert_eq!(text(value_of(dec("-3.9"))), "-3");
        assert_eq!(text(value_of(Value::Double(-2.7))), "-2");
        assert_eq!(error(value_of(Value::Null)), "System.NullPointerException: Attempt to de-reference a null object");
    }

    #[test]
    fn long_double_and_decimal_value_of() {
        assert_eq!(
            text(call_static(LONG_STATIC, "valueof", &[Value::string("9223372036854775807")])),
            "9223372036854775807L"
        );
        assert_eq!(
            error(call_static(LONG_STATIC, "valueof", &[Value::string("1L")])),
            "System.TypeException: Invalid long: 1L"
        );
        assert_eq!(text(call_static(DOUBLE_STATIC, "valueof", &[Value::string(" 3.14159 ")])), "3.14159d");
        assert_eq!(
            text(call_static(DOUBLE_STATIC, "valueof", &[Value::string("-2.347774E-10")])),
            "-0.0000000002347774d"
        );
        assert_eq!(text(call_static(DOUBLE_STATIC, "valueof", &[Value::string("1d")])), "1d");
        assert_eq!(
            error(call_static(DOUBLE_STATIC, "valueof", &[Value::string("inf")])),
            "System.TypeException: Invalid double: inf"
        );
        assert_eq!(text(call_static(DOUBLE_STATIC, "valueof", &[Value::Integer(4)])), "4d");
        let value_of = |v: Value| call_static(DECIMAL_STATIC, "valueof", &[v]);
        assert_eq!(text(value_of(Value::string("12.4500"))), "12.4500");
        assert_eq!(text(value_of(Value::Double(0.1))), "0.1");
        assert_eq!(text(value_of(Value::Double(2.0))), "2.0");
        assert_eq!(text(value_of(Value::Long(42))), "42");
        assert_eq!(text(value_of(Value::Integer(-5))), "-5");
        assert_eq!(error(value_of(Value::string("abc"))), "System.TypeException: Invalid decimal: abc");
        assert_eq!(
            error(value_of(Value::Boolean(true))),
            "System.TypeException: Invalid conversion from runtime type Boolean to Decimal"
        );
    }

    #[test]
    fn format_groups_thousands() {
        assert_eq!(text(call(INTEGER_INSTANCE, "format", &[Value::Integer(1234567)])), "1,234,567");
        assert_eq!(text(call(INTEGER_INSTANCE, "format", &[Value::Integer(-22)])), "-22");
        assert_eq!(text(call(LONG_INSTANCE, "format", &[Value::Long(i64::MIN)])), "-9,223,372,036,854,775,808");
        assert_eq!(text(call(DOUBLE_INSTANCE, "format", &[Value::Double(1261992.0)])), "1,261,992");
        assert_eq!(text(call(DECIMAL_INSTANCE, "format", &[dec("12345.6789")])), "12,345.679");
        assert_eq!(text(call(DECIMAL_INSTANCE, "format", &[dec("1234.50")])), "1,234.5");
    }

    #[test]
    fn narrowing_conversions() {
        assert_eq!(text(call(LONG_INSTANCE, "intvalue", &[Value::Long(2147483648)])), "-2147483648");
        assert_eq!(text(call(DOUBLE_INSTANCE, "intvalue", &[Value::Double(4.56789)])), "4");
        assert_eq!(text(call(DOUBLE_INSTANCE, "intvalue", &[Value::Double(-3.9)])), "-3");
        assert_eq!(text(call(DOUBLE_INSTANCE, "intvalue", &[Value::Double(1e20)])), "2147483647");
        assert_eq!(text(call(DOUBLE_INSTANCE, "longvalue", &[Value::Double(421994.0)])), "421994L");
        assert_eq!(text(call(DECIMAL_INSTANCE, "intvalue", &[dec("1.602176565")])), "1");
        assert_eq!(text(call(DECIMAL_INSTANCE, "longvalue", &[dec("376.730313461")])), "376L");
        assert_eq!(text(call(DECIMAL_INSTANCE, "doublevalue", &[dec("6.62606957")])), "6.62606957d");
    }

    #[test]
    fn double_round_is_java_math_round() {
        let round = |d: f64| text(call(DOUBLE_INSTANCE, "round", &[Value::Double(d)]));
        assert_eq!(round(4.5), "5L");
        assert_eq!(round(4.2), "4L");
        assert_eq!(round(-4.7), "-5L");
        assert_eq!(round(-4.5), "-4L");
        assert_eq!(round(0.49999999999999994), "0L");
        assert_eq!(round(f64::NAN), "0L");
    }

    #[test]
    fn decimal_round_and_set_scale() {
        let round = |v: &str, m: Option<&str>| {
            let mut args = vec![dec(v)];
            args.extend(m.map(mode));
            text(call(DECIMAL_INSTANCE, "round", &args))
        };
        assert_eq!(round("5.5", None), "6L");
        assert_eq!(round("2.5", None), "2L");
        assert_eq!(round("-2.7", Some("CEILING")), "-2L");
        assert_eq!(round("1.1", Some("UP")), "2L");
        let set_scale = |args: &[Value]| call(DECIMAL_INSTANCE, "setscale", args);
        assert_eq!(text(set_scale(&[dec("5.245"), Value::Integer(2)])), "5.24");
        assert_eq!(text(set_scale(&[dec("5.245"), Value::Integer(2), mode("HALF_UP")])), "5.25");
        assert_eq!(text(set_scale(&[dec("2"), Value::Integer(2)])), "2.00");
        assert_eq!(
            error(set_scale(&[dec("1.25"), Value::Integer(1), mode("UNNECESSARY")])),
            "System.MathException: Rounding necessary"
        );
        assert_eq!(
            error(set_scale(&[dec("1.25"), Value::Integer(1), Value::Null])),
            "System.NullPointerException: Attempt to de-reference a null object"
        );
    }

    #[test]
    fn decimal_divide_and_friends() {
        let divide = |args: &[Value]| call(DECIMAL_INSTANCE, "divide", args);
        assert_eq!(text(divide(&[dec("19"), Value::Integer(100), Value::Integer(3)])), "0.190");
        assert_eq!(text(divide(&[dec("12.4567"), Value::Integer(7), Value::Integer(2), mode("UP")])), "1.78");
        assert_eq!(error(divide(&[dec("1"), dec("0"), Value::Integer(2)])), "System.MathException: Divide by 0");
        assert_eq!(text(call(DECIMAL_INSTANCE, "abs", &[dec("-6.02214129")])), "6.02214129");
        assert_eq!(text(call(DECIMAL_INSTANCE, "pow", &[dec("4.12"), Value::Integer(2)])), "16.9744");
        assert_eq!(text(call(DECIMAL_INSTANCE, "pow", &[dec("4.12"), Value::Integer(0)])), "1");
        assert_eq!(text(call(DECIMAL_INSTANCE, "precision", &[dec("123.45")])), "5");
        assert_eq!(text(call(DECIMAL_INSTANCE, "scale", &[dec("123.450")])), "3");
        assert_eq!(text(call(DECIMAL_INSTANCE, "striptrailingzeros", &[dec("1.500")])), "1.5");
        assert_eq!(text(call(DECIMAL_INSTANCE, "toplainstring", &[dec("1E+3")])), "1000");
    }

    #[test]
    fn operator_helpers() {
        let d = |s: &str| parse_decimal(s).unwrap();
        assert_eq!(
            decimal_to_java_string(&decimal_div(&d("1"), &d("3")).unwrap()),
            "0.3333333333333333333333333333333333"
        );
        assert!(decimal_div(&d("1"), &d("0.0")).is_err());
        assert_eq!(decimal_to_java_string(&decimal_round(&d("2.345"), 2, "HALF_UP").unwrap()), "2.35");
        assert_eq!(decimal_to_java_string(&decimal_round(&d("2.345"), 2, "HALF_EVEN").unwrap()), "2.34");
        assert!(decimal_round(&d("2.345"), 2, "UNNECESSARY").is_err());
        assert_eq!(parse_integer("42").unwrap(), 42);
        assert_eq!(parse_long("-42").unwrap(), -42);
        assert!(parse_double("NaN").unwrap().is_nan());
        assert_eq!(parse_double("-Infinity").unwrap(), f64::NEG_INFINITY);
    }
}
