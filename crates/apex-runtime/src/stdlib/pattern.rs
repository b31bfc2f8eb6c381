//! `System.Pattern`: a compiled regular expression (Java syntax, run by the `regex` crate; see
//! `string_regex` for what is translated and what the crate cannot do: look-around and
//! back-references are a tool fault, not an exception).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_pattern_methods.htm

use super::args::text;
use super::args::value as arg;
use super::string::pattern as string_regex;
use super::{ret, Native, Ret};
use crate::eval::Throw;
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use regex::Regex;
use std::rc::Rc;
use string_regex::Anchor;

pub const CLASS: &str = "Pattern";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

pub static STATIC: &[Native] = &[
    Native::pure("compile", 1, TY, compile),
    Native::pure("matches", 2, ret::BOOLEAN, matches),
    Native::pure("quote", 1, ret::STRING, quote),
];

pub static INSTANCE: &[Native] = &[
    Native::pure("matcher", 1, super::matcher::TY, matcher),
    Native::pure("pattern", 0, ret::STRING, source),
    Native::pure("split", 1, Ret::ListOfString, split).args(1, 2),
    Native::pure("tostring", 0, ret::STRING, source),
];

/// A compiled pattern: its Java source and the regex for searching and for whole-input
/// matching.
pub struct PatternState {
    pub source: Rc<String>,
    pub search: Rc<Regex>,
    pub whole: Rc<Regex>,
    pub prefix: Rc<Regex>,
}

impl PatternState {
    pub fn compile(source: &str) -> Result<PatternState, Throw> {
        Ok(PatternState {
            source: Rc::new(source.to_string()),
            search: string_regex::compile(source)?,
            whole: string_regex::compile_anchored(source, Anchor::Whole)?,
            prefix: string_regex::compile_anchored(source, Anchor::Start)?,
        })
    }
}

pub fn pattern_value(state: PatternState) -> Value {
    pattern_value_shared(Rc::new(state))
}

pub fn pattern_value_shared(state: Rc<PatternState>) -> Value {
    Value::Native(Rc::new(NativeObject::new(CLASS, state)))
}

/// The pattern behind a Pattern value.
pub fn state(value: &Value) -> Result<Rc<PatternState>, Throw> {
    match value {
        Value::Native(n) => n.state::<Rc<PatternState>>().map(|s| Rc::clone(&s)).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

fn compile(args: &[Value]) -> Result<Value, Throw> {
    Ok(pattern_value(PatternState::compile(text(args, 0)?)?))
}

fn matches(args: &[Value]) -> Result<Value, Throw> {
    let pattern = PatternState::compile(text(args, 0)?)?;
    Ok(Value::Boolean(pattern.whole.is_match(text(args, 1)?)))
}

/// `\Q...\E` quoting, splitting a `\E` inside the text the way Java does.
fn quote(args: &[Value]) -> Result<Value, Throw> {
    let text = text(args, 0)?;
    Ok(Value::string(format!("\\Q{}\\E", text.replace("\\E", "\\E\\\\E\\Q"))))
}

fn matcher(args: &[Value]) -> Result<Value, Throw> {
    let pattern = state(arg(args, 0)?)?;
    let input = text(args, 1)?;
    Ok(super::matcher::matcher_value(pattern, Rc::new(input.to_string())))
}

fn source(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::String(Rc::clone(&state(arg(args, 0)?)?.source)))
}

fn split(args: &[Value]) -> Result<Value, Throw> {
    let pattern = state(arg(args, 0)?)?;
    let input = text(args, 1)?;
    let limit = match args.get(2) {
        Some(Value::Integer(n)) => *n,
        Some(_) => return Err(Throw::null_pointer()),
        None => 0,
    };
    let parts = string_regex::split(input, &pattern.source, limit)?;
    Ok(Value::list(parts.into_iter().map(Value::string).collect(), Ty::String))
}
