//! `System.Crypto`: digests, HMACs, RSA signatures (what JWT bearer flows use), random numbers,
//! AES keys and AES-CBC encryption with PKCS#5 padding, with or without a managed IV (the IV is
//! then the first 16 bytes of the cipher text).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_crypto.htm

use super::args::{blob, integer, text};
use super::{ret, Native};
use crate::eval::{Interp, SysExc, Throw};
use crate::value::Value;
use hmac::Mac;
use std::rc::Rc;

pub static STATIC: &[Native] = &[
    Native::pure("generatedigest", 2, ret::BLOB, generate_digest),
    Native::pure("generatemac", 3, ret::BLOB, generate_mac),
    Native::pure("sign", 3, ret::BLOB, sign),
    Native::pure("verify", 4, ret::BOOLEAN, verify),
    Native::interp("getrandominteger", 0, ret::INTEGER, |i, _| Ok(Value::Integer(i32::from_le_bytes(random::<4>(i))))),
    Native::interp("getrandomlong", 0, ret::LONG, |i, _| Ok(Value::Long(i64::from_le_bytes(random::<8>(i))))),
    Native::interp("generateaeskey", 1, ret::BLOB, generate_aes_key),
    Native::interp("encryptwithmanagediv", 3, ret::BLOB, encrypt_with_managed_iv),
    Native::pure("decryptwithmanagediv", 3, ret::BLOB, decrypt_with_managed_iv),
    Native::pure("encrypt", 4, ret::BLOB, encrypt),
    Native::pure("decrypt", 4, ret::BLOB, decrypt),
];

/// `N` random bytes from the host.
fn random<const N: usize>(interp: &mut Interp) -> [u8; N] {
    let mut bytes = [0u8; N];
    interp.host.random_bytes(&mut bytes);
    bytes
}

fn blob_value(bytes: Vec<u8>) -> Value {
    Value::Blob(Rc::new(bytes))
}

fn invalid_algorithm(name: &str) -> Throw {
    Throw::sys(SysExc::InvalidParameterValue, format!("Invalid algorithm: {name}"))
}

fn generate_digest(args: &[Value]) -> Result<Value, Throw> {
    let algorithm = text(args, 0)?;
    let input = blob(args, 1)?;
    digest(algorithm, input).map(blob_value).ok_or_else(|| invalid_algorithm(algorithm))
}

/// MD5, SHA1, SHA-256 and SHA-512 (names case-insensitive).
pub fn digest(algorithm: &str, input: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match algorithm.to_ascii_uppercase().as_str() {
        "MD5" => md5::Md5::digest(input).to_vec(),
        "SHA1" | "SHA-1" => sha1::Sha1::digest(input).to_vec(),
        "SHA-256" | "SHA256" => sha2::Sha256::digest(input).to_vec(),
        "SHA-384" | "SHA384" => sha2::Sha384::digest(input).to_vec(),
        "SHA-512" | "SHA512" => sha2::Sha512::digest(input).to_vec(),
        _ => return None,
    })
}

fn generate_mac(args: &[Value]) -> Result<Value, Throw> {
    let algorithm = text(args, 0)?;
    let (input, key) = (blob(args, 1)?, blob(args, 2)?);
    mac(algorithm, input, key).map(blob_value).ok_or_else(|| invalid_algorithm(algorithm))
}

/// hmacMD5, hmacSHA1, hmacSHA256 and hmacSHA512.
pub fn mac(algorithm: &str, input: &[u8], key: &[u8]) -> Option<Vec<u8>> {
    fn run<M: Mac + hmac::digest::KeyInit>(input: &[u8], key: &[u8]) -> Option<Vec<u8>> {
        let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key).ok()?;
        mac.update(input);
        Some(mac.finalize().into_bytes().to_vec())
    }
    match algorithm.to_ascii_lowercase().as_str() {
        "hmacmd5" => run::<hmac::Hmac<md5::Md5>>(input, key),
        "hmacsha1" => run::<hmac::Hmac<sha1::Sha1>>(input, key),
        "hmacsha256" => run::<hmac::Hmac<sha2::Sha256>>(input, key),
        "hmacsha384" => run::<hmac::Hmac<sha2::Sha384>>(input, key),
        "hmacsha512" => run::<hmac::Hmac<sha2::Sha512>>(input, key),
        _ => None,
    }
}

