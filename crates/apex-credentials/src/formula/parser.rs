//! The grammar of a credential formula:
//!
//! ```text
//! formula := concat
//! concat  := term ('&' term)*
//! term    := TEXT | NAME '(' (concat (',' concat)*)? ')' | NAME | '(' concat ')'
//! ```

use super::lexer::{lex, Token};

/// A formula, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Expr {
    Text(String),
    /// A merge field such as `$Credential.Acme.apiKey`.
    Field(String),
    Call {
        name: String,
        args: Vec<Expr>,
    },
    Concat(Vec<Expr>),
}

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

/// Parses `source`, or says what is wrong with it.
pub(super) fn parse(source: &str) -> Result<Expr, String> {
    let tokens = lex(source)?;
    if tokens.is_empty() {
        return Err("the formula is empty".to_string());
    }
    let mut parser = Parser { tokens, at: 0, depth: 0 };
    let expr = parser.concat()?;
    match parser.peek() {
        None => Ok(expr),
        Some(token) => Err(format!("unexpected {}", describe(token))),
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    /// Consumes `token` if it comes next.
    fn eat(&mut self, token: &Token) -> bool {
        if self.peek() == Some(token) {
            self.at += 1;
            return true;
        }
        false
    }

    fn concat(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the formula is nested too deeply".to_string());
        }
        let mut parts = vec![self.term()?];
        while self.eat(&Token::Amp) {
            parts.push(self.term()?);
        }
        self.depth -= 1;
        Ok(if parts.len() == 1 { parts.remove(0) } else { Expr::Concat(parts) })
    }

    fn term(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Text(text)) => Ok(Expr::Text(text)),
            Some(Token::Name(name)) if self.eat(&Token::Open) => Ok(Expr::Call { args: self.args()?, name }),
            Some(Token::Name(name)) => Ok(Expr::Field(name)),
            Some(Token::Open) => {
                let inner = self.concat()?;
                self.expect_close()?;
                Ok(inner)
            }
            Some(token) => Err(format!("unexpected {}", describe(&token))),
            None => Err("the formula ends too soon".to_string()),
        }
    }

    /// The arguments of a call whose `(` has been read, through the `)`.
    fn args(&mut self) -> Result<Vec<Expr>, String> {
        let mut args = Vec::new();
        if self.eat(&Token::Close) {
            return Ok(args);
        }
        loop {
            args.push(self.concat()?);
            if !self.eat(&Token::Comma) {
                self.expect_close()?;
                return Ok(args);
            }
        }
    }

    fn expect_close(&mut self) -> Result<(), String> {
        match self.next() {
            Some(Token::Close) => Ok(()),
            Some(token) => Err(format!("expected ')', found {}", describe(&token))),
            None => Err("a '(' is not closed".to_string()),
        }
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Text(text) => format!("text '{text}'"),
        Token::Name(name) => format!("'{name}'"),
        Token::Amp => "'&'".to_string(),
        Token::Open => "'('".to_string(),
        Token::Close => "')'".to_string(),
        Token::Comma => "','".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: Vec<Expr>) -> Expr {
        Expr::Call { name: name.into(), args }
    }

    #[test]
    fn calls_concatenations_and_fields() {
        let expr = parse("HEX(HASH('SHA-256', BLOB('a' & $Credential.Ec.User)))").unwrap();
        let concat = Expr::Concat(vec![Expr::Text("a".into()), Expr::Field("$Credential.Ec.User".into())]);
        let expected = call("HEX", vec![call("HASH", vec![Expr::Text("SHA-256".into()), call("BLOB", vec![concat])])]);
        assert_eq!(expr, expected);
        assert_eq!(parse("(('x'))").unwrap(), Expr::Text("x".into()));
        assert_eq!(parse("NOW()").unwrap(), call("NOW", vec![]));
    }

    #[test]
    fn syntax_errors_say_what_is_wrong() {
        assert_eq!(parse("").unwrap_err(), "the formula is empty");
        assert_eq!(parse("'a' &").unwrap_err(), "the formula ends too soon");
        assert_eq!(parse("HEX('a'").unwrap_err(), "a '(' is not closed");
        assert_eq!(parse("HEX('a' 'b')").unwrap_err(), "expected ')', found text 'b'");
        assert_eq!(parse("'a' 'b'").unwrap_err(), "unexpected text 'b'");
        assert_eq!(parse(",").unwrap_err(), "unexpected ','");
        assert_eq!(parse(&"(".repeat(100)).unwrap_err(), "the formula is nested too deeply");
    }
}
