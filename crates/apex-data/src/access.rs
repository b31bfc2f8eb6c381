//! What a user may do with objects and fields: their profile's object permissions and
//! field-level security, plus what their assigned permission sets grant (the org's
//! ObjectPermissions and FieldPermissions rows, seeded from the project's permission sets).
//! User-mode queries and DML, and `WITH SECURITY_ENFORCED`, check against it.

use crate::ids::Id;
use crate::metadata_xml::Element;
use crate::schema::Schema;
use crate::store::{sql_error, FieldValue, Store, StoreError};
use std::collections::HashMap;

/// One object's permissions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObjectAccess {
    pub read: bool,
    pub create: bool,
    pub edit: bool,
    pub delete: bool,
}

impl ObjectAccess {
    const ALL: ObjectAccess = ObjectAccess { read: true, create: true, edit: true, delete: true };
    const READ: ObjectAccess = ObjectAccess { read: true, create: false, edit: false, delete: false };

    fn union(self, other: ObjectAccess) -> ObjectAccess {
        ObjectAccess {
            read: self.read || other.read,
            create: self.create || other.create,
            edit: self.edit || other.edit,
            delete: self.delete || other.delete,
        }
    }
}

/// What a permission set grants: object permissions by object, field permissions by
/// `Object.Field`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grants {
    pub objects: Vec<(String, ObjectAccess)>,
    /// (`Account.Name`, readable, editable).
    pub fields: Vec<(String, bool, bool)>,
}

impl Grants {
    /// The `objectPermissions` and `fieldPermissions` of a permission set file's root.
    pub fn from_metadata(root: &Element) -> Grants {
        let mut grants = Grants::default();
        for element in root.children.iter().filter(|c| c.name == "objectPermissions") {
            let Some(object) = element.child_text("object") else { continue };
            // Modify All implies every other permission, View All implies read.
            let modify_all = element.flag("modifyAllRecords");
            let access = ObjectAccess {
                read: element.flag("allowRead") || element.flag("viewAllRecords") || modify_all,
                create: element.flag("allowCreate") || modify_all,
                edit: element.flag("allowEdit") || modify_all,
                delete: element.flag("allowDelete") || modify_all,
            };
            grants.objects.push((object.to_string(), access));
        }
        for element in root.children.iter().filter(|c| c.name == "fieldPermissions") {
            let Some(field) = element.child_text("field") else { continue };
            let editable = element.flag("editable");
            grants.fields.push((field.to_string(), element.flag("readable") || editable, editable));
        }
        grants
    }
}

/// The standard objects whose access profiles and permission sets control; the others
/// (User, Profile, Organization, Task, ...) every user may read. Custom objects are controlled.
const CONTROLLED: &[&str] = &[
    "Account",
    "Contact",
    "Opportunity",
    "OpportunityLineItem",
    "Lead",
    "Case",
    "Campaign",
    "Contract",
    "Order",
    "Product2",
    "Pricebook2",
    "PricebookEntry",
];

/// Objects a Standard User may only read (the rest of `CONTROLLED` they may also change).
const READ_ONLY_FOR_STANDARD: &[&str] = &["Campaign", "Product2", "Pricebook2", "PricebookEntry"];

/// What a profile grants before any permission set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    /// System Administrator: every object and field (Modify All Data).
    Administrator,
    /// Standard User and Marketing User: the controlled standard objects and their
    /// standard fields; Marketing User may also change campaigns.
    Standard { campaigns: bool },
    /// Read Only: read the controlled standard objects and their standard fields.
    ReadOnly,
    /// Minimum Access - Salesforce, Chatter Free User and any other profile: nothing.
    Minimum,
}

impl Profile {
    fn named(name: &str) -> Profile {
        match name.to_ascii_lowercase().as_str() {
            "system administrator" => Profile::Administrator,
            "standard user" | "contract manager" | "solution manager" => Profile::Standard { campaigns: false },
            "marketing user" => Profile::Standard { campaigns: true },
            "read only" => Profile::ReadOnly,
            _ => Profile::Minimum,
        }
    }

