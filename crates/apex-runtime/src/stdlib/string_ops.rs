//! Text operations with Java semantics for the Apex `String` class: lengths and indices count
//! UTF-16 code units, character classes follow `java.lang.Character`. ASCII text takes a fast
//! path where a byte index is a UTF-16 index; other text is encoded to UTF-16 on demand.

/// The number of UTF-16 code units in `s` (Java `length()`).
pub fn len16(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// The UTF-16 code units of `s`.
pub fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// Text from UTF-16 code units; a lone surrogate (half of a split pair) becomes U+FFFD because
/// Rust text cannot hold it.
pub fn from_units(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

/// The UTF-16 index of byte offset `byte` in `s`.
pub fn index16(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s.get(..byte).map_or(0, len16)
    }
}

/// `s.substring(start, end)` in UTF-16 units; the caller has checked the bounds.
pub fn slice16(s: &str, start: usize, end: usize) -> String {
    if s.is_ascii() {
        return s.get(start..end).unwrap_or_default().to_string();
    }
    let units = units(s);
    units.get(start..end).map(from_units).unwrap_or_default()
}

/// Clamps an Integer argument to a usize index (negative becomes 0).
pub fn clamp(i: i32) -> usize {
    usize::try_from(i).unwrap_or(0)
}

/// A usize index or count as an Apex Integer.
pub fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Java `indexOf(needle, from)`: the first match at or after `from`.
pub fn index_of(s: &str, needle: &str, from: i32) -> i32 {
    let from = clamp(from);
    if s.is_ascii() && needle.is_ascii() {
        if from > s.len() {
            return if needle.is_empty() { int(s.len()) } else { -1 };
        }
        return s.get(from..).and_then(|rest| rest.find(needle)).map_or(-1, |i| int(from + i));
    }
    let (hay, pat) = (units(s), units(needle));
    if from >= hay.len() {
        return if pat.is_empty() { int(hay.len()) } else { -1 };
    }
    (from..=hay.len().saturating_sub(pat.len())).find(|&i| hay.get(i..i + pat.len()) == Some(&pat[..])).map_or(-1, int)
}

/// Java `lastIndexOf(needle, from)`: the last match starting at or before `from`.
pub fn last_index_of(s: &str, needle: &str, from: i32) -> i32 {
    let (hay, pat) = (units(s), units(needle));
    let Some(right) = hay.len().checked_sub(pat.len()) else { return -1 };
    if from < 0 {
        return -1;
    }
    let start = clamp(from).min(right);
    (0..=start).rev().find(|&i| hay.get(i..i + pat.len()) == Some(&pat[..])).map_or(-1, int)
}

/// Case-insensitive equality of two code units, as Java's `regionMatches(true, ...)`.
fn unit_eq_ic(a: u16, b: u16) -> bool {
    if a == b {
        return true;
    }
    let (Some(x), Some(y)) = (char::from_u32(a.into()), char::from_u32(b.into())) else { return false };
    let (ux, uy) = (upper1(x), upper1(y));
    ux == uy || lower1(ux) == lower1(uy)
}

/// The single-character upper case of `c` (itself when the mapping is not one character).
pub fn upper1(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// The single-character lower case of `c`.
pub fn lower1(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Java `regionMatches(true, at, other, 0, other.length)` on UTF-16 units.
fn region_ic(hay: &[u16], at: usize, pat: &[u16]) -> bool {
    hay.get(at..at + pat.len()).is_some_and(|w| w.iter().zip(pat).all(|(a, b)| unit_eq_ic(*a, *b)))
}

/// Java `equalsIgnoreCase`.
pub fn equals_ic(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    let (x, y) = (units(a), units(b));
    x.len() == y.len() && region_ic(&x, 0, &y)
}

/// Commons Lang `indexOfIgnoreCase(s, needle, from)`.
pub fn index_of_ic(s: &str, needle: &str, from: i32) -> i32 {
    let (hay, pat) = (units(s), units(needle));
    let from = clamp(from);
    let end_limit = hay.len() as i64 - pat.len() as i64 + 1;
    if from as i64 > end_limit {
        return -1;
    }
    if pat.is_empty() {
        return int(from);
    }
    (from..end_limit.max(0) as usize).find(|&i| region_ic(&hay, i, &pat)).map_or(-1, int)
}

/// Commons Lang `lastIndexOfIgnoreCase(s, needle, from)`.
pub fn last_index_of_ic(s: &str, needle: &str, from: i32) -> i32 {
    let (hay, pat) = (units(s), units(needle));
    let Some(right) = hay.len().checked_sub(pat.len()) else { return -1 };
    if from < 0 {
        return -1;
    }
    let start = clamp(from).min(right);
    (0..=start).rev().find(|&i| region_ic(&hay, i, &pat)).map_or(-1, int)
}

/// Commons Lang `startsWithIgnoreCase` / `endsWithIgnoreCase`.
pub fn starts_with_ic(s: &str, prefix: &str) -> bool {
    region_ic(&units(s), 0, &units(prefix))
}

pub fn ends_with_ic(s: &str, suffix: &str) -> bool {
    let (hay, pat) = (units(s), units(suffix));
    hay.len().checked_sub(pat.len()).is_some_and(|at| region_ic(&hay, at, &pat))
}

/// Commons Lang `indexOfDifference`: the first differing UTF-16 index, -1 when equal.
pub fn index_of_difference(a: &str, b: &str) -> i32 {
    if a == b {
        return -1;
    }
    let (x, y) = (units(a), units(b));
    let same = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    int(same)
}

/// Java `String.hashCode` over UTF-16 units.
pub fn java_hash(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u)))
}

