//! Member layout and method bodies: the per-method compile context (scopes, local slots,
//! the return type) and the work list of bodies to compile after every signature is known.

use super::declare::{self, add_property, method_info};
use super::{stmt, types, Compiler, SourceUnit};
use crate::ir::{self, Expr, MethodId, Place, StmtKind};
use crate::program::{ClassInfo, ClassKind, FieldInfo, Future, MethodKind, PropertyInfo};
use crate::types::{ClassId, Ty};
use apex_syntax::ast::{self, AnonymousItem, Block, Member, Modifier, Param, Unit};
use apex_syntax::{Span, Spanned};

/// A body to compile once all signatures are known.
pub(super) enum Work<'a> {
    Method { id: MethodId, params: &'a [Spanned<Param>], body: &'a Spanned<Block> },
    Setter { id: MethodId, body: &'a Spanned<Block> },
    Init { id: MethodId, pieces: Vec<InitPiece<'a>> },
}

/// One piece of class initialization, in source order.
pub(super) enum InitPiece<'a> {
    Field { slot: u32, ty: Ty, init: &'a Spanned<ast::Expr> },
    Block(&'a Spanned<Block>),
}

/// The compile context of one method body.
pub(super) struct Body<'c> {
    pub c: &'c mut Compiler,
    pub class: Option<ClassId>,
    pub is_static: bool,
    pub method: MethodId,
    pub ret: Ty,
    scopes: Vec<Vec<Local>>,
    next_slot: u32,
    pub max_slot: u32,
    pub loops: u32,
}

pub(super) struct Local {
    pub name: String,
    pub slot: u32,
    pub ty: Ty,
}

impl<'c> Body<'c> {
    pub fn new(c: &'c mut Compiler, method: MethodId) -> Body<'c> {
        let info = c.program.method(method);
        let (class, is_static, ret) = (info.class, info.is_static, info.ret.clone());
        Body { c, class, is_static, method, ret, scopes: vec![Vec::new()], next_slot: 0, max_slot: 0, loops: 0 }
    }

    pub fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub fn pop_scope(&mut self) {
        if let Some(scope) = self.scopes.pop() {
            if let Some(first) = scope.first() {
                self.next_slot = first.slot;
            }
        }
    }

    /// Declares a local in the innermost scope; Apex forbids shadowing any enclosing local.
    pub fn declare(&mut self, name: &Spanned<ast::Ident>, ty: Ty) -> u32 {
        let key = name.as_str().to_ascii_lowercase();
        if self.lookup(&key).is_some() {
            self.c.error(format!("Duplicate variable: {}", name.as_str()), name.span);
        }
        let slot = self.next_slot;
        self.next_slot += 1;
        self.max_slot = self.max_slot.max(self.next_slot);
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Local { name: key, slot, ty });
        }
        slot
    }

    /// A hidden local for the compiler's own use (never found by name).
    pub fn temp(&mut self) -> u32 {
        let slot = self.next_slot;
        self.next_slot += 1;
        self.max_slot = self.max_slot.max(self.next_slot);
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(Local { name: String::new(), slot, ty: Ty::Any });
        }
        slot
    }

    pub fn lookup(&self, key: &str) -> Option<&Local> {
        self.scopes.iter().rev().flat_map(|s| s.iter().rev()).find(|l| !l.name.is_empty() && l.name == key)
    }

    /// Every named local in scope with its slot, the innermost of each name.
    pub fn visible_locals(&self) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = Vec::new();
        for local in self.scopes.iter().rev().flat_map(|s| s.iter().rev()) {
            if !local.name.is_empty() && !out.iter().any(|(n, _)| *n == local.name) {
                out.push((local.name.clone(), local.slot));
            }
        }
        out
    }

    pub fn resolve_type(&mut self, ty: &Spanned<ast::TypeRef>) -> Ty {
        types::resolve(self.c, &ty.node, self.class, ty.span)
    }
}

