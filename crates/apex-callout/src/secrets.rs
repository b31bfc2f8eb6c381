//! The local secret store: principal parameters (client secrets, passwords, API keys) and the
//! OAuth tokens fetched for them, in a JSON file readable by its owner only, keyed by project.
//! Environment variables `APEX_SECRET__<credential>__<principal>__<parameter>` override it,
//! so CI can pass secrets without a file.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The environment variable naming the store file.
pub const FILE_VARIABLE: &str = "APEX_SECRETS";
/// The prefix of a secret given in the environment.
pub const ENV_PREFIX: &str = "APEX_SECRET__";

/// Parameters of one principal (or of a legacy Named Credential, principal "").
pub type Parameters = BTreeMap<String, String>;

#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
struct ProjectSecrets {
    /// Credential name, then principal name, then parameter name.
    #[serde(default)]
    credentials: BTreeMap<String, BTreeMap<String, Parameters>>,
}

#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
struct StoreFile {
    #[serde(default)]
    projects: BTreeMap<String, ProjectSecrets>,
}

/// The secrets of one project: what the file holds for it, with the environment on top.
/// Its `Debug` shows where it lives, never a value.
pub struct SecretStore {
    path: Option<PathBuf>,
    project: String,
    file: StoreFile,
    env: Vec<(String, String, String, String)>,
    /// OAuth tokens set during this run, and whether only those count (offline runs talk to
    /// an emulated org that knows no token from elsewhere).
    session: Vec<(String, String, String, String)>,
    session_tokens_only: bool,
    /// Changes made since the file was read, applied again over what another process saved
    /// meanwhile when the file is read again or written.
    pending: Vec<Change>,
}

/// One parameter set (`Some`) or removed (`None`).
type Change = (String, String, String, Option<String>);

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretStore").field("path", &self.path).field("project", &self.project).finish_non_exhaustive()
    }
}

impl SecretStore {
    /// Opens the store at `path` (created on the first write) for the project at `project`.
    /// A file others can read is refused, as is one that is not valid JSON.
    pub fn open(path: &Path, project: &Path, env: &[(String, String)]) -> Result<SecretStore, String> {
        let file = match std::fs::read_to_string(path) {
            Ok(text) => {
                check_private(path)?;
                parse(&text, path)?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => StoreFile::default(),
            Err(e) => return Err(format!("cannot read the secret store {}: {e}", path.display())),
        };
        // The same project reached by another path (`..`, a symlink) keeps its secrets.
        let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf()).display().to_string();
        let env = from_env(env);
        Ok(SecretStore {
            path: Some(path.to_path_buf()),
            project,
            file,
            env,
            session: Vec::new(),
            session_tokens_only: false,
            pending: Vec::new(),
        })
    }

    /// A store that lives in memory only (tests, and runs that must not write).
    pub fn in_memory(env: &[(String, String)]) -> SecretStore {
        let file = StoreFile::default();
        SecretStore {
            path: None,
            project: String::new(),
            file,
            env: from_env(env),
            session: Vec::new(),
            session_tokens_only: false,
            pending: Vec::new(),
        }
    }

