//! A JWT bearer assertion (RFC 7523) taken apart: its header, claims and signature, each a
//! base64url part. Only RS256 is accepted, as the platform accepts only RS256.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Base64url with or without padding: RFC 7515 says without, some signers add it.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A well-formed RS256 JWT whose signature is not yet checked.
pub(crate) struct Assertion {
    claims: Map<String, Value>,
    /// `header.claims` as sent: the bytes the signature covers.
    signed: String,
    signature: Vec<u8>,
}

impl Assertion {
    /// Parses `text`, or says in a sentence what is wrong with it.
    pub fn parse(text: &str) -> Result<Assertion, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("no assertion was sent".into());
        }
        let parts: Vec<&str> = text.split('.').collect();
        let [header, claims, signature] = parts[..] else {
            return Err(format!("a JWT has three base64url parts separated by dots, this one has {}", parts.len()));
        };
        let header = json_part(header, "header")?;
        match header.get("alg").and_then(Value::as_str) {
            Some("RS256") => {}
            Some(other) => return Err(format!("the JWT header's alg is {other}, only RS256 is supported")),
            None => return Err("the JWT header has no alg, only RS256 is supported".into()),
        }
        let claims = json_part(claims, "claims")?;
        let signature = BASE64URL.decode(signature).map_err(|_| "the JWT signature is not base64url".to_string())?;
        let signed = text.rsplit_once('.').map_or("", |(signed, _)| signed).to_string();
        Ok(Assertion { claims, signed, signature })
    }

    /// A claim that is a string.
    pub fn text(&self, claim: &str) -> Option<&str> {
        self.claims.get(claim).and_then(Value::as_str)
    }

    /// Whether `key` made the signature (RSASSA-PKCS1-v1_5 over SHA-256).
    pub fn signed_by(&self, key: &RsaPublicKey) -> bool {
        let hash = Sha256::digest(self.signed.as_bytes());
        key.verify(Pkcs1v15Sign::new::<Sha256>(), &hash, &self.signature).is_ok()
    }

    /// Whether the `aud` claim (a string, or a list of them) names one of `accepted`; a
    /// trailing slash does not count.
    pub fn addressed_to(&self, accepted: &[&str]) -> bool {
        let matches = |aud: &Value| {
            aud.as_str()
                .is_some_and(|aud| accepted.iter().any(|a| a.trim_end_matches('/') == aud.trim_end_matches('/')))
        };
        match self.claims.get("aud") {
            Some(Value::Array(list)) => list.iter().any(matches),
            Some(aud) => matches(aud),
            None => false,
        }
    }

    /// Whether the `exp` claim (epoch seconds) is present and still ahead of `now_ms`.
    pub fn unexpired(&self, now_ms: i64) -> bool {
        let exp = self.claims.get("exp").and_then(Value::as_f64);
        exp.is_some_and(|exp| exp * 1000.0 > now_ms as f64)
    }

    /// The user the assertion is for: `prn` (the legacy claim, which wins) or `sub`.
    pub fn subject(&self) -> Option<&str> {
        self.text("prn").or_else(|| self.text("sub"))
    }
}

/// One base64url part that must hold a JSON object.
fn json_part(part: &str, what: &str) -> Result<Map<String, Value>, String> {
    let bytes = BASE64URL.decode(part).map_err(|_| format!("the JWT {what} is not base64url"))?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(format!("the JWT {what} is not a JSON object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(header: &str, claims: &str) -> String {
        let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        format!("{}.{}.{}", encode(header), encode(claims), encode("sig"))
    }

    #[test]
    fn malformed_assertions_say_what_is_wrong() {
        let error = |text: &str| Assertion::parse(text).err().unwrap();
        assert_eq!(error(""), "no assertion was sent");
        assert_eq!(error("a.b"), "a JWT has three base64url parts separated by dots, this one has 2");
        assert_eq!(error("!!.e30.e30"), "the JWT header is not base64url");
        assert_eq!(error(&jwt("[1]", "{}")), "the JWT header is not a JSON object");
        assert_eq!(error(&jwt(r#"{"alg":"HS256"}"#, "{}")), "the JWT header's alg is HS256, only RS256 is supported");
        assert_eq!(error(&jwt("{}", "{}")), "the JWT header has no alg, only RS256 is supported");
        assert_eq!(error(&jwt(r#"{"alg":"RS256"}"#, "nope")), "the JWT claims is not a JSON object");
        let bad_signature = format!("{}.*", jwt(r#"{"alg":"RS256"}"#, "{}").rsplit_once('.').unwrap().0);
        assert_eq!(error(&bad_signature), "the JWT signature is not base64url");
    }

    #[test]
    fn claims_are_read_as_the_platform_reads_them() {
        let claims = r#"{"sub":"a@x","prn":"b@x","aud":["x","https://login.salesforce.com/"],"exp":1700000000}"#;
        let assertion = Assertion::parse(&jwt(r#"{"alg":"RS256"}"#, claims)).unwrap();
        assert_eq!(assertion.subject(), Some("b@x"), "prn wins over sub");
        assert!(assertion.addressed_to(&["https://login.salesforce.com"]));
        assert!(!assertion.addressed_to(&["https://test.salesforce.com"]));
        assert!(assertion.unexpired(1_699_999_999_999));
        assert!(!assertion.unexpired(1_700_000_000_000));
        let text_exp = Assertion::parse(&jwt(r#"{"alg":"RS256"}"#, r#"{"exp":"1700000000"}"#)).unwrap();
        assert!(!text_exp.unexpired(0), "exp must be a number");
    }
}