/// Java `compareTo`: the difference of the first differing units, else of the lengths.
pub fn compare_to(a: &str, b: &str) -> i32 {
    let (x, y) = (units(a), units(b));
    match x.iter().zip(&y).find(|(p, q)| p != q) {
        Some((p, q)) => i32::from(*p) - i32::from(*q),
        None => int(x.len()) - int(y.len()),
    }
}

/// Java `Character.isWhitespace`: space separators other than no-break spaces, and the
/// controls TAB, LF, VT, FF, CR and U+001C..U+001F.
pub fn is_java_whitespace(c: char) -> bool {
    match c {
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{1c}'..='\u{1f}' | ' ' => true,
        '\u{a0}' | '\u{2007}' | '\u{202f}' => false,
        '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{205f}' | '\u{3000}' => true,
        _ => false,
    }
}

/// Letter numbers (category Nl) that Rust counts as alphabetic but Java does not count as
/// letters: Roman numerals and the like.
fn is_letter_number(c: char) -> bool {
    matches!(c, '\u{16ee}'..='\u{16f0}' | '\u{2160}'..='\u{2188}' | '\u{3007}' | '\u{3021}'..='\u{3029}'
        | '\u{3038}'..='\u{303a}' | '\u{a6e6}'..='\u{a6ef}' | '\u{10140}'..='\u{10174}' | '\u{12400}'..='\u{1246e}')
}

/// Java `Character.isLetter` (approximated by Unicode Alphabetic without letter numbers).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_alphabetic() && !is_letter_number(c) && !c.is_numeric()
}

/// The zero digits of the decimal-digit (Nd) blocks of the Basic Multilingual Plane.
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
    0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
    0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
];

/// Java `Character.isDigit` (category Nd): the BMP digit blocks exactly; outside the BMP,
/// Rust's numeric characters that are not letter numbers.
pub fn is_digit(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x10000 {
        return DIGIT_ZEROS.iter().any(|z| (*z..*z + 10).contains(&cp));
    }
    c.is_numeric() && !is_letter_number(c)
}

/// Java `trim()`: strips code units up to U+0020 from both ends.
pub fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// Commons Lang `normalizeSpace`: trims, then turns each run of whitespace into one space.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in java_trim(s).chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r') {
            pending = true;
            continue;
        }
        if pending {
            out.push(' ');
            pending = false;
        }
        out.push(c);
    }
    out
}

