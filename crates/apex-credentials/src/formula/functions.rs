//! The credential formula functions (named-credentials reference, "Named Credential Formula
//! Functions"): BASE64ENCODE, BASE64DECODE, BLOB, HASH, HEX, HMAC, and HTMLENCODE for bodies.
//! A null argument gives null, as in Salesforce formulas. SIGN and SIGN_WITH_CERTIFICATE need
//! private keys the emulator does not hold and are reported as unsupported.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

use super::eval::Value;

/// Why a call failed: a mistake in the formula, or a function the emulator lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CallError {
    Invalid(String),
    Unsupported(String),
}

fn invalid<T>(message: impl Into<String>) -> Result<T, CallError> {
    Err(CallError::Invalid(message.into()))
}

/// Calls the function `name` (any case) with `args`.
pub(super) fn call(name: &str, args: Vec<Value>) -> Result<Value, CallError> {
    let upper = name.to_ascii_uppercase();
    match upper.as_str() {
        "BASE64ENCODE" => unary(&upper, args, |v| Ok(Value::Text(STANDARD.encode(blob(&upper, v)?)))),
        "BASE64DECODE" => unary(&upper, args, |v| base64_decode(&text(&upper, v)?)),
        "BLOB" => unary(&upper, args, |v| match v {
            Value::Text(text) => Ok(Value::Blob(text.into_bytes())),
            blob => Ok(blob),
        }),
        "HEX" => unary(&upper, args, |v| Ok(Value::Text(hex(&blob(&upper, v)?)))),
        "HTMLENCODE" => unary(&upper, args, |v| Ok(Value::Text(html_encode(&text(&upper, v)?)))),
        "HASH" => hash(args),
        "HMAC" => hmac(args),
        "SIGN" | "SIGN_WITH_CERTIFICATE" => {
            Err(CallError::Unsupported(format!("The credential formula function {upper} is not supported yet")))
        }
        _ => invalid(format!("unknown function {name}")),
    }
}

/// Checks the count, passes null through, and applies `f` to the one argument.
fn unary(name: &str, args: Vec<Value>, f: impl FnOnce(Value) -> Result<Value, CallError>) -> Result<Value, CallError> {
    let [value] = arity::<1>(name, args)?;
    if value == Value::Null {
        return Ok(Value::Null);
    }
    f(value)
}

fn arity<const N: usize>(name: &str, args: Vec<Value>) -> Result<[Value; N], CallError> {
    let count = args.len();
    args.try_into()
        .or_else(|_| invalid(format!("{name} takes {N} argument{}, not {count}", if N == 1 { "" } else { "s" })))
}

fn blob(function: &str, value: Value) -> Result<Vec<u8>, CallError> {
    match value {
        Value::Blob(bytes) => Ok(bytes),
        _ => invalid(format!("{function} takes a Blob; turn text into one with BLOB(...)")),
    }
}

fn text(function: &str, value: Value) -> Result<String, CallError> {
    match value {
        Value::Text(text) => Ok(text),
        _ => invalid(format!("{function} takes text, not a Blob")),
    }
}

fn base64_decode(text: &str) -> Result<Value, CallError> {
    match STANDARD.decode(text.trim()) {
        Ok(bytes) => Ok(Value::Blob(bytes)),
        Err(_) => invalid("BASE64DECODE: the text is not Base64"),
    }
}

/// Lower-case hexadecimal, as `EncodingUtil.convertToHex` gives.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn html_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Digest algorithms by the names `Crypto` and the formula docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Sha1,
    Sha256,
    Sha512,
}

/// `MD5`, `SHA1`/`SHA-1`, `SHA256`/`SHA-256`, `SHA512`/`SHA-512` in any case; HMAC also takes
/// the `Crypto.generateMac` names (`hmacSHA256`).
fn algorithm(function: &str, value: Value, hmac: bool) -> Result<Algorithm, CallError> {
    let name = text(function, value)?;
    let mut key = name.to_ascii_uppercase().replace('-', "");
    if hmac && key.starts_with("HMAC") {
        key.replace_range(..4, "");
    }
    match key.as_str() {
        "MD5" => Ok(Algorithm::Md5),
        "SHA1" => Ok(Algorithm::Sha1),
        "SHA256" => Ok(Algorithm::Sha256),
        "SHA512" => Ok(Algorithm::Sha512),
        _ => invalid(format!("{function}: unknown algorithm '{name}'; use MD5, SHA1, SHA-256 or SHA-512")),
    }
}