    /// Where the store lives unless `APEX_SECRETS` says otherwise: the user's configuration
    /// folder, outside every project.
    pub fn default_path(env: &[(String, String)]) -> Option<PathBuf> {
        let var = |name: &str| env.iter().find(|(n, _)| n == name).map(|(_, v)| PathBuf::from(v));
        if let Some(path) = var(FILE_VARIABLE) {
            return Some(path);
        }
        let config = var("XDG_CONFIG_HOME").or_else(|| var("HOME").map(|home| home.join(".config")))?;
        Some(config.join("apex").join("secrets.json"))
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// From now on OAuth tokens come only from this run (offline: stored tokens belong to
    /// real orgs, not to the emulated one).
    pub fn use_session_tokens_only(&mut self) {
        self.session_tokens_only = true;
    }

    /// A parameter, the environment first; names match in any case.
    pub fn get(&self, credential: &str, principal: &str, parameter: &str) -> Option<String> {
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        let matching = |(c, p, n, _): &&(String, String, String, String)| {
            same(c, credential) && same(p, principal) && same(n, parameter)
        };
        if self.session_tokens_only && TOKENS.iter().any(|t| same(t, parameter)) {
            return self.session.iter().find(matching).map(|(.., v)| v.clone());
        }
        let from_env =
            self.env.iter().find(|(c, p, n, _)| same(c, credential) && same(p, principal) && same(n, parameter));
        if let Some((.., value)) = from_env {
            return Some(value.clone());
        }
        let project = self.file.projects.get(&self.project)?;
        let principals = find(&project.credentials, credential)?;
        find(find(principals, principal)?, parameter).cloned()
    }

    /// Every parameter name stored for a principal (never the values).
    pub fn names(&self, credential: &str, principal: &str) -> Vec<String> {
        let project = self.file.projects.get(&self.project);
        let stored = project.and_then(|p| find(&p.credentials, credential)).and_then(|ps| find(ps, principal));
        let mut names: Vec<String> = stored.map(|p| p.keys().cloned().collect()).unwrap_or_default();
        for (c, p, n, _) in &self.env {
            if c.eq_ignore_ascii_case(credential) && p.eq_ignore_ascii_case(principal) && !names.contains(n) {
                names.push(n.clone());
            }
        }
        names
    }

    /// Sets a parameter in memory; `save` writes it. It wins over the environment from now on
    /// (a token fetched during a run replaces the one a variable gave).
    pub fn set(&mut self, credential: &str, principal: &str, parameter: &str, value: &str) {
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        self.env.retain(|(c, p, n, _)| !(same(c, credential) && same(p, principal) && same(n, parameter)));
        self.session.retain(|(c, p, n, _)| !(same(c, credential) && same(p, principal) && same(n, parameter)));
        self.session.push((credential.into(), principal.into(), parameter.into(), value.into()));
        let change = (credential.to_string(), principal.to_string(), parameter.to_string(), Some(value.to_string()));
        apply(&mut self.file, &self.project, &change);
        self.pending.push(change);
    }

    /// Removes a parameter in memory (names in any case); `save` writes it.
    pub fn remove(&mut self, credential: &str, principal: &str, parameter: &str) -> bool {
        let change = (credential.to_string(), principal.to_string(), parameter.to_string(), None);
        let removed = apply(&mut self.file, &self.project, &change);
        if removed {
            self.pending.push(change);
        }
        removed
    }

    /// Takes the store's lock (other processes and threads wait) and reads the file again, so a
    /// token another callout renewed meanwhile is seen; this store's own unsaved changes stay.
    /// The lock ends with the guard. A store with no file needs no lock.
    pub fn lock_and_reload(&mut self) -> Result<Option<std::fs::File>, String> {
        let lock = self.lock()?;
        self.reload()?;
        Ok(lock)
    }

    /// Writes the store under its lock: the file as it is now, with this store's changes over
    /// it, replaced in one step and readable by its owner only.
    pub fn save(&mut self) -> Result<(), String> {
        let _lock = self.lock()?;
        self.save_locked()
    }

    /// [`SecretStore::save`] for a caller that holds the lock already.
    pub fn save_locked(&mut self) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        self.reload()?;
        let text = serde_json::to_string_pretty(&self.file).map_err(|e| e.to_string())?;
        write_private(&path, &text).map_err(|e| format!("cannot write the secret store {}: {e}", path.display()))?;
        self.pending.clear();
        Ok(())
    }

    fn lock(&self) -> Result<Option<std::fs::File>, String> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let lock_path = path.with_extension("lock");
        let dir = lock_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        create_private_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("cannot open {}: {e}", lock_path.display()))?;
        lock.lock().map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
        Ok(Some(lock))
    }

    /// The file as it is now, with this store's unsaved changes applied over it.
    fn reload(&mut self) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        self.file = match std::fs::read_to_string(path) {
            Ok(text) => parse(&text, path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => StoreFile::default(),
            Err(e) => return Err(format!("cannot read the secret store {}: {e}", path.display())),
        };
        for change in &self.pending {
            apply(&mut self.file, &self.project, change);
        }
        Ok(())
    }
}

