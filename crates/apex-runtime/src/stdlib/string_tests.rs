//! Unit tests for the Apex `String` methods, called through the tables with run-time values.

use super::*;
use crate::host::RecordingHost;
use crate::stdlib::{find, NativeFn};
use crate::value::{Date, Datetime, SetObj};
use std::rc::Rc;

fn run(table: &[Native], name: &str, args: &[Value], skip: usize) -> R {
    let native = find(table, name, args.len() - skip).unwrap_or_else(|| panic!("no method {name}"));
    let mut host = RecordingHost::default();
    match native.func {
        NativeFn::Pure(f) => f(args),
        NativeFn::Interp(f) => f(&mut Interp::for_tests(&mut host), args),
    }
}

/// Calls instance method `name` on receiver `r`.
fn call(r: &str, name: &str, args: &[Value]) -> R {
    let mut all = vec![Value::string(r)];
    all.extend_from_slice(args);
    run(INSTANCE, name, &all, 1)
}

fn call_static(name: &str, args: &[Value]) -> R {
    run(STATIC, name, args, 0)
}

fn st(t: &str) -> Value {
    Value::string(t)
}

fn n(v: i32) -> Value {
    Value::Integer(v)
}

fn text_of(result: R) -> String {
    match result {
        Ok(Value::String(t)) => t.to_string(),
        other => panic!("expected a String, got {other:?}"),
    }
}

fn strs(r: &str, name: &str, args: &[Value]) -> String {
    text_of(call(r, name, args))
}

fn int_of(r: &str, name: &str, args: &[Value]) -> i32 {
    match call(r, name, args) {
        Ok(Value::Integer(v)) => v,
        other => panic!("expected an Integer, got {other:?}"),
    }
}

fn bool_of(r: &str, name: &str, args: &[Value]) -> bool {
    match call(r, name, args) {
        Ok(Value::Boolean(v)) => v,
        other => panic!("expected a Boolean, got {other:?}"),
    }
}

fn list_of(result: R) -> Vec<Value> {
    match result {
        Ok(Value::List(l)) => l.items.borrow().clone(),
        other => panic!("expected a List, got {other:?}"),
    }
}

fn texts(result: R) -> Vec<String> {
    list_of(result).iter().map(|v| v.as_str().unwrap_or("<non-string>").to_string()).collect()
}

fn sys_error(result: R) -> (SysExc, String) {
    match result {
        Err(t) if t.as_sys().is_some() => {
            t.as_sys().map(|(k, m)| (k, m.to_string())).unwrap_or((SysExc::Exception, String::new()))
        }
        other => panic!("expected an exception, got {other:?}"),
    }
}

#[test]
fn tables_have_unique_name_and_arity() {
    for table in [INSTANCE, STATIC] {
        for (k, a) in table.iter().enumerate() {
            assert_eq!(a.name, a.name.to_lowercase());
            let clash =
                table[k + 1..].iter().any(|b| b.name == a.name && b.min_args <= a.max_args && a.min_args <= b.max_args);
            assert!(!clash, "{} is declared twice", a.name);
        }
    }
}

#[test]
fn substring_counts_utf16_units_and_checks_bounds() {
    assert_eq!(strs("hamburger", "substring", &[n(4), n(8)]), "urge");
    assert_eq!(strs("smiles", "substring", &[n(1), n(5)]), "mile");
    assert_eq!(strs("a😀b", "substring", &[n(3)]), "b");
    assert_eq!(strs("abc", "substring", &[n(3)]), "");
    assert_eq!(
        sys_error(call("abc", "substring", &[n(4)])),
        (SysExc::String, "Starting position out of bounds: 4".into())
    );
    assert_eq!(sys_error(call("abc", "substring", &[n(-1)])).1, "Starting position out of bounds: -1");
    assert_eq!(sys_error(call("abc", "substring", &[n(0), n(-1)])).1, "Ending position out of bounds: -1");
    assert_eq!(sys_error(call("abc", "substring", &[n(1), n(9)])).1, "Ending position out of bounds: 9");
    assert_eq!(int_of("a😀b", "length", &[]), 4);
    assert_eq!(int_of("héllo", "length", &[]), 5);
}

