//! The system clock in the form the org, the runs and the callout service read it.

/// Milliseconds since the Unix epoch (0 if the clock is before it).
pub fn system_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
