//! Resolving an endpoint as `Http.send` does (callouts.md §2.3, §5): a `callout:` URL to its
//! named credential, external credential, principal and authentication plan; an absolute URL
//! to the Remote Site Setting that allows it.

use crate::credentials::{CallingUser, Credentials};
use crate::endpoint::{self, Endpoint};
use crate::error::CalloutError;
use crate::external::{ExternalCredential, PrincipalType};
use crate::named::{CalloutOptions, CalloutStatus, CustomHeader, LegacyPrincipalType, NamedCredential};
use crate::plan::{self, AuthPlan};
use crate::remote_site::{self, RemoteSite};

/// Where a callout goes and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved<'a> {
    /// The endpoint as Apex set it.
    pub endpoint: String,
    /// The URL the request goes to.
    pub url: String,
    pub via: Via<'a>,
    /// Things worth a line in the trace (a merged query string).
    pub warnings: Vec<String>,
}

impl<'a> Resolved<'a> {
    /// The named-credential route, for a `callout:` endpoint.
    pub fn named(&self) -> Option<&NamedRoute<'a>> {
        match &self.via {
            Via::Named(route) => Some(route),
            Via::RemoteSite(_) => None,
        }
    }
}

/// What let the callout through.
#[derive(Debug, Clone, PartialEq)]
pub enum Via<'a> {
    Named(Box<NamedRoute<'a>>),
    RemoteSite(&'a RemoteSite),
}

/// Everything a named-credential callout needs besides secrets.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedRoute<'a> {
    pub named: &'a NamedCredential,
    /// The external credential (new model), `None` for legacy credentials and new ones without.
    pub external: Option<&'a ExternalCredential>,
    /// The principal the user acts as; a legacy named user or per-user credential gets one
    /// with an empty name.
    pub principal: Option<ResolvedPrincipal>,
    pub plan: AuthPlan<'a>,
    pub options: CalloutOptions,
    /// The external credential's `AuthHeader`s, then the named credential's `HttpHeader`s, each
    /// in `sequenceNumber` order.
    pub headers: Vec<&'a CustomHeader>,
    /// Status codes besides 401 that trigger a token refresh.
    pub refresh_status_codes: &'a [u16],
    pub callout_status: CalloutStatus,
}

impl NamedRoute<'_> {
    /// The `(credential, principal)` key under which [`crate::Secrets`] holds this callout's
    /// secrets: the external credential and principal, or the legacy named credential and "".
    pub fn secret_scope(&self) -> (&str, &str) {
        match (self.external, &self.principal) {
            (Some(external), Some(principal)) => (&external.name, &principal.name),
            _ => (&self.named.name, ""),
        }
    }
}

/// The principal chosen for the calling user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedPrincipal {
    pub name: String,
    pub kind: PrincipalType,
    pub sequence: Option<u32>,
}

impl Credentials {
    /// Resolves `endpoint` for `user`, failing with the platform's messages: a malformed
    /// `callout:` URL; an unknown, disabled or namespace-restricted named credential; a
    /// missing external credential or no principal granted; an absolute URL no active remote
    /// site allows.
    pub fn resolve(&self, endpoint: &str, user: &CallingUser) -> Result<Resolved<'_>, CalloutError> {
        match endpoint::parse(endpoint)? {
            Endpoint::Named { name, suffix } => self.resolve_named(endpoint, name, suffix, user),
            Endpoint::Absolute(url) => {
                let site = remote_site::check(&self.remote_sites, url)?;
                Ok(Resolved {
                    endpoint: endpoint.into(),
                    url: url.into(),
                    via: Via::RemoteSite(site),
                    warnings: vec![],
                })
            }
        }
    }

    fn resolve_named(
        &self,
        endpoint: &str,
        name: &str,
        suffix: &str,
        user: &CallingUser,
    ) -> Result<Resolved<'_>, CalloutError> {
        let named = self.usable_named(name, user)?;
        let route = match &named.external_credential {
            Some(external) => self.external_route(named, external, user)?,
            None => self.legacy_route(named),
        };
        let joined = endpoint::join(&named.url, suffix);
        Ok(Resolved {
            endpoint: endpoint.to_string(),
            url: joined.url,
            via: Via::Named(Box::new(route)),
            warnings: joined.warning.into_iter().collect(),
        })
    }

    /// The named credential `name` if the calling code may use it: it exists, is enabled for
    /// callouts, and allows the caller's namespace.
    fn usable_named(&self, name: &str, user: &CallingUser) -> Result<&NamedCredential, CalloutError> {
        let inaccessible = || CalloutError::named_credential_inaccessible(name);
        let named = self.named(name).ok_or_else(inaccessible)?;
        if named.callout_status == CalloutStatus::Disabled {
            return Err(inaccessible());
        }
        let Some(caller) = user.namespace.as_deref() else {
            return Ok(named);
        };
        let own = named.namespace().is_some_and(|ns| ns.eq_ignore_ascii_case(caller));
        let allowed = named.allowed_namespaces.iter().any(|ns| ns.eq_ignore_ascii_case(caller));
        if own || allowed {
            return Ok(named);
        }
        Err(inaccessible())
    }

    /// The route through `external`, with the best principal granted to `user`.
    fn external_route<'a>(
        &'a self,
        named: &'a NamedCredential,
        external: &str,
        user: &CallingUser,
    ) -> Result<NamedRoute<'a>, CalloutError> {
        let inaccessible = || CalloutError::external_credential_inaccessible(external);
        let ec = self.external(external).ok_or_else(inaccessible)?;
        let principal = *self.granted_principals(ec, user).first().ok_or_else(inaccessible)?;
        let principal =
            ResolvedPrincipal { name: principal.name.clone(), kind: principal.kind, sequence: principal.sequence };
        Ok(NamedRoute {
            named,
            external: Some(ec),
            principal: Some(principal),
            plan: plan::external_plan(self, ec),
            options: named.options,
            headers: ec.headers.iter().chain(&named.headers).collect(),
            refresh_status_codes: &ec.refresh_status_codes,
            callout_status: named.callout_status,
        })
    }

    /// The route of a legacy named credential, or of a newer one without an external
    /// credential, which anyone may use.
    fn legacy_route<'a>(&'a self, named: &'a NamedCredential) -> NamedRoute<'a> {
        let principal = named.legacy.as_ref().and_then(|legacy| {
            let kind = match legacy.principal_type {
                LegacyPrincipalType::Anonymous => return None,
                LegacyPrincipalType::NamedUser => PrincipalType::NamedPrincipal,
                LegacyPrincipalType::PerUser => PrincipalType::PerUserPrincipal,
            };
            Some(ResolvedPrincipal { name: String::new(), kind, sequence: None })
        });
        let plan = named.legacy.as_ref().map_or(AuthPlan::None, |legacy| plan::legacy_plan(self, legacy));
        NamedRoute {
            named,
            external: None,
            principal,
            plan,
            options: named.options,
            headers: named.headers.iter().collect(),
            refresh_status_codes: &[],
            callout_status: named.callout_status,
        }
    }
}
