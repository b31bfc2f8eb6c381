//! Fields the platform derives when a record is saved: the full `Name` of contacts, leads
//! and users from their first and last names, and auto-numbers (`INV-{0000}`) on insert.

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

impl Store {
    /// Gives a new record the next value of each auto-number field: its row number in the
    /// object's table, formatted as the field's display format says.
    pub(super) fn number(&mut self, schema: &ObjectSchema, id: &Id, now: &str) -> Result<(), StoreError> {
        let numbered: Vec<(String, String)> =
            schema.fields().iter().filter_map(|f| Some((f.name.clone(), f.auto_number.clone()?))).collect();
        if numbered.is_empty() {
            return Ok(());
        }
        let table = table_name(&schema.name);
        // The table's row counter: it only grows (deleted records keep theirs) and costs nothing.
        let count: i64 = self
            .connection
            .query_row(&format!("SELECT MAX(rowid) FROM {table}"), [], |r| r.get::<_, Option<i64>>(0))
            .map_err(sql_error)?
            .unwrap_or(0);
        for (field, format) in numbered {
            let value = auto_number(&format, count, now);
            let sql = format!("UPDATE {table} SET {} = ? WHERE \"Id\" = ?", quote(&field));
            self.connection.execute(&sql, [value.as_str(), id.as_str()]).map_err(sql_error)?;
        }
        Ok(())
    }
}

/// `INV-{0000}` with 7 gives `INV-0007`; `{YYYY}`, `{YY}`, `{MM}` and `{DD}` are today's date.
fn auto_number(format: &str, number: i64, now: &str) -> String {
    let mut out = String::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open + 1..open + close];
        let part = |range: std::ops::Range<usize>| now.get(range).unwrap_or_default().to_string();
        out.push_str(&match token {
            "YYYY" => part(0..4),
            "YY" => part(2..4),
            "MM" => part(5..7),
            "DD" => part(8..10),
            zeros => format!("{number:0width$}", width = zeros.len()),
        });
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A platform-set Name made of FirstName and LastName.
fn has_compound_name(schema: &ObjectSchema) -> bool {
    schema.field("Name").is_some_and(|f| f.system)
        && schema.field("FirstName").is_some()
        && schema.field("LastName").is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn auto_numbers_pad_the_count_and_fill_in_the_date() {
        assert_eq!(super::auto_number("INV-{0000}", 7, "2024-03-05T14:07:00.000Z"), "INV-0007");
        assert_eq!(super::auto_number("{YYYY}{MM}-{0}", 12, "2024-03-05T14:07:00.000Z"), "202403-12");
        assert_eq!(
            super::auto_number("A-{00}", 123, "2024-03-05"),
            "A-123",
            "a number wider than the format is kept whole"
        );
    }
}
