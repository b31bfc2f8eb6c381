//! `System.JSONParser` and `System.JSONToken`: Jackson's streaming reader over a document.
//! The document is read whole when the parser is made and walked as a token list; a syntax
//! error is kept and thrown by the first `nextToken()`, where the platform meets it (tokens
//! before the error are not delivered first, unlike Jackson: a simplification).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_JsonParser.htm

use super::{parse, typed, writer::json_error};
use crate::eval::{Interp, Throw};
use crate::stdlib::args::value as arg;
use crate::stdlib::encoding_util::decode_base64;
use crate::stdlib::{ret, Native, Ret, SysEnum};
use crate::types::Ty;
use crate::value::{Key, ListObj, MapObj, NativeObject, Value};
use std::rc::Rc;

pub const CLASS: &str = "JSONParser";
pub const TY: Ret = Ret::Ty(Ty::System(CLASS));

/// `System.JSONToken`, in declaration order (the ordinals).
pub const TOKEN_NAMES: &[&str] = &[
    "END_ARRAY",
    "END_OBJECT",
    "FIELD_NAME",
    "NOT_AVAILABLE",
    "START_ARRAY",
    "START_OBJECT",
    "VALUE_EMBEDDED_OBJECT",
    "VALUE_FALSE",
    "VALUE_NULL",
    "VALUE_NUMBER_FLOAT",
    "VALUE_NUMBER_INT",
    "VALUE_STRING",
    "VALUE_TRUE",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    EndArray = 0,
    EndObject = 1,
    FieldName = 2,
    StartArray = 4,
    StartObject = 5,
    False = 7,
    Null = 8,
    Float = 9,
    Int = 10,
    Text = 11,
    True = 12,
}

const TOKEN: Ret = Ret::Ty(Ty::Class(SysEnum::JsonToken.class_id()));

pub static INSTANCE: &[Native] = &[
    Native::pure("nexttoken", 0, TOKEN, |a| step(a, false)),
    Native::pure("nextvalue", 0, TOKEN, |a| step(a, true)),
    Native::pure("getcurrenttoken", 0, TOKEN, current_token),
    Native::pure("getlastclearedtoken", 0, TOKEN, last_cleared),
    Native::pure("hascurrenttoken", 0, ret::BOOLEAN, |a| with(a, |p| Ok(Value::Boolean(p.current().is_some())))),
    Native::pure("clearcurrenttoken", 0, ret::VOID, clear_current),
    Native::pure("getcurrentname", 0, ret::STRING, current_name),
    Native::pure("gettext", 0, ret::STRING, text),
    Native::pure("getintegervalue", 0, ret::INTEGER, |a| scalar(a, &Ty::Integer)),
    Native::pure("getlongvalue", 0, ret::LONG, |a| scalar(a, &Ty::Long)),
    Native::pure("getdecimalvalue", 0, ret::DECIMAL, |a| scalar(a, &Ty::Decimal)),
    Native::pure("getdoublevalue", 0, ret::DOUBLE, |a| scalar(a, &Ty::Double)),
    Native::pure("getbooleanvalue", 0, ret::BOOLEAN, boolean),
    Native::pure("getdatevalue", 0, ret::DATE, |a| scalar(a, &Ty::Date)),
    Native::pure("getdatetimevalue", 0, ret::DATETIME, |a| scalar(a, &Ty::Datetime)),
    Native::pure("gettimevalue", 0, ret::TIME, |a| scalar(a, &Ty::Time)),
    Native::pure("getidvalue", 0, ret::ID, |a| scalar(a, &Ty::Id)),
    Native::pure("getblobvalue", 0, ret::BLOB, blob),
    Native::pure("skipchildren", 0, ret::VOID, skip_children),
    Native::interp("readvalueas", 1, ret::OBJECT, |i, a| read_value_as(i, a, false)),
    Native::interp("readvalueasstrict", 1, ret::OBJECT, |i, a| read_value_as(i, a, true)),
];

struct Token {
    kind: Kind,
    /// The field this token belongs to, inside an object.
    name: Option<Rc<str>>,
    /// The scalar, or the whole object or array a start token opens.
    value: Value,
    /// For a start token, the index of its end token.
    end: usize,
}

struct ParserState {
    tokens: Vec<Token>,
    /// The index of the current token plus one; 0 before the first.
    at: usize,
    cleared: Option<Kind>,
    current_cleared: bool,
    error: Option<String>,
}

impl ParserState {
    fn current(&self) -> Option<&Token> {
        if self.current_cleared || self.at == 0 {
            return None;
        }
        self.tokens.get(self.at - 1)
    }
}

