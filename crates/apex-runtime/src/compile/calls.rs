//! Method calls and `new`: overload choice by static argument types, constructor chaining,
//! virtual versus direct dispatch, and system-library methods.

use super::body::Body;
use super::expr::{chain, coerce, compile_expr};
use super::names::{type_path, TypePath};
use super::{system, types};
use crate::ir::{Call, Expr, MethodId, NewExpr};
use crate::program::ClassKind;
use crate::stdlib::{self, Native};
use crate::types::{ClassId, Ty};
use crate::value::Value;
use apex_syntax::ast::{self, Name};
use apex_syntax::{Span, Spanned};

/// `name(args)`, `target.name(args)` or `target?.name(args)`.
pub(super) fn call(
    b: &mut Body,
    target: Option<&Spanned<ast::Expr>>,
    name: &Name,
    args: &[Spanned<ast::Expr>],
    safe: bool,
    span: Span,
) -> (Expr, Ty, bool) {
    let compiled: Vec<(Expr, Ty, Span)> = args
        .iter()
        .map(|a| {
            let (e, t) = compile_expr(b, a);
            (e, t, a.span)
        })
        .collect();
    let key = name.as_str().to_ascii_lowercase();
    let Some(target) = target else {
        let (e, t) = unqualified(b, name, &key, compiled, span);
        return (e, t, false);
    };
    if matches!(target.node, ast::Expr::Super) {
        let (e, t) = super_call(b, name, &key, compiled, span);
        return (e, t, false);
    }
    if let Some(path) = type_path(b, target) {
        let (e, t) = static_call(b, path, name, &key, compiled, span);
        return (e, t, false);
    }
    let (receiver, ty, chained) = chain(b, target);
    let receiver = if safe { Expr::SafeTarget(Box::new(receiver)) } else { receiver };
    let (e, t) = instance_call(b, receiver, &ty, name, &key, compiled, span);
    (e, t, chained || safe)
}

type Args = Vec<(Expr, Ty, Span)>;

fn unqualified(b: &mut Body, name: &Name, key: &str, args: Args, span: Span) -> (Expr, Ty) {
    if key == "this" || key == "super" {
        return chained_constructor(b, key, args, span);
    }
    let Some(class) = b.class else {
        return missing(b, name, &args, "AnonymousBlock", span);
    };
    let mut scope = Some(class);
    while let Some(id) = scope {
        let candidates = methods_named(b, id, key);
        if let Some(m) = choose(b, &candidates, &args) {
            let method = b.c.program.method(m);
            let (is_static, ret, sig) = (method.is_static, method.ret.clone(), method.sig);
            let args = coerce_args(b, m, args);
            if is_static {
                return (static_direct(b, m, args), ret);
            }
            if b.is_static || id != class && !b.c.program.is_subclass(class, id) {
                b.c.error(
                    format!("Non static method cannot be referenced from a static context: {}", name.as_str()),
                    span,
                );
            }
            let call = Call::Virtual { receiver: Expr::This, sig, name: key.to_string(), args };
            return (Expr::Call(Box::new(call)), ret);
        }
        scope = b.c.program.class(id).outer;
    }
    if b.c.program.class(class).is_exception && !b.is_static {
        return exception_method(b, class, Expr::This, name, key, args, span);
    }
    let type_name = b.c.program.class(class).name.clone();
    missing(b, name, &args, &type_name, span)
}

