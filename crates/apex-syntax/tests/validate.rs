//! The structural validators catch what they promise to catch.

use apex_syntax::token::Token;
use apex_syntax::validate::{check_tokens, check_tree};
use apex_syntax::{FileId, Span, Spanned};

fn span(start: u32, end: u32) -> Span {
    Span::new(FileId(0), start, end)
}

#[test]
fn a_child_outside_its_parent_is_reported() {
    let inner = Spanned::new("x", span(8, 12));
    let outer = Spanned::new(vec![inner], span(0, 10));
    let error = check_tree(&outer, 20).unwrap_err();
    assert!(error.contains("8..12 is not inside its parent 0..10"), "{error}");
}

#[test]
fn a_node_past_the_end_of_the_source_is_reported() {
    let node = Spanned::new("x", span(0, 30));
    assert!(check_tree(&node, 20).is_err());
    assert!(check_tree(&node, 30).is_ok());
}

#[test]
fn tokens_must_increase_and_stay_in_the_source() {
    let ok = [(Token::Semi, span(0, 1)), (Token::Comma, span(2, 3))];
    assert!(check_tokens(&ok, 3).is_ok());
    let backwards = [(Token::Semi, span(2, 3)), (Token::Comma, span(0, 1))];
    assert!(check_tokens(&backwards, 3).is_err());
    assert!(check_tokens(&ok, 2).is_err());
}
