//! sObject describes from the schema: the global list (`/sobjects`), an object's basic info
//! (`/sobjects/{Type}`) and its full describe with fields and child relationships. The
//! running user may do everything, so every permission flag is true except writing fields
//! the platform sets.

use super::Call;
use crate::errors::RestError;
use crate::http::Response;
use crate::Org;
use apex_data::schema::{FieldSchema, FieldType, ObjectSchema};
use serde_json::{json, Value};

pub(crate) fn global(org: &Org, version: &str) -> Response {
    let objects: Vec<Value> = org.store.schema().objects().iter().map(|o| entry(o, version)).collect();
    Response::json(200, &json!({ "encoding": "UTF-8", "maxBatchSize": 200, "sobjects": objects }))
}

pub(crate) fn basic(org: &mut Org, call: &Call, object: &str) -> Result<Response, RestError> {
    let found = org.store.schema().object(object).ok_or_else(RestError::not_found)?;
    let (described, name) = (entry(found, &call.version), found.field("Name").is_some());
    let recent = recent_items(org, &found.name.clone(), name, &call.version);
    Ok(Response::json(200, &json!({ "objectDescribe": described, "recentItems": recent })))
}

/// The object's most recently changed records, newest first, with their Id and Name: the org
/// has no record views, so changes stand in for the recently viewed list.
fn recent_items(org: &mut Org, object: &str, has_name: bool, version: &str) -> Vec<Value> {
    let fields = if has_name { "Id, Name" } else { "Id" };
    let text = format!("SELECT {fields} FROM {object} ORDER BY LastModifiedDate DESC, Id DESC LIMIT {RECENT_ITEMS}");
    let Ok(query) = apex_syntax::parse_soql(&text, apex_syntax::FileId(0)) else {
        return Vec::new();
    };
    let mut no_binds = |_: &apex_syntax::Spanned<apex_syntax::ast::Expr>| {
        Err(apex_data::StoreError { code: "MALFORMED_QUERY", message: String::new(), fields: Vec::new() })
    };
    let mut context = apex_data::soql::QueryContext { bind: &mut no_binds, today: "2000-01-01" };
    match org.store.query(&query, &mut context) {
        Ok(result) => result.records.iter().map(|r| super::json::record(org.store.schema(), r, version)).collect(),
        Err(_) => Vec::new(),
    }
}

/// How many records `recentItems` lists.
const RECENT_ITEMS: usize = 25;

pub(crate) fn describe(org: &Org, call: &Call, object: &str) -> Result<Response, RestError> {
    let schema = org.store.schema();
    let object = schema.object(object).ok_or_else(RestError::not_found)?;
    let mut out = entry(object, &call.version);
    out["fields"] = Value::Array(object.fields().iter().map(field).collect());
    out["childRelationships"] = Value::Array(
        object
            .children()
            .iter()
            .map(|c| {
                json!({
                    "childSObject": c.child, "field": c.field, "relationshipName": c.name,
                    "cascadeDelete": false, "restrictedDelete": false, "deprecatedAndHidden": false,
                    "junctionIdListNames": [], "junctionReferenceTo": [],
                })
            })
            .collect(),
    );
    out["recordTypeInfos"] = json!([{
        "active": true, "available": true, "defaultRecordTypeMapping": true, "developerName": "Master",
        "master": true, "name": "Master", "recordTypeId": "012000000000000AAA",
        "urls": { "layout": format!("/services/data/v{}/sobjects/{}/describe/layouts/012000000000000AAA", call.version, object.name) },
    }]);
    for empty in ["actionOverrides", "namedLayoutInfos", "supportedScopes"] {
        out[empty] = json!([]);
    }
    for flag in ["listviewable", "lookupLayoutable", "searchLayoutable", "compactLayoutable"] {
        out[flag] = json!(null);
    }
    out["networkScopeFieldName"] = Value::Null;
    Ok(Response::json(200, &out))
}

