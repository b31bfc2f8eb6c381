//! How to mend the first broken link of a callout's chain, in Setup terms and in the
//! project's metadata, for `apex creds explain`.

use apex_credentials::{AuthPlan, CallingUser, Credentials, NamedRoute, Resolved, Secrets};

/// Why `callout:name` does not resolve for `user`, and what to change.
pub fn unresolved(credentials: &Credentials, name: &str, user: &CallingUser) -> Vec<String> {
    let Some(named) = credentials.named(name) else {
        let known: Vec<&str> = credentials.named_credentials().iter().map(|n| n.name.as_str()).collect();
        let mut lines = vec![
            format!(
                "Setup > Named Credentials: create {name}, or call one that exists ({})",
                super::listed(&known, "the project has none")
            ),
            format!("metadata: force-app/main/default/namedCredentials/{name}.namedCredential-meta.xml"),
        ];
        lines.extend(unused_pieces(credentials));
        return lines;
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

/// The External Credentials no Named Credential uses and the Auth Providers no credential
/// uses: the pieces a half-built chain already has, and where each goes next.
fn unused_pieces(credentials: &Credentials) -> Vec<String> {
    let named = credentials.named_credentials();
    let externals = credentials.external_credentials();
    let mut lines = Vec::new();
    for external in externals {
        let used = named
            .iter()
            .any(|n| n.external_credential.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&external.name)));
        if used {
            continue;
        }
        let principals: Vec<String> = external
            .principals
            .iter()
            .map(|p| {
                let granted_by = credentials.granting_permission_sets(&external.name, &p.name);
                format!("{} granted by {}", p.name, super::listed(&granted_by, "no permission set"))
            })
            .collect();
        lines.push(format!(
            "the project has the External Credential {} (principals: {}), which no Named Credential uses: in the new Named Credential, set External Credential to {}; metadata: a namedCredentialParameters entry of parameterType Authentication with <externalCredential>{}</externalCredential>",
            external.name,
            super::listed(&principals, "none"),
            external.name,
            external.name
        ));
    }
    for provider in credentials.auth_providers() {
        let by_external = externals
            .iter()
            .any(|e| e.auth_provider.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(&provider.name)));
        let by_legacy = named.iter().any(|n| {
            n.legacy
                .as_ref()
                .and_then(|l| l.auth_provider.as_deref())
                .is_some_and(|p| p.eq_ignore_ascii_case(&provider.name))
        });
        if by_external || by_legacy {
            continue;
        }
        lines.push(format!(
            "the project has the Auth Provider {} (consumer key {}), which no External Credential uses: Setup > Named Credentials > External Credentials > New, Authentication Protocol OAuth 2.0, Authentication Flow Type Browser Flow, Identity Provider {}; metadata: an externalCredentials/*.externalCredential-meta.xml with an AuthProvider parameter naming it, and a principal",
            provider.name,
            provider.consumer_key.as_deref().unwrap_or("(none)"),
            provider.name
        ));
    }
    if externals.is_empty() && credentials.auth_providers().is_empty() {
        lines.push("the project has no Auth Provider or External Credential yet: the chain is Connected App (in the target org) > Auth Provider > External Credential with a principal and a permission set granting it > Named Credential".into());
    }
    lines
}

/// What would let an absolute URL through: a Remote Site Setting for its origin, or a Named
/// Credential that already points there.
pub fn remote_site(credentials: &Credentials, url: &str) -> Vec<String> {
    let origin = origin_of(url);
    let mut lines = vec![
        format!("Setup > Security > Remote Site Settings > New Remote Site: Remote Site URL {origin}"),
        format!("metadata: force-app/main/default/remoteSiteSettings/(Name).remoteSite-meta.xml with <url>{origin}</url> and <isActive>true</isActive>"),
    ];
    let path = url.get(origin.len()..).unwrap_or_default();
    for named in credentials.named_credentials() {
        if origin_of(&named.url).eq_ignore_ascii_case(&origin) {
            lines.push(format!(
                "or call through the Named Credential {0}: callout:{0}{path} needs no Remote Site Setting, and it authenticates the request",
                named.name
            ));
        }
    }
    lines
}

