//! The system library: one module per Apex class or namespace. Each module exposes tables of
//! [`Native`] methods that the compiler looks up by case-folded name and argument count.

pub mod address;
pub mod args;
pub mod assert;
pub mod async_apex;
pub mod boolean;
pub mod crypto;
pub mod database;
pub mod date;
pub mod describe;
pub mod dml;
pub mod dml_exception;
pub mod encoding_util;
pub mod exception;
pub mod external_service;
pub mod future;
pub mod http;
pub mod http_request;
pub mod http_response;
pub mod iso8601;
pub mod json;
pub mod limits;
pub mod list;
pub mod load_data;
pub mod map;
pub mod matcher;
pub mod math;
pub mod number;
pub mod object;
pub mod pattern;
pub mod request;
pub mod resource_mock;
pub mod security;
pub mod set;
pub mod sobject;
pub mod soql;
pub mod soql_binds;
pub mod sosl;
pub mod string;
pub mod system;
pub mod test;
pub mod url;
pub mod user_info;

use crate::eval::{Interp, Throw};
use crate::types::Ty;
use crate::value::Value;

/// A native method that needs no interpreter state. For instance methods `args[0]` is the
/// receiver (never null: the caller checks) and the declared arguments follow.
pub type PureFn = fn(&[Value]) -> Result<Value, Throw>;
/// A native method that calls back into the interpreter (to run `toString`, read the clock, ...).
pub type InterpFn = fn(&mut Interp, &[Value]) -> Result<Value, Throw>;

#[derive(Clone, Copy)]
pub enum NativeFn {
    Pure(PureFn),
    Interp(InterpFn),
}

impl std::fmt::Debug for NativeFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("native")
    }
}

/// What a native method returns, for the compiler's static types.
#[derive(Clone, Debug)]
pub enum Ret {
    Ty(Ty),
    ListOfString,
    SetOfString,
    /// The receiver's own type (`clone()`).
    Receiver,
    /// The receiver's element type (`List<T>.get` returns `T`).
    Element,
    /// The receiver map's key set, `Set<K>`.
    KeySet,
    /// The receiver map's values, `List<V>`.
    Values,
    /// The receiver map's value type `V`.
    MapValue,
    /// The wider numeric type of the arguments (`Math.abs`, `max`, `min`, `mod`).
    WiderArg,
    /// Decimal when the (wider) argument is a Decimal, otherwise Double (`Math.sqrt`, ...).
    FloatArg,
}

/// One native method: its case-folded name, how many arguments it takes (not counting the
/// receiver), its return type and its implementation.
#[derive(Clone)]
pub struct Native {
    pub name: &'static str,
    pub min_args: u8,
    pub max_args: u8,
    pub ret: Ret,
    pub func: NativeFn,
}

impl Native {
    pub const fn pure(name: &'static str, args: u8, ret: Ret, func: PureFn) -> Native {
        Native { name, min_args: args, max_args: args, ret, func: NativeFn::Pure(func) }
    }

    pub const fn interp(name: &'static str, args: u8, ret: Ret, func: InterpFn) -> Native {
        Native { name, min_args: args, max_args: args, ret, func: NativeFn::Interp(func) }
    }

    /// The same method accepting `min..=max` arguments.
    pub const fn args(mut self, min: u8, max: u8) -> Native {
        self.min_args = min;
        self.max_args = max;
        self
    }
}

/// The instance methods of a system class whose objects are [`Value::Native`].
pub fn system_instance_table(class: &str) -> Option<&'static [Native]> {
    Some(match class {
        address::CLASS => address::INSTANCE,
        pattern::CLASS => pattern::INSTANCE,
        matcher::CLASS => matcher::INSTANCE,
        url::CLASS => url::INSTANCE,
        request::CLASS => request::INSTANCE,
        http::CLASS => http::INSTANCE,
        http_request::CLASS => http_request::INSTANCE,
        http_response::CLASS => http_response::INSTANCE,
        resource_mock::SINGLE => resource_mock::SINGLE_INSTANCE,
        resource_mock::MULTI => resource_mock::MULTI_INSTANCE,
        json::PARSER_CLASS => json::PARSER_INSTANCE,
        json::GENERATOR_CLASS => json::GENERATOR_INSTANCE,
        database::RESULT_CLASS => database::RESULT_INSTANCE,
        database::ERROR_CLASS => database::ERROR_INSTANCE,
        describe::OBJECT_TYPE => describe::OBJECT_TYPE_INSTANCE,
        describe::FIELD => describe::FIELD_INSTANCE,
        describe::OBJECT_DESCRIBE => describe::OBJECT_DESCRIBE_INSTANCE,
        describe::FIELD_DESCRIBE => describe::FIELD_DESCRIBE_INSTANCE,
        describe::FIELDS => describe::FIELDS_INSTANCE,
        async_apex::QUEUEABLE_CONTEXT => async_apex::QUEUEABLE_INSTANCE,
        async_apex::FINALIZER_CONTEXT => async_apex::FINALIZER_INSTANCE,
        _ => return None,
    })
}

/// How a system object prints in `System.debug` and `String.valueOf`.
pub fn native_display(object: &crate::value::NativeObject) -> String {
    let shown = match object.class {
        address::CLASS => address::display(object),
        url::CLASS => url::display(object),
        http_request::CLASS => http_request::display(object),
        http_response::CLASS => http_response::display(object),
        describe::OBJECT_TYPE
        | describe::FIELD
        | describe::OBJECT_DESCRIBE
        | describe::FIELD_DESCRIBE
        | describe::FIELDS => describe::display(object),
        async_apex::QUEUEABLE_CONTEXT | async_apex::FINALIZER_CONTEXT => async_apex::display(object),
        _ => None,
    };
    shown.unwrap_or_else(|| object.class.to_string())
}

