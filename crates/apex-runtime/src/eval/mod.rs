//! The evaluator: runs compiled code against a transaction's state (statics, the call stack,
//! governor limits) and a host.

mod call;
mod code;
mod convert;
mod equality;
pub(crate) use equality::plain_order;
mod exception;
mod expr;
mod fast;
mod jobs;
pub(crate) mod limits;
mod ops;
mod stmt;
mod stringify;
mod stub;
mod throw;
mod trace;

pub use convert::{is_instance, runtime_type_name, to_id};
pub use exception::{StackLine, Uncaught};
pub use limits::{Config, Limits};
pub use throw::{Fault, SysExc, Throw, ThrowKind};
pub use trace::apex_class_id;

use crate::host::Host;
use crate::ir::MethodId;
use crate::program::Program;
use crate::value::Value;
use apex_syntax::Span;
use std::rc::Rc;

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    Completed,
    /// An exception no catch stopped.
    Exception(Uncaught),
    /// A tool fault (unsupported API, internal error), with the Apex stack where it happened.
    Fault(Fault, Vec<StackLine>),
}

/// One frame of the Apex call stack.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub method: MethodId,
    /// Where the caller was when it made the call.
    pub caller_span: Span,
}

/// One transaction's interpreter state.
pub struct Interp<'h> {
    pub host: &'h mut dyn Host,
    pub program: &'h Program,
    pub limits: Limits,
    /// Static fields per class; `None` until the class is initialized.
    statics: Vec<Option<Vec<Value>>>,
    /// Locals of every active frame; the current frame starts at `bp`.
    stack: Vec<Value>,
    bp: usize,
    this: Value,
    frames: Vec<Frame>,
    /// The statement being executed, for line numbers and stack traces.
    pub span: Span,
    ret: Value,
    /// The spans of the stack recorded for the last exception thrown, keyed by its address.
    thrown_at: Option<(usize, Vec<Span>)>,
    /// The Apex stack where a tool fault happened, recorded before the frames unwind.
    fault_stack: Option<Vec<exception::StackLine>>,
    /// Each method's body as closures, once it has run.
    code: Vec<Option<code::BodyCode<'h>>>,
    /// The org's records, made in memory on the first DML statement or query.
    pub store: Option<apex_data::Store>,
    /// The test's callout mock and the callout time spent.
    pub callouts: crate::stdlib::http::CalloutState,
    /// Queued asynchronous jobs and the context of the running one.
    pub jobs: crate::jobs::AsyncState,
    /// The objects `Test.createStub` made, whose calls go to their providers.
    stubs: stub::Stubs,
    /// The placeholder Ids of the records `Test.loadData` inserted.
    pub(crate) loaded: crate::stdlib::load_data::Loaded,
    /// The `System.runAs` users in effect.
    pub security: crate::stdlib::security::SecurityState,
    /// The debug-log events the host asked for, read once here so each check is a field load.
    tracing: crate::host::Tracing,
}

impl<'h> Interp<'h> {
    pub fn new(program: &'h Program, host: &'h mut dyn Host, config: Config) -> Interp<'h> {
        let statics = vec![None; program.classes.len()];
        let tracing = host.tracing();
        Interp {
            host,
            program,
            limits: Limits::new(config),
            statics,
            stack: Vec::with_capacity(1024),
            bp: 0,
            this: Value::Null,
            frames: Vec::new(),
            span: Span::default(),
            ret: Value::Null,
            thrown_at: None,
            fault_stack: None,
            code: vec![None; program.methods.len()],
            store: None,
            callouts: Default::default(),
            jobs: Default::default(),
            stubs: Default::default(),
            loaded: Default::default(),
            security: Default::default(),
            tracing,
        }
    }

    /// An interpreter over an empty program, for unit tests of the system library.
    #[cfg(test)]
    pub fn for_tests(host: &'h mut dyn Host) -> Interp<'h> {
        let mut program = Program::default();
        crate::compile::add_builtins(&mut program);
        // Tests are short-lived; leaking one small program per interpreter keeps the API simple.
        Interp::new(Box::leak(Box::new(program)), host, Config::default())
    }

    /// Runs the program's anonymous script.
    pub fn run_script(&mut self) -> Outcome {
        let Some(script) = self.program.script else {
            return Outcome::Completed;
        };
        let result = self.invoke(script, Value::Null, Vec::new());
        self.outcome(result.map(|_| ()))
    }

    /// Runs a static method (or a test method) with no arguments.
    pub fn run_method(&mut self, method: MethodId, this: Value) -> Outcome {
        let result = self.invoke(method, this, Vec::new());
        self.outcome(result.map(|_| ()))
    }

    fn outcome(&mut self, result: Result<(), Throw>) -> Outcome {
        match result {
            Ok(()) => Outcome::Completed,
            Err(thrown) if thrown.is_fault() => match thrown.into_kind() {
                ThrowKind::Fault(fault) => {
                    let stack = self.fault_stack.take().unwrap_or_else(|| self.stack_lines());
                    Outcome::Fault(fault, stack)
                }
                _ => Outcome::Completed,
            },
            Err(thrown) => {
                let exception = self.materialize(thrown);
                Outcome::Exception(self.uncaught(&exception))
            }
        }
    }
}

impl Interp<'_> {
    /// `Type.newInstance()`: a user class built with its no-argument constructor.
    pub fn new_object(&mut self, class: crate::types::ClassId) -> Result<Value, Throw> {
        let program = self.program;
        let info = program.class(class);
        if info.kind != crate::program::ClassKind::Class || info.is_abstract {
            return Err(Throw::sys(
                SysExc::Type,
                format!("Type cannot be constructed: {}", program.class_display(class)),
            ));
        }
        let ctor = info.constructors.iter().find(|c| program.method(**c).params.is_empty()).copied();
        if ctor.is_none() && !info.constructors.is_empty() {
            return Err(Throw::sys(
                SysExc::Type,
                format!("No default constructor for {}", program.class_display(class)),
            ));
        }
        self.construct(class, ctor, Vec::new())
    }
}

/// An empty List, Set or Map of the given type.
pub fn empty_collection(ty: &crate::types::Ty) -> Result<Value, Throw> {
    use crate::types::Ty;
    use crate::value::{ListObj, MapObj, SetObj};
    Ok(match ty {
        Ty::List(e) => Value::List(Rc::new(ListObj::new(Vec::new(), (**e).clone()))),
        Ty::Set(e) => Value::Set(Rc::new(SetObj::new((**e).clone()))),
        Ty::Map(k, v) => Value::Map(Rc::new(MapObj::new((**k).clone(), (**v).clone()))),
        _ => Value::Null,
    })
}
