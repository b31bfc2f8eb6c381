//! `System.Date`, `System.Datetime` and `System.Time`: construction, parsing, calendar
//! arithmetic and formatting. The user's locale is en_US and the user's time zone is GMT, so
//! the local and `Gmt` variants agree. Construction is lenient like Java's calendar:
//! `Date.newInstance(2024, 2, 30)` is 2024-03-01.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_date.htm
//! https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_datetime.htm
//! https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_time.htm

#[path = "datetime_format.rs"]
mod format;

use super::{ret, Native};
use crate::eval::{Fault, SysExc, Throw};
use crate::value::time::{civil_from_days, days_from_civil, MS_PER_DAY};
use crate::value::{Date, Datetime, Time, Value};
use format::{format_pattern, Zone};

pub static DATE_STATIC: &[Native] = &[
    Native::interp("today", 0, ret::DATE, |interp, _| Ok(Value::Date(today(interp.host.now_millis())))),
    Native::pure("newinstance", 3, ret::DATE, |a| Ok(Value::Date(to_date(ymd_days(a, 0)?)))),
    Native::pure("valueof", 1, ret::DATE, date_value_of),
    Native::pure("parse", 1, ret::DATE, date_parse),
    Native::pure("isleapyear", 1, ret::BOOLEAN, |a| Ok(Value::Boolean(is_leap(int(a, 0)?)))),
    Native::pure("daysinmonth", 2, ret::INTEGER, days_in_month_fn),
];

pub static DATE_INSTANCE: &[Native] = &[
    Native::pure("adddays", 1, ret::DATE, |a| Ok(Value::Date(date_plus_days(date(a, 0)?, int(a, 1)?)))),
    Native::pure("addmonths", 1, ret::DATE, |a| Ok(Value::Date(add_months(date(a, 0)?, int(a, 1)?)))),
    Native::pure("addyears", 1, ret::DATE, |a| Ok(Value::Date(add_months(date(a, 0)?, int(a, 1)?.saturating_mul(12))))),
    Native::pure("day", 0, ret::INTEGER, |a| Ok(integer(date(a, 0)?.ymd().2 as i64))),
    Native::pure("dayofyear", 0, ret::INTEGER, |a| Ok(integer(day_of_year(date(a, 0)?)))),
    Native::pure("daysbetween", 1, ret::INTEGER, |a| Ok(integer(date(a, 1)?.0 as i64 - date(a, 0)?.0 as i64))),
    Native::pure("format", 0, ret::STRING, |a| format_date(date(a, 0)?)),
    Native::pure("issameday", 1, ret::BOOLEAN, |a| Ok(Value::Boolean(date(a, 0)? == date(a, 1)?))),
    Native::pure("month", 0, ret::INTEGER, |a| Ok(integer(date(a, 0)?.ymd().1 as i64))),
    Native::pure("monthsbetween", 1, ret::INTEGER, |a| Ok(integer(months_between(date(a, 0)?, date(a, 1)?)))),
    Native::pure("tostartofmonth", 0, ret::DATE, |a| Ok(Value::Date(start_of_month(date(a, 0)?)))),
    Native::pure("tostartofweek", 0, ret::DATE, |a| Ok(Value::Date(start_of_week(date(a, 0)?)))),
    Native::pure("year", 0, ret::INTEGER, |a| Ok(integer(date(a, 0)?.ymd().0 as i64))),
];

pub static DATETIME_STATIC: &[Native] = &[
    Native::interp("now", 0, ret::DATETIME, |interp, _| Ok(Value::Datetime(Datetime(interp.host.now_millis())))),
    Native::pure("newinstance", 1, ret::DATETIME, |a| Ok(Value::Datetime(Datetime(long(a, 0)?)))),
    Native::pure("newinstance", 2, ret::DATETIME, datetime_of_date_time),
    Native::pure("newinstance", 3, ret::DATETIME, |a| Ok(Value::Datetime(day_start(ymd_days(a, 0)?)))),
    Native::pure("newinstance", 6, ret::DATETIME, datetime_of_fields),
    Native::pure("newinstancegmt", 2, ret::DATETIME, datetime_of_date_time),
    Native::pure("newinstancegmt", 3, ret::DATETIME, |a| Ok(Value::Datetime(day_start(ymd_days(a, 0)?)))),
    Native::pure("newinstancegmt", 6, ret::DATETIME, datetime_of_fields),
    Native::pure("valueof", 1, ret::DATETIME, datetime_value_of),
    Native::pure("valueofgmt", 1, ret::DATETIME, datetime_value_of),
    Native::pure("parse", 1, ret::DATETIME, datetime_parse),
];

