//! The Apex `String` class: instance methods (`args[0]` is the receiver) and static methods.
//! Apex strings are Java strings, so lengths and indices count UTF-16 code units; most
//! methods follow Apache Commons Lang `StringUtils`, which the platform builds on.
//! Reference: <https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm>

#[path = "string_escape.rs"]
mod escape;
#[path = "string_ops.rs"]
mod ops;
#[path = "string_regex.rs"]
pub(crate) mod pattern;

use super::{ret, Native, Ret};
use crate::eval::{Fault, Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::Value;
use escape::{Dialect, Entities};
use ops::{clamp, int, len16};

type R = Result<Value, Throw>;

/// String instance methods.
pub static INSTANCE: &[Native] = &[
    Native::pure("abbreviate", 1, ret::STRING, abbreviate).args(1, 2),
    Native::pure("capitalize", 0, ret::STRING, |a| s(ops::capitalize(recv(a)?, true))),
    Native::pure("center", 1, ret::STRING, center).args(1, 2),
    Native::pure("charat", 1, ret::INTEGER, char_at),
    Native::pure("codepointat", 1, ret::INTEGER, |a| in_bounds(ops::code_point_at(recv(a)?, integer(a, 1)?), a)),
    Native::pure("codepointbefore", 1, ret::INTEGER, |a| {
        in_bounds(ops::code_point_before(recv(a)?, integer(a, 1)?), a)
    }),
    Native::pure("codepointcount", 2, ret::INTEGER, code_point_count),
    Native::pure("compareto", 1, ret::INTEGER, |a| i(ops::compare_to(recv(a)?, text(a, 1)?))),
    Native::pure("contains", 1, ret::BOOLEAN, |a| b(recv(a)?.contains(text(a, 1)?))),
    Native::pure("containsany", 1, ret::BOOLEAN, |a| b(any_of(recv(a)?, opt(a, 1)?.unwrap_or("")))),
    Native::pure("containsignorecase", 1, ret::BOOLEAN, |a| b(pred(a, |r, t| ops::index_of_ic(r, t, 0) >= 0)?)),
    Native::pure("containsnone", 1, ret::BOOLEAN, |a| b(!any_of(recv(a)?, opt(a, 1)?.unwrap_or("")))),
    Native::pure("containsonly", 1, ret::BOOLEAN, contains_only),
    Native::pure("containswhitespace", 0, ret::BOOLEAN, |a| b(recv(a)?.chars().any(ops::is_java_whitespace))),
    Native::pure("countmatches", 1, ret::INTEGER, |a| i(ops::count_matches(recv(a)?, opt(a, 1)?.unwrap_or("")))),
    Native::pure("deletewhitespace", 0, ret::STRING, |a| {
        s(recv(a)?.chars().filter(|c| !ops::is_java_whitespace(*c)).collect::<String>())
    }),
    Native::pure("difference", 1, ret::STRING, difference),
    Native::pure("endswith", 1, ret::BOOLEAN, |a| b(recv(a)?.ends_with(text(a, 1)?))),
    Native::pure("endswithignorecase", 1, ret::BOOLEAN, |a| b(pred(a, ops::ends_with_ic)?)),
    Native::pure("equals", 1, ret::BOOLEAN, |a| b(a.get(1).and_then(Value::as_str) == Some(recv(a)?))),
    Native::pure("equalsignorecase", 1, ret::BOOLEAN, |a| b(pred(a, ops::equals_ic)?)),
    Native::pure("escapecsv", 0, ret::STRING, |a| s(escape::escape_csv(recv(a)?))),
    Native::pure("escapeecmascript", 0, ret::STRING, |a| s(escape::escape_backslash(recv(a)?, Dialect::EcmaScript))),
    Native::pure("escapehtml3", 0, ret::STRING, |a| s(escape::escape_entities(recv(a)?, Entities::Html3))),
    Native::pure("escapehtml4", 0, ret::STRING, |a| s(escape::escape_entities(recv(a)?, Entities::Html4))),
    Native::pure("escapejava", 0, ret::STRING, |a| s(escape::escape_backslash(recv(a)?, Dialect::Java))),
    Native::pure("escapexml", 0, ret::STRING, |a| s(escape::escape_entities(recv(a)?, Entities::Xml))),
    // Needs `Ret::ListOfInteger`; Object until the table format has it.
    Native::pure("getchars", 0, ret::OBJECT, |a| Ok(int_list(recv(a)?.encode_utf16().map(i32::from)))),
    Native::pure("getlevenshteindistance", 1, ret::INTEGER, levenshtein).args(1, 2),
    Native::pure("hashcode", 0, ret::INTEGER, |a| i(ops::java_hash(recv(a)?))),
    Native::pure("indexof", 1, ret::INTEGER, |a| i(ops::index_of(recv(a)?, text(a, 1)?, opt_int(a, 2)?))).args(1, 2),
    Native::pure("indexofany", 1, ret::INTEGER, |a| i(index_of_any(recv(a)?, opt(a, 1)?.unwrap_or(""), true))),
    Native::pure("indexofanybut", 1, ret::INTEGER, |a| i(index_of_any(recv(a)?, opt(a, 1)?.unwrap_or(""), false))),
    Native::pure("indexofchar", 1, ret::INTEGER, |a| i(index_of_char(recv(a)?, integer(a, 1)?, opt_int(a, 2)?)))
        .args(1, 2),
    Native::pure("indexofdifference", 1, ret::INTEGER, index_of_difference),
    Native::pure("indexofignorecase", 1, ret::INTEGER, index_of_ic).args(1, 2),
    Native::pure("isalllowercase", 0, ret::BOOLEAN, |a| b(all(recv(a)?, char::is_lowercase))),
    Native::pure("isalluppercase", 0, ret::BOOLEAN, |a| b(all(recv(a)?, char::is_uppercase))),
    Native::pure("isalpha", 0, ret::BOOLEAN, |a| b(all(recv(a)?, ops::is_letter))),
    Native::pure("isalphaspace", 0, ret::BOOLEAN, |a| b(recv(a)?.chars().all(|c| c == ' ' || ops::is_letter(c)))),
    Native::pure("isalphanumeric", 0, ret::BOOLEAN, |a| b(all(recv(a)?, |c| ops::is_letter(c) || ops::is_digit(c)))),
    Native::pure("isalphanumericspace", 0, ret::BOOLEAN, |a| {
        b(recv(a)?.chars().all(|c| c == ' ' || ops::is_letter(c) || ops::is_digit(c)))
    }),
    Native::pure("isasciiprintable", 0, ret::BOOLEAN, |a| b(recv(a)?.chars().all(|c| (' '..='~').contains(&c)))),
    Native::pure("isnumeric", 0, ret::BOOLEAN, |a| b(all(recv(a)?, ops::is_digit))),
    Native::pure("isnumericspace", 0, ret::BOOLEAN, |a| b(recv(a)?.chars().all(|c| c == ' ' || ops::is_digit(c)))),
    Native::pure("iswhitespace", 0, ret::BOOLEAN, |a| b(recv(a)?.chars().all(ops::is_java_whitespace))),
    Native::pure("lastindexof", 1, ret::INTEGER, last_index_of).args(1, 2),
    Native::pure("lastindexofchar", 1, ret::INTEGER, last_index_of_char).args(1, 2),
    Native::pure("lastindexofignorecase", 1, ret::INTEGER, last_index_of_ic).args(1, 2),
    Native::pure("left", 1, ret::STRING, left),
    Native::pure("leftpad", 1, ret::STRING, |a| pad(a, true)).args(1, 2),
    Native::pure("length", 0, ret::INTEGER, |a| i(int(len16(recv(a)?)))),
    Native::pure("mid", 2, ret::STRING, mid),
    Native::pure("normalizespace", 0, ret::STRING, |a| s(ops::normalize_space(recv(a)?))),
    Native::pure("offsetbycodepoints", 2, ret::INTEGER, |a| {
        in_bounds(ops::offset_by_code_points(recv(a)?, integer(a, 1)?, integer(a, 2)?), a)
    }),
    Native::pure("overlay", 3, ret::STRING, |a| {
        s(ops::overlay(recv(a)?, opt(a, 1)?.unwrap_or(""), integer(a, 2)?, integer(a, 3)?))
    }),
    Native::pure("remove", 1, ret::STRING, |a| {
        s(match opt(a, 1)? {
            Some(t) if !t.is_empty() => recv(a)?.replace(t, ""),
            _ => recv(a)?.to_string(),
        })
    }),
    Native::pure("removeend", 1, ret::STRING, |a| remove_affix(a, false, false)),
    Native::pure("removeendignorecase", 1, ret::STRING, |a| remove_affix(a, false, true)),
    Native::pure("removestart", 1, ret::STRING, |a| remove_affix(a, true, false)),
    Native::pure("removestartignorecase", 1, ret::STRING, |a| remove_affix(a, true, true)),
    Native::pure("repeat", 1, ret::STRING, repeat).args(1, 2),
    Native::pure("replace", 2, ret::STRING, |a| s(ops::replace_literal(recv(a)?, text(a, 1)?, text(a, 2)?))),
    Native::pure("replaceall", 2, ret::STRING, |a| s(pattern::replace(recv(a)?, text(a, 1)?, text(a, 2)?, false)?)),
    Native::pure("replacefirst", 2, ret::STRING, |a| s(pattern::replace(recv(a)?, text(a, 1)?, text(a, 2)?, true)?)),
    Native::pure("reverse", 0, ret::STRING, |a| s(recv(a)?.chars().rev().collect::<String>())),
    Native::pure("right", 1, ret::STRING, right),
    Native::pure("rightpad", 1, ret::STRING, |a| pad(a, false)).args(1, 2),
    Native::pure("split", 1, Ret::ListOfString, |a| {
        Ok(str_list(pattern::split(recv(a)?, text(a, 1)?, opt_int(a, 2)?)?))
    })
    .args(1, 2),
    Native::pure("splitbycharactertype", 0, Ret::ListOfString, |a| Ok(str_list(ops::split_by_type(recv(a)?, false)))),
    Native::pure("splitbycharactertypecamelcase", 0, Ret::ListOfString, |a| {
        Ok(str_list(ops::split_by_type(recv(a)?, true)))
    }),
    Native::pure("startswith", 1, ret::BOOLEAN, |a| b(recv(a)?.starts_with(text(a, 1)?))),
    Native::pure("startswithignorecase", 1, ret::BOOLEAN, |a| b(pred(a, ops::starts_with_ic)?)),
    Native::pure("striphtmltags", 0, ret::STRING, |a| s(ops::strip_html_tags(recv(a)?))),
    Native::pure("substring", 1, ret::STRING, substring).args(1, 2),
    Native::pure("substringafter", 1, ret::STRING, substring_after),
    Native::pure("substringafterlast", 1, ret::STRING, substring_after_last),
    Native::pure("substringbefore", 1, ret::STRING, substring_before),
    Native::pure("substringbeforelast", 1, ret::STRING, substring_before_last),
    Native::pure("substringbetween", 1, ret::STRING, substring_between).args(1, 2),
    Native::pure("swapcase", 0, ret::STRING, |a| s(ops::swap_case(recv(a)?))),
    Native::pure("tolowercase", 0, ret::STRING, |a| s(recv(a)?.to_lowercase())).args(0, 1),
    Native::pure("tostring", 0, ret::STRING, |a| s(recv(a)?)),
    Native::pure("touppercase", 0, ret::STRING, |a| s(recv(a)?.to_uppercase())).args(0, 1),
    Native::pure("trim", 0, ret::STRING, |a| s(ops::java_trim(recv(a)?))),
    Native::pure("uncapitalize", 0, ret::STRING, |a| s(ops::capitalize(recv(a)?, false))),
    Native::pure("unescapecsv", 0, ret::STRING, |a| s(escape::unescape_csv(recv(a)?))),
    Native::pure("unescapeecmascript", 0, ret::STRING, unescape_java),
    Native::pure("unescapehtml3", 0, ret::STRING, |a| s(escape::unescape_entities(recv(a)?, Entities::Html3))),
    Native::pure("unescapehtml4", 0, ret::STRING, |a| s(escape::unescape_entities(recv(a)?, Entities::Html4))),
    Native::pure("unescapejava", 0, ret::STRING, unescape_java),
    Native::pure("unescapexml", 0, ret::STRING, |a| s(escape::unescape_entities(recv(a)?, Entities::Xml))),
];

/// Static methods, called as `String.x(...)`.
pub static STATIC: &[Native] = &[
    Native::pure("escapesinglequotes", 1, ret::STRING, |a| s(escape::escape_single_quotes(text(a, 0)?))),
    Native::interp("format", 2, ret::STRING, format),
    Native::pure("fromchararray", 1, ret::STRING, from_char_array),
    Native::pure("getcommonprefix", 1, ret::STRING, common_prefix),
    Native::pure("isblank", 1, ret::BOOLEAN, |a| b(opt(a, 0)?.is_none_or(|t| t.chars().all(ops::is_java_whitespace)))),
    Native::pure("isempty", 1, ret::BOOLEAN, |a| b(opt(a, 0)?.is_none_or(str::is_empty))),
    Native::pure("isnotblank", 1, ret::BOOLEAN, |a| {
        b(opt(a, 0)?.is_some_and(|t| !t.chars().all(ops::is_java_whitespace)))
    }),
    Native::pure("isnotempty", 1, ret::BOOLEAN, |a| b(opt(a, 0)?.is_some_and(|t| !t.is_empty()))),
    Native::interp("join", 2, ret::STRING, join),
    Native::interp("valueof", 1, ret::STRING, value_of),
    Native::pure("valueofgmt", 1, ret::STRING, value_of_gmt),
];

// Argument access. The compiler has checked the static types, so a value of the wrong kind is
// an internal fault, not an Apex exception.

fn recv(args: &[Value]) -> Result<&str, Throw> {
    text(args, 0)
}

/// A case-insensitive test of the receiver against a String argument; false for null.
fn pred(args: &[Value], test: fn(&str, &str) -> bool) -> Result<bool, Throw> {
    let r = recv(args)?;
    Ok(opt(args, 1)?.is_some_and(|t| test(r, t)))
}

/// A required String argument: null throws NullPointerException.
fn text(args: &[Value], n: usize) -> Result<&str, Throw> {
    opt(args, n)?.ok_or_else(Throw::null_pointer)
}

/// A String argument that may be null.
fn opt(args: &[Value], n: usize) -> Result<Option<&str>, Throw> {
    match args.get(n) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(t) | Value::Id(t)) => Ok(Some(t)),
        Some(other) => Err(Throw::fault(Fault::Internal(format!("String method expected a String, got {other:?}")))),
    }
}

