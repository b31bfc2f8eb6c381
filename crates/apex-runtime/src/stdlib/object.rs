//! Methods on values that are not of a system class with its own module: enum constants,
//! `System.Type`, user objects' `equals`/`hashCode`/`toString` defaults, `Id` and `Blob`.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_type.htm

use super::{ret, Native, Ret};
use crate::eval::{to_id, Interp, Throw};
use crate::types::Ty;
use crate::value::{EnumValue, ListObj, Value};
use std::rc::Rc;

pub static ENUM_INSTANCE: &[Native] = &[
    Native::interp("name", 0, ret::STRING, enum_name),
    Native::pure("ordinal", 0, ret::INTEGER, enum_ordinal),
    Native::interp("equals", 1, ret::BOOLEAN, equals),
    Native::pure("hashcode", 0, ret::INTEGER, enum_ordinal),
    Native::interp("tostring", 0, ret::STRING, to_string),
];

/// `MyEnum.values()`: args[0] is the enum's Type.
pub static ENUM_VALUES: Native = Native::interp("values", 1, ret::OBJECT, enum_values);
/// `MyEnum.valueOf(name)`: args[0] is the enum's Type.
pub static ENUM_VALUE_OF: Native = Native::interp("valueof", 2, ret::OBJECT, enum_value_of);

pub static OBJECT_INSTANCE: &[Native] = &[
    Native::interp("equals", 1, ret::BOOLEAN, equals),
    Native::pure("hashcode", 0, ret::INTEGER, identity_hash),
    Native::interp("tostring", 0, ret::STRING, to_string),
];

pub static TYPE_STATIC: &[Native] = &[Native::interp("forname", 1, Ret::Ty(Ty::Type), for_name).args(1, 2)];

pub static TYPE_INSTANCE: &[Native] = &[
    Native::interp("getname", 0, ret::STRING, type_get_name),
    Native::interp("tostring", 0, ret::STRING, type_get_name),
    Native::interp("newinstance", 0, ret::OBJECT, new_instance),
    Native::interp("equals", 1, ret::BOOLEAN, equals),
    Native::pure("hashcode", 0, ret::INTEGER, |_| Ok(Value::Integer(0))),
    Native::interp("isassignablefrom", 1, ret::BOOLEAN, is_assignable_from),
];

pub static ID_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::ID, id_value_of)];

/// The methods an Id has beyond String's.
pub static ID_INSTANCE: &[Native] = &[Native::interp(
    "getsobjecttype",
    0,
    Ret::Ty(Ty::System(super::describe::OBJECT_TYPE)),
    super::describe::id_sobject_type,
)];

pub static BLOB_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::BLOB, blob_value_of)];

pub static BLOB_INSTANCE: &[Native] =
    &[Native::pure("size", 0, ret::INTEGER, blob_size), Native::pure("tostring", 0, ret::STRING, blob_to_string)];

fn enum_of(args: &[Value]) -> Result<EnumValue, Throw> {
    match args.first() {
        Some(Value::Enum(e)) => Ok(*e),
        _ => Err(Throw::null_pointer()),
    }
}

fn enum_name(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let e = enum_of(args)?;
    let name = interp.program.class(e.ty).enum_constants.get(e.ordinal as usize).cloned().unwrap_or_default();
    Ok(Value::string(name))
}

fn enum_ordinal(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Integer(enum_of(args)?.ordinal as i32))
}

fn enum_class(args: &[Value]) -> Result<crate::types::ClassId, Throw> {
    match args.first() {
        Some(Value::Type(ty)) => match **ty {
            Ty::Class(id) => Ok(id),
            _ => Err(Throw::null_pointer()),
        },
        _ => Err(Throw::null_pointer()),
    }
}

fn enum_values(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ty = enum_class(args)?;
    let count = interp.program.class(ty).enum_constants.len() as u32;
    let items = (0..count).map(|ordinal| Value::Enum(EnumValue { ty, ordinal })).collect();
    Ok(Value::List(Rc::new(ListObj::new(items, Ty::Class(ty)))))
}

