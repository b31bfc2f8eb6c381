//! An object from its `<CustomObject>` file: the fields every object of its kind has (Id,
//! owner, audit fields, ...) and its name field.

use super::standard::{audit_fields, system};
use super::{FieldSchema, FieldType, ObjectSchema, Schema};
use crate::metadata_xml::{Element, Fault};

/// The kinds of object a project defines, told apart by the suffix of the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ObjectKind {
    /// `__c`: a custom object.
    Custom,
    /// `__mdt`: a custom metadata type.
    MetadataType,
    /// `__e`: a platform event.
    PlatformEvent,
    /// `__b`: a big object.
    BigObject,
    /// `__x`: an external object.
    External,
    /// No suffix: a standard object.
    Standard,
}

impl ObjectKind {
    /// The kind of the object `name`; `None` for a suffix the tool does not load (`__kav`).
    pub(super) fn of(name: &str) -> Option<ObjectKind> {
        let lower = name.to_ascii_lowercase();
        let kinds = [
            ("__c", ObjectKind::Custom),
            ("__mdt", ObjectKind::MetadataType),
            ("__e", ObjectKind::PlatformEvent),
            ("__b", ObjectKind::BigObject),
            ("__x", ObjectKind::External),
        ];
        if let Some((_, kind)) = kinds.iter().find(|(suffix, _)| lower.ends_with(suffix)) {
            return Some(*kind);
        }
        (!lower.contains("__")).then_some(ObjectKind::Standard)
    }

    /// The next free key prefix for an object of this kind.
    fn prefix(self, schema: &Schema) -> String {
        match self {
            ObjectKind::MetadataType => schema.next_metadata_type_prefix(),
            ObjectKind::PlatformEvent => schema.next_platform_event_prefix(),
            ObjectKind::BigObject => schema.next_prefix('b'),
            ObjectKind::External => schema.next_prefix('x'),
            ObjectKind::Custom | ObjectKind::Standard => schema.next_custom_prefix(),
        }
    }
}

/// The object `name` of kind `kind` as its `<CustomObject>` element describes it, with the
/// next free prefix of its kind. A standard object that has only field files is built from an
/// empty element.
pub(super) fn build(schema: &Schema, name: &str, kind: ObjectKind, root: &Element) -> Result<ObjectSchema, Fault> {
    let mut object = ObjectSchema::new(name, &kind.prefix(schema), kind != ObjectKind::Standard);
    object.add_field(system("Id", FieldType::Id));
    for field in kind_fields(kind, root)? {
        object.add_field(field);
    }
    for field in audit_fields() {
        object.add_field(field);
    }
    Ok(object)
}

/// The fields an object of `kind` has besides its Id and audit fields.
fn kind_fields(kind: ObjectKind, root: &Element) -> Result<Vec<FieldSchema>, Fault> {
    let text = |name: &str| FieldSchema::new(name, FieldType::String);
    let fields = match kind {
        ObjectKind::Custom => vec![name_field(root)?.unwrap_or_else(text_name)],
        ObjectKind::Standard => name_field(root)?.into_iter().collect(),
        ObjectKind::MetadataType => {
            let mut fields: Vec<FieldSchema> =
                ["DeveloperName", "MasterLabel", "Label", "QualifiedApiName", "NamespacePrefix"].map(text).into();
            fields.push(FieldSchema::new("Language", FieldType::Picklist));
            return Ok(fields);
        }
        ObjectKind::PlatformEvent => {
            return Ok(vec![system("ReplayId", FieldType::String), system("EventUuid", FieldType::String)])
        }
        ObjectKind::BigObject | ObjectKind::External => return Ok(Vec::new()),
    };
    Ok(with_owner(fields, root))
}

/// Adds `OwnerId` unless the object's records belong to a master record
/// (`<sharingModel>ControlledByParent</sharingModel>`), which has no owner of its own.
fn with_owner(mut fields: Vec<FieldSchema>, root: &Element) -> Vec<FieldSchema> {
    if root.child_text("sharingModel") == Some("ControlledByParent") {
        return fields;
    }
    let owner = FieldType::Reference { to: vec!["User".into()], relationship: "Owner".into() };
    fields.push(FieldSchema::new("OwnerId", owner));
    fields
}

/// `Name` as `<nameField>` describes it; `None` when the file has no `<nameField>`.
fn name_field(root: &Element) -> Result<Option<FieldSchema>, Fault> {
    let Some(name_field) = root.child("nameField") else {
        return Ok(None);
    };
    let Some(ty) = name_field.child("type") else {
        return Ok(Some(text_name()));
    };
    match ty.text() {
        "Text" => Ok(Some(text_name())),
        "AutoNumber" => {
            let mut field = system("Name", FieldType::String);
            field.auto_number = Some(display_format(name_field, ty)?.to_string());
            Ok(Some(field))
        }
        other => Err(Fault::new(ty.offset, format!("<type>: a name field is Text or AutoNumber, not '{other}'"))),
    }
}

/// A text `Name`, required on insert.
fn text_name() -> FieldSchema {
    let mut field = FieldSchema::new("Name", FieldType::String);
    field.required = true;
    field
}

/// The `<displayFormat>` of an auto-number field (`J-{00000}`); a fault at its `<type>` when
/// it is missing.
pub(super) fn display_format<'e>(field: &'e Element, ty: &Element) -> Result<&'e str, Fault> {
    field.child_text("displayFormat").ok_or_else(|| Fault::new(ty.offset, "an AutoNumber field needs <displayFormat>"))
}

#[cfg(test)]
mod tests {
    use super::ObjectKind;

    #[test]
    fn kinds_come_from_the_suffix_in_any_case() {
        assert_eq!(ObjectKind::of("Invoice__c"), Some(ObjectKind::Custom));
        assert_eq!(ObjectKind::of("ns__Invoice__C"), Some(ObjectKind::Custom));
        assert_eq!(ObjectKind::of("Flag__mdt"), Some(ObjectKind::MetadataType));
        assert_eq!(ObjectKind::of("Ping__e"), Some(ObjectKind::PlatformEvent));
        assert_eq!(ObjectKind::of("Archive__b"), Some(ObjectKind::BigObject));
        assert_eq!(ObjectKind::of("Order__x"), Some(ObjectKind::External));
        assert_eq!(ObjectKind::of("Asset"), Some(ObjectKind::Standard));
        assert_eq!(ObjectKind::of("Article__kav"), None);
    }
}
