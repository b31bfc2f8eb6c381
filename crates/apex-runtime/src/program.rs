//! A compiled program: the class table, the methods and the anonymous script, ready to run.

use crate::ir::{MethodId, SigId, Stmt};
use crate::types::{ClassId, Ty};
use apex_syntax::{FileId, Span};
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    Class,
    Interface,
    Enum,
}

/// A field or the storage of an automatic property.
#[derive(Clone, Debug)]
pub struct FieldInfo {
    pub name: String,
    pub ty: Ty,
    /// Declared `transient`: left out of JSON.
    pub is_transient: bool,
}

/// A property: storage slot plus optional accessor methods (for bodies).
#[derive(Clone, Debug)]
pub struct PropertyInfo {
    pub name: String,
    pub ty: Ty,
    pub is_static: bool,
    /// Slot of the backing storage (instance or static, per `is_static`).
    pub slot: u32,
    pub getter: Option<MethodId>,
    pub setter: Option<MethodId>,
}

#[derive(Debug)]
pub struct ClassInfo {
    /// The name as written, dotted for inner types (`Outer.Inner`).
    pub name: String,
    pub kind: ClassKind,
    pub outer: Option<ClassId>,
    pub parent: Option<ClassId>,
    pub interfaces: Vec<ClassId>,
    /// System interfaces it implements, case-folded without `System.` (`queueable`,
    /// `database.allowscallouts`).
    pub system_interfaces: Vec<String>,
    pub is_abstract: bool,
    pub is_virtual: bool,
    /// A built-in `System.*` type (exceptions, system enums).
    pub is_system: bool,
    pub is_exception: bool,
    /// Instance fields including inherited ones; the slot is the index.
    pub fields: Vec<FieldInfo>,
    pub statics: Vec<FieldInfo>,
    /// Case-folded member name to property, for this class only (lookup walks parents).
    pub properties: FxHashMap<String, PropertyInfo>,
    /// Case-folded method name to overloads declared in this class.
    pub methods: FxHashMap<String, Vec<MethodId>>,
    pub constructors: Vec<MethodId>,
    /// Field initializers and instance initializer blocks, in source order.
    pub instance_init: Option<MethodId>,
    pub static_init: Option<MethodId>,
    /// The method each signature dispatches to for objects of exactly this class.
    pub vtable: FxHashMap<SigId, MethodId>,
    pub enum_constants: Vec<String>,
    pub inner: FxHashMap<String, ClassId>,
    pub span: Span,
}

impl ClassInfo {
    pub fn new(name: String, kind: ClassKind, span: Span) -> ClassInfo {
        ClassInfo {
            name,
            kind,
            outer: None,
            parent: None,
            interfaces: Vec::new(),
            system_interfaces: Vec::new(),
            is_abstract: false,
            is_virtual: false,
            is_system: false,
            is_exception: false,
            fields: Vec::new(),
            statics: Vec::new(),
            properties: FxHashMap::default(),
            methods: FxHashMap::default(),
            constructors: Vec::new(),
            instance_init: None,
            static_init: None,
            vtable: FxHashMap::default(),
            enum_constants: Vec::new(),
            inner: FxHashMap::default(),
            span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Constructor,
    Getter,
    Setter,
    /// Instance or static initialization of a class.
    Initializer,
    /// The statements of an anonymous script.
    Script,
}

#[derive(Debug)]
pub struct MethodInfo {
    pub name: String,
    pub class: Option<ClassId>,
    pub kind: MethodKind,
    pub is_static: bool,
    pub is_abstract: bool,
    pub params: Vec<Ty>,
    /// The parameters' names as declared (methods only), for `StubProvider.handleMethodCall`.
    pub param_names: Vec<String>,
    pub ret: Ty,
    pub sig: SigId,
    /// Locals (parameters first) the frame needs.
    pub frame_size: u32,
    pub body: Vec<Stmt>,
    /// For constructors: the explicit `this(...)`/`super(...)` call, when the body starts
    /// with one. Without it the parent's no-argument constructor runs first.
    pub chains_to_this: bool,
    /// For constructors: the body starts with `super(...)`.
    pub chains_to_super: bool,
    /// `@future` on a static method: calling it queues the call.
    pub future: Option<Future>,
    pub span: Span,
}

/// What a method's `@future` annotation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Future {
    /// `@future(callout=true)`: the queued call may make callouts.
    pub callout: bool,
}

/// Everything needed to run: classes, methods and the script, if any.
#[derive(Debug, Default)]
pub struct Program {
    pub classes: Vec<ClassInfo>,
    pub methods: Vec<MethodInfo>,
    /// Case-folded top-level type names.
    pub class_names: FxHashMap<String, ClassId>,
    pub signatures: FxHashMap<String, SigId>,
    pub script: Option<MethodId>,
    /// Byte offsets of line starts per file, for line and column numbers.
    pub lines: FxHashMap<FileId, Vec<u32>>,
    /// The org's objects and fields, for sObject field types.
    pub schema: apex_data::Schema,
    /// The org's External Service registrations, by the index their methods call with.
    pub external_services: Vec<apex_external_services::Service>,
}

impl Program {
    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, span: Span) -> (u32, u32) {
        let Some(starts) = self.lines.get(&span.file) else {
            return (1, 1);
        };
        let line = starts.partition_point(|s| *s <= span.start).max(1);
        let col = span.start - starts[line - 1] + 1;
        (line as u32, col)
    }

