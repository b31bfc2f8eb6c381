//! Wires `Http.send` to the callout service for `apex run` (and later `apex test`): the
//! project's credentials, the running user's permission sets, the secret store, and the target
//! (the emulated org in-process by default, the network with `--live`).

use crate::project_org;
use crate::workspace::ProjectFiles;
use apex_callout::secrets::{SecretStore, AUTH_PROVIDER_PRINCIPAL, CONSUMER_SECRET};
use apex_callout::service::{AuthenticateError, CalloutService, ServiceConfig};
use apex_callout::transport::{InProcess, Live, Routed, Transport, WireError, WireRequest, WireResponse};
use apex_credentials::{AuthPlan, CallingUser, MetadataText, NamedRoute};
use apex_org::{ConnectedApp, Org, OrgConfig};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Where callouts go and as whom, from the command line.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct CalloutArgs {
    /// Grant the running user this permission set (repeatable); External Credential
    /// principals are reached through permission sets.
    #[arg(long = "permset", value_name = "NAME")]
    pub permsets: Vec<String>,
    /// The running user from an `sf org create user` definition file, its `permsets` too
    /// (default: the project's plugins.apex.userDefinition).
    #[arg(long, value_name = "FILE")]
    pub user_def: Option<PathBuf>,
    /// Call out over the network instead of to the emulated org.
    #[arg(long)]
    pub live: bool,
    /// With --live, send what is addressed to one origin to another, e.g.
    /// `https://target-org.my.salesforce.com=http://127.0.0.1:8787` (repeatable).
    #[arg(long, value_name = "FROM=TO", requires = "live")]
    pub route: Vec<String>,
    /// With --live, also trust this PEM certificate (the one `apex org serve --tls` prints).
    #[arg(long, value_name = "FILE", requires = "live")]
    pub ca_cert: Vec<PathBuf>,
    /// The SFDX project of the emulated target org (Connected Apps, objects, data/*.json);
    /// default: the project's plugins.apex.targetOrg.
    #[arg(long, value_name = "DIR")]
    pub target_org: Option<PathBuf>,
    /// The secret store file (default: $APEX_SECRETS, else ~/.config/apex/secrets.json).
    #[arg(long, value_name = "FILE")]
    pub secrets: Option<PathBuf>,
    /// Offline, the emulated org ends each access token after this many REST calls (as
    /// `apex org serve --expire-after-calls`), so a run meets an expired token.
    #[arg(long, value_name = "N", conflicts_with = "live")]
    pub expire_after_calls: Option<u64>,
}

/// The consumer secret of the emulated org's default app and of project apps without one.
const EMULATED_SECRET: &str = "apex-local-secret";

/// The callout service for a run over `files`, and the running user's permission sets applied
/// to `user`.
pub fn service(
    files: &ProjectFiles,
    args: &CalloutArgs,
    user: &mut apex_runtime::RunningUser,
    env: &[(String, String)],
) -> Result<CalloutService, String> {
    let texts: Vec<MetadataText<'_>> =
        files.metadata.iter().map(|m| MetadataText { path: &m.name, suffix: &m.suffix, text: &m.text }).collect();
    // Problems in the credential files are the build's diagnostics; here they only drop a file.
    let (credentials, _) = apex_credentials::load(&texts);
    let calling = calling_user(files, args, user)?;
    // A project without Named Credentials has no secrets to read: a run that cannot call
    // through one does not touch (or depend on) the store file.
    let mut secrets = if credentials.named_credentials().is_empty() {
        SecretStore::in_memory(env)
    } else {
        secret_store(files, args, env)?
    };
    if args.live {
        let transport = live_transport(args)?;
        let config = ServiceConfig { now_ms: crate::clock::system_millis, persist_tokens: true, authenticate: None };
        return Ok(CalloutService::new(credentials, calling, secrets, Box::new(transport), config));
    }
    // Tokens in the store were issued by real orgs; the emulated one issues its own.
    secrets.use_session_tokens_only();
    let apps = Rc::new(RefCell::new(Vec::new()));
    let (target, expire_after_calls) = (target_org_dir(files, args), args.expire_after_calls);
    let known = Rc::clone(&apps);
    let build = Box::new(move || {
        let (org, found) = emulated_org(target.as_deref(), expire_after_calls)?;
        *known.borrow_mut() = found;
        Ok(InProcess { org, now_ms: crate::clock::system_millis })
    });
    let authenticate = Box::new(move |route: &NamedRoute<'_>, store: &mut SecretStore, wire: &mut dyn Transport| {
        // Making the org fills in its apps, so it comes before reading them.
        wire.prepare().map_err(AuthenticateError::Setup)?;
        let apps = apps.borrow().clone();
        authenticate(&apps, route, store, wire)
    });
    let config =
        ServiceConfig { now_ms: crate::clock::system_millis, persist_tokens: false, authenticate: Some(authenticate) };
    let transport = LazyOrg { build: Some(build), org: None };
    Ok(CalloutService::new(credentials, calling, secrets, Box::new(transport), config))
}

