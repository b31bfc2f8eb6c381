//! `apex creds`: the secrets behind the project's credentials. `set` and `unset` edit the local
//! secret store (never version control); `list`, `explain` and `login` show and exercise the
//! chain from a Named Credential to its principal.

use crate::workspace::ProjectFiles;
use apex_callout::secrets::SecretStore;
use std::io::{Read, Write};
use std::path::PathBuf;

mod explain;
mod external;
mod fixes;
mod list;
mod login;
mod target;

#[derive(clap::Args, Debug)]
pub struct CredsArgs {
    #[command(subcommand)]
    pub command: CredsCommand,
    /// The SFDX project whose credentials these are (default: the nearest above the current
    /// folder).
    #[arg(long, value_name = "DIR", global = true)]
    pub project: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
pub enum CredsCommand {
    /// Store a secret: `apex creds set Target_Org_Production/Integration_User clientSecret`
    /// reads the value from stdin (or give it after the name). A legacy Named Credential has no
    /// principal: `apex creds set My_Legacy_NC Password`.
    Set(SetArgs),
    /// Forget a stored secret.
    Unset(UnsetArgs),
    /// Every Named Credential with its External Credential and principals, and whether the
    /// running user can call out through it (and why not).
    List(ListArgs),
    /// The resolution chain of a sample callout through a Named Credential, secrets masked.
    Explain(explain::ExplainArgs),
    /// Authenticate a browser-flow principal (the OAuth authorization-code flow) and store its
    /// tokens.
    Login(login::LoginArgs),
}

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    /// `ExternalCredential/Principal`, or a legacy Named Credential's name.
    pub credential: String,
    /// The parameter's name (`clientId`, `clientSecret`, `Username`, `Password`, `RefreshToken`, ...).
    pub parameter: String,
    /// The value; read from stdin when left out, so it stays out of the shell's history.
    pub value: Option<String>,
    /// The secret store file (default: $APEX_SECRETS, else ~/.config/apex/secrets.json).
    #[arg(long, value_name = "FILE")]
    pub secrets: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct UnsetArgs {
    pub credential: String,
    pub parameter: String,
    #[arg(long, value_name = "FILE")]
    pub secrets: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub callouts: crate::callouts::CalloutArgs,
}

/// The project a creds command works on.
pub struct Context {
    pub files: ProjectFiles,
}

impl Context {
    fn open(project: Option<&PathBuf>) -> Result<Context, String> {
        let start = project.cloned().unwrap_or_else(|| PathBuf::from("."));
        let root = apex_project::find_root(&start).ok_or_else(|| {
            format!("no sfdx-project.json in {} or above it: credentials belong to a project", start.display())
        })?;
        Ok(Context { files: crate::workspace::load_project(&root)? })
    }

    /// The project's credentials; files with problems are left out (`apex check` shows them).
    pub fn credentials(&self) -> apex_credentials::Credentials {
        let texts: Vec<apex_credentials::MetadataText<'_>> = self
            .files
            .metadata
            .iter()
            .map(|m| apex_credentials::MetadataText { path: &m.name, suffix: &m.suffix, text: &m.text })
            .collect();
        apex_credentials::load(&texts).0
    }

    /// The project's secret store.
    pub fn secrets(&self, file: Option<&PathBuf>) -> Result<SecretStore, String> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        let path = file
            .cloned()
            .or_else(|| SecretStore::default_path(&env))
            .ok_or("no home folder for the secret store: give --secrets FILE")?;
        let root = self.files.root.clone().unwrap_or_default();
        SecretStore::open(&path, &root, &env)
    }
}

pub fn run(args: &CredsArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = Context::open(args.project.as_ref()).and_then(|context| match &args.command {
        CredsCommand::Set(set) => run_set(&context, set, out),
        CredsCommand::Unset(unset) => run_unset(&context, unset, out),
        CredsCommand::List(list) => list::run(&context, &list.callouts, out),
        CredsCommand::Explain(explain) => explain::run(&context, explain, out),
        CredsCommand::Login(login) => login::run(&context, login, out),
    });
    match result {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            2
        }
    }
}

/// Items joined with commas, or `empty` when there are none.
pub fn listed<S: AsRef<str>>(items: &[S], empty: &str) -> String {
    if items.is_empty() {
        return empty.to_string();
    }
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

/// `Name/Principal` split at its first slash; a name alone has the empty principal.
pub fn split_credential(text: &str) -> (&str, &str) {
    text.split_once('/').unwrap_or((text, ""))
}

fn run_set(context: &Context, set: &SetArgs, out: &mut dyn Write) -> Result<(), String> {
    let value = match &set.value {
        Some(value) => value.clone(),
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read the value from stdin: {e}"))?;
            text.trim_end_matches(['\n', '\r']).to_string()
        }
    };
    if value.is_empty() {
        return Err(format!("no value for {} {}", set.credential, set.parameter));
    }
    let mut store = context.secrets(set.secrets.as_ref())?;
    let (credential, principal) = split_credential(&set.credential);
    store.set(credential, principal, &set.parameter, &value);
    store.save()?;
    let place = store.path().map(|p| p.display().to_string()).unwrap_or_default();
    let _ = writeln!(out, "stored {} {} in {place}", set.credential, set.parameter);
    Ok(())
}

fn run_unset(context: &Context, unset: &UnsetArgs, out: &mut dyn Write) -> Result<(), String> {
    let mut store = context.secrets(unset.secrets.as_ref())?;
    let (credential, principal) = split_credential(&unset.credential);
    if !store.remove(credential, principal, &unset.parameter) {
        return Err(format!("no {} stored for {}", unset.parameter, unset.credential));
    }
    store.save()?;
    let _ = writeln!(out, "removed {} {}", unset.credential, unset.parameter);
    Ok(())
}
