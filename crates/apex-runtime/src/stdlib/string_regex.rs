//! The regular-expression methods of the Apex `String` class (`split`, `replaceAll`,
//! `replaceFirst`) with Java's semantics on top of the `regex` crate, and the
//! `java.text.MessageFormat` subset behind `String.format`.

use crate::eval::{SysExc, Throw};
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How many compiled patterns each thread keeps; Apex code often splits in a loop.
const CACHE_SIZE: usize = 64;

thread_local! {
    static CACHE: RefCell<HashMap<(String, Anchor), Rc<Regex>>> = RefCell::new(HashMap::new());
}

/// Compiles a Java regular expression. Syntax errors are a `StringException` (the message is
/// ours, not Java's); features the `regex` crate lacks (look-around, back-references) are a
/// tool fault. The cache hands out shared handles: cloning a `Regex` would build a new
/// matching cache each time.
pub fn compile(pattern: &str) -> Result<Rc<Regex>, Throw> {
    compile_anchored(pattern, Anchor::None)
}

/// Where a pattern must match: anywhere, at the start of the input (`lookingAt`), or over
/// all of it (`matches`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Anchor {
    None,
    Start,
    Whole,
}

/// `compile`, anchored after translation so `\Q` without `\E`, flags such as `(?x)` and
/// comments keep their meaning.
pub fn compile_anchored(pattern: &str, anchor: Anchor) -> Result<Rc<Regex>, Throw> {
    let key = (pattern.to_string(), anchor);
    if let Some(re) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(re);
    }
    let translated = translate(pattern);
    // In verbose mode (`(?x)`) a `#` comment runs to the end of the line, so the closing
    // part goes on a line of its own; elsewhere a newline would be a character to match.
    let close = if enables_verbose(&translated) { "\n)" } else { ")" };
    let source = match anchor {
        Anchor::None => translated,
        Anchor::Start => format!("^(?:{translated}{close}"),
        Anchor::Whole => format!("^(?:{translated}{close}$"),
    };
    let re = Rc::new(Regex::new(&source).map_err(|e| regex_error(pattern, &e))?);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(key, Rc::clone(&re));
    });
    Ok(re)
}

/// Whether a pattern turns on verbose mode with a flag group such as `(?x)` or `(?ix:`.
fn enables_verbose(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(at, _)| {
        let flags = &pattern[at + 2..];
        let end = flags.find([')', ':']).unwrap_or(0);
        flags[..end].split('-').next().is_some_and(|on| on.contains('x'))
    })
}

/// Rewrites the Java-only parts of a pattern for the `regex` crate: `\Q...\E` quoting, the
/// ASCII meaning of `\d \w \s` (and their negations) and the POSIX classes `\p{Alpha}` etc.
fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let Some(c) = tail.chars().next() else {
            out.push('\\');
            return out;
        };
        let mut used = c.len_utf8();
        match c {
            'Q' => {
                let quoted = &tail[1..];
                let end = quoted.find("\\E").unwrap_or(quoted.len());
                out.push_str(&regex::escape(&quoted[..end]));
                used = 1 + (end + 2).min(quoted.len());
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => out.push_str(ascii_class(c)),
            'p' | 'P' => match tail[1..].strip_prefix('{').and_then(|t| t.split_once('}')) {
                Some((name, _)) if posix_class(name).is_some() => {
                    let class = posix_class(name).unwrap_or_default();
                    out.push_str(&if c == 'p' { format!("[{class}]") } else { format!("[^{class}]") });
                    used = 1 + name.len() + 2;
                }
                _ => {
                    out.push('\\');
                    out.push(c);
                }
            },
            _ => {
                out.push('\\');
                out.push(c);
            }
        }
        rest = tail.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Java's ASCII-only `\d \w \s` and their negations.
fn ascii_class(c: char) -> &'static str {
    match c {
        'd' => "[0-9]",
        'D' => "[^0-9]",
        'w' => "[a-zA-Z_0-9]",
        'W' => "[^a-zA-Z_0-9]",
        's' => "[\\t\\n\\x0B\\f\\r ]",
        _ => "[^\\t\\n\\x0B\\f\\r ]",
    }
}

/// The members of Java's POSIX character classes (US-ASCII only).
fn posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\x00-\\x7F",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => "!-/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Cntrl" => "\\x00-\\x1F\\x7F",
        "XDigit" => "0-9a-fA-F",
        "Space" => " \\t\\n\\x0B\\f\\r",
        _ => return None,
    })
}

fn regex_error(pattern: &str, error: &regex::Error) -> Throw {
    let text = error.to_string();
    if text.contains("not supported") {
        return Throw::unsupported(format!("The regular expression {pattern:?} (look-around or back-references)"));
    }
    let detail = text.lines().rfind(|l| l.starts_with("error:")).unwrap_or("error: invalid syntax");
    Throw::sys(SysExc::String, format!("Invalid regex: {pattern} ({})", detail.trim_start_matches("error: ")))
}

