//! Schema tokens and describe results: `Account.SObjectType`, `Account.Name`,
//! `Schema.SObjectType.Account.fields.Name`, `getDescribe()`, `Schema.getGlobalDescribe()`
//! and `record.getSObjectType()`, answered from the org's schema. The running user may do
//! everything (isAccessible, isCreateable, ... are true) except write platform-set fields.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_namespace_Schema.htm

use super::args::{text, value as arg};
use super::{ret, Native, Ret};
use crate::eval::{Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::{Key, ListObj, MapObj, NativeObject, SObjectObj, Value};
use apex_data::schema::{FieldSchema, FieldType, ObjectSchema};
use std::rc::Rc;

pub const OBJECT_TYPE: &str = "SObjectType";
pub const FIELD: &str = "SObjectField";
pub const OBJECT_DESCRIBE: &str = "DescribeSObjectResult";
pub const FIELD_DESCRIBE: &str = "DescribeFieldResult";
/// The `fields` member of a describe result: `getMap()`, or a field by name.
pub const FIELDS: &str = "SObjectTypeFields";

const OBJECT_TYPE_TY: Ret = Ret::Ty(Ty::System(OBJECT_TYPE));
const FIELD_TY: Ret = Ret::Ty(Ty::System(FIELD));
const OBJECT_DESCRIBE_TY: Ret = Ret::Ty(Ty::System(OBJECT_DESCRIBE));
const FIELD_DESCRIBE_TY: Ret = Ret::Ty(Ty::System(FIELD_DESCRIBE));

/// What a schema value stands for; two tokens for the same thing are equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    ObjectType(String),
    Field(String, String),
    ObjectDescribe(String),
    FieldDescribe(String, String),
    Fields(String),
}

impl Token {
    fn class(&self) -> &'static str {
        match self {
            Token::ObjectType(_) => OBJECT_TYPE,
            Token::Field(..) => FIELD,
            Token::ObjectDescribe(_) => OBJECT_DESCRIBE,
            Token::FieldDescribe(..) => FIELD_DESCRIBE,
            Token::Fields(_) => FIELDS,
        }
    }

    pub fn value(self) -> Value {
        Value::Native(Rc::new(NativeObject::new(self.class(), self)))
    }
}

/// The token a value holds, if it is one.
pub fn token_of(object: &NativeObject) -> Option<Token> {
    object.peek::<Token>().map(|t| t.clone())
}

/// How a token prints: an object or field by name, a describe result with its name.
pub fn display(object: &NativeObject) -> Option<String> {
    Some(match token_of(object)? {
        Token::ObjectType(o) | Token::Fields(o) => o,
        Token::Field(_, f) => f,
        Token::ObjectDescribe(o) => format!("Schema.DescribeSObjectResult[getName={o};]"),
        Token::FieldDescribe(_, f) => format!("Schema.DescribeFieldResult[getName={f};]"),
    })
}

