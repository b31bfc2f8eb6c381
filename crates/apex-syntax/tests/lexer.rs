//! Lexer behaviour the parser relies on.

use apex_syntax::lexer::lex;
use apex_syntax::token::Token;
use apex_syntax::FileId;

fn tokens(source: &str) -> Vec<Token<'_>> {
    lex(source, FileId(0)).tokens.into_iter().map(|(t, _)| t).collect()
}

#[test]
fn keywords_are_case_insensitive_and_types_are_identifiers() {
    assert_eq!(tokens("PUBLIC Class cLaSs"), vec![Token::Public, Token::Class, Token::Class]);
    assert_eq!(tokens("Integer set get"), vec![Token::Ident("Integer"), Token::Ident("set"), Token::Ident("get")]);
}

#[test]
fn there_is_no_shift_token_so_generics_close() {
    assert_eq!(tokens(">>"), vec![Token::Gt, Token::Gt]);
    assert_eq!(tokens(">>>="), vec![Token::UshrAssign]);
    assert_eq!(tokens("a >>= 1"), vec![Token::Ident("a"), Token::ShrAssign, Token::Int("1")]);
}

#[test]
fn numbers_keep_their_spelling_and_suffix() {
    assert_eq!(
        tokens("42 42L 1.50 2.5d .5"),
        vec![Token::Int("42"), Token::Long("42L"), Token::Decimal("1.50"), Token::Double("2.5d"), Token::Decimal(".5")]
    );
}

#[test]
fn comments_are_skipped_but_not_inside_strings() {
    assert_eq!(tokens("'https://x' // note\n/* block */ x"), vec![Token::Str("'https://x'"), Token::Ident("x")]);
}

#[test]
fn soql_dates_are_tokens_only_inside_a_query() {
    let inside = tokens("[SELECT Id FROM A WHERE d = 2024-01-31 AND t > 2024-01-31T10:00:00Z AND c = LAST_N_DAYS:30]");
    assert!(inside.contains(&Token::SoqlDateTime("2024-01-31")));
    assert!(inside.contains(&Token::SoqlDateTime("2024-01-31T10:00:00Z")));
    assert!(inside.contains(&Token::SoqlRelativeDate("LAST_N_DAYS:30")));
    assert_eq!(tokens("2024-01-31")[..2], [Token::Int("2024"), Token::Minus]);
}

#[test]
fn sosl_search_text_is_one_token() {
    let found = tokens("[FIND {Acme \"Corp\" -x} RETURNING Account]");
    assert_eq!(found[2], Token::SoslText("{Acme \"Corp\" -x}"));
}

#[test]
fn bad_input_becomes_diagnostics_with_codes() {
    let lexed =
        lex("String s = 'abc\nInteger i = 2147483648; Long l = 9223372036854775808L; s = '\\q'; # /* open", FileId(0));
    let codes: Vec<&str> = lexed.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["L002", "L005", "L005", "L004", "L001", "L003"]);
}
