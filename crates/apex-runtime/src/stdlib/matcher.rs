//! `System.Matcher`: searches one input with a Pattern, remembering the last match. Positions
//! are in UTF-16 units, as Apex Strings count them.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_matcher_methods.htm

use super::args::text;
use super::args::value as arg;
use super::pattern::{self, PatternState};
use super::string::pattern as string_regex;
use super::{ret, Native, Ret};
use crate::eval::{SysExc, Throw};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "Matcher";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

pub static INSTANCE: &[Native] = &[
    Native::pure("matches", 0, ret::BOOLEAN, matches),
    Native::pure("find", 0, ret::BOOLEAN, find).args(0, 1),
    Native::pure("lookingat", 0, ret::BOOLEAN, looking_at),
    Native::pure("group", 0, ret::STRING, group).args(0, 1),
    Native::pure("groupcount", 0, ret::INTEGER, group_count),
    Native::pure("start", 0, ret::INTEGER, |a| position(a, true)).args(0, 1),
    Native::pure("end", 0, ret::INTEGER, |a| position(a, false)).args(0, 1),
    Native::pure("reset", 0, TY, reset).args(0, 1),
    Native::pure("replaceall", 1, ret::STRING, |a| replace(a, false)),
    Native::pure("replacefirst", 1, ret::STRING, |a| replace(a, true)),
    Native::pure("pattern", 0, pattern::TY, pattern_of),
    Native::pure("usepattern", 1, TY, use_pattern),
    Native::pure("hitend", 0, ret::BOOLEAN, hit_end),
];

struct MatcherState {
    pattern: Rc<PatternState>,
    input: Rc<String>,
    /// Byte ranges of the groups of the last successful match (group 0 first).
    groups: Option<Vec<Option<(usize, usize)>>>,
    /// Where the next `find()` starts, in bytes.
    next: usize,
    /// Whether the last search reached the end of the input.
    hit_end: bool,
    /// The last byte offset turned into a UTF-16 index, and that index: positions asked for
    /// in a `find()` loop only move forward, so each conversion continues from the last.
    cursor: (usize, i32),
    /// An ASCII input has byte offsets equal to UTF-16 indexes.
    ascii: bool,
}

pub fn matcher_value(pattern: Rc<PatternState>, input: Rc<String>) -> Value {
    let ascii = input.is_ascii();
    let state = MatcherState { pattern, input, groups: None, next: 0, hit_end: false, cursor: (0, 0), ascii };
    Value::Native(Rc::new(NativeObject::new(CLASS, state)))
}

fn with<R>(args: &[Value], f: impl FnOnce(&mut MatcherState) -> Result<R, Throw>) -> Result<R, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => match n.state::<MatcherState>() {
            Some(mut state) => f(&mut state),
            None => Err(Throw::null_pointer()),
        },
        _ => Err(Throw::null_pointer()),
    }
}

impl MatcherState {
    /// Runs `re` on the input from `from`, recording the groups; returns whether it matched.
    fn run(&mut self, re: &regex::Regex, from: usize) -> bool {
        let found = re.captures_at(&self.input, from);
        self.hit_end = found.as_ref().is_none_or(|c| c.get(0).is_some_and(|m| m.end() == self.input.len()));
        self.groups = found.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect());
        if let Some(Some((start, end))) = self.groups.as_ref().map(|g| g[0]) {
            // An empty match moves on by one character so `find()` always progresses.
            self.next = if end == start { next_char(&self.input, end) } else { end };
        }
        self.groups.is_some()
    }

    fn group(&self, index: usize) -> Result<Option<(usize, usize)>, Throw> {
        let groups = self.groups.as_ref().ok_or_else(no_match)?;
        groups.get(index).copied().ok_or_else(|| Throw::sys(SysExc::String, format!("No group {index}")))
    }

    /// A byte offset as a UTF-16 index.
    fn index16(&mut self, at: usize) -> i32 {
        if self.ascii {
            return at as i32;
        }
        let (from, units) = if at >= self.cursor.0 { self.cursor } else { (0, 0) };
        let units = units + self.input[from..at].encode_utf16().count() as i32;
        self.cursor = (at, units);
        units
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at + 1, |c| at + c.len_utf8())
}

fn no_match() -> Throw {
    Throw::sys(SysExc::String, "No match found")
}