#[test]
fn char_at_and_code_points() {
    assert_eq!(int_of("Ω", "charat", &[n(0)]), 0x3a9);
    assert_eq!(int_of("a😀", "charat", &[n(1)]), 0xd83d);
    assert_eq!(int_of("a😀", "codepointat", &[n(1)]), 0x1f600);
    assert_eq!(sys_error(call("abc", "charat", &[n(3)])), (SysExc::List, "List index out of bounds: 3".into()));
    let chars: Vec<i32> = list_of(call("ab", "getchars", &[])).iter().filter_map(Value::as_int).collect();
    assert_eq!(chars, [97, 98]);
    assert_eq!(
        text_of(call_static("fromchararray", &[Value::list(vec![n(0xd83d), n(0xde00), n(97)], Ty::Integer)])),
        "😀a"
    );
}

#[test]
fn searching() {
    assert_eq!(int_of("Hello Hello", "indexof", &[st("llo")]), 2);
    assert_eq!(int_of("Hello Hello", "indexof", &[st("llo"), n(3)]), 8);
    assert_eq!(int_of("Hello Hello", "lastindexof", &[st("llo")]), 8);
    assert_eq!(int_of("Hello Hello", "lastindexof", &[st("llo"), n(7)]), 2);
    assert_eq!(int_of("é-x", "indexof", &[st("x")]), 2);
    assert_eq!(int_of("abc", "indexofchar", &[n(99)]), 2);
    assert_eq!(int_of("abcabc", "lastindexofchar", &[n(98)]), 4);
    assert_eq!(int_of("abcabc", "lastindexofchar", &[n(98), n(3)]), 1);
    assert_eq!(int_of("abc", "indexofany", &[st("xc")]), 2);
    assert_eq!(int_of("aabc", "indexofanybut", &[st("a")]), 2);
    assert_eq!(int_of("Hello", "indexofignorecase", &[st("LL")]), 2);
    assert_eq!(int_of("Hello", "indexofignorecase", &[Value::Null]), -1);
    assert_eq!(int_of("HeLLo LLama", "lastindexofignorecase", &[st("ll")]), 6);
    assert_eq!(int_of("Hello Jane", "indexofdifference", &[st("Hello Max")]), 6);
    assert!(bool_of("Hello", "contains", &[st("ell")]));
    assert!(bool_of("Hello", "containsignorecase", &[st("ELL")]));
    assert!(!bool_of("Hello", "containsignorecase", &[Value::Null]));
    assert!(bool_of("Hello", "containsany", &[st("xyo")]));
    assert!(bool_of("Hello", "containsnone", &[st("xyz")]));
    assert!(bool_of("abab", "containsonly", &[st("ab")]));
    assert!(!bool_of("abc", "containsonly", &[st("ab")]));
    assert_eq!(int_of("ababab", "countmatches", &[st("aba")]), 1);
    assert!(
        matches!(call("abc", "contains", &[Value::Null]), Err(t) if matches!(t.as_sys(), Some((SysExc::NullPointer, _))))
    );
}

#[test]
fn comparing() {
    assert!(bool_of("abc", "equals", &[st("abc")]));
    assert!(!bool_of("abc", "equals", &[st("ABC")]));
    assert!(!bool_of("1", "equals", &[n(1)]));
    assert!(!bool_of("abc", "equals", &[Value::Null]));
    assert!(bool_of("abc", "equalsignorecase", &[st("ABC")]));
    assert!(!bool_of("abc", "equalsignorecase", &[Value::Null]));
    assert!(bool_of("Hello", "startswithignorecase", &[st("hE")]));
    assert!(bool_of("Hello", "endswith", &[st("llo")]));
    assert_eq!(int_of("apple", "compareto", &[st("banana")]), -1);
    assert_eq!(int_of("Hello", "hashcode", &[]), 69609650);
    assert_eq!(int_of("kitten", "getlevenshteindistance", &[st("sitting")]), 3);
}

#[test]
fn slicing_helpers() {
    assert_eq!(strs("abcdef", "left", &[n(3)]), "abc");
    assert_eq!(strs("abc", "left", &[n(9)]), "abc");
    assert_eq!(strs("abc", "left", &[n(-1)]), "");
    assert_eq!(strs("abcdef", "right", &[n(2)]), "ef");
    assert_eq!(strs("abcde", "mid", &[n(2), n(3)]), "cde");
    assert_eq!(strs("abcde", "mid", &[n(-2), n(2)]), "ab");
    assert_eq!(strs("abc", "mid", &[n(4), n(2)]), "");
    assert_eq!(strs("key=value=x", "substringafter", &[st("=")]), "value=x");
    assert_eq!(strs("key=value=x", "substringafterlast", &[st("=")]), "x");
    assert_eq!(strs("key=value=x", "substringbefore", &[st("=")]), "key");
    assert_eq!(strs("key=value=x", "substringbeforelast", &[st("=")]), "key=value");
    assert_eq!(strs("abc", "substringbefore", &[st("z")]), "abc");
    assert_eq!(strs("abc", "substringafter", &[st("z")]), "");
    assert_eq!(strs("tagYtag", "substringbetween", &[st("tag")]), "Y");
    assert_eq!(strs("yabczyabcz", "substringbetween", &[st("y"), st("z")]), "abc");
    assert!(matches!(call("abc", "substringbetween", &[st("x")]), Ok(Value::Null)));
}

