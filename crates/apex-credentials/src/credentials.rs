//! Everything loaded from a project's credential metadata, looked up by name without regard to
//! case, and the principal access that permission sets grant.

use crate::auth_provider::AuthProvider;
use crate::external::{ExternalCredential, Principal};
use crate::named::NamedCredential;
use crate::remote_site::RemoteSite;

/// Named and external credentials, Auth Providers, principal grants and Remote Site Settings.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pub(crate) named: Vec<NamedCredential>,
    pub(crate) external: Vec<ExternalCredential>,
    pub(crate) providers: Vec<AuthProvider>,
    pub(crate) grants: Vec<Grant>,
    pub(crate) remote_sites: Vec<RemoteSite>,
    pub(crate) namespace: Option<String>,
}

/// Who is calling out: the permission sets assigned to the running user, and the namespace of
/// the code that calls (for named credentials' allowed namespaces).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallingUser {
    /// Permission set names (the API names their files carry).
    pub permission_sets: Vec<String>,
    /// The namespace of the calling Apex class; `None` for the org's own code.
    pub namespace: Option<String>,
}

impl CallingUser {
    /// A user of the org's own code with `permission_sets`.
    pub fn with_permission_sets(permission_sets: &[&str]) -> CallingUser {
        CallingUser { permission_sets: permission_sets.iter().map(|s| s.to_string()).collect(), namespace: None }
    }

    fn has_permission_set(&self, name: &str) -> bool {
        self.permission_sets.iter().any(|p| p.eq_ignore_ascii_case(name))
    }
}

/// One `externalCredentialPrincipalAccesses` entry of a permission set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub permission_set: String,
    pub external_credential: String,
    pub principal: String,
    pub enabled: bool,
}

impl Credentials {
    /// The named credential `name`; `ns__Name` also finds `Name` when the project's namespace
    /// is `ns` (see [`Credentials::set_namespace`]).
    pub fn named(&self, name: &str) -> Option<&NamedCredential> {
        let local = self.local_name(name);
        let found = self.named.iter().find(|n| n.name.eq_ignore_ascii_case(name));
        found.or_else(|| self.named.iter().find(|n| local.is_some_and(|local| n.name.eq_ignore_ascii_case(local))))
    }

    /// The external credential `name`.
    pub fn external(&self, name: &str) -> Option<&ExternalCredential> {
        let local = self.local_name(name);
        let found = self.external.iter().find(|e| e.name.eq_ignore_ascii_case(name));
        found.or_else(|| self.external.iter().find(|e| local.is_some_and(|local| e.name.eq_ignore_ascii_case(local))))
    }

    /// The Auth Provider whose URL suffix is `name`.
    pub fn auth_provider(&self, name: &str) -> Option<&AuthProvider> {
        self.providers.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Sets the project's namespace, so that `ns__Name` names its own credentials too.
    pub fn set_namespace(&mut self, namespace: Option<&str>) {
        self.namespace = namespace.filter(|ns| !ns.is_empty()).map(str::to_string);
    }

    /// `name` without the project's namespace prefix, when it carries it.
    fn local_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        let (prefix, local) = name.split_once("__")?;
        self.namespace.as_deref().filter(|ns| ns.eq_ignore_ascii_case(prefix)).map(|_| local)
    }

    pub fn named_credentials(&self) -> &[NamedCredential] {
        &self.named
    }

    pub fn external_credentials(&self) -> &[ExternalCredential] {
        &self.external
    }

    pub fn auth_providers(&self) -> &[AuthProvider] {
        &self.providers
    }

    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    pub fn remote_sites(&self) -> &[RemoteSite] {
        &self.remote_sites
    }

    /// Whether one of `user`'s permission sets grants `principal` of `external`.
    pub fn is_granted(&self, user: &CallingUser, external: &str, principal: &str) -> bool {
        self.grants.iter().any(|g| {
            g.enabled
                && g.external_credential.eq_ignore_ascii_case(external)
                && g.principal.eq_ignore_ascii_case(principal)
                && user.has_permission_set(&g.permission_set)
        })
    }

    /// The principals of `external` that `user` may use, best first: by `sequenceNumber`, a
    /// principal without one last, ties in file order (credentials.md §3.6).
    /// The permission sets that grant `principal` of `external` (enabled grants only).
    pub fn granting_permission_sets(&self, external: &str, principal: &str) -> Vec<&str> {
        self.grants
            .iter()
            .filter(|g| {
                g.enabled
                    && g.external_credential.eq_ignore_ascii_case(external)
                    && g.principal.eq_ignore_ascii_case(principal)
            })
            .map(|g| g.permission_set.as_str())
            .collect()
    }

    pub fn granted_principals<'c>(
        &'c self,
        external: &'c ExternalCredential,
        user: &CallingUser,
    ) -> Vec<&'c Principal> {
        let mut granted: Vec<&Principal> =
            external.principals.iter().filter(|p| self.is_granted(user, &external.name, &p.name)).collect();
        granted.sort_by_key(|p| p.sequence.unwrap_or(u32::MAX));
        granted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_namespace_prefix_is_optional() {
        let mut credentials = Credentials::default();
        assert_eq!(credentials.local_name("acme__Billing"), None);
        credentials.set_namespace(Some("Acme"));
        assert_eq!(credentials.local_name("acme__Billing"), Some("Billing"));
        assert_eq!(credentials.local_name("other__Billing"), None);
        credentials.set_namespace(Some(""));
        assert_eq!(credentials.namespace, None);
    }

    #[test]
    fn grants_need_an_enabled_entry_and_an_assigned_permission_set() {
        let grant = |permission_set: &str, enabled| Grant {
            permission_set: permission_set.into(),
            external_credential: "Ec".into(),
            principal: "P".into(),
            enabled,
        };
        let credentials =
            Credentials { grants: vec![grant("On", true), grant("Off", false)], ..Credentials::default() };
        assert!(credentials.is_granted(&CallingUser::with_permission_sets(&["on"]), "EC", "p"));
        assert!(!credentials.is_granted(&CallingUser::with_permission_sets(&["Off"]), "Ec", "P"));
        assert!(!credentials.is_granted(&CallingUser::default(), "Ec", "P"));
    }
}
