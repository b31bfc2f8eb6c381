//! `apex creds explain NAME`: the chain a callout through a Named Credential takes, step by
//! step, without sending it: the final URL, the External Credential and the principal the
//! running user gets, how the Authorization header is made and which secrets it uses (masked).

use super::target;
use super::Context;
use apex_credentials::{AuthPlan, CallingUser, Resolved, Secrets, Via};
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The Named Credential, an External Service registration (`Registration` or
    /// `Registration.operation`), which names its Named Credential, or an absolute URL
    /// (`https://host/path`) to check against the Remote Site Settings.
    pub name: String,
    /// The path of the sample callout (`/services/data/v60.0/limits`).
    #[arg(long, default_value = "")]
    pub path: String,
    #[command(flatten)]
    pub callouts: crate::callouts::CalloutArgs,
}

pub fn run(context: &Context, args: &ExplainArgs, out: &mut dyn Write) -> Result<(), String> {
    let credentials = context.credentials();
    let mut user = apex_runtime::RunningUser::default();
    let calling = crate::callouts::calling_user(&context.files, &args.callouts, &mut user)?;
    if args.name.contains("://") {
        absolute(&credentials, &format!("{}{}", args.name, args.path), &calling, out);
        return Ok(());
    }
    let secrets = context.secrets(args.callouts.secrets.as_ref())?;
    let (name, path) = match super::external::route(context, &args.name, out) {
        Some((named, operation_path)) => (named, format!("{operation_path}{}", args.path)),
        None => (args.name.clone(), args.path.clone()),
    };
    let endpoint = format!("callout:{name}{path}");
    let _ = writeln!(out, "{endpoint}");
    let _ = writeln!(out, "  running user's permission sets: {}", super::listed(&calling.permission_sets, "none"));
    let resolved = match credentials.resolve(&endpoint, &calling) {
        Ok(resolved) => resolved,
        Err(refused) => {
            let _ = writeln!(out, "  stops: System.CalloutException: {}", refused.message);
            for line in super::fixes::unresolved(&credentials, &name, &calling) {
                let _ = writeln!(out, "  fix: {line}");
            }
            if !args.callouts.live && credentials.named(&name).is_none() {
                target_apps(context, args, out);
            }
            return Ok(());
        }
    };
    chain(&credentials, &resolved, &secrets, out);
    let browser = resolved.named().and_then(|route| match &route.plan {
        AuthPlan::OAuthBrowser(flow) => Some(flow),
        _ => None,
    });
    if let (Some(flow), false) = (browser, args.callouts.live) {
        let apps = target_apps(context, args, out);
        if let Some(stop) = target::authenticate(flow, &apps, out) {
            for line in stop {
                let _ = writeln!(out, "  {line}");
            }
            return Ok(());
        }
        let _ = writeln!(out, "  ready to send offline");
    }
    if let Some(stop) = resolved.named().and_then(|route| super::fixes::signing_key_missing(route, &secrets)) {
        for line in stop {
            let _ = writeln!(out, "  {line}");
        }
        return Ok(());
    }
    match credentials.check_principal(&resolved, &secrets) {
        Ok(()) => {
            let _ = writeln!(out, "  ready to send{}", if browser.is_some() { " live" } else { "" });
        }
        Err(refused) => {
            let label = if browser.is_some() { "stops (live)" } else { "stops" };
            let _ = writeln!(out, "  {label}: System.CalloutException: {}", refused.message);
            for line in super::fixes::unconfigured(&resolved, &name) {
                let _ = writeln!(out, "  fix: {line}");
            }
        }
    }
    Ok(())
}

/// The emulated target org's Connected Apps, with the line that names them.
fn target_apps(context: &Context, args: &ExplainArgs, out: &mut dyn Write) -> Vec<apex_org::ConnectedApp> {
    let dir = crate::callouts::target_org_dir(&context.files, &args.callouts);
    let shown = crate::callouts::target_org_shown(&context.files, &args.callouts);
    target::apps(dir.as_deref(), shown.as_deref(), out)
}

/// An absolute URL: the Remote Site Setting that allows it, or the platform's refusal and
/// what would let it through.
fn absolute(credentials: &apex_credentials::Credentials, url: &str, calling: &CallingUser, out: &mut dyn Write) {
    let _ = writeln!(out, "{url}");
    match credentials.resolve(url, calling) {
        Ok(Resolved { via: Via::RemoteSite(site), .. }) => {
            let _ = writeln!(out, "  allowed by the Remote Site Setting {} ({})", site.name, site.url);
            let _ = writeln!(out, "  no credentials: the request goes as Apex builds it");
            let _ = writeln!(out, "  ready to send");
        }
        Ok(_) => {}
        Err(refused) => {
            let _ = writeln!(out, "  stops: System.CalloutException: {}", refused.message);
            for line in super::fixes::remote_site(credentials, url) {
                let _ = writeln!(out, "  fix: {line}");
            }
        }
    }
}

