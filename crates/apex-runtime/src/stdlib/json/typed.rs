//! `JSON.deserialize(json, T.class)` and `deserializeStrict`: an untyped document shaped into a
//! declared type. Objects of user classes are made without running a constructor (the platform
//! does not call one) but with their field initializers; keys match fields case-insensitively;
//! unknown keys are skipped, or refused when strict. Scalars coerce as Jackson does (a number
//! into a String field is its text, `"12"` into an Integer field is 12).

use super::writer::json_error;
use crate::eval::{Interp, Throw};
use crate::program::ClassKind;
use crate::stdlib::encoding_util::decode_base64;
use crate::stdlib::iso8601;
use crate::stdlib::number::decimal;
use crate::types::{ClassId, Ty};
use crate::value::{Key, ListObj, MapObj, SetObj, Value};
use bigdecimal::{BigDecimal, ToPrimitive};
use std::rc::Rc;

/// Shapes `value` (as `deserializeUntyped` made it) into `ty`.
pub fn shape(interp: &mut Interp, value: Value, ty: &Ty, strict: bool) -> Result<Value, Throw> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match ty {
        Ty::List(element) => {
            let items = sequence(interp, value, element, strict)?;
            Ok(Value::List(Rc::new(ListObj::new(items, (**element).clone()))))
        }
        Ty::Set(element) => {
            let items = sequence(interp, value, element, strict)?;
            let set = SetObj::new((**element).clone());
            set.items.borrow_mut().extend(items.into_iter().map(Key));
            Ok(Value::Set(Rc::new(set)))
        }
        Ty::Map(key, item) => map(interp, value, key, item, strict),
        Ty::Class(id) => class(interp, value, *id, strict),
        Ty::Object | Ty::Any => Err(json_error("Apex Type unsupported in JSON: Object")),
        Ty::SObject(object) => super::sobject_read::record(interp, value, object.as_deref()),
        scalar_ty => scalar(value, scalar_ty).ok_or_else(|| illegal_value(interp, scalar_ty)),
    }
}

fn sequence(interp: &mut Interp, value: Value, element: &Ty, strict: bool) -> Result<Vec<Value>, Throw> {
    let Value::List(list) = value else {
        return Err(json_error("Malformed JSON: Expected '[' at the beginning of List/Set"));
    };
    let items = std::mem::take(&mut *list.items.borrow_mut());
    items.into_iter().map(|item| shape(interp, item, element, strict)).collect()
}

fn map(interp: &mut Interp, value: Value, key: &Ty, item: &Ty, strict: bool) -> Result<Value, Throw> {
    let Value::Map(source) = value else {
        return Err(json_error("Malformed JSON: Expected '{' at the beginning of object"));
    };
    let entries = std::mem::take(&mut *source.entries.borrow_mut());
    let target = MapObj::new(key.clone(), item.clone());
    for (k, v) in entries {
        let k = scalar(k.0, key).ok_or_else(|| illegal_value(interp, key))?;
        let v = shape(interp, v, item, strict)?;
        target.entries.borrow_mut().insert(Key(k), v);
    }
    Ok(Value::Map(Rc::new(target)))
}

fn class(interp: &mut Interp, value: Value, id: ClassId, strict: bool) -> Result<Value, Throw> {
    let info = interp.program.class(id);
    match info.kind {
        ClassKind::Enum => {
            let Some(name) = value.as_str() else {
                return Err(illegal_value(interp, &Ty::Class(id)));
            };
            let ordinal = info.enum_constants.iter().position(|c| c.eq_ignore_ascii_case(name));
            // An unknown constant reads as null, as Jackson's lenient enum handling does.
            return Ok(
                ordinal.map_or(Value::Null, |o| Value::Enum(crate::value::EnumValue { ty: id, ordinal: o as u32 }))
            );
        }
        ClassKind::Interface => {
            return Err(json_error(format!("Apex Type unsupported in JSON: {}", interp.program.class_display(id))))
        }
        ClassKind::Class if info.is_abstract => {
            return Err(json_error(format!("Apex Type unsupported in JSON: {}", interp.program.class_display(id))))
        }
        ClassKind::Class => {}
    }
    let Value::Map(source) = value else {
        return Err(json_error("Malformed JSON: Expected '{' at the beginning of object"));
    };
    let object = interp.new_without_constructor(id)?;
    let entries = std::mem::take(&mut *source.entries.borrow_mut());
    let program = interp.program;
    let fields = &program.class(id).fields;
    for (key, value) in entries {
        let name = key.0.as_str().unwrap_or_default();
        let Some(slot) = fields.iter().rposition(|f| f.name.eq_ignore_ascii_case(name)) else {
            if strict {
                return Err(json_error(format!("Unknown field: {}.{name}", program.class_display(id))));
            }
            continue;
        };
        let shaped = shape(interp, value, &fields[slot].ty, strict)?;
        if let Value::Object(o) = &object {
            o.fields.borrow_mut()[slot] = shaped;
        }
    }
    Ok(object)
}

