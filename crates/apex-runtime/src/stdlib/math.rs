//! `System.Math`: static methods whose overloads follow the argument's type. A Decimal argument
//! gives a Decimal (computed through a Double unless the operation is exact), a Double gives a
//! Double, and Integer and Long arguments widen to Double except where Integer and Long
//! overloads exist (`abs`, `max`, `min`, `mod`). The constants `E` and `PI` are not methods.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_math.htm

use super::number::{conversion, decimal_from_double, decimal_to_f64, decimal_to_i64, rescale, round_half_up_f64};
use super::number::{divide_by_zero, Rounding};
use super::{ret, Native, Ret};
use crate::eval::{Interp, SysExc, Throw};
use crate::value::number::{rank, to_decimal, to_f64, to_i64};
use crate::value::Value;
use bigdecimal::num_bigint::Sign;
use bigdecimal::BigDecimal;
use std::cell::Cell;
use std::cmp::Ordering;

/// Methods whose return type follows the argument are typed `Object` here; see the module note.
pub static MATH_STATIC: &[Native] = &[
    Native::pure("abs", 1, Ret::WiderArg, abs),
    Native::pure("acos", 1, Ret::FloatArg, acos),
    Native::pure("asin", 1, Ret::FloatArg, asin),
    Native::pure("atan", 1, Ret::FloatArg, atan),
    Native::pure("atan2", 2, Ret::FloatArg, atan2),
    Native::pure("cbrt", 1, Ret::FloatArg, cbrt),
    Native::pure("ceil", 1, Ret::FloatArg, ceil),
    Native::pure("cos", 1, Ret::FloatArg, cos),
    Native::pure("cosh", 1, Ret::FloatArg, cosh),
    Native::pure("exp", 1, Ret::FloatArg, exp),
    Native::pure("floor", 1, Ret::FloatArg, floor),
    Native::pure("log", 1, Ret::FloatArg, log),
    Native::pure("log10", 1, Ret::FloatArg, log10),
    Native::pure("max", 2, Ret::WiderArg, max),
    Native::pure("min", 2, Ret::WiderArg, min),
    Native::pure("mod", 2, Ret::WiderArg, modulo),
    Native::pure("pow", 2, ret::DOUBLE, pow),
    Native::interp("random", 0, ret::DOUBLE, random),
    Native::pure("rint", 1, Ret::FloatArg, rint),
    Native::pure("round", 1, ret::INTEGER, round),
    Native::pure("roundtolong", 1, ret::LONG, round_to_long),
    Native::pure("signum", 1, Ret::FloatArg, signum),
    Native::pure("sin", 1, Ret::FloatArg, sin),
    Native::pure("sinh", 1, Ret::FloatArg, sinh),
    Native::pure("sqrt", 1, Ret::FloatArg, sqrt),
    Native::pure("tan", 1, Ret::FloatArg, tan),
    Native::pure("tanh", 1, Ret::FloatArg, tanh),
];

/// One of the Decimal-or-Double functions computed on doubles.
macro_rules! through_double {
    ($($name:ident => $op:expr,)*) => {
        $(fn $name(args: &[Value]) -> Result<Value, Throw> {
            float_op(args, $op)
        })*
    };
}

through_double! {
    acos => f64::acos,
    asin => f64::asin,
    atan => f64::atan,
    cbrt => f64::cbrt,
    cos => f64::cos,
    cosh => f64::cosh,
    exp => f64::exp,
    log => f64::ln,
    log10 => f64::log10,
    sin => f64::sin,
    sinh => f64::sinh,
    sqrt => f64::sqrt,
    tan => f64::tan,
    tanh => f64::tanh,
}

fn arg(args: &[Value], index: usize) -> Result<&Value, Throw> {
    match args.get(index) {
        Some(Value::Null) | None => Err(Throw::null_pointer()),
        Some(value) => Ok(value),
    }
}

fn number_rank(value: &Value, target: &str) -> Result<u8, Throw> {
    rank(value).ok_or_else(|| conversion(value, target))
}

/// A Decimal result of a computation done on doubles, through the double's Java text. NaN and
/// the infinities have no Decimal form (the Apex message for them is unconfirmed).
fn decimal_result(d: f64) -> Result<Value, Throw> {
    decimal_from_double(d)
        .map(Value::decimal)
        .ok_or_else(|| Throw::sys(SysExc::Type, format!("Invalid decimal: {}", crate::value::format::format_double(d))))
}

fn float_op(args: &[Value], op: fn(f64) -> f64) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::Decimal(d) => decimal_result(op(decimal_to_f64(d))),
        other => Ok(Value::Double(op(to_f64(other).ok_or_else(|| conversion(other, "Double"))?))),
    }
}