/// Commons Lang `abbreviate(s, offset, maxWidth)`.
pub fn abbreviate(s: &str, offset: i32, max_width: i32) -> Result<String, &'static str> {
    if s.is_empty() {
        return Ok(String::new());
    }
    if max_width < 4 {
        return Err("Minimum abbreviation width is 4");
    }
    let len = len16(s) as i64;
    let (max, mut offset) = (i64::from(max_width), i64::from(offset));
    if len <= max {
        return Ok(s.to_string());
    }
    offset = offset.min(len);
    if len - offset < max - 3 {
        offset = len - (max - 3);
    }
    if offset <= 4 {
        return Ok(format!("{}...", slice16(s, 0, (max - 3) as usize)));
    }
    if max < 7 {
        return Err("Minimum abbreviation width with offset is 7");
    }
    if offset + max - 3 < len {
        let rest = slice16(s, offset as usize, len as usize);
        return Ok(format!("...{}", abbreviate(&rest, 0, max_width - 3)?));
    }
    Ok(format!("...{}", slice16(s, (len - (max - 3)) as usize, len as usize)))
}

/// Commons Lang `leftPad` / `rightPad` padding: `size - len` units of `pad` repeated.
pub fn padding(s: &str, size: i32, pad: &str) -> Option<String> {
    let pad = if pad.is_empty() { " " } else { pad };
    let count = clamp(size).checked_sub(len16(s)).filter(|n| *n > 0)?;
    let pad_units = units(pad);
    let filled: Vec<u16> = pad_units.iter().copied().cycle().take(count).collect();
    Some(from_units(&filled))
}

/// Commons Lang `center(s, size, pad)`.
pub fn center(s: &str, size: i32, pad: &str) -> String {
    let len = len16(s);
    let Some(extra) = clamp(size).checked_sub(len).filter(|n| *n > 0) else { return s.to_string() };
    let left_size = int(len + extra / 2);
    let left = padding(s, left_size, pad).unwrap_or_default() + s;
    let right = padding(&left, size, pad).unwrap_or_default();
    left + &right
}

/// Commons Lang `capitalize` (title case of the first character) and `uncapitalize`.
pub fn capitalize(s: &str, upper: bool) -> String {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return String::new() };
    let first = if upper { title_case(first) } else { lower1(first) };
    let mut out = String::with_capacity(s.len());
    out.push(first);
    out.push_str(chars.as_str());
    out
}

/// Java `Character.toTitleCase` for the common cases: the digraphs that have a title-case
/// form, otherwise the single-character upper case.
fn title_case(c: char) -> char {
    match c {
        '\u{1c4}'..='\u{1c6}' => '\u{1c5}',
        '\u{1c7}'..='\u{1c9}' => '\u{1c8}',
        '\u{1ca}'..='\u{1cc}' => '\u{1cb}',
        '\u{1f1}'..='\u{1f3}' => '\u{1f2}',
        _ => upper1(c),
    }
}

/// Commons Lang `swapCase`: upper and title case become lower case, lower case becomes upper.
pub fn swap_case(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_uppercase() || title_case(c) == c && c != upper1(c) {
                lower1(c)
            } else if c.is_lowercase() {
                upper1(c)
            } else {
                c
            }
        })
        .collect()
}

/// Commons Lang `countMatches`: non-overlapping occurrences; 0 for an empty needle.
pub fn count_matches(s: &str, needle: &str) -> i32 {
    if needle.is_empty() {
        return 0;
    }
    int(s.matches(needle).count())
}

/// Java `String.replace(target, replacement)`: every literal occurrence; an empty target
/// puts the replacement around every character.
pub fn replace_literal(s: &str, target: &str, replacement: &str) -> String {
    if !target.is_empty() {
        return s.replace(target, replacement);
    }
    let mut out = String::with_capacity(s.len() * (replacement.len() + 1) + replacement.len());
    out.push_str(replacement);
    for c in s.chars() {
        out.push(c);
        out.push_str(replacement);
    }
    out
}