    /// The profile's permissions on a controlled standard object (none on custom objects).
    fn object(self, object: &str) -> ObjectAccess {
        let standard = CONTROLLED.iter().any(|o| o.eq_ignore_ascii_case(object));
        match self {
            Profile::Administrator => ObjectAccess::ALL,
            Profile::Standard { .. } | Profile::ReadOnly if !standard => ObjectAccess::default(),
            Profile::Standard { campaigns } => {
                let read_only = READ_ONLY_FOR_STANDARD.iter().any(|o| o.eq_ignore_ascii_case(object));
                if read_only && !(campaigns && object.eq_ignore_ascii_case("Campaign")) {
                    ObjectAccess::READ
                } else {
                    ObjectAccess::ALL
                }
            }
            Profile::ReadOnly => ObjectAccess::READ,
            Profile::Minimum => ObjectAccess::default(),
        }
    }
}

/// One user's object and field permissions.
#[derive(Clone, Debug)]
pub struct UserAccess {
    profile: Profile,
    /// Permission-set grants by lower-cased object.
    objects: HashMap<String, ObjectAccess>,
    /// Permission-set field grants by lower-cased `object.field`: (readable, editable).
    fields: HashMap<String, (bool, bool)>,
}

impl UserAccess {
    /// Access to everything, as system mode and the System Administrator have.
    pub fn everything() -> UserAccess {
        UserAccess { profile: Profile::Administrator, objects: HashMap::new(), fields: HashMap::new() }
    }

    /// Whether nothing is ever refused (a System Administrator).
    pub fn is_unrestricted(&self) -> bool {
        self.profile == Profile::Administrator
    }

    /// The user's permissions on an object.
    pub fn object(&self, object: &str) -> ObjectAccess {
        let controlled = object.ends_with("__c") || CONTROLLED.iter().any(|o| o.eq_ignore_ascii_case(object));
        if !controlled {
            return ObjectAccess::ALL;
        }
        let granted = self.objects.get(&object.to_ascii_lowercase()).copied().unwrap_or_default();
        self.profile.object(object).union(granted)
    }

    /// Whether the user may read (or, with `edit`, change) a field of an object they can
    /// read. Ids, names, required and platform-set fields have no field-level security;
    /// the profile covers standard fields of the objects it grants; permission sets the rest.
    pub fn field(&self, schema: &Schema, object: &str, field: &str, edit: bool) -> bool {
        let access = self.object(object);
        if !access.read || self.is_unrestricted() {
            return access.read;
        }
        let key = format!("{object}.{field}").to_ascii_lowercase();
        if let Some((read, write)) = self.fields.get(&key) {
            if if edit { *write } else { *read } {
                return true;
            }
        }
        let Some(schema_field) = schema.object(object).and_then(|o| o.field(field)) else {
            return true;
        };
        let always = schema_field.name == "Name" || schema_field.required || schema_field.system;
        if always {
            return !edit || !schema_field.system;
        }
        let custom = schema_field.name.ends_with("__c");
        let from_profile = self.profile.object(object);
        !custom && if edit { from_profile.edit || from_profile.create } else { from_profile.read }
    }
}

