//! `JSON.serialize` and `serializePretty`: Apex values to JSON text. Maps keep their order,
//! user objects list their instance fields (inherited first, then in declaration order), and the
//! pretty form is Jackson's default printer (`"key" : value`, two-space indent, arrays inline
//! as `[ 1, 2 ]`), which is what the platform prints.

use crate::eval::{Interp, SysExc, Throw};
use crate::value::{format::format_double, Value};
use base64::Engine;
use std::fmt::Write;

/// How to write: pretty or compact, and whether null fields and map values are left out.
#[derive(Clone, Copy, Default)]
pub struct WriteConfig {
    pub pretty: bool,
    pub suppress_nulls: bool,
}

pub fn write(interp: &mut Interp, value: &Value, config: WriteConfig) -> Result<String, Throw> {
    write_at(interp, value, config, 0)
}

/// `write` for a value that sits `nesting` objects deep in a pretty document.
pub fn write_at(interp: &mut Interp, value: &Value, config: WriteConfig, nesting: usize) -> Result<String, Throw> {
    let may_run_code = interp.program.has_instance_getters();
    let mut writer = Writer { interp, config, out: String::with_capacity(64), nesting, open: Vec::new(), may_run_code };
    writer.value(value)?;
    Ok(writer.out)
}

/// What names a member of a JSON object: a field's name or a map's key.
#[derive(Clone, Copy)]
enum Member<'v> {
    Name(&'v str),
    Key(&'v Value),
}

/// Containers nested deeper than this are refused rather than risking the native stack.
const MAX_DEPTH: usize = 512;

struct Writer<'a, 'h> {
    interp: &'a mut Interp<'h>,
    config: WriteConfig,
    out: String,
    /// Objects open around the current value (Jackson indents by objects only).
    nesting: usize,
    /// The containers being written, to refuse a structure that contains itself.
    open: Vec<*const ()>,
    /// Whether any class has an instance property getter, the only user code serializing runs.
    may_run_code: bool,
}

impl<'h> Writer<'_, 'h> {
    fn value(&mut self, value: &Value) -> Result<(), Throw> {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Boolean(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Integer(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::Long(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::Double(d) => self.out.push_str(&format_double(*d)),
            Value::Decimal(d) => self.out.push_str(&crate::stdlib::number::decimal_to_java_string(d)),
            Value::String(s) | Value::Id(s) => quote(&mut self.out, s),
            Value::Blob(bytes) => quote(&mut self.out, &base64::engine::general_purpose::STANDARD.encode(&**bytes)),
            Value::Date(d) => quote(&mut self.out, &d.iso()),
            Value::Datetime(d) => quote(&mut self.out, &crate::stdlib::iso8601::format_datetime(*d)),
            Value::Time(t) => quote(&mut self.out, &t.display()),
            Value::Enum(e) => {
                let class = self.interp.program.class(e.ty);
                quote(&mut self.out, class.enum_constants.get(e.ordinal as usize).map_or("", String::as_str));
            }
            Value::Type(ty) => {
                let name = self.interp.program.ty_name(ty);
                return Err(json_error(format!("Apex Type unsupported in JSON: {name}")));
            }
            Value::Native(n) => return Err(json_error(format!("Apex Type unsupported in JSON: {}", n.class))),
            Value::SObject(record) => {
                self.enter(std::rc::Rc::as_ptr(record).cast())?;
                self.sobject(record)?;
                self.open.pop();
            }
            // Collections are copied out before their elements are written: a property getter
            // reached inside may run user code that changes them.
            // When a property getter could run user code that changes a collection, the
            // collection is copied out before its elements are written.
            Value::List(list) => {
                self.enter(std::rc::Rc::as_ptr(list).cast())?;
                if self.may_run_code {
                    let items = list.items.borrow().clone();
                    self.array(items.iter())?;
                } else {
                    self.array(list.items.borrow().iter())?;
                }
                self.open.pop();
            }
            Value::Set(set) => {
                self.enter(std::rc::Rc::as_ptr(set).cast())?;
                if self.may_run_code {
                    let items: Vec<Value> = set.items.borrow().iter().map(|k| k.0.clone()).collect();
                    self.array(items.iter())?;
                } else {
                    self.array(set.items.borrow().iter().map(|k| &k.0))?;
                }
                self.open.pop();
            }
            Value::Map(map) => {
                self.enter(std::rc::Rc::as_ptr(map).cast())?;
                if self.may_run_code {
                    let entries: Vec<(Value, Value)> =
                        map.entries.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                    self.object(entries.iter().map(|(k, v)| (Member::Key(k), v)))?;
                } else {
                    self.object(map.entries.borrow().iter().map(|(k, v)| (Member::Key(&k.0), v)))?;
                }
                self.open.pop();
            }
            Value::Object(object) => {
                self.enter(std::rc::Rc::as_ptr(object).cast())?;
                let fields = self.object_fields(value, object)?;
                self.object(fields.iter().map(|(name, v)| (Member::Name(name), v)))?;
                self.open.pop();
            }
        }
        Ok(())
    }

    /// A user object's fields as JSON members: inherited first, then in declaration order; a
    /// field a subclass declares again appears once, `transient` ones not at all, and a
    /// property with a getter is read through it.
    fn object_fields(&mut self, this: &Value, object: &crate::value::Instance) -> Result<Vec<(&'h str, Value)>, Throw> {
        let program = self.interp.program;
        let class = object.class;
        let declared = &program.class(class).fields;
        let values = object.fields.borrow().clone();
        let mut out: Vec<(&'h str, Value)> = Vec::with_capacity(declared.len());
        for (slot, (field, value)) in declared.iter().zip(values).enumerate() {
            if field.is_transient {
                continue;
            }
            let getter = program
                .find_property(class, &field.name)
                .filter(|p| !p.is_static && p.slot as usize == slot)
                .and_then(|p| p.getter);
            let value = match getter {
                Some(getter) => self.interp.invoke(getter, this.clone(), Vec::new())?,
                None => value,
            };
            match out.iter_mut().find(|(name, _)| name.eq_ignore_ascii_case(&field.name)) {
                Some(existing) => existing.1 = value,
                None => out.push((field.name.as_str(), value)),
            }
        }
        Ok(out)
    }

    /// An sObject, in the REST API's record shape (`sobject_write`).
    fn sobject(&mut self, record: &crate::value::SObjectObj) -> Result<(), Throw> {
        let members = super::sobject_write::members(record);
        self.object(members.iter().map(|(n, v)| (Member::Name(n), v)))
    }

    /// Marks a container as open; meeting it again inside itself is a loop.
    fn enter(&mut self, ptr: *const ()) -> Result<(), Throw> {
        if self.open.len() >= MAX_DEPTH {
            return Err(json_error(format!("Cannot serialize a value nested more than {MAX_DEPTH} levels deep")));
        }
        if self.open.contains(&ptr) {
            return Err(json_error("Cannot serialize a value that contains itself (a loop in the object graph)"));
        }
        self.open.push(ptr);
        Ok(())
    }

    fn array<'v>(&mut self, items: impl Iterator<Item = &'v Value>) -> Result<(), Throw> {
        self.out.push('[');
        let mut empty = true;
        for item in items {
            self.out.push_str(match (empty, self.config.pretty) {
                (true, true) => " ",
                (false, true) => ", ",
                (false, false) => ",",
                (true, false) => "",
            });
            empty = false;
            self.value(item)?;
        }
        if self.config.pretty {
            self.out.push(' ');
        }
        self.out.push(']');
        Ok(())
    }

    fn object<'v>(&mut self, fields: impl Iterator<Item = (Member<'v>, &'v Value)>) -> Result<(), Throw> {
        self.out.push('{');
        self.nesting += 1;
        let mut empty = true;
        for (name, value) in fields {
            if self.config.suppress_nulls && value.is_null() {
                continue;
            }
            if !empty {
                self.out.push(',');
            }
            empty = false;
            self.newline();
            self.member(name)?;
            self.out.push_str(if self.config.pretty { " : " } else { ":" });
            self.value(value)?;
        }
        self.nesting -= 1;
        if !empty {
            self.newline();
        } else if self.config.pretty {
            self.out.push(' ');
        }
        self.out.push('}');
        Ok(())
    }

    fn newline(&mut self) {
        if self.config.pretty {
            self.out.push('\n');
            for _ in 0..self.nesting {
                self.out.push_str("  ");
            }
        }
    }

    /// A member's name, quoted.
    fn member(&mut self, member: Member<'_>) -> Result<(), Throw> {
        match member {
            Member::Name(name) => quote(&mut self.out, name),
            Member::Key(Value::String(s) | Value::Id(s)) => quote(&mut self.out, s),
            Member::Key(key) => {
                let text = self.key_text(key)?;
                quote(&mut self.out, &text);
            }
        }
        Ok(())
    }

    /// A map key as JSON text: Strings as they are, anything else as `String.valueOf` gives it.
    fn key_text(&self, key: &Value) -> Result<String, Throw> {
        Ok(match key {
            Value::String(s) | Value::Id(s) => s.to_string(),
            Value::Null => "null".into(),
            Value::Date(d) => d.iso(),
            Value::Enum(e) => {
                let class = self.interp.program.class(e.ty);
                class.enum_constants.get(e.ordinal as usize).cloned().unwrap_or_default()
            }
            Value::Integer(n) => n.to_string(),
            Value::Long(n) => n.to_string(),
            Value::Double(d) => format_double(*d),
            Value::Decimal(d) => crate::stdlib::number::decimal_to_java_string(d),
            Value::Boolean(b) => b.to_string(),
            Value::Datetime(d) => d.display(),
            Value::Time(t) => t.display(),
            _ => return Err(json_error("Map keys must be primitive types to serialize to JSON")),
        })
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped as Jackson does.
pub fn quote(out: &mut String, text: &str) {
    out.push('"');
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{byte:04X}");
        } else {
            out.push_str(escaped);
        }
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out.push('"');
}

pub fn json_error(message: impl Into<String>) -> Throw {
    Throw::sys(SysExc::Json, message)
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting_escapes_what_json_requires_and_leaves_the_rest() {
        let mut out = String::new();
        quote(&mut out, "a\"b\\c\n\t\u{1}é/");
        assert_eq!(out, r#""a\"b\\c\n\t\u0001é/""#);
    }
}
