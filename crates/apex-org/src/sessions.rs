//! Access and refresh tokens: minted in the platform's shape (`<orgId15>!<random>`, never
//! JWT-shaped, which jsforce would refuse), looked up on every REST call, expired after the
//! configured lifetime and revoked on request (a refresh token takes its access tokens with
//! it).

use apex_data::Id;
use rand::rngs::StdRng;
use rand::Rng;
use std::collections::HashMap;

/// Who a token speaks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub user_id: Id,
    pub client_id: String,
    pub scope: String,
    pub issued_ms: i64,
    pub expires_ms: i64,
    /// The refresh token this access token came from, if any.
    pub refresh: Option<String>,
    /// REST calls made with this token.
    pub calls: u64,
}

/// What a refresh token can mint.
#[derive(Clone, Debug, PartialEq)]
pub struct Grant {
    pub user_id: Id,
    pub client_id: String,
    pub scope: String,
}

/// An authorization code waiting to be exchanged for tokens (single use, short-lived).
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    pub grant: Grant,
    pub redirect_uri: String,
    /// PKCE: the challenge and its method (`S256` or `plain`).
    pub challenge: Option<(String, String)>,
    pub expires_ms: i64,
}

pub struct Sessions {
    access: HashMap<String, Session>,
    refresh: HashMap<String, Grant>,
    codes: HashMap<String, Code>,
    rng: StdRng,
}

/// Why a token is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    Unknown,
    Expired,
}

impl Sessions {
    pub fn new(rng: StdRng) -> Sessions {
        Sessions { access: HashMap::new(), refresh: HashMap::new(), codes: HashMap::new(), rng }
    }

    /// Mints an access token for `grant`, valid for `lifetime_ms`.
    pub fn issue(&mut self, org: &Id, grant: &Grant, refresh: Option<&str>, now_ms: i64, lifetime_ms: i64) -> String {
        let token = format!("{}!{}", org.short(), self.random(96));
        let session = Session {
            user_id: grant.user_id.clone(),
            client_id: grant.client_id.clone(),
            scope: grant.scope.clone(),
            issued_ms: now_ms,
            expires_ms: now_ms.saturating_add(lifetime_ms),
            refresh: refresh.map(str::to_string),
            calls: 0,
        };
        self.access.insert(token.clone(), session);
        token
    }

    /// Mints a refresh token for `grant`.
    pub fn issue_refresh(&mut self, org: &Id, grant: Grant) -> String {
        let token = format!("5Aep{}{}", &org.short()[3..], self.random(72));
        self.refresh.insert(token.clone(), grant);
        token
    }

    /// Mints an authorization code.
    pub fn issue_code(&mut self, code: Code) -> String {
        let text = format!("aPrx{}", self.random(64));
        self.codes.insert(text.clone(), code);
        text
    }

    /// Takes a code out (codes are single use); None when unknown, used or expired.
    pub fn take_code(&mut self, text: &str, now_ms: i64) -> Option<Code> {
        self.codes.remove(text).filter(|c| now_ms < c.expires_ms)
    }

    /// The session of a live access token.
    pub fn check(&self, token: &str, now_ms: i64) -> Result<&Session, Rejected> {
        match self.access.get(token) {
            None => Err(Rejected::Unknown),
            Some(s) if now_ms >= s.expires_ms => Err(Rejected::Expired),
            Some(s) => Ok(s),
        }
    }

    /// Counts a REST call made with a live token and returns the count.
    pub fn count_call(&mut self, token: &str) -> u64 {
        self.access.get_mut(token).map_or(0, |s| {
            s.calls += 1;
            s.calls
        })
    }

    /// A random number in `[0, 1)` for fault injection.
    pub fn chance(&mut self) -> f64 {
        self.rng.gen::<f64>()
    }

    pub fn grant(&self, refresh: &str) -> Option<&Grant> {
        self.refresh.get(refresh)
    }

    /// Revokes an access token, or a refresh token and every access token minted from it.
    /// False when the token is neither.
    pub fn revoke(&mut self, token: &str) -> bool {
        if self.access.remove(token).is_some() {
            return true;
        }
        if self.refresh.remove(token).is_none() {
            return false;
        }
        self.access.retain(|_, s| s.refresh.as_deref() != Some(token));
        true
    }

    /// Ends every access token now, as if its lifetime had run out (fault injection).
    pub fn expire_all(&mut self, now_ms: i64) {
        for session in self.access.values_mut() {
            session.expires_ms = session.expires_ms.min(now_ms);
        }
    }

    fn random(&mut self, len: usize) -> String {
        // No dots: three dot-separated parts would look like a JWT.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
        (0..len).map(|_| ALPHABET[self.rng.gen_range(0..ALPHABET.len())] as char).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn tokens_expire_and_revoking_a_refresh_token_ends_its_access_tokens() {
        let mut sessions = Sessions::new(StdRng::seed_from_u64(7));
        let org = Id::parse("00D000000000001").unwrap();
        let grant =
            Grant { user_id: Id::parse("005000000000001").unwrap(), client_id: "app".into(), scope: "api".into() };
        let refresh = sessions.issue_refresh(&org, grant.clone());
        let access = sessions.issue(&org, &grant, Some(&refresh), 1_000, 500);
        assert!(access.starts_with("00D000000000001!") && access.len() > 100 && !access.contains('.'));
        assert!(sessions.check(&access, 1_499).is_ok());
        assert_eq!(sessions.check(&access, 1_500), Err(Rejected::Expired));
        let second = sessions.issue(&org, &grant, Some(&refresh), 2_000, 500);
        assert!(sessions.revoke(&refresh));
        assert_eq!(sessions.check(&second, 2_001), Err(Rejected::Unknown));
        assert!(!sessions.revoke(&refresh), "a revoked token is gone");
    }
}
