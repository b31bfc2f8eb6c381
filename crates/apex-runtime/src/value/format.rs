//! Text forms of numbers as Apex prints them: Doubles like Java's `Double.toString`, Decimals
//! in plain digits keeping their scale.

use bigdecimal::BigDecimal;

/// Java's `Double.toString`: plain digits between 10^-3 and 10^7, otherwise `d.dddE±n`; the
/// digits are the shortest that read back as the same double.
pub fn format_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{:e}", d.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if d < 0.0 { "-" } else { "" };
    let abs = d.abs();
    if (1e-3..1e7).contains(&abs) {
        return format!("{sign}{}", plain(&digits, exp));
    }
    let (first, rest) = digits.split_at(1);
    let rest = if rest.is_empty() { "0" } else { rest };
    format!("{sign}{first}.{rest}E{exp}")
}

/// Places the decimal point in `digits` (d.ddd × 10^exp), with at least one digit after it.
fn plain(digits: &str, exp: i32) -> String {
    if exp < 0 {
        let zeros = "0".repeat((-exp - 1) as usize);
        return format!("0.{zeros}{digits}");
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        let zeros = "0".repeat(int_len - digits.len());
        return format!("{digits}{zeros}.0");
    }
    format!("{}.{}", &digits[..int_len], &digits[int_len..])
}

/// A Decimal in plain notation keeping its scale: `12.50`, `100`, `0.001`.
pub fn format_decimal(d: &BigDecimal) -> String {
    let (int, scale) = d.as_bigint_and_exponent();
    let negative = int.sign() == bigdecimal::num_bigint::Sign::Minus;
    let digits = int.magnitude().to_string();
    let sign = if negative { "-" } else { "" };
    if scale <= 0 {
        let zeros = "0".repeat((-scale) as usize);
        return format!("{sign}{digits}{zeros}");
    }
    let scale = scale as usize;
    if digits.len() > scale {
        let point = digits.len() - scale;
        return format!("{sign}{}.{}", &digits[..point], &digits[point..]);
    }
    let zeros = "0".repeat(scale - digits.len());
    format!("{sign}0.{zeros}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_java() {
        assert_eq!(format_double(1.0), "1.0");
        assert_eq!(format_double(100.0), "100.0");
        assert_eq!(format_double(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_double(1.2345e-5), "1.2345E-5");
        assert_eq!(format_double(1e7), "1.0E7");
        assert_eq!(format_double(-2.5), "-2.5");
        assert_eq!(format_double(0.001), "0.001");
        assert_eq!(format_double(1234567.0), "1234567.0");
    }

    #[test]
    fn decimals_keep_their_scale() {
        let d = |s: &str| format_decimal(&s.parse::<BigDecimal>().unwrap());
        assert_eq!(d("12.50"), "12.50");
        assert_eq!(d("100"), "100");
        assert_eq!(d("0.001"), "0.001");
        assert_eq!(d("-0.5"), "-0.5");
    }
}
