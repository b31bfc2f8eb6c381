//! The record store: one SQLite table per object, made from the schema on first use, in memory
//! by default or in a file. Records carry plain field values; the interpreter and the REST
//! surface convert them to their own types. Failures carry the platform's status codes.

use crate::ids::{Id, IdMinter};
use crate::schema::{FieldType, ObjectSchema, Schema};
use rusqlite::{params_from_iter, Connection};
use std::collections::HashSet;
use std::fmt;

/// A field value as stored: dates and times as ISO 8601 text, Ids as 18-character text.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Null,
    Bool(bool),
    Int(i64),
    Number(f64),
    Text(String),
    /// A parent record reached through a relationship in a query (`Account.Name`).
    Record(Box<Record>),
    /// A parent's children from a subquery (`(SELECT Id FROM Contacts)`).
    Records(Vec<Record>),
}

/// A record: its object and the fields that were read or written, in schema spelling.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub object: String,
    pub fields: Vec<(String, FieldValue)>,
}

impl Record {
    /// A field by name, in any case.
    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }
}

/// Why a store operation failed: a platform status code, its message, and the fields at fault.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreError {
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<String>,
}

impl StoreError {
    pub(crate) fn new(code: &'static str, message: impl Into<String>, fields: Vec<String>) -> StoreError {
        StoreError { code, message: message.into(), fields }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

pub(crate) fn sql_error(e: rusqlite::Error) -> StoreError {
    StoreError::new("UNKNOWN_EXCEPTION", format!("store: {e}"), Vec::new())
}

/// Who writes and when: the audit fields of the records written.
pub struct Stamp<'a> {
    pub user: &'a Id,
    /// ISO 8601 instant, `2024-03-05T14:07:00.000Z`.
    pub now: &'a str,
}

/// The org's records.
pub struct Store {
    pub(crate) connection: Connection,
    schema: Schema,
    minter: IdMinter,
    tables: HashSet<String>,
}

impl Store {
    pub fn in_memory(schema: Schema) -> Result<Store, StoreError> {
        Connection::open_in_memory().map_err(sql_error).map(|c| Store::with(c, schema))
    }

    pub fn open(path: &std::path::Path, schema: Schema) -> Result<Store, StoreError> {
        Connection::open(path).map_err(sql_error).map(|c| Store::with(c, schema))
    }

