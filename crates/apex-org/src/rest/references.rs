//! Composite references: `@{refId.field}`, `@{refId.records[0].Id}` in a subrequest's url
//! or body, each replaced by the value at that path in an earlier subrequest's answer.

use serde_json::Value;

/// The answers so far, by reference Id, in request order.
pub(crate) type Answers<'a> = [(&'a str, Value)];

/// How references resolve at the composite request's API version.
#[derive(Clone, Copy)]
pub(crate) struct Rules {
    /// From 52.0 a reference to a null field resolves to null; before it, it fails.
    pub null_resolves: bool,
}

/// A reference that does not resolve: the text between `@{` and `}`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unresolved(pub String);

impl Unresolved {
    /// The platform's message (the `referenceId` it quotes is the whole expression).
    pub fn message(&self) -> String {
        let expression = &self.0;
        let reference = expression.split(['.', '[']).next().unwrap_or_default();
        format!(
            "Invalid reference specified. No value for {expression} found in {reference}. Provided referenceId ('{expression}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_')."
        )
    }
}

/// `text` with every reference replaced by its value's text.
pub(crate) fn in_text(text: &str, answers: &Answers, rules: Rules) -> Result<String, Unresolved> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("@{") {
        let Some(length) = rest[start + 2..].find('}') else {
            break;
        };
        let expression = &rest[start + 2..start + 2 + length];
        out.push_str(&rest[..start]);
        out.push_str(&as_text(&lookup(expression, answers, rules)?));
        rest = &rest[start + 3 + length..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `body` with references resolved in every string; a string that is one reference and
/// nothing else takes the value itself, so numbers and booleans keep their type.
pub(crate) fn in_json(body: &Value, answers: &Answers, rules: Rules) -> Result<Value, Unresolved> {
    match body {
        Value::String(text) => match whole_reference(text) {
            Some(expression) => lookup(expression, answers, rules),
            None => in_text(text, answers, rules).map(Value::String),
        },
        Value::Array(items) => {
            items.iter().map(|v| in_json(v, answers, rules)).collect::<Result<_, _>>().map(Value::Array)
        }
        Value::Object(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (key, value) in map {
                out.insert(key.clone(), in_json(value, answers, rules)?);
            }
            Ok(Value::Object(out))
        }
        other => Ok(other.clone()),
    }
}

fn whole_reference(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("@{")?.strip_suffix('}')?;
    (!inner.contains('}')).then_some(inner)
}

/// The scalar at `refId.path` in the answer of `refId` (the latest one of that name).
fn lookup(expression: &str, answers: &Answers, rules: Rules) -> Result<Value, Unresolved> {
    let unresolved = || Unresolved(expression.to_string());
    let (name, path) = expression.split_at(expression.find(['.', '[']).unwrap_or(expression.len()));
    let answer = answers.iter().rev().find(|(id, _)| *id == name).map(|(_, body)| body).ok_or_else(unresolved)?;
    let value = walk(answer, path).ok_or_else(unresolved)?;
    match value {
        Value::Null if rules.null_resolves => Ok(Value::Null),
        Value::String(_) | Value::Number(_) | Value::Bool(_) => Ok(value.clone()),
        _ => Err(unresolved()),
    }
}

/// Follows `.field` and `[index]` steps from `value`; field names are case-sensitive.
fn walk<'v>(mut value: &'v Value, mut path: &str) -> Option<&'v Value> {
    while !path.is_empty() {
        if let Some(rest) = path.strip_prefix('.') {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            value = value.as_object()?.get(&rest[..end])?;
            path = &rest[end..];
        } else {
            let rest = path.strip_prefix('[')?;
            let end = rest.find(']')?;
            value = value.as_array()?.get(rest[..end].trim().parse::<usize>().ok()?)?;
            path = &rest[end + 1..];
        }
    }
    Some(value)
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NEW: Rules = Rules { null_resolves: true };

    fn answers() -> Vec<(&'static str, Value)> {
        vec![
            ("refAccount", json!({"id": "001000000000001AAA", "success": true, "errors": []})),
            (
                "refQuery",
                json!({"totalSize": 1, "records": [{"Id": "003000000000001AAA", "Amount": 12.5, "Name": null}]}),
            ),
        ]
    }

    #[test]
    fn resolves_fields_and_indexes_in_text_and_json() {
        let answers = answers();
        let url = "/services/data/v59.0/sobjects/Account/@{refAccount.id}?x=@{refQuery.records[0].Id}";
        assert_eq!(
            in_text(url, &answers, NEW).unwrap(),
            "/services/data/v59.0/sobjects/Account/001000000000001AAA?x=003000000000001AAA"
        );
        let body = json!({"AccountId": "@{refAccount.id}", "Amount": "@{refQuery.records[0].Amount}", "Note": "n=@{refQuery.totalSize}", "Name": "@{refQuery.records[0].Name}", "Keep": [1, "@x"]});
        assert_eq!(
            in_json(&body, &answers, NEW).unwrap(),
            json!({"AccountId": "001000000000001AAA", "Amount": 12.5, "Note": "n=1", "Name": null, "Keep": [1, "@x"]})
        );
    }

    #[test]
    fn unresolvable_references_name_the_whole_expression() {
        let answers = answers();
        let fails = |text: &str, rules: Rules| in_text(text, &answers, rules).unwrap_err().0;
        assert_eq!(fails("@{refAccount.Id}", NEW), "refAccount.Id", "field names are case-sensitive");
        assert_eq!(fails("@{refQuery.records[1].Id}", NEW), "refQuery.records[1].Id");
        assert_eq!(fails("@{nobody.id}", NEW), "nobody.id");
        assert_eq!(fails("@{refQuery.records}", NEW), "refQuery.records", "a list is not a value");
        assert_eq!(fails("x @{refQuery.records[0].Name}", Rules { null_resolves: false }), "refQuery.records[0].Name");
        assert_eq!(
            Unresolved("refContact.records[0].AccountId".into()).message(),
            "Invalid reference specified. No value for refContact.records[0].AccountId found in refContact. Provided referenceId ('refContact.records[0].AccountId') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_')."
        );
    }
}