/// A required Integer argument.
fn integer(args: &[Value], n: usize) -> Result<i32, Throw> {
    match args.get(n) {
        Some(Value::Integer(v)) => Ok(*v),
        None | Some(Value::Null) => Err(Throw::null_pointer()),
        Some(other) => crate::value::number::to_i64(other)
            .and_then(|v| i32::try_from(v).ok())
            .ok_or_else(|| Throw::fault(Fault::Internal(format!("String method expected an Integer, got {other:?}")))),
    }
}

/// An optional trailing Integer argument: 0 when it was not passed.
fn opt_int(args: &[Value], n: usize) -> Result<i32, Throw> {
    if args.len() > n {
        integer(args, n)
    } else {
        Ok(0)
    }
}

fn s(text: impl Into<String>) -> R {
    Ok(Value::string(text))
}

fn b(v: bool) -> R {
    Ok(Value::Boolean(v))
}

fn i(v: i32) -> R {
    Ok(Value::Integer(v))
}

fn str_list(items: Vec<String>) -> Value {
    Value::list(items.into_iter().map(Value::string).collect(), Ty::String)
}

fn int_list(items: impl Iterator<Item = i32>) -> Value {
    Value::list(items.map(Value::Integer).collect(), Ty::Integer)
}

/// Guards against building a string no Apex heap could hold.
fn check_size(units: usize) -> Result<(), Throw> {
    const MAX_UNITS: usize = 1 << 27;
    if units > MAX_UNITS {
        return Err(Throw::sys(SysExc::Limit, format!("Apex heap size too large: {}", units.saturating_mul(2))));
    }
    Ok(())
}

