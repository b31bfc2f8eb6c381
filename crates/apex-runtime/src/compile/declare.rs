//! Declaration phases: the built-in types, every user type's name, then each class's layout
//! (parent, fields, properties, method signatures) and finally the dispatch tables.

use super::body::Work;
use super::{types, Compiler, SourceUnit};
use crate::eval::SysExc;
use crate::ir::MethodId;
use crate::program::{ClassInfo, ClassKind, FieldInfo, MethodInfo, MethodKind, Program, PropertyInfo};
use crate::stdlib::SysEnum;
use crate::types::{ClassId, Ty};
use apex_syntax::ast::{AnonymousItem, Member, Modifier, TypeDecl, TypeRef, Unit};
use apex_syntax::{Span, Spanned};

/// Hidden instance fields every exception has, in slot order.
pub const EXCEPTION_FIELDS: [&str; 5] = ["#message", "#cause", "#stack", "#line", "#dml"];
pub const MESSAGE_SLOT: usize = 0;
pub const CAUSE_SLOT: usize = 1;
pub const STACK_SLOT: usize = 2;
pub const LINE_SLOT: usize = 3;
/// A DmlException's failed rows.
pub const DML_SLOT: usize = 4;

/// A user type waiting for layout and body compilation.
pub(super) struct Pending<'a> {
    pub id: ClassId,
    pub decl: &'a TypeDecl,
}

/// Adds `System.Exception`, the built-in exceptions and the system enums at fixed ids.
pub fn add_builtins(program: &mut Program) {
    for (index, exc) in SysExc::ALL.iter().enumerate() {
        let mut class = ClassInfo::new(exc.name().to_string(), ClassKind::Class, Span::default());
        class.is_system = true;
        class.is_exception = true;
        class.is_virtual = true;
        class.parent = (index > 0).then_some(ClassId(0));
        class.fields = EXCEPTION_FIELDS
            .iter()
            .map(|name| FieldInfo { name: name.to_string(), ty: Ty::Object, is_transient: false })
            .collect();
        program.class_names.insert(format!("system.{}", exc.name().to_ascii_lowercase()), ClassId(index as u32));
        program.classes.push(class);
    }
    for sys_enum in SysEnum::ALL {
        let mut class = ClassInfo::new(sys_enum.name().to_string(), ClassKind::Enum, Span::default());
        class.is_system = true;
        class.enum_constants = sys_enum.constants().iter().map(|c| c.to_string()).collect();
        let id = ClassId(program.classes.len() as u32);
        program.class_names.insert(format!("system.{}", sys_enum.name().to_ascii_lowercase()), id);
        program.classes.push(class);
    }
}

/// Gives every user type (top-level, inner and script-local) an id and a name.
pub(super) fn declare_types<'a>(compiler: &mut Compiler, units: &[SourceUnit<'a>]) -> Vec<Pending<'a>> {
    let mut pending = Vec::new();
    for unit in units {
        match unit.unit {
            Unit::Type(decl) => declare(compiler, &decl.node, None, &mut pending),
            Unit::Anonymous(items) => {
                for item in items {
                    if let AnonymousItem::Type(decl) = &item.node {
                        declare(compiler, decl, None, &mut pending);
                    }
                }
            }
            Unit::Trigger(trigger) => compiler.unsupported("Triggers", trigger.span),
            Unit::Empty => {}
        }
    }
    pending
}

fn declare<'a>(compiler: &mut Compiler, decl: &'a TypeDecl, outer: Option<ClassId>, pending: &mut Vec<Pending<'a>>) {
    let name = decl.name();
    let kind = match decl {
        TypeDecl::Class(_) => ClassKind::Class,
        TypeDecl::Interface(_) => ClassKind::Interface,
        TypeDecl::Enum(_) => ClassKind::Enum,
    };
    let program = &mut compiler.program;
    let id = ClassId(program.classes.len() as u32);
    let display = match outer {
        Some(o) => format!("{}.{}", program.class(o).name, name.as_str()),
        None => name.as_str().to_string(),
    };
    let mut class = ClassInfo::new(display, kind, name.span);
    class.outer = outer;
    let key = name.as_str().to_ascii_lowercase();
    let duplicate = match outer {
        Some(o) => program.classes[o.0 as usize].inner.insert(key, id).is_some(),
        None => program.class_names.insert(key, id).is_some(),
    };
    program.classes.push(class);
    if duplicate {
        compiler.error(format!("Duplicate type name: {}", name.as_str()), name.span);
    }
    pending.push(Pending { id, decl });
    if let TypeDecl::Class(c) = decl {
        for member in &c.members {
            if let Member::Type(inner) = &member.node {
                declare(compiler, inner, Some(id), pending);
            }
        }
    }
}

/// Lays out every pending type, parents first, and collects the bodies to compile.
pub(super) fn layout_all<'a>(compiler: &mut Compiler, pending: &[Pending<'a>]) -> Vec<Work<'a>> {
    let mut state = vec![0u8; compiler.program.classes.len()];
    let mut work = Vec::new();
    for index in 0..pending.len() {
        layout(compiler, pending, index, &mut state, &mut work);
    }
    work
}

