//! Date, Datetime and Time values and the calendar arithmetic behind them (proleptic
//! Gregorian, GMT; the user's time zone is GMT until a host sets one).

/// A calendar date, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub i32);

/// An instant, stored as milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Datetime(pub i64);

/// A time of day, stored as milliseconds since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time(pub i32);

pub const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

/// The (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days as i64 + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
    (year, month, day)
}

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Date {
        Date(days_from_civil(year, month, day))
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// `yyyy-MM-dd`, as `String.valueOf(aDate)` prints it.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

impl Datetime {
    pub fn date(self) -> Date {
        Date(self.0.div_euclid(MS_PER_DAY) as i32)
    }

    pub fn time(self) -> Time {
        Time(self.0.rem_euclid(MS_PER_DAY) as i32)
    }

    /// `yyyy-MM-dd HH:mm:ss` in GMT, as debug output prints it.
    pub fn display(self) -> String {
        let t = self.time();
        format!("{} {:02}:{:02}:{:02}", self.date().iso(), t.hour(), t.minute(), t.second())
    }
}

impl Time {
    pub fn hour(self) -> i32 {
        self.0 / 3_600_000
    }

    pub fn minute(self) -> i32 {
        self.0 / 60_000 % 60
    }

    pub fn second(self) -> i32 {
        self.0 / 1000 % 60
    }

    pub fn millisecond(self) -> i32 {
        self.0 % 1000
    }

    /// `HH:mm:ss.SSSZ`, as debug output prints a Time.
    pub fn display(self) -> String {
        format!("{:02}:{:02}:{:02}.{:03}Z", self.hour(), self.minute(), self.second(), self.millisecond())
    }
}
