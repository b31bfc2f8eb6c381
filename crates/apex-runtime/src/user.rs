//! The running user and their org, as `UserInfo` and `Url.getOrgDomainUrl()` report them. A
//! host supplies it; the defaults describe a made-up local org so output is reproducible.

/// Who runs the transaction, and in which org.
#[derive(Clone, Debug, PartialEq)]
pub struct RunningUser {
    pub user_id: String,
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organization_id: String,
    pub organization_name: String,
    pub profile_id: String,
    pub user_type: String,
    pub locale: String,
    pub language: String,
    pub time_zone: String,
    pub default_currency: String,
    pub session_id: Option<String>,
    /// `https://` plus the org's My Domain host, without a trailing slash.
    pub org_domain_url: String,
}

impl Default for RunningUser {
    fn default() -> RunningUser {
        RunningUser {
            user_id: "005000000000001AAA".into(),
            user_name: "runner@apex.local".into(),
            first_name: "Apex".into(),
            last_name: "Runner".into(),
            email: "runner@apex.local".into(),
            organization_id: "00D000000000001EAA".into(),
            organization_name: "Apex Local".into(),
            profile_id: "00e000000000001AAA".into(),
            user_type: "Standard".into(),
            locale: "en_US".into(),
            language: "en_US".into(),
            time_zone: "GMT".into(),
            default_currency: "USD".into(),
            session_id: None,
            org_domain_url: "https://apex-local.my.salesforce.com".into(),
        }
    }
}

/// The names `set` accepts, as `UserInfo` methods spell them without `get`.
pub const FIELDS: &[&str] = &[
    "userId",
    "userName",
    "firstName",
    "lastName",
    "userEmail",
    "organizationId",
    "organizationName",
    "profileId",
    "userType",
    "defaultCurrency",
    "sessionId",
    "orgDomainUrl",
];

impl RunningUser {
    /// Sets one field by name (case-insensitive, as in `FIELDS`); an unknown name or an
    /// invalid value is an error that says which.
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), String> {
        let slot = match field.to_ascii_lowercase().as_str() {
            "userid" => return self.set_id("userId", value, "005", |u| &mut u.user_id),
            "organizationid" => return self.set_id("organizationId", value, "00D", |u| &mut u.organization_id),
            "profileid" => return self.set_id("profileId", value, "00e", |u| &mut u.profile_id),
            "username" => &mut self.user_name,
            "firstname" => &mut self.first_name,
            "lastname" => &mut self.last_name,
            "useremail" | "email" => &mut self.email,
            "organizationname" => &mut self.organization_name,
            "usertype" => &mut self.user_type,
            "defaultcurrency" => &mut self.default_currency,
            // Dates are formatted in GMT and en_US whatever these say, so they stay fixed.
            "locale" | "language" | "timezone" => {
                return Err(format!("{field} cannot be set yet: dates are always formatted for en_US in GMT"))
            }
            "sessionid" => {
                self.session_id = Some(value.to_string());
                return Ok(());
            }
            "orgdomainurl" => {
                if !value.starts_with("https://") && !value.starts_with("http://") {
                    return Err(format!("orgDomainUrl must start with https:// (got {value})"));
                }
                self.org_domain_url = value.trim_end_matches('/').to_string();
                return Ok(());
            }
            _ => return Err(format!("unknown user field {field}; known: {}", FIELDS.join(", "))),
        };
        *slot = value.to_string();
        Ok(())
    }

    fn set_id(
        &mut self,
        name: &str,
        value: &str,
        prefix: &str,
        slot: impl FnOnce(&mut RunningUser) -> &mut String,
    ) -> Result<(), String> {
        let id =
            crate::eval::to_id(value).map_err(|_| format!("{name} must be a 15- or 18-character Id (got {value})"))?;
        if !id.starts_with(prefix) {
            return Err(format!("{name} must start with {prefix} (got {value})"));
        }
        *slot(self) = id.to_string();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_set_by_name_and_ids_are_checked() {
        let mut user = RunningUser::default();
        user.set("USERNAME", "ada@example.com").unwrap();
        assert_eq!(user.user_name, "ada@example.com");
        user.set("userId", "005000000000009").unwrap();
        assert_eq!(user.user_id.len(), 18);
        assert!(user.set("userId", "001000000000009").unwrap_err().contains("must start with 005"));
        assert!(user.set("nickname", "x").unwrap_err().starts_with("unknown user field nickname"));
        assert!(user.set("timeZone", "Europe/Paris").unwrap_err().contains("cannot be set yet"));
        user.set("orgDomainUrl", "https://acme.my.salesforce.com/").unwrap();
        assert_eq!(user.org_domain_url, "https://acme.my.salesforce.com");
    }
}
