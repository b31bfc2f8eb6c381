//! Seeding the org from SFDX data tree files (`sf data export tree`): each record carries
//! `attributes.type` and a `referenceId`; a lookup written `@AccountRef1` points at an earlier
//! record; a child relationship holds nested `{"records": [...]}` inserted under the parent.
//! A plan file (`[{"sobject", "files": [...]}]`) lists tree files in order.

use crate::Org;
use apex_data::schema::FieldType;
use apex_data::{FieldValue, Id, Stamp};
use serde_json::Value;
use std::collections::HashMap;

/// Reference Ids seen so far (`AccountRef1`) and the Ids their records got.
pub type References = HashMap<String, Id>;

impl Org {
    /// Inserts every record of one tree file; returns how many. `file` names the file in
    /// errors.
    pub fn seed_tree(&mut self, file: &str, text: &str, refs: &mut References, now: &str) -> Result<usize, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("{file}: not JSON: {e}"))?;
        let records = value["records"].as_array().ok_or_else(|| format!("{file}: no \"records\" array"))?;
        let mut count = 0;
        for record in records {
            count += self.seed_record(file, record, None, refs, now)?;
        }
        Ok(count)
    }

    fn seed_record(
        &mut self,
        file: &str,
        record: &Value,
        parent: Option<(&str, &Id)>,
        refs: &mut References,
        now: &str,
    ) -> Result<usize, String> {
        let object =
            record["attributes"]["type"].as_str().ok_or_else(|| format!("{file}: a record without attributes.type"))?;
        let schema =
            self.store.schema().object(object).cloned().ok_or_else(|| format!("{file}: no object named {object}"))?;
        let mut fields = Vec::new();
        let mut children = Vec::new();
        for (name, value) in record.as_object().into_iter().flatten() {
            if name == "attributes" {
                continue;
            }
            if let Some(relationship) = schema.child(name) {
                children.push((relationship.field.clone(), value));
                continue;
            }
            let ty = schema.field(name).map(|f| &f.ty);
            fields.push((name.clone(), field_value(file, value, ty, refs)?));
        }
        if let Some((field, id)) = parent {
            fields.push((field.to_string(), FieldValue::Text(id.to_string())));
        }
        let stamp = Stamp { user: &self.admin_id(), now };
        let id = self.store.insert(&schema.name, &fields, &stamp).map_err(|e| format!("{file}: {object}: {e}"))?;
        if let Some(reference) = record["attributes"]["referenceId"].as_str() {
            refs.insert(reference.to_string(), id.clone());
        }
        let mut count = 1;
        for (field, nested) in children {
            for child in nested["records"].as_array().into_iter().flatten() {
                count += self.seed_record(file, child, Some((&field, &id)), refs, now)?;
            }
        }
        Ok(count)
    }

    /// Runs a plan file: its tree files, in order, read by `read` (paths relative to the plan).
    pub fn seed_plan(
        &mut self,
        plan: &str,
        text: &str,
        read: &dyn Fn(&str) -> Result<String, String>,
        now: &str,
    ) -> Result<usize, String> {
        let steps: Value = serde_json::from_str(text).map_err(|e| format!("{plan}: not JSON: {e}"))?;
        let steps = steps.as_array().ok_or_else(|| format!("{plan}: a plan is an array of steps"))?;
        let mut refs = References::new();
        let mut count = 0;
        for step in steps {
            for file in step["files"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                count += self.seed_tree(file, &read(file)?, &mut refs, now)?;
            }
        }
        Ok(count)
    }

    /// Whether anyone has added records beyond the org's own (its users, profiles and
    /// organization).
    pub fn has_records(&mut self) -> bool {
        let own = ["User", "Profile", "Organization"];
        let objects: Vec<String> = self
            .store
            .schema()
            .objects()
            .iter()
            .map(|o| o.name.clone())
            .filter(|n| !own.contains(&n.as_str()))
            .collect();
        objects.iter().any(|object| self.store.has_any(object).unwrap_or(false))
    }

    fn admin_id(&self) -> Id {
        Id::parse(crate::ADMIN_ID).unwrap_or_else(|| self.org_id.clone())
    }
}