/// The describe-global entry of one object.
fn entry(object: &ObjectSchema, version: &str) -> Value {
    let base = format!("/services/data/v{version}/sobjects/{}", object.name);
    let label = label(&object.name);
    json!({
        "name": object.name, "label": label, "labelPlural": format!("{label}s"),
        "keyPrefix": object.key_prefix, "custom": object.custom, "customSetting": false,
        "createable": true, "updateable": true, "deletable": true, "queryable": true, "retrieveable": true,
        "searchable": true, "undeletable": true, "triggerable": true, "layoutable": true, "mergeable": false,
        "mruEnabled": true, "replicateable": true, "activateable": false, "deprecatedAndHidden": false,
        "feedEnabled": false, "hasSubtypes": false, "isSubtype": false, "idEnabled": true,
        "isInterface": false, "deepCloneable": false, "associateEntityType": null, "associateParentEntity": null,
        "urls": { "sobject": base, "describe": format!("{base}/describe"), "rowTemplate": format!("{base}/{{ID}}") },
    })
}

fn field(f: &FieldSchema) -> Value {
    let (reference_to, relationship) = match &f.ty {
        FieldType::Reference { to, relationship } => {
            (json!(to), if relationship.is_empty() { Value::Null } else { json!(relationship) })
        }
        _ => (json!([]), Value::Null),
    };
    let writable = !f.system;
    let length = match f.ty {
        FieldType::String | FieldType::Email | FieldType::Phone | FieldType::Url | FieldType::Picklist => 255,
        FieldType::TextArea => 32_768,
        FieldType::Id | FieldType::Reference { .. } => 18,
        _ => 0,
    };
    let nillable = !f.required && f.ty != FieldType::Boolean && f.name != "Id";
    let mut out = json!({
        "name": f.name, "label": label(&f.name), "type": f.ty.describe_name(), "soapType": soap_type(&f.ty),
        "length": length, "byteLength": length * 3, "precision": 0, "scale": 0, "digits": 0,
        "nillable": nillable, "createable": writable, "updateable": writable,
        "defaultedOnCreate": f.system || f.ty == FieldType::Boolean,
        "externalId": f.external_id, "idLookup": f.external_id || f.name == "Id" || f.name == "Name",
        "referenceTo": reference_to, "relationshipName": relationship, "picklistValues": [],
        "autoNumber": f.auto_number.is_some(), "custom": f.name.ends_with("__c"), "filterable": true,
        "sortable": f.ty != FieldType::TextArea, "groupable": true, "aggregatable": true,
        "nameField": f.name == "Name", "permissionable": !f.system && nillable,
    });
    // Strongly typed clients expect every key, so the ones that do not apply are false or null.
    const FALSE: &[&str] = &[
        "unique",
        "caseSensitive",
        "calculated",
        "htmlFormatted",
        "restrictedPicklist",
        "cascadeDelete",
        "dependentPicklist",
        "deprecatedAndHidden",
        "encrypted",
        "writeRequiresMasterRead",
        "namePointing",
        "highScaleNumber",
        "queryByDistance",
        "displayLocationInDecimal",
        "restrictedDelete",
    ];
    const NULL: &[&str] = &[
        "defaultValue",
        "defaultValueFormula",
        "calculatedFormula",
        "controllerName",
        "inlineHelpText",
        "mask",
        "maskType",
        "extraTypeInfo",
        "compoundFieldName",
        "relationshipOrder",
        "filteredLookupInfo",
        "referenceTargetField",
    ];
    for key in FALSE {
        out[*key] = json!(false);
    }
    for key in NULL {
        out[*key] = Value::Null;
    }
    out
}

fn soap_type(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Id | FieldType::Reference { .. } => "tns:ID",
        FieldType::Boolean => "xsd:boolean",
        FieldType::Int => "xsd:int",
        FieldType::Double | FieldType::Currency | FieldType::Percent => "xsd:double",
        FieldType::Date => "xsd:date",
        FieldType::DateTime => "xsd:dateTime",
        FieldType::Time => "xsd:time",
        _ => "xsd:string",
    }
}

/// A label from an API name: `AccountNumber` reads `Account Number`, `Total_Due__c` reads
/// `Total Due`.
fn label(name: &str) -> String {
    let base = name.strip_suffix("__c").unwrap_or(name).replace('_', " ");
    let mut out = String::with_capacity(base.len() + 4);
    let chars: Vec<char> = base.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let after_lower = i > 0 && chars[i - 1].is_lowercase();
        if c.is_uppercase() && after_lower {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}
