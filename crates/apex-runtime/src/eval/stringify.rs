//! The text Apex prints for a value: `String.valueOf`, `System.debug` and concatenation.
//! Collections print as `(1, 2)`, `{a, b}` and `{k=v}`; objects use their `toString()` or
//! `ClassName:[field=value, ...]`; exceptions print as `Type: message`.

use super::{Interp, Throw};
use crate::compile::declare::MESSAGE_SLOT;
use crate::value::format::format_double;
use crate::value::{Instance, Value};

/// Objects nested deeper than this print as `...`, so a cycle cannot recurse forever.
const MAX_DEPTH: usize = 64;

impl Interp<'_> {
    /// `String.valueOf(value)`.
    pub fn stringify(&mut self, value: &Value) -> Result<String, Throw> {
        let mut out = String::new();
        self.write_value(&mut out, value, 0)?;
        Ok(out)
    }

    /// The text of a value inside a concatenation: like `String.valueOf`, except that a
    /// Date gains ` 00:00:00`.
    pub fn stringify_implicit(&mut self, value: &Value) -> Result<String, Throw> {
        match value {
            Value::Date(d) => Ok(format!("{} 00:00:00", d.iso())),
            Value::String(s) => Ok(s.to_string()),
            other => self.stringify(other),
        }
    }

    fn write_value(&mut self, out: &mut String, value: &Value, depth: usize) -> Result<(), Throw> {
        if depth > MAX_DEPTH {
            out.push_str("...");
            return Ok(());
        }
        match value {
            Value::Null => out.push_str("null"),
            Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Integer(i) => out.push_str(&i.to_string()),
            Value::Long(l) => out.push_str(&l.to_string()),
            Value::Double(d) => out.push_str(&format_double(*d)),
            Value::Decimal(d) => out.push_str(&crate::stdlib::number::decimal_to_java_string(d)),
            Value::String(s) | Value::Id(s) => out.push_str(s),
            // Inside a collection a Date prints through its toString, with a time.
            Value::Date(d) if depth > 0 => out.push_str(&format!("{} 00:00:00", d.iso())),
            Value::Date(d) => out.push_str(&d.iso()),
            Value::Datetime(d) => out.push_str(&d.display()),
            Value::Time(t) => out.push_str(&t.display()),
            Value::Blob(b) => out.push_str(&format!("Blob[{}]", b.len())),
            Value::Enum(e) => {
                let name = self.program.class(e.ty).enum_constants.get(e.ordinal as usize).cloned().unwrap_or_default();
                out.push_str(&name);
            }
            Value::Type(ty) => out.push_str(&self.program.ty_name(ty)),
            Value::Native(n) => out.push_str(&crate::stdlib::native_display(n)),
            Value::SObject(record) => {
                let fields: Vec<(String, Value)> = record.fields.borrow().values().cloned().collect();
                out.push_str(&record.object);
                out.push_str(":{");
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(name);
                    out.push('=');
                    self.write_value(out, value, depth + 1)?;
                }
                out.push('}');
            }
            Value::List(list) => {
                let items = list.items.borrow().clone();
                self.write_seq(out, "(", &items, ")", depth)?;
            }
            Value::Set(set) => {
                let items: Vec<Value> = set.items.borrow().iter().map(|k| k.0.clone()).collect();
                self.write_seq(out, "{", &items, "}", depth)?;
            }
            Value::Map(map) => {
                let entries: Vec<(Value, Value)> =
                    map.entries.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_value(out, k, depth + 1)?;
                    out.push('=');
                    self.write_value(out, v, depth + 1)?;
                }
                out.push('}');
            }
            Value::Object(object) => self.write_object(out, value, object, depth)?,
        }
        Ok(())
    }

    fn write_seq(
        &mut self,
        out: &mut String,
        open: &str,
        items: &[Value],
        close: &str,
        depth: usize,
    ) -> Result<(), Throw> {
        out.push_str(open);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.write_value(out, item, depth + 1)?;
        }
        out.push_str(close);
        Ok(())
    }

    fn write_object(&mut self, out: &mut String, value: &Value, object: &Instance, depth: usize) -> Result<(), Throw> {
        if let Some(m) = self.user_method(object.class, "tostring", 0) {
            let text = self.invoke(m, value.clone(), Vec::new())?;
            return self.write_value(out, &text, depth + 1);
        }
        let class = self.program.class(object.class);
        if class.is_exception {
            let name = self.program.class_display(object.class);
            let message = object.fields.borrow()[MESSAGE_SLOT].clone();
            let separator = if class.is_system { ": " } else { ":[]: " };
            out.push_str(&name);
            out.push_str(separator);
            return self.write_value(out, &message, depth + 1);
        }
        let name = class.name.clone();
        let values = object.fields.borrow().clone();
        // Fields print sorted by name (character order), as the platform reportedly does.
        let mut fields: Vec<(String, Value)> = class.fields.iter().map(|f| f.name.clone()).zip(values).collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        out.push_str(&name);
        out.push_str(":[");
        for (i, (field, v)) in fields.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(field);
            out.push('=');
            self.write_value(out, v, depth + 1)?;
        }
        out.push(']');
        Ok(())
    }
}