fn out_of_bounds(index: i32) -> Throw {
    Throw::sys(SysExc::List, format!("List index out of bounds: {index}"))
}

fn in_bounds(value: Option<i32>, args: &[Value]) -> R {
    value.map(Value::Integer).ok_or_else(|| out_of_bounds(integer(args, 1).unwrap_or(-1)))
}

// Methods too long for one line in the table.

fn abbreviate(a: &[Value]) -> R {
    let offset = if a.len() > 2 { integer(a, 2)? } else { 0 };
    let result = ops::abbreviate(recv(a)?, offset, integer(a, 1)?);
    s(result.map_err(|msg| Throw::sys(SysExc::String, msg))?)
}

/// `charAt`: the UTF-16 unit at the index.
fn char_at(a: &[Value]) -> R {
    let (r, index) = (recv(a)?, integer(a, 1)?);
    let unit = usize::try_from(index).ok().and_then(|n| {
        if r.is_ascii() {
            r.as_bytes().get(n).map(|b| u16::from(*b))
        } else {
            r.encode_utf16().nth(n)
        }
    });
    unit.map(|u| Value::Integer(i32::from(u))).ok_or_else(|| out_of_bounds(index))
}

fn code_point_count(a: &[Value]) -> R {
    let (begin, end) = (integer(a, 1)?, integer(a, 2)?);
    ops::code_point_count(recv(a)?, begin, end).map(Value::Integer).ok_or_else(|| out_of_bounds(end))
}