fn matches(args: &[Value]) -> Result<Value, Throw> {
    with(args, |m| {
        let re = Rc::clone(&m.pattern.whole);
        Ok(Value::Boolean(m.run(&re, 0)))
    })
}

fn looking_at(args: &[Value]) -> Result<Value, Throw> {
    with(args, |m| {
        let re = Rc::clone(&m.pattern.prefix);
        Ok(Value::Boolean(m.run(&re, 0)))
    })
}

fn find(args: &[Value]) -> Result<Value, Throw> {
    let start = match args.get(1) {
        Some(Value::Integer(n)) => Some(*n),
        Some(_) => return Err(Throw::null_pointer()),
        None => None,
    };
    with(args, |m| {
        let from = match start {
            Some(n) => byte_offset(&m.input, m.ascii, n)
                .ok_or_else(|| Throw::sys(SysExc::String, format!("Illegal start index: {n}")))?,
            None => m.next,
        };
        if from > m.input.len() {
            m.groups = None;
            return Ok(Value::Boolean(false));
        }
        let re = Rc::clone(&m.pattern.search);
        Ok(Value::Boolean(m.run(&re, from)))
    })
}

/// The byte offset of a UTF-16 index into `text`, or None when it is out of range.
fn byte_offset(text: &str, ascii: bool, index: i32) -> Option<usize> {
    if index < 0 {
        return None;
    }
    if ascii {
        return (index as usize <= text.len()).then_some(index as usize);
    }
    let mut units = 0;
    for (at, c) in text.char_indices() {
        if units >= index as usize {
            return Some(at);
        }
        units += c.len_utf16();
    }
    (units == index as usize).then_some(text.len())
}

fn group_index(args: &[Value]) -> Result<usize, Throw> {
    match args.get(1) {
        None => Ok(0),
        Some(Value::Integer(n)) if *n >= 0 => Ok(*n as usize),
        Some(Value::Integer(n)) => Err(Throw::sys(SysExc::String, format!("No group {n}"))),
        Some(_) => Err(Throw::null_pointer()),
    }
}

fn group(args: &[Value]) -> Result<Value, Throw> {
    let index = group_index(args)?;
    with(args, |m| Ok(m.group(index)?.map_or(Value::Null, |(s, e)| Value::string(&m.input[s..e]))))
}

fn group_count(args: &[Value]) -> Result<Value, Throw> {
    with(args, |m| Ok(Value::Integer(m.pattern.search.captures_len() as i32 - 1)))
}

fn position(args: &[Value], start: bool) -> Result<Value, Throw> {
    let index = group_index(args)?;
    with(args, |m| {
        Ok(match m.group(index)? {
            Some((s, e)) => Value::Integer(m.index16(if start { s } else { e })),
            None => Value::Integer(-1),
        })
    })
}

fn reset(args: &[Value]) -> Result<Value, Throw> {
    let input = match args.get(1) {
        Some(_) => Some(Rc::new(text(args, 1)?.to_string())),
        None => None,
    };
    with(args, |m| {
        if let Some(input) = input {
            m.ascii = input.is_ascii();
            m.input = input;
        }
        m.groups = None;
        m.next = 0;
        m.hit_end = false;
        m.cursor = (0, 0);
        Ok(())
    })?;
    Ok(arg(args, 0)?.clone())
}

fn replace(args: &[Value], first: bool) -> Result<Value, Throw> {
    let replacement = text(args, 1)?.to_string();
    with(args, |m| {
        m.groups = None;
        m.next = 0;
        string_regex::replace(&m.input, &m.pattern.source, &replacement, first).map(Value::string)
    })
}

fn pattern_of(args: &[Value]) -> Result<Value, Throw> {
    with(args, |m| Ok(pattern::pattern_value_shared(Rc::clone(&m.pattern))))
}

fn use_pattern(args: &[Value]) -> Result<Value, Throw> {
    let pattern = pattern::state(arg(args, 1)?)?;
    with(args, |m| {
        m.pattern = pattern;
        m.groups = None;
        Ok(())
    })?;
    Ok(arg(args, 0)?.clone())
}

fn hit_end(args: &[Value]) -> Result<Value, Throw> {
    with(args, |m| Ok(Value::Boolean(m.hit_end)))
}
