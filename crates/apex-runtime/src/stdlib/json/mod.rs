//! `System.JSON`: serialize, serializePretty, deserialize, deserializeStrict and
//! deserializeUntyped, and the streaming classes made by createGenerator and createParser.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm

mod generator;
mod parser;
pub(crate) mod reader;
mod sobject_read;
mod sobject_write;
pub(crate) mod typed;
pub(crate) mod writer;

#[cfg(test)]
mod round_trip_tests;

pub use parser::TOKEN_NAMES;
pub use reader::parse;
pub use writer::{write, WriteConfig};

use super::args::value as arg;
use super::{ret, Native};
use crate::eval::{Interp, Throw};
use crate::value::Value;

pub static STATIC: &[Native] = &[
    Native::interp("serialize", 1, ret::STRING, serialize).args(1, 2),
    Native::interp("serializepretty", 1, ret::STRING, serialize_pretty).args(1, 2),
    Native::interp("deserializeuntyped", 1, ret::OBJECT, deserialize_untyped),
    Native::interp("deserialize", 2, ret::OBJECT, deserialize),
    Native::interp("deserializestrict", 2, ret::OBJECT, deserialize_strict),
    Native::pure("createparser", 1, parser::TY, parser::create),
    Native::pure("creategenerator", 1, generator::TY, generator::create),
];

pub use generator::{CLASS as GENERATOR_CLASS, INSTANCE as GENERATOR_INSTANCE};
pub use parser::{CLASS as PARSER_CLASS, INSTANCE as PARSER_INSTANCE};

fn serialize(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    serialize_with(interp, args, false)
}

fn serialize_pretty(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    serialize_with(interp, args, true)
}

fn serialize_with(interp: &mut Interp, args: &[Value], pretty: bool) -> Result<Value, Throw> {
    let suppress_nulls = matches!(args.get(1), Some(Value::Boolean(true)));
    let text = write(interp, arg(args, 0)?, WriteConfig { pretty, suppress_nulls })?;
    interp.limits.check_heap(text.len())?;
    Ok(Value::string(text))
}

fn deserialize_untyped(_: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let text = json_text(args)?;
    parse(text).map_err(writer::json_error)
}

fn deserialize(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    deserialize_with(interp, args, false)
}

fn deserialize_strict(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    deserialize_with(interp, args, true)
}

fn deserialize_with(interp: &mut Interp, args: &[Value], strict: bool) -> Result<Value, Throw> {
    let text = json_text(args)?;
    let Value::Type(ty) = arg(args, 1)? else {
        return Err(Throw::null_pointer());
    };
    let document = parse(text).map_err(writer::json_error)?;
    typed::shape(interp, document, ty, strict)
}

/// The JSON text argument; null is a NullPointerException, as on the platform.
fn json_text(args: &[Value]) -> Result<&str, Throw> {
    arg(args, 0)?.as_str().ok_or_else(Throw::null_pointer)
}