/// `center(size[, pad])`.
fn center(a: &[Value]) -> R {
    let (r, size) = (recv(a)?, integer(a, 1)?);
    check_size(clamp(size))?;
    s(ops::center(r, size, opt(a, 2)?.unwrap_or(" ")))
}

fn any_of(r: &str, set: &str) -> bool {
    r.chars().any(|c| set.contains(c))
}

fn all(r: &str, pred: impl Fn(char) -> bool) -> bool {
    !r.is_empty() && r.chars().all(pred)
}

fn contains_only(a: &[Value]) -> R {
    let r = recv(a)?;
    b(opt(a, 1)?.is_some_and(|valid| r.chars().all(|c| valid.contains(c))))
}

/// Commons Lang `difference`: the rest of `other` from where it starts to differ.
fn difference(a: &[Value]) -> R {
    let r = recv(a)?;
    let Some(other) = opt(a, 1)? else { return s(r) };
    let at = ops::index_of_difference(r, other);
    if at < 0 {
        return s("");
    }
    s(ops::slice16(other, clamp(at), len16(other)))
}

/// Commons Lang `indexOfDifference`; 0 against null.
fn index_of_difference(a: &[Value]) -> R {
    let r = recv(a)?;
    i(opt(a, 1)?.map_or(0, |t| ops::index_of_difference(r, t)))
}

