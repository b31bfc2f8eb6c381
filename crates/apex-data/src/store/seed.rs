//! The records every org has before anyone inserts one: the organization, the standard
//! profiles, the project's permission sets with what they grant, and the running user (a System Administrator), so that `Owner.Name`,
//! `CreatedBy.Name` and `[SELECT Id FROM Profile WHERE Name = 'Standard User']` find them.

use super::{FieldValue, Stamp, Store, StoreError};
use crate::ids::Id;

/// Who and what the org is.
pub struct OrgSeed<'a> {
    pub org_id: &'a Id,
    pub org_name: &'a str,
    pub user_id: &'a Id,
    pub username: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    /// The running user's profile, which is the System Administrator profile.
    pub profile_id: &'a Id,
    pub time_zone: &'a str,
    pub locale: &'a str,
    pub language: &'a str,
    /// When the org's records were created, ISO 8601.
    pub now: &'a str,
}

/// The standard profiles after System Administrator, with their user license type.
const OTHER_PROFILES: &[(&str, &str)] = &[
    ("Standard User", "Standard"),
    ("Minimum Access - Salesforce", "Standard"),
    ("Read Only", "Standard"),
    ("Marketing User", "Standard"),
    ("Contract Manager", "Standard"),
    ("Chatter Free User", "CsnOnly"),
];

impl Store {
    /// Adds the org's records; a store that has this organization already is left alone.
    pub fn seed_org(&mut self, seed: &OrgSeed) -> Result<(), StoreError> {
        if self.get("Organization", seed.org_id, true)?.is_some() {
            return Ok(());
        }
        let stamp = Stamp { user: seed.user_id, now: seed.now };
        let text = |s: &str| FieldValue::Text(s.to_string());
        self.insert_as(
            "Organization",
            Some(seed.org_id),
            &[
                ("Name".into(), text(seed.org_name)),
                ("OrganizationType".into(), text("Developer Edition")),
                ("IsSandbox".into(), FieldValue::Bool(false)),
                ("TimeZoneSidKey".into(), text(seed.time_zone)),
                ("LanguageLocaleKey".into(), text(seed.language)),
            ],
            &stamp,
        )?;
        let admin = [("Name".into(), text("System Administrator")), ("UserType".into(), text("Standard"))];
        self.insert_as("Profile", Some(seed.profile_id), &admin, &stamp)?;
        for (name, license) in OTHER_PROFILES {
            self.insert("Profile", &[("Name".into(), text(name)), ("UserType".into(), text(license))], &stamp)?;
        }
        let alias: String =
            format!("{}{}", seed.first_name.chars().next().unwrap_or('u'), seed.last_name).chars().take(8).collect();
        let user = [
            ("Username".into(), text(seed.username)),
            ("FirstName".into(), text(seed.first_name)),
            ("LastName".into(), text(seed.last_name)),
            ("Email".into(), text(seed.email)),
            ("Alias".into(), text(&alias.to_ascii_lowercase())),
            ("TimeZoneSidKey".into(), text(seed.time_zone)),
            ("LocaleSidKey".into(), text(seed.locale)),
            ("EmailEncodingKey".into(), text("UTF-8")),
            ("LanguageLocaleKey".into(), text(seed.language)),
            ("ProfileId".into(), text(seed.profile_id.as_str())),
            ("IsActive".into(), FieldValue::Bool(true)),
        ];
        self.insert_as("User", Some(seed.user_id), &user, &stamp)?;
        let permission_sets = self.schema().permission_sets().to_vec();
        for (name, label) in permission_sets {
            let fields = [("Name".into(), text(&name)), ("Label".into(), text(&label))];
            let id = self.insert("PermissionSet", &fields, &stamp)?;
            if let Some(grants) = self.schema().permission_grants(&name).cloned() {
                self.insert_grants(&id, &grants, &stamp)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    #[test]
    fn the_org_starts_with_its_user_profiles_and_organization() {
        let mut store = Store::in_memory(Schema::standard()).unwrap();
        let (org, user, profile) = (
            Id::parse("00D000000000001").unwrap(),
            Id::parse("005000000000001").unwrap(),
            Id::parse("00e000000000001").unwrap(),
        );
        let seed = OrgSeed {
            org_id: &org,
            org_name: "Apex Local",
            user_id: &user,
            username: "runner@apex.local",
            first_name: "Apex",
            last_name: "Runner",
            email: "runner@apex.local",
            profile_id: &profile,
            time_zone: "GMT",
            locale: "en_US",
            language: "en_US",
            now: "2024-03-05T14:07:00.000Z",
        };
        store.seed_org(&seed).unwrap();
        let runner = store.get("User", &user, false).unwrap().unwrap();
        assert_eq!(runner.get("Name"), Some(&FieldValue::Text("Apex Runner".into())), "Name joins first and last");
        assert_eq!(runner.get("Alias"), Some(&FieldValue::Text("arunner".into())));
        let admin = store.get("Profile", &profile, false).unwrap().unwrap();
        assert_eq!(admin.get("Name"), Some(&FieldValue::Text("System Administrator".into())));
        assert!(store.get("Organization", &org, false).unwrap().is_some());
    }
}