/// Java `Character.getType`, coarsely: what `splitByCharacterType` groups by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Upper,
    Lower,
    Title,
    OtherLetter,
    Digit,
    Space,
    Control,
    Ascii(u8),
    Other,
}

fn char_type(c: char) -> CharType {
    match c {
        _ if c.is_uppercase() => CharType::Upper,
        _ if c.is_lowercase() => CharType::Lower,
        _ if is_letter(c) && title_case(c) == c && upper1(c) != c => CharType::Title,
        _ if is_letter(c) => CharType::OtherLetter,
        _ if is_digit(c) => CharType::Digit,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => CharType::Space,
        _ if c.is_control() => CharType::Control,
        _ if c.is_ascii() => CharType::Ascii(ascii_punct_type(c)),
        _ => CharType::Other,
    }
}

/// Java's category numbers for the ASCII punctuation and symbols.
fn ascii_punct_type(c: char) -> u8 {
    match c {
        '$' => 26,
        '(' | '[' | '{' => 21,
        ')' | ']' | '}' => 22,
        '+' | '<' | '=' | '>' | '|' | '~' => 25,
        '-' => 20,
        '^' | '`' => 27,
        '_' => 23,
        _ => 24,
    }
}

/// Commons Lang `splitByCharacterType` and `splitByCharacterTypeCamelCase`.
pub fn split_by_type(s: &str, camel: bool) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let Some(first) = chars.first() else { return Vec::new() };
    let mut tokens = Vec::new();
    let (mut start, mut current) = (0, char_type(*first));
    for (pos, c) in chars.iter().enumerate().skip(1) {
        let ty = char_type(*c);
        if ty == current {
            continue;
        }
        if camel && ty == CharType::Lower && current == CharType::Upper {
            let new_start = pos - 1;
            if new_start != start {
                tokens.push(chars[start..new_start].iter().collect());
                start = new_start;
            }
        } else {
            tokens.push(chars[start..pos].iter().collect());
            start = pos;
        }
        current = ty;
    }
    tokens.push(chars[start..].iter().collect());
    tokens
}