/// The emulated org, made on the first callout so runs that make none do not pay for it.
struct LazyOrg {
    build: Option<Box<dyn FnOnce() -> Result<InProcess, String>>>,
    org: Option<Result<InProcess, String>>,
}

impl Transport for LazyOrg {
    fn send(&mut self, request: &WireRequest) -> Result<WireResponse, WireError> {
        let _ = self.prepare();
        match self.org.as_mut() {
            Some(Ok(org)) => org.send(request),
            Some(Err(message)) => Err(WireError::Setup(message.clone())),
            None => Err(WireError::Setup("the emulated org is not available".into())),
        }
    }

    fn prepare(&mut self) -> Result<(), String> {
        if let Some(build) = self.build.take() {
            self.org = Some(build());
        }
        match &self.org {
            Some(Err(message)) => Err(message.clone()),
            _ => Ok(()),
        }
    }

    fn name(&self) -> &'static str {
        "emulated org"
    }
}

pub fn calling_user(
    files: &ProjectFiles,
    args: &CalloutArgs,
    user: &mut apex_runtime::RunningUser,
) -> Result<CallingUser, String> {
    let mut permission_sets = args.permsets.clone();
    let definition = args.user_def.clone().or_else(|| setting_path(files, files.settings.user_definition.as_deref()));
    if let Some(path) = definition {
        permission_sets.extend(crate::user_def::apply(&path, user)?);
    }
    Ok(CallingUser { permission_sets, namespace: None })
}

fn secret_store(files: &ProjectFiles, args: &CalloutArgs, env: &[(String, String)]) -> Result<SecretStore, String> {
    let path = args.secrets.clone().or_else(|| SecretStore::default_path(env));
    match (path, &files.root) {
        (Some(path), Some(root)) => SecretStore::open(&path, root, env),
        _ => Ok(SecretStore::in_memory(env)),
    }
}

/// The SFDX project of the emulated target org: `--target-org`, else the project's
/// `plugins.apex.targetOrg`.
pub fn target_org_dir(files: &ProjectFiles, args: &CalloutArgs) -> Option<PathBuf> {
    args.target_org.clone().or_else(|| setting_path(files, files.settings.target_org.as_deref()))
}

/// The target org's project as the user named it (`--target-org`, or the setting's text), for
/// messages.
pub fn target_org_shown(files: &ProjectFiles, args: &CalloutArgs) -> Option<String> {
    match &args.target_org {
        Some(dir) => Some(dir.display().to_string()),
        None => files.settings.target_org.clone(),
    }
}

/// The Connected Apps of the emulated org made from the target project at `dir`: the org's
/// default app and the project's.
pub fn target_apps(dir: &Path) -> Result<Vec<ConnectedApp>, String> {
    let mut config = OrgConfig::default();
    let project =
        project_org::load(dir, EMULATED_SECRET).map_err(|e| format!("the target org {}: {e}", dir.display()))?;
    project_org::add_apps(&mut config, &project.apps)?;
    Ok(config.apps)
}

/// The Connected Apps of a bare emulated org: its default app.
pub fn target_apps_default() -> Vec<ConnectedApp> {
    OrgConfig::default().apps
}

/// A path the project's settings give, relative to its root.
fn setting_path(files: &ProjectFiles, setting: Option<&str>) -> Option<PathBuf> {
    Some(files.root.as_ref()?.join(setting?))
}