/// A tree value for the store: `@Ref` resolved to its record's Id.
fn field_value(file: &str, value: &Value, ty: Option<&FieldType>, refs: &References) -> Result<FieldValue, String> {
    Ok(match value {
        Value::Null => FieldValue::Null,
        Value::Bool(b) => FieldValue::Bool(*b),
        Value::Number(n) if matches!(ty, Some(FieldType::Int)) => FieldValue::Int(n.as_i64().unwrap_or_default()),
        Value::Number(n) => FieldValue::Number(n.as_f64().unwrap_or_default()),
        Value::String(s) if s.starts_with('@') && matches!(ty, Some(FieldType::Reference { .. })) => {
            let id = refs.get(&s[1..]).ok_or_else(|| format!("{file}: no record has the reference {s}"))?;
            FieldValue::Text(id.to_string())
        }
        Value::String(s) if matches!(ty, Some(FieldType::DateTime)) => {
            FieldValue::Text(crate::rest::datetime(s).unwrap_or_else(|| s.clone()))
        }
        Value::String(s) => FieldValue::Text(s.clone()),
        other => return Err(format!("{file}: a field value cannot be {other}")),
    })
}

#[cfg(test)]
mod tests {
    use crate::{Org, OrgConfig};
    use apex_data::soql::QueryContext;
    use apex_data::{Schema, Store};

    fn count(org: &mut Org, soql: &str) -> usize {
        let query = apex_syntax::parse_soql(soql, apex_syntax::FileId(0)).unwrap();
        let mut bind = |_: &apex_syntax::Spanned<apex_syntax::ast::Expr>| -> Result<_, _> { unreachable!() };
        let mut context = QueryContext { bind: &mut bind, today: "2024-01-15" };
        org.store.query(&query, &mut context).unwrap().total_size
    }

    #[test]
    fn a_plan_seeds_parents_children_and_references_in_order() {
        let store = Store::in_memory(Schema::standard()).unwrap();
        let mut org = Org::open(OrgConfig::default(), store, "2024-01-15T10:30:00.000Z", 1).unwrap();
        let accounts = r#"{"records": [{"attributes": {"type": "Account", "referenceId": "AccountRef1"}, "Name": "Acme",
            "Contacts": {"records": [{"attributes": {"type": "Contact", "referenceId": "ContactRef1"}, "LastName": "Lovelace"}]}}]}"#;
        let deals = r#"{"records": [{"attributes": {"type": "Opportunity", "referenceId": "OppRef1"}, "Name": "Deal",
            "StageName": "Prospecting", "CloseDate": "2024-03-01", "AccountId": "@AccountRef1", "Amount": 1200.5}]}"#;
        let plan = r#"[{"sobject": "Account", "saveRefs": true, "files": ["Account.json"]},
            {"sobject": "Opportunity", "resolveRefs": true, "files": ["Opportunity.json"]}]"#;
        let read = |file: &str| -> Result<String, String> {
            match file {
                "Account.json" => Ok(accounts.to_string()),
                "Opportunity.json" => Ok(deals.to_string()),
                other => Err(format!("no file {other}")),
            }
        };
        let seeded = org.seed_plan("plan.json", plan, &read, "2024-01-15T10:30:00.000Z").unwrap();
        assert_eq!(seeded, 3);
        assert_eq!(count(&mut org, "SELECT Id FROM Contact WHERE Account.Name = 'Acme'"), 1);
        assert_eq!(count(&mut org, "SELECT Id FROM Opportunity WHERE Account.Name = 'Acme' AND Amount > 1000"), 1);
        let dangling =
            r#"{"records": [{"attributes": {"type": "Contact"}, "LastName": "x", "AccountId": "@Nowhere"}]}"#;
        let error =
            org.seed_tree("Contact.json", dangling, &mut Default::default(), "2024-01-15T10:30:00.000Z").unwrap_err();
        assert_eq!(error, "Contact.json: no record has the reference @Nowhere");
    }
}
