//! Datetime text in Java `SimpleDateFormat` patterns, as `Datetime.format(pattern)` writes it,
//! and the en_US default formats (the only locale the runtime knows). Time zones are GMT, its
//! aliases and fixed offsets (`GMT+05:30`); zones with daylight saving are not supported yet.
//! Reference: https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html

use crate::eval::{SysExc, Throw};
use crate::value::time::{civil_from_days, days_from_civil, MS_PER_DAY};

/// en_US `Date.format()`.
pub const DATE_SHORT: &str = "M/d/yyyy";
/// en_US `Datetime.format()`.
pub const DATETIME_SHORT: &str = "M/d/yyyy h:mm a";
/// en_US `Datetime.formatLong()`.
pub const DATETIME_LONG: &str = "M/d/yyyy h:mm:ss a z";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// A time zone the formatter can use: a fixed offset from GMT and its display names.
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    pub offset_ms: i64,
    pub short_name: String,
    pub long_name: String,
}

impl Zone {
    /// The user's time zone: GMT until the host can set another.
    pub fn user() -> Zone {
        Zone { offset_ms: 0, short_name: "GMT".into(), long_name: "Greenwich Mean Time".into() }
    }

    fn utc() -> Zone {
        Zone { offset_ms: 0, short_name: "UTC".into(), long_name: "Coordinated Universal Time".into() }
    }

