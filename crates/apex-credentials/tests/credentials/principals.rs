//! Principal selection (credentials.md §3.6): among the principals the user's permission sets
//! grant, the lowest sequence number wins.

use apex_credentials::PrincipalType;

use super::support::{grants, principal, secured_nc, user, Project};

/// An external credential with three principals and permission sets granting each.
fn project() -> Project {
    let external = format!(
        "    <label>Multi</label>\n    <authenticationProtocol>Basic</authenticationProtocol>\n{}{}{}{}",
        principal("Fallback", "NamedPrincipal", 30),
        principal("Admin", "NamedPrincipal", 1),
        principal("Own", "PerUserPrincipal", 10),
        "    <externalCredentialParameters>
        <parameterName>Unordered</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
",
    );
    let disabled = "    <label>Disabled</label>
    <externalCredentialPrincipalAccesses>
        <enabled>false</enabled>
        <externalCredentialPrincipal>Multi-Admin</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
";
    Project::new()
        .external("Multi", &external)
        .named("Multi_Nc", &secured_nc("Multi", "https://multi.example.com", "Multi", ""))
        .permission_set("Everyone", &grants("Everyone", &["Multi-Fallback", "Multi-Unordered"]))
        .permission_set("Admins", &grants("Admins", &["Multi-Admin"]))
        .permission_set("Self_Service", &grants("Self", &["Multi-Own"]))
        .permission_set("Disabled_Admins", disabled)
        .permission_set("Only_Unordered", &grants("Unordered", &["multi-unordered"]))
}

fn chosen(permission_sets: &[&str]) -> (String, PrincipalType) {
    let credentials = project().credentials();
    let resolved = credentials.resolve("callout:Multi_Nc", &user(permission_sets)).unwrap();
    let principal = resolved.named().unwrap().principal.clone().unwrap();
    (principal.name, principal.kind)
}

#[test]
fn the_lowest_sequence_number_among_granted_principals_wins() {
    assert_eq!(chosen(&["Everyone"]), ("Fallback".into(), PrincipalType::NamedPrincipal));
    assert_eq!(chosen(&["Everyone", "Self_Service"]), ("Own".into(), PrincipalType::PerUserPrincipal));
    assert_eq!(chosen(&["Self_Service", "Admins", "Everyone"]), ("Admin".into(), PrincipalType::NamedPrincipal));
}

#[test]
fn permission_set_names_ignore_case() {
    assert_eq!(chosen(&["ADMINS"]), ("Admin".into(), PrincipalType::NamedPrincipal));
}

#[test]
fn disabled_grants_do_not_count() {
    assert_eq!(chosen(&["Disabled_Admins", "Everyone"]), ("Fallback".into(), PrincipalType::NamedPrincipal));
    let credentials = project().credentials();
    let error = credentials.resolve("callout:Multi_Nc", &user(&["Disabled_Admins"])).unwrap_err();
    assert_eq!(
        error.message,
        "We couldn't access the credential(s). You might not have the required permissions, \
         or the external credential \"Multi\" might not exist."
    );
}

#[test]
fn a_principal_without_a_sequence_number_comes_last() {
    assert_eq!(chosen(&["Only_Unordered"]), ("Unordered".into(), PrincipalType::NamedPrincipal));
    let credentials = project().credentials();
    let external = credentials.external("multi").unwrap();
    let order: Vec<&str> = credentials
        .granted_principals(external, &user(&["Everyone", "Admins"]))
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(order, ["Admin", "Fallback", "Unordered"]);
}

#[test]
fn secrets_are_looked_up_under_the_chosen_principal() {
    let credentials = project().credentials();
    let resolved = credentials.resolve("callout:Multi_Nc", &user(&["Admins", "Everyone"])).unwrap();
    let mut secrets = apex_credentials::SecretMap::new();
    secrets.insert("Multi", "Fallback", "Username", "u").insert("Multi", "Fallback", "Password", "p");
    assert!(credentials.check_principal(&resolved, &secrets).is_err(), "Admin wins, and Admin has no secrets");
    secrets.insert("Multi", "Admin", "Username", "u").insert("Multi", "Admin", "Password", "p");
    assert!(credentials.check_principal(&resolved, &secrets).is_ok());
}
