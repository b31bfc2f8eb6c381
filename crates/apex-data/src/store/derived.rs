//! Fields the platform derives from others when a record is saved: the full `Name` of
//! contacts, leads and users from their first and last names.

use super::{quote, sql_error, table_name, Store, StoreError};
use crate::ids::Id;
use crate::schema::ObjectSchema;

impl Store {
    /// Recomputes the derived fields of one record after an insert or update.
    pub(super) fn derive(&mut self, schema: &ObjectSchema, id: &Id) -> Result<(), StoreError> {
        if !has_compound_name(schema) {
            return Ok(());
        }
        let (first, last, name) = (quote("FirstName"), quote("LastName"), quote("Name"));
        let sql = format!(
            "UPDATE {} SET {name} = TRIM(COALESCE({first}, '') || ' ' || COALESCE({last}, '')) WHERE \"Id\" = ?",
            table_name(&schema.name)
        );
        self.connection.execute(&sql, [id.as_str()]).map_err(sql_error)?;
        Ok(())
    }
}

/// A platform-set Name made of FirstName and LastName.
fn has_compound_name(schema: &ObjectSchema) -> bool {
    schema.field("Name").is_some_and(|f| f.system)
        && schema.field("FirstName").is_some()
        && schema.field("LastName").is_some()
}
