//! Small readers over the metadata element tree that turn a missing or odd value into a fault
//! at the element that holds it.

use apex_data::metadata_xml::{Element, Fault};

/// A fault unless the root element is `<expected>`.
pub(super) fn expect_root(root: &Element, expected: &str) -> Result<(), Fault> {
    if root.name == expected {
        return Ok(());
    }
    Err(Fault::new(root.offset, format!("expected <{expected}>, found <{}>", root.name)))
}

/// The text of `element`'s child `name`; a fault at `element` saying `what` needs it.
pub(super) fn required<'e>(element: &'e Element, name: &str, what: &str) -> Result<&'e str, Fault> {
    element.child_text(name).ok_or_else(|| Fault::new(element.offset, format!("{what} needs <{name}>")))
}

/// The child `name` with its text; a fault at `element` saying `what` needs it.
pub(super) fn required_child<'e>(element: &'e Element, name: &str, what: &str) -> Result<&'e Element, Fault> {
    match element.child(name) {
        Some(child) if !child.text().is_empty() => Ok(child),
        _ => Err(Fault::new(element.offset, format!("{what} needs <{name}>"))),
    }
}

/// The boolean child `name`, or `default` when it is absent or empty.
pub(super) fn flag_or(element: &Element, name: &str, default: bool) -> Result<bool, Fault> {
    let Some(child) = element.child(name).filter(|c| !c.text().is_empty()) else {
        return Ok(default);
    };
    match child.text() {
        t if t.eq_ignore_ascii_case("true") => Ok(true),
        t if t.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(Fault::new(child.offset, format!("<{name}>: expected true or false, not '{other}'"))),
    }
}

/// The value among `options` that the child `name` spells, or `None` when it is absent.
/// Values are matched exactly, as the Metadata API does; one that differs only in case gets a
/// hint.
pub(super) fn choice<T: Copy>(element: &Element, name: &str, options: &[(&str, T)]) -> Result<Option<T>, Fault> {
    let Some(child) = element.child(name).filter(|c| !c.text().is_empty()) else {
        return Ok(None);
    };
    one_of(child, options).map(Some)
}

/// The value among `options` that `element`'s text spells.
pub(super) fn one_of<T: Copy>(element: &Element, options: &[(&str, T)]) -> Result<T, Fault> {
    let text = element.text();
    if let Some((_, value)) = options.iter().find(|(spelling, _)| *spelling == text) {
        return Ok(*value);
    }
    let message = match options.iter().find(|(spelling, _)| spelling.eq_ignore_ascii_case(text)) {
        Some((spelling, _)) => format!("<{}>: unknown value '{text}'; did you mean '{spelling}'?", element.name),
        None => format!("<{}>: unknown value '{text}'; expected one of {}", element.name, spellings(options)),
    };
    Err(Fault::new(element.offset, message))
}

/// The spellings of `options`, comma separated.
pub(super) fn spellings<T>(options: &[(&str, T)]) -> String {
    options.iter().map(|(spelling, _)| *spelling).collect::<Vec<_>>().join(", ")
}

/// The number in the child `name`, if present.
pub(super) fn number(element: &Element, name: &str) -> Result<Option<u32>, Fault> {
    let Some(child) = element.child(name).filter(|c| !c.text().is_empty()) else {
        return Ok(None);
    };
    let text = child.text();
    text.parse().map(Some).map_err(|_| Fault::new(child.offset, format!("<{name}>: '{text}' is not a whole number")))
}

/// The text of the child `name`, owned, when present and not empty.
pub(super) fn text(element: &Element, name: &str) -> Option<String> {
    element.child_text(name).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apex_data::metadata_xml::parse;

    #[test]
    fn choices_match_exactly_and_hint_at_case() {
        let root = parse("<a><p>OAuth</p><q>Zip</q><r>Oauth</r></a>").unwrap();
        let options = [("Oauth", 1), ("Basic", 2)];
        assert_eq!(choice(&root, "r", &options), Ok(Some(1)));
        assert_eq!(choice(&root, "missing", &options), Ok(None));
        assert_eq!(
            choice(&root, "p", &options).unwrap_err().message,
            "<p>: unknown value 'OAuth'; did you mean 'Oauth'?"
        );
        assert_eq!(
            choice(&root, "q", &options).unwrap_err().message,
            "<q>: unknown value 'Zip'; expected one of Oauth, Basic"
        );
    }

    #[test]
    fn flags_numbers_and_required_children() {
        let root = parse("<a><f>TRUE</f><g>yes</g><n>12</n><m>x</m></a>").unwrap();
        assert_eq!(flag_or(&root, "f", false), Ok(true));
        assert_eq!(flag_or(&root, "absent", true), Ok(true));
        assert_eq!(flag_or(&root, "g", true).unwrap_err().message, "<g>: expected true or false, not 'yes'");
        assert_eq!(number(&root, "n"), Ok(Some(12)));
        assert_eq!(number(&root, "m").unwrap_err().message, "<m>: 'x' is not a whole number");
        assert_eq!(required(&root, "label", "a thing").unwrap_err().message, "a thing needs <label>");
    }
}
