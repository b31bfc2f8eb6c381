//! String literal escapes: resolving them to a value, and finding the first invalid one.

/// The value of a quoted literal: quotes removed, escapes resolved, bad escapes kept as written.
pub fn unescape(quoted: &str) -> String {
    let inner = quoted.strip_prefix('\'').unwrap_or(quoted);
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    if !inner.contains('\\') {
        return inner.to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => out.push(unicode_escape(&mut chars)),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn unicode_escape(chars: &mut std::str::Chars) -> char {
    let hex: String = chars.clone().take(4).collect();
    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        Some(c) if hex.len() == 4 => {
            chars.nth(3);
            c
        }
        _ => 'u',
    }
}

/// Checks a quoted literal's escapes; returns the byte offset and text of the first bad one.
pub fn invalid_escape(quoted: &str) -> Option<(usize, &str)> {
    let bytes = quoted.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let &next = bytes.get(i + 1)?;
        let len = match next {
            b'n' | b't' | b'r' | b'b' | b'f' | b'"' | b'\'' | b'\\' => 2,
            b'u' if quoted.get(i + 2..i + 6).is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())) => 6,
            _ => return Some((i, escape_text(quoted, i))),
        };
        i += len;
    }
    None
}

fn escape_text(quoted: &str, at: usize) -> &str {
    let end = quoted[at + 1..].chars().next().map_or(at + 1, |c| at + 1 + c.len_utf8());
    &quoted[at..end]
}