    pub fn class(&self, id: ClassId) -> &ClassInfo {
        &self.classes[id.0 as usize]
    }

    pub fn method(&self, id: MethodId) -> &MethodInfo {
        &self.methods[id.0 as usize]
    }

    /// True when `class` is `ancestor` or inherits from or implements it.
    pub fn is_subclass(&self, class: ClassId, ancestor: ClassId) -> bool {
        let mut current = Some(class);
        while let Some(id) = current {
            if id == ancestor {
                return true;
            }
            let info = self.class(id);
            if info.interfaces.iter().any(|i| self.is_subclass(*i, ancestor)) {
                return true;
            }
            current = info.parent;
        }
        false
    }

    /// The name Apex prints for a type (`getTypeName`, cast messages).
    pub fn ty_name(&self, ty: &Ty) -> String {
        let mut out = String::new();
        let _ = crate::types::write_ty(&mut out, ty, &|id| self.class_display(id), false);
        out
    }

    /// The run-time name of a type, with `ANY` for Object (`List<ANY>`).
    pub fn runtime_ty_name(&self, ty: &Ty) -> String {
        let mut out = String::new();
        let _ = crate::types::write_ty(&mut out, ty, &|id| self.class_display(id), true);
        out
    }

    /// `System.ListException` for built-ins, `Outer.Inner` for user types.
    pub fn class_display(&self, id: ClassId) -> String {
        let class = self.class(id);
        if class.is_system {
            format!("System.{}", class.name)
        } else {
            class.name.clone()
        }
    }

    /// Whether `class`, a parent or one of their interfaces implements the system interface
    /// `name` (case-folded, without `System.`).
    pub fn implements_system(&self, class: ClassId, name: &str) -> bool {
        let mut current = Some(class);
        while let Some(id) = current {
            let info = self.class(id);
            if info.system_interfaces.iter().any(|i| i == name)
                || info.interfaces.iter().any(|i| self.implements_system(*i, name))
            {
                return true;
            }
            current = info.parent;
        }
        false
    }

    /// Whether any class has an instance property with a `get` body: user code that reading
    /// an object's members (as JSON serialization does) may run.
    pub fn has_instance_getters(&self) -> bool {
        self.classes.iter().any(|c| c.properties.values().any(|p| !p.is_static && p.getter.is_some()))
    }

    /// Finds a property on `class` or its ancestors.
    pub fn find_property(&self, class: ClassId, name: &str) -> Option<&PropertyInfo> {
        let mut current = Some(class);
        while let Some(id) = current {
            let info = self.class(id);
            if let Some(p) = info.properties.get(name) {
                return Some(p);
            }
            current = info.parent;
        }
        None
    }

    /// `Type.forName(name)`: a user type by (dotted) name, or a system type.
    pub fn type_by_name(&self, name: &str) -> Option<Ty> {
        let lower = name.to_ascii_lowercase();
        let builtin = match lower.strip_prefix("system.").unwrap_or(&lower) {
            "string" => Some(Ty::String),
            "integer" => Some(Ty::Integer),
            "long" => Some(Ty::Long),
            "double" => Some(Ty::Double),
            "decimal" => Some(Ty::Decimal),
            "boolean" => Some(Ty::Boolean),
            "id" => Some(Ty::Id),
            "date" => Some(Ty::Date),
            "datetime" => Some(Ty::Datetime),
            "time" => Some(Ty::Time),
            "blob" => Some(Ty::Blob),
            "object" => Some(Ty::Object),
            _ => None,
        };
        if builtin.is_some() && !self.class_names.contains_key(&lower) {
            return builtin;
        }
        self.class_by_name(&lower).map(Ty::Class).or_else(|| self.sobject_by_name(&lower))
    }

    /// A user class (or a system class the program declares) by lower-cased dotted name.
    fn class_by_name(&self, lower: &str) -> Option<ClassId> {
        let mut parts = lower.split('.');
        let first = parts.next()?;
        let mut id = *self.class_names.get(first).or_else(|| self.class_names.get(&format!("system.{first}")))?;
        for part in parts {
            id = *self.class(id).inner.get(part)?;
        }
        Some(id)
    }

    /// An sObject type by name (`Account`, `Schema.Account`), or the generic `SObject`.
    fn sobject_by_name(&self, lower: &str) -> Option<Ty> {
        let name = lower.strip_prefix("schema.").unwrap_or(lower);
        if name == "sobject" {
            return Some(Ty::SObject(None));
        }
        self.schema.object(name).map(|o| Ty::SObject(Some(o.name.clone())))
    }

    pub fn find_field(&self, class: ClassId, name: &str) -> Option<u32> {
        self.class(class).fields.iter().rposition(|f| f.name.eq_ignore_ascii_case(name)).map(|i| i as u32)
    }
}