pub static DATETIME_INSTANCE: &[Native] = &[
    Native::pure("adddays", 1, ret::DATETIME, |a| add_ms(a, MS_PER_DAY)),
    Native::pure("addhours", 1, ret::DATETIME, |a| add_ms(a, 3_600_000)),
    Native::pure("addminutes", 1, ret::DATETIME, |a| add_ms(a, 60_000)),
    Native::pure("addseconds", 1, ret::DATETIME, |a| add_ms(a, 1000)),
    Native::pure("addmonths", 1, ret::DATETIME, |a| Ok(Value::Datetime(dt_add_months(dt(a, 0)?, int(a, 1)?)))),
    Native::pure("addyears", 1, ret::DATETIME, |a| {
        Ok(Value::Datetime(dt_add_months(dt(a, 0)?, int(a, 1)?.saturating_mul(12))))
    }),
    Native::pure("date", 0, ret::DATE, |a| Ok(Value::Date(dt(a, 0)?.date()))),
    Native::pure("dategmt", 0, ret::DATE, |a| Ok(Value::Date(dt(a, 0)?.date()))),
    Native::pure("day", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.date().ymd().2 as i64))),
    Native::pure("daygmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.date().ymd().2 as i64))),
    Native::pure("dayofyear", 0, ret::INTEGER, |a| Ok(integer(day_of_year(dt(a, 0)?.date())))),
    Native::pure("dayofyeargmt", 0, ret::INTEGER, |a| Ok(integer(day_of_year(dt(a, 0)?.date())))),
    Native::pure("format", 0, ret::STRING, datetime_format).args(0, 2),
    Native::pure("formatgmt", 1, ret::STRING, |a| format_in(dt(a, 0)?, string(a, 1)?, &Zone::user())),
    Native::pure("formatlong", 0, ret::STRING, |a| format_in(dt(a, 0)?, format::DATETIME_LONG, &Zone::user())),
    Native::pure("gettime", 0, ret::LONG, |a| Ok(Value::Long(dt(a, 0)?.0))),
    Native::pure("hour", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().hour() as i64))),
    Native::pure("hourgmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().hour() as i64))),
    Native::pure("issameday", 1, ret::BOOLEAN, |a| Ok(Value::Boolean(dt(a, 0)?.date() == dt(a, 1)?.date()))),
    Native::pure("millisecond", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().millisecond() as i64))),
    Native::pure("millisecondgmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().millisecond() as i64))),
    Native::pure("minute", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().minute() as i64))),
    Native::pure("minutegmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().minute() as i64))),
    Native::pure("month", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.date().ymd().1 as i64))),
    Native::pure("monthgmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.date().ymd().1 as i64))),
    Native::pure("second", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().second() as i64))),
    Native::pure("secondgmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.time().second() as i64))),
    Native::pure("time", 0, ret::TIME, |a| Ok(Value::Time(dt(a, 0)?.time()))),
    Native::pure("timegmt", 0, ret::TIME, |a| Ok(Value::Time(dt(a, 0)?.time()))),
    Native::pure("year", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.date().ymd().0 as i64))),
    Native::pure("yeargmt", 0, ret::INTEGER, |a| Ok(integer(dt(a, 0)?.date().ymd().0 as i64))),
];

pub static TIME_STATIC: &[Native] = &[Native::pure("newinstance", 4, ret::TIME, time_new_instance)];

pub static TIME_INSTANCE: &[Native] = &[
    Native::pure("addhours", 1, ret::TIME, |a| time_add(a, 3_600_000)),
    Native::pure("addminutes", 1, ret::TIME, |a| time_add(a, 60_000)),
    Native::pure("addseconds", 1, ret::TIME, |a| time_add(a, 1000)),
    Native::pure("addmilliseconds", 1, ret::TIME, |a| time_add(a, 1)),
    Native::pure("hour", 0, ret::INTEGER, |a| Ok(integer(time(a, 0)?.hour() as i64))),
    Native::pure("minute", 0, ret::INTEGER, |a| Ok(integer(time(a, 0)?.minute() as i64))),
    Native::pure("second", 0, ret::INTEGER, |a| Ok(integer(time(a, 0)?.second() as i64))),
    Native::pure("millisecond", 0, ret::INTEGER, |a| Ok(integer(time(a, 0)?.millisecond() as i64))),
];

// ---- Helpers the evaluator calls ----