impl Store {
    /// The permissions of the user with this Id: their profile's, and what the permission
    /// sets assigned to them grant. A user the store does not have may do everything.
    pub fn user_access(&mut self, user: &Id) -> Result<UserAccess, StoreError> {
        let users = self.ensure_table("User")?;
        let profiles = self.ensure_table("Profile")?;
        let assignments = self.ensure_table("PermissionSetAssignment")?;
        let object_permissions = self.ensure_table("ObjectPermissions")?;
        let field_permissions = self.ensure_table("FieldPermissions")?;
        let sql = format!(
            "SELECT p.\"Name\" FROM {users} u JOIN {profiles} p ON p.\"Id\" = u.\"ProfileId\" WHERE u.\"Id\" = ?"
        );
        let profile: Option<String> = {
            let mut statement = self.connection.prepare_cached(&sql).map_err(sql_error)?;
            let mut rows = statement.query([user.as_str()]).map_err(sql_error)?;
            match rows.next().map_err(sql_error)? {
                Some(row) => row.get(0).map_err(sql_error)?,
                None => None,
            }
        };
        let Some(profile) = profile else {
            return Ok(UserAccess::everything());
        };
        let mut access =
            UserAccess { profile: Profile::named(&profile), objects: HashMap::new(), fields: HashMap::new() };
        let sql = format!(
            "SELECT o.\"SobjectType\", o.\"PermissionsRead\", o.\"PermissionsCreate\", o.\"PermissionsEdit\", \
            o.\"PermissionsDelete\", o.\"PermissionsViewAllRecords\", o.\"PermissionsModifyAllRecords\" \
            FROM {object_permissions} o JOIN {assignments} a ON a.\"PermissionSetId\" = o.\"ParentId\" \
            WHERE a.\"AssigneeId\" = ? AND a.\"IsDeleted\" = 0 AND o.\"IsDeleted\" = 0"
        );
        let mut statement = self.connection.prepare_cached(&sql).map_err(sql_error)?;
        let rows = statement
            .query_map([user.as_str()], |row| {
                let flag = |i: usize| row.get::<_, Option<bool>>(i).map(Option::unwrap_or_default);
                let modify_all = flag(6)?;
                let granted = ObjectAccess {
                    read: flag(1)? || flag(5)? || modify_all,
                    create: flag(2)? || modify_all,
                    edit: flag(3)? || modify_all,
                    delete: flag(4)? || modify_all,
                };
                Ok((row.get::<_, String>(0)?, granted))
            })
            .map_err(sql_error)?;
        for row in rows {
            let (object, granted) = row.map_err(sql_error)?;
            let slot = access.objects.entry(object.to_ascii_lowercase()).or_default();
            *slot = slot.union(granted);
        }
        drop(statement);
        let sql = format!(
            "SELECT f.\"Field\", f.\"PermissionsRead\", f.\"PermissionsEdit\" \
            FROM {field_permissions} f JOIN {assignments} a ON a.\"PermissionSetId\" = f.\"ParentId\" \
            WHERE a.\"AssigneeId\" = ? AND a.\"IsDeleted\" = 0 AND f.\"IsDeleted\" = 0"
        );
        let mut statement = self.connection.prepare_cached(&sql).map_err(sql_error)?;
        let rows = statement
            .query_map([user.as_str()], |row| {
                let flag = |i: usize| row.get::<_, Option<bool>>(i).map(Option::unwrap_or_default);
                Ok((row.get::<_, String>(0)?, flag(1)? || flag(2)?, flag(2)?))
            })
            .map_err(sql_error)?;
        for row in rows {
            let (field, read, edit) = row.map_err(sql_error)?;
            let slot = access.fields.entry(field.to_ascii_lowercase()).or_default();
            *slot = (slot.0 || read, slot.1 || edit);
        }
        Ok(access)
    }

    /// Adds the ObjectPermissions and FieldPermissions rows of a permission set.
    pub(crate) fn insert_grants(
        &mut self,
        permission_set: &Id,
        grants: &Grants,
        stamp: &crate::store::Stamp,
    ) -> Result<(), StoreError> {
        let parent = FieldValue::Text(permission_set.to_string());
        for (object, access) in &grants.objects {
            let fields = [
                ("ParentId".to_string(), parent.clone()),
                ("SobjectType".to_string(), FieldValue::Text(object.clone())),
                ("PermissionsRead".to_string(), FieldValue::Bool(access.read)),
                ("PermissionsCreate".to_string(), FieldValue::Bool(access.create)),
                ("PermissionsEdit".to_string(), FieldValue::Bool(access.edit)),
                ("PermissionsDelete".to_string(), FieldValue::Bool(access.delete)),
            ];
            self.insert("ObjectPermissions", &fields, stamp)?;
        }
        for (field, read, edit) in &grants.fields {
            let object = field.split('.').next().unwrap_or_default().to_string();
            let fields = [
                ("ParentId".to_string(), parent.clone()),
                ("SobjectType".to_string(), FieldValue::Text(object)),
                ("Field".to_string(), FieldValue::Text(field.clone())),
                ("PermissionsRead".to_string(), FieldValue::Bool(*read)),
                ("PermissionsEdit".to_string(), FieldValue::Bool(*edit)),
            ];
            self.insert("FieldPermissions", &fields, stamp)?;
        }
        Ok(())
    }
}
