//! The Apex surface of a service written out as text, in the shape of external-services.md
//! §2.8: the service class and its methods, the nested request, response and exception
//! classes, and the generated object types. Snapshot tests and `apex check` show it.

use crate::model::{Location, Operation, Service, TypeRef};
use std::fmt::Write;

/// `ExternalService.<Name>` and everything it generates.
pub fn describe(service: &Service) -> String {
    let mut out = String::new();
    let ns = format!("ExternalService.{}", service.name);
    let _ = writeln!(out, "{ns}  // callout:{}{}", service.named_credential, service.base_path);
    for op in &service.operations {
        let argument = op.request_class().map(|c| format!("{c} request")).unwrap_or_default();
        let _ = writeln!(out, "  {} {}({argument})  // {} {}", op.response_class(), op.apex_name, op.method, op.path);
    }
    for op in &service.operations {
        nested(&mut out, &ns, op);
    }
    for ty in &service.types {
        let fields: Vec<String> = ty.fields.iter().map(|f| field(&f.apex_name, &f.wire_name, &f.ty)).collect();
        let _ = writeln!(out, "ExternalService.{} {{ {} }}", ty.name, fields.join("; "));
    }
    out
}

fn nested(out: &mut String, ns: &str, op: &Operation) {
    if let Some(request) = op.request_class() {
        let fields: Vec<String> = op
            .params
            .iter()
            .map(|p| {
                format!("{} ({})", field(&p.field.apex_name, &p.field.wire_name, &p.field.ty), location(p.location))
            })
            .collect();
        let _ = writeln!(out, "{ns}.{request} {{ {} }}", fields.join("; "));
    }
    for (class, below) in [(op.response_class(), true), (op.exception_class(), false)] {
        let mut fields: Vec<String> =
            op.responses_below_300(below).map(|r| format!("{} {}", type_name(r.ty.as_ref()), r.field_name())).collect();
        let default = op.default_response().map(|r| type_name(r.ty.as_ref())).unwrap_or_else(|| "String".into());
        fields.push(format!("{default} defaultResponse"));
        fields.push("Integer responseCode".into());
        let _ = writeln!(out, "{ns}.{class} {{ {} }}", fields.join("; "));
    }
}

fn field(apex: &str, wire: &str, ty: &TypeRef) -> String {
    if apex == wire {
        format!("{} {apex}", apex_type(ty))
    } else {
        format!("{} {apex} = '{wire}'", apex_type(ty))
    }
}

fn location(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
        Location::Form => "form",
    }
}

/// A response body's type; a response without a body holds its text.
fn type_name(ty: Option<&TypeRef>) -> String {
    ty.map_or_else(|| "String".into(), apex_type)
}

/// The Apex spelling of a type.
pub fn apex_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Integer => "Integer".into(),
        TypeRef::Long => "Long".into(),
        TypeRef::Double => "Double".into(),
        TypeRef::String => "String".into(),
        TypeRef::Blob => "Blob".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::Datetime => "Datetime".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Object => "Object".into(),
        TypeRef::List(item) => format!("List<{}>", apex_type(item)),
        TypeRef::Map(value) => format!("Map<String, {}>", apex_type(value)),
        TypeRef::Class(name) => format!("ExternalService.{name}"),
    }
}
