//! Builds a registration's [`Service`] from its OpenAPI 2.0 or 3.0 document: the version,
//! the base path, the active operations and the types they use. An operation that uses
//! something the platform does not support is left out and reported, as the platform's
//! "ignore unsupported operations" does; a document it cannot use at all gives no service.

mod operations;
mod schema_types;

use crate::model::Service;
use crate::node::{Node, Pos};
use crate::registration::Registration;

/// The document with what every part needs: its version and its root, to resolve `$ref`s.
pub struct Doc<'d> {
    pub root: &'d Node,
    /// OpenAPI 3.0 (else Swagger 2.0).
    pub v3: bool,
}

impl<'d> Doc<'d> {
    /// The named schema a local `$ref` points at, with its name.
    pub fn schema_ref(&self, target: &'d str) -> Option<(&'d str, &'d Node)> {
        let name = target.strip_prefix("#/components/schemas/").or_else(|| target.strip_prefix("#/definitions/"))?;
        Some((name, self.resolve(target)?))
    }

    /// Any local `$ref` (`#/components/parameters/X`, ...).
    pub fn resolve(&self, target: &str) -> Option<&'d Node> {
        let path = target.strip_prefix("#/")?;
        path.split('/').try_fold(self.root, |node, part| node.get(&part.replace("~1", "/").replace("~0", "~")))
    }

    /// `node`, or what it refers to when it is a `$ref`.
    pub fn follow(&self, node: &'d Node) -> &'d Node {
        node.str_at("$ref").and_then(|target| self.resolve(target)).unwrap_or(node)
    }
}

/// Problems found in the document, each at a node.
#[derive(Default)]
pub struct Problems {
    pub found: Vec<(Pos, String)>,
}

impl Problems {
    pub fn add(&mut self, at: &Node, message: &str) {
        self.found.push((at.pos, message.to_string()));
    }
}

/// The service, or `None` when the document cannot be registered; problems either way.
pub fn build(registration: &Registration, root: &Node, file: &str, problems: &mut Problems) -> Option<Service> {
    let v3 = version(root, problems)?;
    let doc = Doc { root, v3 };
    let Some(named_credential) = registration.named_credential.clone() else {
        problems.add(root, "the registration names no Named Credential (<namedCredentialReference>)");
        return None;
    };
    let mut typer = schema_types::Typer::new(&doc, &registration.name, registration.system_version);
    let operations = operations::active(&doc, registration, &mut typer, problems);
    Some(Service {
        name: registration.name.clone(),
        named_credential,
        base_path: base_path(&doc),
        operations,
        types: typer.types,
        file: file.to_string(),
        system_version: registration.system_version,
    })
}

/// Whether the document is OpenAPI 3.0 (true) or Swagger 2.0 (false); anything else is refused.
fn version(root: &Node, problems: &mut Problems) -> Option<bool> {
    if let Some(version) = root.str_at("openapi") {
        if version.starts_with("3.0") {
            return Some(true);
        }
        let message = format!("OpenAPI {version} is not supported: External Services read OpenAPI 2.0 and 3.0.x");
        problems.add(root.get("openapi").unwrap_or(root), &message);
        return None;
    }
    if root.str_at("swagger") == Some("2.0") {
        return Some(false);
    }
    problems.add(root, "not an OpenAPI document: it needs `openapi: 3.0.x` or `swagger: \"2.0\"`");
    None
}

/// `basePath` (2.0), or the path of the first server URL with its variables' defaults (3.0).
fn base_path(doc: &Doc) -> String {
    let path = if doc.v3 {
        let server = doc.root.get("servers").and_then(|s| s.items().first());
        let url = server.and_then(|s| s.str_at("url")).unwrap_or("");
        let mut url = url.to_string();
        for (name, variable) in server.and_then(|s| s.get("variables")).map(Node::entries).unwrap_or_default() {
            url = url.replace(&format!("{{{name}}}"), variable.str_at("default").unwrap_or(""));
        }
        match url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or(String::new(), |at| rest[at..].to_string()),
            None => url,
        }
    } else {
        doc.root.str_at("basePath").unwrap_or("").to_string()
    };
    path.trim_end_matches('/').to_string()
}