/// `Date + Integer`: the date that many days later.
pub fn date_plus_days(d: Date, days: i64) -> Date {
    to_date((d.0 as i64).saturating_add(days))
}

/// `Datetime + Integer|Double`: the instant that many days later, a fraction being that part of
/// a day (rounded to the millisecond).
pub fn datetime_plus_days(dt: Datetime, days: f64) -> Datetime {
    // A float-to-int `as` saturates (NaN becomes 0), so absurd values cannot overflow.
    Datetime(dt.0.saturating_add((days * MS_PER_DAY as f64).round() as i64))
}

/// A Date from `yyyy-MM-dd`, as `Date.valueOf` reads it: lenient field values (`2024-02-30` is
/// 2024-03-01), one or more digits per field, any text after the day ignored.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut s = Scan::new(text);
    let (y, m, d) = (s.number()?, s.expect(b'-')?.number()?, s.expect(b'-')?.number()?);
    Some(to_date(lenient_days(y, m, d)))
}

/// A Datetime from `yyyy-MM-dd HH:mm:ss` in the user's time zone (GMT), as `Datetime.valueOf`
/// reads it: lenient field values, any text after the seconds ignored.
pub fn parse_datetime(text: &str) -> Option<Datetime> {
    let mut s = Scan::new(text);
    let (y, m, d) = (s.number()?, s.expect(b'-')?.number()?, s.expect(b'-')?.number()?);
    let (h, mi, sec) = (s.expect(b' ')?.number()?, s.expect(b':')?.number()?, s.expect(b':')?.number()?);
    Some(fields_instant(lenient_days(y, m, d), h, mi, sec))
}

// ---- Calendar arithmetic ----

/// Years beyond this are clamped so day counts stay inside `i32`.
const MAX_YEAR: i64 = 5_000_000;

/// Days since 1970 of a year, month and day that may be out of range, rolled over the way
/// Java's lenient calendar does (month 13 is January of the next year, day 0 the last day of
/// the previous month).
fn lenient_days(year: i64, month: i64, day: i64) -> i64 {
    let months = year.saturating_mul(12).saturating_add(month.saturating_sub(1));
    let y = months.div_euclid(12).clamp(-MAX_YEAR, MAX_YEAR);
    let first = days_from_civil(y as i32, months.rem_euclid(12) as u32 + 1, 1) as i64;
    first.saturating_add(day.saturating_sub(1))
}

fn to_date(days: i64) -> Date {
    Date(days.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
}

fn day_start(days: i64) -> Datetime {
    Datetime(days.saturating_mul(MS_PER_DAY))
}

/// The instant of a (lenient) day and time of day in the user's time zone.
fn fields_instant(days: i64, hour: i64, minute: i64, second: i64) -> Datetime {
    let ms = hour.saturating_mul(3_600_000).saturating_add(minute.saturating_mul(60_000));
    Datetime(day_start(days).0.saturating_add(ms).saturating_add(second.saturating_mul(1000)))
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `addMonths`: the same day of month that many months later, clamped to the month's end.
fn add_months(d: Date, months: i64) -> Date {
    let (y, m, day) = d.ymd();
    let total = (y as i64 * 12 + m as i64 - 1).saturating_add(months);
    let year = total.div_euclid(12).clamp(-MAX_YEAR, MAX_YEAR);
    let month = total.rem_euclid(12) as u32 + 1;
    Date::from_ymd(year as i32, month, day.min(days_in_month(year, month)))
}

fn dt_add_months(dt: Datetime, months: i64) -> Datetime {
    let day = add_months(dt.date(), months);
    Datetime(day_start(day.0 as i64).0 + dt.time().0 as i64)
}

fn day_of_year(d: Date) -> i64 {
    d.0 as i64 - days_from_civil(d.ymd().0, 1, 1) as i64 + 1
}

/// Months between two dates, ignoring the days: `2006-12-02` to `2012-12-08` is 72.
fn months_between(from: Date, to: Date) -> i64 {
    let ((y1, m1, _), (y2, m2, _)) = (from.ymd(), to.ymd());
    (y2 as i64 - y1 as i64) * 12 + m2 as i64 - m1 as i64
}

fn start_of_month(d: Date) -> Date {
    let (y, m, _) = d.ymd();
    Date::from_ymd(y, m, 1)
}

/// The Sunday on or before the date (en_US weeks start on Sunday).
fn start_of_week(d: Date) -> Date {
    to_date(d.0 as i64 - format::weekday(d.0 as i64))
}

fn today(now_ms: i64) -> Date {
    Datetime(now_ms).date()
}

// ---- Method bodies ----

fn days_in_month_fn(args: &[Value]) -> Result<Value, Throw> {
    let days = lenient_days(int(args, 0)?, int(args, 1)?, 1);
    let (y, m, _) = civil_from_days(to_date(days).0);
    Ok(integer(days_in_month(y as i64, m) as i64))
}

fn format_date(d: Date) -> Result<Value, Throw> {
    format_pattern(day_start(d.0 as i64).0, format::DATE_SHORT, &Zone::user()).map(Value::string)
}

/// `Date.valueOf(String)` and `Date.valueOf(Object)`: a Date, the date of a Datetime, or the
/// parse of `yyyy-MM-dd`. A null argument gives null (unconfirmed).
fn date_value_of(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Null) => Ok(Value::Null),
        Some(Value::Date(d)) => Ok(Value::Date(*d)),
        Some(Value::Datetime(t)) => Ok(Value::Date(t.date())),
        Some(Value::String(s)) => parse_date(s).map(Value::Date).ok_or_else(|| invalid_date(s)),
        other => Err(invalid_date(&other.map(describe).unwrap_or_default())),
    }
}

