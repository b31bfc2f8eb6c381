//! The `escape*` and `unescape*` methods of the Apex `String` class. Apex implements them with
//! Apache Commons Lang 3's `StringEscapeUtils`, so these follow its translators: the same
//! entity tables, `\uXXXX` escapes in upper-case hex, and the same leniency when unescaping.

/// The Latin-1 entities, for U+00A0 to U+00FF in order.
const ISO8859_1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// The Greek letters of HTML 4, by code point: capitals from U+0391, small from U+03B1.
const GREEK: [&str; 25] = [
    "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu", "Nu", "Xi",
    "Omicron", "Pi", "Rho", "sigmaf", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega",
];

/// The other HTML 4 entities: symbols, arrows, mathematical operators and special characters.
const HTML40_EXTENDED: &[(u32, &str)] = &[
    (402, "fnof"),
    (977, "thetasym"),
    (978, "upsih"),
    (982, "piv"),
    (8226, "bull"),
    (8230, "hellip"),
    (8242, "prime"),
    (8243, "Prime"),
    (8254, "oline"),
    (8260, "frasl"),
    (8472, "weierp"),
    (8465, "image"),
    (8476, "real"),
    (8482, "trade"),
    (8501, "alefsym"),
    (8592, "larr"),
    (8593, "uarr"),
    (8594, "rarr"),
    (8595, "darr"),
    (8596, "harr"),
    (8629, "crarr"),
    (8656, "lArr"),
    (8657, "uArr"),
    (8658, "rArr"),
    (8659, "dArr"),
    (8660, "hArr"),
    (8704, "forall"),
    (8706, "part"),
    (8707, "exist"),
    (8709, "empty"),
    (8711, "nabla"),
    (8712, "isin"),
    (8713, "notin"),
    (8715, "ni"),
    (8719, "prod"),
    (8721, "sum"),
    (8722, "minus"),
    (8727, "lowast"),
    (8730, "radic"),
    (8733, "prop"),
    (8734, "infin"),
    (8736, "ang"),
    (8743, "and"),
    (8744, "or"),
    (8745, "cap"),
    (8746, "cup"),
    (8747, "int"),
    (8756, "there4"),
    (8764, "sim"),
    (8773, "cong"),
    (8776, "asymp"),
    (8800, "ne"),
    (8801, "equiv"),
    (8804, "le"),
    (8805, "ge"),
    (8834, "sub"),
    (8835, "sup"),
    (8836, "nsub"),
    (8838, "sube"),
    (8839, "supe"),
    (8853, "oplus"),
    (8855, "otimes"),
    (8869, "perp"),
    (8901, "sdot"),
    (8968, "lceil"),
    (8969, "rceil"),
    (8970, "lfloor"),
    (8971, "rfloor"),
    (9001, "lang"),
    (9002, "rang"),
    (9674, "loz"),
    (9824, "spades"),
    (9827, "clubs"),
    (9829, "hearts"),
    (9830, "diams"),
    (338, "OElig"),
    (339, "oelig"),
    (352, "Scaron"),
    (353, "scaron"),
    (376, "Yuml"),
    (710, "circ"),
    (732, "tilde"),
    (8194, "ensp"),
    (8195, "emsp"),
    (8201, "thinsp"),
    (8204, "zwnj"),
    (8205, "zwj"),
    (8206, "lrm"),
    (8207, "rlm"),
    (8211, "ndash"),
    (8212, "mdash"),
    (8216, "lsquo"),
    (8217, "rsquo"),
    (8218, "sbquo"),
    (8220, "ldquo"),
    (8221, "rdquo"),
    (8222, "bdquo"),
    (8224, "dagger"),
    (8225, "Dagger"),
    (8240, "permil"),
    (8249, "lsaquo"),
    (8250, "rsaquo"),
    (8364, "euro"),
];

/// Which named entities a method knows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Entities {
    /// `&quot; &amp; &lt; &gt; &apos;`.
    Xml,
    /// The basic four and Latin-1.
    Html3,
    /// HTML 3 plus Greek, symbols and the extended set.
    Html4,
}

fn basic_name(c: char, set: Entities) -> Option<&'static str> {
    match c {
        '"' => Some("quot"),
        '&' => Some("amp"),
        '<' => Some("lt"),
        '>' => Some("gt"),
        '\'' if set == Entities::Xml => Some("apos"),
        _ => None,
    }
}

