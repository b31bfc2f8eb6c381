//! Token renewal through the whole service: a 401 renews the token once and the call is
//! retried; two callouts refused at the same time renew it once between them.

use apex_callout::secrets::SecretStore;
use apex_callout::service::{CalloutService, ServiceConfig};
use apex_callout::transport::{Transport, WireError, WireRequest, WireResponse};
use apex_credentials::{CallingUser, MetadataText};
use apex_runtime::callout::CalloutRequest;
use std::path::Path;
use std::sync::{Arc, Barrier, Mutex};

const NAMED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
    <namedCredentialParameters><parameterName>Url</parameterName><parameterType>Url</parameterType><parameterValue>https://api.test</parameterValue></namedCredentialParameters>
    <namedCredentialParameters><parameterName>ExternalCredential</parameterName><parameterType>Authentication</parameterType><externalCredential>Api_Auth</externalCredential></namedCredentialParameters>
</NamedCredential>"#;
const EXTERNAL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api Auth</label>
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters><parameterName>AuthProvider</parameterName><parameterType>AuthProvider</parameterType><authProvider>Api_Provider</authProvider></externalCredentialParameters>
    <externalCredentialParameters><parameterName>Robot</parameterName><parameterType>NamedPrincipal</parameterType><sequenceNumber>1</sequenceNumber></externalCredentialParameters>
</ExternalCredential>"#;
const PROVIDER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<AuthProvider xmlns="http://soap.sforce.com/2006/04/metadata">
    <friendlyName>Api Provider</friendlyName>
    <providerType>Custom</providerType>
    <consumerKey>client</consumerKey>
    <authorizeUrl>https://api.test/authorize</authorizeUrl>
    <tokenUrl>https://api.test/token</tokenUrl>
</AuthProvider>"#;
const GRANT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api Access</label>
    <externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>Api_Auth-Robot</externalCredentialPrincipal></externalCredentialPrincipalAccesses>
</PermissionSet>"#;

/// A server that takes one access token at a time and counts refreshes.
struct State {
    valid: String,
    refreshes: u32,
    /// Holds refused callouts until both were refused, so they renew at the same time.
    refused: Option<Arc<Barrier>>,
    held: u32,
}

struct Fake(Arc<Mutex<State>>);

impl Transport for Fake {
    fn send(&mut self, request: &WireRequest) -> Result<WireResponse, WireError> {
        if request.url.ends_with("/token") {
            let mut state = self.0.lock().unwrap();
            state.refreshes += 1;
            state.valid = format!("token-{}", state.refreshes);
            let body = format!(r#"{{"access_token":"{}","token_type":"Bearer"}}"#, state.valid);
            return Ok(WireResponse {
                status: 200,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: body.into_bytes(),
            });
        }
        let bearer =
            request.headers.iter().find(|(n, _)| n == "Authorization").map(|(_, v)| v.clone()).unwrap_or_default();
        let (valid, barrier) = {
            let mut state = self.0.lock().unwrap();
            let valid = bearer == format!("Bearer {}", state.valid);
            // Only the first two refusals wait for each other.
            let barrier = if valid { None } else { state.refused.clone() };
            if barrier.is_some() {
                state.held += 1;
                if state.held == 2 {
                    state.refused = None;
                }
            }
            (valid, barrier)
        };
        if valid {
            return Ok(WireResponse { status: 200, body: b"ok".to_vec(), ..WireResponse::default() });
        }
        if let Some(barrier) = barrier {
            barrier.wait();
        }
        Ok(WireResponse { status: 401, ..WireResponse::default() })
    }

    fn name(&self) -> &'static str {
        "fake"
    }
}

fn service(store: &Path, state: &Arc<Mutex<State>>) -> CalloutService {
    let files = [
        ("Api", "namedCredential", NAMED),
        ("Api_Auth", "externalCredential", EXTERNAL),
        ("Api_Provider", "authprovider", PROVIDER),
        ("Api_Access", "permissionset", GRANT),
    ];
    let paths: Vec<String> = files.iter().map(|(name, suffix, _)| format!("{name}.{suffix}-meta.xml")).collect();
    let texts: Vec<MetadataText<'_>> =
        files.iter().zip(&paths).map(|((_, suffix, text), path)| MetadataText { path, suffix, text }).collect();
    let (credentials, errors) = apex_credentials::load(&texts);
    assert!(errors.is_empty(), "{errors:?}");
    let secrets = SecretStore::open(store, Path::new("/project"), &[]).unwrap();
    let user = CallingUser::with_permission_sets(&["Api_Access"]);
    let config = ServiceConfig { now_ms: || 0, persist_tokens: true, authenticate: None };
    CalloutService::new(credentials, user, secrets, Box::new(Fake(Arc::clone(state))), config)
}

fn request() -> CalloutRequest {
    CalloutRequest {
        method: "GET".into(),
        endpoint: "callout:Api/data".into(),
        timeout_ms: 10_000,
        ..CalloutRequest::default()
    }
}

/// A store whose principal holds an expired access token and a refresh token.
fn expired_store(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("apex-refresh-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("secrets.json");
    let mut store = SecretStore::open(&path, Path::new("/project"), &[]).unwrap();
    store.set("Api_Auth", "Robot", "OAuthToken", "token-0");
    store.set("Api_Auth", "Robot", "RefreshToken", "refresh-me");
    store.set("Api_Provider", "AuthProvider", "ConsumerSecret", "shh");
    store.save().unwrap();
    path
}

#[test]
fn a_refused_token_is_renewed_once_and_the_call_retried() {
    let path = expired_store("single");
    let state = Arc::new(Mutex::new(State { valid: "none".into(), refreshes: 0, refused: None, held: 0 }));
    let mut service = service(&path, &state);
    let answer = service.send(&request()).unwrap();
    assert_eq!(answer.status_code, 200);
    assert_eq!(state.lock().unwrap().refreshes, 1);
    assert!(service.trace().iter().any(|l| l.starts_with("401: renewing")), "{:?}", service.trace());
    let stored = SecretStore::open(&path, Path::new("/project"), &[]).unwrap();
    assert_eq!(stored.get("Api_Auth", "Robot", "OAuthToken").as_deref(), Some("token-1"));
}

#[test]
fn two_callouts_refused_together_renew_the_token_once() {
    let path = expired_store("concurrent");
    let barrier = Arc::new(Barrier::new(2));
    let state = Arc::new(Mutex::new(State { valid: "none".into(), refreshes: 0, refused: Some(barrier), held: 0 }));
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let (path, state) = (path.clone(), Arc::clone(&state));
            std::thread::spawn(move || service(&path, &state).send(&request()).map(|a| a.status_code))
        })
        .collect();
    let statuses: Vec<i32> = threads.into_iter().map(|t| t.join().unwrap().unwrap()).collect();
    assert_eq!(statuses, [200, 200]);
    assert_eq!(state.lock().unwrap().refreshes, 1, "the second callout takes the first one's token");
}