/// The field name an sObject's `get`/`put` was given: a String or an `SObjectField` token.
pub fn field_name(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.to_string()),
        Value::Native(n) => match token_of(n)? {
            Token::Field(_, f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

pub static SCHEMA_STATIC: &[Native] = &[
    Native::interp("getglobaldescribe", 0, Ret::Ty(Ty::Any), global_describe),
    Native::interp("describesobjects", 1, Ret::Ty(Ty::Any), describe_objects).args(1, 2),
];

pub static OBJECT_TYPE_INSTANCE: &[Native] = &[
    Native::pure("getdescribe", 0, OBJECT_DESCRIBE_TY, |a| Ok(Token::ObjectDescribe(object_of(a)?).value())).args(0, 1),
    Native::pure("newsobject", 0, Ret::Ty(Ty::SObject(None)), new_sobject).args(0, 2),
    Native::pure("tostring", 0, ret::STRING, |a| Ok(Value::string(object_of(a)?))),
];

pub static FIELD_INSTANCE: &[Native] = &[
    Native::pure("getdescribe", 0, FIELD_DESCRIBE_TY, |a| {
        let (object, field) = field_of(a)?;
        Ok(Token::FieldDescribe(object, field).value())
    })
    .args(0, 1),
    Native::pure("tostring", 0, ret::STRING, |a| Ok(Value::string(field_of(a)?.1))),
];

pub static OBJECT_DESCRIBE_INSTANCE: &[Native] = &[
    Native::interp("getname", 0, ret::STRING, |i, a| with_object(i, a, |o| Value::string(o.name.as_str()))),
    Native::interp("getlocalname", 0, ret::STRING, |i, a| with_object(i, a, |o| Value::string(o.name.as_str()))),
    Native::interp("getlabel", 0, ret::STRING, |i, a| with_object(i, a, |o| Value::string(label(&o.name)))),
    Native::interp("getlabelplural", 0, ret::STRING, |i, a| with_object(i, a, |o| Value::string(label(&o.name) + "s"))),
    Native::interp("getkeyprefix", 0, ret::STRING, |i, a| with_object(i, a, |o| Value::string(o.key_prefix.as_str()))),
    Native::interp("iscustom", 0, ret::BOOLEAN, |i, a| with_object(i, a, |o| Value::Boolean(o.custom))),
    Native::pure("iscustomsetting", 0, ret::BOOLEAN, |_| Ok(Value::Boolean(false))),
    Native::pure("isaccessible", 0, ret::BOOLEAN, yes),
    Native::pure("iscreateable", 0, ret::BOOLEAN, yes),
    Native::pure("isupdateable", 0, ret::BOOLEAN, yes),
    Native::pure("isdeletable", 0, ret::BOOLEAN, yes),
    Native::pure("isqueryable", 0, ret::BOOLEAN, yes),
    Native::pure("issearchable", 0, ret::BOOLEAN, yes),
    Native::pure("isundeletable", 0, ret::BOOLEAN, yes),
    Native::pure("ismergeable", 0, ret::BOOLEAN, yes),
    Native::pure("getsobjecttype", 0, OBJECT_TYPE_TY, |a| Ok(Token::ObjectType(object_of(a)?).value())),
    Native::pure("fields", 0, Ret::Ty(Ty::System(FIELDS)), |a| Ok(Token::Fields(object_of(a)?).value())),
    Native::interp("getrecordtypeinfos", 0, Ret::Ty(Ty::Any), |_, _| Ok(Value::list(Vec::new(), Ty::Any))),
    Native::interp("getrecordtypeinfosbydevelopername", 0, Ret::Ty(Ty::Any), |_, _| {
        Ok(Value::Map(Rc::new(MapObj::new(Ty::String, Ty::Any))))
    }),
];

pub static FIELDS_INSTANCE: &[Native] = &[
    Native::interp("getmap", 0, Ret::Ty(Ty::Any), field_map),
    // `fields.Name`: a field's describe result by name.
    Native::interp("$field", 1, FIELD_DESCRIBE_TY, field_by_name),
];

pub static FIELD_DESCRIBE_INSTANCE: &[Native] = &[
    Native::interp("getname", 0, ret::STRING, |i, a| with_field(i, a, |_, f| Value::string(f.name.as_str()))),
    Native::interp("getlocalname", 0, ret::STRING, |i, a| with_field(i, a, |_, f| Value::string(f.name.as_str()))),
    Native::interp("getlabel", 0, ret::STRING, |i, a| with_field(i, a, |_, f| Value::string(label(&f.name)))),
    Native::interp("gettype", 0, Ret::Ty(Ty::Class(super::SysEnum::DisplayType.class_id())), |i, a| {
        with_field(i, a, |_, f| super::SysEnum::DisplayType.value(display_type(&f.ty)).unwrap_or(Value::Null))
    }),
    Native::interp("isaccessible", 0, ret::BOOLEAN, |i, a| with_field(i, a, |_, _| Value::Boolean(true))),
    Native::interp("iscreateable", 0, ret::BOOLEAN, |i, a| with_field(i, a, |_, f| Value::Boolean(!f.system))),
    Native::interp("isupdateable", 0, ret::BOOLEAN, |i, a| with_field(i, a, |_, f| Value::Boolean(!f.system))),
    Native::interp("isnillable", 0, ret::BOOLEAN, |i, a| {
        with_field(i, a, |_, f| Value::Boolean(!f.required && f.ty != FieldType::Boolean && f.name != "Id"))
    }),
    Native::interp("iscustom", 0, ret::BOOLEAN, |i, a| {
        with_field(i, a, |_, f| Value::Boolean(f.name.ends_with("__c")))
    }),
    Native::interp("isexternalid", 0, ret::BOOLEAN, |i, a| with_field(i, a, |_, f| Value::Boolean(f.external_id))),
    Native::interp("isidlookup", 0, ret::BOOLEAN, |i, a| {
        with_field(i, a, |_, f| Value::Boolean(f.external_id || f.name == "Id"))
    }),
    Native::interp("iscalculated", 0, ret::BOOLEAN, |i, a| with_field(i, a, |_, _| Value::Boolean(false))),
    Native::interp("isautonumber", 0, ret::BOOLEAN, |i, a| with_field(i, a, |_, f| Value::Boolean(is_auto_number(f)))),
    Native::interp("isunique", 0, ret::BOOLEAN, |i, a| {
        with_field(i, a, |_, f| Value::Boolean(f.name.eq_ignore_ascii_case("Id")))
    }),
    Native::interp("getrelationshipname", 0, ret::STRING, |i, a| {
        with_field(i, a, |_, f| match &f.ty {
            FieldType::Reference { relationship, .. } if !relationship.is_empty() => {
                Value::string(relationship.as_str())
            }
            _ => Value::Null,
        })
    }),
    Native::interp("getreferenceto", 0, Ret::Ty(Ty::Any), |i, a| {
        with_field(i, a, |_, f| {
            let targets = match &f.ty {
                FieldType::Reference { to, .. } => to.iter().map(|t| Token::ObjectType(t.clone()).value()).collect(),
                _ => Vec::new(),
            };
            Value::list(targets, Ty::System(OBJECT_TYPE))
        })
    }),
    Native::interp("getsobjectfield", 0, FIELD_TY, |i, a| {
        with_field(i, a, |o, f| Token::Field(o.name.clone(), f.name.clone()).value())
    }),
    Native::interp("getpicklistvalues", 0, Ret::Ty(Ty::Any), |_, _| Ok(Value::list(Vec::new(), Ty::Any))),
    Native::pure("getdefaultvalue", 0, ret::OBJECT, |_| Ok(Value::Null)),
];

/// `record.getSObjectType()`.
pub fn sobject_type(args: &[Value]) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::SObject(record) => Ok(Token::ObjectType(record.object.clone()).value()),
        _ => Err(Throw::null_pointer()),
    }
}