/// The key already spelling `name` in some case, or `name` itself.
fn key_of<'k>(mut keys: impl Iterator<Item = &'k String>, name: &str) -> String {
    keys.find(|k| k.eq_ignore_ascii_case(name)).cloned().unwrap_or_else(|| name.to_string())
}

/// The store's JSON; an error names the place, never the text (which holds secrets).
fn parse(text: &str, path: &Path) -> Result<StoreFile, String> {
    serde_json::from_str(text).map_err(|e| {
        format!("the secret store {} is not valid (line {}, column {})", path.display(), e.line(), e.column())
    })
}

/// Applies one change to the project's part of the file; whether something was there.
fn apply(file: &mut StoreFile, project: &str, (credential, principal, parameter, value): &Change) -> bool {
    let entry = file.projects.entry(project.to_string()).or_default();
    let credential_key = key_of(entry.credentials.keys(), credential);
    let principals = entry.credentials.entry(credential_key).or_default();
    let principal_key = key_of(principals.keys(), principal);
    let parameters = principals.entry(principal_key).or_default();
    let parameter_key = key_of(parameters.keys(), parameter);
    match value {
        Some(value) => parameters.insert(parameter_key, value.clone()).is_some(),
        None => parameters.remove(&parameter_key).is_some(),
    }
}

/// The parameters that hold OAuth tokens.
const TOKENS: [&str; 2] = ["OAuthToken", "RefreshToken"];

/// The principal slot under which an Auth Provider's consumer secret is stored:
/// `apex creds set <Provider>/AuthProvider ConsumerSecret`.
pub const AUTH_PROVIDER_PRINCIPAL: &str = "AuthProvider";
/// The parameter holding an Auth Provider's consumer secret.
pub const CONSUMER_SECRET: &str = "ConsumerSecret";

impl apex_credentials::Secrets for SecretStore {
    fn get(&self, external_credential: &str, principal: &str, parameter: &str) -> Option<String> {
        SecretStore::get(self, external_credential, principal, parameter)
    }

    fn auth_provider_secret(&self, provider: &str) -> Option<String> {
        SecretStore::get(self, provider, AUTH_PROVIDER_PRINCIPAL, CONSUMER_SECRET)
    }
}

fn find<'a, V>(map: &'a BTreeMap<String, V>, name: &str) -> Option<&'a V> {
    map.get(name).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

