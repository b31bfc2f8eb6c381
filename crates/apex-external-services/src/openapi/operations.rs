//! The operations of a document (external-services.md §2.2–§2.3, §4.1): each path and method
//! that the registration marks active, with its parameters as `_Request` fields, its body,
//! and its declared responses. An operation that uses an unsupported construct is left out.

use super::schema_types::Typer;
use super::{Doc, Problems};
use crate::model::{Field, Location, Operation, Param, Response, TypeRef};
use crate::names::apex_name;
use crate::node::Node;
use crate::registration::Registration;

const METHODS: &[&str] = &["get", "put", "post", "patch", "delete"];
const UNSUPPORTED_METHODS: &[&str] = &["head", "options", "trace"];

pub fn active(doc: &Doc, registration: &Registration, typer: &mut Typer, problems: &mut Problems) -> Vec<Operation> {
    let mut found = Vec::new();
    let Some(paths) = doc.root.get("paths") else {
        problems.add(doc.root, "the document has no `paths`");
        return found;
    };
    for (path, item) in paths.entries() {
        for (method, operation) in item.entries() {
            let method = method.to_ascii_lowercase();
            if UNSUPPORTED_METHODS.contains(&method.as_str()) {
                let message = format!(
                    "{} {path}: the {} method is not supported; the operation is left out",
                    method.to_ascii_uppercase(),
                    method.to_ascii_uppercase()
                );
                problems.add(operation, &message);
                continue;
            }
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let name = operation_name(operation, &method, path);
            if !is_active(registration, &name) {
                continue;
            }
            let mut own = Problems::default();
            if let Some(built) = build(doc, typer, item, operation, &method, path, &name, &mut own) {
                if own.found.is_empty() {
                    found.push(built);
                }
            }
            for (pos, message) in own.found {
                problems.found.push((pos, format!("{name}: {message}; the operation is left out")));
            }
        }
    }
    found
}