#[test]
fn padding_and_case() {
    assert_eq!(strs("abc", "leftpad", &[n(5)]), "  abc");
    assert_eq!(strs("abc", "leftpad", &[n(7), st("xy")]), "xyxyabc");
    assert_eq!(strs("abc", "rightpad", &[n(5), st("-")]), "abc--");
    assert_eq!(strs("abc", "center", &[n(7), st("*")]), "**abc**");
    assert_eq!(strs("Hello Maximillian", "abbreviate", &[n(8)]), "Hello...");
    assert_eq!(strs("Hello Maximillian", "abbreviate", &[n(9), n(6)]), "...Max...");
    assert_eq!(sys_error(call("Hello Maximillian", "abbreviate", &[n(3)])).0, SysExc::String);
    assert_eq!(strs("hello maximillian", "capitalize", &[]), "Hello maximillian");
    assert_eq!(strs("Hello", "uncapitalize", &[]), "hello");
    assert_eq!(strs("Hello", "swapcase", &[]), "hELLO");
    assert_eq!(strs("MiXeD", "tolowercase", &[]), "mixed");
    assert_eq!(strs("straße", "touppercase", &[]), "STRASSE");
    assert_eq!(strs("ab", "repeat", &[n(3)]), "ababab");
    assert_eq!(strs("ab", "repeat", &[st("-"), n(3)]), "ab-ab-ab");
    assert_eq!(strs("ab", "repeat", &[n(0)]), "");
    assert_eq!(strs("abc😀", "reverse", &[]), "😀cba");
}

#[test]
fn whitespace_and_classes() {
    assert_eq!(strs("\t a b \u{1}", "trim", &[]), "a b");
    assert_eq!(strs(" a \n\t b ", "normalizespace", &[]), "a b");
    assert_eq!(strs(" a \n b ", "deletewhitespace", &[]), "ab");
    assert!(bool_of("a b", "containswhitespace", &[]));
    assert!(bool_of("", "iswhitespace", &[]));
    assert!(bool_of("abc", "isalpha", &[]));
    assert!(!bool_of("", "isalpha", &[]));
    assert!(bool_of("ab c", "isalphaspace", &[]));
    assert!(bool_of("abc1", "isalphanumeric", &[]));
    assert!(!bool_of("\u{2160}", "isalphanumeric", &[]));
    assert!(bool_of("123", "isnumeric", &[]));
    assert!(!bool_of("1.2", "isnumeric", &[]));
    assert!(!bool_of("", "isnumeric", &[]));
    assert!(bool_of("1 2", "isnumericspace", &[]));
    assert!(bool_of("abc", "isalllowercase", &[]));
    assert!(!bool_of("aBc", "isalllowercase", &[]));
    assert!(bool_of("ABC", "isalluppercase", &[]));
    assert!(bool_of("a~b", "isasciiprintable", &[]));
    assert!(!bool_of("é", "isasciiprintable", &[]));
}

#[test]
fn removing_and_replacing() {
    assert_eq!(strs("queued", "remove", &[st("ue")]), "qd");
    assert_eq!(strs("www.domain.com", "removestart", &[st("www.")]), "domain.com");
    assert_eq!(strs("www.domain.com", "removeend", &[st(".com")]), "www.domain");
    assert_eq!(strs("www.domain.COM", "removeendignorecase", &[st(".com")]), "www.domain");
    assert_eq!(strs("WWW.x", "removestartignorecase", &[st("www.")]), "x");
    assert_eq!(strs("a.b.c", "replace", &[st("."), st("-")]), "a-b-c");
    assert_eq!(strs("a1b22", "replaceall", &[st("[0-9]+"), st("#")]), "a#b#");
    assert_eq!(strs("a1b22", "replacefirst", &[st("\\d"), st("<$0>")]), "a<1>b22");
    assert_eq!(strs("Hello Jane", "difference", &[st("Hello Max")]), "Max");
    assert_eq!(strs("abcdef", "overlay", &[st("zz"), n(2), n(4)]), "abzzef");
    assert_eq!(strs("<b>hello world</b>", "striphtmltags", &[]), "hello world");
    assert_eq!(sys_error(call("abc", "replaceall", &[st("("), st("x")])).0, SysExc::String);
}

