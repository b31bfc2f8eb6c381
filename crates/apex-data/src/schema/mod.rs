//! The sObject schema: objects with their key prefixes and fields, looked up case-insensitively
//! as Apex and SOQL name them. The common standard objects are built in (`standard.rs`);
//! custom objects are added from a project's metadata (`metadata.rs`).

mod field_file;
mod metadata;
#[cfg(test)]
mod metadata_error_tests;
mod metadata_path;
#[cfg(test)]
mod metadata_tests;
mod object_file;
mod standard;

use std::collections::HashMap;

pub use metadata::{MetadataError, ObjectFile};

/// A field's data type, as describe calls name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    Id,
    String,
    TextArea,
    Email,
    Phone,
    Url,
    Picklist,
    MultiPicklist,
    Boolean,
    Int,
    Double,
    Currency,
    Percent,
    Date,
    DateTime,
    Time,
    /// A lookup or master-detail: the objects it may point to and the relationship name used
    /// in paths (`Account` for `AccountId`, `Parent__r` for `Parent__c`).
    Reference {
        to: Vec<String>,
        relationship: String,
    },
    /// A compound address (`BillingAddress`): never stored itself, it reads its component
    /// fields. Only query columns have this type; objects list compounds apart from fields.
    Address,
}

impl FieldType {
    /// The describe name (`string`, `reference`, `datetime`, ...).
    pub fn describe_name(&self) -> &'static str {
        match self {
            FieldType::Id => "id",
            FieldType::String => "string",
            FieldType::TextArea => "textarea",
            FieldType::Email => "email",
            FieldType::Phone => "phone",
            FieldType::Url => "url",
            FieldType::Picklist => "picklist",
            FieldType::MultiPicklist => "multipicklist",
            FieldType::Boolean => "boolean",
            FieldType::Int => "int",
            FieldType::Double => "double",
            FieldType::Currency => "currency",
            FieldType::Percent => "percent",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::Time => "time",
            FieldType::Reference { .. } => "reference",
            FieldType::Address => "address",
        }
    }
}

/// One field of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSchema {
    /// The API name as the platform spells it (`AccountId`, `Amount__c`).
    pub name: String,
    pub ty: FieldType,
    /// Required on insert (`nillable` false and no default), as REQUIRED_FIELD_MISSING checks.
    pub required: bool,
    /// Set by the platform (Id, audit fields): not writable by DML.
    pub system: bool,
    pub external_id: bool,
    /// The display format of an auto-number field (`J-{00000}`); `None` for other fields.
    pub auto_number: Option<String>,
}

impl FieldSchema {
    /// A writable, optional field of type `ty`.
    pub fn new(name: &str, ty: FieldType) -> FieldSchema {
        FieldSchema { name: name.into(), ty, required: false, system: false, external_id: false, auto_number: None }
    }
}

/// A compound address field: `BillingAddress` reads `BillingStreet`, `BillingCity`, ... A
/// query returns it as one value (a `System.Address` in Apex); it cannot be written or filtered.
#[derive(Clone, Debug, PartialEq)]
pub struct CompoundField {
    /// `BillingAddress`, or `Address` on Lead and User.
    pub name: String,
    /// The component fields as (component name, field name): `("City", "BillingCity")`.
    pub components: Vec<(String, String)>,
}

/// A child relationship seen from the parent: `Contacts` on Account is the Contact records
/// whose `AccountId` points at the account. Subqueries name it (`SELECT (SELECT Id FROM Contacts)`).
#[derive(Clone, Debug, PartialEq)]
pub struct ChildRelationship {
    /// The relationship name (`Contacts`, `Junctions1__r`).
    pub name: String,
    /// The child object (`Contact`).
    pub child: String,
    /// The child's reference field (`AccountId`).
    pub field: String,
}

/// One object: its API name, key prefix and fields.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectSchema {
    pub name: String,
    pub key_prefix: String,
    pub custom: bool,
    fields: Vec<FieldSchema>,
    by_key: HashMap<String, usize>,
    children: Vec<ChildRelationship>,
    compounds: Vec<CompoundField>,
}

impl ObjectSchema {
    pub fn new(name: &str, key_prefix: &str, custom: bool) -> ObjectSchema {
        ObjectSchema {
            name: name.into(),
            key_prefix: key_prefix.into(),
            custom,
            fields: Vec::new(),
            by_key: HashMap::new(),
            children: Vec::new(),
            compounds: Vec::new(),
        }
    }

