//! UTC timestamps of a `SystemTime`, formatted with jiff (the workspace's
//! one date library).

use jiff::Timestamp;
use std::time::SystemTime;

/// The instant of `time`; times jiff cannot represent are clamped to the
/// epoch.
fn timestamp(time: SystemTime) -> Timestamp {
    Timestamp::try_from(time).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `YYYY-MM-DDTHH:MM:SS` (UTC, no zone), as GitLab reports want.
pub(crate) fn plain(time: SystemTime) -> String {
    timestamp(time).strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// RFC 3339 in UTC: `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    format!("{}Z", plain(time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn formats_known_dates() {
        assert_eq!(plain(UNIX_EPOCH), "1970-01-01T00:00:00");
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400 + 3_661);
        assert_eq!(rfc3339(t), "2000-02-29T01:01:01Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_767_225_599);
        assert_eq!(plain(t), "2025-12-31T23:59:59");
        let t = UNIX_EPOCH + Duration::from_millis(1_500);
        assert_eq!(plain(t), "1970-01-01T00:00:01");
    }
}