    /// The zone of a Java time zone id, or an unsupported-API fault for zones we cannot model.
    pub fn from_id(id: &str) -> Result<Zone, Throw> {
        const GMT: &[&str] =
            &["GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich"];
        const UTC: &[&str] = &["UTC", "UCT", "Etc/UTC", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu"];
        if GMT.contains(&id) {
            return Ok(Zone::user());
        }
        if UTC.contains(&id) {
            return Ok(Zone::utc());
        }
        custom_offset(id).ok_or_else(|| Throw::unsupported(format!("Datetime.format in time zone {id}")))
    }
}

/// Java's custom zone ids: `GMT` sign hours [`:`] minutes, hours 0-23, minutes 0-59.
fn custom_offset(id: &str) -> Option<Zone> {
    let rest = id.strip_prefix("GMT")?;
    let sign = match rest.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let body = rest.get(1..)?;
    let (hours, minutes) = match body.split_once(':') {
        Some((h, m)) if (1..=2).contains(&h.len()) && m.len() == 2 => (h, m),
        None if (1..=2).contains(&body.len()) => (body, "0"),
        None if body.len() == 4 || body.len() == 3 => body.split_at(body.len() - 2),
        _ => return None,
    };
    if !hours.bytes().chain(minutes.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    let name = format!("GMT{}{h:02}:{m:02}", if sign < 0 { '-' } else { '+' });
    Some(Zone { offset_ms: sign * (h * 3_600_000 + m * 60_000), short_name: name.clone(), long_name: name })
}

/// The calendar fields of an instant in a zone.
struct Fields {
    days: i64,
    year: i64,
    month: u32,
    day: u32,
    ms_of_day: i64,
}

impl Fields {
    fn of(ms: i64, zone: &Zone) -> Fields {
        let local = ms.saturating_add(zone.offset_ms);
        let days = local.div_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days as i32);
        Fields { days, year: year as i64, month, day, ms_of_day: local.rem_euclid(MS_PER_DAY) }
    }

    /// 0 for Sunday through 6 for Saturday (1970-01-01 was a Thursday).
    fn weekday(&self) -> i64 {
        weekday(self.days)
    }

    fn hour(&self) -> i64 {
        self.ms_of_day / 3_600_000
    }
}

pub fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The first day of week 1 of a year for en_US: the Sunday on or before January 1.
fn week_one_start(year: i64) -> i64 {
    let jan1 = days_from_civil(year as i32, 1, 1) as i64;
    jan1 - weekday(jan1)
}

/// The en_US week-based year (`Y`) and week of year (`w`) of a day.
fn week_of_year(f: &Fields) -> (i64, i64) {
    let next = week_one_start(f.year + 1);
    let year = if f.days >= next { f.year + 1 } else { f.year };
    (year, (f.days - week_one_start(year)) / 7 + 1)
}

/// Formats an instant with a `SimpleDateFormat` pattern in a zone.
pub fn format_pattern(ms: i64, pattern: &str, zone: &Zone) -> Result<String, Throw> {
    let f = Fields::of(ms, zone);
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\'' {
            i = quoted(&chars, i, &mut out)?;
        } else if c.is_ascii_alphabetic() {
            let count = chars.get(i..).unwrap_or_default().iter().take_while(|&&x| x == c).count();
            field(&f, zone, c, count, &mut out)?;
            i += count;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// Copies quoted text starting at the quote at `start`; `''` is a literal quote. Returns the
/// index after the closing quote.
fn quoted(chars: &[char], start: usize, out: &mut String) -> Result<usize, Throw> {
    if chars.get(start + 1) == Some(&'\'') {
        out.push('\'');
        return Ok(start + 2);
    }
    let mut i = start + 1;
    loop {
        match chars.get(i) {
            None => return Err(Throw::sys(SysExc::IllegalArgument, "Unterminated quote")),
            Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                out.push('\'');
                i += 2;
            }
            Some('\'') => return Ok(i + 1),
            Some(&c) => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// Writes one pattern field of `count` letters.
fn field(f: &Fields, zone: &Zone, letter: char, count: usize, out: &mut String) -> Result<(), Throw> {
    let number = |out: &mut String, n: i64| out.push_str(&format!("{n:0count$}"));
    let text =
        |out: &mut String, full: &str| out.push_str(if count >= 4 { full } else { full.get(..3).unwrap_or(full) });
    match letter {
        'G' => out.push_str("AD"),
        'y' | 'Y' => {
            let year = if letter == 'y' { f.year } else { week_of_year(f).0 };
            if count == 2 {
                number(out, year.rem_euclid(100))
            } else {
                number(out, year)
            }
        }
        'M' | 'L' if count >= 3 => text(out, MONTHS.get(f.month as usize - 1).copied().unwrap_or("")),
        'M' | 'L' => number(out, f.month as i64),
        'w' => number(out, week_of_year(f).1),
        'W' => number(out, (f.day as i64 + weekday(f.days - f.day as i64 + 1) - 1) / 7 + 1),
        'D' => number(out, f.days - days_from_civil(f.year as i32, 1, 1) as i64 + 1),
        'd' => number(out, f.day as i64),
        'F' => number(out, (f.day as i64 - 1) / 7 + 1),
        'E' => text(out, WEEKDAYS.get(f.weekday() as usize).copied().unwrap_or("")),
        'u' => number(out, (f.weekday() + 6) % 7 + 1),
        'a' => out.push_str(if f.hour() < 12 { "AM" } else { "PM" }),
        'H' => number(out, f.hour()),
        'k' => number(out, if f.hour() == 0 { 24 } else { f.hour() }),
        'K' => number(out, f.hour() % 12),
        'h' => number(out, if f.hour() % 12 == 0 { 12 } else { f.hour() % 12 }),
        'm' => number(out, f.ms_of_day / 60_000 % 60),
        's' => number(out, f.ms_of_day / 1000 % 60),
        'S' => number(out, f.ms_of_day % 1000),
        'z' => out.push_str(if count >= 4 { &zone.long_name } else { &zone.short_name }),
        'Z' => out.push_str(&offset_text(zone.offset_ms, false, true)),
        'X' => out.push_str(&iso_offset(zone.offset_ms, count)?),
        _ => return Err(Throw::sys(SysExc::IllegalArgument, format!("Illegal pattern character '{letter}'"))),
    }
    Ok(())
}

/// `+hhmm` (or `+hh:mm` with `colon`, or `+hh` without `minutes`).
fn offset_text(offset_ms: i64, colon: bool, minutes: bool) -> String {
    let sign = if offset_ms < 0 { '-' } else { '+' };
    let total = offset_ms.abs() / 60_000;
    let (h, m) = (total / 60, total % 60);
    match (minutes, colon) {
        (false, _) => format!("{sign}{h:02}"),
        (true, true) => format!("{sign}{h:02}:{m:02}"),
        (true, false) => format!("{sign}{h:02}{m:02}"),
    }
}

/// The ISO 8601 offset of `X`, `XX` and `XXX`: `Z` for GMT itself.
fn iso_offset(offset_ms: i64, count: usize) -> Result<String, Throw> {
    if count > 3 {
        return Err(Throw::sys(SysExc::IllegalArgument, format!("invalid ISO 8601 format: length={count}")));
    }
    if offset_ms == 0 {
        return Ok("Z".into());
    }
    Ok(offset_text(offset_ms, count == 3, count > 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2024-03-05 14:07:09.045 GMT, a Tuesday.
    const T: i64 = 1_709_647_629_045;

    fn gmt(pattern: &str) -> String {
        format_pattern(T, pattern, &Zone::user()).unwrap_or_else(|_| "error".into())
    }

    #[test]
    fn numbers_are_padded_to_the_letter_count() {
        assert_eq!(gmt("yyyy-MM-dd HH:mm:ss.SSS"), "2024-03-05 14:07:09.045");
        assert_eq!(gmt("y/M/d H:m:s.S"), "2024/3/5 14:7:9.45");
        assert_eq!(gmt("yy"), "24");
        assert_eq!(gmt("yyyyy"), "02024");
    }

    #[test]
    fn text_fields_are_short_below_four_letters() {
        assert_eq!(gmt("MMM MMMM E EEE EEEE"), "Mar March Tue Tue Tuesday");
        assert_eq!(gmt("h:mm a"), "2:07 PM");
        assert_eq!(gmt("K k u D G"), "2 14 2 65 AD");
    }

    #[test]
    fn quotes_and_literals() {
        assert_eq!(gmt("yyyy-MM-dd'T'HH:mm:ss'Z'"), "2024-03-05T14:07:09Z");
        assert_eq!(gmt("h 'o''clock' ''"), "2 o'clock '");
        assert!(format_pattern(T, "'abc", &Zone::user()).is_err());
        assert!(format_pattern(T, "yyyy q", &Zone::user()).is_err());
    }

    #[test]
    fn zone_letters_for_gmt() {
        assert_eq!(gmt("z zzzz Z X XX XXX"), "GMT Greenwich Mean Time +0000 Z Z Z");
    }

    #[test]
    fn fixed_offsets_shift_the_fields() {
        let zone = Zone::from_id("GMT+05:30").unwrap_or_else(|_| Zone::user());
        let text = format_pattern(T, "yyyy-MM-dd HH:mm z Z XXX X", &zone).unwrap_or_default();
        assert_eq!(text, "2024-03-05 19:37 GMT+05:30 +0530 +05:30 +05");
        let west = Zone::from_id("GMT-8").unwrap_or_else(|_| Zone::user());
        assert_eq!(format_pattern(T, "HH:mm XX", &west).unwrap_or_default(), "06:07 -0800");
        assert!(Zone::from_id("America/Los_Angeles").is_err());
        assert_eq!(Zone::from_id("UTC").map(|z| z.short_name).unwrap_or_default(), "UTC");
    }

    #[test]
    fn midnight_and_noon_in_twelve_hour_clock() {
        let midnight = 1_704_067_200_000; // 2024-01-01 00:00 GMT, a Monday.
        let zone = Zone::user();
        assert_eq!(format_pattern(midnight, "h a K k", &zone).unwrap_or_default(), "12 AM 0 24");
        let noon = midnight + 12 * 3_600_000;
        assert_eq!(format_pattern(noon, "h a", &zone).unwrap_or_default(), "12 PM");
    }

    #[test]
    fn week_year_differs_from_year_at_the_end_of_december() {
        let dec30 = days_from_civil(2024, 12, 30) as i64 * MS_PER_DAY; // a Monday.
        let zone = Zone::user();
        assert_eq!(format_pattern(dec30, "yyyy YYYY w W F", &zone).unwrap_or_default(), "2024 2025 1 5 5");
        let jan1 = days_from_civil(2024, 1, 1) as i64 * MS_PER_DAY;
        assert_eq!(format_pattern(jan1, "YYYY w", &zone).unwrap_or_default(), "2024 1");
    }

    #[test]
    fn dates_before_1970() {
        let ms = days_from_civil(1969, 12, 31) as i64 * MS_PER_DAY + 23 * 3_600_000;
        assert_eq!(
            format_pattern(ms, "yyyy-MM-dd HH EEEE", &Zone::user()).unwrap_or_default(),
            "1969-12-31 23 Wednesday"
        );
    }
}