/// Java `String.split(regex, limit)`: a positive limit caps the pieces; zero drops trailing
/// empty strings; a zero-width match at the start makes no leading empty string.
/// A pattern without regex metacharacters is matched as plain text, without the regex engine.
pub fn split(s: &str, pattern: &str, limit: i32) -> Result<Vec<String>, Throw> {
    if is_literal(pattern) {
        return Ok(split_at(s, s.match_indices(pattern).map(|(at, m)| (at, at + m.len())), limit));
    }
    let re = compile(pattern)?;
    Ok(split_at(s, re.find_iter(s).map(|m| (m.start(), m.end())), limit))
}

/// Whether a pattern means itself: non-empty and free of Java regex metacharacters.
fn is_literal(pattern: &str) -> bool {
    !pattern.is_empty() && !pattern.contains(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}'])
}

/// The pieces of `s` between the given matches, by Java's `split` rules.
fn split_at(s: &str, matches: impl Iterator<Item = (usize, usize)>, limit: i32) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut index = 0;
    let mut matched = false;
    for (start, end) in matches {
        if limit > 0 && pieces.len() >= (limit - 1) as usize {
            break;
        }
        matched = true;
        if start == 0 && end == 0 {
            continue;
        }
        pieces.push(s.get(index..start).unwrap_or_default().to_string());
        index = end;
    }
    if !matched {
        return vec![s.to_string()];
    }
    pieces.push(s.get(index..).unwrap_or_default().to_string());
    if limit == 0 {
        while pieces.last().is_some_and(|p| p.is_empty()) {
            pieces.pop();
        }
    }
    pieces
}

/// Java `replaceAll` (`first == false`) and `replaceFirst`, with Java's replacement syntax:
/// `$n` and `${name}` refer to groups, a backslash quotes the next character.
pub fn replace(s: &str, pattern: &str, replacement: &str, first: bool) -> Result<String, Throw> {
    let re = compile(pattern)?;
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for caps in re.captures_iter(s) {
        let Some(m) = caps.get(0) else { continue };
        out.push_str(s.get(last..m.start()).unwrap_or_default());
        expand(&re, &caps, replacement, &mut out)?;
        last = m.end();
        if first {
            break;
        }
    }
    out.push_str(s.get(last..).unwrap_or_default());
    Ok(out)
}

/// Appends `replacement` with its group references filled in (Java `Matcher.appendReplacement`).
fn expand(re: &Regex, caps: &regex::Captures, replacement: &str, out: &mut String) -> Result<(), Throw> {
    let bad = |msg: String| Throw::sys(SysExc::String, msg);
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(q) => out.push(q),
                None => return Err(bad("character to be escaped is missing".into())),
            },
            '$' => {
                let group = match chars.peek() {
                    Some('{') => {
                        chars.next();
                        let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                        re.capture_names()
                            .flatten()
                            .any(|n| n == name)
                            .then(|| caps.name(&name))
                            .ok_or_else(|| bad(format!("No group with name {{{name}}}")))?
                    }
                    Some(d) if d.is_ascii_digit() => {
                        let number = group_number(&mut chars, re.captures_len() - 1);
                        if number >= re.captures_len() {
                            return Err(bad(format!("No group {number}")));
                        }
                        caps.get(number)
                    }
                    _ => return Err(bad("Illegal group reference".into())),
                };
                out.push_str(group.map_or("", |m| m.as_str()));
            }
            _ => out.push(c),
        }
    }
    Ok(())
}

/// Reads a group number the way Java does: the first digit, then more digits while the
/// number stays within the pattern's group count.
fn group_number(chars: &mut std::iter::Peekable<std::str::Chars>, group_count: usize) -> usize {
    let mut number = chars.next().and_then(|d| d.to_digit(10)).unwrap_or(0) as usize;
    while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
        let next = number * 10 + d as usize;
        if next > group_count {
            break;
        }
        number = next;
        chars.next();
    }
    number
}