/// Lays out a class's members: fields, properties, methods, constructors, initializers.
pub(super) fn layout_members<'a>(
    c: &mut Compiler,
    class: ClassId,
    members: &'a [Spanned<Member>],
    work: &mut Vec<Work<'a>>,
) {
    let mut instance = Vec::new();
    let mut statics = Vec::new();
    for member in members {
        match &member.node {
            Member::Field(field) => {
                let ty = types::resolve(c, &field.ty.node, Some(class), field.ty.span);
                let is_static = field.modifiers.has(Modifier::Static);
                for decl in &field.declarators {
                    let is_transient = field.modifiers.has(Modifier::Transient);
                    let info = FieldInfo { name: decl.name.as_str().to_string(), ty: ty.clone(), is_transient };
                    let list = &mut c.program.classes[class.0 as usize];
                    let slot = if is_static {
                        list.statics.push(info);
                        list.statics.len() - 1
                    } else {
                        list.fields.push(info);
                        list.fields.len() - 1
                    } as u32;
                    if let Some(init) = &decl.init {
                        let piece = InitPiece::Field { slot, ty: ty.clone(), init };
                        if is_static {
                            statics.push(piece)
                        } else {
                            instance.push(piece)
                        }
                    }
                }
            }
            Member::Property(p) => layout_property(c, class, p, work),
            Member::Method(m) => {
                declare_method(c, class, m, false, work);
            }
            Member::Constructor(ctor) => {
                let mut info = method_info(ctor.name.as_str(), class, MethodKind::Constructor, ctor.name.span);
                info.params =
                    ctor.params.iter().map(|p| types::resolve(c, &p.ty.node, Some(class), p.ty.span)).collect();
                info.chains_to_this = starts_with_call(&ctor.body.node, "this");
                info.chains_to_super = starts_with_call(&ctor.body.node, "super");
                let id = c.add_method(info);
                c.program.classes[class.0 as usize].constructors.push(id);
                work.push(Work::Method { id, params: &ctor.params, body: &ctor.body });
            }
            Member::Initializer { is_static, body } => {
                if *is_static {
                    statics.push(InitPiece::Block(body))
                } else {
                    instance.push(InitPiece::Block(body))
                }
            }
            Member::Type(_) | Member::Error => {}
        }
    }
    for (pieces, is_static) in [(instance, false), (statics, true)] {
        if pieces.is_empty() {
            continue;
        }
        let span = c.program.class(class).span;
        let mut info = method_info("<init>", class, MethodKind::Initializer, span);
        info.is_static = is_static;
        let id = c.add_method(info);
        let class_info = &mut c.program.classes[class.0 as usize];
        if is_static {
            class_info.static_init = Some(id)
        } else {
            class_info.instance_init = Some(id)
        }
        work.push(Work::Init { id, pieces });
    }
}

fn starts_with_call(body: &Block, keyword: &str) -> bool {
    matches!(body.stmts.first().map(|s| &s.node),
        Some(ast::Stmt::Expr(e)) if matches!(&e.node, ast::Expr::Call { target: None, name, .. } if name.eq_ignore_case(keyword)))
}

fn layout_property<'a>(c: &mut Compiler, class: ClassId, p: &'a ast::Property, work: &mut Vec<Work<'a>>) {
    let ty = types::resolve(c, &p.ty.node, Some(class), p.ty.span);
    let is_static = p.modifiers.has(Modifier::Static);
    let mut property = PropertyInfo {
        name: p.name.as_str().to_string(),
        ty: ty.clone(),
        is_static,
        slot: 0,
        getter: None,
        setter: None,
    };
    if let Some(body) = p.getter.as_ref().and_then(|g| g.body.as_ref()) {
        let mut info = method_info(p.name.as_str(), class, MethodKind::Getter, body.span);
        info.is_static = is_static;
        info.ret = ty.clone();
        let id = c.add_method(info);
        property.getter = Some(id);
        work.push(Work::Method { id, params: &[], body });
    }
    if let Some(body) = p.setter.as_ref().and_then(|s| s.body.as_ref()) {
        let mut info = method_info(p.name.as_str(), class, MethodKind::Setter, body.span);
        info.is_static = is_static;
        info.params = vec![ty.clone()];
        let id = c.add_method(info);
        property.setter = Some(id);
        work.push(Work::Setter { id, body });
    }
    add_property(c, class, property, p.modifiers.has(Modifier::Transient));
}

/// Declares a method's signature on its class.
pub(super) fn declare_method<'a>(
    c: &mut Compiler,
    class: ClassId,
    m: &'a ast::Method,
    interface: bool,
    work: &mut Vec<Work<'a>>,
) -> MethodId {
    let mut info = method_info(m.name.as_str(), class, MethodKind::Method, m.name.span);
    info.params = m.params.iter().map(|p| types::resolve(c, &p.ty.node, Some(class), p.ty.span)).collect();
    info.param_names = m.params.iter().map(|p| p.name.as_str().to_string()).collect();
    info.ret = types::resolve(c, &m.return_type.node, Some(class), m.return_type.span);
    info.is_static = m.modifiers.has(Modifier::Static);
    info.is_abstract = interface || m.body.is_none();
    info.future = future_of(&m.modifiers).filter(|_| info.is_static);
    info.sig = c.intern_sig(c.sig_key(m.name.as_str(), &info.params));
    let id = c.add_method(info);
    let key = m.name.as_str().to_ascii_lowercase();
    c.program.classes[class.0 as usize].methods.entry(key).or_default().push(id);
    if let Some(body) = &m.body {
        work.push(Work::Method { id, params: &m.params, body });
    }
    id
}

