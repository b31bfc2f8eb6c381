//! Type resolution (`TypeRef` as written to [`Ty`]) and the assignability rules behind
//! "Illegal assignment from X to Y".

use super::system;
use super::Compiler;
use crate::types::{ClassId, Ty};
use apex_syntax::ast::TypeRef;
use apex_syntax::Span;

/// Resolves a written type in the context of `class` (for inner type names). An unknown
/// name is a compile error and resolves to `Ty::Any`.
pub fn resolve(compiler: &mut Compiler, ty: &TypeRef, class: Option<ClassId>, span: Span) -> Ty {
    let mut resolved = resolve_base(compiler, ty, class, span);
    for _ in 0..ty.array_dims {
        resolved = Ty::list_of(resolved);
    }
    resolved
}

fn resolve_base(compiler: &mut Compiler, ty: &TypeRef, class: Option<ClassId>, span: Span) -> Ty {
    let names: Vec<String> = ty.parts.iter().map(|p| p.name.as_str().to_ascii_lowercase()).collect();
    let args: Vec<Ty> = ty
        .parts
        .last()
        .map(|p| p.args.iter().map(|a| resolve(compiler, &a.node, class, a.span)).collect())
        .unwrap_or_default();
    let parts: Vec<&str> = names.iter().map(String::as_str).collect();
    if let Some(found) = lookup(compiler, &parts, args, class) {
        return found;
    }
    let written: Vec<&str> = ty.parts.iter().map(|p| p.name.as_str()).collect();
    compiler.error(format!("Invalid type: {}", written.join(".")), span);
    Ty::Any
}

/// Looks a dotted, case-folded type name up, without reporting anything.
pub fn lookup(compiler: &Compiler, parts: &[&str], args: Vec<Ty>, class: Option<ClassId>) -> Option<Ty> {
    match parts {
        [] => None,
        [name] => lookup_simple(compiler, name, args, class),
        ["system" | "schema", name] => system_type(compiler, name, args),
        [super::external::NAMESPACE, name] => {
            compiler.program.class_names.get(&format!("externalservice.{name}")).map(|id| Ty::Class(*id))
        }
        [super::external::NAMESPACE, service, inner] => {
            let service = compiler.program.class_names.get(&format!("externalservice.{service}"))?;
            compiler.program.class(*service).inner.get(*inner).map(|id| Ty::Class(*id))
        }
        [outer, inner] => {
            if let Some(Ty::Class(o)) = lookup_simple(compiler, outer, Vec::new(), class) {
                if let Some(id) = compiler.program.class(o).inner.get(*inner) {
                    return Some(Ty::Class(*id));
                }
            }
            system::namespaced_type(outer, inner)
        }
        // `Messaging.InboundEmail.BinaryAttachment`: namespaced types are checked loosely.
        [first, ..] if system::is_namespace(first) => Some(Ty::Any),
        _ => None,
    }
}

fn lookup_simple(compiler: &Compiler, name: &str, args: Vec<Ty>, class: Option<ClassId>) -> Option<Ty> {
    if let Some(id) = find_user_type(compiler, name, class) {
        return Some(Ty::Class(id));
    }
    system_type(compiler, name, args)
}

/// A user type visible by simple name from `class`: its own inner types (and its parents'),
/// the outer class's inner types, then top-level types.
pub fn find_user_type(compiler: &Compiler, name: &str, class: Option<ClassId>) -> Option<ClassId> {
    let program = &compiler.program;
    let mut scope = class;
    while let Some(id) = scope {
        let mut current = Some(id);
        while let Some(c) = current {
            let info = program.class(c);
            if info.name.eq_ignore_ascii_case(name) && info.outer.is_none() {
                return Some(c);
            }
            if let Some(inner) = info.inner.get(name) {
                return Some(*inner);
            }
            current = info.parent;
        }
        scope = program.class(id).outer;
    }
    program.class_names.get(name).copied()
}

