//! Decimal arithmetic as Apex does it with Java's `BigDecimal` underneath: rounding to a scale
//! under the eight rounding modes, division with and without a scale, parsing Java's decimal
//! syntax and Java's text forms (`toString` with exponents, the en_US `NumberFormat`).

use crate::eval::{SysExc, Throw};
use crate::value::format::{format_decimal, format_double};
use bigdecimal::num_bigint::{BigInt, Sign};
use bigdecimal::{BigDecimal, Zero};
use std::cmp::Ordering;

/// Significant digits that `/` keeps when a Decimal quotient does not terminate. The spec
/// recommends DECIMAL128 (34 digits, half-even); the platform value is unconfirmed.
pub const DIVISION_PRECISION: i64 = 34;

/// Powers of ten beyond this many digits are refused rather than attempted, so a runaway scale
/// cannot exhaust memory.
const MAX_POW10: i64 = 1_000_000;

/// The constants of `System.RoundingMode`, with Java's semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Ceiling,
    Down,
    Floor,
    HalfDown,
    HalfEven,
    HalfUp,
    Unnecessary,
    Up,
}

impl Rounding {
    /// The mode named by a `RoundingMode` constant (`HALF_EVEN`, case-insensitive).
    pub fn from_name(name: &str) -> Option<Rounding> {
        Some(match name.to_ascii_uppercase().as_str() {
            "CEILING" => Rounding::Ceiling,
            "DOWN" => Rounding::Down,
            "FLOOR" => Rounding::Floor,
            "HALF_DOWN" => Rounding::HalfDown,
            "HALF_EVEN" => Rounding::HalfEven,
            "HALF_UP" => Rounding::HalfUp,
            "UNNECESSARY" => Rounding::Unnecessary,
            "UP" => Rounding::Up,
            _ => return None,
        })
    }
}

pub fn divide_by_zero() -> Throw {
    Throw::sys(SysExc::Math, "Divide by 0")
}

/// `d.setScale(scale, mode)`: the value at exactly `scale` digits after the point.
pub fn rescale(d: &BigDecimal, scale: i64, mode: Rounding) -> Result<BigDecimal, Throw> {
    let (unscaled, old) = d.as_bigint_and_exponent();
    let unscaled = match scale.cmp(&old) {
        Ordering::Equal => unscaled,
        Ordering::Greater => unscaled * pow10(scale - old)?,
        Ordering::Less => div_round(&unscaled, &pow10(old - scale)?, mode)?.0,
    };
    Ok(BigDecimal::new(unscaled, scale))
}

/// `a.divide(b, scale, mode)`: the quotient rounded to `scale` digits after the point.
pub fn divide_to_scale(a: &BigDecimal, b: &BigDecimal, scale: i64, mode: Rounding) -> Result<BigDecimal, Throw> {
    Ok(BigDecimal::new(quotient_at(a, b, scale, mode)?.0, scale))
}

/// Apex `/` between Decimals: the exact quotient when it has at most [`DIVISION_PRECISION`]
/// digits, written with the fewest trailing zeros down to the preferred scale
/// `a.scale - b.scale`; otherwise the quotient rounded half-even to that many significant
/// digits. This is Java's `a.divide(b, MathContext.DECIMAL128)`.
pub fn divide(a: &BigDecimal, b: &BigDecimal) -> Result<BigDecimal, Throw> {
    if b.is_zero() {
        return Err(divide_by_zero());
    }
    let preferred = a.fractional_digit_count() - b.fractional_digit_count();
    if a.is_zero() {
        return Ok(BigDecimal::new(BigInt::zero(), preferred));
    }
    // The quotient's leading digit sits at 10^lead or 10^(lead - 1).
    let lead = adjusted_exponent(a) - adjusted_exponent(b);
    let mut scale = DIVISION_PRECISION - 1 - lead;
    if digit_count(&quotient_at(a, b, scale, Rounding::Down)?.0) < DIVISION_PRECISION as u64 {
        scale += 1;
    }
    let (mut unscaled, exact) = quotient_at(a, b, scale, Rounding::HalfEven)?;
    if digit_count(&unscaled) > DIVISION_PRECISION as u64 {
        // Rounding carried into a new digit: the value is a power of ten, so this is exact.
        unscaled /= 10u32;
        scale -= 1;
    }
    if exact {
        (unscaled, scale) = strip_zeros(unscaled, scale, preferred);
    }
    Ok(BigDecimal::new(unscaled, scale))
}

