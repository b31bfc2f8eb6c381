//! `apex creds`: the secrets behind the project's credentials. `set` and `unset` edit the local
//! secret store (never version control); `list`, `explain` and `login` show and exercise the
//! chain from a Named Credential to its principal.

use apex_callout::secrets::SecretStore;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CredsArgs {
    #[command(subcommand)]
    pub command: CredsCommand,
    /// The SFDX project whose credentials these are (default: the nearest above the current
    /// folder).
    #[arg(long, value_name = "DIR", global = true)]
    pub project: Option<PathBuf>,
    /// The secret store file (default: $APEX_SECRETS, else ~/.config/apex/secrets.json).
    #[arg(long, value_name = "FILE", global = true)]
    pub secrets: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
pub enum CredsCommand {
    /// Store a secret: `apex creds set Target_Org_Production/Integration_User clientSecret`
    /// reads the value from stdin (or give it after the name). A legacy Named Credential has no
    /// principal: `apex creds set My_Legacy_NC Password`.
    Set(SetArgs),
    /// Forget a stored secret.
    Unset(UnsetArgs),
}

#[derive(clap::Args, Debug)]
pub struct SetArgs {
    /// `ExternalCredential/Principal`, or a legacy Named Credential's name.
    pub credential: String,
    /// The parameter's name (`clientId`, `clientSecret`, `Username`, `Password`, `RefreshToken`, ...).
    pub parameter: String,
    /// The value; read from stdin when left out, so it stays out of the shell's history.
    pub value: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct UnsetArgs {
    pub credential: String,
    pub parameter: String,
}

pub fn run(args: &CredsArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match &args.command {
        CredsCommand::Set(set) => run_set(args, set, out),
        CredsCommand::Unset(unset) => run_unset(args, unset, out),
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            2
        }
    }
}

/// `Name/Principal` split at its first slash; a name alone has the empty principal.
pub fn split_credential(text: &str) -> (&str, &str) {
    text.split_once('/').unwrap_or((text, ""))
}

/// The project's secret store, as `--project` and `--secrets` say.
pub fn open_store(project: Option<&PathBuf>, secrets: Option<&PathBuf>) -> Result<SecretStore, String> {
    let start = project.cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = apex_project::find_root(&start).ok_or_else(|| {
        format!("no sfdx-project.json in {} or above it: secrets belong to a project", start.display())
    })?;
    let env: Vec<(String, String)> = std::env::vars().collect();
    let path = secrets
        .cloned()
        .or_else(|| SecretStore::default_path(&env))
        .ok_or("no home folder for the secret store: give --secrets FILE")?;
    SecretStore::open(&path, &root, &env)
}

fn run_set(args: &CredsArgs, set: &SetArgs, out: &mut dyn Write) -> Result<(), String> {
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
    let mut store = open_store(args.project.as_ref(), args.secrets.as_ref())?;
    let (credential, principal) = split_credential(&set.credential);
    store.set(credential, principal, &set.parameter, &value);
    store.save()?;
    let place = store.path().map(|p| p.display().to_string()).unwrap_or_default();
    let _ = writeln!(out, "stored {} {} in {place}", set.credential, set.parameter);
    Ok(())
}

fn run_unset(args: &CredsArgs, unset: &UnsetArgs, out: &mut dyn Write) -> Result<(), String> {
    let mut store = open_store(args.project.as_ref(), args.secrets.as_ref())?;
    let (credential, principal) = split_credential(&unset.credential);
    if !store.remove(credential, principal, &unset.parameter) {
        return Err(format!("no {} stored for {}", unset.parameter, unset.credential));
    }
    store.save()?;
    let _ = writeln!(out, "removed {} {}", unset.credential, unset.parameter);
    Ok(())
}