/// A Decimal-or-Double function that is exact on Decimals.
fn exact_op(
    args: &[Value],
    decimal: impl Fn(&BigDecimal) -> Result<BigDecimal, Throw>,
    double: fn(f64) -> f64,
) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::Decimal(d) => Ok(Value::decimal(decimal(d)?)),
        other => Ok(Value::Double(double(to_f64(other).ok_or_else(|| conversion(other, "Double"))?))),
    }
}

fn abs(args: &[Value]) -> Result<Value, Throw> {
    Ok(match arg(args, 0)? {
        Value::Integer(i) => Value::Integer(i.wrapping_abs()),
        Value::Long(l) => Value::Long(l.wrapping_abs()),
        Value::Double(d) => Value::Double(d.abs()),
        Value::Decimal(d) => Value::decimal(d.abs()),
        other => return Err(conversion(other, "Decimal")),
    })
}

fn atan2(args: &[Value]) -> Result<Value, Throw> {
    let (y, x) = (arg(args, 0)?, arg(args, 1)?);
    let result = f64_of(y)?.atan2(f64_of(x)?);
    if number_rank(y, "Double")?.max(number_rank(x, "Double")?) == 3 {
        return decimal_result(result);
    }
    Ok(Value::Double(result))
}

fn f64_of(value: &Value) -> Result<f64, Throw> {
    to_f64(value).ok_or_else(|| conversion(value, "Double"))
}

/// `ceil(Decimal)` rounds toward positive infinity to scale 0.
fn ceil(args: &[Value]) -> Result<Value, Throw> {
    exact_op(args, |d| rescale(d, 0, Rounding::Ceiling), f64::ceil)
}

fn floor(args: &[Value]) -> Result<Value, Throw> {
    exact_op(args, |d| rescale(d, 0, Rounding::Floor), f64::floor)
}

/// The nearest whole number, ties to even, in the argument's type.
fn rint(args: &[Value]) -> Result<Value, Throw> {
    exact_op(args, |d| rescale(d, 0, Rounding::HalfEven), f64::round_ties_even)
}

/// -1, 0 or 1 in the argument's type; Java's `Math.signum` keeps a signed zero and NaN.
fn signum(args: &[Value]) -> Result<Value, Throw> {
    let decimal = |d: &BigDecimal| {
        Ok(BigDecimal::from(match d.sign() {
            Sign::Minus => -1,
            Sign::NoSign => 0,
            Sign::Plus => 1,
        }))
    };
    let double = |d: f64| if d == 0.0 || d.is_nan() { d } else { d.signum() };
    exact_op(args, decimal, double)
}

/// `max` and `min` compute in the wider of the two argument types.
fn max(args: &[Value]) -> Result<Value, Throw> {
    pick(args, Ordering::Greater)
}

fn min(args: &[Value]) -> Result<Value, Throw> {
    pick(args, Ordering::Less)
}

/// The argument that compares as `want` against the other (the first on a tie, as Java's
/// `BigDecimal.max` returns `this`), converted to the wider type.
fn pick(args: &[Value], want: Ordering) -> Result<Value, Throw> {
    let (a, b) = (arg(args, 0)?, arg(args, 1)?);
    Ok(match number_rank(a, "Decimal")?.max(number_rank(b, "Decimal")?) {
        0 => Value::Integer(pick_ord(a.as_int(), b.as_int(), want)),
        1 => Value::Long(pick_ord(to_i64(a), to_i64(b), want)),
        2 => Value::Double(pick_double(f64_of(a)?, f64_of(b)?, want)),
        _ => {
            let (x, y) = (to_decimal(a).unwrap_or_default(), to_decimal(b).unwrap_or_default());
            Value::decimal(if y.cmp(&x) == want { y } else { x })
        }
    })
}

fn pick_ord<T: Ord + Default>(a: Option<T>, b: Option<T>, want: Ordering) -> T {
    let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
    if b.cmp(&a) == want {
        b
    } else {
        a
    }
}

/// Java's `Math.max`/`Math.min` on doubles: NaN wins, and `-0.0` is below `0.0`.
fn pick_double(a: f64, b: f64, want: Ordering) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    let order = b.total_cmp(&a);
    if order == want {
        b
    } else {
        a
    }
}

