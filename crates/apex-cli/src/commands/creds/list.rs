//! `apex creds list`: each Named Credential, its External Credential and principals, which
//! secrets each principal has stored (names only), and whether the running user can call out
//! through it — with the platform's own message when not.

use super::Context;
use crate::callouts::CalloutArgs;
use apex_credentials::{AuthPlan, CallingUser, Credentials, NamedCredential, Secrets};
use std::io::Write;

pub fn run(context: &Context, args: &CalloutArgs, out: &mut dyn Write) -> Result<(), String> {
    let credentials = context.credentials();
    let mut user = apex_runtime::RunningUser::default();
    let calling = crate::callouts::calling_user(&context.files, args, &mut user)?;
    let secrets = context.secrets(args.secrets.as_ref())?;
    if credentials.named_credentials().is_empty() {
        let _ = writeln!(out, "no Named Credentials in this project");
    }
    for named in credentials.named_credentials() {
        let _ = writeln!(out, "{}  {}", named.name, named.url);
        describe_credential(&credentials, named, &calling, &secrets, out);
        let _ = writeln!(out, "  running user: {}", verdict(&credentials, named, &calling, &secrets, args.live));
    }
    Ok(())
}

fn describe_credential(
    credentials: &Credentials,
    named: &NamedCredential,
    calling: &CallingUser,
    secrets: &apex_callout::secrets::SecretStore,
    out: &mut dyn Write,
) {
    let Some(external_name) = &named.external_credential else {
        let stored = secrets.names(&named.name, "");
        let _ = writeln!(out, "  legacy named credential; stored: {}", super::listed(&stored, "nothing"));
        return;
    };
    let Some(external) = credentials.external(external_name) else {
        let _ = writeln!(out, "  external credential {external_name}: not in the project");
        return;
    };
    let provider = external.auth_provider.as_deref().map(|p| format!(", Auth Provider {p}")).unwrap_or_default();
    let _ = writeln!(out, "  external credential {} ({}){provider}", external.name, external.protocol_name());
    for principal in &external.principals {
        let granted_by: Vec<&str> = credentials.granting_permission_sets(&external.name, &principal.name);
        let sequence = principal.sequence.map(|s| format!(", sequence {s}")).unwrap_or_default();
        let mine = if credentials.is_granted(calling, &external.name, &principal.name) { " (yours)" } else { "" };
        let _ = writeln!(
            out,
            "  principal {} ({:?}{sequence}){mine}: granted by {}; stored: {}",
            principal.name,
            principal.kind,
            super::listed(&granted_by, "nothing"),
            super::listed(&secrets.names(&external.name, &principal.name), "nothing")
        );
    }
}

/// Whether the running user can call out through `named`, or the message they would get.
fn verdict(
    credentials: &Credentials,
    named: &NamedCredential,
    calling: &CallingUser,
    secrets: &dyn Secrets,
    live: bool,
) -> String {
    let resolved = match credentials.resolve(&format!("callout:{}", named.name), calling) {
        Ok(resolved) => resolved,
        Err(refused) => return format!("cannot call out: {}", refused.message),
    };
    let principal = resolved.named().and_then(|r| r.principal.as_ref()).map(|p| p.name.clone());
    let as_whom = principal.map(|p| format!(" as {p}")).unwrap_or_default();
    match credentials.check_principal(&resolved, secrets) {
        Ok(()) => format!("can call out{as_whom}"),
        Err(_) if !live && matches!(resolved.named().map(|r| &r.plan), Some(AuthPlan::OAuthBrowser(_))) => {
            format!("can call out{as_whom} offline (the emulated org authenticates it); live it needs `apex creds login {} --live`", named.name)
        }
        Err(refused) => format!("cannot call out: {}", refused.message),
    }
}
