//! A small element tree read with quick-xml for metadata files (objects, fields, credentials,
//! Connected Apps), each element knowing where it starts so a fault can point at it.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

/// A problem at a byte offset of a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub offset: usize,
    pub message: String,
}

impl Fault {
    pub fn new(offset: usize, message: impl Into<String>) -> Fault {
        Fault { offset, message: message.into() }
    }

    /// A fault in the XML itself, as opposed to what the XML says.
    fn malformed(offset: usize, message: impl std::fmt::Display) -> Fault {
        Fault::new(offset, format!("malformed XML: {message}"))
    }
}

/// One element: its local name (without a namespace prefix), where its start tag begins, its
/// own text and its child elements.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub offset: usize,
    pub children: Vec<Element>,
    text: String,
}

impl Element {
    /// The element starting with `start` at `offset`, with no text or children yet.
    fn open(start: &BytesStart<'_>, offset: usize) -> Element {
        let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        Element { name, offset, ..Element::default() }
    }

    /// An element with no text or children, standing in for a file that is not there.
    pub fn empty(name: &str) -> Element {
        Element { name: name.into(), ..Element::default() }
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The element's own text, without surrounding whitespace.
    pub fn text(&self) -> &str {
        self.text.trim()
    }

    /// The text of the first child named `name`, when that child is present and not empty.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(Element::text).filter(|text| !text.is_empty())
    }

    /// Whether the first child named `name` reads `true`.
    pub fn flag(&self, name: &str) -> bool {
        self.child_text(name).is_some_and(|text| text.eq_ignore_ascii_case("true"))
    }
}

/// Reads `text` into its root element, or the first fault in it.
pub fn parse(text: &str) -> Result<Element, Fault> {
    let mut reader = Reader::from_str(text);
    let mut tree = Builder::default();
    loop {
        // Whitespace comes as text events of its own, so an element starts where the
        // previous event ended.
        let offset = to_offset(reader.buffer_position());
        let event = reader.read_event().map_err(|e| Fault::malformed(to_offset(reader.error_position()), e))?;
        match event {
            Event::Start(start) => tree.open.push(Element::open(&start, offset)),
            Event::Empty(start) => tree.close(Element::open(&start, offset))?,
            Event::End(_) => tree.end(offset)?,
            Event::Text(t) => tree.text(&t.xml10_content().map_err(|e| Fault::malformed(offset, e))?, offset)?,
            Event::CData(c) => tree.text(&c.decode().map_err(|e| Fault::malformed(offset, e))?, offset)?,
            Event::GeneralRef(r) => tree.text(&entity(&r, offset)?, offset)?,
            Event::Eof => return tree.finish(text.len()),
            _ => {}
        }
    }
}

/// The elements still open and the root once it has closed.
#[derive(Default)]
struct Builder {
    open: Vec<Element>,
    root: Option<Element>,
}

impl Builder {
    /// Files a finished element under its parent, or as the root.
    fn close(&mut self, element: Element) -> Result<(), Fault> {
        if let Some(parent) = self.open.last_mut() {
            parent.children.push(element);
            return Ok(());
        }
        if self.root.is_some() {
            return Err(Fault::malformed(element.offset, format!("a second root element <{}>", element.name)));
        }
        self.root = Some(element);
        Ok(())
    }

    /// Closes the innermost open element; quick-xml has already checked the end tag's name.
    fn end(&mut self, offset: usize) -> Result<(), Fault> {
        let Some(element) = self.open.pop() else {
            return Err(Fault::malformed(offset, "an end tag with no start tag"));
        };
        self.close(element)
    }

    /// Adds text to the innermost open element; outside the root only whitespace may appear.
    fn text(&mut self, text: &str, offset: usize) -> Result<(), Fault> {
        match self.open.last_mut() {
            Some(element) => element.text.push_str(text),
            None if text.trim().is_empty() => {}
            None => return Err(Fault::malformed(offset, "text outside the root element")),
        }
        Ok(())
    }

    /// The root, once the whole text has been read.
    fn finish(mut self, end: usize) -> Result<Element, Fault> {
        if let Some(unclosed) = self.open.drain(..).next() {
            return Err(Fault::malformed(unclosed.offset, format!("<{}> is never closed", unclosed.name)));
        }
        self.root.ok_or_else(|| Fault::malformed(end, "no root element"))
    }
}

/// The text an entity or character reference (`&amp;`, `&#38;`) stands for.
fn entity(reference: &BytesRef<'_>, offset: usize) -> Result<String, Fault> {
    if let Some(c) = reference.resolve_char_ref().map_err(|e| Fault::malformed(offset, e))? {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(|e| Fault::malformed(offset, e))?;
    match resolve_predefined_entity(&name) {
        Some(text) => Ok(text.to_string()),
        None => Err(Fault::malformed(offset, format!("unknown entity &{name};"))),
    }
}

/// A reader position as an offset into the text; a text that fits in memory fits in `usize`.
fn to_offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The 1-based line and column (in characters) of `offset` in `text`; an offset past the end
/// counts as the end.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
    // Count characters by their first bytes, so an offset inside a character still works.
    let column = before[line_start..].iter().filter(|&&b| (b as i8) >= -0x40).count() + 1;
    (saturate(line), saturate(column))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_tree_with_offsets_and_resolved_text() {
        let text = concat!(
            "<?xml version=\"1.0\"?>\n<CustomField xmlns=\"x\">\n  <fullName> A__c </fullName>\n",
            "  <description>a &amp; b &#x41;<![CDATA[<c>]]></description>\n  <empty/>\n</CustomField>\n",
        );
        let root = parse(text).unwrap();
        assert_eq!((root.name.as_str(), root.offset), ("CustomField", 22));
        assert_eq!(root.child_text("fullName"), Some("A__c"));
        assert_eq!(root.child_text("description"), Some("a & b A<c>"));
        assert_eq!(root.child_text("empty"), None);
        assert!(root.child("empty").is_some());
        let full_name = root.child("fullName").unwrap();
        assert_eq!(line_column(text, full_name.offset), (3, 3));
    }

    #[test]
    fn flags_read_true_in_any_case() {
        let root = parse("<a><x>TRUE</x><y>false</y></a>").unwrap();
        assert!(root.flag("x"));
        assert!(!root.flag("y"));
        assert!(!root.flag("z"));
    }

    #[test]
    fn faults_name_the_problem_and_its_place() {
        let fault = |text: &str| parse(text).unwrap_err();
        let mismatched = fault("<a>\n  <b></c>\n</a>");
        assert!(mismatched.message.starts_with("malformed XML: "), "{}", mismatched.message);
        assert_eq!(line_column("<a>\n  <b></c>\n</a>", mismatched.offset), (2, 6));
        assert_eq!(fault("<a>\n <b>"), Fault::new(0, "malformed XML: <a> is never closed"));
        assert_eq!(fault("<a/><b/>"), Fault::new(4, "malformed XML: a second root element <b>"));
        assert_eq!(fault("x<a/>"), Fault::new(0, "malformed XML: text outside the root element"));
        assert_eq!(fault("  "), Fault::new(2, "malformed XML: no root element"));
        assert_eq!(fault("<a>&nbsp;</a>").message, "malformed XML: unknown entity &nbsp;");
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("é<a>", 2), (1, 2));
        assert_eq!(line_column("a\nb", 99), (2, 2));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