/// `APEX_SECRET__Cred__Principal__Param=value` entries (principal may be empty for legacy
/// Named Credentials: `APEX_SECRET__My_NC____Password`).
fn from_env(env: &[(String, String)]) -> Vec<(String, String, String, String)> {
    env.iter()
        .filter_map(|(name, value)| {
            let rest = name.strip_prefix(ENV_PREFIX)?;
            // The last two parts are the principal and the parameter; the credential keeps a
            // namespace prefix (`APEX_SECRET__ns__Billing__Robot__clientSecret`).
            let mut parts = rest.rsplitn(3, "__");
            let (parameter, principal, credential) = (parts.next()?, parts.next()?, parts.next()?);
            Some((credential.into(), principal.into(), parameter.into(), value.clone()))
        })
        .collect()
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_err(|e| e.to_string())?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "the secret store {} can be read by other users (mode {mode:o}); run `chmod 600 {}`",
            path.display(),
            path.display()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<(), String> {
    Ok(())
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    // A temporary file of its own (readable by its owner only), renamed over the store.
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.exists() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn a_saved_store_is_private_and_reads_back_for_its_project_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("secrets.json");
        let mut store = SecretStore::open(&path, Path::new("/p/one"), &[]).unwrap();
        store.set("Billing", "Integration", "clientSecret", "s3cret");
        store.save().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let again = SecretStore::open(&path, Path::new("/p/one"), &[]).unwrap();
        assert_eq!(again.get("billing", "INTEGRATION", "ClientSecret").as_deref(), Some("s3cret"));
        let other = SecretStore::open(&path, Path::new("/p/two"), &[]).unwrap();
        assert_eq!(other.get("Billing", "Integration", "clientSecret"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_store_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        std::fs::write(&path, "{}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let refused = SecretStore::open(&path, Path::new("/p"), &[]).unwrap_err();
        assert!(refused.contains("can be read by other users (mode 644)"), "{refused}");
    }

    #[test]
    fn the_environment_overrides_the_file_and_a_value_set_later_overrides_both() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        let mut store = SecretStore::open(&path, Path::new("/p"), &[]).unwrap();
        store.set("Billing", "Integration", "clientSecret", "from-file");
        store.save().unwrap();
        let vars = env(&[("APEX_SECRET__Billing__Integration__clientSecret", "from-env"), ("OTHER", "x")]);
        let mut store = SecretStore::open(&path, Path::new("/p"), &vars).unwrap();
        assert_eq!(store.get("Billing", "Integration", "clientSecret").as_deref(), Some("from-env"));
        assert_eq!(store.names("Billing", "Integration"), vec!["clientSecret".to_string()]);
        store.set("Billing", "Integration", "clientSecret", "fetched-now");
        assert_eq!(store.get("Billing", "Integration", "clientSecret").as_deref(), Some("fetched-now"));
    }

    #[test]
    fn session_tokens_hide_stored_ones_but_not_other_secrets() {
        let vars = env(&[
            ("APEX_SECRET__Target__User__RefreshToken", "real-org-token"),
            ("APEX_SECRET__Target__User__clientId", "id"),
        ]);
        let mut store = SecretStore::in_memory(&vars);
        store.use_session_tokens_only();
        assert_eq!(store.get("Target", "User", "RefreshToken"), None);
        assert_eq!(store.get("Target", "User", "clientId").as_deref(), Some("id"));
        store.set("Target", "User", "RefreshToken", "emulated");
        assert_eq!(store.get("Target", "User", "refreshtoken").as_deref(), Some("emulated"));
    }

    #[test]
    fn a_namespaced_credential_keeps_its_prefix_in_a_variable() {
        let store = SecretStore::in_memory(&env(&[("APEX_SECRET__acme__Billing__Robot__clientSecret", "s")]));
        assert_eq!(store.get("acme__Billing", "Robot", "clientSecret").as_deref(), Some("s"));
        let legacy = SecretStore::in_memory(&env(&[("APEX_SECRET__acme__Old_NC____Password", "pw")]));
        assert_eq!(legacy.get("acme__Old_NC", "", "Password").as_deref(), Some("pw"));
    }

    #[test]
    fn legacy_credentials_use_an_empty_principal() {
        let store = SecretStore::in_memory(&env(&[("APEX_SECRET__Legacy_NC____Password", "pw")]));
        assert_eq!(store.get("Legacy_NC", "", "Password").as_deref(), Some("pw"));
    }

    #[test]
    fn a_corrupt_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        write_private(&path, "{not json").unwrap();
        let refused = SecretStore::open(&path, Path::new("/p"), &[]).unwrap_err();
        assert!(refused.starts_with(&format!("the secret store {} is not valid", path.display())), "{refused}");
    }

    #[test]
    fn the_default_path_is_outside_the_project() {
        let vars = env(&[("HOME", "/home/dev")]);
        assert_eq!(SecretStore::default_path(&vars), Some(PathBuf::from("/home/dev/.config/apex/secrets.json")));
        let vars = env(&[("HOME", "/home/dev"), ("APEX_SECRETS", "/tmp/s.json")]);
        assert_eq!(SecretStore::default_path(&vars), Some(PathBuf::from("/tmp/s.json")));
    }
}
