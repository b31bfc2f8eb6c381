//! The credential side of one callout: the Authorization header a route's plan generates, and
//! the OAuth tokens behind it, fetched, cached in the secret store and renewed after a 401.

use crate::jwt::{self, Claims};
use crate::oauth::{self, Grant, OAuthClient, TokenError};
use crate::secrets::SecretStore;
use crate::transport::Transport;
use apex_credentials::{param, AuthPlan, BrowserFlow, CalloutError, ClientSecretIn, JwtGrant, NamedRoute, Secrets};
use base64::Engine;

/// The parameter holding the RSA key (PEM) that signs a certificate's JWTs:
/// `apex creds set <Certificate>/Certificate PrivateKey < key.pem`.
pub const PRIVATE_KEY: &str = "PrivateKey";
/// The principal slot of a certificate's key in the secret store.
pub const CERTIFICATE_PRINCIPAL: &str = "Certificate";

/// What the token work needs: the route, the secrets it reads and writes, where token requests
/// go, the clock, and the trace it reports to.
pub struct TokenWork<'a, 'r> {
    pub route: &'a NamedRoute<'r>,
    pub secrets: &'a mut SecretStore,
    pub transport: &'a mut dyn Transport,
    pub now_ms: i64,
    pub trace: &'a mut Vec<String>,
    /// Tokens changed and the store should be written.
    pub changed: bool,
    /// Renewed tokens go to the store's file (live runs).
    pub persist: bool,
}

impl TokenWork<'_, '_> {
    fn scope(&self) -> (String, String) {
        let (credential, principal) = self.route.secret_scope();
        (credential.to_string(), principal.to_string())
    }

    fn secret(&self, parameter: &str) -> Option<String> {
        let (credential, principal) = self.scope();
        self.secrets.get(&credential, &principal, parameter).filter(|v| !v.is_empty())
    }

    fn keep(&mut self, parameter: &str, value: &str) {
        let (credential, principal) = self.scope();
        self.secrets.set(&credential, &principal, parameter, value);
        self.changed = true;
    }

    /// The `Authorization` value the plan generates, fetching a token when none is cached.
    pub fn authorization(&mut self) -> Result<Option<String>, CalloutError> {
        match &self.route.plan {
            AuthPlan::None | AuthPlan::Custom => Ok(None),
            AuthPlan::Basic => Ok(Some(self.basic())),
            AuthPlan::OAuthBrowser(_) | AuthPlan::OAuthClientCredentials(_) | AuthPlan::OAuthJwtBearer(_) => {
                Ok(Some(format!("Bearer {}", self.access_token()?)))
            }
            AuthPlan::Jwt(mint) => {
                let key = self.signing_key(mint.signing_certificate.as_deref())?;
                let validity = mint.validity_seconds.map_or(jwt::DEFAULT_VALIDITY_SECS, i64::from);
                let claims = Claims {
                    body: &mint.body_claims,
                    header: &mint.header_claims,
                    now_secs: self.now_ms / 1000,
                    validity_secs: validity,
                };
                let token = jwt::mint(&claims, &key).map_err(CalloutError::callout)?;
                Ok(Some(format!("Bearer {token}")))
            }
            // An IAM user's signature covers the final request: the service signs it last.
            AuthPlan::AwsSv4(aws) if aws.variant == apex_credentials::AwsVariant::IamUser => Ok(None),
            AuthPlan::OAuthClientCredentialsJwt(_) | AuthPlan::JwtExchange { .. } | AuthPlan::AwsSv4(_) => {
                Err(CalloutError::unsupported(format!(
                    "the {} protocol of {} is not supported yet",
                    protocol_name(self.route),
                    self.route.named.name
                )))
            }
        }
    }

    /// Signs the final request for an IAM user's AWS Signature Version 4.
    pub fn sign_aws(
        &mut self,
        aws: &apex_credentials::AwsSigning,
        wire: &mut crate::transport::WireRequest,
    ) -> Result<(), CalloutError> {
        let access_key =
            aws.access_key_id.clone().or_else(|| self.secret(param::AWS_ACCESS_KEY_ID)).unwrap_or_default();
        let secret = self.secret(param::AWS_SECRET_ACCESS_KEY).unwrap_or_default();
        let key = crate::aws::SigningKey {
            access_key_id: &access_key,
            secret_access_key: &secret,
            region: aws.region.as_deref().unwrap_or("us-east-1"),
            service: aws.service.as_deref().unwrap_or("execute-api"),
        };
        crate::aws::sign(wire, &key, &crate::aws::amz_date(self.now_ms)).map_err(CalloutError::callout)?;
        self.trace.push("Authorization: AWS4-HMAC-SHA256 (signed)".into());
        Ok(())
    }

    fn basic(&self) -> String {
        let legacy = self.route.named.legacy.as_ref().and_then(|l| l.username.clone());
        let username = self.secret(param::USERNAME).or(legacy).unwrap_or_default();
        let password = self.secret(param::PASSWORD).unwrap_or_default();
        let pair = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
        format!("Basic {pair}")
    }

    /// The cached access token, or a new one from the plan's grant.
    fn access_token(&mut self) -> Result<String, CalloutError> {
        if let Some(token) = self.secret(param::OAUTH_TOKEN) {
            return Ok(token);
        }
        self.renew()?.ok_or_else(CalloutError::not_fully_configured)
    }