    fn with(connection: Connection, schema: Schema) -> Store {
        Store { connection, schema, minter: IdMinter::new(), tables: HashSet::new() }
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    fn object(&self, name: &str) -> Result<&ObjectSchema, StoreError> {
        self.schema.object(name).ok_or_else(|| {
            StoreError::new("INVALID_TYPE", format!("sObject type '{name}' is not supported."), Vec::new())
        })
    }

    /// Creates the object's table the first time it is used; an existing file's Ids keep
    /// the minter counting past them.
    pub(crate) fn ensure_table(&mut self, object: &str) -> Result<String, StoreError> {
        let table = table_name(&self.object(object)?.name);
        if self.tables.contains(&table) {
            return Ok(table);
        }
        let schema = self.object(object)?.clone();
        let columns: Vec<String> =
            schema.fields().iter().map(|f| format!("{} {}", quote(&f.name), sql_type(&f.ty))).collect();
        let sql = format!("CREATE TABLE IF NOT EXISTS {table} ({}, PRIMARY KEY(\"Id\"))", columns.join(", "));
        self.connection.execute(&sql, []).map_err(sql_error)?;
        self.add_new_columns(&schema, &table)?;
        // Queries select by name and by parent most often: index those (text case-insensitively,
        // as SOQL compares it).
        for field in schema.fields() {
            let column = match (&field.ty, field.name.eq_ignore_ascii_case("Name") || field.external_id) {
                (FieldType::Reference { .. }, _) => quote(&field.name),
                (_, true) => format!("{} COLLATE NOCASE", quote(&field.name)),
                _ => continue,
            };
            let index = quote(&format!("idx_{}_{}", schema.name.to_ascii_lowercase(), field.name.to_ascii_lowercase()));
            let sql = format!("CREATE INDEX IF NOT EXISTS {index} ON {table} ({column})");
            self.connection.execute(&sql, []).map_err(sql_error)?;
        }
        let last: Option<String> = self
            .connection
            .query_row(&format!("SELECT MAX(\"Id\") FROM {table}"), [], |r| r.get(0))
            .map_err(sql_error)?;
        if let Some(id) = last.as_deref().and_then(Id::parse) {
            self.minter.observe(&id);
        }
        self.tables.insert(table.clone());
        Ok(table)
    }

    /// Inserts a record and returns its new Id. Required fields must be present, the
    /// platform's own fields may not be set, and unknown fields are refused.
    pub fn insert(&mut self, object: &str, fields: &[(String, FieldValue)], stamp: &Stamp) -> Result<Id, StoreError> {
        self.insert_as(object, None, fields, stamp)
    }

    /// Inserts a record under a given Id (the org's own records: its user, its profiles), or a
    /// new one.
    pub fn insert_as(
        &mut self,
        object: &str,
        given: Option<&Id>,
        fields: &[(String, FieldValue)],
        stamp: &Stamp,
    ) -> Result<Id, StoreError> {
        let schema = self.object(object)?.clone();
        let fields = writable(&schema, fields)?;
        check_required(&schema, &fields, true)?;
        let table = self.ensure_table(object)?;
        let id = match given {
            Some(id) => id.clone(),
            None => self.minter.next(&schema.key_prefix),
        };
        let mut names = vec!["Id".to_string()];
        let mut values = vec![FieldValue::Text(id.to_string())];
        for (name, value) in fields {
            names.push(name);
            values.push(value);
        }
        for (name, value) in audit(&schema, stamp, true) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
                values.push(value);
            }
        }
        let columns: Vec<String> = names.iter().map(|n| quote(n)).collect();
        let marks = vec!["?"; names.len()].join(", ");
        let sql = format!("INSERT INTO {table} ({}) VALUES ({marks})", columns.join(", "));
        self.connection.execute(&sql, params_from_iter(values.iter().map(to_sql))).map_err(sql_error)?;
        self.derive(&schema, &id)?;
        self.number(&schema, &id, stamp.now)?;
        Ok(id)
    }

    /// Updates the given fields of a record that exists and is not deleted.
    pub fn update(
        &mut self,
        object: &str,
        id: &Id,
        fields: &[(String, FieldValue)],
        stamp: &Stamp,
    ) -> Result<(), StoreError> {
        let schema = self.object(object)?.clone();
        let mut fields = writable(&schema, fields)?;
        check_required(&schema, &fields, false)?;
        self.require_live(object, id)?;
        let table = self.ensure_table(object)?;
        fields.extend(audit(&schema, stamp, false));
        let sets: Vec<String> = fields.iter().map(|(n, _)| format!("{} = ?", quote(n))).collect();
        let sql = format!("UPDATE {table} SET {} WHERE \"Id\" = ?", sets.join(", "));
        let mut values: Vec<FieldValue> = fields.into_iter().map(|(_, v)| v).collect();
        values.push(FieldValue::Text(id.to_string()));
        self.connection.execute(&sql, params_from_iter(values.iter().map(to_sql))).map_err(sql_error)?;
        self.derive(&schema, id)?;
        Ok(())
    }

    /// Moves a record to the recycle bin (`IsDeleted`), where `undelete` can bring it back.
    pub fn delete(&mut self, object: &str, id: &Id) -> Result<(), StoreError> {
        self.require_live(object, id)?;
        let table = self.ensure_table(object)?;
        self.connection
            .execute(&format!("UPDATE {table} SET \"IsDeleted\" = 1 WHERE \"Id\" = ?"), [id.as_str()])
            .map_err(sql_error)?;
        Ok(())
    }

