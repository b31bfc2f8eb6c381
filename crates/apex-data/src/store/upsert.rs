//! Upsert by an external Id field (`upsert records Invoice__c.Number__c;`, PATCH
//! `/sobjects/Invoice__c/Number__c/42`): no record with the value inserts one, one record
//! updates it, more than one is refused.

use super::{quote, sql_error, FieldValue, Stamp, Store, StoreError};
use crate::ids::Id;
use crate::schema::FieldType;

/// What an upsert did.
#[derive(Clone, Debug, PartialEq)]
pub struct Upserted {
    pub id: Id,
    pub created: bool,
}

impl Store {
    pub fn upsert(
        &mut self,
        object: &str,
        key: &str,
        fields: &[(String, FieldValue)],
        stamp: &Stamp,
    ) -> Result<Upserted, StoreError> {
        let schema = self.object(object)?.clone();
        let field = schema.field(key).filter(|f| f.external_id || f.name == "Id").ok_or_else(|| {
            StoreError::new(
                "INVALID_FIELD",
                format!("Field name provided, {key} is not an External ID or indexed field for {}", schema.name),
                vec![key.to_string()],
            )
        })?;
        let value = fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(&field.name)).map(|(_, v)| v);
        let value = match value {
            None | Some(FieldValue::Null) => {
                return Err(StoreError::new(
                    "MISSING_ARGUMENT",
                    format!("{} not specified", field.name),
                    vec![field.name.clone()],
                ));
            }
            Some(value) => value.clone(),
        };
        let matches = self.ids_where(object, &field.name, &value)?;
        match matches.as_slice() {
            [] => Ok(Upserted { id: self.insert(object, fields, stamp)?, created: true }),
            [id] => {
                self.update(object, id, fields, stamp)?;
                Ok(Upserted { id: id.clone(), created: false })
            }
            many => Err(StoreError::new(
                "DUPLICATE_EXTERNAL_ID",
                format!(
                    "{}: more than one record found for external id field: [{}]",
                    field.name,
                    many.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")
                ),
                vec![field.name.clone()],
            )),
        }
    }

    /// The Ids of live records whose `field` equals `value` (text ignoring case, as external
    /// Ids compare).
    pub fn ids_where(&mut self, object: &str, field: &str, value: &FieldValue) -> Result<Vec<Id>, StoreError> {
        let table = self.ensure_table(object)?;
        let is_id = self
            .object(object)?
            .field(field)
            .is_some_and(|f| matches!(f.ty, FieldType::Id | FieldType::Reference { .. }));
        // Ids compare exactly, in their 18-character form; other text ignores case.
        let value = match value {
            FieldValue::Text(text) if is_id => {
                FieldValue::Text(Id::parse(text).map_or_else(|| text.clone(), |id| id.to_string()))
            }
            other => other.clone(),
        };
        let value = &value;
        let collate = if matches!(value, FieldValue::Text(_)) && !is_id { " COLLATE NOCASE" } else { "" };
        let sql = format!("SELECT \"Id\" FROM {table} WHERE {}{collate} = ? AND \"IsDeleted\" = 0", quote(field));
        let mut statement = self.connection.prepare(&sql).map_err(sql_error)?;
        let ids = statement
            .query_map([super::to_sql(value)], |row| row.get::<_, String>(0))
            .map_err(sql_error)?
            .filter_map(|id| id.ok().and_then(|id| Id::parse(&id)))
            .collect();
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{FieldSchema, FieldType, Schema};

    fn store_with_external_id() -> Store {
        let mut schema = Schema::standard();
        let account = schema.object_mut("Account").unwrap();
        account.add_field(FieldSchema { external_id: true, ..FieldSchema::new("Code__c", FieldType::String) });
        Store::in_memory(schema).unwrap()
    }

    #[test]
    fn inserts_then_updates_by_the_external_id_and_refuses_duplicates() {
        let mut store = store_with_external_id();
        let user = Id::parse("005000000000001").unwrap();
        let stamp = Stamp { user: &user, now: "2024-03-05T14:07:00.000Z" };
        let text = |s: &str| FieldValue::Text(s.into());
        let fields =
            |name: &str, code: &str| vec![("Name".to_string(), text(name)), ("Code__c".to_string(), text(code))];
        let first = store.upsert("Account", "code__c", &fields("Acme", "A-1"), &stamp).unwrap();
        assert!(first.created);
        let again = store.upsert("Account", "Code__c", &fields("Acme Corp", "a-1"), &stamp).unwrap();
        assert_eq!(again, Upserted { id: first.id.clone(), created: false }, "external Ids ignore case");
        assert_eq!(store.get("Account", &first.id, false).unwrap().unwrap().get("Name"), Some(&text("Acme Corp")));
        store.insert("Account", &fields("Twin", "B-2"), &stamp).unwrap();
        store.insert("Account", &fields("Twin", "B-2"), &stamp).unwrap();
        let duplicate = store.upsert("Account", "Code__c", &fields("Twin", "B-2"), &stamp).unwrap_err();
        assert_eq!(duplicate.code, "DUPLICATE_EXTERNAL_ID");
        let not_key = store.upsert("Account", "Name", &fields("Acme", "A-1"), &stamp).unwrap_err();
        assert_eq!(not_key.message, "Field name provided, Name is not an External ID or indexed field for Account");
        let missing = store.upsert("Account", "Code__c", &[("Name".to_string(), text("x"))], &stamp).unwrap_err();
        assert_eq!((missing.code, missing.message.as_str()), ("MISSING_ARGUMENT", "Code__c not specified"));
    }
}