    /// Adds a compound field over fields the object has.
    pub fn add_compound(&mut self, compound: CompoundField) {
        self.compounds.retain(|c| !c.name.eq_ignore_ascii_case(&compound.name));
        self.compounds.push(compound);
    }

    /// A compound field by name, in any case.
    pub fn compound(&self, name: &str) -> Option<&CompoundField> {
        self.compounds.iter().find(|c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn compounds(&self) -> &[CompoundField] {
        &self.compounds
    }

    /// Adds (or replaces) a child relationship.
    pub fn add_child(&mut self, child: ChildRelationship) {
        self.children.retain(|c| !c.name.eq_ignore_ascii_case(&child.name));
        self.children.push(child);
    }

    /// A child relationship by name, in any case.
    pub fn child(&self, name: &str) -> Option<&ChildRelationship> {
        self.children.iter().find(|c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn children(&self) -> &[ChildRelationship] {
        &self.children
    }

    /// Adds (or replaces) a field.
    pub fn add_field(&mut self, field: FieldSchema) {
        let key = field.name.to_ascii_lowercase();
        match self.by_key.get(&key) {
            Some(&at) => self.fields[at] = field,
            None => {
                self.by_key.insert(key, self.fields.len());
                self.fields.push(field);
            }
        }
    }

    /// A field by name, in any case.
    pub fn field(&self, name: &str) -> Option<&FieldSchema> {
        self.by_key.get(&name.to_ascii_lowercase()).map(|&at| &self.fields[at])
    }

    /// The reference field whose relationship name is `name` (`Account` finds `AccountId`).
    pub fn relationship(&self, name: &str) -> Option<&FieldSchema> {
        self.fields.iter().find(|f| match &f.ty {
            FieldType::Reference { relationship, .. } => relationship.eq_ignore_ascii_case(name),
            _ => false,
        })
    }

    pub fn fields(&self) -> &[FieldSchema] {
        &self.fields
    }
}

/// Every object the org knows.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    objects: Vec<ObjectSchema>,
    by_key: HashMap<String, usize>,
    /// The project's permission sets (API name, label): the org has a PermissionSet record
    /// for each.
    permission_sets: Vec<(String, String)>,
    /// What each of the project's permission sets grants, keyed by lower-cased API name.
    grants: HashMap<String, crate::access::Grants>,
}

impl Default for Schema {
    fn default() -> Schema {
        Schema::standard()
    }
}

impl Schema {
    /// The built-in standard objects.
    /// Records that the org has the permission set `name` (labelled `label`).
    pub fn add_permission_set(&mut self, name: &str, label: &str) {
        if !self.permission_sets.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            self.permission_sets.push((name.to_string(), label.to_string()));
        }
    }

    /// Records what the permission set `name` grants (its objectPermissions and
    /// fieldPermissions); the org's ObjectPermissions and FieldPermissions rows say the same.
    pub fn add_permission_grants(&mut self, name: &str, grants: crate::access::Grants) {
        self.grants.insert(name.to_ascii_lowercase(), grants);
    }

    /// What the project's permission set `name` grants, if the project defines any.
    pub fn permission_grants(&self, name: &str) -> Option<&crate::access::Grants> {
        self.grants.get(&name.to_ascii_lowercase())
    }

    /// The project's permission sets, as (API name, label).
    pub fn permission_sets(&self) -> &[(String, String)] {
        &self.permission_sets
    }

    pub fn standard() -> Schema {
        let mut schema =
            Schema { objects: Vec::new(), by_key: HashMap::new(), permission_sets: Vec::new(), grants: HashMap::new() };
        for object in standard::objects() {
            schema.add_object(object);
        }
        for (parent, name, child, field) in standard::CHILD_RELATIONSHIPS {
            let relationship =
                ChildRelationship { name: name.to_string(), child: child.to_string(), field: field.to_string() };
            if let Some(object) = schema.object_mut(parent) {
                object.add_child(relationship);
            }
        }
        schema
    }

    /// Adds (or replaces) an object.
    pub fn add_object(&mut self, object: ObjectSchema) {
        let key = object.name.to_ascii_lowercase();
        match self.by_key.get(&key) {
            Some(&at) => self.objects[at] = object,
            None => {
                self.by_key.insert(key, self.objects.len());
                self.objects.push(object);
            }
        }
    }

    /// An object by API name, in any case.
    pub fn object(&self, name: &str) -> Option<&ObjectSchema> {
        self.by_key.get(&name.to_ascii_lowercase()).map(|&at| &self.objects[at])
    }

    pub fn object_mut(&mut self, name: &str) -> Option<&mut ObjectSchema> {
        self.by_key.get(&name.to_ascii_lowercase()).map(|&at| &mut self.objects[at])
    }

    /// The object whose Ids start with `prefix`.
    pub fn by_prefix(&self, prefix: &str) -> Option<&ObjectSchema> {
        self.objects.iter().find(|o| o.key_prefix == prefix)
    }

    pub fn objects(&self) -> &[ObjectSchema] {
        &self.objects
    }

    /// The next free custom-object (`__c`) prefix: `a00`, `a01`, ... in definition order.
    pub fn next_custom_prefix(&self) -> String {
        self.next_prefix('a')
    }

    /// The next free custom metadata type (`__mdt`) prefix: `m00`, `m01`, ...
    pub fn next_metadata_type_prefix(&self) -> String {
        self.next_prefix('m')
    }

    /// The next free platform event (`__e`) prefix: `e00`, `e01`, ...
    pub fn next_platform_event_prefix(&self) -> String {
        self.next_prefix('e')
    }

    /// The first of `{first}00`, `{first}01`, ... `{first}ZZ` that no object uses yet; when all
    /// 1,296 are taken, the last of them.
    pub fn next_prefix(&self, first: char) -> String {
        const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let candidate = |n: usize| format!("{first}{}{}", DIGITS[n / 36] as char, DIGITS[n % 36] as char);
        (0..36 * 36)
            .map(candidate)
            .find(|prefix| self.by_prefix(prefix).is_none())
            .unwrap_or_else(|| candidate(36 * 36 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_objects_are_found_in_any_case_with_their_prefixes() {
        let schema = Schema::standard();
        let account = schema.object("ACCOUNT").unwrap();
        assert_eq!((account.name.as_str(), account.key_prefix.as_str()), ("Account", "001"));
        assert_eq!(account.field("name").unwrap().ty, FieldType::String);
        assert!(account.field("Name").unwrap().required);
        let contact = schema.object("contact").unwrap();
        assert_eq!(contact.relationship("account").unwrap().name, "AccountId");
        assert_eq!(schema.by_prefix("006").unwrap().name, "Opportunity");
        for object in schema.objects() {
            assert!(object.field("Id").is_some_and(|f| f.system), "{} has an Id", object.name);
        }
    }

    #[test]
    fn every_standard_child_relationship_is_a_reference_to_its_parent() {
        let schema = Schema::standard();
        for parent in schema.objects() {
            for child in parent.children() {
                let field = schema.object(&child.child).and_then(|o| o.field(&child.field));
                let Some(FieldSchema { ty: FieldType::Reference { to, .. }, .. }) = field else {
                    panic!("{}.{} is not a reference field", child.child, child.field);
                };
                assert!(to.contains(&parent.name), "{}.{} does not point at {}", child.child, child.field, parent.name);
            }
        }
        assert_eq!(schema.object("account").unwrap().child("CONTACTS").unwrap().field, "AccountId");
    }

    #[test]
    fn custom_prefixes_count_up_from_a00() {
        let mut schema = Schema::standard();
        assert_eq!(schema.next_custom_prefix(), "a00");
        schema.add_object(ObjectSchema::new("Invoice__c", "a00", true));
        assert_eq!(schema.next_custom_prefix(), "a01");
    }

    #[test]
    fn each_kind_of_object_counts_its_own_prefixes() {
        let mut schema = Schema::standard();
        schema.add_object(ObjectSchema::new("Flag__mdt", &schema.next_metadata_type_prefix(), true));
        schema.add_object(ObjectSchema::new("Ping__e", &schema.next_platform_event_prefix(), true));
        assert_eq!(schema.next_custom_prefix(), "a00");
        assert_eq!(schema.next_metadata_type_prefix(), "m01");
        assert_eq!(schema.next_platform_event_prefix(), "e01");
        for n in 0..36 {
            let prefix = schema.next_custom_prefix();
            schema.add_object(ObjectSchema::new(&format!("O{n}__c"), &prefix, true));
        }
        assert_eq!(schema.next_custom_prefix(), "a10");
    }
}