    pub fn undelete(&mut self, object: &str, id: &Id) -> Result<(), StoreError> {
        let table = self.ensure_table(object)?;
        let changed = self
            .connection
            .execute(
                &format!("UPDATE {table} SET \"IsDeleted\" = 0 WHERE \"Id\" = ? AND \"IsDeleted\" = 1"),
                [id.as_str()],
            )
            .map_err(sql_error)?;
        if changed == 0 {
            return Err(StoreError::new("UNDELETE_FAILED", "Entity is not in the recycle bin", Vec::new()));
        }
        Ok(())
    }

    /// A record with every field, or None when there is none with that Id (deleted ones too,
    /// when `all_rows`).
    pub fn get(&mut self, object: &str, id: &Id, all_rows: bool) -> Result<Option<Record>, StoreError> {
        let table = self.ensure_table(object)?;
        let schema = self.object(object)?;
        let columns: Vec<String> = schema.fields().iter().map(|f| quote(&f.name)).collect();
        let deleted = if all_rows { "" } else { " AND \"IsDeleted\" = 0" };
        let sql = format!("SELECT {} FROM {table} WHERE \"Id\" = ?{deleted}", columns.join(", "));
        // The same few statements run again and again: SQLite keeps them compiled.
        let mut statement = self.connection.prepare_cached(&sql).map_err(sql_error)?;
        let mut rows = statement.query([id.as_str()]).map_err(sql_error)?;
        let Some(row) = rows.next().map_err(sql_error)? else {
            return Ok(None);
        };
        let mut fields = Vec::with_capacity(schema.fields().len());
        for (i, field) in schema.fields().iter().enumerate() {
            fields.push((field.name.clone(), from_sql(row.get_ref(i).map_err(sql_error)?, &field.ty)));
        }
        Ok(Some(Record { object: schema.name.clone(), fields }))
    }

    fn require_live(&mut self, object: &str, id: &Id) -> Result<(), StoreError> {
        match self.get(object, id, true)? {
            None => Err(StoreError::new("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", Vec::new())),
            Some(r) if r.get("IsDeleted") == Some(&FieldValue::Bool(true)) => {
                Err(StoreError::new("ENTITY_IS_DELETED", "entity is deleted", Vec::new()))
            }
            Some(_) => Ok(()),
        }
    }

    /// Marks a point to roll back to (`Database.setSavepoint`, or the start of a test).
    pub fn savepoint(&mut self, name: &str) -> Result<(), StoreError> {
        self.connection.execute_batch(&format!("SAVEPOINT {}", quote(name))).map_err(sql_error)
    }

    /// Undoes everything since the savepoint, which stays in place.
    pub fn rollback_to(&mut self, name: &str) -> Result<(), StoreError> {
        // Tables made since the savepoint are gone too: check them again on next use.
        self.tables.clear();
        self.connection.execute_batch(&format!("ROLLBACK TO {}", quote(name))).map_err(sql_error)
    }

    /// Keeps what was done since the savepoint and forgets it.
    pub fn release(&mut self, name: &str) -> Result<(), StoreError> {
        self.connection.execute_batch(&format!("RELEASE {}", quote(name))).map_err(sql_error)
    }
}

/// `REQUIRED_FIELD_MISSING` for the required fields an insert leaves empty or an update clears.
fn check_required(schema: &ObjectSchema, fields: &[(String, FieldValue)], insert: bool) -> Result<(), StoreError> {
    let given = |name: &str| fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v);
    let missing: Vec<String> = schema
        .fields()
        .iter()
        .filter(|f| f.required && given(&f.name).map_or(insert, |v| *v == FieldValue::Null))
        .map(|f| f.name.clone())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let message = format!("Required fields are missing: [{}]", missing.join(", "));
    Err(StoreError::new("REQUIRED_FIELD_MISSING", message, missing))
}

