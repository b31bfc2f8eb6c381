//! The running user from an `sf org create user` definition file: who they are (UserInfo) and
//! the permission sets that grant External Credential principals.

use apex_runtime::RunningUser;
use serde::Deserialize;
use std::path::Path;

/// The fields of a user definition this tool reads; others are ignored.
#[derive(Debug, Default, Deserialize)]
struct Definition {
    #[serde(default, alias = "username")]
    #[serde(rename = "Username")]
    username: Option<String>,
    #[serde(default, rename = "FirstName", alias = "firstName")]
    first_name: Option<String>,
    #[serde(default, rename = "LastName", alias = "lastName")]
    last_name: Option<String>,
    #[serde(default, rename = "Email", alias = "email")]
    email: Option<String>,
    #[serde(default, alias = "permSets", alias = "permissionSets")]
    permsets: Vec<String>,
}

/// Reads the definition at `path`, sets the user's name and email on `user` and returns the
/// permission sets it assigns.
pub fn apply(path: &Path, user: &mut RunningUser) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--user-def {}: {e}", path.display()))?;
    apply_text(&text, user).map_err(|e| format!("--user-def {}: {e}", path.display()))
}

fn apply_text(text: &str, user: &mut RunningUser) -> Result<Vec<String>, String> {
    let definition: Definition = serde_json::from_str(text).map_err(|e| format!("not a user definition: {e}"))?;
    if let Some(username) = definition.username {
        user.user_name = username;
    }
    if let Some(first) = definition.first_name {
        user.first_name = first;
    }
    if let Some(last) = definition.last_name {
        user.last_name = last;
    }
    if let Some(email) = definition.email {
        user.email = email;
    }
    Ok(definition.permsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_names_the_user_and_their_permission_sets() {
        let mut user = RunningUser::default();
        let text = r#"{"Username": "integ@example.com", "LastName": "Integration", "Email": "i@example.com",
            "profileName": "Standard User", "permsets": ["Target_Org_Access", "Billing"]}"#;
        let permsets = apply_text(text, &mut user).unwrap();
        assert_eq!(permsets, ["Target_Org_Access", "Billing"]);
        assert_eq!(user.user_name, "integ@example.com");
        assert_eq!(user.last_name, "Integration");
        assert_eq!(user.first_name, "Apex", "fields the file leaves out keep their default");
    }

    #[test]
    fn a_file_that_is_not_json_says_so() {
        let refused = apply_text("permsets: [x]", &mut RunningUser::default()).unwrap_err();
        assert!(refused.starts_with("not a user definition: "), "{refused}");
    }
}
