//! Calls: frames on the value stack, virtual dispatch, constructors with their chaining and
//! initializers, static initialization on first use, and calls resolved only at run time.

use super::limits::Limits;
use super::stmt::Flow;
use super::{Frame, Interp, Throw};
use crate::ir::{Call, Expr, MethodId, SigId};
use crate::program::{ClassKind, MethodKind};
use crate::stdlib::{self, NativeFn};
use crate::types::ClassId;
use crate::value::{Instance, Value};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp<'_> {
    /// Counts one loop iteration or call against the CPU limit.
    #[inline(always)]
    pub(super) fn tick(&mut self) -> Result<(), Throw> {
        match self.limits.tick() {
            Ok(()) => Ok(()),
            Err(e) => Err(self.materialize(e)),
        }
    }

    /// Calls a method with already evaluated arguments.
    pub fn invoke(&mut self, method: MethodId, this: Value, args: Vec<Value>) -> Result<Value, Throw> {
        let base = self.stack.len();
        self.stack.extend(args);
        self.enter(method, this, base)
    }

    /// Runs `method` whose arguments are already on the stack from `base`.
    pub(super) fn enter(&mut self, method: MethodId, this: Value, base: usize) -> Result<Value, Throw> {
        if self.frames.len() >= self.limits.config.max_depth {
            self.stack.truncate(base);
            return Err(self.materialize(Limits::depth_exceeded(self.frames.len() + 1)));
        }
        let program = self.program;
        let info = program.method(method);
        let ready = match (info.is_static, info.class) {
            (true, Some(class)) => self.tick().and_then(|_| self.ensure_initialized(class)),
            _ => self.tick(),
        };
        if let Err(e) = ready {
            self.stack.truncate(base);
            return Err(e);
        }
        let frame_end = base + info.frame_size as usize;
        if frame_end > self.stack.len() {
            self.stack.resize(frame_end, Value::Null);
        }
        let saved_bp = std::mem::replace(&mut self.bp, base);
        // Static code never reads `this` (the compiler rejects it), so it is left in place.
        let saved_this = if info.is_static { None } else { Some(std::mem::replace(&mut self.this, this)) };
        self.frames.push(Frame { method, caller_span: self.span });
        if self.tracing.calls {
            self.trace_frame(false);
        }
        let result =
            if info.kind == MethodKind::Constructor { self.run_constructor(method) } else { self.run_body(method) };
        if self.tracing.calls {
            self.trace_frame(true);
        }
        if let Err(thrown) = &result {
            if thrown.is_fault() && self.fault_stack.is_none() {
                self.fault_stack = Some(self.stack_lines());
            }
        }
        let frame = self.frames.pop();
        if let Some(frame) = frame {
            if result.is_ok() {
                self.span = frame.caller_span;
            }
        }
        self.stack.truncate(base);
        self.bp = saved_bp;
        if let Some(this) = saved_this {
            self.this = this;
        }
        result
    }

    #[inline(always)]
    fn run_body(&mut self, method: MethodId) -> Result<Value, Throw> {
        let code = self.body_code(method);
        for stmt in code.iter() {
            match stmt(self)? {
                Flow::Normal => {}
                Flow::Return => return Ok(std::mem::take(&mut self.ret)),
                Flow::Break | Flow::Continue => break,
            }
        }
        Ok(Value::Null)
    }

    /// A constructor: parent construction (explicit `super(...)`, implicit, or delegated to
    /// `this(...)`), then the class's field initializers, then the rest of the body.
    fn run_constructor(&mut self, method: MethodId) -> Result<Value, Throw> {
        let program = self.program;
        let info = program.method(method);
        let class = info.class.unwrap_or(ClassId(0));
        let code = self.body_code(method);
        let mut body = code.iter();
        if info.chains_to_this {
            // `this(...)` runs the whole chain, initializers included.
        } else if info.chains_to_super {
            if let Some(first) = body.next() {
                first(self)?;
            }
            self.run_initializer(class)?;
        } else {
            self.construct_parent(class)?;
            self.run_initializer(class)?;
        }
        for stmt in body {
            if let Flow::Return = stmt(self)? {
                break;
            }
        }
        Ok(Value::Null)
    }

    /// The implicit `super()`: the parent's no-argument constructor, or its initializers.
    pub(super) fn construct_parent(&mut self, class: ClassId) -> Result<(), Throw> {
        let Some(parent) = self.program.class(class).parent else {
            return Ok(());
        };
        self.construct_default(parent)
    }

    /// Construction of `class` without arguments, on the current `this`.
    pub(super) fn construct_default(&mut self, class: ClassId) -> Result<(), Throw> {
        let program = self.program;
        let info = program.class(class);
        if let Some(ctor) = info.constructors.iter().find(|c| program.method(**c).params.is_empty()) {
            let this = self.this.clone();
            self.invoke(*ctor, this, Vec::new())?;
            return Ok(());
        }
        self.construct_parent(class)?;
        self.run_initializer(class)
    }

    fn run_initializer(&mut self, class: ClassId) -> Result<(), Throw> {
        if let Some(init) = self.program.class(class).instance_init {
            let this = self.this.clone();
            self.invoke(init, this, Vec::new())?;
        }
        Ok(())
    }

    /// Runs a class's static initializers the first time it is used.
    #[inline]
    pub(super) fn ensure_initialized(&mut self, class: ClassId) -> Result<(), Throw> {
        if self.statics[class.0 as usize].is_some() {
            return Ok(());
        }
        self.initialize(class)
    }

    #[inline(never)]
    fn initialize(&mut self, class: ClassId) -> Result<(), Throw> {
        let program = self.program;
        let info = program.class(class);
        if let Some(parent) = info.parent {
            self.ensure_initialized(parent)?;
        }
        self.statics[class.0 as usize] = Some(vec![Value::Null; info.statics.len()]);
        if self.tracing.calls {
            self.trace_class_init(class, false);
        }
        if let Some(init) = info.static_init {
            self.invoke(init, Value::Null, Vec::new())?;
        }
        if self.tracing.calls {
            self.trace_class_init(class, true);
        }
        Ok(())
    }

    pub(super) fn static_slot(&mut self, class: ClassId, slot: u32) -> Result<&mut Value, Throw> {
        self.ensure_initialized(class)?;
        self.statics[class.0 as usize]
            .as_mut()
            .and_then(|s| s.get_mut(slot as usize))
            .ok_or_else(|| Throw::fault(super::Fault::Internal("static slot out of range".into())))
    }

    /// A new object of `class` with every field null.
    pub fn allocate(&self, class: ClassId) -> Rc<Instance> {
        let size = self.program.class(class).fields.len();
        Rc::new(Instance { class, fields: RefCell::new(vec![Value::Null; size]) })
    }

    /// `new C(args)` with a constructor: the arguments go straight onto the value stack.
    pub(super) fn construct_with(&mut self, class: ClassId, ctor: MethodId, args: &[Expr]) -> Result<Value, Throw> {
        self.ensure_initialized(class)?;
        let base = self.push_args(args)?;
        let object = Value::Object(self.allocate(class));
        self.enter(ctor, object.clone(), base)?;
        Ok(object)
    }

    /// An object made the way JSON deserialization makes one: field initializers run (the
    /// parents' first), no constructor does.
    pub(crate) fn new_without_constructor(&mut self, class: ClassId) -> Result<Value, Throw> {
        self.ensure_initialized(class)?;
        let object = Value::Object(self.allocate(class));
        let mut chain = vec![class];
        while let Some(parent) = self.program.class(*chain.last().unwrap_or(&class)).parent {
            chain.push(parent);
        }
        let saved = std::mem::replace(&mut self.this, object.clone());
        let result = chain.iter().rev().try_for_each(|c| self.run_initializer(*c));
        self.this = saved;
        result?;
        Ok(object)
    }

    /// `new C(args)`.
    pub(crate) fn construct(
        &mut self,
        class: ClassId,
        ctor: Option<MethodId>,
        args: Vec<Value>,
    ) -> Result<Value, Throw> {
        self.ensure_initialized(class)?;
        let object = Value::Object(self.allocate(class));
        match ctor {
            Some(ctor) => {
                self.invoke(ctor, object.clone(), args)?;
            }
            None => {
                let saved = std::mem::replace(&mut self.this, object.clone());
                if self.tracing.calls {
                    self.trace_implicit_constructor(class, false);
                }
                let result = self.construct_default(class);
                if self.tracing.calls {
                    self.trace_implicit_constructor(class, true);
                }
                self.this = saved;
                result?;
            }
        }
        Ok(object)
    }

    /// A static method call: the most common call in scripts and recursion.
    #[inline(never)]
    pub(super) fn call_static(&mut self, method: MethodId, args: &[Expr]) -> Result<Value, Throw> {
        let base = self.push_args(args)?;
        self.enter(method, Value::Null, base)
    }

    pub(super) fn eval_call(&mut self, call: &Call) -> Result<Value, Throw> {
        match call {
            Call::Direct { receiver, method, args, .. } => {
                let this = match receiver {
                    Some(r) => self.eval_receiver(r)?,
                    None => Value::Null,
                };
                if !self.stubs.is_empty() {
                    if let Some(provider) = self.stubs.provider_of(&this) {
                        return self.call_stub_with(provider, this, *method, args);
                    }
                }
                let base = self.push_args(args)?;
                self.enter(*method, this, base)
            }
            Call::Virtual { receiver, sig, name, args, .. } => {
                let this = self.eval_receiver(receiver)?;
                if !self.stubs.is_empty() {
                    if let Some(provider) = self.stubs.provider_of(&this) {
                        let method = self.stubbed_method(&this, Some(*sig), name, args.len());
                        let method = method.ok_or_else(|| Throw::unsupported(format!("{name} on a stub")))?;
                        return self.call_stub_with(provider, this, method, args);
                    }
                }
                let method = self.dispatch(&this, *sig, name, args.len())?;
                let base = self.push_args(args)?;
                self.enter(method, this, base)
            }
            Call::Native { func, args, receiver, .. } => self.call_native(*func, args, *receiver),
            Call::Dynamic { receiver, name, args, .. } => {
                let this = self.eval_receiver(receiver)?;
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.eval(a)?);
                }
                self.call_dynamic(this, name, values)
            }
            Call::InitObject { class } => {
                self.construct_default(*class)?;
                Ok(Value::Null)
            }
        }
    }

    fn eval_receiver(&mut self, receiver: &Expr) -> Result<Value, Throw> {
        let value = self.eval(receiver)?;
        if value.is_null() {
            return Err(Throw::null_pointer());
        }
        Ok(value)
    }

    #[inline(always)]
    fn push_args(&mut self, args: &[Expr]) -> Result<usize, Throw> {
        let base = self.stack.len();
        for arg in args {
            // Integer locals, constants and arithmetic on them need no trip through `eval`.
            if let Some(scalar) = self.fast_scalar(arg) {
                self.stack.push(scalar.into_value());
                continue;
            }
            match self.eval(arg) {
                Ok(v) => self.stack.push(v),
                Err(e) => {
                    self.stack.truncate(base);
                    return Err(e);
                }
            }
        }
        Ok(base)
    }

    /// The method an object's class runs for a signature.
    pub(super) fn dispatch(&self, this: &Value, sig: SigId, name: &str, argc: usize) -> Result<MethodId, Throw> {
        let class = match this {
            Value::Object(o) => o.class,
            _ => return Err(Throw::fault(super::Fault::Internal(format!("virtual call of {name} on a non-object")))),
        };
        if let Some(m) = self.program.class(class).vtable.get(&sig) {
            return Ok(*m);
        }
        // An implementation whose parameter types differ in spelling only (an interface
        // method satisfied loosely) is found by name and arity.
        self.find_by_name(class, name, argc).ok_or_else(|| {
            Throw::fault(super::Fault::Internal(format!(
                "no implementation of {name} in {}",
                self.program.class(class).name
            )))
        })
    }

    pub(super) fn find_by_name(&self, class: ClassId, name: &str, argc: usize) -> Option<MethodId> {
        let mut current = Some(class);
        while let Some(id) = current {
            let info = self.program.class(id);
            if let Some(ms) = info.methods.get(name) {
                if let Some(m) = ms.iter().find(|m| {
                    let method = self.program.method(**m);
                    method.params.len() == argc && !method.is_abstract
                }) {
                    return Some(*m);
                }
            }
            current = info.parent;
        }
        None
    }

    fn call_native(&mut self, func: NativeFn, args: &[Expr], receiver: bool) -> Result<Value, Throw> {
        // Arrays of the exact length: no unused values to initialize and drop.
        let result = match args {
            [a] => {
                let values = [self.arg(a)?];
                self.apply_checked(func, &values, receiver)
            }
            [a, b] => {
                let values = [self.arg(a)?, self.arg(b)?];
                self.apply_checked(func, &values, receiver)
            }
            [a, b, c] => {
                let values = [self.arg(a)?, self.arg(b)?, self.arg(c)?];
                self.apply_checked(func, &values, receiver)
            }
            _ => {
                let mut many = Vec::with_capacity(args.len());
                for arg in args {
                    many.push(self.arg(arg)?);
                }
                self.apply_checked(func, &many, receiver)
            }
        };
        result.map_err(|e| self.materialize(e))
    }

    /// An argument: Integer locals, constants and fast arithmetic skip `eval`.
    #[inline(always)]
    fn arg(&mut self, e: &Expr) -> Result<Value, Throw> {
        match self.fast_scalar(e) {
            Some(scalar) => Ok(scalar.into_value()),
            None => self.eval(e),
        }
    }

    #[inline(always)]
    pub(super) fn apply_checked(&mut self, func: NativeFn, values: &[Value], receiver: bool) -> Result<Value, Throw> {
        if receiver && values.first().is_some_and(Value::is_null) {
            return Err(Throw::null_pointer());
        }
        self.apply_native(func, values)
    }

    pub(crate) fn apply_native(&mut self, func: NativeFn, args: &[Value]) -> Result<Value, Throw> {
        match func {
            NativeFn::Pure(f) => f(args),
            NativeFn::Interp(f) => f(self, args),
        }
    }

    /// A call on a receiver whose type was unknown at compile time.
    pub fn call_dynamic(&mut self, this: Value, name: &str, args: Vec<Value>) -> Result<Value, Throw> {
        if let Value::Object(object) = &this {
            let class = object.class;
            if let Some(provider) = self.stubs.provider_of(&this) {
                if let Some(m) = self.stubbed_method(&this, None, name, args.len()) {
                    return self.call_stub(provider, this, m, args);
                }
            }
            if let Some(m) = self.find_by_name(class, name, args.len()) {
                return self.invoke(m, this, args);
            }
            let info = self.program.class(class);
            let table = if info.is_exception {
                stdlib::dml_exception::table_for(self.program, class, name, args.len())
            } else {
                stdlib::object::OBJECT_INSTANCE
            };
            return self.native_by_name(table, "Object", this, name, args);
        }
        let (table, type_name) = match &this {
            Value::Id(_) if name.eq_ignore_ascii_case("getsobjecttype") => (stdlib::object::ID_INSTANCE, "Id"),
            Value::String(_) | Value::Id(_) => (stdlib::string::INSTANCE, "String"),
            Value::Integer(_) => (stdlib::number::INTEGER_INSTANCE, "Integer"),
            Value::Long(_) => (stdlib::number::LONG_INSTANCE, "Long"),
            Value::Double(_) => (stdlib::number::DOUBLE_INSTANCE, "Double"),
            Value::Decimal(_) => (stdlib::number::DECIMAL_INSTANCE, "Decimal"),
            Value::Boolean(_) => (stdlib::boolean::BOOLEAN_INSTANCE, "Boolean"),
            Value::Date(_) => (stdlib::date::DATE_INSTANCE, "Date"),
            Value::Datetime(_) => (stdlib::date::DATETIME_INSTANCE, "Datetime"),
            Value::Time(_) => (stdlib::date::TIME_INSTANCE, "Time"),
            Value::List(_) => (stdlib::list::INSTANCE, "List"),
            Value::Set(_) => (stdlib::set::INSTANCE, "Set"),
            Value::Map(_) => (stdlib::map::INSTANCE, "Map"),
            Value::Enum(_) => (stdlib::object::ENUM_INSTANCE, "Enum"),
            Value::Type(_) => (stdlib::object::TYPE_INSTANCE, "System.Type"),
            Value::Blob(_) => (stdlib::object::BLOB_INSTANCE, "Blob"),
            Value::SObject(_) => (stdlib::sobject::INSTANCE, "SObject"),
            Value::Native(n) => match stdlib::system_instance_table(n.class) {
                Some(table) => (table, n.class),
                None => return Err(Throw::unsupported(format!("{}.{name}", n.class))),
            },
            Value::Null | Value::Object(_) => return Err(Throw::null_pointer()),
        };
        self.native_by_name(table, type_name, this, name, args)
    }

    fn native_by_name(
        &mut self,
        table: &[stdlib::Native],
        type_name: &str,
        this: Value,
        name: &str,
        args: Vec<Value>,
    ) -> Result<Value, Throw> {
        let Some(native) = stdlib::find(table, name, args.len()) else {
            return Err(Throw::unsupported(format!("{type_name}.{name} with {} arguments", args.len())));
        };
        let func = native.func;
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(this);
        all.extend(args);
        self.apply_native(func, &all).map_err(|e| self.materialize(e))
    }

    /// `object.name` on a system object whose type was unknown at compile time: a method of
    /// that name without arguments, or the class's `$field` method (`fields.Name`).
    pub(super) fn native_field(&mut self, class: &'static str, object: Value, name: &str) -> Result<Value, Throw> {
        let Some(table) = stdlib::system_instance_table(class) else {
            return Err(Throw::unsupported(format!("{class}.{name}")));
        };
        let key = name.to_ascii_lowercase();
        if stdlib::find(table, &key, 0).is_some() {
            return self.native_by_name(table, class, object, &key, Vec::new());
        }
        self.native_by_name(table, class, object, "$field", vec![Value::string(name)])
    }

    /// A user class's `toString()`, `equals(Object)` or `hashCode()` override, if any.
    pub(crate) fn user_method(&self, class: ClassId, name: &str, argc: usize) -> Option<MethodId> {
        let info = self.program.class(class);
        if info.is_system || info.kind != ClassKind::Class {
            return None;
        }
        self.find_by_name(class, name, argc)
    }
}
