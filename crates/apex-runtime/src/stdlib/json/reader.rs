//! A JSON reader that builds Apex values directly (objects as `Map<String, Object>` in document
//! order, arrays as `List<Object>`) and words its errors as the platform's Jackson parser does:
//! `Unexpected character ('x' (code 120)): expected a valid value ... at [line:1, column:5]`.
//! The exact wording is reported, not documented; the parts real tests assert on
//! (`Unexpected end-of-input`, `Unexpected character`) are kept to the letter.

use crate::types::Ty;
use crate::value::{ListObj, MapObj, Value};
use rustc_hash::FxHashMap;

/// Nesting deeper than this is refused, so a hostile document cannot exhaust the stack.
const MAX_DEPTH: usize = 512;

/// Parses one JSON document. Text after the first complete value is ignored, as Jackson's
/// default object mapper does.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut reader = Reader { bytes: text.as_bytes(), text, at: 0, depth: 0, keys: FxHashMap::default() };
    reader.skip_space();
    if reader.at >= reader.bytes.len() {
        return Err("No content to map to Object due to end of input".into());
    }
    reader.value()
}

struct Reader<'t> {
    bytes: &'t [u8],
    text: &'t str,
    at: usize,
    depth: usize,
    /// Object keys seen so far: records of one shape repeat the same keys, which then share
    /// one String (as CPython's decoder does).
    keys: FxHashMap<&'t str, Value>,
}

/// How many distinct keys the reader remembers.
const KEY_MEMORY: usize = 1024;