/// `Math.mod(Integer|Long, Integer|Long)`: the remainder with the dividend's sign (Java `%`).
fn modulo(args: &[Value]) -> Result<Value, Throw> {
    let (a, b) = (arg(args, 0)?, arg(args, 1)?);
    let (x, y) = (to_i64(a).ok_or_else(|| conversion(a, "Long"))?, to_i64(b).ok_or_else(|| conversion(b, "Long"))?);
    if y == 0 {
        return Err(divide_by_zero());
    }
    if matches!((a, b), (Value::Integer(_), Value::Integer(_))) {
        return Ok(Value::Integer((x as i32).wrapping_rem(y as i32)));
    }
    Ok(Value::Long(x.wrapping_rem(y)))
}

/// `Math.pow(Double, Double)` with Java's special cases where IEEE `pow` differs.
fn pow(args: &[Value]) -> Result<Value, Throw> {
    let (base, exponent) = (f64_of(arg(args, 0)?)?, f64_of(arg(args, 1)?)?);
    let nan = exponent.is_nan() || (base.abs() == 1.0 && exponent.is_infinite());
    Ok(Value::Double(if nan { f64::NAN } else { base.powf(exponent) }))
}

/// `Math.round`: an Integer. A Decimal rounds half-even, a Double like Java's `Math.round`
/// (ties toward positive infinity). Results beyond the Integer range are an error on the
/// platform; the exception type and message used here are unconfirmed.
fn round(args: &[Value]) -> Result<Value, Throw> {
    let whole = round_whole(args)?;
    i32::try_from(whole)
        .map(Value::Integer)
        .map_err(|_| Throw::sys(SysExc::Math, format!("Integer overflow: {whole} is out of range")))
}

/// `Math.roundToLong`: like `round`, as a Long.
fn round_to_long(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Long(round_whole(args)?))
}

fn round_whole(args: &[Value]) -> Result<i64, Throw> {
    match arg(args, 0)? {
        Value::Decimal(d) => decimal_to_i64(&rescale(d, 0, Rounding::HalfEven)?),
        other => Ok(round_half_up_f64(f64_of(other)?)),
    }
}

thread_local! {
    static RANDOM_STATE: Cell<u64> = const { Cell::new(0) };
}

/// `Math.random()`: a Double in [0, 1). The generator (splitmix64) is seeded from the host's
/// clock on first use, so runs under a fixed test clock repeat.
fn random(interp: &mut Interp, _args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Double(next_random(|| interp.host.now_millis())))
}