fn sign(args: &[Value]) -> Result<Value, Throw> {
    let algorithm = text(args, 0)?;
    let (input, key) = (blob(args, 1)?, blob(args, 2)?);
    rsa_sign(algorithm, input, key).map(blob_value)
}

/// RSA PKCS#1 v1.5 signature with a PKCS#8 DER private key: RSA-SHA1 (also `RSA`),
/// RSA-SHA256, RSA-SHA384 and RSA-SHA512.
pub fn rsa_sign(algorithm: &str, input: &[u8], key: &[u8]) -> Result<Vec<u8>, Throw> {
    use rsa::pkcs8::DecodePrivateKey;
    let key = rsa::RsaPrivateKey::from_pkcs8_der(key).map_err(|_| {
        Throw::sys(SysExc::InvalidParameterValue, "Invalid private key: expected an RSA key in PKCS#8 DER form")
    })?;
    let scheme = pkcs1_scheme(algorithm).ok_or_else(|| invalid_algorithm(algorithm))?;
    let hash = digest(hash_name(algorithm), input).ok_or_else(|| invalid_algorithm(algorithm))?;
    key.sign(scheme, &hash).map_err(|e| Throw::sys(SysExc::InvalidParameterValue, format!("Cannot sign: {e}")))
}

fn verify(args: &[Value]) -> Result<Value, Throw> {
    use rsa::pkcs8::DecodePublicKey;
    let algorithm = text(args, 0)?;
    let (input, signature, key) = (blob(args, 1)?, blob(args, 2)?, blob(args, 3)?);
    let key = rsa::RsaPublicKey::from_public_key_der(key).map_err(|_| {
        Throw::sys(SysExc::InvalidParameterValue, "Invalid public key: expected an RSA key in X.509 DER form")
    })?;
    let scheme = pkcs1_scheme(algorithm).ok_or_else(|| invalid_algorithm(algorithm))?;
    let hash = digest(hash_name(algorithm), input).ok_or_else(|| invalid_algorithm(algorithm))?;
    Ok(Value::Boolean(key.verify(scheme, &hash, signature).is_ok()))
}

fn hash_name(algorithm: &str) -> &'static str {
    match algorithm.to_ascii_uppercase().as_str() {
        "RSA-SHA256" => "SHA-256",
        "RSA-SHA384" => "SHA-384",
        "RSA-SHA512" => "SHA-512",
        _ => "SHA1",
    }
}

fn pkcs1_scheme(algorithm: &str) -> Option<rsa::Pkcs1v15Sign> {
    Some(match algorithm.to_ascii_uppercase().as_str() {
        "RSA" | "RSA-SHA1" => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
        "RSA-SHA256" => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
        "RSA-SHA384" => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
        "RSA-SHA512" => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        _ => return None,
    })
}

fn generate_aes_key(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let bits = integer(args, 0)?;
    if !matches!(bits, 128 | 192 | 256) {
        return Err(Throw::sys(SysExc::InvalidParameterValue, format!("Invalid key size: {bits}")));
    }
    let mut key = vec![0u8; bits as usize / 8];
    interp.host.random_bytes(&mut key);
    Ok(blob_value(key))
}

fn encrypt_with_managed_iv(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let (algorithm, key, clear) = (text(args, 0)?, blob(args, 1)?, blob(args, 2)?);
    let iv = random::<16>(interp);
    let mut out = iv.to_vec();
    out.extend(aes_cbc(algorithm, key, &iv, clear, Direction::Encrypt)?);
    Ok(blob_value(out))
}

fn decrypt_with_managed_iv(args: &[Value]) -> Result<Value, Throw> {
    let (algorithm, key, data) = (text(args, 0)?, blob(args, 1)?, blob(args, 2)?);
    if data.len() < 16 {
        return Err(Throw::sys(
            SysExc::InvalidParameterValue,
            "Input data is too short to hold an initialization vector",
        ));
    }
    let (iv, cipher) = data.split_at(16);
    aes_cbc(algorithm, key, iv, cipher, Direction::Decrypt).map(blob_value)
}

