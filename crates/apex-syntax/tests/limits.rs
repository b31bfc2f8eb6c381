//! Hostile inputs end in diagnostics: no panic, no stack overflow, no hang.

use apex_syntax::validate::{check_tokens, check_tree};
use apex_syntax::{lexer, parse, FileId, UnitKind};

fn parse_all_kinds(source: &str) -> usize {
    let mut errors = 0;
    for kind in [UnitKind::Class, UnitKind::Trigger, UnitKind::Anonymous] {
        let parsed = parse(source, FileId(0), kind);
        check_tree(&parsed.unit, source.len()).unwrap();
        assert!(parsed.diagnostics.iter().all(|d| d.span.start <= d.span.end && d.span.end as usize <= source.len()));
        errors += parsed.diagnostics.len();
    }
    errors
}

/// A small deterministic generator, so the test needs no crate and fails the same way twice.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn ten_thousand_nested_parentheses_give_a_nesting_diagnostic() {
    let source = format!("Integer x = {}1{};", "(".repeat(10_000), ")".repeat(10_000));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert_eq!(parsed.diagnostics.len(), 1);
    assert_eq!(parsed.diagnostics[0].code, "P006");
    assert!(parsed.diagnostics[0].message.contains("nested more than 256 deep"));
}

#[test]
fn nesting_at_the_limit_still_parses() {
    let depth = apex_syntax::MAX_NESTING - 2;
    let source = format!("Integer x = {}1{};", "(".repeat(depth), ")".repeat(depth));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    check_tree(&parsed.unit, source.len()).unwrap();
}

#[test]
fn a_megabyte_of_random_bytes_gives_diagnostics() {
    let bytes = random_bytes(1 << 20, 0x9E37_79B9_7F4A_7C15);
    let source = String::from_utf8_lossy(&bytes);
    let lexed = lexer::lex(&source, FileId(0));
    check_tokens(&lexed.tokens, source.len()).unwrap();
    assert!(parse_all_kinds(&source) > 0);
}

#[test]
fn random_apex_shaped_tokens_give_diagnostics() {
    let words = [
        "class", "{", "}", "(", ")", "[", "]", "select", "from", ":", "x", "=", "'s'", "1", ";", "if", "@a", "<", ">",
        "new", ".", ",", "?.",
    ];
    let bytes = random_bytes(200_000, 42);
    let source: Vec<&str> = bytes.iter().map(|b| words[*b as usize % words.len()]).collect();
    let source = source.join(" ");
    assert!(parse_all_kinds(&source) > 0);
}

#[test]
fn a_megabyte_long_operator_chain_is_refused_before_parsing() {
    let source = format!("Integer x = 1{};", "+1".repeat(500_000));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert_eq!(parsed.diagnostics.len(), 1);
    assert!(parsed.diagnostics[0].message.contains("more than 4096 operators"));
}

#[test]
fn a_long_chain_under_the_limit_parses() {
    let source = format!("Integer x = 1{};", "+1".repeat(4000));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
}

#[test]
fn many_prefix_operators_are_refused() {
    let source = format!("Boolean b = {}true;", "!".repeat(100_000));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert_eq!(parsed.diagnostics[0].code, "P006");
}

#[test]
fn type_arguments_nested_without_end_are_refused() {
    let source = format!("{}String{} x;", "List<".repeat(2000), ">".repeat(2000));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert_eq!(parsed.diagnostics.len(), 1);
    assert!(parsed.diagnostics[0].message.contains("type arguments are nested more than 256 deep"));
}

#[test]
fn many_comparisons_in_one_condition_are_not_mistaken_for_type_arguments() {
    let source = format!("Boolean b = {};", vec!["a < b"; 400].join(" && "));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
}

#[test]
fn nested_collection_initializers_parse_in_linear_time() {
    // Each level used to be parsed twice (map entries, then items): depth 30 never finished.
    let depth = 30;
    let source = format!("Object x = {}1{};", "new List<Object>{".repeat(depth), "}".repeat(depth));
    let parsed = parse(&source, FileId(0), UnitKind::Anonymous);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let mixed = parse("Object x = new Map<String, Integer>{'a' => 1, 2};", FileId(0), UnitKind::Anonymous);
    assert_eq!(mixed.diagnostics[0].code, "P007");
}

#[test]
fn a_megabyte_of_braces_on_one_line_is_fast() {
    // Indentation used to be found by scanning back to the line start for every `}`.
    let source = format!("public class A {{ void f() {{ {} }} }}", "{}".repeat(500_000));
    let parsed = parse(&source, FileId(0), UnitKind::Class);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
}