/// `records.getSObjectType()` on a list: the object its declared element type names, or null
/// for a `List<SObject>`.
pub fn list_sobject_type(args: &[Value]) -> Result<Value, Throw> {
    match arg(args, 0)? {
        Value::List(list) => match &list.element {
            Ty::SObject(Some(object)) => Ok(Token::ObjectType(object.clone()).value()),
            _ => Ok(Value::Null),
        },
        _ => Err(Throw::null_pointer()),
    }
}

/// `someId.getSObjectType()`: the object whose key prefix starts the Id.
pub fn id_sobject_type(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let id = text(args, 0)?;
    let prefix = id.get(..3).unwrap_or_default();
    match interp.program.schema.by_prefix(prefix) {
        Some(object) => Ok(Token::ObjectType(object.name.clone()).value()),
        None => Err(Throw::unsupported(format!("Id.getSObjectType for the key prefix {prefix}"))),
    }
}

fn yes(_: &[Value]) -> Result<Value, Throw> {
    Ok(Value::Boolean(true))
}

fn token(args: &[Value]) -> Result<Token, Throw> {
    match arg(args, 0)? {
        Value::Native(n) => token_of(n).ok_or_else(Throw::null_pointer),
        _ => Err(Throw::null_pointer()),
    }
}

fn object_of(args: &[Value]) -> Result<String, Throw> {
    Ok(match token(args)? {
        Token::ObjectType(o) | Token::ObjectDescribe(o) | Token::Fields(o) => o,
        Token::Field(o, _) | Token::FieldDescribe(o, _) => o,
    })
}

fn field_of(args: &[Value]) -> Result<(String, String), Throw> {
    match token(args)? {
        Token::Field(o, f) | Token::FieldDescribe(o, f) => Ok((o, f)),
        _ => Err(Throw::null_pointer()),
    }
}

fn schema_object<'p>(interp: &'p Interp, name: &str) -> Result<&'p ObjectSchema, Throw> {
    interp
        .program
        .schema
        .object(name)
        .ok_or_else(|| Throw::unsupported(format!("describing {name}, which the org's schema does not have")))
}

fn with_object(interp: &mut Interp, args: &[Value], f: impl Fn(&ObjectSchema) -> Value) -> Result<Value, Throw> {
    let name = object_of(args)?;
    Ok(f(schema_object(interp, &name)?))
}