fn levenshtein(a: &[Value]) -> R {
    let other = text(a, 1)?;
    let threshold = if a.len() > 2 { Some(integer(a, 2)?) } else { None };
    if threshold.is_some_and(|t| t < 0) {
        return Err(Throw::sys(SysExc::IllegalArgument, "Threshold must not be negative"));
    }
    i(ops::levenshtein(recv(a)?, other, threshold))
}

/// `indexOfAny` (`found == true`) and `indexOfAnyBut`: the first unit index whose character
/// is (or is not) in `set`; -1 for an empty set.
fn index_of_any(r: &str, set: &str, found: bool) -> i32 {
    if set.is_empty() {
        return -1;
    }
    r.char_indices().find(|(_, c)| set.contains(*c) == found).map_or(-1, |(byte, _)| int(ops::index16(r, byte)))
}

/// Java `indexOf(int ch, int from)`: the code point searched as text.
fn index_of_char(r: &str, ch: i32, from: i32) -> i32 {
    code_point_text(ch).map_or(-1, |c| ops::index_of(r, &c, from))
}

/// Java `lastIndexOf(int ch[, int from])`.
fn last_index_of_char(a: &[Value]) -> R {
    let (r, ch) = (recv(a)?, integer(a, 1)?);
    let from = if a.len() > 2 { integer(a, 2)? } else { i32::MAX };
    i(code_point_text(ch).map_or(-1, |c| ops::last_index_of(r, &c, from)))
}

fn code_point_text(ch: i32) -> Option<String> {
    u32::try_from(ch).ok().and_then(char::from_u32).map(String::from)
}

fn index_of_ic(a: &[Value]) -> R {
    let r = recv(a)?;
    let Some(needle) = opt(a, 1)? else { return i(-1) };
    i(ops::index_of_ic(r, needle, opt_int(a, 2)?))
}

fn last_index_of(a: &[Value]) -> R {
    let (r, needle) = (recv(a)?, text(a, 1)?);
    let from = if a.len() > 2 { integer(a, 2)? } else { i32::MAX };
    i(ops::last_index_of(r, needle, from))
}

