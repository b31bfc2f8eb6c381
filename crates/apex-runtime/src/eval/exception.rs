//! Exception objects: creating them (built-in or user classes), recording the Apex stack
//! when they are thrown, catch matching, and the report of an uncaught one.

use super::{Interp, SysExc, Throw};
use crate::compile::declare::{CAUSE_SLOT, LINE_SLOT, MESSAGE_SLOT, STACK_SLOT};
use crate::program::MethodKind;
use crate::types::ClassId;
use crate::value::{Instance, Value};
use apex_syntax::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// One line of an Apex stack trace and the source position it names.
#[derive(Clone, Debug)]
pub struct StackLine {
    pub text: String,
    pub span: Span,
}

/// An exception that ended the run.
#[derive(Debug)]
pub struct Uncaught {
    /// `System.NullPointerException`, or a user class name.
    pub type_name: String,
    pub message: String,
    pub stack: Vec<StackLine>,
}

impl Interp<'_> {
    /// A new, not yet thrown exception object of `class` with the given message.
    pub fn new_exception(&mut self, class: ClassId, message: Value, cause: Value) -> Rc<Instance> {
        let size = self.program.class(class).fields.len();
        let mut fields = vec![Value::Null; size];
        fields[MESSAGE_SLOT] = message;
        fields[CAUSE_SLOT] = cause;
        Rc::new(Instance { class, fields: RefCell::new(fields) })
    }

    /// Built-in exceptions sit at the start of the class table in declaration order.
    pub fn sys_class(kind: SysExc) -> ClassId {
        ClassId(kind as u32)
    }

    /// Turns a native `Throw::Sys` into an exception object carrying the current stack.
    pub fn materialize(&mut self, thrown: Throw) -> Throw {
        match thrown.as_sys() {
            Some((kind, message)) => {
                let exception = self.new_exception(Self::sys_class(kind), Value::string(message), Value::Null);
                self.record_stack(&exception);
                Throw::exception(exception)
            }
            None => thrown,
        }
    }

    /// Logs a throw and records where the exception was thrown, unless it already knows.
    pub fn record_stack(&mut self, exception: &Instance) {
        // Every throw is logged, a rethrow too, though only the first records the stack.
        if self.tracing.exceptions {
            self.trace_throw(exception);
        }
        if !exception.fields.borrow()[STACK_SLOT].is_null() {
            return;
        }
        let lines = self.stack_lines();
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        self.thrown_at = Some((exception as *const Instance as usize, lines.iter().map(|l| l.span).collect()));
        let (line, _) = self.program.line_col(self.span);
        let mut fields = exception.fields.borrow_mut();
        fields[STACK_SLOT] = Value::string(text.join("\n"));
        fields[LINE_SLOT] = Value::Integer(line as i32);
    }

    /// The Apex stack, innermost frame first: `Class.Outer.method: line 12, column 1`.
    pub fn stack_lines(&self) -> Vec<StackLine> {
        let mut lines = Vec::with_capacity(self.frames.len());
        let mut span = self.span;
        for frame in self.frames.iter().rev() {
            let (line, col) = self.program.line_col(span);
            let text = format!("{}: line {line}, column {col}", self.frame_name(frame.method));
            lines.push(StackLine { text, span });
            span = frame.caller_span;
        }
        lines
    }

    fn frame_name(&self, method: crate::ir::MethodId) -> String {
        let info = self.program.method(method);
        let Some(class) = info.class else {
            return "AnonymousBlock".into();
        };
        let class_name = &self.program.class(class).name;
        if class_name == "AnonymousBlock" {
            return "AnonymousBlock".into();
        }
        let member = match info.kind {
            MethodKind::Constructor | MethodKind::Initializer => "<init>",
            _ => &info.name,
        };
        format!("Class.{class_name}.{member}")
    }

    /// True when a `catch (T e)` clause stops this exception.
    pub fn catches(&self, exception: &Instance, clause: ClassId) -> bool {
        let class = exception.class;
        let uncatchable = SysExc::ALL.iter().any(|e| e.is_uncatchable() && class == Self::sys_class(*e));
        !uncatchable && self.program.is_subclass(class, clause)
    }

    pub fn uncaught(&mut self, thrown: &Throw) -> Uncaught {
        match thrown.as_exception() {
            Some(exception) => {
                let type_name = self.program.class_display(exception.class);
                let message = match &exception.fields.borrow()[MESSAGE_SLOT] {
                    Value::Null => String::new(),
                    other => self.stringify(other).unwrap_or_default(),
                };
                let stack_text = match &exception.fields.borrow()[STACK_SLOT] {
                    Value::String(s) => s.to_string(),
                    _ => String::new(),
                };
                let spans = match &self.thrown_at {
                    Some((ptr, spans)) if *ptr == Rc::as_ptr(exception) as usize => spans.clone(),
                    _ => Vec::new(),
                };
                let stack = stack_text
                    .lines()
                    .enumerate()
                    .map(|(i, l)| StackLine { text: l.to_string(), span: spans.get(i).copied().unwrap_or(self.span) })
                    .collect();
                Uncaught { type_name, message, stack }
            }
            None => Uncaught { type_name: "Internal".into(), message: format!("{thrown:?}"), stack: Vec::new() },
        }
    }
}