/// `stripTrailingZeros()`: the same value with no trailing zeros (zero becomes plain `0`).
pub fn strip_trailing_zeros(d: &BigDecimal) -> BigDecimal {
    if d.is_zero() {
        return BigDecimal::zero();
    }
    let (unscaled, scale) = d.as_bigint_and_exponent();
    let (unscaled, scale) = strip_zeros(unscaled, scale, i64::MIN);
    BigDecimal::new(unscaled, scale)
}

/// `precision()`: the number of digits in the unscaled value (`123.45` has 5; zero has 1).
pub fn precision(d: &BigDecimal) -> u64 {
    digit_count(&d.as_bigint_and_exponent().0)
}

/// The integer part of `d` (truncated toward zero), wrapped into 64 bits as Java's
/// `longValue()` does.
pub fn truncate_to_i64(d: &BigDecimal) -> Result<i64, Throw> {
    let whole = rescale(d, 0, Rounding::Down)?.as_bigint_and_exponent().0;
    Ok(wrap_i64(&whole))
}

/// The low 64 bits of `n` in two's complement, as Java's narrowing conversions keep them.
pub fn wrap_i64(n: &BigInt) -> i64 {
    let low = n.magnitude().iter_u64_digits().next().unwrap_or(0);
    let value = low as i64;
    if n.sign() == Sign::Minus {
        value.wrapping_neg()
    } else {
        value
    }
}

/// The nearest double, correctly rounded.
pub fn to_f64(d: &BigDecimal) -> f64 {
    let (unscaled, scale) = d.as_bigint_and_exponent();
    format!("{unscaled}e{}", -scale).parse().unwrap_or(f64::NAN)
}

/// A Decimal from a Double through the double's Java text, as `Decimal.valueOf(Double)` does:
/// `0.1` stays `0.1`, `1.0E10` becomes `1.0E+10`. `None` for NaN and the infinities.
pub fn from_f64(d: f64) -> Option<BigDecimal> {
    parse(&format_double(d))
}

/// The exact value of a double (`0.1` is `0.1000000000000000055511151231257827...`).
pub fn exact_f64(d: f64) -> Option<BigDecimal> {
    if !d.is_finite() {
        return None;
    }
    let bits = d.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, power) = if exponent == 0 { (fraction, -1074) } else { (fraction | 1 << 52, exponent - 1075) };
    let mut unscaled = BigInt::from(mantissa);
    if d.is_sign_negative() {
        unscaled = -unscaled;
    }
    if power >= 0 {
        return Some(BigDecimal::new(unscaled << power as usize, 0));
    }
    let five = BigInt::from(5u32).pow((-power) as u32);
    let (unscaled, scale) = strip_zeros(unscaled * five, -power, 0);
    Some(BigDecimal::new(unscaled, scale))
}