fn next_random(clock: impl FnOnce() -> i64) -> f64 {
    let seed = RANDOM_STATE.with(Cell::get);
    let state = if seed == 0 { clock() as u64 ^ 0x5DEE_CE66_D1CE_4E5B } else { seed };
    let state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    RANDOM_STATE.with(|cell| cell.set(state));
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stdlib::{find, NativeFn};
    use crate::value::format::format_double;

    fn call(name: &str, args: &[Value]) -> Result<Value, Throw> {
        match find(MATH_STATIC, name, args.len()).expect("method").func {
            NativeFn::Pure(f) => f(args),
            NativeFn::Interp(_) => panic!("pure expected"),
        }
    }

    fn dec(text: &str) -> Value {
        Value::decimal(super::super::number::parse_decimal(text).unwrap())
    }

    /// The value with its Apex type, e.g. `Integer 5`, `Decimal 2.50`, `Double 1.0`.
    fn show(value: Result<Value, Throw>) -> String {
        match value {
            Ok(Value::Integer(i)) => format!("Integer {i}"),
            Ok(Value::Long(l)) => format!("Long {l}"),
            Ok(Value::Double(d)) => format!("Double {}", format_double(d)),
            Ok(Value::Decimal(d)) => format!("Decimal {}", crate::value::format::format_decimal(&d)),
            Err(t) if t.as_sys().is_some() => {
                t.as_sys().map(|(kind, message)| format!("System.{}: {message}", kind.name())).unwrap_or_default()
            }
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn abs_keeps_the_argument_type() {
        assert_eq!(show(call("abs", &[Value::Integer(-5)])), "Integer 5");
        assert_eq!(show(call("abs", &[Value::Integer(i32::MIN)])), "Integer -2147483648");
        assert_eq!(show(call("abs", &[Value::Long(-5)])), "Long 5");
        assert_eq!(show(call("abs", &[Value::Double(-2.5)])), "Double 2.5");
        assert_eq!(show(call("abs", &[dec("-2.50")])), "Decimal 2.50");
        assert_eq!(
            show(call("abs", &[Value::Null])),
            "System.NullPointerException: Attempt to de-reference a null object"
        );
    }

    #[test]
    fn mod_follows_java_remainder() {
        assert_eq!(show(call("mod", &[Value::Integer(7), Value::Integer(3)])), "Integer 1");
        assert_eq!(show(call("mod", &[Value::Integer(-7), Value::Integer(3)])), "Integer -1");
        assert_eq!(show(call("mod", &[Value::Integer(7), Value::Integer(-3)])), "Integer 1");
        assert_eq!(show(call("mod", &[Value::Long(10), Value::Integer(4)])), "Long 2");
        assert_eq!(show(call("mod", &[Value::Integer(i32::MIN), Value::Integer(-1)])), "Integer 0");
        assert_eq!(show(call("mod", &[Value::Integer(5), Value::Integer(0)])), "System.MathException: Divide by 0");
    }

    #[test]
    fn max_and_min_widen() {
        assert_eq!(show(call("max", &[Value::Integer(3), Value::Integer(9)])), "Integer 9");
        assert_eq!(show(call("min", &[Value::Integer(3), Value::Long(9)])), "Long 3");
        assert_eq!(show(call("max", &[Value::Double(1.5), Value::Integer(2)])), "Double 2.0");
        assert_eq!(show(call("max", &[dec("1.50"), dec("1.5")])), "Decimal 1.50");
        assert_eq!(show(call("min", &[dec("2.5"), Value::Integer(1)])), "Decimal 1");
        assert_eq!(show(call("max", &[Value::Double(f64::NAN), Value::Double(1.0)])), "Double NaN");
    }

    #[test]
    fn rounding_functions() {
        assert_eq!(show(call("round", &[dec("2.5")])), "Integer 2");
        assert_eq!(show(call("round", &[dec("3.5")])), "Integer 4");
        assert_eq!(show(call("round", &[Value::Double(2.5)])), "Integer 3");
        assert_eq!(show(call("round", &[Value::Double(-2.5)])), "Integer -2");
        assert!(show(call("round", &[Value::Double(3e9)])).starts_with("System.MathException"));
        assert_eq!(show(call("roundtolong", &[Value::Double(3e9)])), "Long 3000000000");
        assert_eq!(show(call("roundtolong", &[dec("-2.5")])), "Long -2");
        assert_eq!(show(call("ceil", &[dec("1.2")])), "Decimal 2");
        assert_eq!(show(call("ceil", &[Value::Double(-1.2)])), "Double -1.0");
        assert_eq!(show(call("floor", &[dec("-1.2")])), "Decimal -2");
        assert_eq!(show(call("floor", &[Value::Integer(3)])), "Double 3.0");
        assert_eq!(show(call("rint", &[Value::Double(2.5)])), "Double 2.0");
        assert_eq!(show(call("rint", &[dec("3.5")])), "Decimal 4");
        assert_eq!(show(call("signum", &[dec("-0.5")])), "Decimal -1");
        assert_eq!(show(call("signum", &[Value::Double(0.0)])), "Double 0.0");
        assert_eq!(show(call("signum", &[Value::Double(7.0)])), "Double 1.0");
    }

    #[test]
    fn functions_through_double() {
        assert_eq!(show(call("sqrt", &[Value::Double(16.0)])), "Double 4.0");
        assert_eq!(show(call("sqrt", &[Value::Integer(2)])), "Double 1.4142135623730951");
        assert_eq!(show(call("sqrt", &[dec("2.0")])), "Decimal 1.4142135623730951");
        assert_eq!(show(call("sqrt", &[dec("-1")])), "System.TypeException: Invalid decimal: NaN");
        assert_eq!(show(call("log10", &[Value::Double(1000.0)])), "Double 3.0");
        assert_eq!(show(call("exp", &[Value::Double(0.0)])), "Double 1.0");
        assert_eq!(show(call("cbrt", &[Value::Double(27.0)])), "Double 3.0");
        assert_eq!(show(call("atan2", &[Value::Double(1.0), Value::Double(1.0)])), "Double 0.7853981633974483");
        assert_eq!(show(call("atan2", &[dec("1"), Value::Double(1.0)])), "Decimal 0.7853981633974483");
        assert_eq!(show(call("pow", &[Value::Double(2.0), Value::Integer(10)])), "Double 1024.0");
        assert_eq!(show(call("pow", &[Value::Double(1.0), Value::Double(f64::NAN)])), "Double NaN");
    }

    #[test]
    fn random_is_in_the_unit_interval() {
        let draws: Vec<f64> = (0..100).map(|_| next_random(|| 1_700_000_000_000)).collect();
        assert!(draws.iter().all(|d| (0.0..1.0).contains(d)));
        assert!(draws.windows(2).all(|w| w[0] != w[1]));
    }
}
