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

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    apex_data::calendar::days_from_civil(year as i64, month, day) as i32
}

/// The (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let (year, month, day) = apex_data::calendar::civil_from_days(days as i64);
    (year as i32, month, day)
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