/// `String.format(pattern, args)` as `java.text.MessageFormat` does it for text arguments:
/// `{n}` takes argument n (a missing one prints as `{n}`), quotes make literal text and `''`
/// is one quote. The arguments arrive already converted to text.
pub fn message_format(pattern: &str, args: &[String]) -> Result<String, Throw> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            '\'' => quoted = !quoted,
            '{' if !quoted => {
                let element = read_element(&mut chars)?;
                format_element(&element, args, &mut out)?;
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// The text of a format element up to its matching `}` (nested braces allowed in styles).
fn read_element(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<String, Throw> {
    let mut element = String::new();
    let mut depth = 0;
    let mut quoted = false;
    for c in chars.by_ref() {
        match c {
            '\'' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted && depth == 0 => return Ok(element),
            '}' if !quoted => depth -= 1,
            _ => {}
        }
        element.push(c);
    }
    Err(Throw::sys(SysExc::String, "Unmatched braces in the pattern."))
}

fn format_element(element: &str, args: &[String], out: &mut String) -> Result<(), Throw> {
    let mut parts = element.splitn(3, ',');
    let index_text = parts.next().unwrap_or_default();
    let index: usize = index_text
        .parse()
        .map_err(|_| Throw::sys(SysExc::String, format!("can't parse argument number: {index_text}")))?;
    let kind = parts.next().map(|k| k.trim().to_ascii_lowercase()).unwrap_or_default();
    let message = match kind.as_str() {
        "" => None,
        "number" | "choice" => Some("Cannot format given Object as a Number"),
        "date" | "time" => Some("Cannot format given Object as a Date"),
        other => return Err(Throw::sys(SysExc::String, format!("unknown format type: {other}"))),
    };
    match args.get(index) {
        None => out.push_str(&format!("{{{index_text}}}")),
        Some(_) if message.is_some() => return Err(Throw::sys(SysExc::String, message.unwrap_or_default())),
        Some(arg) => out.push_str(arg),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(s: &str, re: &str, limit: i32) -> Vec<String> {
        split(s, re, limit).unwrap()
    }

    #[test]
    fn split_follows_java() {
        assert_eq!(sp("a,b,,c,,", ",", 0), ["a", "b", "", "c"]);
        assert_eq!(sp("a,b,,c,,", ",", -1), ["a", "b", "", "c", "", ""]);
        assert_eq!(sp("a,b,c", ",", 2), ["a", "b,c"]);
        assert_eq!(sp("", ",", 0), [""]);
        assert_eq!(sp(",a", ",", 0), ["", "a"]);
        assert_eq!(sp("abc", "", 0), ["a", "b", "c"]);
        assert_eq!(sp("a1b22c", "\\d+", 0), ["a", "b", "c"]);
        assert_eq!(sp(",,,", ",", 0), Vec::<String>::new());
        assert_eq!(sp("no match", ";", 0), ["no match"]);
    }

    #[test]
    fn replacement_syntax_follows_java() {
        assert_eq!(replace("John Smith", "(\\w+) (\\w+)", "$2, $1", false).unwrap(), "Smith, John");
        assert_eq!(replace("a1b2", "\\d", "\\$", false).unwrap(), "a$b$");
        assert_eq!(replace("aaa", "a", "b", true).unwrap(), "baa");
        assert_eq!(replace("ab", "(a)", "$10", false).unwrap(), "a0b");
        assert_eq!(replace("ab", "(?<x>a)", "[${x}]", false).unwrap(), "[a]b");
        assert!(replace("ab", "a", "$", false).is_err());
        assert!(replace("ab", "(a)", "$2", false).is_err());
        assert!(matches!(compile("(").unwrap_err().as_sys(), Some((SysExc::String, _))));
        assert!(compile("a(?=b)").unwrap_err().is_fault());
    }

    #[test]
    fn java_only_syntax_is_translated() {
        assert_eq!(sp("a.b*c", "\\Q.\\E|\\Q*", 0), ["a", "b", "c"]);
        assert_eq!(sp("a1١b", "\\d", 0), ["a", "١b"]);
        assert_eq!(sp("a,b;c", "\\p{Punct}", 0), ["a", "b", "c"]);
        assert_eq!(sp("aéb", "\\P{Alpha}", 0), ["a", "b"]);
        assert_eq!(sp("a\u{a0}b c", "\\s", 0), ["a\u{a0}b", "c"]);
        assert_eq!(sp("aXb", "\\p{Lu}", 0), ["a", "b"]);
        assert_eq!(replace("a/b", "\\/", "-", false).unwrap(), "a-b");
    }

    #[test]
    fn message_format_quotes_and_placeholders() {
        let args = vec!["David".to_string(), "game".to_string()];
        let f = |p: &str| message_format(p, &args).unwrap();
        assert_eq!(f("Hello {0}, shall we play a ''{1}''?"), "Hello David, shall we play a 'game'?");
        assert_eq!(f("Hello {0}, shall we play a '{1}'?"), "Hello David, shall we play a {1}?");
        assert_eq!(f("Don't {0}"), "Dont {0}");
        assert_eq!(f("{2} and {0}"), "{2} and David");
        assert_eq!(f("Braces '{ x }' {1}"), "Braces { x } game");
        assert!(message_format("{0", &args).is_err());
        assert!(message_format("{0,number,#}", &args).is_err());
    }
}