/// `@future` or `@future(callout=true)` on a method.
fn future_of(modifiers: &ast::Modifiers) -> Option<Future> {
    let annotation = modifiers.annotation("future")?;
    let callout = annotation.params.iter().any(|p| {
        p.node.key.as_ref().is_some_and(|k| k.eq_ignore_case("callout"))
            && matches!(p.node.value.node, ast::Expr::Literal(ast::Literal::Boolean(true)))
    });
    Some(Future { callout })
}

/// Compiles every collected body.
pub(super) fn compile_bodies(c: &mut Compiler, work: Vec<Work>) {
    for item in work {
        match item {
            Work::Method { id, params, body } => compile_method(c, id, params, body),
            Work::Setter { id, body } => compile_setter(c, id, body),
            Work::Init { id, pieces } => compile_init(c, id, &pieces),
        }
    }
}

fn compile_method(c: &mut Compiler, id: MethodId, params: &[Spanned<Param>], body: &Spanned<Block>) {
    let param_tys = c.program.method(id).params.clone();
    let mut b = Body::new(c, id);
    for (param, ty) in params.iter().zip(param_tys) {
        b.declare(&param.name, ty);
    }
    let stmts = stmt::compile_block_stmts(&mut b, &body.node);
    let needs_return = !matches!(b.ret, Ty::Void) && b.c.program.method(id).kind == MethodKind::Method;
    if needs_return && stmt::can_complete(&body.node) {
        let ret = b.c.ty_name(&b.ret);
        let span = Span::new(body.span.file, body.span.end.saturating_sub(1), body.span.end);
        b.c.error(format!("Missing return statement required return type: {ret}"), span);
    }
    finish(b, stmts);
}

fn compile_setter(c: &mut Compiler, id: MethodId, body: &Spanned<Block>) {
    let ty = c.program.method(id).params.first().cloned().unwrap_or(Ty::Any);
    let mut b = Body::new(c, id);
    let value = Spanned::new(ast::Ident("value".into()), body.span);
    b.declare(&value, ty);
    let stmts = stmt::compile_block_stmts(&mut b, &body.node);
    finish(b, stmts);
}

fn compile_init(c: &mut Compiler, id: MethodId, pieces: &[InitPiece]) {
    let mut b = Body::new(c, id);
    let class = b.class.unwrap_or(ClassId(0));
    let mut stmts = Vec::new();
    for piece in pieces {
        match piece {
            InitPiece::Field { slot, ty, init } => {
                let value = super::expr::compile_coerced(&mut b, init, ty, "assignment");
                let place = if b.is_static { Place::Static(class, *slot) } else { Place::Field(Expr::This, *slot) };
                let kind = StmtKind::Expr(Expr::Assign(Box::new(place), Box::new(value)));
                stmts.push(ir::Stmt { kind, span: init.span });
            }
            InitPiece::Block(block) => {
                b.push_scope();
                let body = stmt::compile_block_stmts(&mut b, &block.node);
                b.pop_scope();
                stmts.push(ir::Stmt { kind: StmtKind::Block(body), span: block.span });
            }
        }
    }
    finish(b, stmts);
}

fn finish(b: Body, stmts: Vec<ir::Stmt>) {
    let frame = b.max_slot;
    let method = &mut b.c.program.methods[b.method.0 as usize];
    method.frame_size = frame;
    method.body = stmts;
}

/// Compiles the anonymous script, if any, into the program's script method. Its own method
/// declarations become static methods of a hidden `AnonymousBlock` class.
pub(super) fn compile_script(c: &mut Compiler, units: &[SourceUnit]) {
    let Some((items, file)) = units.iter().find_map(|u| match u.unit {
        Unit::Anonymous(items) => Some((items, u.file)),
        _ => None,
    }) else {
        return;
    };
    let block_class = ClassId(c.program.classes.len() as u32);
    let span = Span::new(file, 0, 0);
    c.program.classes.push(ClassInfo::new("AnonymousBlock".into(), ClassKind::Class, span));
    let mut work = Vec::new();
    for item in items {
        if let AnonymousItem::Method(m) = &item.node {
            let id = declare_method(c, block_class, m, false, &mut work);
            c.program.methods[id.0 as usize].is_static = true;
        }
    }
    declare::build_vtables(&mut c.program);
    compile_bodies(c, work);
    let mut info = method_info("AnonymousBlock", block_class, MethodKind::Script, span);
    info.is_static = true;
    let id = c.add_method(info);
    let mut b = Body::new(c, id);
    let block = Block {
        stmts: items
            .iter()
            .filter_map(|i| match &i.node {
                AnonymousItem::Statement(s) => Some(Spanned::new(s.clone(), i.span)),
                _ => None,
            })
            .collect(),
    };
    let stmts = stmt::compile_block_stmts(&mut b, &block);
    finish(b, stmts);
    c.program.script = Some(id);
}