/// Removes HTML markup: comments, `script` and `style` elements with their content, and tags.
pub fn strip_html_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let skip = markup_len(tail);
        if skip == 0 {
            out.push('<');
            rest = &tail[1..];
        } else {
            rest = tail.get(skip..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// The length of the markup at the start of `tail` (which starts with `<`), or 0 when it is
/// not markup.
fn markup_len(tail: &str) -> usize {
    if let Some(body) = tail.strip_prefix("<!--") {
        return body.find("-->").map_or(tail.len(), |end| 4 + end + 3);
    }
    let is_tag = tail[1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
    if !is_tag {
        return 0;
    }
    let Some(close) = tail.find('>') else { return 0 };
    let name: String =
        tail[1..close].chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    if name == "script" || name == "style" {
        let end_tag = format!("</{name}");
        let lower = tail.to_ascii_lowercase();
        if let Some(end) = lower.find(&end_tag) {
            return lower[end..].find('>').map_or(tail.len(), |gt| end + gt + 1);
        }
    }
    close + 1
}

/// Commons Lang `getLevenshteinDistance` over UTF-16 units; with a threshold, -1 when the
/// distance is greater.
pub fn levenshtein(a: &str, b: &str, threshold: Option<i32>) -> i32 {
    let (x, y) = (units(a), units(b));
    let mut prev: Vec<usize> = (0..=y.len()).collect();
    for (i, p) in x.iter().enumerate() {
        let mut row = Vec::with_capacity(y.len() + 1);
        row.push(i + 1);
        for (j, q) in y.iter().enumerate() {
            let cost = usize::from(p != q);
            let best = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
            row.push(best);
        }
        prev = row;
    }
    let distance = int(prev.last().copied().unwrap_or(0));
    match threshold {
        Some(t) if distance > t => -1,
        _ => distance,
    }
}

/// Commons Lang `overlay(s, overlay, start, end)`: replaces units `start..end` (clamped and
/// put in order) with `overlay`.
pub fn overlay(s: &str, overlay: &str, start: i32, end: i32) -> String {
    let len = len16(s);
    let (a, b) = (clamp(start).min(len), clamp(end).min(len));
    let (a, b) = if a > b { (b, a) } else { (a, b) };
    format!("{}{}{}", slice16(s, 0, a), overlay, slice16(s, b, len))
}

/// Java `codePointAt(index)` on UTF-16 units; `None` when out of range.
pub fn code_point_at(s: &str, index: i32) -> Option<i32> {
    let u = units(s);
    let i = usize::try_from(index).ok()?;
    let high = *u.get(i)?;
    let combined = u.get(i + 1).and_then(|low| char::decode_utf16([high, *low]).next()?.ok());
    Some(combined.filter(|c| c.len_utf16() == 2).map_or(i32::from(high), |c| u32::from(c) as i32))
}

/// Java `codePointBefore(index)`; `None` when out of range.
pub fn code_point_before(s: &str, index: i32) -> Option<i32> {
    let u = units(s);
    let i = usize::try_from(index).ok().filter(|i| (1..=u.len()).contains(i))?;
    let low = u[i - 1];
    let pair = i.checked_sub(2).and_then(|h| char::decode_utf16([u[h], low]).next()?.ok());
    Some(pair.filter(|c| c.len_utf16() == 2).map_or(i32::from(low), |c| u32::from(c) as i32))
}

/// Java `codePointCount(begin, end)`; `None` when the range is invalid.
pub fn code_point_count(s: &str, begin: i32, end: i32) -> Option<i32> {
    let u = units(s);
    let (b, e) = (usize::try_from(begin).ok()?, usize::try_from(end).ok()?);
    let range = u.get(b..e)?;
    Some(int(char::decode_utf16(range.iter().copied()).count()))
}

/// Java `offsetByCodePoints(index, offset)`; `None` when it leaves the string.
pub fn offset_by_code_points(s: &str, index: i32, offset: i32) -> Option<i32> {
    let u = units(s);
    let mut i = usize::try_from(index).ok().filter(|i| *i <= u.len())?;
    let is_high = |x: u16| (0xd800..0xdc00).contains(&x);
    let is_low = |x: u16| (0xdc00..0xe000).contains(&x);
    for _ in 0..offset.max(0) {
        let unit = *u.get(i)?;
        i += if is_high(unit) && u.get(i + 1).is_some_and(|x| is_low(*x)) { 2 } else { 1 };
    }
    for _ in 0..offset.min(0).unsigned_abs() {
        i = i.checked_sub(1)?;
        if is_low(u[i]) && i > 0 && is_high(u[i - 1]) {
            i -= 1;
        }
    }
    Some(int(i))
}

/// Commons Lang `getCommonPrefix`: the longest prefix (in UTF-16 units) all texts share;
/// empty when any is null.
pub fn common_prefix(texts: &[Option<&str>]) -> String {
    let Some(Some(first)) = texts.first() else { return String::new() };
    if texts.iter().any(Option::is_none) {
        return String::new();
    }
    let first_units = units(first);
    let mut len = first_units.len();
    for text in texts.iter().flatten() {
        let other = units(text);
        len = first_units.iter().zip(&other).take(len).take_while(|(a, b)| a == b).count();
    }
    from_units(&first_units[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_indices_count_utf16_units() {
        assert_eq!(len16("héllo"), 5);
        assert_eq!(len16("a😀b"), 4);
        assert_eq!(index_of("a😀b", "b", 0), 3);
        assert_eq!(index16("a😀b", 5), 3);
        assert_eq!(slice16("a😀b", 1, 3), "😀");
        assert_eq!(last_index_of("abcabc", "bc", 10), 4);
        assert_eq!(last_index_of("abcabc", "bc", 3), 1);
        assert_eq!(index_of("abc", "", 10), 3);
    }

    #[test]
    fn case_insensitive_search() {
        assert_eq!(index_of_ic("Hello World", "WORLD", 0), 6);
        assert_eq!(index_of_ic("Hello", "", 2), 2);
        assert_eq!(index_of_ic("Hello", "x", 9), -1);
        assert_eq!(last_index_of_ic("aXbxc", "X", 10), 3);
        assert!(equals_ic("Straße", "STRAßE"));
        assert!(starts_with_ic("Hello", "hE"));
        assert!(ends_with_ic("Hello", "LO"));
    }

    #[test]
    fn abbreviate_follows_commons_lang() {
        assert_eq!(abbreviate("Hello Maximillian", 0, 8).unwrap(), "Hello...");
        assert_eq!(abbreviate("Hello Maximillian", 6, 9).unwrap(), "...Max...");
        assert_eq!(abbreviate("abcdefghijklmno", 10, 10).unwrap(), "...ijklmno");
        assert!(abbreviate("abcdefg", 0, 3).is_err());
    }

    #[test]
    fn padding_and_centering() {
        assert_eq!(padding("abc", 6, "xy").unwrap(), "xyx");
        assert_eq!(center("abc", 7, ""), "  abc  ");
        assert_eq!(center("a", 4, "yz"), "yayz");
        assert_eq!(center("abcd", 2, " "), "abcd");
    }

    #[test]
    fn character_classes() {
        assert!(is_letter('é') && !is_letter('\u{2160}') && !is_letter('1'));
        assert!(is_digit('٣') && !is_digit('½') && !is_digit('\u{2160}'));
        assert!(is_java_whitespace('\u{1f}') && !is_java_whitespace('\u{a0}'));
    }

    #[test]
    fn splits_by_character_type() {
        assert_eq!(split_by_type("foo200Bar", false), ["foo", "200", "B", "ar"]);
        assert_eq!(split_by_type("foo200Bar", true), ["foo", "200", "Bar"]);
        assert_eq!(split_by_type("ASFRules", true), ["ASF", "Rules"]);
        assert_eq!(split_by_type("ab de fg", false), ["ab", " ", "de", " ", "fg"]);
        assert_eq!(split_by_type("number5", false), ["number", "5"]);
    }

    #[test]
    fn misc() {
        assert_eq!(java_hash("hello"), 99162322);
        assert_eq!(compare_to("apple", "banana"), -1);
        assert_eq!(compare_to("ab", "abc"), -1);
        assert_eq!(normalize_space("  a \t\n b  c "), "a b c");
        assert_eq!(swap_case("Hello World"), "hELLO wORLD");
        assert_eq!(replace_literal("abc", "", "-"), "-a-b-c-");
        assert_eq!(strip_html_tags("<b>hello</b> <script>x()</script>world<!-- c --> 1 < 2"), "hello world 1 < 2");
        assert_eq!(index_of_difference("Hello Jane", "Hello Max"), 6);
        assert_eq!(index_of_difference("abc", "abc"), -1);
        assert_eq!(index_of_difference("ab", "abc"), 2);
        assert_eq!(levenshtein("kitten", "sitting", None), 3);
        assert_eq!(levenshtein("kitten", "sitting", Some(2)), -1);
        assert_eq!(overlay("abcdef", "zz", 4, 2), "abzzef");
        assert_eq!(common_prefix(&[Some("abcde"), Some("abxyz")]), "ab");
        assert_eq!(common_prefix(&[Some("abc"), None]), "");
    }

    #[test]
    fn code_points() {
        assert_eq!(code_point_at("a😀", 1), Some(0x1f600));
        assert_eq!(code_point_at("a😀", 2), Some(0xde00));
        assert_eq!(code_point_at("a", 1), None);
        assert_eq!(code_point_before("a😀", 3), Some(0x1f600));
        assert_eq!(code_point_count("a😀b", 0, 4), Some(3));
        assert_eq!(offset_by_code_points("a😀b", 0, 2), Some(3));
        assert_eq!(offset_by_code_points("a😀b", 3, -1), Some(1));
    }
}