fn system_type(compiler: &Compiler, name: &str, args: Vec<Ty>) -> Option<Ty> {
    let mut args = args.into_iter();
    let mut next = || args.next().unwrap_or(Ty::Object);
    let ty = match name {
        "object" => Ty::Object,
        "boolean" => Ty::Boolean,
        "integer" => Ty::Integer,
        "long" => Ty::Long,
        "double" => Ty::Double,
        "decimal" => Ty::Decimal,
        "string" => Ty::String,
        "id" => Ty::Id,
        "blob" => Ty::Blob,
        "date" => Ty::Date,
        "datetime" => Ty::Datetime,
        "time" => Ty::Time,
        "void" => Ty::Void,
        "type" => Ty::Type,
        "list" => Ty::List(Box::new(next())),
        "set" => Ty::Set(Box::new(next())),
        "map" => {
            let key = next();
            Ty::Map(Box::new(key), Box::new(next()))
        }
        "sobject" => Ty::SObject(None),
        // The org's objects, spelled as the schema spells them.
        _ if compiler.program.schema.object(name).is_some() => {
            Ty::SObject(compiler.program.schema.object(name).map(|o| o.name.clone()))
        }
        _ => {
            if let Some(id) = compiler.program.class_names.get(&format!("system.{name}")) {
                return Some(Ty::Class(*id));
            }
            return system::system_type(name);
        }
    };
    Some(ty)
}

/// True when a value of static type `from` may be assigned to a variable of type `to`
/// without a cast.
pub fn assignable(compiler: &Compiler, from: &Ty, to: &Ty) -> bool {
    if from == to || from.is_loose() || to.is_loose() || *to == Ty::Object {
        return true;
    }
    match (from, to) {
        (_, Ty::Void) | (Ty::Void, _) => false,
        (a, b) if a.is_numeric() && b.is_numeric() => {
            // Widening is implicit, and Decimal and Double convert both ways.
            let (ra, rb) = (a.numeric_rank().unwrap_or(0), b.numeric_rank().unwrap_or(0));
            ra <= rb || (ra >= 2 && rb >= 2)
        }
        (Ty::String, Ty::Id) | (Ty::Id, Ty::String) => true,
        (Ty::List(a), Ty::List(b)) | (Ty::Set(a), Ty::Set(b)) => element_compatible(compiler, a, b),
        (Ty::Map(ka, va), Ty::Map(kb, vb)) => {
            element_compatible(compiler, ka, kb) && element_compatible(compiler, va, vb)
        }
        (Ty::Class(a), Ty::Class(b)) => compiler.program.is_subclass(*a, *b),
        (Ty::SObject(_), Ty::SObject(None)) | (Ty::SObject(None), Ty::SObject(_)) => true,
        (Ty::System(_), _) | (_, Ty::System(_)) => true,
        (Ty::SObject(_), _) | (_, Ty::SObject(_)) => false,
        _ => false,
    }
}

/// Collections convert when their element types are related either way (the platform checks
/// contents at run time).
fn element_compatible(compiler: &Compiler, a: &Ty, b: &Ty) -> bool {
    a == b
        || matches!((a, b), (Ty::String, Ty::Id) | (Ty::Id, Ty::String))
        || *a == Ty::Object
        || *b == Ty::Object
        || a.is_loose()
        || b.is_loose()
        || matches!((a, b), (Ty::Class(x), Ty::Class(y)) if compiler.program.is_subclass(*x, *y) || compiler.program.is_subclass(*y, *x))
        || matches!((a, b), (Ty::SObject(_), Ty::SObject(_)))
        || matches!((a, b), (Ty::System(_), _) | (_, Ty::System(_)))
        || (a.is_numeric() && b.is_numeric() && assignable(compiler, a, b))
        || (matches!(a, Ty::List(_) | Ty::Set(_) | Ty::Map(..)) && assignable(compiler, a, b))
}

/// True when a cast from `from` to `to` can ever succeed (the compiler rejects the rest).
pub fn castable(compiler: &Compiler, from: &Ty, to: &Ty) -> bool {
    assignable(compiler, from, to) || assignable(compiler, to, from) || matches!(from, Ty::Object)
}