    /// A new access token after `refused` was refused: the refresh token for the browser
    /// flow, the grant again for the others. `None` when the browser flow has no refresh token,
    /// so the refusal stands. Renewals are serialized through the secret store's lock: one that
    /// finds a token another callout already renewed takes it instead of renewing again.
    pub fn renew_after(&mut self, refused: &str) -> Result<Option<String>, CalloutError> {
        let _lock = self.secrets.lock_and_reload().map_err(CalloutError::callout)?;
        if let Some(current) = self.secret(param::OAUTH_TOKEN).filter(|t| t != refused) {
            self.trace.push("another callout renewed the token meanwhile: using it".into());
            return Ok(Some(current));
        }
        let renewed = self.renew()?;
        if self.changed && self.persist {
            self.secrets.save_locked().map_err(CalloutError::callout)?;
            self.changed = false;
        }
        Ok(renewed)
    }

    /// A new access token from the plan's grant (see [`TokenWork::renew_after`]). The old
    /// token is forgotten only once a new one came.
    pub fn renew(&mut self) -> Result<Option<String>, CalloutError> {
        let token = match &self.route.plan {
            AuthPlan::OAuthBrowser(flow) => {
                let Some(refresh) = self.secret(param::REFRESH_TOKEN) else {
                    self.trace.push("no refresh token: the refusal stands".into());
                    return Ok(None);
                };
                self.refresh(flow, &refresh)?
            }
            AuthPlan::OAuthClientCredentials(cc) => self.client_credentials(cc)?,
            AuthPlan::OAuthJwtBearer(grant) => self.jwt_bearer(grant)?,
            _ => return Ok(None),
        };
        self.keep(param::OAUTH_TOKEN, &token);
        Ok(Some(token))
    }

    fn refresh(&mut self, flow: &BrowserFlow<'_>, refresh: &str) -> Result<String, CalloutError> {
        let client = self.provider_client(flow);
        self.trace.push(format!("refresh_token grant at {}", client.token_url));
        match oauth::fetch(&client, &Grant::Refresh { refresh_token: refresh }, &mut *self.transport) {
            Ok(token) => {
                // An org that rotates refresh tokens ends the old one with this answer.
                if let Some(rotated) = token.refresh_token.as_deref().filter(|r| *r != refresh) {
                    self.keep(param::REFRESH_TOKEN, rotated);
                }
                Ok(token.access_token)
            }
            Err(refused) => {
                self.trace.push(format!("refused: {}", describe(&refused)));
                Err(CalloutError::callout("The expired credentials couldn't be refreshed. Try again later."))
            }
        }
    }

    /// The OAuth client of an Auth Provider: its token URL, consumer key and stored secret.
    pub fn provider_client(&self, flow: &BrowserFlow<'_>) -> OAuthClient {
        let secret = flow.auth_provider_name.as_deref().and_then(|name| self.secrets.auth_provider_secret(name));
        match flow.auth_provider {
            Some(provider) => OAuthClient::for_provider(provider, secret),
            None => OAuthClient {
                token_url: apex_credentials::SALESFORCE_TOKEN_URL.into(),
                client_id: String::new(),
                client_secret: secret,
                basic_auth: false,
            },
        }
    }

    fn client_credentials(&mut self, cc: &apex_credentials::ClientCredentials) -> Result<String, CalloutError> {
        let client = OAuthClient {
            token_url: cc.token_url.clone(),
            client_id: self.secret(param::CLIENT_ID).unwrap_or_default(),
            client_secret: self.secret(param::CLIENT_SECRET),
            basic_auth: cc.secret_in == ClientSecretIn::BasicHeader,
        };
        self.trace.push(format!("client_credentials grant at {}", client.token_url));
        let grant = Grant::ClientCredentials { scope: cc.scope.as_deref() };
        oauth::fetch(&client, &grant, &mut *self.transport).map(|t| t.access_token).map_err(|refused| {
            CalloutError::callout(format!(
                "Unable to fetch the OAuth token. Error: {}. Error description: {}.",
                refused.error, refused.description
            ))
        })
    }

    fn jwt_bearer(&mut self, grant: &JwtGrant) -> Result<String, CalloutError> {
        let key = self.signing_key(grant.signing_certificate.as_deref())?;
        let claims = Claims {
            body: &grant.body_claims,
            header: &grant.header_claims,
            now_secs: self.now_ms / 1000,
            validity_secs: 180,
        };
        let assertion = jwt::mint(&claims, &key).map_err(CalloutError::callout)?;
        let client = OAuthClient {
            token_url: grant.token_url.clone(),
            client_id: String::new(),
            client_secret: None,
            basic_auth: false,
        };
        self.trace.push(format!("JWT bearer grant at {}", client.token_url));
        oauth::fetch(&client, &Grant::JwtBearer { assertion: &assertion }, &mut *self.transport)
            .map(|t| t.access_token)
            .map_err(|refused| {
                CalloutError::callout(format!(
                    "Unable to complete the JWT token exchange. Error: {}. Error description: {}.",
                    refused.error, refused.description
                ))
            })
    }

    /// The private key of the signing certificate (or of the principal when none is named).
    fn signing_key(&self, certificate: Option<&str>) -> Result<String, CalloutError> {
        let from_certificate = certificate.and_then(|c| self.secrets.get(c, CERTIFICATE_PRINCIPAL, PRIVATE_KEY));
        from_certificate.or_else(|| self.secret(PRIVATE_KEY)).ok_or_else(CalloutError::not_fully_configured)
    }
}

fn protocol_name(route: &NamedRoute<'_>) -> String {
    match route.external {
        Some(external) => external.protocol_name(),
        None => "legacy".into(),
    }
}

/// A refusal for the trace: the server's error code and description (never a secret).
pub fn describe(refused: &TokenError) -> String {
    if refused.error.is_empty() {
        return refused.description.clone();
    }
    format!("{}: {}", refused.error, refused.description)
}