/// `scheme://host[:port]` of an absolute URL.
fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{authority}")
}

/// For a plan that signs JWTs: the stop and its fixes when no private key is stored for the
/// signing certificate (nor for the principal), since the callout then fails with
/// "The external credential isn't fully configured.".
pub fn signing_key_missing(route: &NamedRoute<'_>, secrets: &dyn Secrets) -> Option<Vec<String>> {
    let certificate = match &route.plan {
        AuthPlan::OAuthJwtBearer(grant) | AuthPlan::OAuthClientCredentialsJwt(grant) => &grant.signing_certificate,
        AuthPlan::Jwt(mint) | AuthPlan::JwtExchange { jwt: mint, .. } => &mint.signing_certificate,
        _ => return None,
    };
    let (credential, principal) = route.secret_scope();
    let stored = |c: &str, p: &str| secrets.get(c, p, "PrivateKey").is_some_and(|v| !v.is_empty());
    let of_certificate = certificate.as_deref().is_some_and(|c| stored(c, "Certificate"));
    if of_certificate || stored(credential, principal) {
        return None;
    }
    let (target, setup) = match certificate {
        Some(name) => (
            format!("{name}/Certificate"),
            format!("Setup > Certificate and Key Management: the certificate {name}, with its private key"),
        ),
        None => (
            format!("{credential}/{principal}"),
            format!("Setup > External Credentials > {credential}: a Signing Certificate"),
        ),
    };
    Some(vec![
        "stops: System.CalloutException: The external credential isn't fully configured.".into(),
        format!("fix: no private key stored to sign the JWT: apex creds set {target} PrivateKey < key.pem   ({setup})"),
    ])
}

/// The principal parameters the custom header formulas read (`$Credential.<EC>.<name>`),
/// whether each is stored, and how to store a missing one (its value would be empty).
pub fn formula_parameters(route: &NamedRoute<'_>, secrets: &dyn Secrets) -> Vec<String> {
    let Some(external) = route.external else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for header in &route.headers {
        for name in credential_fields(&header.formula, &external.name) {
            if !names.iter().any(|n| n == &name) {
                names.push(name);
            }
        }
    }
    let (credential, principal) = route.secret_scope();
    names
        .iter()
        .map(|name| match secrets.get(credential, principal, name).is_some_and(|v| !v.is_empty()) {
            true => format!("parameter {name}: stored"),
            false => format!(
                "parameter {name}: not stored, so the formula reads it as empty; fix: apex creds set {credential}/{principal} {name}   (Setup > External Credentials > {credential} > Principals > Edit > Authentication Parameters)"
            ),
        })
        .collect()
}

/// The names after `$Credential.<external>.` in a formula.
fn credential_fields(formula: &str, external: &str) -> Vec<String> {
    let prefix = format!("$credential.{}.", external.to_ascii_lowercase());
    let lower = formula.to_ascii_lowercase();
    let mut fields = Vec::new();
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(&prefix)) {
        let start = from + found + prefix.len();
        let name: String = formula
            .get(start..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            fields.push(name);
        }
        from = start;
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_fields_are_the_names_after_the_credential_in_any_case() {
        let formula = "Basic {!BASE64ENCODE(BLOB($Credential.Httpbin_Basic.Username & ':' & $credential.HTTPBIN_BASIC.Password))}";
        assert_eq!(credential_fields(formula, "Httpbin_Basic"), ["Username", "Password"]);
        assert!(credential_fields("{!$Credential.Other.apiKey}", "Httpbin_Basic").is_empty());
        assert!(credential_fields("{!$Credential.Httpbin_Basic.}", "Httpbin_Basic").is_empty());
    }

    #[test]
    fn an_origin_keeps_the_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://target-org.my.salesforce.com/services/data"),
            "https://target-org.my.salesforce.com"
        );
        assert_eq!(origin_of("http://127.0.0.1:8787?x=1"), "http://127.0.0.1:8787");
        assert_eq!(origin_of("not a url"), "not a url");
        let lines = remote_site(&Credentials::default(), "https://api.example.com/v1/x");
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].ends_with("Remote Site URL https://api.example.com"), "{lines:?}");
    }
}
