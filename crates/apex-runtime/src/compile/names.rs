//! Name resolution: bare names (locals, then members of the class chain, then outer-class
//! statics), dotted type paths (`Outer.Inner`, `System.Math`), member access on values, and
//! assignment targets.

use super::body::Body;
use super::expr::{chain, compile_expr};
use super::{system, types};
use crate::ir::{Call, Expr, MethodId, Place};
use crate::program::{MethodKind, PropertyInfo};
use crate::types::{ClassId, Ty};
use crate::value::Value;
use apex_syntax::ast::{self, Ident, Name};
use apex_syntax::{Span, Spanned};

/// What a dotted prefix of names denotes when it is not a value.
pub(super) enum TypePath {
    Type(Ty),
    Namespace(String),
}

/// A member found on a class.
enum Member {
    Field(u32, Ty),
    Static(ClassId, u32, Ty),
    Property(PropertyInfo),
}

/// A bare name in value position.
pub(super) fn name(b: &mut Body, ident: &Ident, span: Span) -> (Expr, Ty) {
    let key = ident.as_str().to_ascii_lowercase();
    if let Some(local) = b.lookup(&key) {
        return (Expr::Local(local.slot), local.ty.clone());
    }
    if let Some((member, outer)) = member_in_scope(b, &key) {
        return read_member(b, member, Expr::This, outer, span);
    }
    b.c.error(format!("Variable does not exist: {}", ident.as_str()), span);
    (Expr::Const(Value::Null), Ty::Any)
}

/// Finds a member visible by simple name from the current class: its own chain, then
/// (statics only) the outer class's chain. The flag is true for an outer-class member.
fn member_in_scope(b: &Body, key: &str) -> Option<(Member, bool)> {
    let class = b.class?;
    if let Some(m) = find_member(b, class, key) {
        return Some((m, false));
    }
    let outer = b.c.program.class(class).outer?;
    match find_member(b, outer, key)? {
        m @ (Member::Static(..) | Member::Property(PropertyInfo { is_static: true, .. })) => Some((m, true)),
        _ => None,
    }
}

fn find_member(b: &Body, class: ClassId, key: &str) -> Option<Member> {
    let program = &b.c.program;
    let mut current = Some(class);
    while let Some(id) = current {
        let info = program.class(id);
        if let Some(p) = info.properties.get(key) {
            return Some(Member::Property(p.clone()));
        }
        if let Some(slot) = info.statics.iter().position(|f| f.name.eq_ignore_ascii_case(key)) {
            return Some(Member::Static(id, slot as u32, info.statics[slot].ty.clone()));
        }
        current = info.parent;
    }
    let slot = program.find_field(class, key)?;
    Some(Member::Field(slot, program.class(class).fields[slot as usize].ty.clone()))
}

fn read_member(b: &mut Body, member: Member, receiver: Expr, outer: bool, span: Span) -> (Expr, Ty) {
    match member {
        Member::Field(slot, ty) => {
            if b.is_static && matches!(receiver, Expr::This) && !outer {
                b.c.error("Non static field cannot be referenced from a static context", span);
            }
            (Expr::Field(Box::new(receiver), slot), ty)
        }
        Member::Static(class, slot, ty) => (Expr::Static(class, slot), ty),
        Member::Property(p) => {
            let ty = p.ty.clone();
            (read_property(b, &p, receiver), ty)
        }
    }
}

fn read_property(b: &Body, p: &PropertyInfo, receiver: Expr) -> Expr {
    let class = owner_of(b, p);
    match p.getter {
        Some(getter) if !inside_accessor_of(b, getter, p) => {
            let receiver = (!p.is_static).then_some(receiver);
            Expr::Call(Box::new(Call::Direct { receiver, method: getter, args: Vec::new() }))
        }
        _ if p.is_static => Expr::Static(class, p.slot),
        _ => Expr::Field(Box::new(receiver), p.slot),
    }
}

/// Inside a property's own accessors the property name means its storage.
fn inside_accessor_of(b: &Body, _accessor: MethodId, p: &PropertyInfo) -> bool {
    let method = b.c.program.method(b.method);
    matches!(method.kind, MethodKind::Getter | MethodKind::Setter) && method.name.eq_ignore_ascii_case(&p.name)
}

/// The class declaring a static property's storage.
fn owner_of(b: &Body, p: &PropertyInfo) -> ClassId {
    let program = &b.c.program;
    let key = p.name.to_ascii_lowercase();
    let mut current = b.class;
    while let Some(id) = current {
        if program.class(id).properties.contains_key(&key) {
            return id;
        }
        current = program.class(id).parent.or(program.class(id).outer);
    }
    program
        .classes
        .iter()
        .position(|c| c.properties.get(&key).is_some_and(|q| q.slot == p.slot && q.getter == p.getter))
        .map(|i| ClassId(i as u32))
        .unwrap_or(ClassId(0))
}

