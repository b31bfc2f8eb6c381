//! Parses arbitrary bytes (lossily decoded as UTF-8) as every kind of unit and checks the
//! structural invariants: no panic, tree spans nested and in range, diagnostic spans in range,
//! token spans increasing and in range.
#![no_main]

use apex_syntax::validate::{check_tokens, check_tree};
use apex_syntax::{lexer, parse, FileId, Span, UnitKind};
use libfuzzer_sys::fuzz_target;

fn check_span(what: &str, span: Span, len: usize, kind: UnitKind) {
    assert!(span.start <= span.end, "{kind:?}: {what} span {span:?} has start > end");
    assert!(span.end as usize <= len, "{kind:?}: {what} span {span:?} ends past the source (len {len})");
}

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let source: &str = &source;
    let len = source.len();

    let lexed = lexer::lex(source, FileId(0));
    if let Err(e) = check_tokens(&lexed.tokens, len) {
        panic!("check_tokens failed: {e}");
    }
    for d in &lexed.diagnostics {
        check_span("lexer diagnostic", d.span, len, UnitKind::Anonymous);
    }

    for kind in [UnitKind::Class, UnitKind::Trigger, UnitKind::Anonymous] {
        let parsed = parse(source, FileId(0), kind);
        if let Err(e) = check_tree(&parsed.unit, len) {
            panic!("{kind:?}: check_tree failed: {e}");
        }
        for d in &parsed.diagnostics {
            check_span("diagnostic", d.span, len, kind);
            for label in &d.labels {
                check_span("diagnostic label", label.span, len, kind);
            }
        }
    }
});