fn layout<'a>(
    compiler: &mut Compiler,
    pending: &[Pending<'a>],
    index: usize,
    state: &mut [u8],
    work: &mut Vec<Work<'a>>,
) {
    let Pending { id, decl, .. } = pending[index];
    if state[id.0 as usize] != 0 {
        return;
    }
    state[id.0 as usize] = 1;
    match decl {
        TypeDecl::Class(class) => {
            if let Some(ext) = &class.extends {
                let parent = types::resolve(compiler, &ext.node, Some(id), ext.span);
                if let Ty::Class(parent_id) = parent {
                    if let Some(p) = pending.iter().position(|p| p.id == parent_id) {
                        if state[parent_id.0 as usize] == 1 {
                            compiler.error(format!("Cyclic inheritance: {}", class.name.as_str()), ext.span);
                        } else {
                            layout(compiler, pending, p, state, work);
                        }
                    }
                    inherit(compiler, id, parent_id, ext.span);
                }
            }
            for imp in &class.implements {
                implement(compiler, id, imp);
            }
            let info = &mut compiler.program.classes[id.0 as usize];
            info.is_abstract = class.modifiers.has(Modifier::Abstract);
            info.is_virtual = class.modifiers.has(Modifier::Virtual) || info.is_abstract;
            super::body::layout_members(compiler, id, &class.members, work);
        }
        TypeDecl::Interface(interface) => {
            for ext in &interface.extends {
                implement(compiler, id, ext);
            }
            for method in &interface.methods {
                super::body::declare_method(compiler, id, &method.node, true, work);
            }
        }
        TypeDecl::Enum(e) => {
            compiler.program.classes[id.0 as usize].enum_constants =
                e.values.iter().map(|v| v.as_str().to_string()).collect();
        }
    }
    state[id.0 as usize] = 2;
}

/// Records an interface of `id`: a user interface by id, a system one (`Queueable`,
/// `Database.AllowsCallouts`) by its case-folded name.
fn implement(compiler: &mut Compiler, id: ClassId, interface: &Spanned<TypeRef>) {
    let info = match types::resolve(compiler, &interface.node, Some(id), interface.span) {
        Ty::Class(i) => return compiler.program.classes[id.0 as usize].interfaces.push(i),
        Ty::System(_) | Ty::Any => &mut compiler.program.classes[id.0 as usize],
        _ => return,
    };
    let written: Vec<String> = interface.node.parts.iter().map(|p| p.name.as_str().to_ascii_lowercase()).collect();
    let name = written.join(".");
    let name = name.strip_prefix("system.").unwrap_or(&name).to_string();
    info.system_interfaces.push(name);
}

fn inherit(compiler: &mut Compiler, id: ClassId, parent: ClassId, span: Span) {
    let parent_info = compiler.program.class(parent);
    let (fields, is_exception, extendable) = (
        parent_info.fields.clone(),
        parent_info.is_exception,
        parent_info.is_virtual || parent_info.kind == ClassKind::Interface,
    );
    let parent_name = parent_info.name.clone();
    if !extendable {
        compiler.error(format!("Non-virtual and non-abstract type cannot be extended: {parent_name}"), span);
    }
    let info = &mut compiler.program.classes[id.0 as usize];
    info.parent = Some(parent);
    info.fields = fields;
    info.is_exception = is_exception;
    if is_exception && !info.name.to_ascii_lowercase().ends_with("exception") {
        let name = info.name.clone();
        compiler.error(format!("Classes extending Exception must have a name ending in 'Exception': {name}"), span);
    }
}

/// Adds a property's storage and accessors to a class.
pub(super) fn add_property(compiler: &mut Compiler, class: ClassId, mut property: PropertyInfo, is_transient: bool) {
    let field = FieldInfo { name: property.name.clone(), ty: property.ty.clone(), is_transient };
    let info = &mut compiler.program.classes[class.0 as usize];
    if property.is_static {
        info.statics.push(field);
        property.slot = info.statics.len() as u32 - 1;
    } else {
        info.fields.push(field);
        property.slot = info.fields.len() as u32 - 1;
    }
    info.properties.insert(property.name.to_ascii_lowercase(), property);
}

/// Builds each class's dispatch table: the parent's entries, then the class's own methods.
pub fn build_vtables(program: &mut Program) {
    let order = topological(program);
    for id in order {
        let mut table = match program.class(id).parent {
            Some(p) => program.class(p).vtable.clone(),
            None => Default::default(),
        };
        let own: Vec<MethodId> = program.class(id).methods.values().flatten().copied().collect();
        for m in own {
            let method = program.method(m);
            if method.kind == MethodKind::Method && !method.is_abstract {
                table.insert(method.sig, m);
            }
        }
        program.classes[id.0 as usize].vtable = table;
    }
}

fn topological(program: &Program) -> Vec<ClassId> {
    let mut order = Vec::with_capacity(program.classes.len());
    let mut seen = vec![false; program.classes.len()];
    for start in 0..program.classes.len() {
        let mut chain = Vec::new();
        let mut current = Some(ClassId(start as u32));
        while let Some(id) = current {
            if seen[id.0 as usize] || chain.contains(&id) {
                break;
            }
            chain.push(id);
            current = program.class(id).parent;
        }
        for id in chain.into_iter().rev() {
            seen[id.0 as usize] = true;
            order.push(id);
        }
    }
    order
}

/// A method record with no body yet.
pub(super) fn method_info(name: &str, class: ClassId, kind: MethodKind, span: Span) -> MethodInfo {
    MethodInfo {
        name: name.to_string(),
        class: Some(class),
        kind,
        is_static: false,
        is_abstract: false,
        params: Vec::new(),
        param_names: Vec::new(),
        ret: Ty::Void,
        sig: crate::ir::SigId(u32::MAX),
        frame_size: 0,
        body: Vec::new(),
        chains_to_this: false,
        chains_to_super: false,
        future: None,
        span,
    }
}
