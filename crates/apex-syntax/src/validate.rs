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

/// Walks the tree with an explicit stack, so a deep tree cannot exhaust the thread's stack.
fn walk(root: &Value, whole: Span, root_path: &str) -> Result<(), String> {
    let mut pending = vec![(root, whole, root_path.to_string())];
    while let Some((value, parent, path)) = pending.pop() {
        match value {
            Value::Object(map) => {
                let scope = match map.get("span").and_then(span_of) {
                    Some(span) if !parent.contains(span) => {
                        return Err(format!("{path}: span {span:?} is not inside its parent {parent:?}"));
                    }
                    Some(span) => span,
                    None => parent,
                };
                pending
                    .extend(map.iter().filter(|(k, _)| *k != "span").map(|(k, v)| (v, scope, format!("{path}.{k}"))));
            }
            Value::Array(items) => {
                pending.extend(items.iter().enumerate().map(|(i, v)| (v, parent, format!("{path}[{i}]"))))
            }
            _ => {}
        }
    }
    Ok(())
}

fn span_of(value: &Value) -> Option<Span> {
    let start = value.get("start")?.as_u64()? as u32;
    let end = value.get("end")?.as_u64()? as u32;
    Some(Span::new(Default::default(), start, end))
}