#[test]
fn splitting() {
    assert_eq!(texts(call("a,b,,c,,", "split", &[st(",")])), ["a", "b", "", "c"]);
    assert_eq!(texts(call("a,b,c", "split", &[st(","), n(2)])), ["a", "b,c"]);
    assert_eq!(texts(call("a.b", "split", &[st("\\.")])), ["a", "b"]);
    assert_eq!(texts(call("", "split", &[st(",")])), [""]);
    // Plain-text patterns skip the regex engine; the rules stay Java's.
    assert_eq!(texts(call(",a,,b", "split", &[st(",")])), ["", "a", "", "b"]);
    assert_eq!(texts(call("a::b::", "split", &[st("::")])), ["a", "b"]);
    assert_eq!(texts(call("abc", "split", &[st(";")])), ["abc"]);
    assert_eq!(texts(call("a,b,,", "split", &[st(","), n(-1)])), ["a", "b", "", ""]);
    assert!(texts(call("...", "split", &[st(".")])).is_empty());
    assert_eq!(texts(call("fooBar200", "splitbycharactertypecamelcase", &[])), ["foo", "Bar", "200"]);
    assert_eq!(texts(call("fooBar", "splitbycharactertype", &[])), ["foo", "B", "ar"]);
}

#[test]
fn escaping() {
    assert_eq!(strs("<a & 'b'>", "escapexml", &[]), "&lt;a &amp; &apos;b&apos;&gt;");
    assert_eq!(strs("&lt;&eacute;&#39;", "unescapehtml4", &[]), "<é'");
    assert_eq!(strs("caf\u{e9} \"x\"", "escapehtml4", &[]), "caf&eacute; &quot;x&quot;");
    assert_eq!(strs("a'b/c", "escapeecmascript", &[]), "a\\'b\\/c");
    assert_eq!(strs("tab\tend", "escapejava", &[]), "tab\\tend");
    assert_eq!(strs("a\\nb", "unescapejava", &[]), "a\nb");
    assert_eq!(strs("a,b", "escapecsv", &[]), "\"a,b\"");
    assert_eq!(strs("\"a,b\"", "unescapecsv", &[]), "a,b");
}

#[test]
fn static_predicates_accept_null() {
    let t = |name: &str, v: Value| matches!(call_static(name, &[v]), Ok(Value::Boolean(true)));
    assert!(t("isblank", Value::Null) && t("isblank", st(" \t")) && !t("isblank", st(" a")));
    assert!(t("isempty", Value::Null) && t("isempty", st("")) && !t("isempty", st(" ")));
    assert!(t("isnotblank", st("a")) && !t("isnotblank", Value::Null) && !t("isnotblank", st("  ")));
    assert!(t("isnotempty", st(" ")) && !t("isnotempty", Value::Null));
    assert_eq!(text_of(call_static("escapesinglequotes", &[st("it's")])), "it\\'s");
}

#[test]
fn static_conversions() {
    let list = Value::list(vec![st("a"), n(1), Value::Null], Ty::Object);
    assert_eq!(text_of(call_static("join", &[list.clone(), st(", ")])), "a, 1, null");
    let set = Value::Set(Rc::new(SetObj::from_values([st("x"), st("y")], Ty::String)));
    assert_eq!(text_of(call_static("join", &[set, st("|")])), "x|y");
    let args = Value::list(vec![st("David"), n(42)], Ty::Object);
    assert_eq!(text_of(call_static("format", &[st("Hi {0}, ''{1}''"), args])), "Hi David, '42'");
    assert_eq!(text_of(call_static("valueof", &[Value::Date(Date::from_ymd(2024, 2, 29))])), "2024-02-29");
    assert!(call_static("valueof", &[Value::Null]).unwrap().is_null());
    assert_eq!(
        text_of(call_static("valueofgmt", &[Value::Datetime(Datetime(86_400_000 + 3_723_000))])),
        "1970-01-02 01:02:03"
    );
    let prefixes = Value::list(vec![st("interstellar"), st("internet"), st("interval")], Ty::String);
    assert_eq!(text_of(call_static("getcommonprefix", &[prefixes])), "inter");
    assert!(
        matches!(call_static("join", &[Value::Null, st(",")]), Err(t) if matches!(t.as_sys(), Some((SysExc::NullPointer, _))))
    );
}
