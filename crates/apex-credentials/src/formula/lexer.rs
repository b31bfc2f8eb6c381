//! Tokens of a credential formula: string literals in single or double quotes with backslash
//! escapes, names (`HMAC`, `$Credential.Acme.apiKey`), `&`, parentheses and commas.

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Text(String),
    Name(String),
    Amp,
    Open,
    Close,
    Comma,
}

/// The tokens of `source`, or what is wrong with it.
pub(super) fn lex(source: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token = match c {
            c if c.is_whitespace() => continue,
            '&' => Token::Amp,
            '(' => Token::Open,
            ')' => Token::Close,
            ',' => Token::Comma,
            '\'' | '"' => Token::Text(literal(&mut chars, c)?),
            c if is_name_char(c) => {
                let end = name_end(source, at);
                while chars.next_if(|(i, _)| *i < end).is_some() {}
                Token::Name(source[at..end].to_string())
            }
            other => return Err(format!("unexpected character '{other}'")),
        };
        tokens.push(token);
    }
    Ok(tokens)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.')
}

/// Where the name starting at `start` ends.
fn name_end(source: &str, start: usize) -> usize {
    source[start..].find(|c: char| !is_name_char(c)).map_or(source.len(), |len| start + len)
}

/// The text of a literal whose opening `quote` has been read.
fn literal(chars: &mut impl Iterator<Item = (usize, char)>, quote: char) -> Result<String, String> {
    let mut text = String::new();
    while let Some((_, c)) = chars.next() {
        match c {
            c if c == quote => return Ok(text),
            '\\' => text.push(escape(chars.next().map(|(_, c)| c))?),
            c => text.push(c),
        }
    }
    Err("a text literal is not closed".to_string())
}

/// The character a backslash escape stands for.
fn escape(c: Option<char>) -> Result<char, String> {
    match c {
        Some('n') => Ok('\n'),
        Some('r') => Ok('\r'),
        Some('t') => Ok('\t'),
        Some(c @ ('\\' | '\'' | '"')) => Ok(c),
        Some(other) => Err(format!("unknown escape '\\{other}'")),
        None => Err("a text literal is not closed".to_string()),
    }
}

/// Where the formula that starts at `start` (just after `{!`) ends: the offset of the first
/// `}` outside a literal, if any.
pub(super) fn closing_brace(text: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    let mut escaped = false;
    for (at, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '}') => return Some(start + at),
            (None, _) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_formula() {
        let tokens = lex("BASE64ENCODE(BLOB('a\\'b' & $Credential.Ec.User_1))").unwrap();
        assert_eq!(
            tokens,
            vec![
                Token::Name("BASE64ENCODE".into()),
                Token::Open,
                Token::Name("BLOB".into()),
                Token::Open,
                Token::Text("a'b".into()),
                Token::Amp,
                Token::Name("$Credential.Ec.User_1".into()),
                Token::Close,
                Token::Close,
            ]
        );
        assert_eq!(
            lex("\"x\\n\", 'é'").unwrap(),
            vec![Token::Text("x\n".into()), Token::Comma, Token::Text("é".into())]
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(lex("'open").unwrap_err(), "a text literal is not closed");
        assert_eq!(lex("'a\\q'").unwrap_err(), "unknown escape '\\q'");
        assert_eq!(lex("a + b").unwrap_err(), "unexpected character '+'");
    }

    #[test]
    fn braces_inside_literals_do_not_close() {
        let text = "{!'}' & \"\\\"}\"} tail";
        assert_eq!(closing_brace(text, 2), Some(text.len() - 6));
        assert_eq!(closing_brace("{!'}", 2), None);
    }
}
