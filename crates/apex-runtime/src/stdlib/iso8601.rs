//! ISO 8601 text for dates and times, as JSON carries them and `--now` takes them:
//! `2024-03-05T14:07:00.000Z`, with or without milliseconds, with `Z` or a `±HH:mm` offset.

/// `yyyy-MM-ddTHH:mm:ss.SSSZ` in GMT, the form JSON uses for a Datetime.
pub fn format_datetime(d: crate::value::Datetime) -> String {
    let t = d.time();
    format!("{}T{:02}:{:02}:{:02}.{:03}Z", d.date().iso(), t.hour(), t.minute(), t.second(), t.millisecond())
}

/// `2024-03-05T14:07:00.000Z`, `2024-03-05T14:07:00Z`, `2024-03-05T14:07:00+01:00` or
/// `2024-03-05T14:07:00.000+0100`: ISO 8601 as JSON carries a Datetime.
pub fn parse_datetime(text: &str) -> Option<crate::value::Datetime> {
    let (date, rest) = text.split_once(['T', ' '])?;
    let date = crate::stdlib::date::parse_date(date)?;
    let (time, offset_ms) = split_offset(rest)?;
    let ms = parse_clock(time)? as i64;
    Some(crate::value::Datetime(date.0 as i64 * crate::value::time::MS_PER_DAY + ms - offset_ms))
}

/// `14:07:00.000Z`: a Time as JSON carries it.
pub fn parse_time(text: &str) -> Option<crate::value::Time> {
    let (time, _) = split_offset(text)?;
    Some(crate::value::Time(parse_clock(time)?))
}

/// Splits `HH:mm:ss.SSS` from a trailing `Z` or `±HH:mm` / `±HHmm` offset (in ms).
fn split_offset(text: &str) -> Option<(&str, i64)> {
    if let Some(time) = text.strip_suffix('Z') {
        return Some((time, 0));
    }
    let Some(at) = text.rfind(['+', '-']) else {
        return Some((text, 0));
    };
    let (time, offset) = text.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits[2..].parse().ok()?;
    Some((time, sign * (hours * 60 + minutes) * 60_000))
}

/// `HH:mm[:ss[.SSS]]` as milliseconds since midnight.
fn parse_clock(text: &str) -> Option<i32> {
    let (clock, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut parts = clock.split(':');
    let hour: i32 = parts.next()?.parse().ok()?;
    let minute: i32 = parts.next()?.parse().ok()?;
    let second: i32 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let millis = if fraction.is_empty() {
        0
    } else {
        let digits: String = fraction.chars().chain("000".chars()).take(3).collect();
        digits.parse().ok()?
    };
    Some(((hour * 60 + minute) * 60 + second) * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_datetimes_read_with_and_without_offsets() {
        let utc = parse_datetime("2024-03-05T14:07:00.250Z").unwrap();
        assert_eq!(format_datetime(utc), "2024-03-05T14:07:00.250Z");
        let plus = parse_datetime("2024-03-05T15:07:00.250+01:00").unwrap();
        assert_eq!(plus, utc);
        let compact = parse_datetime("2024-03-05T09:07:00.250-0500").unwrap();
        assert_eq!(compact, utc);
        assert!(parse_datetime("2024-03-05").is_none());
        assert!(parse_datetime("2024-03-05T25:00:00Z").is_none());
    }
}