/// The fields a DML call may write, in schema spelling; unknown and platform-owned fields fail.
fn writable(schema: &ObjectSchema, fields: &[(String, FieldValue)]) -> Result<Vec<(String, FieldValue)>, StoreError> {
    let mut out = Vec::with_capacity(fields.len());
    for (name, value) in fields {
        let Some(field) = schema.field(name) else {
            return Err(StoreError::new(
                "INVALID_FIELD",
                format!("No such column '{name}' on sobject of type {}", schema.name),
                vec![name.clone()],
            ));
        };
        if field.system {
            return Err(StoreError::new(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                format!("Unable to create/update fields: {}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", field.name),
                vec![field.name.clone()],
            ));
        }
        let value = match (&field.ty, value) {
            (FieldType::Boolean, FieldValue::Null) => FieldValue::Bool(false),
            // The platform keeps no empty text: a blank value is stored as null.
            (_, FieldValue::Text(text)) if text.is_empty() => FieldValue::Null,
            (_, value) => value.clone(),
        };
        out.push((field.name.clone(), value));
    }
    Ok(out)
}

/// The audit fields of an insert (all of them) or an update (the last-modified ones).
fn audit(schema: &ObjectSchema, stamp: &Stamp, insert: bool) -> Vec<(String, FieldValue)> {
    let now = FieldValue::Text(stamp.now.to_string());
    let user = FieldValue::Text(stamp.user.to_string());
    let mut out = vec![
        ("LastModifiedDate".to_string(), now.clone()),
        ("LastModifiedById".to_string(), user.clone()),
        ("SystemModstamp".to_string(), now.clone()),
    ];
    if insert {
        out.push(("CreatedDate".into(), now));
        out.push(("CreatedById".into(), user.clone()));
        out.push(("IsDeleted".into(), FieldValue::Bool(false)));
        if schema.field("OwnerId").is_some() {
            out.push(("OwnerId".into(), user));
        }
    }
    out
}

pub(crate) fn table_name(object: &str) -> String {
    quote(&format!("obj_{}", object.to_ascii_lowercase()))
}

/// An SQL identifier in double quotes.
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn sql_type(ty: &FieldType) -> &'static str {
    match ty {
        // A checkbox is never null: unset, it is false.
        FieldType::Boolean => "INTEGER NOT NULL DEFAULT 0",
        FieldType::Int => "INTEGER",
        FieldType::Double | FieldType::Currency | FieldType::Percent => "REAL",
        _ => "TEXT",
    }
}

pub(crate) fn to_sql(value: &FieldValue) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match value {
        FieldValue::Null => Sql::Null,
        FieldValue::Bool(b) => Sql::Integer(i64::from(*b)),
        FieldValue::Int(n) => Sql::Integer(*n),
        FieldValue::Number(n) => Sql::Real(*n),
        FieldValue::Text(t) => Sql::Text(t.clone()),
        FieldValue::Record(_) | FieldValue::Records(_) => Sql::Null,
    }
}

pub(crate) fn from_sql(value: rusqlite::types::ValueRef<'_>, ty: &FieldType) -> FieldValue {
    use rusqlite::types::ValueRef;
    match (value, ty) {
        (ValueRef::Null, _) => FieldValue::Null,
        (ValueRef::Integer(n), FieldType::Boolean) => FieldValue::Bool(n != 0),
        (ValueRef::Integer(n), FieldType::Double | FieldType::Currency | FieldType::Percent) => {
            FieldValue::Number(n as f64)
        }
        (ValueRef::Integer(n), _) => FieldValue::Int(n),
        (ValueRef::Real(n), _) => FieldValue::Number(n),
        (ValueRef::Text(t), _) => FieldValue::Text(String::from_utf8_lossy(t).into_owned()),
        (ValueRef::Blob(b), _) => FieldValue::Text(String::from_utf8_lossy(b).into_owned()),
    }
}

mod columns;
mod derived;
mod seed;
mod upsert;

pub use seed::OrgSeed;
pub use upsert::Upserted;

#[cfg(test)]
mod tests;
