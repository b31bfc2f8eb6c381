//! The emulated target org's side of `apex creds explain`, offline: which Connected Apps it
//! has, and whether the Auth Provider's consumer key names one of them (the emulated org
//! authenticates a browser-flow principal through that app, as an admin's *Authenticate*
//! click would).

use apex_credentials::BrowserFlow;
use apex_org::ConnectedApp;
use std::io::Write;
use std::path::Path;

/// The Connected Apps of the target org at `dir` (`shown` as the user named it), with a line
/// saying which they are.
pub fn apps(dir: Option<&Path>, shown: Option<&str>, out: &mut dyn Write) -> Vec<ConnectedApp> {
    let Some(dir) = dir else {
        let _ = writeln!(out, "  target org (offline): a bare emulated org (no targetOrg project)");
        return crate::callouts::target_apps_default();
    };
    match crate::callouts::target_apps(dir) {
        Ok(apps) => {
            let listed: Vec<String> =
                apps.iter().map(|a| format!("{} (consumer key {})", a.name, a.consumer_key)).collect();
            let _ = writeln!(
                out,
                "  target org (offline): {}, Connected Apps {}",
                shown.map_or_else(|| dir.display().to_string(), str::to_string),
                listed.join(", ")
            );
            apps
        }
        Err(problem) => {
            let _ = writeln!(out, "  target org (offline): {problem}");
            Vec::new()
        }
    }
}

/// Whether the emulated org can authenticate `flow`'s principal: `None` when it can (and a
/// line says through which app), else the lines of the stop and its fixes.
pub fn authenticate(flow: &BrowserFlow<'_>, apps: &[ConnectedApp], out: &mut dyn Write) -> Option<Vec<String>> {
    let provider = flow.auth_provider_name.as_deref().unwrap_or("the Auth Provider");
    let key = flow.consumer_key().unwrap_or_default();
    if let Some(app) = apps.iter().find(|a| a.consumer_key == key) {
        let _ = writeln!(
            out,
            "  offline: the emulated org authenticates the principal through its Connected App {} (the admin's Authenticate click)",
            app.name
        );
        if !app.scopes.iter().any(|s| s == "refresh_token" || s == "offline_access") {
            let _ = writeln!(
                out,
                "  warning: the Connected App {0} grants no refresh_token scope: its tokens come without a refresh token, so an expired one cannot be renewed and the 401 reaches Apex; fix: in the target org, Setup > App Manager > {0} > Edit > Selected OAuth Scopes: add Perform requests at any time (refresh_token, offline_access); metadata: <scopes>RefreshToken</scopes> in its connectedApps/*.connectedApp-meta.xml",
                app.name
            );
        }
        return None;
    }
    let names: Vec<&str> = apps.iter().map(|a| a.name.as_str()).collect();
    Some(vec![
        format!("stops (offline): the target org has no Connected App with consumer key {key:?}: authenticating the principal fails (invalid_client_id: client identifier invalid), so the callout fails with System.CalloutException: The external credential isn't fully configured."),
        format!("fix: in the target org, Setup > App Manager > (the app) > View > Manage Consumer Details: copy its Consumer Key (the target org has {})", super::listed(&names, "no Connected App")),
        format!("fix: Setup > Auth. Providers > {provider} > Edit: paste it as Consumer Key; metadata: <consumerKey> in force-app/main/default/authproviders/{provider}.authprovider-meta.xml"),
    ])
}