pub fn create(args: &[Value]) -> Result<Value, Throw> {
    let source = arg(args, 0)?.as_str().ok_or_else(Throw::null_pointer)?;
    let mut state = ParserState { tokens: Vec::new(), at: 0, cleared: None, current_cleared: false, error: None };
    match parse(source) {
        Ok(document) => flatten(&document, None, &mut state.tokens),
        Err(message) => state.error = Some(message),
    }
    Ok(Value::Native(Rc::new(NativeObject::new(CLASS, state))))
}

fn flatten(value: &Value, name: Option<Rc<str>>, out: &mut Vec<Token>) {
    let scalar = |kind| Token { kind, name: name.clone(), value: value.clone(), end: 0 };
    match value {
        Value::Map(map) => {
            let start = out.len();
            out.push(Token { kind: Kind::StartObject, name: name.clone(), value: value.clone(), end: 0 });
            for (key, item) in map.entries.borrow().iter() {
                let field: Rc<str> = Rc::from(key.0.as_str().unwrap_or_default());
                out.push(Token { kind: Kind::FieldName, name: Some(field.clone()), value: key.0.clone(), end: 0 });
                flatten(item, Some(field), out);
            }
            out[start].end = out.len();
            out.push(Token { kind: Kind::EndObject, name, value: Value::Null, end: 0 });
        }
        Value::List(list) => {
            let start = out.len();
            out.push(Token { kind: Kind::StartArray, name: name.clone(), value: value.clone(), end: 0 });
            // Array elements have no field name of their own.
            for item in list.items.borrow().iter() {
                flatten(item, None, out);
            }
            out[start].end = out.len();
            out.push(Token { kind: Kind::EndArray, name, value: Value::Null, end: 0 });
        }
        Value::Null => out.push(scalar(Kind::Null)),
        Value::Boolean(true) => out.push(scalar(Kind::True)),
        Value::Boolean(false) => out.push(scalar(Kind::False)),
        Value::Integer(_) | Value::Long(_) => out.push(scalar(Kind::Int)),
        // A whole number too large for a Long is still an integer token.
        Value::Decimal(d) if d.as_bigint_and_exponent().1 == 0 => out.push(scalar(Kind::Int)),
        Value::Decimal(_) => out.push(scalar(Kind::Float)),
        _ => out.push(scalar(Kind::Text)),
    }
}

fn with<R>(args: &[Value], f: impl FnOnce(&mut ParserState) -> Result<R, Throw>) -> Result<R, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => match n.state::<ParserState>() {
            Some(mut state) => f(&mut state),
            None => Err(Throw::null_pointer()),
        },
        _ => Err(Throw::null_pointer()),
    }
}

fn token_value(kind: Option<Kind>) -> Value {
    match kind {
        Some(kind) => Value::Enum(crate::value::EnumValue { ty: SysEnum::JsonToken.class_id(), ordinal: kind as u32 }),
        None => Value::Null,
    }
}

/// `nextToken()`, or `nextValue()` when `values_only` (field names are passed over).
fn step(args: &[Value], values_only: bool) -> Result<Value, Throw> {
    with(args, |p| {
        if let Some(message) = p.error.take() {
            return Err(json_error(message));
        }
        p.current_cleared = false;
        loop {
            if p.at >= p.tokens.len() {
                p.at = p.tokens.len() + 1;
                return Ok(Value::Null);
            }
            p.at += 1;
            let kind = p.tokens[p.at - 1].kind;
            if !(values_only && kind == Kind::FieldName) {
                return Ok(token_value(Some(kind)));
            }
        }
    })
}

fn current_token(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| Ok(token_value(p.current().map(|t| t.kind))))
}

fn last_cleared(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| Ok(token_value(p.cleared)))
}

fn clear_current(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| {
        p.cleared = p.current().map(|t| t.kind);
        p.current_cleared = true;
        Ok(Value::Null)
    })
}

fn current_name(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| Ok(p.current().and_then(|t| t.name.as_deref()).map_or(Value::Null, Value::string)))
}

fn text(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| {
        let Some(token) = p.current() else {
            return Ok(Value::Null);
        };
        Ok(Value::string(match token.kind {
            Kind::StartObject => "{".to_string(),
            Kind::EndObject => "}".to_string(),
            Kind::StartArray => "[".to_string(),
            Kind::EndArray => "]".to_string(),
            Kind::True => "true".to_string(),
            Kind::False => "false".to_string(),
            Kind::Null => "null".to_string(),
            Kind::FieldName => token.name.as_deref().unwrap_or_default().to_string(),
            Kind::Int | Kind::Float => number_text(&token.value),
            Kind::Text => token.value.as_str().unwrap_or_default().to_string(),
        }))
    })
}