fn encrypt(args: &[Value]) -> Result<Value, Throw> {
    let (algorithm, key, iv, clear) = (text(args, 0)?, blob(args, 1)?, blob(args, 2)?, blob(args, 3)?);
    aes_cbc(algorithm, key, iv, clear, Direction::Encrypt).map(blob_value)
}

fn decrypt(args: &[Value]) -> Result<Value, Throw> {
    let (algorithm, key, iv, data) = (text(args, 0)?, blob(args, 1)?, blob(args, 2)?, blob(args, 3)?);
    aes_cbc(algorithm, key, iv, data, Direction::Decrypt).map(blob_value)
}

#[derive(Clone, Copy)]
enum Direction {
    Encrypt,
    Decrypt,
}

/// AES in CBC mode with PKCS#5 padding; the key length must match `AES128`/`AES192`/`AES256`.
fn aes_cbc(algorithm: &str, key: &[u8], iv: &[u8], data: &[u8], direction: Direction) -> Result<Vec<u8>, Throw> {
    let bits = match algorithm.to_ascii_uppercase().as_str() {
        "AES128" => 128,
        "AES192" => 192,
        "AES256" => 256,
        _ => return Err(invalid_algorithm(algorithm)),
    };
    let bad = |what: String| Throw::sys(SysExc::InvalidParameterValue, what);
    if key.len() * 8 != bits {
        return Err(bad(format!("Invalid private key. Must be {} bytes.", bits / 8)));
    }
    if iv.len() != 16 {
        return Err(bad("Invalid initialization vector. Must be 16 bytes.".into()));
    }
    match (bits, direction) {
        (128, d) => run_cbc::<aes::Aes128>(key, iv, data, d),
        (192, d) => run_cbc::<aes::Aes192>(key, iv, data, d),
        (_, d) => run_cbc::<aes::Aes256>(key, iv, data, d),
    }
}

fn run_cbc<C>(key: &[u8], iv: &[u8], data: &[u8], direction: Direction) -> Result<Vec<u8>, Throw>
where
    C: aes::cipher::BlockCipher + aes::cipher::BlockEncrypt + aes::cipher::BlockDecrypt + aes::cipher::KeyInit,
{
    use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
    let wrong = || Throw::sys(SysExc::InvalidParameterValue, "Invalid key or initialization vector");
    match direction {
        Direction::Encrypt => {
            let cipher = cbc::Encryptor::<C>::new_from_slices(key, iv).map_err(|_| wrong())?;
            Ok(cipher.encrypt_padded_vec_mut::<Pkcs7>(data))
        }
        Direction::Decrypt => {
            let cipher = cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| wrong())?;
            cipher.decrypt_padded_vec_mut::<Pkcs7>(data).map_err(|_| {
                Throw::sys(
                    SysExc::InvalidParameterValue,
                    "Unable to decrypt: the data, key or initialization vector is wrong",
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stdlib::encoding_util::to_hex;

    #[test]
    fn digests_match_published_test_vectors() {
        assert_eq!(to_hex(&digest("MD5", b"abc").unwrap()), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(to_hex(&digest("SHA1", b"abc").unwrap()), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            to_hex(&digest("SHA-256", b"abc").unwrap()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(digest("SHA-999", b"abc").is_none());
    }

    #[test]
    fn hmac_sha256_matches_rfc_4231_case_2() {
        let out = mac("hmacSHA256", b"what do ya want for nothing?", b"Jefe").unwrap();
        assert_eq!(to_hex(&out), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn aes_round_trips_and_refuses_the_wrong_key() {
        let key = [7u8; 32];
        let iv = [1u8; 16];
        let sealed = aes_cbc("AES256", &key, &iv, b"secret text", Direction::Encrypt).unwrap();
        assert_eq!(sealed.len(), 16);
        let opened = aes_cbc("AES256", &key, &iv, &sealed, Direction::Decrypt).unwrap();
        assert_eq!(opened, b"secret text");
        assert!(aes_cbc("AES128", &key, &iv, b"x", Direction::Encrypt).is_err());
    }
}
