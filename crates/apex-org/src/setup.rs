//! Making an org ready to serve: its store gets the organization, the standard profiles and
//! the administrator (the configuration's first login) unless it has them already.

use crate::{Org, OrgConfig};
use apex_data::{Id, OrgSeed, Store, StoreError};

/// The org's own Id, and its administrator's.
pub const ORG_ID: &str = "00D000000000001EAA";
pub const ADMIN_ID: &str = "005000000000001AAA";
const ADMIN_PROFILE_ID: &str = "00e000000000001AAA";

impl Org {
    /// An org over `store`, seeded for `config` at `now` (ISO 8601); `seed` drives its tokens.
    pub fn open(config: OrgConfig, mut store: Store, now: &str, seed: u64) -> Result<Org, StoreError> {
        let invalid = |what: &str| StoreError { code: "INVALID_ID", message: what.to_string(), fields: Vec::new() };
        let org_id = Id::parse(ORG_ID).ok_or_else(|| invalid("the org Id"))?;
        let admin = Id::parse(ADMIN_ID).ok_or_else(|| invalid("the admin Id"))?;
        let profile = Id::parse(ADMIN_PROFILE_ID).ok_or_else(|| invalid("the profile Id"))?;
        let username = config.logins.first().map_or("admin@apex.local".to_string(), |l| l.username.clone());
        store.seed_org(&OrgSeed {
            org_id: &org_id,
            org_name: "Apex Local",
            user_id: &admin,
            username: &username,
            first_name: "Org",
            last_name: "Admin",
            email: &username,
            profile_id: &profile,
            time_zone: "GMT",
            locale: "en_US",
            language: "en_US",
            now,
        })?;
        Ok(Org::new(config, store, org_id, seed))
    }
}