/// `this(...)` or `super(...)` at the start of a constructor.
fn chained_constructor(b: &mut Body, key: &str, args: Args, span: Span) -> (Expr, Ty) {
    let Some(class) = b.class else {
        b.c.error("Constructor calls are only allowed in constructors", span);
        return (Expr::Unsupported("constructor call".into()), Ty::Void);
    };
    let target = if key == "this" { Some(class) } else { b.c.program.class(class).parent };
    let Some(target) = target else {
        b.c.error("Class has no superclass", span);
        return (Expr::Unsupported("super()".into()), Ty::Void);
    };
    let ctors = b.c.program.class(target).constructors.clone();
    if ctors.is_empty() && b.c.program.class(target).is_exception {
        let args: Vec<Expr> = std::iter::once(Expr::This).chain(args.into_iter().map(|a| a.0)).collect();
        return (native_call(&stdlib::exception::INIT, args, false), Ty::Void);
    }
    if ctors.is_empty() && args.is_empty() {
        return (Expr::Call(Box::new(Call::InitObject { class: target })), Ty::Void);
    }
    match choose(b, &ctors, &args) {
        Some(ctor) => {
            let args = coerce_args(b, ctor, args);
            (Expr::Call(Box::new(Call::Direct { receiver: Some(Expr::This), method: ctor, args })), Ty::Void)
        }
        None => {
            let name = b.c.program.class(target).name.clone();
            let types = arg_types(b, &args);
            b.c.error(format!("Constructor not defined: [{name}].<Constructor>({types})"), span);
            (Expr::Unsupported("constructor".into()), Ty::Void)
        }
    }
}

fn super_call(b: &mut Body, name: &Name, key: &str, args: Args, span: Span) -> (Expr, Ty) {
    let parent = b.class.and_then(|c| b.c.program.class(c).parent);
    let Some(parent) = parent else {
        b.c.error("Super cannot be used here", span);
        return (Expr::Unsupported("super".into()), Ty::Any);
    };
    let candidates = methods_named(b, parent, key);
    match choose(b, &candidates, &args) {
        Some(m) => {
            let ret = b.c.program.method(m).ret.clone();
            let args = coerce_args(b, m, args);
            (Expr::Call(Box::new(Call::Direct { receiver: Some(Expr::This), method: m, args })), ret)
        }
        None if b.c.program.class(parent).is_exception => {
            exception_method(b, parent, Expr::This, name, key, args, span)
        }
        None => {
            let type_name = b.c.program.class(parent).name.clone();
            missing(b, name, &args, &type_name, span)
        }
    }
}

fn static_call(b: &mut Body, path: TypePath, name: &Name, key: &str, args: Args, span: Span) -> (Expr, Ty) {
    let ty = match path {
        TypePath::Type(ty) => ty,
        TypePath::Namespace(ns) => {
            let what = format!("{}.{}", system::namespace_display(&ns), name.as_str());
            b.c.unsupported(&what, span);
            return (Expr::Unsupported(what), Ty::Any);
        }
    };
    if let Ty::Class(id) = ty {
        if b.c.program.class(id).kind == ClassKind::Enum {
            let args: Vec<Expr> = args.into_iter().map(|a| a.0).collect();
            return system::enum_static(b, id, key, args, span, name);
        }
        let mut scope = Some(id);
        while let Some(c) = scope {
            let candidates: Vec<MethodId> =
                methods_named(b, c, key).into_iter().filter(|m| b.c.program.method(*m).is_static).collect();
            if let Some(m) = choose(b, &candidates, &args) {
                let ret = b.c.program.method(m).ret.clone();
                let args = coerce_args(b, m, args);
                return (static_direct(b, m, args), ret);
            }
            scope = b.c.program.class(c).parent;
        }
        let type_name = b.c.program.class_display(id);
        return missing(b, name, &args, &type_name, span);
    }
    let mut args = args;
    if ty == Ty::System("Database") && matches!(key, "query" | "countquery") && matches!(args.len(), 1 | 2) {
        let (locals, ty) = scope_for_binds(b);
        args.push((locals, ty, span));
    }
    let table = system::static_table(&ty);
    native_or_missing(b, table, None, &ty, name, key, args, span)
}