/// Java's `new BigDecimal(String)`: an optional sign, digits with an optional point, and an
/// optional exponent (`1.5E+3`). The scale is the number of digits after the point minus the
/// exponent. No white space is allowed.
pub fn parse(text: &str) -> Option<BigDecimal> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (significand, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], parse_exponent(&body[at + 1..])?),
        None => (body, 0),
    };
    let (int_part, frac_part) = significand.split_once('.').unwrap_or((significand, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.len() + frac_part.len() == 0 || !all_digits(int_part) || !all_digits(frac_part) {
        return None;
    }
    let unscaled = BigInt::parse_bytes(format!("{int_part}{frac_part}").as_bytes(), 10)?;
    let scale = frac_part.len() as i64 - exponent;
    if i32::try_from(scale).is_err() {
        return None;
    }
    Some(BigDecimal::new(if negative { -unscaled } else { unscaled }, scale))
}

/// Java's `BigDecimal.toString()`: plain digits unless the scale is negative or the number is
/// smaller than 10^-6, then one digit, the rest after a point, and `E±n` (`0E-32`, `1E+3`).
pub fn to_java_string(d: &BigDecimal) -> String {
    let (unscaled, scale) = d.as_bigint_and_exponent();
    let digits = unscaled.magnitude().to_string();
    let adjusted = digits.len() as i64 - 1 - scale;
    if scale >= 0 && adjusted >= -6 {
        return format_decimal(d);
    }
    let sign = if unscaled.sign() == Sign::Minus { "-" } else { "" };
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    let exp_sign = if adjusted >= 0 { "+" } else { "" };
    format!("{sign}{first}{point}{rest}E{exp_sign}{adjusted}")
}

/// Java's en_US `NumberFormat` for a Decimal: thousands grouped with commas, at most three
/// digits after the point (rounded half-even), no trailing zeros (`1234.50` is `1,234.5`).
pub fn format_grouped(d: &BigDecimal) -> Result<String, Throw> {
    let negative = d.sign() == Sign::Minus;
    let rounded = if d.fractional_digit_count() > 3 { rescale(d, 3, Rounding::HalfEven)? } else { d.clone() };
    let plain = format_decimal(&rounded.abs());
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((&plain, ""));
    let frac_part = frac_part.trim_end_matches('0');
    let sign = if negative { "-" } else { "" };
    let point = if frac_part.is_empty() { "" } else { "." };
    Ok(format!("{sign}{}{point}{frac_part}", group_thousands(int_part)))
}

/// Java's en_US `NumberFormat` for a Double: like [`format_grouped`], rounding the double's
/// shortest digits, with ties settled by its exact binary value (as Java 8 and later do).
pub fn format_grouped_f64(d: f64) -> Result<String, Throw> {
    if d.is_nan() {
        return Ok("NaN".into());
    }
    if d.is_infinite() {
        return Ok(if d > 0.0 { "∞" } else { "-∞" }.into());
    }
    let shortest = from_f64(d).unwrap_or_default();
    let value = if shortest.fractional_digit_count() > 3 { exact_f64(d).unwrap_or(shortest) } else { shortest };
    let text = format_grouped(&value)?;
    // Java prints negative values that round to zero, and -0.0 itself, as "-0".
    if d.is_sign_negative() && !text.starts_with('-') {
        return Ok(format!("-{text}"));
    }
    Ok(text)
}

/// Digits of a whole number grouped by thousands: `1234567` becomes `1,234,567`.
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `a / b` at `scale` digits after the point: the unscaled quotient and whether it is exact.
fn quotient_at(a: &BigDecimal, b: &BigDecimal, scale: i64, mode: Rounding) -> Result<(BigInt, bool), Throw> {
    if b.is_zero() {
        return Err(divide_by_zero());
    }
    let (ua, sa) = a.as_bigint_and_exponent();
    let (ub, sb) = b.as_bigint_and_exponent();
    // a / b = (ua / ub) * 10^(sb - sa), so the unscaled quotient is ua * 10^shift / ub.
    let shift = scale + sb - sa;
    if shift >= 0 {
        div_round(&(ua * pow10(shift)?), &ub, mode)
    } else {
        div_round(&ua, &(ub * pow10(-shift)?), mode)
    }
}

/// `num / den` rounded to a whole number under `mode`, and whether no rounding was needed.
fn div_round(num: &BigInt, den: &BigInt, mode: Rounding) -> Result<(BigInt, bool), Throw> {
    let quotient = num / den;
    let remainder = num - &quotient * den;
    if remainder.is_zero() {
        return Ok((quotient, true));
    }
    let positive = (num.sign() == Sign::Minus) == (den.sign() == Sign::Minus);
    let half = (remainder.magnitude() * 2u32).cmp(den.magnitude());
    let odd = !(&quotient % 2u32).is_zero();
    let away = match mode {
        Rounding::Up => true,
        Rounding::Down => false,
        Rounding::Ceiling => positive,
        Rounding::Floor => !positive,
        Rounding::HalfUp => half != Ordering::Less,
        Rounding::HalfDown => half == Ordering::Greater,
        Rounding::HalfEven => half == Ordering::Greater || (half == Ordering::Equal && odd),
        Rounding::Unnecessary => return Err(Throw::sys(SysExc::Math, "Rounding necessary")),
    };
    let step = if !away {
        0
    } else if positive {
        1
    } else {
        -1
    };
    Ok((quotient + step, false))
}

/// Removes trailing zeros from the unscaled value while the scale stays above `floor`.
fn strip_zeros(mut unscaled: BigInt, mut scale: i64, floor: i64) -> (BigInt, i64) {
    while scale > floor && !unscaled.is_zero() && (&unscaled % 10u32).is_zero() {
        unscaled /= 10u32;
        scale -= 1;
    }
    (unscaled, scale)
}

/// The power of ten of the leading digit (`123.4` gives 2, `0.05` gives -2).
fn adjusted_exponent(d: &BigDecimal) -> i64 {
    let (unscaled, scale) = d.as_bigint_and_exponent();
    digit_count(&unscaled) as i64 - 1 - scale
}

fn digit_count(n: &BigInt) -> u64 {
    if n.is_zero() {
        return 1;
    }
    n.magnitude().to_string().len() as u64
}

fn pow10(n: i64) -> Result<BigInt, Throw> {
    if !(0..=MAX_POW10).contains(&n) {
        return Err(Throw::sys(SysExc::Math, "Overflow"));
    }
    Ok(BigInt::from(10u32).pow(n as u32))
}

/// The exponent after `e` in a decimal literal: an optional sign and at least one digit.
fn parse_exponent(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = digits.parse().ok()?;
    Some(if text.starts_with('-') { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> BigDecimal {
        parse(text).unwrap()
    }

    fn s(value: &BigDecimal) -> String {
        to_java_string(value)
    }

    #[test]
    fn parse_follows_java_syntax() {
        assert_eq!(s(&d("12.50")), "12.50");
        assert_eq!(d("12.50").fractional_digit_count(), 2);
        assert_eq!(s(&d("-.5")), "-0.5");
        assert_eq!(s(&d("+7.")), "7");
        assert_eq!(s(&d("1.5E+3")), "1.5E+3");
        assert_eq!(s(&d("15e-1")), "1.5");
        for bad in ["", "abc", "1.2.3", ".", "-", "1e", "1e+", " 1", "1 ", "1,000", "0x10", "1_0"] {
            assert!(parse(bad).is_none(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn java_string_uses_exponents_for_tiny_and_negative_scales() {
        assert_eq!(s(&d("0.000001")), "0.000001");
        assert_eq!(s(&d("0.0000001")), "1E-7");
        assert_eq!(s(&BigDecimal::new(BigInt::zero(), 32)), "0E-32");
        assert_eq!(s(&BigDecimal::new(BigInt::from(-123), -2)), "-1.23E+4");
    }

    fn set_scale(text: &str, scale: i64, mode: Rounding) -> String {
        s(&rescale(&d(text), scale, mode).unwrap())
    }

    /// The table of the Apex RoundingMode reference: inputs 5.5, 1.1, -1.1, -2.7 (and -2.5).
    #[test]
    fn rounding_modes_match_the_reference_tables() {
        use Rounding::*;
        let cases: &[(Rounding, [&str; 5])] = &[
            (Ceiling, ["6", "2", "-1", "-2", "-2"]),
            (Down, ["5", "1", "-1", "-2", "-2"]),
            (Floor, ["5", "1", "-2", "-3", "-3"]),
            (HalfDown, ["5", "1", "-1", "-3", "-2"]),
            (HalfEven, ["6", "1", "-1", "-3", "-2"]),
            (HalfUp, ["6", "1", "-1", "-3", "-3"]),
            (Up, ["6", "2", "-2", "-3", "-3"]),
        ];
        for (mode, expected) in cases {
            for (input, want) in ["5.5", "1.1", "-1.1", "-2.7", "-2.5"].iter().zip(expected) {
                assert_eq!(&set_scale(input, 0, *mode), want, "{input} {mode:?}");
            }
        }
    }

    #[test]
    fn unnecessary_rounding_throws_only_when_digits_are_lost() {
        assert_eq!(set_scale("1.50", 1, Rounding::Unnecessary), "1.5");
        let err = rescale(&d("1.55"), 1, Rounding::Unnecessary).unwrap_err();
        assert!(err.as_sys() == Some((SysExc::Math, "Rounding necessary")));
    }

    #[test]
    fn set_scale_half_even_and_widening() {
        assert_eq!(set_scale("5.245", 2, Rounding::HalfEven), "5.24");
        assert_eq!(set_scale("5.235", 2, Rounding::HalfEven), "5.24");
        assert_eq!(set_scale("1.5", 3, Rounding::HalfEven), "1.500");
        assert_eq!(set_scale("1234.5", -2, Rounding::HalfUp), "1.2E+3");
    }

    #[test]
    fn divide_to_scale_matches_the_reference_examples() {
        let div = |a: &str, b: &str, scale, mode| s(&divide_to_scale(&d(a), &d(b), scale, mode).unwrap());
        assert_eq!(div("19", "100", 3, Rounding::HalfUp), "0.190");
        assert_eq!(div("12.4567", "7", 2, Rounding::Up), "1.78");
        assert_eq!(div("5", "3", 30, Rounding::HalfUp), "1.666666666666666666666666666667");
        assert_eq!(div("-1", "3", 2, Rounding::Floor), "-0.34");
        assert!(divide_to_scale(&d("1"), &d("0.00"), 2, Rounding::HalfUp).is_err());
    }

    #[test]
    fn division_keeps_34_digits_or_the_exact_quotient() {
        let div = |a: &str, b: &str| s(&divide(&d(a), &d(b)).unwrap());
        assert_eq!(div("1", "3"), "0.3333333333333333333333333333333333");
        assert_eq!(div("2", "3"), "0.6666666666666666666666666666666667");
        assert_eq!(div("1.0", "4.0"), "0.25");
        assert_eq!(div("6.0", "2.0"), "3");
        assert_eq!(div("2.10", "2.0"), "1.05");
        assert_eq!(div("100", "0.5"), "2.0E+2");
        assert_eq!(div("10", "4"), "2.5");
        assert_eq!(div("0.00", "3"), "0.00");
        assert_eq!(div("-7", "2"), "-3.5");
        assert_eq!(div("1", "32"), "0.03125");
        assert_eq!(div("99999", "100000.1"), "0.9999890000109999890000109999890000");
        let err = divide(&d("1"), &d("0")).unwrap_err();
        assert!(err.as_sys() == Some((SysExc::Math, "Divide by 0")));
    }

    #[test]
    fn strip_precision_and_truncation() {
        assert_eq!(s(&strip_trailing_zeros(&d("785.000"))), "785");
        assert_eq!(s(&strip_trailing_zeros(&d("23500"))), "2.35E+4");
        assert_eq!(s(&strip_trailing_zeros(&d("0.000"))), "0");
        assert_eq!(precision(&d("123.45")), 5);
        assert_eq!(precision(&d("123.123")), 6);
        assert_eq!(precision(&d("0.001")), 1);
        assert_eq!(truncate_to_i64(&d("-376.73")).unwrap(), -376);
        assert_eq!(truncate_to_i64(&d("18446744073709551617")).unwrap(), 1);
        assert_eq!(truncate_to_i64(&d("9223372036854775808")).unwrap(), i64::MIN);
    }

    #[test]
    fn doubles_convert_through_their_java_text() {
        assert_eq!(s(&from_f64(0.1).unwrap()), "0.1");
        assert_eq!(s(&from_f64(1.0).unwrap()), "1.0");
        assert_eq!(s(&from_f64(1e10).unwrap()), "1.0E+10");
        assert!(from_f64(f64::NAN).is_none());
        assert_eq!(s(&exact_f64(0.5).unwrap()), "0.5");
        assert_eq!(s(&exact_f64(-3.0).unwrap()), "-3");
        assert!(s(&exact_f64(0.1).unwrap()).starts_with("0.1000000000000000055511151231257827"));
        assert_eq!(to_f64(&d("6.62606957")), 6.62606957);
    }

    #[test]
    fn grouped_format_like_java_number_format() {
        let f = |text: &str| format_grouped(&d(text)).unwrap();
        assert_eq!(f("12345.6789"), "12,345.679");
        assert_eq!(f("1234.50"), "1,234.5");
        assert_eq!(f("1000.00"), "1,000");
        assert_eq!(f("-1234567"), "-1,234,567");
        assert_eq!(f("0.0005"), "0");
        assert_eq!(f("0.0015"), "0.002");
        assert_eq!(f("-0.0001"), "-0");
        assert_eq!(f("123"), "123");
        let g = |x: f64| format_grouped_f64(x).unwrap();
        assert_eq!(g(1261992.0), "1,261,992");
        assert_eq!(g(4.56789), "4.568");
        assert_eq!(g(0.1 + 0.2), "0.3");
        assert_eq!(g(1.0015), "1.002");
        assert_eq!(g(1.0005), "1");
        assert_eq!(g(-0.0), "-0");
        assert_eq!(g(1e23), "100,000,000,000,000,000,000,000");
        assert_eq!(g(f64::INFINITY), "∞");
    }
}
