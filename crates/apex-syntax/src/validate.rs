//! Structural checks on a parse result, run on every fixture: token spans increase, every
//! child span lies inside its parent, and nothing reaches past the end of the source.

use crate::span::Span;
use crate::token::Token;
use serde::Serialize;
use serde_json::Value;

/// Checks that token spans are non-empty, increasing and within `source_len`.
pub fn check_tokens(tokens: &[(Token, Span)], source_len: usize) -> Result<(), String> {
    let mut previous_end = 0;
    for (token, span) in tokens {
        if span.start < previous_end || span.end < span.start || span.end as usize > source_len || span.is_empty() {
            return Err(format!("token {token:?} at {span:?} breaks the order (previous ended at {previous_end})"));
        }
        previous_end = span.end;
    }
    Ok(())
}

/// Checks that every spanned node lies inside its nearest spanned ancestor and within the source.
pub fn check_tree<T: Serialize>(tree: &T, source_len: usize) -> Result<(), String> {
    let value = serde_json::to_value(tree).map_err(|e| e.to_string())?;
    let whole = Span::new(Default::default(), 0, source_len as u32);
    walk(&value, whole, "root")
}

fn walk(value: &Value, parent: Span, path: &str) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            let own = map.get("span").and_then(span_of);
            let scope = match own {
                Some(span) if !parent.contains(span) => {
                    return Err(format!("{path}: span {span:?} is not inside its parent {parent:?}"));
                }
                Some(span) => span,
                None => parent,
            };
            map.iter().filter(|(k, _)| *k != "span").try_for_each(|(k, v)| walk(v, scope, &format!("{path}.{k}")))
        }
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| walk(v, parent, &format!("{path}[{i}]"))),
        _ => Ok(()),
    }
}

fn span_of(value: &Value) -> Option<Span> {
    let start = value.get("start")?.as_u64()? as u32;
    let end = value.get("end")?.as_u64()? as u32;
    Some(Span::new(Default::default(), start, end))
}