/// The locals in scope as a map from their lower-cased names, for the bind variables of a
/// query made at run time (`Database.query('... WHERE Name = :name')`).
fn scope_for_binds(b: &Body) -> (Expr, Ty) {
    let ty = Ty::Map(Box::new(Ty::String), Box::new(Ty::Object));
    let entries = b
        .visible_locals()
        .into_iter()
        .map(|(name, slot)| (Expr::Const(Value::string(name)), Expr::Local(slot)))
        .collect();
    (Expr::New(Box::new(NewExpr::Map { ty: ty.clone(), entries })), ty)
}

fn instance_call(b: &mut Body, receiver: Expr, ty: &Ty, name: &Name, key: &str, args: Args, span: Span) -> (Expr, Ty) {
    match ty {
        Ty::Class(id) => {
            let id = *id;
            let candidates = methods_named(b, id, key);
            if let Some(m) = choose(b, &candidates, &args) {
                let method = b.c.program.method(m);
                let (ret, sig, is_static) = (method.ret.clone(), method.sig, method.is_static);
                let args = coerce_args(b, m, args);
                if is_static {
                    return (static_direct(b, m, args), ret);
                }
                let call = Call::Virtual { receiver, sig, name: key.to_string(), args };
                return (Expr::Call(Box::new(call)), ret);
            }
            let info = b.c.program.class(id);
            if info.is_exception {
                return exception_method(b, id, receiver, name, key, args, span);
            }
            if info.kind == ClassKind::Enum {
                return native_or_missing(
                    b,
                    Some(stdlib::object::ENUM_INSTANCE),
                    Some(receiver),
                    ty,
                    name,
                    key,
                    args,
                    span,
                );
            }
            if let Some(native) = stdlib::find(stdlib::object::OBJECT_INSTANCE, key, args.len()) {
                let args = std::iter::once(receiver).chain(args.into_iter().map(|a| a.0)).collect();
                return (native_call(native, args, true), system::ret_ty(&native.ret, ty, &[]));
            }
            let type_name = b.c.program.class_display(id);
            missing(b, name, &args, &type_name, span)
        }
        Ty::Any | Ty::Object | Ty::Null => {
            let args = args.into_iter().map(|a| a.0).collect();
            (Expr::Call(Box::new(Call::Dynamic { receiver, name: key.to_string(), args })), Ty::Any)
        }
        Ty::SObject(_) => {
            native_or_missing(b, Some(stdlib::sobject::INSTANCE), Some(receiver), ty, name, key, args, span)
        }
        Ty::System(name) if system::is_interface(name) => {
            let args = args.into_iter().map(|a| a.0).collect();
            (Expr::Call(Box::new(Call::Dynamic { receiver, name: key.to_string(), args })), Ty::Any)
        }
        Ty::Id if key == "getsobjecttype" => {
            native_or_missing(b, Some(stdlib::object::ID_INSTANCE), Some(receiver), ty, name, key, args, span)
        }
        _ => {
            let table = system::instance_table(ty);
            native_or_missing(b, table, Some(receiver), ty, name, key, args, span)
        }
    }
}

/// A method every exception has, or one of DmlException's (`getDmlType`, ...) on a
/// DmlException.
fn exception_method(
    b: &mut Body,
    class: ClassId,
    receiver: Expr,
    name: &Name,
    key: &str,
    args: Args,
    span: Span,
) -> (Expr, Ty) {
    let table = stdlib::dml_exception::table_for(&b.c.program, class, key, args.len());
    native_or_missing(b, Some(table), Some(receiver), &Ty::Class(ClassId(0)), name, key, args, span)
}

