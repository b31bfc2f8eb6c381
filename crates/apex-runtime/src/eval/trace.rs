//! Debug-log events from running code, for a host that asked for them (`Host::tracing`):
//! METHOD_ENTRY/EXIT and CONSTRUCTOR_ENTRY/EXIT for user code, the first use of a class, and
//! EXCEPTION_THROWN at every throw. Callers test the flag first, so a run without a debug
//! log pays one predictable branch per call and nothing more.

use super::Interp;
use crate::compile::declare::MESSAGE_SLOT;
use crate::program::{ClassKind, MethodInfo, MethodKind, Program};
use crate::types::ClassId;
use crate::value::{Instance, Value};

impl Interp<'_> {
    /// The method of the frame just opened (`exit` false) or about to close (`exit` true):
    /// `METHOD_ENTRY|[line]|01p…|Class.method(Integer)` at the caller's line, or
    /// `CONSTRUCTOR_ENTRY|[line]|01p…|<init>(Integer)|Class`.
    #[cold]
    #[inline(never)]
    pub(super) fn trace_frame(&mut self, exit: bool) {
        // The outermost frame is the code unit itself: the script, a test method, a job.
        let [.., _, frame] = self.frames[..] else {
            return;
        };
        let program = self.program;
        let info = program.method(frame.method);
        let Some(class) = info.class.filter(|c| is_user_class(program, *c)) else {
            return;
        };
        let line = program.line_col(frame.caller_span).0;
        let id = class_record_id(program, class);
        match info.kind {
            MethodKind::Method => {
                let event = if exit { "METHOD_EXIT" } else { "METHOD_ENTRY" };
                let signature = format!("{}.{}({})", program.class_display(class), info.name, params(program, info));
                self.host.trace(event, line, &[&id, &signature]);
            }
            MethodKind::Constructor => {
                let event = if exit { "CONSTRUCTOR_EXIT" } else { "CONSTRUCTOR_ENTRY" };
                let init = format!("<init>({})", params(program, info));
                self.host.trace(event, line, &[&id, &init, &program.class_display(class)]);
            }
            // Property accessors, initializers and scripts are not methods the log names.
            MethodKind::Getter | MethodKind::Setter | MethodKind::Initializer | MethodKind::Script => {}
        }
    }

    /// `new C()` of a class without constructors: the implicit `<init>()`.
    #[cold]
    #[inline(never)]
    pub(super) fn trace_implicit_constructor(&mut self, class: ClassId, exit: bool) {
        let program = self.program;
        if !is_user_class(program, class) {
            return;
        }
        let event = if exit { "CONSTRUCTOR_EXIT" } else { "CONSTRUCTOR_ENTRY" };
        let line = program.line_col(self.span).0;
        let id = class_record_id(program, class);
        self.host.trace(event, line, &[&id, "<init>()", &program.class_display(class)]);
    }

    /// The first use of a class, which runs its static initialization: the platform logs it
    /// as `METHOD_ENTRY|[line]|01p…|Class.Class()` and `METHOD_EXIT|[line]|Class`.
    #[cold]
    #[inline(never)]
    pub(super) fn trace_class_init(&mut self, class: ClassId, exit: bool) {
        let program = self.program;
        if !is_user_class(program, class) {
            return;
        }
        let line = program.line_col(self.span).0;
        let name = program.class_display(class);
        if exit {
            self.host.trace("METHOD_EXIT", line, &[&name]);
            return;
        }
        let simple = name.rsplit('.').next().unwrap_or(&name);
        let init = format!("{name}.{simple}()");
        self.host.trace("METHOD_ENTRY", line, &[&class_record_id(program, class), &init]);
    }

    /// `EXCEPTION_THROWN|[line]|System.NullPointerException: message` where a throw happens,
    /// whether a catch stops it or not.
    #[cold]
    #[inline(never)]
    pub(super) fn trace_throw(&mut self, exception: &Instance) {
        let program = self.program;
        let line = program.line_col(self.span).0;
        let type_name = program.class_display(exception.class);
        let message = exception.fields.borrow().get(MESSAGE_SLOT).cloned().unwrap_or(Value::Null);
        let text = match message {
            Value::Null => type_name,
            other => format!("{type_name}: {}", self.stringify(&other).unwrap_or_default()),
        };
        self.host.trace("EXCEPTION_THROWN", line, &[&text]);
    }
}

/// A class the project wrote (not a system type, not the anonymous script's).
fn is_user_class(program: &Program, class: ClassId) -> bool {
    let info = program.class(class);
    !info.is_system && info.kind == ClassKind::Class && info.name != "AnonymousBlock"
}

/// The parameter types as the log writes them: `Integer, List<Account>`, `List<ANY>` for a
/// list of Object.
fn params(program: &Program, info: &MethodInfo) -> String {
    let names: Vec<String> = info.params.iter().map(|ty| program.runtime_ty_name(ty)).collect();
    names.join(", ")
}

/// The ApexClass record Id of the top-level class around `class`.
fn class_record_id(program: &Program, class: ClassId) -> String {
    let mut top = class;
    while let Some(outer) = program.class(top).outer {
        top = outer;
    }
    apex_class_id(&program.class(top).name)
}

/// A stable 15-character ApexClass record Id for a top-level class: `01p` and twelve base-62
/// digits of a hash of its name, so logs of the same code compare equal from run to run.
pub fn apex_class_id(name: &str) -> String {
    // FNV-1a over the case-folded name: Apex names ignore case.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.to_ascii_lowercase().bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut id = String::from("01p");
    for _ in 0..12 {
        id.push(char::from(DIGITS[(hash % 62) as usize]));
        hash /= 62;
    }
    id
}
