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

pub fn write(interp: &Interp, value: &Value, config: WriteConfig) -> Result<String, Throw> {
    write_at(interp, value, config, 0)
}

/// `write` for a value that sits `nesting` objects deep in a pretty document.
pub fn write_at(interp: &Interp, value: &Value, config: WriteConfig, nesting: usize) -> Result<String, Throw> {
    let mut writer = Writer { interp, config, out: String::with_capacity(64), nesting, open: Vec::new() };
    writer.value(value)?;
    Ok(writer.out)
}

struct Writer<'a, 'h> {
    interp: &'a Interp<'h>,
    config: WriteConfig,
    out: String,
    /// Objects open around the current value (Jackson indents by objects only).
    nesting: usize,
    /// The containers being written, to refuse a structure that contains itself.
    open: Vec<*const ()>,
}

impl Writer<'_, '_> {
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
            Value::Datetime(d) => quote(&mut self.out, &iso_datetime(*d)),
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
            Value::List(list) => {
                self.enter(std::rc::Rc::as_ptr(list).cast())?;
                self.array(list.items.borrow().iter())?;
                self.open.pop();
            }
            Value::Set(set) => {
                self.enter(std::rc::Rc::as_ptr(set).cast())?;
                self.array(set.items.borrow().iter().map(|k| &k.0))?;
                self.open.pop();
            }
            Value::Map(map) => {
                self.enter(std::rc::Rc::as_ptr(map).cast())?;
                let entries = map.entries.borrow();
                let mut fields = Vec::with_capacity(entries.len());
                for (key, value) in entries.iter() {
                    fields.push((self.key_text(&key.0)?, value));
                }
                self.object(fields)?;
                self.open.pop();
            }
            Value::Object(object) => {
                self.enter(std::rc::Rc::as_ptr(object).cast())?;
                let class = self.interp.program.class(object.class);
                let values = object.fields.borrow();
                let fields = class
                    .fields
                    .iter()
                    .zip(values.iter())
                    .map(|(f, v)| (std::borrow::Cow::Borrowed(f.name.as_str()), v));
                self.object(fields.collect())?;
                self.open.pop();
            }
        }
        Ok(())
    }

    /// Marks a container as open; meeting it again inside itself is a loop.
    fn enter(&mut self, ptr: *const ()) -> Result<(), Throw> {
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

    fn object(&mut self, fields: Vec<(std::borrow::Cow<'_, str>, &Value)>) -> Result<(), Throw> {
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
            quote(&mut self.out, &name);
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

    /// A map key as JSON text: Strings as they are, anything else as `String.valueOf` gives it.
    fn key_text<'v>(&self, key: &'v Value) -> Result<std::borrow::Cow<'v, str>, Throw> {
        Ok(match key {
            Value::String(s) | Value::Id(s) => std::borrow::Cow::Borrowed(s.as_str()),
            Value::Null => std::borrow::Cow::Borrowed("null"),
            Value::Date(d) => std::borrow::Cow::Owned(d.iso()),
            Value::Enum(e) => {
                let class = self.interp.program.class(e.ty);
                std::borrow::Cow::Owned(class.enum_constants.get(e.ordinal as usize).cloned().unwrap_or_default())
            }
            Value::Integer(n) => std::borrow::Cow::Owned(n.to_string()),
            Value::Long(n) => std::borrow::Cow::Owned(n.to_string()),
            Value::Double(d) => std::borrow::Cow::Owned(format_double(*d)),
            Value::Decimal(d) => std::borrow::Cow::Owned(crate::stdlib::number::decimal_to_java_string(d)),
            Value::Boolean(b) => std::borrow::Cow::Owned(b.to_string()),
            Value::Datetime(d) => std::borrow::Cow::Owned(d.display()),
            Value::Time(t) => std::borrow::Cow::Owned(t.display()),
            _ => return Err(json_error("Map keys must be primitive types to serialize to JSON")),
        })
    }
}

/// `yyyy-MM-ddTHH:mm:ss.SSSZ` in GMT, the form JSON uses for a Datetime.
pub fn iso_datetime(d: crate::value::Datetime) -> String {
    let t = d.time();
    format!("{}T{:02}:{:02}:{:02}.{:03}Z", d.date().iso(), t.hour(), t.minute(), t.second(), t.millisecond())
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
