//! Records as REST JSON and back: `attributes` with the type and URL, parent records nested,
//! child subqueries as nested query results, datetimes as `2024-03-05T14:07:00.000+0000`;
//! request bodies turned into field values by the schema's types.

use crate::errors::RestError;
use apex_data::calendar;
use apex_data::schema::{FieldType, ObjectSchema};
use apex_data::{FieldValue, Record, Schema};
use serde_json::{json, Map, Value};

/// A record for a response, its URL under `version`.
pub(crate) fn record(schema: &Schema, record: &Record, version: &str) -> Value {
    let object = schema.object(&record.object);
    let mut out = Map::new();
    let mut attributes = json!({ "type": record.object });
    if let Some(FieldValue::Text(id)) = record.get("Id") {
        attributes["url"] = json!(format!("/services/data/v{version}/sobjects/{}/{id}", record.object));
    }
    out.insert("attributes".into(), attributes);
    for (name, value) in &record.fields {
        let ty = object.and_then(|o| o.field(name)).map(|f| &f.ty);
        out.insert(name.clone(), field(schema, value, ty, version));
    }
    Value::Object(out)
}

fn field(schema: &Schema, value: &FieldValue, ty: Option<&FieldType>, version: &str) -> Value {
    match value {
        FieldValue::Null => Value::Null,
        FieldValue::Bool(b) => json!(b),
        FieldValue::Int(n) => json!(n),
        FieldValue::Number(n) => json!(n),
        FieldValue::Text(t) if matches!(ty, Some(FieldType::DateTime)) => json!(t.replace('Z', "+0000")),
        FieldValue::Text(t) => json!(t),
        FieldValue::Record(parent) => record(schema, parent, version),
        FieldValue::Records(children) if children.is_empty() => Value::Null,
        FieldValue::Records(children) => json!({
            "totalSize": children.len(),
            "done": true,
            "records": children.iter().map(|c| record(schema, c, version)).collect::<Vec<_>>(),
        }),
    }
}

/// A request body's fields for `object`. `attributes` is skipped; unknown fields are left
/// for the store to refuse in its own words.
pub(crate) fn fields(object: &ObjectSchema, body: &[u8]) -> Result<Vec<(String, FieldValue)>, RestError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(RestError::new(
            400,
            "JSON_PARSER_ERROR",
            "The HTTP entity body is required, but this request has no entity body.",
        ));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        RestError::new(400, "JSON_PARSER_ERROR", format!("{e} at [line:{}, column:{}]", e.line(), e.column()))
    })?;
    let Value::Object(map) = value else {
        return Err(RestError::new(
            400,
            "JSON_PARSER_ERROR",
            format!("Cannot deserialize instance of {} from a value that is not an object", object.name),
        ));
    };
    let mut out = Vec::with_capacity(map.len());
    for (name, value) in map {
        if name == "attributes" {
            continue;
        }
        let ty = object.field(&name).map(|f| &f.ty);
        out.push((name.clone(), field_value(&name, &value, ty)?));
    }
    Ok(out)
}

fn field_value(name: &str, value: &Value, ty: Option<&FieldType>) -> Result<FieldValue, RestError> {
    let wrong = || {
        RestError::new(
            400,
            "JSON_PARSER_ERROR",
            format!("Cannot deserialize instance of {} from {value} value for field {name}", type_name(ty)),
        )
    };
    Ok(match (value, ty) {
        (Value::Null, _) => FieldValue::Null,
        (Value::Bool(b), _) => FieldValue::Bool(*b),
        (Value::Number(n), Some(FieldType::Int)) => FieldValue::Int(n.as_i64().ok_or_else(wrong)?),
        (Value::Number(n), _) => FieldValue::Number(n.as_f64().ok_or_else(wrong)?),
        (Value::String(s), Some(FieldType::DateTime)) => FieldValue::Text(datetime(s).ok_or_else(wrong)?),
        (Value::String(s), Some(FieldType::Boolean)) if s == "true" || s == "false" => FieldValue::Bool(s == "true"),
        (Value::String(s), _) => FieldValue::Text(s.clone()),
        _ => return Err(wrong()),
    })
}

fn type_name(ty: Option<&FieldType>) -> &'static str {
    ty.map_or("string", FieldType::describe_name)
}

/// A datetime in the store's form, `yyyy-MM-ddTHH:mm:ss.SSSZ` in GMT, from ISO 8601 with
/// `Z`, `+hh:mm` or `+hhmm` (or a bare date, meaning midnight GMT).
pub(crate) fn datetime(text: &str) -> Option<String> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let (y, m, d): (i64, u32, u32) =
        (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = calendar::days_from_civil(y, m, d);
    let rest = text.get(10..)?;
    let rest = match rest.strip_prefix('T') {
        Some(rest) => rest,
        None if rest.is_empty() => "00:00:00Z",
        None => return None,
    };
    let zone_at = rest.find(['Z', '+', '-']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(zone_at);
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let mut hms = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, mi, s) = (hms.next()??, hms.next()??, hms.next().flatten().unwrap_or(0));
    let millis: i64 = format!("{:0<3}", fraction.get(..3.min(fraction.len()))?).parse().ok()?;
    let offset = match zone {
        "" | "Z" => 0,
        signed => {
            let sign = if signed.starts_with('-') { -1 } else { 1 };
            let digits: String = signed[1..].chars().filter(char::is_ascii_digit).collect();
            if digits.len() != 4 {
                return None;
            }
            sign * (digits[..2].parse::<i64>().ok()? * 60 + digits[2..].parse::<i64>().ok()?)
        }
    };
    let total = days * 86_400 + h * 3600 + mi * 60 + s - offset * 60;
    let (day, second) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (year, month, dom) = calendar::civil_from_days(day);
    Some(format!(
        "{year:04}-{month:02}-{dom:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        second / 3600,
        second / 60 % 60,
        second % 60
    ))
}

/// Now as the store writes timestamps.
pub(crate) fn now_text(now_ms: i64) -> String {
    calendar::iso_millis(now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_are_kept_in_gmt_whatever_offset_they_come_with() {
        assert_eq!(datetime("2024-03-05T14:07:00.000+0000").as_deref(), Some("2024-03-05T14:07:00.000Z"));
        assert_eq!(datetime("2024-03-05T00:30:00+01:00").as_deref(), Some("2024-03-04T23:30:00.000Z"));
        assert_eq!(datetime("2024-03-05T14:07:00.5Z").as_deref(), Some("2024-03-05T14:07:00.500Z"));
        assert_eq!(datetime("2024-03-05").as_deref(), Some("2024-03-05T00:00:00.000Z"));
        assert_eq!(datetime("2024-13-05T00:00:00Z"), None);
        assert_eq!(datetime("yesterday"), None);
        assert_eq!(now_text(1_705_314_600_123), "2024-01-15T10:30:00.123Z");
    }
}