fn entity_name(c: char, set: Entities) -> Option<&'static str> {
    let cp = u32::from(c);
    if let Some(name) = basic_name(c, set) {
        return Some(name);
    }
    if set == Entities::Xml {
        return None;
    }
    if (0xa0..=0xff).contains(&cp) {
        return ISO8859_1.get((cp - 0xa0) as usize).copied();
    }
    if set == Entities::Html3 {
        return None;
    }
    match cp {
        0x391..=0x3a9 => GREEK.get((cp - 0x391) as usize).copied().filter(|n| *n != "sigmaf"),
        0x3b1..=0x3c9 => GREEK.get((cp - 0x3b1) as usize).map(|n| greek_small(n)),
        _ => HTML40_EXTENDED.iter().find(|(code, _)| *code == cp).map(|(_, name)| *name),
    }
}

/// The small Greek letter's entity name: the capital's name in lower case (`sigmaf` stays).
fn greek_small(capital: &'static str) -> &'static str {
    const SMALL: [&str; 25] = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ];
    GREEK.iter().position(|n| *n == capital).and_then(|i| SMALL.get(i).copied()).unwrap_or(capital)
}

fn entity_char(name: &str, set: Entities) -> Option<char> {
    let basic = match name {
        "quot" => Some('"'),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "apos" if set == Entities::Xml => Some('\''),
        _ => None,
    };
    if basic.is_some() || set == Entities::Xml {
        return basic;
    }
    if let Some(i) = ISO8859_1.iter().position(|n| *n == name) {
        return char::from_u32(0xa0 + i as u32);
    }
    if set == Entities::Html3 {
        return None;
    }
    (0x391..=0x3c9u32)
        .filter_map(char::from_u32)
        .find(|c| entity_name(*c, set) == Some(name))
        .or_else(|| HTML40_EXTENDED.iter().find(|(_, n)| *n == name).and_then(|(code, _)| char::from_u32(*code)))
}

/// `escapeXml`, `escapeHtml3`, `escapeHtml4`: named entities only; other characters pass.
pub fn escape_entities(s: &str, set: Entities) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match entity_name(c, set) {
            Some(name) => {
                out.push('&');
                out.push_str(name);
                out.push(';');
            }
            None => out.push(c),
        }
    }
    out
}

/// `unescapeXml`, `unescapeHtml3`, `unescapeHtml4`: named entities of the set and numeric
/// entities (`&#38;`, `&#x26;`), each with its semicolon; anything else stays as written.
pub fn unescape_entities(s: &str, set: Entities) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        match decode_entity(tail, set) {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity at the start of `tail` stands for, and the entity's length.
fn decode_entity(tail: &str, set: Entities) -> Option<(char, usize)> {
    let semi = tail.get(1..)?.find(';')? + 1;
    let body = tail.get(1..semi)?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
        let code = if valid { u32::from_str_radix(digits, radix).ok()? } else { return None };
        return char::from_u32(code).map(|c| (c, semi + 1));
    }
    if body.len() > 8 {
        return None;
    }
    entity_char(body, set).map(|c| (c, semi + 1))
}

/// Which characters a backslash escaper handles itself before the `\uXXXX` fallback.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `escapeJava`: `"` and `\`.
    Java,
    /// `escapeEcmaScript`: also `'` and `/`.
    EcmaScript,
}

/// `escapeJava` / `escapeEcmaScript`.
pub fn escape_backslash(s: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\'' if dialect == Dialect::EcmaScript => out.push_str("\\'"),
            '/' if dialect == Dialect::EcmaScript => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            ' '..='\u{7f}' => out.push(c),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
        }
    }
    out
}

/// `unescapeJava` / `unescapeEcmaScript`: octal and `\uXXXX` escapes, the control escapes,
/// `\\ \" \'`; a backslash before anything else is dropped. A short `\u` escape is an error.
pub fn unescape_backslash(s: &str) -> Result<String, String> {
    let mut units: Vec<u16> = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '\\' {
            let mut buf = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buf));
            i += 1;
            continue;
        }
        let (unit, used) = unescape_one(&chars[i..])?;
        units.extend(unit);
        i += used;
    }
    Ok(String::from_utf16_lossy(&units))
}