/// `Date.parse` in the en_US short format `M/d/yyyy`; any text after the year is ignored.
fn date_parse(args: &[Value]) -> Result<Value, Throw> {
    let text = string(args, 0)?;
    let mut s = Scan::new(text);
    let parsed = (|| Some((s.number()?, s.expect(b'/')?.number()?, s.expect(b'/')?.number()?)))();
    let date = parsed.map(|(m, d, y)| to_date(lenient_days(y, m, d))).filter(|d| in_platform_range(d.ymd().0));
    date.map(Value::Date).ok_or_else(|| invalid_date(text))
}

/// Dates the platform stores: years 1700 through 4000 (`Date.parse('12/31/5000')` fails).
fn in_platform_range(year: i32) -> bool {
    (1700..=4000).contains(&year)
}

fn datetime_of_date_time(args: &[Value]) -> Result<Value, Throw> {
    let (d, t) = (date(args, 0)?, time(args, 1)?);
    Ok(Value::Datetime(Datetime(day_start(d.0 as i64).0 + t.0 as i64)))
}

fn datetime_of_fields(args: &[Value]) -> Result<Value, Throw> {
    let days = ymd_days(args, 0)?;
    Ok(Value::Datetime(fields_instant(days, int(args, 3)?, int(args, 4)?, int(args, 5)?)))
}

/// `Datetime.valueOf(String)` / `valueOfGmt`, and `valueOf(Object)` for Date and Datetime values.
fn datetime_value_of(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Null) => Ok(Value::Null),
        Some(Value::Datetime(t)) => Ok(Value::Datetime(*t)),
        Some(Value::Date(d)) => Ok(Value::Datetime(day_start(d.0 as i64))),
        Some(Value::String(s)) => parse_datetime(s).map(Value::Datetime).ok_or_else(|| invalid_datetime(s)),
        other => Err(invalid_datetime(&other.map(describe).unwrap_or_default())),
    }
}

/// `Datetime.parse` in the en_US short format `M/d/yyyy h:mm a` (a comma after the year, as
/// in the newer ICU format, is accepted too).
fn datetime_parse(args: &[Value]) -> Result<Value, Throw> {
    let text = string(args, 0)?;
    parse_short_datetime(text)
        .filter(|t| in_platform_range(t.date().ymd().0))
        .map(Value::Datetime)
        .ok_or_else(|| invalid_datetime(text))
}

fn parse_short_datetime(text: &str) -> Option<Datetime> {
    let mut s = Scan::new(text);
    let (m, d, y) = (s.number()?, s.expect(b'/')?.number()?, s.expect(b'/')?.number()?);
    s.optional(b',');
    let (h, mi) = (s.expect(b' ')?.number()?, s.expect(b':')?.number()?);
    let pm = s.expect(b' ')?.am_pm()?;
    let hour = if h == 12 { 0 } else { h } + if pm { 12 } else { 0 };
    Some(fields_instant(lenient_days(y, m, d), hour, mi, 0))
}

fn add_ms(args: &[Value], unit: i64) -> Result<Value, Throw> {
    Ok(Value::Datetime(Datetime(dt(args, 0)?.0.saturating_add(int(args, 1)?.saturating_mul(unit)))))
}