/// `operationId`, or the method and the literal path segments (`GET /accounts/{id}/orders`
/// gives `getAccountsOrders`; unconfirmed beyond `GET /latest` giving `getLatest`).
fn operation_name(operation: &Node, method: &str, path: &str) -> String {
    if let Some(id) = operation.str_at("operationId") {
        return id.to_string();
    }
    let mut name = method.to_string();
    for segment in path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{')) {
        let mut chars = segment.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

fn is_active(registration: &Registration, name: &str) -> bool {
    match &registration.operations {
        None => true,
        Some(listed) => listed.iter().any(|(n, active)| *active && n.eq_ignore_ascii_case(name)),
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    doc: &Doc,
    typer: &mut Typer,
    item: &Node,
    operation: &Node,
    method: &str,
    path: &str,
    name: &str,
    problems: &mut Problems,
) -> Option<Operation> {
    let apex = apex_name(name);
    let context = format!("{}_{apex}", typer.service);
    let mut params = Vec::new();
    let declared = item.get("parameters").map(Node::items).unwrap_or_default().iter();
    for param in declared.chain(operation.get("parameters").map(Node::items).unwrap_or_default()) {
        params.push(parameter(doc, typer, doc.follow(param), &context, problems)?);
    }
    let mut body_media_type = None;
    if let Some(body) = operation.get("requestBody").map(|b| doc.follow(b)) {
        if method == "get" {
            problems.add(body, "a GET operation cannot have a request body");
            return None;
        }
        let (media, param) = request_body(typer, body, &context, problems)?;
        body_media_type = Some(media);
        params.extend(param);
    } else if let Some(param) = params.iter().find(|p| p.location == Location::Body) {
        body_media_type =
            Some(if param.field.ty == TypeRef::Blob { "application/octet-stream" } else { "application/json" }.into());
    } else if params.iter().any(|p| p.location == Location::Form) {
        body_media_type = Some("application/x-www-form-urlencoded".into());
    }
    let responses = responses(doc, typer, operation, &context, problems)?;
    Some(Operation {
        apex_name: apex,
        method: method.to_ascii_uppercase(),
        path: path.to_string(),
        params,
        body_media_type,
        responses,
    })
}

/// A path, query, header, body (2.0) or form parameter as a `_Request` field.
fn parameter(doc: &Doc, typer: &mut Typer, param: &Node, context: &str, problems: &mut Problems) -> Option<Param> {
    let Some(wire_name) = param.str_at("name") else {
        problems.add(param, "every parameter needs a `name`");
        return None;
    };
    let location = match param.str_at("in") {
        Some("path") => Location::Path,
        Some("query") => Location::Query,
        Some("header") => Location::Header,
        Some("body") if !doc.v3 => Location::Body,
        Some("formData") if !doc.v3 => Location::Form,
        Some(other) => {
            problems.add(param, &format!("`{other}` parameters are not supported"));
            return None;
        }
        None => {
            problems.add(param, "a parameter needs `in`");
            return None;
        }
    };
    let schema = match (doc.v3, location) {
        (true, _) | (false, Location::Body) => param.get("schema").map(|s| s as &Node),
        _ => Some(param),
    };
    let ty = match schema {
        Some(schema) => typer.type_of(schema, &format!("{context}_IN"), problems).ok()?,
        None => TypeRef::String,
    };
    let required = param.flag("required") || location == Location::Path;
    Some(Param {
        field: Field { apex_name: apex_name(wire_name), wire_name: wire_name.to_string(), ty },
        location,
        required,
    })
}

/// An OpenAPI 3 `requestBody`: the `body` field, or one field per form property.
fn request_body(
    typer: &mut Typer,
    body: &Node,
    context: &str,
    problems: &mut Problems,
) -> Option<(String, Vec<Param>)> {
    let Some((media, content)) = body.get("content").and_then(|c| c.entries().first()) else {
        problems.add(body, "a request body needs `content`");
        return None;
    };
    if media.starts_with("multipart/") {
        problems.add(content, &format!("`{media}` request bodies are not supported"));
        return None;
    }
    let required = body.flag("required");
    let schema = content.get("schema");
    if media == "application/x-www-form-urlencoded" {
        let properties = schema.and_then(|s| s.get("properties")).map(Node::entries).unwrap_or_default();
        let mut params = Vec::new();
        for (wire_name, property) in properties {
            let ty = typer.type_of(property, &format!("{context}_IN_{}", apex_name(wire_name)), problems).ok()?;
            let field = Field { apex_name: apex_name(wire_name), wire_name: wire_name.clone(), ty };
            params.push(Param { field, location: Location::Form, required: false });
        }
        return Some((media.clone(), params));
    }
    let ty = match schema {
        Some(schema) => typer.type_of(schema, &format!("{context}_IN"), problems).ok()?,
        None if media.starts_with("text/") => TypeRef::String,
        None => TypeRef::Blob,
    };
    let field = Field { apex_name: "body".into(), wire_name: "body".into(), ty };
    Some((media.clone(), vec![Param { field, location: Location::Body, required }]))
}

/// The declared responses, each status with its body's type.
fn responses(
    doc: &Doc,
    typer: &mut Typer,
    operation: &Node,
    context: &str,
    problems: &mut Problems,
) -> Option<Vec<Response>> {
    let mut found = Vec::new();
    for (key, response) in operation.get("responses").map(Node::entries).unwrap_or_default() {
        let response = doc.follow(response);
        let status = match key.as_str() {
            "default" => None,
            code => match code.parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => Some(code),
                _ => {
                    problems.add(response, &format!("response `{key}` is not a status code"));
                    return None;
                }
            },
        };
        let schema = if doc.v3 {
            response.get("content").and_then(|c| c.entries().first()).and_then(|(_, media)| media.get("schema"))
        } else {
            response.get("schema")
        };
        let name = match status {
            Some(code) if code < 300 => format!("{context}_OUT_{code}"),
            Some(code) => format!("{context}_EXC_{code}"),
            None => format!("{context}_OUT_default"),
        };
        let ty = match schema {
            Some(schema) => Some(typer.type_of(schema, &name, problems).ok()?),
            None => None,
        };
        found.push(Response { status, ty });
    }
    Some(found)
}
