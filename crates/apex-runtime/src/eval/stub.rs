//! The Stub API: `Test.createStub(Type, StubProvider)` makes an object of a user class or
//! interface whose every instance method call goes to the provider's `handleMethodCall`
//! instead of the method's body.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_testing_stub_api.htm

use super::{Interp, SysExc, Throw};
use crate::ir::{Expr, MethodId, SigId};
use crate::program::ClassKind;
use crate::types::{ClassId, Ty};
use crate::value::{Instance, Value};
use std::rc::Rc;

/// The stubs of a transaction, each with its provider.
#[derive(Default)]
pub struct Stubs {
    made: Vec<(Rc<Instance>, Value)>,
}

impl Stubs {
    /// Whether no stub exists: the one check ordinary calls pay.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
    }

    /// The provider behind `object`, when it is a stub.
    pub fn provider_of(&self, object: &Value) -> Option<Value> {
        let Value::Object(instance) = object else {
            return None;
        };
        if self.made.is_empty() {
            return None;
        }
        self.made.iter().find(|(stub, _)| Rc::ptr_eq(stub, instance)).map(|(_, provider)| provider.clone())
    }
}

impl Interp<'_> {
    /// `Test.createStub(parentType, provider)`: a new object of the class or interface, made
    /// without running a constructor.
    pub fn create_stub(&mut self, ty: &Ty, provider: Value) -> Result<Value, Throw> {
        if provider.is_null() {
            return Err(Throw::null_pointer());
        }
        let class = match ty {
            Ty::Class(id) if self.can_stub(*id) => *id,
            // Unconfirmed: the platform's wording for a type the Stub API cannot mock.
            other => {
                let name = self.program.runtime_ty_name(other);
                return Err(Throw::sys(SysExc::Type, format!("Unable to create a stub for type {name}")));
            }
        };
        let stub = self.allocate(class);
        self.stubs.made.push((stub.clone(), provider));
        Ok(Value::Object(stub))
    }

    /// User classes and interfaces can be stubbed; enums and exceptions cannot.
    fn can_stub(&self, class: ClassId) -> bool {
        let info = self.program.class(class);
        !info.is_system && !info.is_exception && matches!(info.kind, ClassKind::Class | ClassKind::Interface)
    }

    /// The method a call on a stub stands for: the one the signature names on its class, its
    /// parents or its interfaces, abstract ones included.
    pub(super) fn stubbed_method(&self, this: &Value, sig: Option<SigId>, name: &str, argc: usize) -> Option<MethodId> {
        let Value::Object(object) = this else {
            return None;
        };
        if let Some(m) = sig.and_then(|sig| self.program.class(object.class).vtable.get(&sig)) {
            return Some(*m);
        }
        let mut pending = vec![object.class];
        while let Some(class) = pending.pop() {
            let info = self.program.class(class);
            let declared = info.methods.get(name).into_iter().flatten();
            if let Some(m) = declared.copied().find(|m| self.program.method(*m).params.len() == argc) {
                return Some(m);
            }
            pending.extend(info.parent);
            pending.extend(info.interfaces.iter().copied());
        }
        None
    }

    /// Evaluates the arguments of a call on a stub and hands the call to its provider.
    pub(super) fn call_stub_with(
        &mut self,
        provider: Value,
        this: Value,
        method: MethodId,
        args: &[Expr],
    ) -> Result<Value, Throw> {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.eval(arg)?);
        }
        self.call_stub(provider, this, method, values)
    }

    /// `provider.handleMethodCall(stubbedObject, stubbedMethodName, returnType,
    /// listOfParamTypes, listOfParamNames, listOfArgs)`; a void method's call gives null.
    pub(super) fn call_stub(
        &mut self,
        provider: Value,
        this: Value,
        method: MethodId,
        args: Vec<Value>,
    ) -> Result<Value, Throw> {
        let info = self.program.method(method);
        let types = info.params.iter().map(|t| Value::Type(Rc::new(t.clone()))).collect();
        let names = info.param_names.iter().map(|n| Value::string(n.as_str())).collect();
        let call = vec![
            this,
            Value::string(info.name.as_str()),
            Value::Type(Rc::new(info.ret.clone())),
            Value::list(types, Ty::Type),
            Value::list(names, Ty::String),
            Value::list(args, Ty::Object),
        ];
        let returns_void = info.ret == Ty::Void;
        let answer = self.call_dynamic(provider, "handlemethodcall", call)?;
        Ok(if returns_void { Value::Null } else { answer })
    }
}