fn chain(
    credentials: &apex_credentials::Credentials,
    resolved: &Resolved<'_>,
    secrets: &dyn Secrets,
    out: &mut dyn Write,
) {
    let Some(route) = resolved.named() else {
        return;
    };
    let named = route.named;
    let _ = writeln!(out, "  named credential {} ({:?}, callouts {:?})", named.name, named.kind, route.callout_status);
    let _ = writeln!(out, "  URL {}", resolved.url);
    for warning in &resolved.warnings {
        let _ = writeln!(out, "  warning: {warning}");
    }
    if let (Some(external), Some(principal)) = (route.external, &route.principal) {
        let _ = writeln!(out, "  external credential {} ({})", external.name, external.protocol_name());
        let sequence = principal.sequence.map(|s| format!(", sequence {s}")).unwrap_or_default();
        let granted_by: Vec<&str> = credentials.granting_permission_sets(&external.name, &principal.name);
        let _ = writeln!(
            out,
            "  principal {} ({:?}{sequence}), granted by {}",
            principal.name,
            principal.kind,
            super::listed(&granted_by, "no permission set")
        );
    }
    if let AuthPlan::OAuthBrowser(flow) = &route.plan {
        let provider = flow.auth_provider_name.as_deref().unwrap_or("?");
        let key = flow.consumer_key().unwrap_or("(none)");
        let secret = if secrets.auth_provider_secret(provider).is_some() { "stored" } else { "not stored" };
        let _ = writeln!(out, "  auth provider {provider}: consumer key {key}, consumer secret {secret}");
    }
    let _ =
        writeln!(out, "  authorization: {}", authorization(&route.plan, route.options.generate_authorization_header));
    let (credential, principal) = route.secret_scope();
    for name in NAMES {
        if secrets.get(credential, principal, name).is_some_and(|v| !v.is_empty()) {
            let _ = writeln!(out, "  secret {name} = ****");
        }
    }
    for header in &route.headers {
        let _ = writeln!(out, "  custom header {} = formula {:?} ({:?})", header.name, header.formula, header.source);
    }
    for line in super::fixes::formula_parameters(route, secrets) {
        let _ = writeln!(out, "  {line}");
    }
    let options = route.options;
    let _ = writeln!(
        out,
        "  merge fields: headers {}, body {}",
        if options.allow_merge_fields_in_header { "on" } else { "off" },
        if options.allow_merge_fields_in_body { "on" } else { "off" }
    );
}

/// The parameters worth showing as present (never their values).
const NAMES: &[&str] = &[
    "Username",
    "Password",
    "clientId",
    "clientSecret",
    "OAuthToken",
    "RefreshToken",
    "PrivateKey",
    "awsAccessKeyId",
    "awsSecretAccessKey",
];

fn authorization(plan: &AuthPlan<'_>, generated: bool) -> String {
    if !generated {
        return "not generated (generateAuthorizationHeader is off)".into();
    }
    match plan {
        AuthPlan::None | AuthPlan::Custom => "none generated; custom headers carry any".into(),
        AuthPlan::Basic => "Basic base64(Username:Password)".into(),
        AuthPlan::OAuthBrowser(flow) => format!(
            "Bearer <OAuthToken>, refreshed with RefreshToken at {} (Auth Provider {})",
            flow.token_url().unwrap_or(apex_credentials::SALESFORCE_TOKEN_URL),
            flow.auth_provider_name.as_deref().unwrap_or("?")
        ),
        AuthPlan::OAuthClientCredentials(cc) => {
            format!("Bearer <token from the client_credentials grant at {}>", cc.token_url)
        }
        AuthPlan::OAuthJwtBearer(grant) => format!("Bearer <token from the JWT bearer grant at {}>", grant.token_url),
        AuthPlan::Jwt(_) => "Bearer <a JWT minted for each callout>".into(),
        AuthPlan::AwsSv4(aws) if aws.variant == apex_credentials::AwsVariant::IamUser => {
            "AWS4-HMAC-SHA256 signature with awsAccessKeyId/awsSecretAccessKey".into()
        }
        AuthPlan::AwsSv4(_) => "AWS STS or Roles Anywhere (not supported yet)".into(),
        AuthPlan::OAuthClientCredentialsJwt(_) => "client credentials with a JWT assertion (not supported yet)".into(),
        AuthPlan::JwtExchange { .. } => "the legacy JWT exchange (not supported yet)".into(),
    }
}