fn last_index_of_ic(a: &[Value]) -> R {
    let r = recv(a)?;
    let Some(needle) = opt(a, 1)? else { return i(-1) };
    let from = if a.len() > 2 { integer(a, 2)? } else { i32::MAX };
    i(ops::last_index_of_ic(r, needle, from))
}

/// Commons Lang `mid(pos, len)`.
fn mid(a: &[Value]) -> R {
    let (r, pos, count) = (recv(a)?, integer(a, 1)?, integer(a, 2)?);
    let len = len16(r);
    if count < 0 || i64::from(pos) > len as i64 {
        return s("");
    }
    let start = clamp(pos);
    s(ops::slice16(r, start, start.saturating_add(clamp(count)).min(len)))
}

fn left(a: &[Value]) -> R {
    let (r, count) = (recv(a)?, clamp(integer(a, 1)?));
    s(ops::slice16(r, 0, count.min(len16(r))))
}

fn right(a: &[Value]) -> R {
    let (r, count) = (recv(a)?, clamp(integer(a, 1)?));
    let len = len16(r);
    s(ops::slice16(r, len.saturating_sub(count), len))
}

/// `leftPad` / `rightPad` with an optional pad string (a space by default).
fn pad(a: &[Value], left: bool) -> R {
    let (r, size) = (recv(a)?, integer(a, 1)?);
    check_size(clamp(size))?;
    let Some(fill) = ops::padding(r, size, opt(a, 2)?.unwrap_or(" ")) else { return s(r) };
    s(if left { fill + r } else { format!("{r}{fill}") })
}

/// `removeStart`, `removeEnd` and their ignore-case forms: the affix once, if present.
fn remove_affix(a: &[Value], start: bool, ignore_case: bool) -> R {
    let r = recv(a)?;
    let affix = opt(a, 1)?.unwrap_or("");
    let has = match (start, ignore_case) {
        (true, false) => r.starts_with(affix),
        (false, false) => r.ends_with(affix),
        (true, true) => ops::starts_with_ic(r, affix),
        (false, true) => ops::ends_with_ic(r, affix),
    };
    if affix.is_empty() || !has {
        return s(r);
    }
    let (len, cut) = (len16(r), len16(affix));
    s(if start { ops::slice16(r, cut, len) } else { ops::slice16(r, 0, len - cut) })
}

/// `repeat(n)` and `repeat(separator, n)`.
fn repeat(a: &[Value]) -> R {
    let r = recv(a)?;
    let (separator, times) =
        if a.len() > 2 { (opt(a, 1)?.unwrap_or(""), integer(a, 2)?) } else { ("", integer(a, 1)?) };
    let times = clamp(times);
    if times == 0 {
        return s("");
    }
    check_size(times.saturating_mul(len16(r) + len16(separator)))?;
    s(vec![r; times].join(separator))
}

/// `substring(start[, end])` in UTF-16 units.
fn substring(a: &[Value]) -> R {
    let r = recv(a)?;
    let (start, len) = (integer(a, 1)?, int(len16(r)));
    if start < 0 || start > len {
        return Err(Throw::sys(SysExc::String, format!("Starting position out of bounds: {start}")));
    }
    let end = if a.len() > 2 { integer(a, 2)? } else { len };
    if end < start || end > len {
        return Err(Throw::sys(SysExc::String, format!("Ending position out of bounds: {end}")));
    }
    s(ops::slice16(r, clamp(start), clamp(end)))
}

/// The text after byte offset `at` plus `skip` bytes.
fn after(r: &str, at: usize, skip: usize) -> R {
    s(r.get(at + skip..).unwrap_or_default())
}

fn substring_after(a: &[Value]) -> R {
    let r = recv(a)?;
    let Some(sep) = opt(a, 1)? else { return s("") };
    r.find(sep).map_or_else(|| s(""), |at| after(r, at, sep.len()))
}

fn substring_after_last(a: &[Value]) -> R {
    let r = recv(a)?;
    match opt(a, 1)? {
        Some(sep) if !sep.is_empty() => r.rfind(sep).map_or_else(|| s(""), |at| after(r, at, sep.len())),
        _ => s(""),
    }
}