#[allow(clippy::too_many_arguments)]
fn native_or_missing(
    b: &mut Body,
    table: Option<&'static [Native]>,
    receiver: Option<Expr>,
    ty: &Ty,
    name: &Name,
    key: &str,
    args: Args,
    span: Span,
) -> (Expr, Ty) {
    let type_name = b.c.ty_name(ty);
    let Some(table) = table else {
        let what = format!("{type_name}.{}", name.as_str());
        b.c.unsupported(&what, span);
        return (Expr::Unsupported(what), Ty::Any);
    };
    match stdlib::find(table, key, args.len()) {
        Some(native) => {
            let arg_tys: Vec<Ty> = args.iter().map(|a| a.1.clone()).collect();
            let ret = system::ret_ty(&native.ret, ty, &arg_tys);
            let has_receiver = receiver.is_some();
            let args = receiver.into_iter().chain(args.into_iter().map(|a| a.0)).collect();
            (native_call(native, args, has_receiver), ret)
        }
        None if system::is_known_method(ty, key) => {
            let what = format!("{type_name}.{}", name.as_str());
            b.c.unsupported(&what, span);
            (Expr::Unsupported(what), Ty::Any)
        }
        None => missing(b, name, &args, &type_name, span),
    }
}

/// A call of a static method; a `@future` method's call queues it instead, with the method
/// named as the first argument.
fn static_direct(b: &Body, method: MethodId, args: Vec<Expr>) -> Expr {
    if b.c.program.method(method).future.is_none() {
        return Expr::Call(Box::new(Call::Direct { receiver: None, method, args }));
    }
    let named = std::iter::once(Expr::Const(Value::Integer(method.0 as i32))).chain(args).collect();
    native_call(&stdlib::future::CALL, named, false)
}

pub(super) fn native_call(native: &Native, args: Vec<Expr>, receiver: bool) -> Expr {
    Expr::Call(Box::new(Call::Native { func: native.func, name: native.name, args, receiver }))
}

fn missing(b: &mut Body, name: &Name, args: &Args, type_name: &str, span: Span) -> (Expr, Ty) {
    let types = arg_types(b, args);
    b.c.error(
        format!(
            "Method does not exist or incorrect signature: void {}({types}) from the type {type_name}",
            name.as_str()
        ),
        span,
    );
    (Expr::Unsupported("missing method".into()), Ty::Any)
}

fn arg_types(b: &Body, args: &Args) -> String {
    args.iter().map(|a| b.c.ty_name(&a.1)).collect::<Vec<_>>().join(", ")
}

/// Every method of that name on a class, its ancestors and (for abstract types) interfaces.
fn methods_named(b: &Body, class: ClassId, key: &str) -> Vec<MethodId> {
    let program = &b.c.program;
    let mut out = Vec::new();
    let mut stack = vec![class];
    let mut seen = Vec::new();
    while let Some(id) = stack.pop() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let info = program.class(id);
        if let Some(ms) = info.methods.get(key) {
            for m in ms {
                let sig = program.method(*m).sig;
                if !out.iter().any(|o: &MethodId| program.method(*o).sig == sig) {
                    out.push(*m);
                }
            }
        }
        stack.extend(info.interfaces.iter().rev());
        if let Some(p) = info.parent {
            stack.push(p);
        }
    }
    out
}

/// Picks the overload for the argument types: an exact match, else the closest one that
/// accepts them all with widening.
fn choose(b: &Body, candidates: &[MethodId], args: &Args) -> Option<MethodId> {
    let program = &b.c.program;
    let fits: Vec<(MethodId, u32)> = candidates
        .iter()
        .filter(|m| program.method(**m).params.len() == args.len())
        .filter_map(|m| {
            let params = &program.method(*m).params;
            let mut cost = 0;
            for (param, arg) in params.iter().zip(args) {
                if param == &arg.1 {
                    continue;
                }
                if !types::assignable(b.c, &arg.1, param) {
                    return None;
                }
                cost += widening_cost(&arg.1, param);
            }
            Some((*m, cost))
        })
        .collect();
    fits.iter().min_by_key(|(_, cost)| *cost).map(|(m, _)| *m)
}

fn widening_cost(from: &Ty, to: &Ty) -> u32 {
    match (from.numeric_rank(), to.numeric_rank()) {
        (Some(a), Some(b)) if b >= a => (b - a) as u32,
        _ if *to == Ty::Object => 10,
        _ if from.is_loose() => 5,
        _ => 1,
    }
}