pub fn live_transport(args: &CalloutArgs) -> Result<Routed, String> {
    let mut roots = Vec::new();
    for path in &args.ca_cert {
        roots.push(std::fs::read(path).map_err(|e| format!("--ca-cert {}: {e}", path.display()))?);
    }
    let mut routes = Vec::new();
    for route in &args.route {
        let (from, to) = route.split_once('=').ok_or_else(|| format!("--route expects FROM=TO, got {route}"))?;
        routes.push((from.trim_end_matches('/').to_string(), to.trim_end_matches('/').to_string()));
    }
    Ok(Routed { inner: Live::new(&roots)?, routes })
}

/// The emulated target org: the target project's Connected Apps, objects and data when there
/// is one, a bare org otherwise.
fn emulated_org(target: Option<&Path>, expire_after_calls: Option<u64>) -> Result<(Org, Vec<ConnectedApp>), String> {
    let mut config = OrgConfig::default();
    config.faults.expire_after_calls = expire_after_calls;
    let (schema, data) = match target {
        Some(dir) => {
            let project = project_org::load(dir, EMULATED_SECRET)
                .map_err(|e| format!("the target org {}: {e}", dir.display()))?;
            project_org::add_apps(&mut config, &project.apps)?;
            (project.schema, data_files(&dir.join("data")))
        }
        None => (apex_data::Schema::standard(), Vec::new()),
    };
    let store = apex_data::Store::in_memory(schema).map_err(|e| e.message)?;
    let now = apex_data::calendar::iso_millis(crate::clock::system_millis());
    let apps = config.apps.clone();
    let mut org = Org::open(config, store, &now, rand::random()).map_err(|e| e.message)?;
    crate::serve::seed(&mut org, &data)?;
    Ok((org, apps))
}

/// The seed files of a target project's `data/` folder: its plans when it has any (they name
/// their tree files), else every tree file, in name order.
fn data_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let plans: Vec<PathBuf> = files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with("-plan.json")))
        .cloned()
        .collect();
    if plans.is_empty() {
        files
    } else {
        plans
    }
}

/// The admin's *Authenticate* click, offline: the authorization-code flow against the emulated
/// org (which consents at once), leaving the principal's tokens in the run's secret store.
fn authenticate(
    apps: &[ConnectedApp],
    route: &NamedRoute<'_>,
    store: &mut SecretStore,
    transport: &mut dyn Transport,
) -> Result<(), AuthenticateError> {
    let AuthPlan::OAuthBrowser(flow) = &route.plan else {
        return Ok(());
    };
    authorize_offline(apps, flow, route, store, transport).map_err(AuthenticateError::Refused)
}

fn authorize_offline(
    apps: &[ConnectedApp],
    flow: &apex_credentials::BrowserFlow<'_>,
    route: &NamedRoute<'_>,
    store: &mut SecretStore,
    transport: &mut dyn Transport,
) -> Result<(), String> {
    let key = flow.consumer_key().ok_or("the Auth Provider has no consumer key")?;
    let app = apps.iter().find(|a| a.consumer_key == key).ok_or_else(|| {
        format!("the emulated org has no Connected App with consumer key {key} (add one to the target org's project)")
    })?;
    // The emulated org's app has its own secret; one stored for a real org would not do.
    let provider = flow.auth_provider_name.clone().unwrap_or_default();
    store.set(&provider, AUTH_PROVIDER_PRINCIPAL, CONSUMER_SECRET, &app.consumer_secret);
    let callback = app.callback_urls.first().ok_or("the Connected App has no callback URL")?;
    let found = flow.auth_provider.ok_or("the Auth Provider is not in the project")?;
    let client = apex_callout::oauth::OAuthClient::for_provider(found, Some(app.consumer_secret.clone()));
    let authorize_url = apex_callout::oauth::authorize_url_of(found);
    let token =
        apex_callout::login::authorization_code(&client, &authorize_url, callback, flow.scope.as_deref(), transport)?;
    let (credential, principal) = route.secret_scope();
    store.set(credential, principal, apex_credentials::param::OAUTH_TOKEN, &token.access_token);
    if let Some(refresh) = &token.refresh_token {
        store.set(credential, principal, apex_credentials::param::REFRESH_TOKEN, refresh);
    }
    Ok(())
}
