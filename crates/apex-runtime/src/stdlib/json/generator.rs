//! `System.JSONGenerator`: writes a JSON document piece by piece, compact or in Jackson's
//! pretty layout (the same as `serializePretty`), refusing pieces in the wrong place with
//! Jackson's messages.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_JsonGenerator.htm

use super::writer::{json_error, quote, write_at, WriteConfig};
use crate::eval::{Interp, Throw};
use crate::stdlib::args::value as arg;
use crate::stdlib::{ret, Native, Ret};
use crate::types::Ty;
use crate::value::{NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "JSONGenerator";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

pub static INSTANCE: &[Native] = &[
    Native::pure("writestartobject", 0, ret::VOID, |a| open(a, Scope::Object)),
    Native::pure("writeendobject", 0, ret::VOID, |a| close_scope(a, Scope::Object)),
    Native::pure("writestartarray", 0, ret::VOID, |a| open(a, Scope::Array)),
    Native::pure("writeendarray", 0, ret::VOID, |a| close_scope(a, Scope::Array)),
    Native::pure("writefieldname", 1, ret::VOID, field_name),
    Native::interp("writestring", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writestringfield", 2, ret::VOID, field),
    Native::interp("writenumber", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writenumberfield", 2, ret::VOID, field),
    Native::interp("writeboolean", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writebooleanfield", 2, ret::VOID, field),
    Native::interp("writenull", 0, ret::VOID, |i, a| write_value(i, a, &Value::Null)),
    Native::interp("writenullfield", 1, ret::VOID, null_field),
    Native::interp("writedate", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writedatefield", 2, ret::VOID, field),
    Native::interp("writedatetime", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writedatetimefield", 2, ret::VOID, field),
    Native::interp("writetime", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writetimefield", 2, ret::VOID, field),
    Native::interp("writeblob", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writeblobfield", 2, ret::VOID, field),
    Native::interp("writeid", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writeidfield", 2, ret::VOID, field),
    Native::interp("writeobject", 1, ret::VOID, |i, a| scalar(i, a, 1)),
    Native::interp("writeobjectfield", 2, ret::VOID, field),
    Native::pure("getasstring", 0, ret::STRING, |a| with(a, |g| Ok(Value::string(g.out.as_str())))),
    Native::pure("close", 0, ret::VOID, close),
    Native::pure("isclosed", 0, ret::BOOLEAN, |a| with(a, |g| Ok(Value::Boolean(g.closed)))),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Object,
    Array,
}

struct Frame {
    scope: Scope,
    entries: usize,
    /// In an object: a field name was written and waits for its value.
    named: bool,
}

struct GeneratorState {
    pretty: bool,
    out: String,
    stack: Vec<Frame>,
    roots: usize,
    closed: bool,
}

impl GeneratorState {
    /// Objects open around the current position (Jackson indents by objects only).
    fn nesting(&self) -> usize {
        self.stack.iter().filter(|f| f.scope == Scope::Object).count()
    }

    fn newline(&mut self) {
        if self.pretty {
            let indent = "  ".repeat(self.nesting());
            self.out.push('\n');
            self.out.push_str(&indent);
        }
    }

    /// Refuses a value where a field name is due; `what` names the value as Jackson does.
    fn check_place(&self, what: &str) -> Result<(), Throw> {
        if self.closed {
            return Err(json_error("The generator is closed"));
        }
        match self.stack.last() {
            Some(frame) if frame.scope == Scope::Object && !frame.named => {
                Err(json_error(format!("Can not {what}, expecting field name")))
            }
            _ => Ok(()),
        }
    }

    /// Writes what goes before a value; `what` names it for the error.
    fn before_value(&mut self, what: &str) -> Result<(), Throw> {
        self.check_place(what)?;
        let pretty = self.pretty;
        match self.stack.last_mut() {
            Some(frame) if frame.scope == Scope::Object => {
                frame.named = false;
            }
            Some(frame) => {
                let first = frame.entries == 0;
                frame.entries += 1;
                self.out.push_str(match (first, pretty) {
                    (true, true) => " ",
                    (false, true) => ", ",
                    (false, false) => ",",
                    (true, false) => "",
                });
            }
            None => {
                if self.roots > 0 {
                    self.out.push(' ');
                }
                self.roots += 1;
            }
        }
        Ok(())
    }
}

pub fn create(args: &[Value]) -> Result<Value, Throw> {
    let pretty = matches!(arg(args, 0)?, Value::Boolean(true));
    let state = GeneratorState { pretty, out: String::new(), stack: Vec::new(), roots: 0, closed: false };
    Ok(Value::Native(Rc::new(NativeObject::new(CLASS, state))))
}

fn with<R>(args: &[Value], f: impl FnOnce(&mut GeneratorState) -> Result<R, Throw>) -> Result<R, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => match n.state::<GeneratorState>() {
            Some(mut state) => f(&mut state),
            None => Err(Throw::null_pointer()),
        },
        _ => Err(Throw::null_pointer()),
    }
}

fn open(args: &[Value], scope: Scope) -> Result<Value, Throw> {
    with(args, |g| {
        g.before_value(if scope == Scope::Object { "start an object" } else { "start an array" })?;
        g.out.push(if scope == Scope::Object { '{' } else { '[' });
        g.stack.push(Frame { scope, entries: 0, named: false });
        Ok(Value::Null)
    })
}

fn close_scope(args: &[Value], scope: Scope) -> Result<Value, Throw> {
    with(args, |g| {
        let (wanted, close) = if scope == Scope::Object { ("an object", '}') } else { ("an ARRAY", ']') };
        let context = match g.stack.last() {
            Some(frame) if frame.scope == scope && !frame.named => None,
            Some(frame) if frame.scope == scope => {
                return Err(json_error("Can not write END_OBJECT, expecting a value"));
            }
            Some(frame) if frame.scope == Scope::Object => Some("OBJECT"),
            Some(_) => Some("ARRAY"),
            None => Some("ROOT"),
        };
        if let Some(context) = context {
            return Err(json_error(format!("Current context not {wanted} but {context}")));
        }
        let frame = g.stack.pop().unwrap_or(Frame { scope, entries: 0, named: false });
        match (frame.entries > 0, g.pretty, scope) {
            (true, true, Scope::Object) => g.newline(),
            (_, true, _) => g.out.push(' '),
            _ => {}
        }
        g.out.push(close);
        Ok(Value::Null)
    })
}

fn field_name(args: &[Value]) -> Result<Value, Throw> {
    let name = arg(args, 1)?.as_str().ok_or_else(Throw::null_pointer)?.to_string();
    with(args, |g| write_name(g, &name))?;
    Ok(Value::Null)
}

fn write_name(g: &mut GeneratorState, name: &str) -> Result<(), Throw> {
    if g.closed {
        return Err(json_error("The generator is closed"));
    }
    let pretty = g.pretty;
    let Some(frame) = g.stack.last_mut().filter(|f| f.scope == Scope::Object && !f.named) else {
        return Err(json_error("Can not write a field name, expecting a value"));
    };
    let first = frame.entries == 0;
    frame.entries += 1;
    frame.named = true;
    if !first {
        g.out.push(',');
    }
    g.newline();
    quote(&mut g.out, name);
    g.out.push_str(if pretty { " : " } else { ":" });
    Ok(())
}

/// `writeX(value)`: the argument at `index` as a JSON value, in `serialize`'s forms.
fn scalar(interp: &mut Interp, args: &[Value], index: usize) -> Result<Value, Throw> {
    let value = arg(args, index)?.clone();
    write_value(interp, args, &value)
}

/// `writeXField(name, value)`.
fn field(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let name = arg(args, 1)?.as_str().ok_or_else(Throw::null_pointer)?.to_string();
    with(args, |g| write_name(g, &name))?;
    scalar(interp, args, 2)
}

fn null_field(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let name = arg(args, 1)?.as_str().ok_or_else(Throw::null_pointer)?.to_string();
    with(args, |g| write_name(g, &name))?;
    write_value(interp, args, &Value::Null)
}

fn write_value(interp: &mut Interp, args: &[Value], value: &Value) -> Result<Value, Throw> {
    let (pretty, nesting) = with(args, |g| Ok((g.pretty, g.nesting())))?;
    // The place is checked first, so a misplaced value is refused before it is rendered.
    with(args, |g| g.check_place(what_is_written(value)))?;
    let text = write_at(interp, value, WriteConfig { pretty, suppress_nulls: false }, nesting)?;
    write_raw(args, what_is_written(value), &text)
}

/// Jackson's words for a value in its "Can not ..., expecting field name" message.
fn what_is_written(value: &Value) -> &'static str {
    match value {
        Value::Null => "write null value",
        Value::Boolean(_) => "write boolean value",
        Value::Integer(_) | Value::Long(_) | Value::Double(_) | Value::Decimal(_) => "write number",
        Value::List(_) | Value::Set(_) => "start an array",
        Value::Map(_) | Value::Object(_) => "start an object",
        Value::Blob(_) => "write binary value",
        _ => "write text value",
    }
}

fn write_raw(args: &[Value], what: &str, text: &str) -> Result<Value, Throw> {
    with(args, |g| {
        g.before_value(what)?;
        g.out.push_str(text);
        Ok(Value::Null)
    })
}

/// `close()`: ends every open object and array, as Jackson's auto-close does.
fn close(args: &[Value]) -> Result<Value, Throw> {
    loop {
        let scope = with(args, |g| Ok(g.stack.last().map(|f| (f.scope, f.named))))?;
        match scope {
            Some((_, true)) => {
                write_raw(args, "write null value", "null")?;
            }
            Some((scope, false)) => {
                close_scope(args, scope)?;
            }
            None => break,
        }
    }
    with(args, |g| {
        g.closed = true;
        Ok(Value::Null)
    })
}
