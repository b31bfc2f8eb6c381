//! `Test.loadData(sObjectType, resourceName)`: inserts the records of a CSV static resource
//! (field names on the first line, one record a line) and returns them. An `Id` column holds
//! placeholders: a later load's lookup field that names one gets the record inserted for it.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_test.htm

use super::args::{text, value as arg};
use super::describe::{token_of, Token};
use super::dml::{self, Operation};
use super::json::typed::scalar;
use crate::compile::sobjects::apex_type;
use crate::eval::{to_id, Interp, SysExc, Throw};
use crate::types::Ty;
use crate::value::{SObjectObj, Value};
use apex_data::schema::ObjectSchema;
use std::collections::HashMap;
use std::rc::Rc;

/// The placeholders of the `Id` columns loaded so far in the transaction, with the Ids of
/// the records inserted for them.
#[derive(Debug, Default)]
pub struct Loaded {
    ids: HashMap<String, Value>,
}

pub fn load_data(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let object = match arg(args, 0)? {
        Value::Native(native) => match token_of(native) {
            Some(Token::ObjectType(object)) => object,
            _ => return Err(Throw::null_pointer()),
        },
        _ => return Err(Throw::null_pointer()),
    };
    let name = text(args, 1)?.to_string();
    // Unconfirmed: the platform's wording for a resource that does not exist.
    let body = match interp.host.static_resource(&name) {
        Some(resource) => resource.body.clone(),
        None => return Err(Throw::sys(SysExc::InvalidParameterValue, format!("Static resource {name} not found"))),
    };
    let table = read_csv(&name, &body)?;
    let (records, placeholders) = records(interp, &object, &table)?;
    let list = Value::list(records.iter().cloned().map(Value::SObject).collect(), Ty::SObject(Some(object)));
    dml::run(interp, &list, Operation::Insert)?;
    for (record, placeholder) in records.iter().zip(placeholders) {
        if let (Some(placeholder), Some(id)) = (placeholder, record.get("Id")) {
            interp.loaded.ids.insert(placeholder, id);
        }
    }
    Ok(list)
}

/// The header and the rows of a CSV resource.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn read_csv(name: &str, body: &[u8]) -> Result<Table, Throw> {
    // Unconfirmed: the platform's wording for a resource that is not well-formed CSV.
    let malformed = |e: csv::Error| Throw::sys(SysExc::String, format!("Static resource {name} is not valid CSV: {e}"));
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(body);
    let header = reader.headers().map_err(malformed)?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for row in reader.records() {
        rows.push(row.map_err(malformed)?.iter().map(str::to_string).collect());
    }
    Ok(Table { header, rows })
}

/// The records of `table`, each with the placeholder of its `Id` column.
type Rows = (Vec<Rc<SObjectObj>>, Vec<Option<String>>);

fn records(interp: &Interp, object: &str, table: &Table) -> Result<Rows, Throw> {
    let schema = interp.program.schema.object(object).ok_or_else(Throw::null_pointer)?;
    let mut records = Vec::with_capacity(table.rows.len());
    let mut placeholders = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let record = SObjectObj::new(&schema.name);
        let mut placeholder = None;
        for (column, cell) in table.header.iter().zip(row) {
            if column.eq_ignore_ascii_case("Id") {
                placeholder = Some(cell.clone()).filter(|c| !c.is_empty());
            } else if !cell.is_empty() {
                let (field, value) = cell_value(interp, schema, column, cell)?;
                record.put(&field, value);
            }
        }
        records.push(Rc::new(record));
        placeholders.push(placeholder);
    }
    Ok((records, placeholders))
}

/// A cell as its field's Apex type; an Id field that names a placeholder loaded before gets
/// that record's Id.
fn cell_value(interp: &Interp, schema: &ObjectSchema, column: &str, cell: &str) -> Result<(String, Value), Throw> {
    let field = schema
        .field(column)
        .ok_or_else(|| Throw::sys(SysExc::SObject, format!("Invalid field {column} for {}", schema.name)))?;
    let ty = apex_type(&field.ty);
    if ty == Ty::Id {
        if let Some(id) = interp.loaded.ids.get(cell) {
            return Ok((field.name.clone(), id.clone()));
        }
        return Ok((field.name.clone(), Value::Id(to_id(cell)?)));
    }
    // Unconfirmed: the platform's wording for a value its field cannot hold.
    let value = scalar(Value::string(cell), &ty).ok_or_else(|| {
        Throw::sys(SysExc::Type, format!("Invalid value {cell} for field {} of {}", field.name, schema.name))
    })?;
    Ok((field.name.clone(), value))
}
