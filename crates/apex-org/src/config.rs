//! How the emulated org is set up: where it answers, which API versions it serves, its
//! users' passwords, the Connected Apps clients authenticate through, and how long an access
//! token lives.

/// A Connected App (consumer) the org accepts at its token endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectedApp {
    pub name: String,
    pub consumer_key: String,
    pub consumer_secret: String,
    /// The callback URLs the authorization-code flow may redirect to.
    pub callback_urls: Vec<String>,
    /// Granted scopes, space-separated in token answers (`api refresh_token`).
    pub scopes: Vec<String>,
    /// The user the client-credentials flow runs as.
    pub run_as: Option<String>,
    /// The PEM of the X.509 certificate uploaded to the app; JWT bearer assertions must be
    /// signed with its key.
    pub certificate: Option<String>,
}

/// A user who may log in with a password.
#[derive(Clone, Debug, PartialEq)]
pub struct Login {
    pub username: String,
    pub password: String,
    /// Appended to the password by clients outside trusted IP ranges; optional here.
    pub security_token: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrgConfig {
    /// The org's own origin, `https://host:port` without a trailing slash; token answers and
    /// identity URLs point here.
    pub instance_url: String,
    /// The oldest and newest API versions served (`31.0` to `62.0`).
    pub min_version: u32,
    pub max_version: u32,
    pub logins: Vec<Login>,
    pub apps: Vec<ConnectedApp>,
    /// How long an access token lives, in seconds; after that REST answers 401.
    pub token_lifetime_secs: u64,
    /// Rows per query page (clients may ask for 200 to 2000).
    pub page_size: usize,
    /// The daily API request allowance `/limits` and `Sforce-Limit-Info` report; past it REST
    /// answers 403 REQUEST_LIMIT_EXCEEDED.
    pub daily_api_requests: u64,
    pub faults: Faults,
}

/// Failures to inject, so integration code can be tested against an org that misbehaves.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Faults {
    /// An access token expires after this many REST calls.
    pub expire_after_calls: Option<u64>,
    /// The share of REST calls (0 to 1) answered 503 SERVER_UNAVAILABLE.
    pub error_rate: f64,
}

/// The connected app and login every org has unless configured otherwise, so a client can
/// connect with nothing set up: `admin@apex.local` / `apex-local-password` through
/// `apex-local-client` / `apex-local-secret`.
impl Default for OrgConfig {
    fn default() -> OrgConfig {
        OrgConfig {
            instance_url: "http://127.0.0.1:8787".into(),
            min_version: 31,
            max_version: 62,
            logins: vec![Login {
                username: "admin@apex.local".into(),
                password: "apex-local-password".into(),
                security_token: None,
            }],
            apps: vec![ConnectedApp {
                name: "Apex_Local".into(),
                consumer_key: "apex-local-client".into(),
                consumer_secret: "apex-local-secret".into(),
                callback_urls: vec!["http://localhost:1717/OauthRedirect".into()],
                scopes: vec!["api".into(), "refresh_token".into(), "web".into()],
                run_as: Some("admin@apex.local".into()),
                certificate: None,
            }],
            token_lifetime_secs: 7200,
            page_size: 2000,
            daily_api_requests: 15_000,
            faults: Faults::default(),
        }
    }
}

impl OrgConfig {
    pub fn app(&self, consumer_key: &str) -> Option<&ConnectedApp> {
        self.apps.iter().find(|a| a.consumer_key == consumer_key)
    }

    pub fn login(&self, username: &str) -> Option<&Login> {
        self.logins.iter().find(|l| l.username.eq_ignore_ascii_case(username))
    }

    /// Whether `password` (or the password with the security token appended) is the user's.
    pub fn password_matches(&self, username: &str, password: &str) -> bool {
        self.login(username).is_some_and(|login| {
            password == login.password
                || login.security_token.as_ref().is_some_and(|t| password == format!("{}{t}", login.password))
        })
    }

    /// The version number of `v59.0` when the org serves it.
    pub fn version(&self, segment: &str) -> Option<String> {
        let number = segment.strip_prefix('v')?;
        let (major, minor) = number.split_once('.')?;
        let major: u32 = major.parse().ok()?;
        (minor == "0" && (self.min_version..=self.max_version).contains(&major)).then(|| format!("{major}.0"))
    }
}