fn coerce_args(b: &mut Body, method: MethodId, args: Args) -> Vec<Expr> {
    let params = b.c.program.method(method).params.clone();
    args.into_iter().zip(params).map(|((e, t, span), p)| coerce(b, e, &t, &p, span)).collect()
}

/// `new ...` in all its forms.
pub(super) fn new(b: &mut Body, new: &ast::New, span: Span) -> (Expr, Ty) {
    match new {
        ast::New::Object { ty, args } => {
            let ty_resolved = b.resolve_type(ty);
            if let Ty::SObject(object) = &ty_resolved {
                return new_sobject(b, object.clone(), args, span);
            }
            let field_args = matches!(ty_resolved, Ty::SObject(_) | Ty::Any | Ty::System(_));
            let compiled: Args = args
                .iter()
                .map(|a| {
                    // `new Account(Name = 'x')` names fields: only the values are expressions.
                    let value = match &a.node {
                        ast::Expr::Assign { op: None, target, value }
                            if field_args && matches!(target.node, ast::Expr::Name(_)) =>
                        {
                            value
                        }
                        _ => a,
                    };
                    let (e, t) = compile_expr(b, value);
                    (e, t, a.span)
                })
                .collect();
            new_object(b, ty_resolved, compiled, span)
        }
        ast::New::Collection { ty, items } => {
            let ty = b.resolve_type(ty);
            let element = ty.element().cloned().unwrap_or(Ty::Any);
            let items = items
                .iter()
                .map(|i| {
                    let (e, t) = compile_expr(b, i);
                    coerce(b, e, &t, &element, i.span)
                })
                .collect();
            let expr = match &ty {
                Ty::Set(_) => NewExpr::Set { ty: ty.clone(), items },
                Ty::List(_) => NewExpr::List { ty: ty.clone(), items },
                _ => {
                    b.c.error("Initializer lists are only allowed for List and Set types", span);
                    NewExpr::List { ty: ty.clone(), items }
                }
            };
            (Expr::New(Box::new(expr)), ty)
        }
        ast::New::Map { ty, entries } => {
            let ty = b.resolve_type(ty);
            let (kt, vt) = match &ty {
                Ty::Map(k, v) => ((**k).clone(), (**v).clone()),
                _ => (Ty::Any, Ty::Any),
            };
            let entries = entries
                .iter()
                .map(|(k, v)| {
                    let (ke, kty) = compile_expr(b, k);
                    let (ve, vty) = compile_expr(b, v);
                    (coerce(b, ke, &kty, &kt, k.span), coerce(b, ve, &vty, &vt, v.span))
                })
                .collect();
            (Expr::New(Box::new(NewExpr::Map { ty: ty.clone(), entries })), ty)
        }
        ast::New::Array { element, size } => {
            let element = b.resolve_type(element);
            let ty = Ty::list_of(element);
            let (size, _) = compile_expr(b, size);
            (Expr::New(Box::new(NewExpr::Array { ty: ty.clone(), size })), ty)
        }
    }
}

/// `new Account(Name = 'x', Industry = 'Tech')`: named fields only.
fn new_sobject(b: &mut Body, object: Option<String>, args: &[Spanned<ast::Expr>], span: Span) -> (Expr, Ty) {
    let ty = Ty::SObject(object.clone());
    let Some(object) = object else {
        b.c.error("Type cannot be constructed: SObject", span);
        return (Expr::Unsupported("new SObject".into()), ty);
    };
    let mut fields = Vec::with_capacity(args.len());
    for arg in args {
        let ast::Expr::Assign { op: None, target, value } = &arg.node else {
            b.c.error("Invalid initializer: fields of an sObject are set as Name = value", arg.span);
            continue;
        };
        let ast::Expr::Name(name) = &target.node else {
            b.c.error("Invalid initializer: fields of an sObject are set as Name = value", arg.span);
            continue;
        };
        let name = Spanned { node: name.clone(), span: target.span };
        let Some((spelled, field_ty)) = super::sobjects::field(b, Some(&object), &name) else {
            continue;
        };
        let (e, t) = compile_expr(b, value);
        fields.push((spelled, coerce(b, e, &t, &field_ty, value.span)));
    }
    let object = b.c.program.schema.object(&object).map_or(object, |o| o.name.clone());
    (Expr::New(Box::new(NewExpr::SObject { object, fields })), ty)
}