fn enum_value_of(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ty = enum_class(args)?;
    let Some(name) = args.get(1).and_then(Value::as_str) else {
        return Err(Throw::null_pointer());
    };
    let constants = &interp.program.class(ty).enum_constants;
    let found = constants
        .iter()
        .position(|c| c == name)
        .or_else(|| constants.iter().position(|c| c.eq_ignore_ascii_case(name)));
    match found {
        Some(ordinal) => Ok(Value::Enum(EnumValue { ty, ordinal: ordinal as u32 })),
        None => {
            let type_name = interp.program.class_display(ty);
            Err(Throw::sys(crate::eval::SysExc::NoSuchElement, format!("No enum constant {type_name}.{name}")))
        }
    }
}

fn equals(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let other = args.get(1).cloned().unwrap_or_default();
    let same = match (&args[0], &other) {
        (Value::Object(_), _) => args[0].same_object(&other),
        _ => interp.apex_equals(&args[0], &other)?,
    };
    Ok(Value::Boolean(same))
}

fn identity_hash(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Object(o)) => Ok(Value::Integer((Rc::as_ptr(o) as usize >> 4) as i32)),
        _ => Ok(Value::Integer(0)),
    }
}

fn to_string(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let text = interp.stringify(&args[0])?;
    Ok(Value::string(text))
}

fn for_name(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let name = match args {
        [name] => name.as_str().map(str::to_string),
        [ns, name] => {
            let ns = ns.as_str().unwrap_or_default();
            name.as_str().map(|n| if ns.is_empty() { n.to_string() } else { format!("{ns}.{n}") })
        }
        _ => None,
    };
    let Some(name) = name else {
        return Err(Throw::null_pointer());
    };
    Ok(interp.program.type_by_name(&name).map(|ty| Value::Type(Rc::new(ty))).unwrap_or(Value::Null))
}

fn type_arg(args: &[Value]) -> Result<Rc<Ty>, Throw> {
    match args.first() {
        Some(Value::Type(ty)) => Ok(ty.clone()),
        _ => Err(Throw::null_pointer()),
    }
}

fn type_get_name(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ty = type_arg(args)?;
    Ok(Value::string(interp.program.ty_name(&ty)))
}

fn new_instance(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ty = type_arg(args)?;
    match *ty {
        Ty::Class(id) => interp.new_object(id),
        Ty::List(_) | Ty::Set(_) | Ty::Map(..) => crate::eval::empty_collection(&ty),
        Ty::SObject(Some(ref object)) => Ok(Value::SObject(Rc::new(crate::value::SObjectObj::new(object)))),
        _ => Err(Throw::unsupported(format!("Type.newInstance of {}", interp.program.ty_name(&ty)))),
    }
}

fn is_assignable_from(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ty = type_arg(args)?;
    let Some(Value::Type(other)) = args.get(1) else {
        return Err(Throw::null_pointer());
    };
    let result = match (&*ty, &**other) {
        (Ty::Class(a), Ty::Class(b)) => interp.program.is_subclass(*b, *a),
        (Ty::Object, _) => true,
        (a, b) => a == b,
    };
    Ok(Value::Boolean(result))
}

fn id_value_of(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::String(s) | Value::Id(s)) => to_id(s).map(Value::Id),
        _ => Err(Throw::null_pointer()),
    }
}

fn blob_value_of(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::String(s)) => Ok(Value::Blob(std::rc::Rc::new(s.as_bytes().to_vec()))),
        _ => Err(Throw::null_pointer()),
    }
}

fn blob_size(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Blob(b)) => Ok(Value::Integer(b.len() as i32)),
        _ => Err(Throw::null_pointer()),
    }
}

fn blob_to_string(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        Some(Value::Blob(b)) => match std::str::from_utf8(b) {
            Ok(text) => Ok(Value::string(text)),
            Err(_) => Err(Throw::sys(crate::eval::SysExc::String, "BLOB is not a valid UTF-8 string")),
        },
        _ => Err(Throw::null_pointer()),
    }
}