/// Whether a Name/Field chain denotes a type or namespace rather than a value.
pub(super) fn type_path(b: &Body, e: &Spanned<ast::Expr>) -> Option<TypePath> {
    match &e.node {
        ast::Expr::Name(ident) => {
            let key = ident.as_str().to_ascii_lowercase();
            if b.lookup(&key).is_some() || member_in_scope(b, &key).is_some() {
                return None;
            }
            if let Some(ty) = types::lookup(b.c, &[&key], Vec::new(), b.class) {
                return Some(TypePath::Type(ty));
            }
            system::is_namespace(&key).then_some(TypePath::Namespace(key))
        }
        ast::Expr::Field { target, name, safe: false } => {
            let key = name.as_str().to_ascii_lowercase();
            match type_path(b, target)? {
                TypePath::Type(Ty::Class(id)) => {
                    b.c.program.class(id).inner.get(&key).map(|inner| TypePath::Type(Ty::Class(*inner)))
                }
                TypePath::Namespace(ns) => types::lookup(b.c, &[&ns, &key], Vec::new(), b.class).map(TypePath::Type),
                // `System` is a class and the namespace of every system type; `Schema` is a
                // class and the namespace of the describe types.
                TypePath::Type(Ty::System("System")) => {
                    types::lookup(b.c, &["system", &key], Vec::new(), b.class).map(TypePath::Type)
                }
                TypePath::Type(Ty::System("Schema")) => {
                    types::lookup(b.c, &["system", &key], Vec::new(), b.class).map(TypePath::Type)
                }
                TypePath::Type(_) => None,
            }
        }
        _ => None,
    }
}

/// `target.name` in value position.
pub(super) fn field(
    b: &mut Body,
    target: &Spanned<ast::Expr>,
    name: &Name,
    safe: bool,
    span: Span,
) -> (Expr, Ty, bool) {
    if let Some(path) = type_path(b, target) {
        let (expr, ty) = static_member(b, path, name, span);
        return (expr, ty, false);
    }
    let (receiver, ty, chained) = chain(b, target);
    let receiver = if safe { Expr::SafeTarget(Box::new(receiver)) } else { receiver };
    let (expr, ty) = instance_member(b, receiver, &ty, name, span);
    (expr, ty, chained || safe)
}

fn instance_member(b: &mut Body, receiver: Expr, ty: &Ty, name: &Name, span: Span) -> (Expr, Ty) {
    // `[SELECT Name FROM Account WHERE ...].Name` reads the query's only row.
    let receiver = match (receiver, ty) {
        (Expr::Soql(mut query), Ty::List(element)) if matches!(**element, Ty::SObject(_)) => {
            query.single = true;
            let element = (**element).clone();
            return instance_member_of(b, Expr::Soql(query), &element, name, span);
        }
        (receiver, _) => receiver,
    };
    instance_member_of(b, receiver, ty, name, span)
}

fn instance_member_of(b: &mut Body, receiver: Expr, ty: &Ty, name: &Name, span: Span) -> (Expr, Ty) {
    let key = name.as_str().to_ascii_lowercase();
    match ty {
        Ty::Class(id) => match find_member(b, *id, &key) {
            Some(member) => read_member(b, member, receiver, true, span),
            None => {
                b.c.error(format!("Variable does not exist: {}", name.as_str()), name.span);
                (Expr::Const(Value::Null), Ty::Any)
            }
        },
        Ty::Any | Ty::Object => (Expr::DynField(Box::new(receiver), key), Ty::Any),
        Ty::SObject(object) => match super::sobjects::field(b, object.as_deref(), name) {
            Some((spelled, ty)) => (Expr::DynField(Box::new(receiver), spelled), ty),
            None => (Expr::Const(Value::Null), Ty::Any),
        },
        Ty::System(class) => match super::describe::system_field(class, receiver, name) {
            Some(found) => found,
            None => {
                let what = format!("{class}.{}", name.as_str());
                b.c.unsupported(&what, span);
                (Expr::Unsupported(what), Ty::Any)
            }
        },
        _ => {
            b.c.error(format!("Variable does not exist: {}", name.as_str()), name.span);
            (Expr::Const(Value::Null), Ty::Any)
        }
    }
}

