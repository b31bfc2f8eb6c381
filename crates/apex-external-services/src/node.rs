//! A schema document (JSON or YAML: JSON is read as the YAML it also is) as a tree whose every
//! node knows its line and column, so a problem can point at the construct at fault.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Where a node is in the schema text (1-based line and column): a scalar where it starts, a
/// mapping or list where its key is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One node of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: NodeValue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// A scalar's text; `quoted` when it was written in quotes (so `"200"` is a string).
    Scalar {
        text: String,
        quoted: bool,
    },
    List(Vec<Node>),
    /// A mapping's entries in document order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A scalar's text.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The text of the scalar entry `key`.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::text)
    }

    /// A mapping's entries; empty for anything else.
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            NodeValue::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A list's items; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            NodeValue::List(items) => items,
            _ => &[],
        }
    }

    /// Whether the scalar entry `key` reads `true`.
    pub fn flag(&self, key: &str) -> bool {
        self.str_at(key) == Some("true")
    }
}

/// A document that could not be read, with where the reader stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Reads a JSON or YAML document. Anchors and aliases are refused: OpenAPI does not use them
/// and they would let a small file expand without bound.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        return Err(SyntaxError { pos: pos_of(e.marker()), message: e.info().to_string() });
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    builder.root.ok_or_else(|| SyntaxError { pos: Pos { line: 1, column: 1 }, message: "the schema is empty".into() })
}

fn pos_of(mark: &Marker) -> Pos {
    Pos { line: mark.line() as u32, column: mark.col() as u32 + 1 }
}

/// An open collection: a list, or a map with the key (and where it is) waiting for its value.
enum Open {
    List(Pos, Vec<Node>),
    Map(Pos, Vec<(String, Node)>, Option<(String, Pos)>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    error: Option<SyntaxError>,
}

impl Builder {
    /// Puts a finished node into the collection that holds it, or makes it the root.
    fn place(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                // A collection is placed at its key, where a reader looks for it (the parser
                // marks a block mapping where its first value starts).
                Some((key, at)) => {
                    let pos = if matches!(node.value, NodeValue::Scalar { .. }) { node.pos } else { at };
                    entries.push((key, Node { pos, ..node }))
                }
                None => match node.value {
                    NodeValue::Scalar { text, .. } => *key = Some((text, node.pos)),
                    _ => self.fail(node.pos, "a mapping key must be a scalar"),
                },
            },
            None => self.root = Some(node),
        }
    }

    fn fail(&mut self, pos: Pos, message: &str) {
        if self.error.is_none() {
            self.error = Some(SyntaxError { pos, message: message.into() });
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let pos = pos_of(&mark);
        match event {
            Event::Scalar(text, style, anchor, _) => {
                if anchor != 0 {
                    self.fail(pos, "YAML anchors are not supported in a schema");
                }
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.place(Node { pos, value: NodeValue::Scalar { text, quoted } });
            }
            Event::SequenceStart(..) => self.stack.push(Open::List(pos, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(pos, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::List(pos, items)) => Node { pos, value: NodeValue::List(items) },
                    Some(Open::Map(pos, entries, _)) => Node { pos, value: NodeValue::Map(entries) },
                    None => return,
                };
                self.place(node);
            }
            Event::Alias(_) => self.fail(pos, "YAML aliases are not supported in a schema"),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_yaml_read_into_the_same_tree_with_positions() {
        let yaml = parse("openapi: 3.0.3\npaths:\n  /a:\n    get:\n      operationId: getA\n").unwrap();
        let json =
            parse("{\"openapi\": \"3.0.3\",\n \"paths\": {\"/a\": {\"get\": {\"operationId\": \"getA\"}}}}").unwrap();
        let op = |n: &Node| n.get("paths").and_then(|p| p.get("/a")).and_then(|a| a.get("get")).cloned();
        assert_eq!(op(&yaml).and_then(|o| o.str_at("operationId").map(str::to_string)), Some("getA".into()));
        assert_eq!(op(&json).and_then(|o| o.str_at("operationId").map(str::to_string)), Some("getA".into()));
        assert_eq!(op(&yaml).map(|o| o.pos), Some(Pos { line: 4, column: 5 }));
        assert_eq!(yaml.str_at("openapi"), Some("3.0.3"));
    }

    #[test]
    fn a_broken_document_says_where() {
        let error = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(error.pos.line >= 1, "{error:?}");
        assert!(parse("a: &x 1\nb: *x\n").is_err());
    }
}
