//! The `ExternalService` namespace: a class per registration with a method per active
//! operation, the nested `_Request`, `_Response` and `_ResponseException` classes, and the
//! generated object types, all built from the registrations' descriptors (no Apex source).
//! A method's body is one native call that sends the request (stdlib::external_service).

use super::declare::{method_info, EXCEPTION_FIELDS};
use super::Compiler;
use crate::ir::{Call, Expr, Stmt, StmtKind};
use crate::program::{ClassInfo, ClassKind, FieldInfo, MethodKind};
use crate::stdlib::{external_service, NativeFn};
use crate::types::{ClassId, Ty};
use crate::value::Value;
use apex_external_services::{Service, TypeRef};
use apex_syntax::Span;

/// The namespace, as class names are keyed (`externalservice.weatherlite`).
pub const NAMESPACE: &str = "externalservice";

/// Declares every service's classes and methods.
pub fn declare_services(c: &mut Compiler, services: &[Service]) {
    // Ids first: the types refer to each other.
    for service in services {
        for ty in &service.types {
            top_level(c, &ty.name, ClassKind::Class);
        }
    }
    for (index, service) in services.iter().enumerate() {
        for ty in &service.types {
            let fields = ty.fields.iter().map(|f| field(c, &f.apex_name, &f.ty)).collect();
            if let Some(id) = find(c, &ty.name) {
                c.program.classes[id.0 as usize].fields = fields;
            }
        }
        declare_service(c, index, service);
    }
}

fn declare_service(c: &mut Compiler, index: usize, service: &Service) {
    let class = top_level(c, &service.name, ClassKind::Class);
    for (op_index, op) in service.operations.iter().enumerate() {
        let request = op.request_class().map(|name| {
            let fields = op.params.iter().map(|p| field(c, &p.field.apex_name, &p.field.ty)).collect();
            nested(c, class, &name, fields, false)
        });
        let outcome = |c: &mut Compiler, below: bool| {
            let mut fields: Vec<FieldInfo> = op
                .responses_below_300(below)
                .map(|r| field(c, &r.field_name(), r.ty.as_ref().unwrap_or(&TypeRef::String)))
                .collect();
            let default = op.default_response().and_then(|r| r.ty.clone()).unwrap_or(TypeRef::String);
            fields.push(field(c, "defaultResponse", &default));
            fields.push(FieldInfo { name: "responseCode".into(), ty: Ty::Integer, is_transient: false });
            fields
        };
        let response_fields = outcome(c, true);
        let response = nested(c, class, &op.response_class(), response_fields, false);
        let exception_fields = outcome(c, false);
        let exception = nested(c, class, &op.exception_class(), exception_fields, true);
        let outcome = Outcome { response, exception };
        method(c, class, index, op_index, &op.apex_name, request, outcome);
    }
}

/// A class of the namespace, by its name in it (`WeatherLite_Forecast`).
fn top_level(c: &mut Compiler, name: &str, kind: ClassKind) -> ClassId {
    let id = ClassId(c.program.classes.len() as u32);
    let info = ClassInfo::new(format!("ExternalService.{name}"), kind, Span::default());
    c.program.classes.push(info);
    c.program.class_names.insert(format!("{NAMESPACE}.{}", name.to_ascii_lowercase()), id);
    id
}

fn find(c: &Compiler, name: &str) -> Option<ClassId> {
    c.program.class_names.get(&format!("{NAMESPACE}.{}", name.to_ascii_lowercase())).copied()
}

/// A class nested in the service class; an exception class extends `System.Exception`.
fn nested(c: &mut Compiler, outer: ClassId, name: &str, own: Vec<FieldInfo>, exception: bool) -> ClassId {
    let id = ClassId(c.program.classes.len() as u32);
    let outer_name = c.program.class(outer).name.clone();
    let mut info = ClassInfo::new(format!("{outer_name}.{name}"), ClassKind::Class, Span::default());
    info.outer = Some(outer);
    if exception {
        info.is_exception = true;
        info.parent = Some(ClassId(0));
        info.fields = EXCEPTION_FIELDS
            .iter()
            .map(|name| FieldInfo { name: name.to_string(), ty: Ty::Object, is_transient: false })
            .collect();
    }
    info.fields.extend(own);
    c.program.classes.push(info);
    c.program.classes[outer.0 as usize].inner.insert(name.to_ascii_lowercase(), id);
    id
}

/// The classes an operation's answer becomes.
struct Outcome {
    response: ClassId,
    exception: ClassId,
}

/// `public op_Response op(op_Request request)`: one native call, given the service and
/// operation and the classes of its outcome.
fn method(
    c: &mut Compiler,
    class: ClassId,
    service: usize,
    operation: usize,
    name: &str,
    request: Option<ClassId>,
    outcome: Outcome,
) {
    let response = outcome.response;
    let mut info = method_info(name, class, MethodKind::Method, Span::default());
    info.params = request.map(Ty::Class).into_iter().collect();
    info.param_names = request.map(|_| "request".to_string()).into_iter().collect();
    info.ret = Ty::Class(response);
    info.frame_size = info.params.len() as u32;
    info.sig = c.intern_sig(c.sig_key(name, &info.params));
    let argument = if request.is_some() { Expr::Local(0) } else { Expr::Const(Value::Null) };
    let call = Call::Native {
        func: NativeFn::Interp(external_service::call),
        name: "ExternalService",
        args: vec![
            Expr::Const(Value::Integer(service as i32)),
            Expr::Const(Value::Integer(operation as i32)),
            argument,
            Expr::Const(Value::Integer(outcome.response.0 as i32)),
            Expr::Const(Value::Integer(outcome.exception.0 as i32)),
        ],
        receiver: false,
    };
    info.body = vec![Stmt { kind: StmtKind::Return(Some(Expr::Call(Box::new(call)))), span: Span::default() }];
    let id = c.add_method(info);
    let key = name.to_ascii_lowercase();
    c.program.classes[class.0 as usize].methods.entry(key).or_default().push(id);
}

/// A field of a generated class, typed as the descriptor says.
fn field(c: &Compiler, name: &str, ty: &TypeRef) -> FieldInfo {
    FieldInfo { name: name.to_string(), ty: runtime_ty(&c.program.class_names, ty), is_transient: false }
}

/// The Apex type of a descriptor's type, its generated classes found among `classes`.
pub fn runtime_ty(classes: &rustc_hash::FxHashMap<String, ClassId>, ty: &TypeRef) -> Ty {
    let apex_ty = |ty: &TypeRef| runtime_ty(classes, ty);
    match ty {
        TypeRef::Integer => Ty::Integer,
        TypeRef::Long => Ty::Long,
        TypeRef::Double => Ty::Double,
        TypeRef::String => Ty::String,
        TypeRef::Blob => Ty::Blob,
        TypeRef::Date => Ty::Date,
        TypeRef::Datetime => Ty::Datetime,
        TypeRef::Boolean => Ty::Boolean,
        TypeRef::Object => Ty::Object,
        TypeRef::List(item) => Ty::List(Box::new(apex_ty(item))),
        TypeRef::Map(value) => Ty::Map(Box::new(Ty::String), Box::new(apex_ty(value))),
        TypeRef::Class(name) => {
            classes.get(&format!("{NAMESPACE}.{}", name.to_ascii_lowercase())).map_or(Ty::Object, |id| Ty::Class(*id))
        }
    }
}