/// The constructors of a system class (each named `new`), for `new Url(...)` and the like.
pub fn system_constructors(class: &str) -> Option<&'static [Native]> {
    Some(match class {
        url::CLASS => url::CONSTRUCTORS,
        http::CLASS => http::CONSTRUCTORS,
        http_request::CLASS => http_request::CONSTRUCTORS,
        http_response::CLASS => http_response::CONSTRUCTORS,
        resource_mock::SINGLE => resource_mock::SINGLE_CONSTRUCTORS,
        resource_mock::MULTI => resource_mock::MULTI_CONSTRUCTORS,
        _ => return None,
    })
}

/// Finds a method by case-folded name and argument count in one table.
pub fn find<'a>(table: &'a [Native], name: &str, argc: usize) -> Option<&'a Native> {
    table.iter().find(|n| n.name == name && (n.min_args as usize..=n.max_args as usize).contains(&argc))
}

/// Shorthand for the simple return types used in the tables.
pub mod ret {
    use super::Ret;
    use crate::types::Ty;
    pub const VOID: Ret = Ret::Ty(Ty::Void);
    pub const OBJECT: Ret = Ret::Ty(Ty::Object);
    pub const BOOLEAN: Ret = Ret::Ty(Ty::Boolean);
    pub const INTEGER: Ret = Ret::Ty(Ty::Integer);
    pub const LONG: Ret = Ret::Ty(Ty::Long);
    pub const DOUBLE: Ret = Ret::Ty(Ty::Double);
    pub const DECIMAL: Ret = Ret::Ty(Ty::Decimal);
    pub const STRING: Ret = Ret::Ty(Ty::String);
    pub const ID: Ret = Ret::Ty(Ty::Id);
    pub const BLOB: Ret = Ret::Ty(Ty::Blob);
    pub const DATE: Ret = Ret::Ty(Ty::Date);
    pub const DATETIME: Ret = Ret::Ty(Ty::Datetime);
    pub const TIME: Ret = Ret::Ty(Ty::Time);
}

/// System enums. Their constants are `Value::Enum` whose `ty` is [`SysEnum::class_id`] and
/// whose ordinal is the index in [`SysEnum::constants`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SysEnum {
    RoundingMode,
    LoggingLevel,
    JsonToken,
    DisplayType,
    AccessLevel,
    StatusCode,
    Quiddity,
    ParentJobResult,
}

impl SysEnum {
    pub const ALL: &'static [SysEnum] = &[
        SysEnum::RoundingMode,
        SysEnum::LoggingLevel,
        SysEnum::JsonToken,
        SysEnum::DisplayType,
        SysEnum::AccessLevel,
        SysEnum::StatusCode,
        SysEnum::Quiddity,
        SysEnum::ParentJobResult,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SysEnum::RoundingMode => "RoundingMode",
            SysEnum::LoggingLevel => "LoggingLevel",
            SysEnum::JsonToken => "JSONToken",
            SysEnum::DisplayType => "DisplayType",
            SysEnum::AccessLevel => "AccessLevel",
            SysEnum::StatusCode => "StatusCode",
            SysEnum::Quiddity => "Quiddity",
            SysEnum::ParentJobResult => "ParentJobResult",
        }
    }

    pub fn constants(self) -> &'static [&'static str] {
        match self {
            SysEnum::RoundingMode => {
                &["CEILING", "DOWN", "FLOOR", "HALF_DOWN", "HALF_EVEN", "HALF_UP", "UNNECESSARY", "UP"]
            }
            SysEnum::LoggingLevel => &["NONE", "ERROR", "WARN", "INFO", "DEBUG", "FINE", "FINER", "FINEST"],
            SysEnum::JsonToken => json::TOKEN_NAMES,
            // The running user may do everything, so user mode and system mode act alike.
            SysEnum::AccessLevel => &["USER_MODE", "SYSTEM_MODE"],
            SysEnum::StatusCode => dml_exception::STATUS_CODES,
            SysEnum::Quiddity => request::QUIDDITIES,
            SysEnum::ParentJobResult => &["SUCCESS", "UNHANDLED_EXCEPTION"],
            SysEnum::DisplayType => &[
                "ADDRESS",
                "ANYTYPE",
                "BASE64",
                "BOOLEAN",
                "COMBOBOX",
                "CURRENCY",
                "DATACATEGORYGROUPREFERENCE",
                "DATE",
                "DATETIME",
                "DOUBLE",
                "EMAIL",
                "ENCRYPTEDSTRING",
                "ID",
                "INTEGER",
                "LONG",
                "MULTIPICKLIST",
                "PERCENT",
                "PHONE",
                "PICKLIST",
                "REFERENCE",
                "STRING",
                "TEXTAREA",
                "TIME",
                "URL",
            ],
        }
    }

    /// System enums follow the built-in exceptions in the class table.
    pub const fn class_id(self) -> crate::types::ClassId {
        crate::types::ClassId((crate::eval::SysExc::ALL.len() + self as usize) as u32)
    }

    /// The constant's name when `value` is a constant of this enum.
    pub fn constant_of(self, value: &Value) -> Option<&'static str> {
        match value {
            Value::Enum(e) if e.ty == self.class_id() => self.constants().get(e.ordinal as usize).copied(),
            _ => None,
        }
    }

    pub fn value(self, constant: &str) -> Option<Value> {
        let ordinal = self.constants().iter().position(|c| c.eq_ignore_ascii_case(constant))?;
        Some(Value::Enum(crate::value::EnumValue { ty: self.class_id(), ordinal: ordinal as u32 }))
    }
}