/// Decodes the escape at the start of `chars` (which starts with a backslash): the code unit
/// it stands for (none for a dropped backslash) and how many characters it used.
fn unescape_one(chars: &[char]) -> Result<(Option<u16>, usize), String> {
    let Some(&next) = chars.get(1) else { return Ok((None, 1)) };
    if next.is_digit(8) {
        let max = if next <= '3' { 3 } else { 2 };
        let digits: String = chars[1..].iter().take(max).take_while(|c| c.is_digit(8)).collect();
        let value = u16::from_str_radix(&digits, 8).unwrap_or(0);
        return Ok((Some(value), 1 + digits.len()));
    }
    if next == 'u' {
        return unescape_unicode(chars);
    }
    let simple = match next {
        'b' => 8,
        'n' => 10,
        't' => 9,
        'f' => 12,
        'r' => 13,
        '\\' | '"' | '\'' => next as u16,
        _ => return Ok((None, 1)),
    };
    Ok((Some(simple), 2))
}

/// `\u` (with any number of extra `u`s and an optional `+`) and four hex digits.
fn unescape_unicode(chars: &[char]) -> Result<(Option<u16>, usize), String> {
    let mut i = 1;
    while chars.get(i) == Some(&'u') {
        i += 1;
    }
    if chars.get(i) == Some(&'+') {
        i += 1;
    }
    let hex: String = chars.iter().skip(i).take(4).collect();
    if hex.chars().count() < 4 {
        let seen: String = chars.iter().collect();
        return Err(format!("Less than 4 hex digits in unicode value: '{seen}' due to end of CharSequence"));
    }
    match u16::from_str_radix(&hex, 16) {
        Ok(unit) if hex.chars().all(|c| c.is_ascii_hexdigit()) => Ok((Some(unit), i + 4)),
        _ => Err(format!("Unable to parse unicode value: {hex}")),
    }
}

const CSV_SPECIAL: [char; 4] = [',', '"', '\r', '\n'];

/// `escapeCsv`: quotes the value (doubling its quotes) when it holds a comma, quote or line
/// break.
pub fn escape_csv(s: &str) -> String {
    if !s.contains(CSV_SPECIAL) {
        return s.to_string();
    }
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `unescapeCsv`: removes the surrounding quotes (undoubling inner quotes) only when the quoted
/// text holds a comma, quote or line break.
pub fn unescape_csv(s: &str) -> String {
    let inner = s.strip_prefix('"').and_then(|t| t.strip_suffix('"')).filter(|_| s.len() >= 2);
    match inner {
        Some(inner) if inner.contains(CSV_SPECIAL) => inner.replace("\"\"", "\""),
        _ => s.to_string(),
    }
}

/// `escapeSingleQuotes`: a backslash before each single quote.
pub fn escape_single_quotes(s: &str) -> String {
    s.replace('\'', "\\'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_xml_entities() {
        assert_eq!(
            escape_entities("<a href=\"x\">Tom & 'Jé'</a>", Entities::Html4),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; 'J&eacute;'&lt;/a&gt;"
        );
        assert_eq!(escape_entities("'é", Entities::Xml), "&apos;é");
        assert_eq!(escape_entities("Ωω€ς", Entities::Html4), "&Omega;&omega;&euro;&sigmaf;");
        assert_eq!(escape_entities("Ω", Entities::Html3), "Ω");
        assert_eq!(
            unescape_entities("&lt;p&gt;&amp;amp; &eacute;&#65;&#x42;&Omega;&sigmaf; &bogus; &amp", Entities::Html4),
            "<p>&amp; éABΩς &bogus; &amp"
        );
        assert_eq!(unescape_entities("&apos;&quot;", Entities::Xml), "'\"");
        assert_eq!(unescape_entities("&apos;", Entities::Html4), "&apos;");
    }

    #[test]
    fn java_and_ecmascript_escapes() {
        assert_eq!(
            escape_backslash("He didn't say, \"Stop!\"\n/é😀", Dialect::Java),
            "He didn't say, \\\"Stop!\\\"\\n/\\u00E9\\uD83D\\uDE00"
        );
        assert_eq!(escape_backslash("it's a/b", Dialect::EcmaScript), "it\\'s a\\/b");
        let escaped = "\\\"a\\\"\\n\\u00e9\\uD83D\\uDE00\\101\\x\\";
        assert_eq!(unescape_backslash(escaped).unwrap(), "\"a\"\né😀Ax");
        assert!(unescape_backslash("\\u12").is_err());
    }

    #[test]
    fn csv_and_quotes() {
        assert_eq!(escape_csv("Max1, \"Max2\""), "\"Max1, \"\"Max2\"\"\"");
        assert_eq!(escape_csv("plain"), "plain");
        assert_eq!(unescape_csv("\"Max1, \"\"Max2\"\"\""), "Max1, \"Max2\"");
        assert_eq!(unescape_csv("\"plain\""), "\"plain\"");
        assert_eq!(escape_single_quotes("it's"), "it\\'s");
    }
}
