//! A table's columns against the schema: a data file made before a field was added gets the
//! field's column, and an object's table can be asked whether it holds anything.

use super::{quote, sql_error, sql_type, table_name, Store, StoreError};
use crate::schema::ObjectSchema;
use std::collections::HashSet;

impl Store {
    /// A data file made before a field was added to the schema gets the field's column.
    pub(super) fn add_new_columns(&mut self, schema: &ObjectSchema, table: &str) -> Result<(), StoreError> {
        let mut statement = self.connection.prepare(&format!("PRAGMA table_info({table})")).map_err(sql_error)?;
        let existing: HashSet<String> = statement
            .query_map([], |row| row.get::<_, String>(1))
            .map_err(sql_error)?
            .filter_map(|name| name.ok().map(|n| n.to_ascii_lowercase()))
            .collect();
        drop(statement);
        for field in schema.fields().iter().filter(|f| !existing.contains(&f.name.to_ascii_lowercase())) {
            let sql = format!("ALTER TABLE {table} ADD COLUMN {} {}", quote(&field.name), sql_type(&field.ty));
            self.connection.execute(&sql, []).map_err(sql_error)?;
        }
        Ok(())
    }

    /// Whether the object has any record, deleted ones included, without creating its table.
    pub fn has_any(&mut self, object: &str) -> Result<bool, StoreError> {
        let table = table_name(&self.object(object)?.name);
        let exists: bool = self
            .connection
            .query_row(
                "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?",
                [table.trim_matches('"')],
                |r| r.get(0),
            )
            .map_err(sql_error)?;
        if !exists {
            return Ok(false);
        }
        self.connection
            .query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))
            .map_err(sql_error)
    }
}