fn substring_before(a: &[Value]) -> R {
    let r = recv(a)?;
    let Some(sep) = opt(a, 1)? else { return s(r) };
    s(r.find(sep).map_or(r, |at| &r[..at]))
}

fn substring_before_last(a: &[Value]) -> R {
    let r = recv(a)?;
    match opt(a, 1)? {
        Some(sep) if !sep.is_empty() => s(r.rfind(sep).map_or(r, |at| &r[..at])),
        _ => s(r),
    }
}

/// `substringBetween(tag)` and `substringBetween(open, close)`: null when either is missing.
fn substring_between(a: &[Value]) -> R {
    let r = recv(a)?;
    let open = opt(a, 1)?;
    let close = if a.len() > 2 { opt(a, 2)? } else { open };
    let (Some(open), Some(close)) = (open, close) else { return Ok(Value::Null) };
    let Some(start) = r.find(open).map(|at| at + open.len()) else { return Ok(Value::Null) };
    let end = r.get(start..).and_then(|rest| rest.find(close));
    Ok(end.map_or(Value::Null, |end| Value::string(&r[start..start + end])))
}

fn unescape_java(a: &[Value]) -> R {
    s(escape::unescape_backslash(recv(a)?).map_err(|msg| Throw::sys(SysExc::String, msg))?)
}

// Static methods.

/// The elements of a List or Set argument; null throws NullPointerException.
fn elements(value: Option<&Value>) -> Result<Vec<Value>, Throw> {
    match value {
        Some(Value::List(list)) => Ok(list.items.borrow().clone()),
        Some(Value::Set(set)) => Ok(set.items.borrow().iter().map(|k| k.0.clone()).collect()),
        None | Some(Value::Null) => Err(Throw::null_pointer()),
        Some(_) => Err(Throw::unsupported("String.join over a custom Iterable")),
    }
}

/// `String.format(pattern, List<Object>)`: arguments are converted with `String.valueOf`.
fn format(interp: &mut Interp, a: &[Value]) -> R {
    let pattern = text(a, 0)?;
    let args = elements(a.get(1))?.iter().map(|v| interp.stringify(v)).collect::<Result<Vec<_>, _>>()?;
    s(pattern::message_format(pattern, &args)?)
}

/// `String.join(iterable, separator)`: elements converted with `String.valueOf`.
fn join(interp: &mut Interp, a: &[Value]) -> R {
    let items = elements(a.first())?;
    let separator = opt(a, 1)?.unwrap_or("");
    let texts = items.iter().map(|v| interp.stringify(v)).collect::<Result<Vec<_>, _>>()?;
    s(texts.join(separator))
}

/// `String.valueOf(x)`: a Date prints as `yyyy-MM-dd` here, unlike its implicit form.
/// `String.valueOf(x)`; a null argument gives null (code such as apex-recipes' TestFactory
/// relies on it: `String.valueOf(map.get(k))` then `if (name == null)`).
fn value_of(interp: &mut Interp, a: &[Value]) -> R {
    match a.first() {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::Date(d)) => s(d.iso()),
        Some(v) => s(interp.stringify(v)?),
    }
}

/// `String.valueOfGmt(datetime)`: `yyyy-MM-dd HH:mm:ss` in GMT.
fn value_of_gmt(a: &[Value]) -> R {
    match a.first() {
        Some(Value::Datetime(dt)) => s(dt.display()),
        None | Some(Value::Null) => Err(Throw::null_pointer()),
        Some(other) => {
            Err(Throw::fault(Fault::Internal(format!("String.valueOfGmt expected a Datetime, got {other:?}"))))
        }
    }
}

/// `String.fromCharArray(List<Integer>)`: UTF-16 code units to text.
fn from_char_array(a: &[Value]) -> R {
    let units = elements(a.first())?
        .iter()
        .map(|v| match v {
            Value::Integer(u) => Ok(*u as u16),
            _ => Err(Throw::null_pointer()),
        })
        .collect::<Result<Vec<u16>, _>>()?;
    s(ops::from_units(&units))
}

fn common_prefix(a: &[Value]) -> R {
    let items = elements(a.first())?;
    let texts: Vec<Option<&str>> = items.iter().map(Value::as_str).collect();
    s(ops::common_prefix(&texts))
}

#[cfg(test)]
#[path = "string_tests.rs"]
mod tests;
