//! The Named Credential model of a project, off-platform and without IO: named credentials of
//! both generations, external credentials with their principals, Auth Providers, the principal
//! access permission sets grant, and Remote Site Settings, read from metadata ([`load`]); the
//! resolution of a callout endpoint to its credential, principal and authentication plan
//! ([`Credentials::resolve`]); whether the principal holds its secrets
//! ([`Credentials::check_principal`]); and credential formulas and merge fields
//! ([`formula`]). Secrets come from a [`Secrets`] lookup, never from metadata. Errors a callout
//! meets carry the platform's messages to the letter (spec/callouts.md §6).

mod auth_provider;
mod configured;
mod credentials;
mod endpoint;
mod error;
mod external;
pub mod formula;
mod load;
mod named;
mod plan;
mod remote_site;
mod resolve;
mod secrets;

pub use auth_provider::{AuthProvider, SALESFORCE_AUTHORIZE_URL, SALESFORCE_TOKEN_URL};
pub use credentials::{CallingUser, Credentials, Grant};
pub use endpoint::{join as join_url, parse as parse_endpoint, Endpoint, Joined};
pub use error::{CalloutError, CalloutErrorKind};
pub use external::{ExternalCredential, NameValue, Principal, PrincipalType, Protocol, Variant};
pub use formula::{merge, FormulaContext, Place};
pub use load::{load, MetadataText};
pub use named::{
    CalloutOptions, CalloutStatus, CustomHeader, HeaderSource, LegacyAuth, LegacyAws, LegacyJwt, LegacyPrincipalType,
    LegacyProtocol, NamedCredential, NamedCredentialType,
};
pub use plan::{AuthPlan, AwsSigning, AwsVariant, BrowserFlow, ClientCredentials, ClientSecretIn, JwtGrant, JwtMint};
pub use remote_site::{Origin, OriginError, RemoteSite};
pub use resolve::{NamedRoute, Resolved, ResolvedPrincipal, Via};
pub use secrets::{param, SecretMap, Secrets};