/// A scalar accessor: numbers for the numeric getters, strings for dates and Ids.
fn scalar(args: &[Value], ty: &Ty) -> Result<Value, Throw> {
    with(args, |p| {
        let token = p.current().ok_or_else(|| json_error("Current token is not available"))?;
        let numeric = ty.is_numeric();
        let fits = match token.kind {
            Kind::Int | Kind::Float => numeric,
            Kind::Text => !numeric,
            Kind::Null => return Ok(Value::Null),
            _ => false,
        };
        if !fits {
            let name = TOKEN_NAMES[token.kind as usize];
            return Err(json_error(if numeric {
                format!("Current token ({name}) not numeric, can not use numeric value accessors")
            } else {
                format!("Current token ({name}) is not a string value")
            }));
        }
        typed::scalar(token.value.clone(), ty)
            .ok_or_else(|| json_error(format!("Illegal value for {}: {}", ty_name(ty), describe(&token.value))))
    })
}

fn ty_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Date => "Date",
        Ty::Datetime => "Datetime",
        Ty::Time => "Time",
        Ty::Id => "Id",
        _ => "number",
    }
}

fn describe(value: &Value) -> String {
    value.as_str().map_or_else(|| number_text(value), str::to_string)
}

fn boolean(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| match p.current().map(|t| t.kind) {
        Some(Kind::True) => Ok(Value::Boolean(true)),
        Some(Kind::False) => Ok(Value::Boolean(false)),
        Some(kind) => Err(json_error(format!("Current token ({}) not of boolean type", TOKEN_NAMES[kind as usize]))),
        None => Err(json_error("Current token is not available")),
    })
}

fn blob(args: &[Value]) -> Result<Value, Throw> {
    let text = text(args)?;
    match text.as_str() {
        Some(t) => decode_base64(t).map(|bytes| Value::Blob(Rc::new(bytes))),
        None => Ok(Value::Null),
    }
}

fn skip_children(args: &[Value]) -> Result<Value, Throw> {
    with(args, |p| {
        if let Some(token) = p.current() {
            if matches!(token.kind, Kind::StartArray | Kind::StartObject) {
                p.at = token.end + 1;
            }
        }
        Ok(Value::Null)
    })
}

/// `readValueAs(T.class)`: the current value (a whole object or array when on a start token)
/// shaped into `T`; the parser then stands on the value's last token.
fn read_value_as(interp: &mut Interp, args: &[Value], strict: bool) -> Result<Value, Throw> {
    let Value::Type(ty) = arg(args, 1)? else {
        return Err(Throw::null_pointer());
    };
    let value = with(args, |p| {
        let token = p.current().ok_or_else(|| json_error("No current token: call nextToken() first"))?;
        let (value, end) = match token.kind {
            Kind::StartArray | Kind::StartObject => (deep_copy(&token.value), token.end),
            Kind::FieldName | Kind::EndArray | Kind::EndObject => {
                return Err(json_error(format!("Cannot read a value at {}", TOKEN_NAMES[token.kind as usize])))
            }
            _ => (token.value.clone(), p.at - 1),
        };
        p.at = end + 1;
        Ok(value)
    })?;
    typed::shape(interp, value, ty, strict)
}

/// A copy of a parsed document, so shaping it leaves the parser's own tokens intact.
fn deep_copy(value: &Value) -> Value {
    match value {
        Value::Map(map) => {
            let copy = MapObj::new(Ty::String, Ty::Object);
            for (k, v) in map.entries.borrow().iter() {
                copy.entries.borrow_mut().insert(Key(k.0.clone()), deep_copy(v));
            }
            Value::Map(Rc::new(copy))
        }
        Value::List(list) => {
            let items = list.items.borrow().iter().map(deep_copy).collect();
            Value::List(Rc::new(ListObj::new(items, Ty::Object)))
        }
        other => other.clone(),
    }
}

/// A number as JSON wrote it (Decimals keep their scale).
fn number_text(value: &Value) -> String {
    match value {
        Value::Integer(n) => n.to_string(),
        Value::Long(n) => n.to_string(),
        Value::Decimal(d) => crate::stdlib::number::decimal_to_java_string(d),
        Value::Double(d) => crate::value::format::format_double(*d),
        _ => String::new(),
    }
}
