//! `apex-org`: the emulated target org. One [`Org`] holds the record store, its
//! configuration and its sessions, and answers HTTP requests as a Salesforce org does: OAuth
//! 2.0 at `/services/oauth2/*`, the identity URL, and the REST API at `/services/data/*`.
//! It does no IO: the server (`apex org serve`) and the in-process callout transport hand it
//! requests and the current time.

mod certificate;
pub mod config;
pub mod connected_app_file;
pub mod errors;
pub mod http;
mod oauth;
mod rest;
pub mod seed;
pub mod sessions;
mod setup;
mod soap;

pub use setup::{ADMIN_ID, ORG_ID};

pub use config::{ConnectedApp, Faults, Login, OrgConfig};
pub use http::{Request, Response};

use apex_data::{Id, Store};
use rand::rngs::StdRng;
use rand::SeedableRng;
use sessions::Sessions;
use std::collections::HashMap;

/// A materialized query result that later pages are read from.
pub(crate) struct Cursor {
    pub records: Vec<serde_json::Value>,
    /// When it was made; cursors expire after 15 minutes, as the platform's do.
    pub created_ms: i64,
}

pub struct Org {
    pub config: OrgConfig,
    pub store: Store,
    pub org_id: Id,
    pub(crate) sessions: Sessions,
    pub(crate) cursors: HashMap<String, Cursor>,
    pub(crate) next_cursor: u64,
    /// API requests answered so far (`Sforce-Limit-Info`, `/limits`).
    pub(crate) api_requests: u64,
}

impl Org {
    /// An org over `store`, whose Organization record is `org_id`. `seed` makes its tokens
    /// reproducible in tests; the server passes entropy.
    pub fn new(config: OrgConfig, store: Store, org_id: Id, seed: u64) -> Org {
        Org {
            config,
            store,
            org_id,
            sessions: Sessions::new(StdRng::seed_from_u64(seed)),
            cursors: HashMap::new(),
            next_cursor: 0,
            api_requests: 0,
        }
    }

    /// Answers one request at `now_ms` (milliseconds since the epoch).
    pub fn handle(&mut self, request: &Request, now_ms: i64) -> Response {
        let path = request.path.trim_end_matches('/');
        if let Some(rest) = path.strip_prefix("/services/oauth2/") {
            return oauth::handle(self, rest, request, now_ms);
        }
        if let Some(rest) = path.strip_prefix("/id/") {
            return oauth::identity(self, rest, request, now_ms);
        }
        if let Some(version) = path.strip_prefix("/services/Soap/u/") {
            let version = version.split('/').next().unwrap_or_default();
            return soap::handle(self, version, request, now_ms);
        }
        if path == "/services/data" || path.starts_with("/services/data/") {
            return rest::handle(self, path, request, now_ms);
        }
        errors::RestError::not_found().response()
    }

    /// Ends every access token (fault injection: the next REST call answers 401).
    pub fn expire_tokens(&mut self, now_ms: i64) {
        self.sessions.expire_all(now_ms);
    }
}