fn with_field(
    interp: &mut Interp,
    args: &[Value],
    f: impl Fn(&ObjectSchema, &FieldSchema) -> Value,
) -> Result<Value, Throw> {
    let (object, field) = field_of(args)?;
    let schema = schema_object(interp, &object)?;
    let found = schema
        .field(&field)
        .ok_or_else(|| Throw::sys(SysExc::SObject, format!("Invalid field {field} for {}", schema.name)))?;
    Ok(f(schema, found))
}

/// A label from an API name: `Junction_Demo__c` reads `Junction Demo`.
fn label(name: &str) -> String {
    let base = name.strip_suffix("__c").unwrap_or(name);
    base.replace('_', " ")
}

/// `fields.getMap()`: lower-cased field names to their tokens.
fn field_map(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let name = object_of(args)?;
    let object = schema_object(interp, &name)?;
    let map = MapObj::ignoring_case(Ty::String, Ty::System(FIELD));
    for field in object.fields() {
        let token = Token::Field(object.name.clone(), field.name.clone()).value();
        map.entries.borrow_mut().insert(Key(Value::string(field.name.to_ascii_lowercase())), token);
    }
    Ok(Value::Map(Rc::new(map)))
}

fn field_by_name(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let name = object_of(args)?;
    let field = text(args, 1)?;
    let object = schema_object(interp, &name)?;
    match object.field(field) {
        Some(found) => Ok(Token::FieldDescribe(object.name.clone(), found.name.clone()).value()),
        None => Err(Throw::sys(SysExc::SObject, format!("Invalid field {field} for {}", object.name))),
    }
}

/// `Schema.getGlobalDescribe()`: lower-cased object names to their types.
fn global_describe(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    let map = MapObj::ignoring_case(Ty::String, Ty::System(OBJECT_TYPE));
    for object in interp.program.schema.objects() {
        let token = Token::ObjectType(object.name.clone()).value();
        map.entries.borrow_mut().insert(Key(Value::string(object.name.to_ascii_lowercase())), token);
    }
    Ok(Value::Map(Rc::new(map)))
}

/// `Schema.describeSObjects(names)`: a describe result per name, or the platform's error for
/// a name the org does not have.
fn describe_objects(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let Value::List(names) = arg(args, 0)? else {
        return Err(Throw::null_pointer());
    };
    let mut out = Vec::new();
    for name in names.items.borrow().iter() {
        let name = name.as_str().unwrap_or_default().to_string();
        match interp.program.schema.object(&name) {
            Some(object) => out.push(Token::ObjectDescribe(object.name.clone()).value()),
            None => {
                return Err(Throw::sys(
                    SysExc::InvalidParameterValue,
                    format!("sObject type '{name}' is not supported."),
                ))
            }
        }
    }
    Ok(Value::List(Rc::new(ListObj::new(out, Ty::System(OBJECT_DESCRIBE)))))
}

/// `Account.SObjectType.newSObject()`, optionally with an Id.
fn new_sobject(args: &[Value]) -> Result<Value, Throw> {
    let object = SObjectObj::new(&object_of(args)?);
    if let Some(id @ (Value::Id(_) | Value::String(_))) = args.get(1) {
        object.put("Id", Value::Id(Rc::new(id.as_str().unwrap_or_default().to_string())));
    }
    Ok(Value::SObject(Rc::new(object)))
}

/// The `Schema.DisplayType` constant of a schema type.
fn display_type(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Id => "ID",
        FieldType::String => "STRING",
        FieldType::TextArea => "TEXTAREA",
        FieldType::Email => "EMAIL",
        FieldType::Phone => "PHONE",
        FieldType::Url => "URL",
        FieldType::Picklist => "PICKLIST",
        FieldType::MultiPicklist => "MULTIPICKLIST",
        FieldType::Boolean => "BOOLEAN",
        FieldType::Int => "INTEGER",
        FieldType::Double => "DOUBLE",
        FieldType::Currency => "CURRENCY",
        FieldType::Percent => "PERCENT",
        FieldType::Date => "DATE",
        FieldType::DateTime => "DATETIME",
        FieldType::Time => "TIME",
        FieldType::Reference { .. } => "REFERENCE",
        FieldType::Address => "ADDRESS",
    }
}

/// Auto-number fields: a custom one from its metadata, or a standard record number.
fn is_auto_number(field: &apex_data::schema::FieldSchema) -> bool {
    const STANDARD: [&str; 5] = ["CaseNumber", "ContractNumber", "OrderNumber", "SolutionNumber", "QuoteNumber"];
    field.auto_number.is_some() || STANDARD.iter().any(|n| n.eq_ignore_ascii_case(&field.name))
}