impl Reader<'_> {
    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Value::string(self.string()?)),
            Some(b't') => self.literal("true", Value::Boolean(true)),
            Some(b'f') => self.literal("false", Value::Boolean(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                Err(self
                    .unexpected("expected a valid value (number, String, array, object, 'true', 'false' or 'null')"))
            }
            None => Err(self.end_of_input("expected a value")),
        }
    }

    fn object(&mut self) -> Result<Value, String> {
        let start = self.enter()?;
        let map = MapObj::new(Ty::String, Ty::Object);
        {
            let mut entries = map.entries.borrow_mut();
            self.skip_space();
            if self.peek() == Some(b'}') {
                self.at += 1;
            } else {
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(_) => return Err(self.unexpected("was expecting double-quote to start field name")),
                        None => return Err(self.unclosed("OBJECT", start)),
                    }
                    let key = self.key()?;
                    self.skip_space();
                    match self.peek() {
                        Some(b':') => self.at += 1,
                        Some(_) => {
                            return Err(self.unexpected("was expecting a colon to separate field name and value"))
                        }
                        None => return Err(self.unclosed("OBJECT", start)),
                    }
                    self.skip_space();
                    if self.peek().is_none() {
                        return Err(self.unclosed("OBJECT", start));
                    }
                    let value = self.value()?;
                    entries.insert(crate::value::Key(key), value);
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            break;
                        }
                        Some(_) => return Err(self.unexpected("was expecting comma to separate OBJECT entries")),
                        None => return Err(self.unclosed("OBJECT", start)),
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Map(std::rc::Rc::new(map)))
    }

    fn array(&mut self) -> Result<Value, String> {
        let start = self.enter()?;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
        } else {
            loop {
                self.skip_space();
                if self.peek().is_none() {
                    return Err(self.unclosed("ARRAY", start));
                }
                items.push(self.value()?);
                self.skip_space();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b']') => {
                        self.at += 1;
                        break;
                    }
                    Some(_) => return Err(self.unexpected("was expecting comma to separate ARRAY entries")),
                    None => return Err(self.unclosed("ARRAY", start)),
                }
            }
        }
        self.depth -= 1;
        Ok(Value::List(std::rc::Rc::new(ListObj::new(items, Ty::Object))))
    }

    /// Steps over an opening bracket; returns its offset for the unclosed-container message.
    fn enter(&mut self) -> Result<usize, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("Maximum nesting depth of {MAX_DEPTH} exceeded {}", self.location(self.at)));
        }
        self.at += 1;
        Ok(self.at - 1)
    }

    /// An object key, shared with earlier equal keys when it has no escapes.
    fn key(&mut self) -> Result<Value, String> {
        let begin = self.at + 1;
        let plain = self.bytes[begin..].iter().position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f));
        if let Some(len) = plain.filter(|len| self.bytes[begin + len] == b'"') {
            let text: &str = &self.text[begin..begin + len];
            self.at = begin + len + 1;
            if let Some(key) = self.keys.get(text) {
                return Ok(key.clone());
            }
            let key = Value::string(text);
            if self.keys.len() < KEY_MEMORY {
                self.keys.insert(text, key.clone());
            }
            return Ok(key);
        }
        self.string().map(Value::string)
    }

    /// A string starting at the opening quote; the reader ends after the closing one.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let begin = self.at;
        // The common case: no escapes, copied in one go.
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'"' => {
                    let text = self.text[begin..self.at].to_string();
                    self.at += 1;
                    return Ok(text);
                }
                b'\\' => break,
                0..=0x1f => return Err(self.control_character(b)),
                _ => self.at += 1,
            }
        }
        let mut out = self.text[begin..self.at].to_string();
        loop {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(self.end_of_input("was expecting closing quote for a string value"));
            };
            match b {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                0..=0x1f => return Err(self.control_character(b)),
                _ => {
                    // Copies one whole UTF-8 character.
                    let len = utf8_len(b);
                    out.push_str(&self.text[self.at..self.at + len]);
                    self.at += len;
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), String> {
        let Some(&b) = self.bytes.get(self.at) else {
            return Err(self.end_of_input("was expecting closing quote for a string value"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            other => {
                self.at -= 1;
                return Err(format!(
                    "Unrecognized character escape '{}' (code {other}) {}",
                    other as char,
                    self.location(self.at)
                ));
            }
        };
        out.push(c);
        Ok(())
    }

    /// `\uXXXX`, joining a surrogate pair into one character.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), String> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) && self.bytes[self.at..].starts_with(b"\\u") {
            let save = self.at;
            self.at += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            self.at = save;
        }
        out.push(char::from_u32(high).unwrap_or('\u{FFFD}'));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(self.end_of_input("was expecting closing quote for a string value"));
            };
            let digit = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.unexpected_at(self.at, "expected a hex-digit for character escape sequence"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, String> {
        let begin = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_begin = self.at;
        self.digits();
        if self.at == int_begin {
            return Err(match self.peek() {
                None => self.end_of_input("expected digit (0-9) to follow minus sign, for valid numeric value"),
                Some(_) => self.unexpected("expected digit (0-9) to follow minus sign, for valid numeric value"),
            });
        }
        if self.bytes[int_begin] == b'0' && self.at - int_begin > 1 {
            return Err(format!("Invalid numeric value: Leading zeroes not allowed {}", self.location(int_begin)));
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.at += 1;
            let fraction = self.at;
            self.digits();
            if self.at == fraction {
                return Err(self.number_tail("Decimal point not followed by a digit"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integral = false;
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            let exponent = self.at;
            self.digits();
            if self.at == exponent {
                return Err(self.number_tail("Exponent indicator not followed by a digit"));
            }
        }
        let text = &self.text[begin..self.at];
        number_value(text, integral)
            .ok_or_else(|| format!("Numeric value ({text}) out of range {}", self.location(begin)))
    }

    fn number_tail(&self, what: &str) -> String {
        match self.peek() {
            None => self.end_of_input(&format!("expected a digit: {what}")),
            Some(_) => self.unexpected(what),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) && !self.word_continues(self.at + word.len()) {
            self.at += word.len();
            return Ok(value);
        }
        let begin = self.at;
        let mut end = begin;
        while end < self.bytes.len() && self.word_continues(end) {
            end += utf8_len(self.bytes[end]);
        }
        let token = &self.text[begin..end.min(self.text.len())];
        Err(format!("Unrecognized token '{token}': was expecting 'null', 'true' or 'false' {}", self.location(begin)))
    }

    fn word_continues(&self, at: usize) -> bool {
        self.bytes.get(at).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn unexpected(&self, expectation: &str) -> String {
        self.unexpected_at(self.at, expectation)
    }

    fn unexpected_at(&self, at: usize, expectation: &str) -> String {
        let c = self.text[at..].chars().next().unwrap_or('?');
        format!("Unexpected character ('{c}' (code {})): {expectation} {}", c as u32, self.location(at))
    }

    fn control_character(&self, b: u8) -> String {
        format!(
            "Illegal unquoted character ((CTRL-CHAR, code {b})): has to be escaped using backslash to be included in string value {}",
            self.location(self.at)
        )
    }

    fn end_of_input(&self, expectation: &str) -> String {
        format!("Unexpected end-of-input: {expectation} {}", self.location(self.at))
    }

    fn unclosed(&self, kind: &str, start: usize) -> String {
        let (line, column) = line_column(self.text, start);
        format!(
            "Unexpected end-of-input: expected close marker for {kind} (from [line:{line}, column:{column}]) {}",
            self.location(self.at)
        )
    }

    fn location(&self, at: usize) -> String {
        let (line, column) = line_column(self.text, at);
        format!("at [line:{line}, column:{column}]")
    }
}

/// Integral numbers become Integer when they fit in 32 bits, then Long; anything else a
/// Decimal keeping the digits as written. None when the exponent is beyond a Decimal's scale.
fn number_value(text: &str, integral: bool) -> Option<Value> {
    if integral {
        if let Ok(n) = text.parse::<i32>() {
            return Some(Value::Integer(n));
        }
        if let Ok(n) = text.parse::<i64>() {
            return Some(Value::Long(n));
        }
    }
    crate::stdlib::number::decimal::parse(text).map(Value::decimal)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        parse(text).unwrap_err()
    }

    #[test]
    fn truncated_documents_say_end_of_input_and_where_the_container_opened() {
        assert_eq!(
            error("{\"a\": 1"),
            "Unexpected end-of-input: expected close marker for OBJECT (from [line:1, column:1]) at [line:1, column:8]"
        );
        assert_eq!(
            error("[1,\n 2"),
            "Unexpected end-of-input: expected close marker for ARRAY (from [line:1, column:1]) at [line:2, column:3]"
        );
        assert!(error("{\"a\": \"b").starts_with("Unexpected end-of-input: was expecting closing quote"));
    }

    #[test]
    fn a_stray_character_names_itself_and_its_code() {
        assert_eq!(
            error("<html>"),
            "Unexpected character ('<' (code 60)): expected a valid value (number, String, array, object, 'true', 'false' or 'null') at [line:1, column:1]"
        );
        assert_eq!(
            error("{a:1}"),
            "Unexpected character ('a' (code 97)): was expecting double-quote to start field name at [line:1, column:2]"
        );
        assert_eq!(
            error("[1 2]"),
            "Unexpected character ('2' (code 50)): was expecting comma to separate ARRAY entries at [line:1, column:4]"
        );
        assert_eq!(
            error("[tru]"),
            "Unrecognized token 'tru': was expecting 'null', 'true' or 'false' at [line:1, column:2]"
        );
        assert_eq!(error("  "), "No content to map to Object due to end of input");
    }

    #[test]
    fn numbers_take_the_narrowest_apex_type() {
        assert_eq!(parse("2147483647").unwrap(), Value::Integer(i32::MAX));
        assert_eq!(parse("2147483648").unwrap(), Value::Long(2_147_483_648));
        assert!(matches!(parse("1.50").unwrap(), Value::Decimal(d) if d.to_string() == "1.50"));
        assert!(matches!(parse("1e2").unwrap(), Value::Decimal(_)));
        assert!(matches!(parse("99999999999999999999").unwrap(), Value::Decimal(_)));
        assert!(error("01").starts_with("Invalid numeric value: Leading zeroes not allowed"));
        assert!(error("1e99999999999").starts_with("Numeric value (1e99999999999) out of range"));
    }

    #[test]
    fn escapes_and_surrogate_pairs_decode() {
        let text = parse(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(text.as_str(), Some("a\"b\\c/d\né😀"));
    }

    #[test]
    fn nesting_has_a_limit_instead_of_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(error(&deep).starts_with("Maximum nesting depth of 512 exceeded"));
    }
}