/// `format()`, `format(pattern)` and `format(pattern, timeZoneId)`.
fn datetime_format(args: &[Value]) -> Result<Value, Throw> {
    let t = dt(args, 0)?;
    match args.len() {
        1 => format_in(t, format::DATETIME_SHORT, &Zone::user()),
        2 => format_in(t, string(args, 1)?, &Zone::user()),
        _ => format_in(t, string(args, 1)?, &Zone::from_id(string(args, 2)?)?),
    }
}

fn format_in(t: Datetime, pattern: &str, zone: &Zone) -> Result<Value, Throw> {
    format_pattern(t.0, pattern, zone).map(Value::string)
}

/// `Time.newInstance(h, m, s, ms)`: out-of-range fields roll over and wrap around midnight.
fn time_new_instance(args: &[Value]) -> Result<Value, Throw> {
    let (h, m, s, ms) = (int(args, 0)?, int(args, 1)?, int(args, 2)?, int(args, 3)?);
    let total = h * 3_600_000 + m * 60_000 + s * 1000 + ms;
    Ok(Value::Time(Time(total.rem_euclid(MS_PER_DAY) as i32)))
}

fn time_add(args: &[Value], unit: i64) -> Result<Value, Throw> {
    let total = time(args, 0)?.0 as i64 + int(args, 1)?.saturating_mul(unit).rem_euclid(MS_PER_DAY);
    Ok(Value::Time(Time(total.rem_euclid(MS_PER_DAY) as i32)))
}

// ---- Errors and arguments ----

fn invalid_date(text: &str) -> Throw {
    Throw::sys(SysExc::Type, format!("Invalid date: {text}"))
}

fn invalid_datetime(text: &str) -> Throw {
    Throw::sys(SysExc::Type, format!("Invalid date/time: {text}"))
}

fn describe(value: &Value) -> String {
    match value {
        Value::Integer(i) => i.to_string(),
        Value::Long(l) => l.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Id(s) => s.to_string(),
        other => format!("{other:?}"),
    }
}

fn integer(n: i64) -> Value {
    Value::Integer(n as i32)
}

/// Argument `i`, which must not be null.
fn arg(args: &[Value], i: usize) -> Result<&Value, Throw> {
    match args.get(i) {
        Some(Value::Null) => Err(Throw::null_pointer()),
        Some(v) => Ok(v),
        None => Err(internal(format!("date/time method called without argument {i}"))),
    }
}

fn internal(message: String) -> Throw {
    Throw::fault(Fault::Internal(message))
}

fn mismatch(what: &str, value: &Value) -> Throw {
    internal(format!("expected {what}, got {value:?}"))
}

fn int(args: &[Value], i: usize) -> Result<i64, Throw> {
    match arg(args, i)? {
        Value::Integer(n) => Ok(*n as i64),
        Value::Long(n) => Ok(*n),
        other => Err(mismatch("an Integer", other)),
    }
}

fn long(args: &[Value], i: usize) -> Result<i64, Throw> {
    int(args, i)
}

fn string(args: &[Value], i: usize) -> Result<&str, Throw> {
    arg(args, i).and_then(|v| v.as_str().ok_or_else(|| mismatch("a String", v)))
}

fn date(args: &[Value], i: usize) -> Result<Date, Throw> {
    match arg(args, i)? {
        Value::Date(d) => Ok(*d),
        Value::Datetime(t) => Ok(t.date()),
        other => Err(mismatch("a Date", other)),
    }
}

fn dt(args: &[Value], i: usize) -> Result<Datetime, Throw> {
    match arg(args, i)? {
        Value::Datetime(t) => Ok(*t),
        Value::Date(d) => Ok(day_start(d.0 as i64)),
        other => Err(mismatch("a Datetime", other)),
    }
}

fn time(args: &[Value], i: usize) -> Result<Time, Throw> {
    match arg(args, i)? {
        Value::Time(t) => Ok(*t),
        other => Err(mismatch("a Time", other)),
    }
}

/// The lenient day count of `(year, month, day)` arguments starting at `first`.
fn ymd_days(args: &[Value], first: usize) -> Result<i64, Throw> {
    Ok(lenient_days(int(args, first)?, int(args, first + 1)?, int(args, first + 2)?))
}

