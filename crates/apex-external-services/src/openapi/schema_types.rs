//! Schema objects to Apex types (external-services.md §2.5–§2.6): primitives by type and
//! format, lists, maps for `additionalProperties`, and a generated class for each named schema
//! and each anonymous object, named after where it appears.

use super::{Doc, Problems};
use crate::model::{Field, ObjectType, TypeRef};
use crate::names::apex_name;
use crate::node::Node;

/// Turns schemas into types, collecting the generated classes.
pub struct Typer<'d> {
    pub doc: &'d Doc<'d>,
    /// The registration's name, the prefix of every generated type.
    pub service: String,
    pub types: Vec<ObjectType>,
    /// Named schemas being built, so a schema that refers to itself ends.
    building: Vec<String>,
    /// From systemVersion 7 a property name may start with a digit.
    digit_names: bool,
}

/// The first generator revision that takes property names starting with a digit.
const DIGIT_NAMES_SINCE: u32 = 7;

impl<'d> Typer<'d> {
    pub fn new(doc: &'d Doc<'d>, service: &str, system_version: u32) -> Typer<'d> {
        let digit_names = system_version >= DIGIT_NAMES_SINCE;
        Typer { doc, service: service.to_string(), types: Vec::new(), building: Vec::new(), digit_names }
    }

    /// The type of `schema`; an anonymous object becomes the class `context` (already
    /// prefixed with the service name).
    pub fn type_of(&mut self, schema: &Node, context: &str, problems: &mut Problems) -> Result<TypeRef, ()> {
        if let Some(target) = schema.str_at("$ref") {
            return self.named(schema, target, problems);
        }
        if schema.get("not").is_some() {
            problems.add(schema, "`not` is not supported in an External Service schema");
            return Err(());
        }
        for key in ["oneOf", "anyOf"] {
            if schema.get(key).is_some() {
                if !self.doc.v3 {
                    problems.add(schema, &format!("`{key}` is supported only in OpenAPI 3.0 schemas"));
                    return Err(());
                }
                return Ok(TypeRef::Object);
            }
        }
        if schema.get("allOf").is_some() {
            return self.object(schema, context, problems).map(TypeRef::Class);
        }
        let format = schema.str_at("format").unwrap_or("");
        Ok(match schema.str_at("type") {
            Some("integer") if format == "int64" => TypeRef::Long,
            Some("integer") => TypeRef::Integer,
            Some("number") => TypeRef::Double,
            Some("boolean") => TypeRef::Boolean,
            Some("string") => match format {
                "byte" | "binary" => TypeRef::Blob,
                "date" => TypeRef::Date,
                "date-time" => TypeRef::Datetime,
                _ => TypeRef::String,
            },
            Some("array") => {
                let items = schema.get("items").ok_or_else(|| problems.add(schema, "an array schema needs `items`"))?;
                TypeRef::List(Box::new(self.type_of(items, context, problems)?))
            }
            Some("object") | None if schema.get("properties").is_some() => {
                TypeRef::Class(self.object(schema, context, problems)?)
            }
            Some("object") | None => match schema.get("additionalProperties") {
                Some(values) if values.get("type").is_some() || values.get("$ref").is_some() => {
                    let name = format!("{context}_KT_V");
                    TypeRef::Map(Box::new(self.type_of(values, &name, problems)?))
                }
                _ => TypeRef::Object,
            },
            Some(other) => {
                problems.add(schema, &format!("unknown schema type `{other}`"));
                return Err(());
            }
        })
    }

    /// A `$ref` to a named schema: its class `Service_Name`, built on first use.
    fn named(&mut self, at: &Node, target: &str, problems: &mut Problems) -> Result<TypeRef, ()> {
        let Some((name, schema)) = self.doc.schema_ref(target) else {
            problems.add(at, &format!("`$ref: {target}` does not name a schema of this document"));
            return Err(());
        };
        let class = format!("{}_{}", self.service, apex_name(name));
        let is_object = schema.get("properties").is_some() || schema.get("allOf").is_some();
        if !is_object {
            return self.type_of(schema, &class, problems);
        }
        if self.types.iter().any(|t| t.name == class) || self.building.contains(&class) {
            return Ok(TypeRef::Class(class));
        }
        self.building.push(class.clone());
        let built = self.object(schema, &class, problems);
        self.building.pop();
        built.map(TypeRef::Class)
    }

    /// Generates the class `name` for an object schema (its `allOf` parts merged) and returns
    /// the name.
    fn object(&mut self, schema: &Node, name: &str, problems: &mut Problems) -> Result<String, ()> {
        let mut fields = Vec::new();
        self.collect_fields(schema, name, &mut fields, problems)?;
        if !self.types.iter().any(|t| t.name == name) {
            self.types.push(ObjectType { name: name.to_string(), fields });
        }
        Ok(name.to_string())
    }

    fn collect_fields(
        &mut self,
        schema: &Node,
        name: &str,
        fields: &mut Vec<Field>,
        problems: &mut Problems,
    ) -> Result<(), ()> {
        for part in schema.get("allOf").map(Node::items).unwrap_or_default() {
            let part = match part.str_at("$ref") {
                Some(target) => match self.doc.schema_ref(target) {
                    Some((_, resolved)) => resolved,
                    None => {
                        problems.add(part, &format!("`$ref: {target}` does not name a schema of this document"));
                        return Err(());
                    }
                },
                None => part,
            };
            self.collect_fields(part, name, fields, problems)?;
        }
        for (wire_name, property) in schema.get("properties").map(Node::entries).unwrap_or_default() {
            if !self.digit_names && wire_name.starts_with(|c: char| c.is_ascii_digit()) {
                let message =
                    format!("property `{wire_name}` starts with a digit, which systemVersion 7 and later support");
                problems.add(property, &message);
                return Err(());
            }
            let apex = apex_name(wire_name);
            let ty = self.type_of(property, &format!("{name}_{apex}"), problems)?;
            if fields.iter().any(|f: &Field| f.apex_name.eq_ignore_ascii_case(&apex)) {
                problems.add(property, &format!("property `{wire_name}` clashes with another after translation"));
                return Err(());
            }
            fields.push(Field { apex_name: apex, wire_name: wire_name.clone(), ty });
        }
        Ok(())
    }
}
