//! Golden tests over fixtures/parse: one snapshot per fixture holding the rendered diagnostics
//! and the syntax tree, with the structural validators run on every file.

use apex_cli::render::{render, RenderConfig};
use apex_syntax::validate::{check_tokens, check_tree};
use apex_syntax::{lexer, parse, FileId, UnitKind};
use std::path::Path;

fn snapshot_of(path: &Path) -> (String, bool) {
    let source = std::fs::read_to_string(path).unwrap();
    let kind = UnitKind::from_path(path).unwrap();
    let lexed = lexer::lex(&source, FileId(0));
    check_tokens(&lexed.tokens, source.len()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let parsed = parse(&source, FileId(0), kind);
    check_tree(&parsed.unit, source.len()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy();
    let mut rendered = Vec::new();
    render(&parsed.diagnostics, &name, &source, RenderConfig::plain(), &mut rendered).unwrap();
    let diagnostics = String::from_utf8(rendered).unwrap();
    let snapshot = format!("--- diagnostics\n{diagnostics}--- tree\n{:#?}\n", parsed.unit);
    (snapshot, parsed.has_errors())
}

#[test]
fn valid_programs_parse_without_diagnostics() {
    insta::glob!("../../../fixtures/parse/valid", "*.{cls,trigger,apex}", |path| {
        let (snapshot, has_errors) = snapshot_of(path);
        assert!(!has_errors, "{} should parse cleanly:\n{snapshot}", path.display());
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn invalid_programs_give_exactly_one_diagnostic() {
    insta::glob!("../../../fixtures/parse/invalid", "*.{cls,trigger,apex}", |path| {
        let (snapshot, has_errors) = snapshot_of(path);
        assert!(has_errors, "{} should be rejected", path.display());
        let count = snapshot.matches("] Error:").count();
        assert_eq!(count, 1, "{} should give one diagnostic:\n{snapshot}", path.display());
        insta::assert_snapshot!(snapshot);
    });
}