/// `HASH(algorithm, blob)`.
fn hash(args: Vec<Value>) -> Result<Value, CallError> {
    let [algorithm_name, value] = arity::<2>("HASH", args)?;
    let algorithm = algorithm("HASH", algorithm_name, false)?;
    if value == Value::Null {
        return Ok(Value::Null);
    }
    let data = blob("HASH", value)?;
    let digest = match algorithm {
        Algorithm::Md5 => Md5::digest(&data).to_vec(),
        Algorithm::Sha1 => Sha1::digest(&data).to_vec(),
        Algorithm::Sha256 => Sha256::digest(&data).to_vec(),
        Algorithm::Sha512 => Sha512::digest(&data).to_vec(),
    };
    Ok(Value::Blob(digest))
}

/// `HMAC(algorithm, valueToSign, secretSigningKey)`.
fn hmac(args: Vec<Value>) -> Result<Value, CallError> {
    let [algorithm_name, value, key] = arity::<3>("HMAC", args)?;
    let algorithm = algorithm("HMAC", algorithm_name, true)?;
    if value == Value::Null || key == Value::Null {
        return Ok(Value::Null);
    }
    let (data, key) = (blob("HMAC", value)?, blob("HMAC", key)?);
    let mac = match algorithm {
        Algorithm::Md5 => mac::<Hmac<Md5>>(&key, &data),
        Algorithm::Sha1 => mac::<Hmac<Sha1>>(&key, &data),
        Algorithm::Sha256 => mac::<Hmac<Sha256>>(&key, &data),
        Algorithm::Sha512 => mac::<Hmac<Sha512>>(&key, &data),
    };
    Ok(Value::Blob(mac))
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC takes keys of any length, so making one cannot fail.
    let Ok(mut mac) = <M as hmac::digest::KeyInit>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_value(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn blob_value(s: &str) -> Value {
        Value::Blob(s.as_bytes().to_vec())
    }

    fn hex_of(value: Value) -> String {
        match value {
            Value::Blob(bytes) => hex(&bytes),
            other => panic!("not a blob: {other:?}"),
        }
    }

    #[test]
    fn encodings_round_trip() {
        assert_eq!(call("base64encode", vec![blob_value("user:pass")]), Ok(text_value("dXNlcjpwYXNz")));
        assert_eq!(call("BASE64DECODE", vec![text_value("dXNlcjpwYXNz")]), Ok(blob_value("user:pass")));
        assert_eq!(call("HEX", vec![blob_value("\u{1}A")]), Ok(text_value("0141")));
        assert_eq!(call("HTMLENCODE", vec![text_value("<a&'\">")]), Ok(text_value("&lt;a&amp;&#39;&quot;&gt;")));
        assert_eq!(call("BLOB", vec![Value::Null]), Ok(Value::Null));
    }

    #[test]
    fn digests_match_known_vectors() {
        let sha256 = call("HASH", vec![text_value("SHA-256"), blob_value("abc")]).unwrap();
        assert_eq!(hex_of(sha256), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let md5 = call("HASH", vec![text_value("md5"), blob_value("abc")]).unwrap();
        assert_eq!(hex_of(md5), "900150983cd24fb0d6963f7d28e17f72");
        let sha1 = call("HASH", vec![text_value("SHA1"), blob_value("abc")]).unwrap();
        assert_eq!(hex_of(sha1), "a9993e364706816aba3e25717850c26c9cd0d89d");
        // RFC 4231 test case 2.
        let mac = call(
            "HMAC",
            vec![text_value("hmacSHA256"), blob_value("what do ya want for nothing?"), blob_value("Jefe")],
        );
        assert_eq!(hex_of(mac.unwrap()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn mistakes_are_explained() {
        let message = |result: Result<Value, CallError>| match result {
            Err(CallError::Invalid(message) | CallError::Unsupported(message)) => message,
            Ok(value) => panic!("no error: {value:?}"),
        };
        assert_eq!(message(call("NOPE", vec![])), "unknown function NOPE");
        assert_eq!(message(call("HEX", vec![])), "HEX takes 1 argument, not 0");
        assert_eq!(message(call("HEX", vec![text_value("a")])), "HEX takes a Blob; turn text into one with BLOB(...)");
        assert_eq!(
            message(call("HASH", vec![text_value("SHA-384"), blob_value("a")])),
            "HASH: unknown algorithm 'SHA-384'; use MD5, SHA1, SHA-256 or SHA-512"
        );
        assert_eq!(message(call("BASE64DECODE", vec![text_value("%%")])), "BASE64DECODE: the text is not Base64");
        assert_eq!(
            call("SIGN", vec![]),
            Err(CallError::Unsupported("The credential formula function SIGN is not supported yet".into()))
        );
    }
}
