//! A field from its `<CustomField>` file: its type, whether it is required, computed or an
//! external Id, and for lookups the parent it points at.

use super::object_file::display_format;
use super::{FieldSchema, FieldType};
use crate::metadata_xml::{Element, Fault};

/// A field read from its file; a lookup's parent is still to be found in the schema.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FieldFile {
    pub field: FieldSchema,
    pub parent: Option<Parent>,
}

/// The parent object a lookup, master-detail or hierarchy field points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parent {
    /// The object as `<referenceTo>` spells it (`User` for a hierarchy).
    pub object: String,
    /// Where the element naming the parent starts, for a fault when there is no such object.
    pub offset: usize,
    /// `<relationshipName>`, which names the child relationship on the parent.
    pub relationship_name: Option<String>,
}

/// How a `<type>` becomes a field.
enum Kind {
    Plain(FieldType),
    /// A roll-up summary: a number the platform computes.
    Summary,
    AutoNumber,
    /// A lookup or, when `master`, a master-detail to the object in `<referenceTo>`.
    Lookup {
        master: bool,
    },
    /// A lookup from a user to another user.
    Hierarchy,
    /// A compound field (latitude and longitude), which the tool does not model.
    Location,
}

/// The field `root` describes, called `name`; `None` when the file adds nothing (a Location
/// field, or a standard field file that only customizes the field and has no `<type>`).
pub(super) fn read(name: &str, root: &Element) -> Result<Option<FieldFile>, Fault> {
    let Some(ty) = root.child("type") else {
        if is_custom(name) {
            return Err(Fault::new(root.offset, "a custom field needs <type>"));
        }
        return Ok(None);
    };
    let kind =
        kind(ty.text()).ok_or_else(|| Fault::new(ty.offset, format!("<type>: unknown field type '{}'", ty.text())))?;
    let mut field = FieldSchema::new(name, FieldType::String);
    let mut parent = None;
    match kind {
        Kind::Plain(plain) => field.ty = plain,
        Kind::Summary => (field.ty, field.system) = (FieldType::Double, true),
        Kind::AutoNumber => {
            field.system = true;
            field.auto_number = Some(display_format(root, ty)?.to_string());
        }
        Kind::Lookup { master } => {
            let reference_to = root.child("referenceTo").filter(|r| !r.text().is_empty());
            let reference_to = reference_to
                .ok_or_else(|| Fault::new(ty.offset, format!("a {} field needs <referenceTo>", ty.text())))?;
            field.required = master;
            parent = Some(lookup(name, root, reference_to.text(), reference_to.offset, &mut field));
        }
        Kind::Hierarchy => parent = Some(lookup(name, root, "User", ty.offset, &mut field)),
        Kind::Location => return Ok(None),
    }
    apply_flags(&mut field, root);
    Ok(Some(FieldFile { field, parent }))
}

/// Makes `field` a reference to `object` and returns that parent.
fn lookup(name: &str, root: &Element, object: &str, offset: usize, field: &mut FieldSchema) -> Parent {
    field.ty = FieldType::Reference { to: vec![object.to_string()], relationship: relationship(name) };
    let relationship_name = root.child_text("relationshipName").map(str::to_string);
    Parent { object: object.to_string(), offset, relationship_name }
}

/// `<required>`, `<externalId>` and `<formula>`: a formula field is computed, so the platform
/// writes it; neither such fields nor checkboxes are ever required.
fn apply_flags(field: &mut FieldSchema, root: &Element) {
    field.required |= root.flag("required");
    field.external_id = root.flag("externalId");
    if root.child_text("formula").is_some() {
        field.system = true;
    }
    if field.system || field.ty == FieldType::Boolean {
        field.required = false;
    }
}

/// How the metadata `<type>` named `ty` becomes a field; `None` for a type the tool does not know.
fn kind(ty: &str) -> Option<Kind> {
    let plain = match ty {
        "Text" | "EncryptedText" | "MetadataRelationship" | "ExternalLookup" | "IndirectLookup" => FieldType::String,
        "TextArea" | "LongTextArea" | "Html" => FieldType::TextArea,
        "Email" => FieldType::Email,
        "Phone" => FieldType::Phone,
        "Url" => FieldType::Url,
        "Picklist" => FieldType::Picklist,
        "MultiselectPicklist" => FieldType::MultiPicklist,
        "Checkbox" => FieldType::Boolean,
        "Number" => FieldType::Double,
        "Currency" => FieldType::Currency,
        "Percent" => FieldType::Percent,
        "Date" => FieldType::Date,
        "DateTime" => FieldType::DateTime,
        "Time" => FieldType::Time,
        "Summary" => return Some(Kind::Summary),
        "AutoNumber" => return Some(Kind::AutoNumber),
        "Lookup" => return Some(Kind::Lookup { master: false }),
        "MasterDetail" => return Some(Kind::Lookup { master: true }),
        "Hierarchy" => return Some(Kind::Hierarchy),
        "Location" => return Some(Kind::Location),
        _ => return None,
    };
    Some(Kind::Plain(plain))
}

/// Whether `name` is a custom field (`Total__c`), not a standard one (`Industry`).
pub(super) fn is_custom(name: &str) -> bool {
    name.len() > 3 && name.get(name.len() - 3..).is_some_and(|suffix| suffix.eq_ignore_ascii_case("__c"))
}

/// The relationship name paths use for a reference field: `Parent__r` for `Parent__c`,
/// `Account` for a standard `AccountId`.
fn relationship(name: &str) -> String {
    if is_custom(name) {
        return format!("{}__r", &name[..name.len() - 3]);
    }
    name.strip_suffix("Id").filter(|stem| !stem.is_empty()).unwrap_or(name).to_string()
}

#[cfg(test)]
mod tests {
    use super::{is_custom, relationship};

    #[test]
    fn relationship_names_follow_the_platform() {
        assert_eq!(relationship("Parent__c"), "Parent__r");
        assert_eq!(relationship("ns__Parent__C"), "ns__Parent__r");
        assert_eq!(relationship("ManagerId"), "Manager");
        assert_eq!(relationship("Id"), "Id");
    }

    #[test]
    fn custom_fields_end_in_c() {
        assert!(is_custom("Total__c"));
        assert!(is_custom("Total__C"));
        assert!(!is_custom("Industry"));
        assert!(!is_custom("__c"));
        assert!(!is_custom("Naïve"));
    }
}
