//! JWTs the runtime mints: the assertion of the JWT bearer grant and the per-callout token of
//! the non-OAuth JWT protocol, signed RS256 with a private key from the secret store.

use apex_credentials::NameValue;
use base64::Engine;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use serde_json::{json, Map, Value};

/// How long a minted JWT is valid unless the credential says otherwise: two minutes.
pub const DEFAULT_VALIDITY_SECS: i64 = 120;

/// What goes in one JWT.
pub struct Claims<'a> {
    pub body: &'a [NameValue],
    pub header: &'a [NameValue],
    pub now_secs: i64,
    pub validity_secs: i64,
}

/// The signed token `header.claims.signature`, or why the key cannot sign.
pub fn mint(claims: &Claims<'_>, private_key_pem: &str) -> Result<String, String> {
    let key = private_key(private_key_pem)?;
    let mut header = Map::new();
    header.insert("alg".into(), json!("RS256"));
    // The algorithm is fixed: a header claim may add `kid` and the like, never change `alg`.
    for claim in claims.header.iter().filter(|c| !c.name.eq_ignore_ascii_case("alg")) {
        header.insert(claim.name.clone(), json!(claim.value));
    }
    let mut body = Map::new();
    for claim in claims.body {
        body.insert(claim.name.clone(), json!(claim.value));
    }
    body.insert("iat".into(), json!(claims.now_secs));
    body.insert("nbf".into(), json!(claims.now_secs));
    body.insert("exp".into(), json!(claims.now_secs + claims.validity_secs));
    let signing_input = format!("{}.{}", encode_json(&Value::Object(header)), encode_json(&Value::Object(body)));
    let digest = <sha2::Sha256 as sha2::Digest>::digest(signing_input.as_bytes());
    let signature =
        key.sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &digest).map_err(|e| format!("cannot sign the JWT: {e}"))?;
    Ok(format!("{signing_input}.{}", base64url(&signature)))
}

fn private_key(pem: &str) -> Result<rsa::RsaPrivateKey, String> {
    rsa::RsaPrivateKey::from_pkcs8_pem(pem.trim())
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_pem(pem.trim()))
        .map_err(|_| "the signing key is not an RSA private key in PEM (PKCS#8 or PKCS#1)".to_string())
}

fn encode_json(value: &Value) -> String {
    base64url(value.to_string().as_bytes())
}

fn base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs8::{EncodePrivateKey, LineEnding};

    #[test]
    fn a_minted_token_carries_the_claims_and_verifies() {
        let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).unwrap();
        let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap();
        let body = [NameValue { name: "iss".into(), value: "client".into() }];
        let claims = Claims { body: &body, header: &[], now_secs: 1_700_000_000, validity_secs: 120 };
        let token = mint(&claims, &pem).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let decode = |p: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(p).unwrap();
        let claims: Value = serde_json::from_slice(&decode(parts[1])).unwrap();
        assert_eq!(claims["iss"], "client");
        assert_eq!(claims["exp"], 1_700_000_120);
        let digest = <sha2::Sha256 as sha2::Digest>::digest(format!("{}.{}", parts[0], parts[1]).as_bytes());
        let public = rsa::RsaPublicKey::from(&key);
        assert!(public.verify(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &digest, &decode(parts[2])).is_ok());
    }

    #[test]
    fn a_key_that_is_not_rsa_pem_is_refused() {
        let claims = Claims { body: &[], header: &[], now_secs: 0, validity_secs: 1 };
        assert!(mint(&claims, "not a key").unwrap_err().contains("not an RSA private key"));
    }
}
