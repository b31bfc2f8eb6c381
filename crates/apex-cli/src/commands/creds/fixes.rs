//! How to mend the first broken link of a callout's chain, in Setup terms and in the
//! project's metadata, for `apex creds explain`.

use apex_credentials::{AuthPlan, CallingUser, Credentials, Resolved};

/// Why `callout:name` does not resolve for `user`, and what to change.
pub fn unresolved(credentials: &Credentials, name: &str, user: &CallingUser) -> Vec<String> {
    let Some(named) = credentials.named(name) else {
        let known: Vec<&str> = credentials.named_credentials().iter().map(|n| n.name.as_str()).collect();
        return vec![
            format!(
                "Setup > Named Credentials: create {name}, or call one that exists ({})",
                super::listed(&known, "the project has none")
            ),
            format!("metadata: force-app/main/default/namedCredentials/{name}.namedCredential-meta.xml"),
        ];
    };
    let Some(external_name) = &named.external_credential else {
        return vec![format!(
            "Setup > Named Credentials > {}: check that callouts are enabled (calloutStatus)",
            named.name
        )];
    };
    let Some(external) = credentials.external(external_name) else {
        return vec![
            format!("Setup > Named Credentials > External Credentials: create {external_name}"),
            format!("metadata: force-app/main/default/externalCredentials/{external_name}.externalCredential-meta.xml"),
        ];
    };
    if external.principals.is_empty() {
        return vec![format!(
            "Setup > External Credentials > {}: add a principal (Named Principal, sequence 1)",
            external.name
        )];
    }
    let granting: Vec<String> = credentials
        .grants()
        .iter()
        .filter(|g| g.enabled && g.external_credential.eq_ignore_ascii_case(&external.name))
        .map(|g| g.permission_set.clone())
        .collect();
    let principal = &external.principals[0].name;
    if granting.is_empty() {
        return vec![
            format!("Setup > Permission Sets > (a permission set) > External Credential Principal Access: add {}-{principal}", external.name),
            format!(
                "metadata: <externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>{}-{principal}</externalCredentialPrincipal></externalCredentialPrincipalAccesses> in a permissionsets/*.permissionset-meta.xml",
                external.name
            ),
        ];
    }
    let held = if user.permission_sets.is_empty() { "none".to_string() } else { user.permission_sets.join(", ") };
    vec![
        format!(
            "assign the running user a permission set granting a principal of {}: {} (the user has: {held})",
            external.name,
            granting.join(", ")
        ),
        format!("here: --permset {}, or add it to `permsets` in the user definition (--user-def)", granting[0]),
    ]
}

/// What the chosen principal lacks for its protocol, and how to give it.
pub fn unconfigured(resolved: &Resolved<'_>, name: &str) -> Vec<String> {
    let Some(route) = resolved.named() else {
        return Vec::new();
    };
    let (credential, principal) = route.secret_scope();
    let target = if principal.is_empty() { credential.to_string() } else { format!("{credential}/{principal}") };
    let set = |parameter: &str| {
        format!(
            "apex creds set {target} {parameter}   (Setup > External Credentials > {credential} > Principals > Edit)"
        )
    };
    match &route.plan {
        AuthPlan::Basic => vec![set("Username"), set("Password")],
        AuthPlan::OAuthBrowser(flow) => {
            let provider = flow.auth_provider_name.as_deref().unwrap_or("the Auth Provider");
            vec![
                format!("apex creds login {name} --live   (Setup > External Credentials > {credential} > Principals > Authenticate)"),
                format!("it needs the Auth Provider's secret: apex creds set {provider}/AuthProvider ConsumerSecret"),
            ]
        }
        AuthPlan::OAuthClientCredentials(_) => vec![set("clientId"), set("clientSecret")],
        AuthPlan::AwsSv4(_) => vec![set("awsAccessKeyId"), set("awsSecretAccessKey")],
        _ => vec![format!(
            "Setup > External Credentials > {credential} > Principals: enter the authentication parameters"
        )],
    }
}