/// A JSON scalar as a value of a primitive type, or None when it cannot be one.
pub fn scalar(value: Value, ty: &Ty) -> Option<Value> {
    Some(match (ty, value) {
        (_, Value::Null) => Value::Null,
        (Ty::String, Value::String(s)) => Value::String(s),
        (Ty::String, Value::Integer(n)) => Value::string(n.to_string()),
        (Ty::String, Value::Long(n)) => Value::string(n.to_string()),
        (Ty::String, Value::Boolean(b)) => Value::string(b.to_string()),
        (Ty::String, Value::Decimal(d)) => Value::string(crate::stdlib::number::decimal_to_java_string(&d)),
        (Ty::Id, Value::String(s)) => Value::Id(s),
        (Ty::Boolean, Value::Boolean(b)) => Value::Boolean(b),
        (Ty::Boolean, Value::String(s)) => Value::Boolean(match s.to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return None,
        }),
        (Ty::Integer, v) => Value::Integer(i32::try_from(whole(&v)?).ok()?),
        (Ty::Long, v) => Value::Long(whole(&v)?),
        (Ty::Double, v) => Value::Double(decimal::to_f64(&number(&v)?)),
        (Ty::Decimal, v) => Value::decimal(number(&v)?),
        (Ty::Date, Value::String(s)) => Value::Date(crate::stdlib::date::parse_date(&s)?),
        (Ty::Datetime, Value::String(s)) => Value::Datetime(iso8601::parse_datetime(&s)?),
        (Ty::Time, Value::String(s)) => Value::Time(iso8601::parse_time(&s)?),
        (Ty::Blob, Value::String(s)) => Value::Blob(Rc::new(decode_base64(&s).ok()?)),
        (Ty::Object | Ty::Any, v) => v,
        _ => return None,
    })
}

/// An integral value of a JSON number or numeric string; fractions are cut toward zero, and
/// a value beyond 64 bits (or with an exponent too large to expand) is None.
fn whole(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(n) => Some(*n as i64),
        Value::Long(n) => Some(*n),
        other => decimal::rescale(&number(other)?, 0, decimal::Rounding::Down).ok()?.to_i64(),
    }
}

fn number(value: &Value) -> Option<BigDecimal> {
    match value {
        Value::Integer(n) => Some(BigDecimal::from(*n)),
        Value::Long(n) => Some(BigDecimal::from(*n)),
        Value::Decimal(d) => Some((**d).clone()),
        Value::String(s) => decimal::parse(s.trim()),
        _ => None,
    }
}

pub(super) fn illegal_value(interp: &Interp, ty: &Ty) -> Throw {
    json_error(format!("Illegal value for primitive: {}", interp.program.ty_name(ty)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_coerce_the_way_jackson_does() {
        assert_eq!(scalar(Value::string("12"), &Ty::Integer), Some(Value::Integer(12)));
        assert_eq!(scalar(Value::Integer(7), &Ty::String), Some(Value::string("7")));
        assert_eq!(scalar(Value::string("x"), &Ty::Integer), None);
        assert_eq!(scalar(Value::Long(1 << 40), &Ty::Integer), None);
        assert_eq!(scalar(Value::string("TRUE"), &Ty::Boolean), Some(Value::Boolean(true)));
    }
}
