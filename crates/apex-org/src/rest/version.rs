//! `GET /services/data/` (the versions, with their release names), the resources of one
//! version, and `/limits`.

use crate::http::Response;
use crate::Org;
use serde_json::{json, Value};

/// `Winter '24` for 59: releases go Winter, Spring, Summer from Winter '11 at 20.
pub fn release(version: u32) -> String {
    let k = version.saturating_sub(20);
    let season = ["Winter", "Spring", "Summer"][(k % 3) as usize];
    format!("{season} '{:02}", 11 + k / 3)
}

pub(crate) fn versions(org: &Org) -> Response {
    let list: Vec<Value> = (org.config.min_version..=org.config.max_version)
        .map(|v| json!({ "label": release(v), "url": format!("/services/data/v{v}.0"), "version": format!("{v}.0") }))
        .collect();
    Response::json(200, &Value::Array(list))
}

pub(crate) fn resources(org: &Org, version: &str) -> Response {
    let base = format!("/services/data/v{version}");
    let mut map = serde_json::Map::new();
    for name in ["sobjects", "query", "queryAll", "search", "limits", "composite", "recent", "tooling"] {
        map.insert(name.into(), json!(format!("{base}/{name}")));
    }
    map.insert("identity".into(), json!(format!("{}/id/{}", org.config.instance_url, org.org_id)));
    Response::json(200, &Value::Object(map))
}

pub(crate) fn limits(org: &Org) -> Response {
    let daily = org.config.daily_api_requests;
    let remaining = daily.saturating_sub(org.api_requests);
    let fixed = |max: u64| json!({ "Max": max, "Remaining": max });
    Response::json(
        200,
        &json!({
            "DailyApiRequests": { "Max": daily, "Remaining": remaining },
            "DailyAsyncApexExecutions": fixed(250_000),
            "DailyBulkApiBatches": fixed(15_000),
            "DataStorageMB": fixed(5),
            "FileStorageMB": fixed(20),
            "HourlyODataCallout": fixed(20_000),
            "MassEmail": fixed(10),
            "SingleEmail": fixed(15),
        }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn release_names_follow_the_three_releases_a_year() {
        assert_eq!(super::release(50), "Winter '21");
        assert_eq!(super::release(59), "Winter '24");
        assert_eq!(super::release(61), "Summer '24");
        assert_eq!(super::release(66), "Spring '26");
    }
}
