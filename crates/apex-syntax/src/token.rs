//! The Apex token set, recognised by a logos lexer. Keywords are case-insensitive; words that are
//! keywords only in some contexts (`get`, `set`, `with`, `sharing`, `on`, `when`, SOQL words, ...)
//! stay identifiers and the parser matches them by text.

use logos::Logos;
use std::fmt;

/// Why the lexer could not make a token of some input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LexError {
    #[default]
    UnknownCharacter,
    UnterminatedString,
    UnterminatedComment,
    /// `"text"` or `` `text` ``: Apex strings use single quotes only.
    DoubleQuoted,
}

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\r\n\x0C]+")]
#[logos(skip(r"//[^\r\n]*", allow_greedy = true))]
pub enum Token<'src> {
    #[token("/*", block_comment)]
    BlockComment,

    #[regex(r"[A-Za-z_$][A-Za-z0-9_$]*", |lex| lex.slice(), priority = 1)]
    Ident(&'src str),
    #[regex(r"[0-9]+", |lex| lex.slice())]
    Int(&'src str),
    #[regex(r"[0-9]+[lL]", |lex| lex.slice())]
    Long(&'src str),
    #[regex(r"[0-9]*\.[0-9]+", |lex| lex.slice())]
    Decimal(&'src str),
    #[regex(r"[0-9]*\.[0-9]+[dD]", |lex| lex.slice())]
    Double(&'src str),
    /// A whole single-quoted literal, quotes included; escapes are checked by the parser.
    #[regex(r"'([^'\\\r\n]|\\[^\r\n])*'", |lex| lex.slice())]
    #[regex(r"'([^'\\\r\n]|\\[^\r\n])*\\?", unterminated_string)]
    #[regex(r#""[^"\r\n]*""#, double_quoted)]
    #[regex(r#"`[^`\r\n]*`"#, double_quoted)]
    Str(&'src str),
    /// The braced search text of a SOSL `FIND {…}` clause, braces included.
    SoslText(&'src str),
    /// A SOQL date or datetime literal such as `2024-01-31T10:00:00Z`, only inside a query.
    SoqlDateTime(&'src str),
    /// A SOQL relative date literal with a count, such as `LAST_N_DAYS:30`, only inside a query.
    SoqlRelativeDate(&'src str),

    #[token("abstract", ignore(case))]
    Abstract,
    #[token("break", ignore(case))]
    Break,
    #[token("catch", ignore(case))]
    Catch,
    #[token("class", ignore(case))]
    Class,
    #[token("continue", ignore(case))]
    Continue,
    #[token("delete", ignore(case))]
    Delete,
    #[token("do", ignore(case))]
    Do,
    #[token("else", ignore(case))]
    Else,
    #[token("enum", ignore(case))]
    Enum,
    #[token("extends", ignore(case))]
    Extends,
    #[token("false", ignore(case))]
    False,
    #[token("final", ignore(case))]
    Final,
    #[token("finally", ignore(case))]
    Finally,
    #[token("for", ignore(case))]
    For,
    #[token("global", ignore(case))]
    Global,
    #[token("if", ignore(case))]
    If,
    #[token("implements", ignore(case))]
    Implements,
    #[token("insert", ignore(case))]
    Insert,
    #[token("instanceof", ignore(case))]
    Instanceof,
    #[token("interface", ignore(case))]
    Interface,
    #[token("merge", ignore(case))]
    Merge,
    #[token("new", ignore(case))]
    New,
    #[token("null", ignore(case))]
    Null,
    #[token("override", ignore(case))]
    Override,
    #[token("private", ignore(case))]
    Private,
    #[token("protected", ignore(case))]
    Protected,
    #[token("public", ignore(case))]
    Public,
    #[token("return", ignore(case))]
    Return,
    #[token("static", ignore(case))]
    Static,
    #[token("super", ignore(case))]
    Super,
    #[token("switch", ignore(case))]
    Switch,
    #[token("testmethod", ignore(case))]
    TestMethod,
    #[token("this", ignore(case))]
    This,
    #[token("throw", ignore(case))]
    Throw,
    #[token("transient", ignore(case))]
    Transient,
    #[token("true", ignore(case))]
    True,
    #[token("try", ignore(case))]
    Try,
    #[token("undelete", ignore(case))]
    Undelete,
    #[token("update", ignore(case))]
    Update,
    #[token("upsert", ignore(case))]
    Upsert,
    #[token("virtual", ignore(case))]
    Virtual,
    #[token("void", ignore(case))]
    Void,
    #[token("webservice", ignore(case))]
    WebService,
    #[token("while", ignore(case))]
    While,

    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token(".")]
    Dot,
    #[token("?.")]
    SafeDot,
    #[token("@")]
    At,
    #[token("=")]
    Assign,
    #[token(">")]
    Gt,
    #[token("<")]
    Lt,
    #[token("!")]
    Bang,
    #[token("~")]
    Tilde,
    #[token("?")]
    Question,
    #[token("??")]
    QuestionQuestion,
    #[token(":")]
    Colon,
    #[token("==")]
    EqEq,
    #[token("===")]
    EqEqEq,
    #[token("!=")]
    NotEq,
    #[token("!==")]
    NotEqEq,
    #[token("<>")]
    LtGt,
    #[token("<=")]
    LtEq,
    #[token(">=")]
    GtEq,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("=>")]
    FatArrow,
    #[token("+=")]
    PlusAssign,
    #[token("-=")]
    MinusAssign,
    #[token("*=")]
    StarAssign,
    #[token("/=")]
    SlashAssign,
    #[token("&=")]
    AmpAssign,
    #[token("|=")]
    PipeAssign,
    #[token("^=")]
    CaretAssign,
    #[token("<<=")]
    ShlAssign,
    #[token(">>=")]
    ShrAssign,
    #[token(">>>=")]
    UshrAssign,

    /// Input the lexer could not read; its diagnostic is reported separately.
    Error,
}

/// Skips a block comment, or reports it unterminated when `*/` never comes.
fn block_comment<'src>(lex: &mut logos::Lexer<'src, Token<'src>>) -> logos::FilterResult<(), LexError> {
    match lex.remainder().find("*/") {
        Some(end) => {
            lex.bump(end + 2);
            logos::FilterResult::Skip
        }
        None => {
            lex.bump(lex.remainder().len());
            logos::FilterResult::Error(LexError::UnterminatedComment)
        }
    }
}

fn double_quoted<'src>(_: &mut logos::Lexer<'src, Token<'src>>) -> Result<&'src str, LexError> {
    Err(LexError::DoubleQuoted)
}

fn unterminated_string<'src>(_: &mut logos::Lexer<'src, Token<'src>>) -> Result<&'src str, LexError> {
    Err(LexError::UnterminatedString)
}

impl<'src> Token<'src> {
    /// The text of a word token: an identifier as written, a keyword in lower case.
    pub fn word(&self) -> Option<&'src str> {
        match self {
            Token::Ident(text) => Some(text),
            other => other.keyword_text(),
        }
    }

    /// The lower-case spelling of a keyword token.
    pub fn keyword_text(&self) -> Option<&'static str> {
        use Token::*;
        Some(match self {
            Abstract => "abstract",
            Break => "break",
            Catch => "catch",
            Class => "class",
            Continue => "continue",
            Delete => "delete",
            Do => "do",
            Else => "else",
            Enum => "enum",
            Extends => "extends",
            False => "false",
            Final => "final",
            Finally => "finally",
            For => "for",
            Global => "global",
            If => "if",
            Implements => "implements",
            Insert => "insert",
            Instanceof => "instanceof",
            Interface => "interface",
            Merge => "merge",
            New => "new",
            Null => "null",
            Override => "override",
            Private => "private",
            Protected => "protected",
            Public => "public",
            Return => "return",
            Static => "static",
            Super => "super",
            Switch => "switch",
            TestMethod => "testmethod",
            This => "this",
            Throw => "throw",
            Transient => "transient",
            True => "true",
            Try => "try",
            Undelete => "undelete",
            Update => "update",
            Upsert => "upsert",
            Virtual => "virtual",
            Void => "void",
            WebService => "webservice",
            While => "while",
            _ => return None,
        })
    }

    /// The fixed spelling of a punctuation token.
    pub fn punct_text(&self) -> Option<&'static str> {
        use Token::*;
        Some(match self {
            LParen => "(",
            RParen => ")",
            LBrace => "{",
            RBrace => "}",
            LBracket => "[",
            RBracket => "]",
            Semi => ";",
            Comma => ",",
            Dot => ".",
            SafeDot => "?.",
            At => "@",
            Assign => "=",
            Gt => ">",
            Lt => "<",
            Bang => "!",
            Tilde => "~",
            Question => "?",
            QuestionQuestion => "??",
            Colon => ":",
            EqEq => "==",
            EqEqEq => "===",
            NotEq => "!=",
            NotEqEq => "!==",
            LtGt => "<>",
            LtEq => "<=",
            GtEq => ">=",
            AndAnd => "&&",
            OrOr => "||",
            PlusPlus => "++",
            MinusMinus => "--",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            Amp => "&",
            Pipe => "|",
            Caret => "^",
            FatArrow => "=>",
            PlusAssign => "+=",
            MinusAssign => "-=",
            StarAssign => "*=",
            SlashAssign => "/=",
            AmpAssign => "&=",
            PipeAssign => "|=",
            CaretAssign => "^=",
            ShlAssign => "<<=",
            ShrAssign => ">>=",
            UshrAssign => ">>>=",
            _ => return None,
        })
    }
}

/// How a token is named in a message: "`;`", "keyword `class`", "identifier `foo`".
impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.punct_text() {
            return write!(f, "`{text}`");
        }
        if let Some(text) = self.keyword_text() {
            return write!(f, "keyword `{text}`");
        }
        match self {
            Token::Ident(text) => write!(f, "identifier `{text}`"),
            Token::Int(text) | Token::Long(text) | Token::Decimal(text) | Token::Double(text) => {
                write!(f, "number `{text}`")
            }
            Token::Str(text) => write!(f, "string {}", shorten(text)),
            Token::SoslText(text) => write!(f, "search text {}", shorten(text)),
            Token::SoqlDateTime(text) | Token::SoqlRelativeDate(text) => write!(f, "date literal `{text}`"),
            _ => write!(f, "invalid input"),
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 24 {
        return text.to_string();
    }
    let head: String = text.chars().take(20).collect();
    format!("{head}…")
}