/// A cursor over text being parsed against a fixed date pattern.
struct Scan<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        Scan { bytes: text.as_bytes(), pos: 0 }
    }

    /// One to nine digits (more cannot be a sensible calendar field).
    fn number(&mut self) -> Option<i64> {
        let digits = self.bytes.get(self.pos..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let text = std::str::from_utf8(self.bytes.get(self.pos..self.pos + digits)?).ok()?;
        self.pos += digits;
        text.parse().ok()
    }

    fn expect(&mut self, byte: u8) -> Option<&mut Self> {
        (self.bytes.get(self.pos) == Some(&byte)).then(|| {
            self.pos += 1;
        })?;
        Some(self)
    }

    fn optional(&mut self, byte: u8) {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
        }
    }

    /// `AM` or `PM`, in any case; true for PM.
    fn am_pm(&mut self) -> Option<bool> {
        let word = self.bytes.get(self.pos..self.pos + 2)?;
        let pm = if word.eq_ignore_ascii_case(b"PM") {
            true
        } else if word.eq_ignore_ascii_case(b"AM") {
            false
        } else {
            return None;
        };
        self.pos += 2;
        Some(pm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stdlib::find;

    fn call(table: &[Native], name: &str, args: &[Value]) -> Result<Value, Throw> {
        let native = find(table, name, args.len().saturating_sub(usize::from(is_instance(table))));
        match native.map(|n| n.func) {
            Some(super::super::NativeFn::Pure(f)) => f(args),
            _ => Err(internal(format!("no pure method {name}"))),
        }
    }

    fn is_instance(table: &[Native]) -> bool {
        [DATE_INSTANCE, DATETIME_INSTANCE, TIME_INSTANCE].iter().any(|t| std::ptr::eq(*t, table))
    }

    fn d(y: i32, m: u32, day: u32) -> Value {
        Value::Date(Date::from_ymd(y, m, day))
    }

    fn ints(values: &[i32]) -> Vec<Value> {
        values.iter().map(|v| Value::Integer(*v)).collect()
    }

    fn text(result: Result<Value, Throw>) -> String {
        match result {
            Ok(Value::String(s)) => s.to_string(),
            Ok(Value::Date(d)) => d.iso(),
            Ok(Value::Datetime(t)) => t.display(),
            Ok(Value::Time(t)) => t.display(),
            Ok(Value::Integer(i)) => i.to_string(),
            Ok(Value::Long(l)) => l.to_string(),
            Ok(Value::Boolean(b)) => b.to_string(),
            Ok(other) => format!("{other:?}"),
            Err(t) if t.as_sys().is_some() => {
                t.as_sys().map(|(kind, message)| format!("{}: {message}", kind.name())).unwrap_or_default()
            }
            Err(other) => format!("{other:?}"),
        }
    }

    fn s(value: &str) -> Value {
        Value::string(value)
    }

    fn dt_of(fields: &[i32]) -> Value {
        call(DATETIME_STATIC, "newinstance", &ints(fields)).unwrap_or_default()
    }

    #[test]
    fn leap_years_and_month_lengths() {
        let leap = |y| text(call(DATE_STATIC, "isleapyear", &ints(&[y])));
        assert_eq!([leap(2024), leap(1900), leap(2000), leap(2023)], ["true", "false", "true", "false"]);
        let dim = |y, m| text(call(DATE_STATIC, "daysinmonth", &ints(&[y, m])));
        assert_eq!([dim(1960, 2), dim(2023, 2), dim(2024, 4), dim(2024, 12)], ["29", "28", "30", "31"]);
    }

    #[test]
    fn new_instance_rolls_over_like_a_lenient_calendar() {
        let new = |y, m, day| text(call(DATE_STATIC, "newinstance", &ints(&[y, m, day])));
        assert_eq!(new(2024, 2, 30), "2024-03-01");
        assert_eq!(new(2016, 27, 7), "2018-03-07");
        assert_eq!(new(2024, 3, 0), "2024-02-29");
        assert_eq!(new(2024, 1, 0), "2023-12-31");
        assert_eq!(new(2024, 0, 1), "2023-12-01");
        assert_eq!(
            text(call(DATE_STATIC, "newinstance", &[Value::Null, Value::Integer(1), Value::Integer(1)])),
            "NullPointerException: Attempt to de-reference a null object"
        );
    }

    #[test]
    fn add_months_clamps_to_the_month_end() {
        let add = |date: Value, n| text(call(DATE_INSTANCE, "addmonths", &[date, Value::Integer(n)]));
        assert_eq!(add(d(2024, 1, 31), 1), "2024-02-29");
        assert_eq!(add(d(2023, 1, 31), 1), "2023-02-28");
        assert_eq!(add(d(1990, 11, 21), 3), "1991-02-21");
        assert_eq!(add(d(2024, 3, 31), -13), "2023-02-28");
        let years = text(call(DATE_INSTANCE, "addyears", &[d(2024, 2, 29), Value::Integer(1)]));
        assert_eq!(years, "2025-02-28");
        let t = call(DATETIME_INSTANCE, "addmonths", &[dt_of(&[2024, 1, 31, 10, 30, 0]), Value::Integer(1)]);
        assert_eq!(text(t), "2024-02-29 10:30:00");
    }

    #[test]
    fn days_before_1970() {
        let add = text(call(DATE_INSTANCE, "adddays", &[d(1970, 1, 1), Value::Integer(-1)]));
        assert_eq!(add, "1969-12-31");
        assert_eq!(date_plus_days(Date::from_ymd(1900, 3, 1), -1).iso(), "1900-02-28");
        let between = text(call(DATE_INSTANCE, "daysbetween", &[d(1970, 1, 10), d(1969, 12, 25)]));
        assert_eq!(between, "-16");
        let t = dt_of(&[1969, 12, 31, 23, 59, 59]);
        assert_eq!(text(call(DATETIME_INSTANCE, "gettime", std::slice::from_ref(&t))), "-1000");
        assert_eq!(text(call(DATETIME_INSTANCE, "hour", std::slice::from_ref(&t))), "23");
        assert_eq!(text(call(DATE_INSTANCE, "tostartofweek", &[d(1970, 1, 1)])), "1969-12-28");
    }

    #[test]
    fn date_fields_and_week_starts() {
        assert_eq!(text(call(DATE_INSTANCE, "dayofyear", &[d(1999, 2, 5)])), "36");
        assert_eq!(text(call(DATE_INSTANCE, "monthsbetween", &[d(2006, 12, 2), d(2012, 12, 8)])), "72");
        assert_eq!(text(call(DATE_INSTANCE, "monthsbetween", &[d(2016, 3, 31), d(2016, 2, 1)])), "-1");
        assert_eq!(text(call(DATE_INSTANCE, "tostartofweek", &[d(2024, 3, 5)])), "2024-03-03");
        assert_eq!(text(call(DATE_INSTANCE, "tostartofweek", &[d(2024, 3, 3)])), "2024-03-03");
        assert_eq!(text(call(DATE_INSTANCE, "tostartofmonth", &[d(2024, 3, 5)])), "2024-03-01");
        assert_eq!(text(call(DATE_INSTANCE, "format", &[d(2009, 12, 7)])), "12/7/2009");
        assert_eq!(
            text(call(DATE_INSTANCE, "issameday", &[d(2009, 12, 7), Value::Null])),
            "NullPointerException: Attempt to de-reference a null object"
        );
    }

    #[test]
    fn value_of_and_parse() {
        let value_of = |t: &str| text(call(DATE_STATIC, "valueof", &[s(t)]));
        assert_eq!(value_of("2012-12-25"), "2012-12-25");
        assert_eq!(value_of("2012-1-5"), "2012-01-05");
        assert_eq!(value_of("2014-02-06 21:11:11"), "2014-02-06");
        assert_eq!(value_of("x"), "TypeException: Invalid date: x");
        assert_eq!(value_of("10/11/1983"), "TypeException: Invalid date: 10/11/1983");
        let parse = |t: &str| text(call(DATE_STATIC, "parse", &[s(t)]));
        assert_eq!(parse("10/11/1983"), "1983-10-11");
        assert_eq!(parse("1983-10-11"), "TypeException: Invalid date: 1983-10-11");
        assert_eq!(parse("12/31/4000"), "4000-12-31");
        assert_eq!(parse("12/31/5000"), "TypeException: Invalid date: 12/31/5000");
        let t = call(DATE_STATIC, "valueof", &[dt_of(&[2014, 2, 6, 21, 11, 11])]);
        assert_eq!(text(t), "2014-02-06");
    }

    #[test]
    fn datetime_construction() {
        assert_eq!(text(Ok(dt_of(&[2024, 2, 30, 25, 61, 0]))), "2024-03-02 02:01:00");
        let ms = call(DATETIME_STATIC, "newinstance", &[Value::Long(1_709_647_629_045)]);
        assert_eq!(text(ms), "2024-03-05 14:07:09");
        let time = Value::Time(Time(3_600_000));
        assert_eq!(text(call(DATETIME_STATIC, "newinstancegmt", &[d(2024, 1, 2), time])), "2024-01-02 01:00:00");
        let value_of = |t: &str| text(call(DATETIME_STATIC, "valueof", &[s(t)]));
        assert_eq!(value_of("2014-02-06 21:11:11"), "2014-02-06 21:11:11");
        assert_eq!(value_of("2014-02-06"), "TypeException: Invalid date/time: 2014-02-06");
        let parse = |t: &str| text(call(DATETIME_STATIC, "parse", &[s(t)]));
        assert_eq!(parse("10/14/2011 11:46 AM"), "2011-10-14 11:46:00");
        assert_eq!(parse("10/14/2011 12:05 am"), "2011-10-14 00:05:00");
        assert_eq!(parse("10/14/2011 12:05 PM"), "2011-10-14 12:05:00");
        assert_eq!(parse("96598"), "TypeException: Invalid date/time: 96598");
    }

    #[test]
    fn datetime_formats() {
        let t = dt_of(&[2024, 3, 5, 14, 7, 9]);
        assert_eq!(text(call(DATETIME_INSTANCE, "format", std::slice::from_ref(&t))), "3/5/2024 2:07 PM");
        assert_eq!(text(call(DATETIME_INSTANCE, "formatlong", std::slice::from_ref(&t))), "3/5/2024 2:07:09 PM GMT");
        let iso = call(DATETIME_INSTANCE, "format", &[t.clone(), s("yyyy-MM-dd'T'HH:mm:ss.SSSZ")]);
        assert_eq!(text(iso), "2024-03-05T14:07:09.000+0000");
        let zoned = call(DATETIME_INSTANCE, "format", &[t.clone(), s("HH:mm z"), s("GMT-05:00")]);
        assert_eq!(text(zoned), "09:07 GMT-05:00");
        assert_eq!(text(call(DATETIME_INSTANCE, "formatgmt", &[t.clone(), s("EEEE, MMMM d")])), "Tuesday, March 5");
        let la = call(DATETIME_INSTANCE, "format", &[t, s("HH"), s("America/Los_Angeles")]);
        assert!(matches!(la, Err(t) if matches!(t.kind(), crate::eval::ThrowKind::Fault(Fault::Unsupported(_)))));
    }

    #[test]
    fn datetime_arithmetic() {
        let t = dt_of(&[2024, 3, 5, 23, 30, 0]);
        assert_eq!(text(call(DATETIME_INSTANCE, "addhours", &[t.clone(), Value::Integer(1)])), "2024-03-06 00:30:00");
        assert_eq!(text(call(DATETIME_INSTANCE, "adddays", &[t.clone(), Value::Integer(-5)])), "2024-02-29 23:30:00");
        let Value::Datetime(raw) = t else { return };
        assert_eq!(datetime_plus_days(raw, 1.5).display(), "2024-03-07 11:30:00");
        assert_eq!(datetime_plus_days(raw, -0.25).display(), "2024-03-05 17:30:00");
        assert_eq!(text(call(DATETIME_INSTANCE, "dayofyear", &[Value::Datetime(raw)])), "65");
    }

    #[test]
    fn times_wrap_around_midnight() {
        let t = call(TIME_STATIC, "newinstance", &ints(&[23, 59, 59, 999])).unwrap_or_default();
        assert_eq!(text(Ok(t.clone())), "23:59:59.999Z");
        assert_eq!(text(call(TIME_INSTANCE, "addmilliseconds", &[t.clone(), Value::Integer(2)])), "00:00:00.001Z");
        assert_eq!(text(call(TIME_INSTANCE, "addhours", &[t.clone(), Value::Integer(-25)])), "22:59:59.999Z");
        assert_eq!(text(call(TIME_INSTANCE, "addminutes", &[t.clone(), Value::Integer(1)])), "00:00:59.999Z");
        assert_eq!(text(call(TIME_INSTANCE, "second", &[t])), "59");
        let late = call(TIME_STATIC, "newinstance", &ints(&[25, 0, 0, 0]));
        assert_eq!(text(late), "01:00:00.000Z");
    }

    #[test]
    fn helpers_for_casts() {
        assert_eq!(parse_date("2024-02-29").map(Date::iso), Some("2024-02-29".into()));
        assert_eq!(parse_date("2024/02/29"), None);
        assert_eq!(parse_datetime("2024-02-29 08:00:00").map(Datetime::display), Some("2024-02-29 08:00:00".into()));
        assert_eq!(parse_datetime("2024-02-29T08:00:00"), None);
        assert_eq!(today(-1).iso(), "1969-12-31");
    }
}
