//! Where secrets and tokens come from. They never live in metadata: the runtime's store of User
//! External Credentials answers through [`Secrets`], and [`SecretMap`] is a plain one for tests
//! and simple hosts.

use std::collections::HashMap;
use std::fmt;

/// The parameter names this crate asks [`Secrets`] for.
pub mod param {
    /// Basic and legacy password authentication.
    pub const USERNAME: &str = "Username";
    pub const PASSWORD: &str = "Password";
    /// The stored OAuth access token (browser flow, client credentials, JWT bearer).
    pub const OAUTH_TOKEN: &str = "OAuthToken";
    /// The stored OAuth refresh token (browser flow).
    pub const REFRESH_TOKEN: &str = "RefreshToken";
    /// OAuth client credentials (the client id is stored unencrypted on the platform).
    pub const CLIENT_ID: &str = "clientId";
    pub const CLIENT_SECRET: &str = "clientSecret";
    /// AWS Signature V4.
    pub const AWS_ACCESS_KEY_ID: &str = "awsAccessKeyId";
    pub const AWS_SECRET_ACCESS_KEY: &str = "awsSecretAccessKey";
    pub const AWS_ROLE_ARN: &str = "awsRoleArn";
}

/// A lookup of the secrets and tokens stored for a principal.
///
/// Keys:
/// - New-model credentials: `(external credential, principal, parameter)`, with the developer
///   names of the external credential and principal. Parameters are those of [`param`]
///   (`Username`/`Password` for Basic, `clientId`/`clientSecret` for client credentials,
///   `OAuthToken`/`RefreshToken` for stored OAuth tokens, `awsAccessKeyId`/
///   `awsSecretAccessKey`/`awsRoleArn` for AWS) or, for `Custom`, any name a formula uses.
/// - Legacy named credentials: `(named credential, "", parameter)`, with the same parameter
///   names (`Username`, `Password`, `OAuthToken`, `RefreshToken`, `awsSecretAccessKey`).
/// - An Auth Provider's consumer secret: [`Secrets::auth_provider_secret`].
///
/// A per-user principal's values belong to the running user: the host hands in a view of
/// that user's store. Names are compared as the implementation likes; [`SecretMap`] ignores
/// case in the credential and principal names and keeps it in parameter names.
pub trait Secrets {
    /// The value of `parameter` stored for `principal` of `external_credential`.
    fn get(&self, external_credential: &str, principal: &str, parameter: &str) -> Option<String>;

    /// The consumer secret of the Auth Provider `provider`; none unless the host has one.
    fn auth_provider_secret(&self, provider: &str) -> Option<String> {
        let _ = provider;
        None
    }
}

/// Secrets held in memory. `Debug` lists the keys, never the values.
#[derive(Default, Clone)]
pub struct SecretMap {
    values: HashMap<(String, String, String), String>,
    provider_secrets: HashMap<String, String>,
}

impl SecretMap {
    pub fn new() -> SecretMap {
        SecretMap::default()
    }

    /// Stores `value` for `parameter` of `principal` of `credential`.
    pub fn insert(&mut self, credential: &str, principal: &str, parameter: &str, value: &str) -> &mut SecretMap {
        self.values.insert(key(credential, principal, parameter), value.to_string());
        self
    }

    /// Forgets `parameter` of `principal` of `credential`.
    pub fn remove(&mut self, credential: &str, principal: &str, parameter: &str) -> Option<String> {
        self.values.remove(&key(credential, principal, parameter))
    }

    /// Stores the consumer secret of the Auth Provider `provider`.
    pub fn insert_auth_provider_secret(&mut self, provider: &str, secret: &str) -> &mut SecretMap {
        self.provider_secrets.insert(provider.to_ascii_lowercase(), secret.to_string());
        self
    }
}

fn key(credential: &str, principal: &str, parameter: &str) -> (String, String, String) {
    (credential.to_ascii_lowercase(), principal.to_ascii_lowercase(), parameter.to_string())
}

impl Secrets for SecretMap {
    fn get(&self, external_credential: &str, principal: &str, parameter: &str) -> Option<String> {
        self.values.get(&key(external_credential, principal, parameter)).cloned()
    }

    fn auth_provider_secret(&self, provider: &str) -> Option<String> {
        self.provider_secrets.get(&provider.to_ascii_lowercase()).cloned()
    }
}

impl fmt::Debug for SecretMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut keys: Vec<String> = self.values.keys().map(|(c, p, n)| format!("{c}/{p}/{n}")).collect();
        keys.sort();
        f.debug_struct("SecretMap").field("keys", &keys).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_and_principal_names_ignore_case() {
        let mut secrets = SecretMap::new();
        secrets.insert("Acme", "Service", "apiKey", "k1").insert_auth_provider_secret("Prov", "s");
        assert_eq!(secrets.get("ACME", "service", "apiKey").as_deref(), Some("k1"));
        assert_eq!(secrets.get("Acme", "Service", "APIKEY"), None);
        assert_eq!(secrets.auth_provider_secret("prov").as_deref(), Some("s"));
        assert_eq!(secrets.remove("acme", "SERVICE", "apiKey").as_deref(), Some("k1"));
    }

    #[test]
    fn debug_output_shows_no_values() {
        let mut secrets = SecretMap::new();
        secrets.insert("Acme", "Service", "apiKey", "very-secret");
        let shown = format!("{secrets:?}");
        assert!(shown.contains("acme/service/apiKey") && !shown.contains("very-secret"), "{shown}");
    }
}