/// `Type.name`: an enum constant, a static field or property, or a system constant.
fn static_member(b: &mut Body, path: TypePath, name: &Name, span: Span) -> (Expr, Ty) {
    let key = name.as_str().to_ascii_lowercase();
    match path {
        TypePath::Type(Ty::Class(id)) => {
            if let Some(value) = super::stmt::enum_constant(b, id, &key) {
                return (Expr::Const(value), Ty::Class(id));
            }
            match find_member(b, id, &key) {
                Some(member @ (Member::Static(..) | Member::Property(PropertyInfo { is_static: true, .. }))) => {
                    read_member(b, member, Expr::This, true, span)
                }
                _ => {
                    b.c.error(format!("Variable does not exist: {}", name.as_str()), name.span);
                    (Expr::Const(Value::Null), Ty::Any)
                }
            }
        }
        TypePath::Type(ty) => match system::static_constant(&ty, &key).or_else(|| super::describe::token(b, &ty, name))
        {
            Some((value, ty)) => (Expr::Const(value), ty),
            None => {
                let what = format!("{}.{}", b.c.ty_name(&ty), name.as_str());
                b.c.unsupported(&what, span);
                (Expr::Unsupported(what), Ty::Any)
            }
        },
        TypePath::Namespace(ns) => {
            let what = format!("{}.{}", system::namespace_display(&ns), name.as_str());
            b.c.unsupported(&what, span);
            (Expr::Unsupported(what), Ty::Any)
        }
    }
}

/// An assignment target.
pub(super) fn place(b: &mut Body, e: &Spanned<ast::Expr>) -> (Place, Ty) {
    match &e.node {
        ast::Expr::Name(ident) => {
            let key = ident.as_str().to_ascii_lowercase();
            if let Some(local) = b.lookup(&key) {
                return (Place::Local(local.slot), local.ty.clone());
            }
            match member_in_scope(b, &key) {
                Some((member, _)) => member_place(b, member, Expr::This),
                None => {
                    b.c.error(format!("Variable does not exist: {}", ident.as_str()), e.span);
                    (Place::Local(b.temp()), Ty::Any)
                }
            }
        }
        ast::Expr::Field { target, name, .. } => {
            let key = name.as_str().to_ascii_lowercase();
            match type_path(b, target) {
                Some(TypePath::Type(Ty::Class(id))) => {
                    if let Some(member) = find_member(b, id, &key) {
                        return member_place(b, member, Expr::This);
                    }
                }
                // `RestContext.response = ...`: a static of a system class the tool does not model.
                Some(path) => {
                    let owner = match path {
                        TypePath::Type(ty) => b.c.ty_name(&ty),
                        TypePath::Namespace(ns) => system::namespace_display(&ns).to_string(),
                    };
                    let what = format!("{owner}.{}", name.as_str());
                    b.c.unsupported(&what, e.span);
                    return (Place::Unsupported(what), Ty::Any);
                }
                None => {}
            }
            let (receiver, ty) = compile_expr(b, target);
            match &ty {
                Ty::Class(id) => match find_member(b, *id, &key) {
                    Some(member) => member_place(b, member, receiver),
                    None => {
                        b.c.error(format!("Variable does not exist: {}", name.as_str()), name.span);
                        (Place::Local(b.temp()), Ty::Any)
                    }
                },
                Ty::Any | Ty::Object => (Place::DynField(receiver, key), Ty::Any),
                Ty::SObject(object) => match super::sobjects::field(b, object.as_deref(), name) {
                    Some((spelled, ty)) => (Place::DynField(receiver, spelled), ty),
                    None => (Place::Local(b.temp()), Ty::Any),
                },
                _ => {
                    b.c.unsupported("assigning to this kind of field", e.span);
                    (Place::Local(b.temp()), Ty::Any)
                }
            }
        }
        ast::Expr::Index { target, index } => {
            let (target, ty) = compile_expr(b, target);
            let (index, _) = compile_expr(b, index);
            let element = ty.element().cloned().unwrap_or(Ty::Any);
            (Place::Index(target, index), element)
        }
        ast::Expr::Paren(inner) => place(b, inner),
        _ => {
            b.c.error("Expression cannot be assigned", e.span);
            (Place::Local(b.temp()), Ty::Any)
        }
    }
}

fn member_place(b: &mut Body, member: Member, receiver: Expr) -> (Place, Ty) {
    match member {
        Member::Field(slot, ty) => (Place::Field(receiver, slot), ty),
        Member::Static(class, slot, ty) => (Place::Static(class, slot), ty),
        Member::Property(p) => {
            let ty = p.ty.clone();
            let own = p.setter.is_some_and(|s| inside_accessor_of(b, s, &p))
                || p.getter.is_some_and(|g| inside_accessor_of(b, g, &p));
            let class = owner_of(b, &p);
            let place = match (p.is_static, own || (p.getter.is_none() && p.setter.is_none())) {
                (true, true) => Place::Static(class, p.slot),
                (false, true) => Place::Field(receiver, p.slot),
                (true, false) => Place::StaticProperty { class, slot: p.slot, getter: p.getter, setter: p.setter },
                (false, false) => {
                    Place::Property { target: receiver, slot: p.slot, getter: p.getter, setter: p.setter }
                }
            };
            (place, ty)
        }
    }
}