fn new_object(b: &mut Body, ty: Ty, args: Args, span: Span) -> (Expr, Ty) {
    match &ty {
        Ty::Class(id) => new_class(b, *id, args, span),
        Ty::List(_) | Ty::Set(_) | Ty::Map(..) if args.is_empty() => {
            let expr = match &ty {
                Ty::List(_) => NewExpr::List { ty: ty.clone(), items: Vec::new() },
                Ty::Set(_) => NewExpr::Set { ty: ty.clone(), items: Vec::new() },
                _ => NewExpr::Map { ty: ty.clone(), entries: Vec::new() },
            };
            (Expr::New(Box::new(expr)), ty)
        }
        Ty::List(_) | Ty::Set(_) | Ty::Map(..) if args.len() == 1 => {
            let source = args.into_iter().next().map(|a| a.0).unwrap_or(Expr::Const(crate::value::Value::Null));
            (Expr::New(Box::new(NewExpr::CopyOf { ty: ty.clone(), source })), ty)
        }
        Ty::Any => (Expr::Unsupported("unknown type".into()), Ty::Any),
        Ty::System(name) if crate::stdlib::system_constructors(name).is_some() => {
            let table = crate::stdlib::system_constructors(name).unwrap_or_default();
            match crate::stdlib::find(table, "new", args.len()) {
                Some(native) => (native_call(native, args.into_iter().map(|a| a.0).collect(), false), ty),
                None => {
                    let name = b.c.ty_name(&ty);
                    let types = arg_types(b, &args);
                    b.c.error(format!("Constructor not defined: [{name}].<Constructor>({types})"), span);
                    (Expr::Unsupported("constructor".into()), ty)
                }
            }
        }
        _ => {
            let what = format!("new {}", b.c.ty_name(&ty));
            b.c.unsupported(&what, span);
            (Expr::Unsupported(what), ty)
        }
    }
}

fn new_class(b: &mut Body, id: ClassId, args: Args, span: Span) -> (Expr, Ty) {
    let info = b.c.program.class(id);
    let name = b.c.program.class_display(id);
    if info.kind != ClassKind::Class {
        b.c.error(format!("Type cannot be constructed: {name}"), span);
        return (Expr::Unsupported("construct".into()), Ty::Class(id));
    }
    let (ctors, is_exception, is_abstract) = (info.constructors.clone(), info.is_exception, info.is_abstract);
    if is_abstract {
        b.c.error(format!("Abstract classes cannot be constructed: {name}"), span);
    }
    if let Some(ctor) = choose(b, &ctors, &args) {
        let args = coerce_args(b, ctor, args);
        return (Expr::New(Box::new(NewExpr::Object { class: id, ctor: Some(ctor), args })), Ty::Class(id));
    }
    if is_exception && args.len() <= 2 {
        let args = args.into_iter().map(|a| a.0).collect();
        return (Expr::New(Box::new(NewExpr::Exception { class: id, args })), Ty::Class(id));
    }
    if ctors.is_empty() && args.is_empty() {
        return (Expr::New(Box::new(NewExpr::Object { class: id, ctor: None, args: Vec::new() })), Ty::Class(id));
    }
    let types = arg_types(b, &args);
    b.c.error(format!("Constructor not defined: [{name}].<Constructor>({types})"), span);
    (Expr::Unsupported("constructor".into()), Ty::Class(id))
}
