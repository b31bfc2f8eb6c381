//! `System.EncodingUtil`: Base64, URL encoding with Java `URLEncoder` semantics (space is `+`,
//! only `A-Z a-z 0-9 . - * _` stay as they are) and hexadecimal.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_encodingUtil.htm

use super::args::{blob, text};
use super::{ret, Native};
use crate::eval::{SysExc, Throw};
use crate::value::Value;
use base64::engine::{general_purpose, DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use std::rc::Rc;

pub static STATIC: &[Native] = &[
    Native::pure("base64encode", 1, ret::STRING, base64_encode),
    Native::pure("base64decode", 1, ret::BLOB, base64_decode),
    Native::pure("urlencode", 2, ret::STRING, url_encode),
    Native::pure("urldecode", 2, ret::STRING, url_decode),
    Native::pure("converttohex", 1, ret::STRING, convert_to_hex),
    Native::pure("convertfromhex", 1, ret::BLOB, convert_from_hex),
];

/// Decoding accepts text with or without `=` padding, as the platform does.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn base64_encode(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::string(encode_base64(blob(args, 0)?)))
}

/// Standard Base64 with `=` padding, as `EncodingUtil.base64Encode` writes it.
pub fn encode_base64(bytes: &[u8]) -> String {
    general_purpose::STANDARD.encode(bytes)
}

fn base64_decode(args: &[Value]) -> Result<Value, Throw> {
    let text = text(args, 0)?;
    decode_base64(text).map(|bytes| Value::Blob(Rc::new(bytes)))
}

/// Base64 text to bytes; a character outside the alphabet is a StringException naming it.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, Throw> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if let Some(bad) = compact.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))) {
        return Err(Throw::sys(SysExc::String, format!("Unrecognized base64 character: {bad}")));
    }
    LENIENT.decode(compact.as_bytes()).map_err(|e| Throw::sys(SysExc::String, format!("Invalid base64 text: {e}")))
}

fn url_encode(args: &[Value]) -> Result<Value, Throw> {
    let text = text(args, 0)?;
    check_charset(args)?;
    Ok(Value::string(url_encode_text(text)))
}

/// Java's `URLEncoder.encode(text, "UTF-8")`.
pub fn url_encode_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => out.push(byte as char),
            b' ' => out.push('+'),
            other => {
                out.push('%');
                out.push(HEX_UPPER[(other >> 4) as usize] as char);
                out.push(HEX_UPPER[(other & 15) as usize] as char);
            }
        }
    }
    out
}

fn url_decode(args: &[Value]) -> Result<Value, Throw> {
    let text = text(args, 0)?;
    check_charset(args)?;
    url_decode_text(text).map(Value::string)
}

/// Java's `URLDecoder.decode(text, "UTF-8")`: `+` is a space, `%XX` a byte; a broken escape
/// is an IllegalArgumentException with Java's message.
pub fn url_decode_text(text: &str) -> Result<String, Throw> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'+' => out.push(b' '),
            b'%' => {
                let pair = bytes
                    .get(at + 1..at + 3)
                    .ok_or_else(|| illegal("URLDecoder: Incomplete trailing escape (%) pattern".to_string()))?;
                let high = (pair[0] as char).to_digit(16);
                let low = (pair[1] as char).to_digit(16);
                let (Some(high), Some(low)) = (high, low) else {
                    return Err(illegal(format!(
                        "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: \"{}\"",
                        String::from_utf8_lossy(pair)
                    )));
                };
                out.push((high * 16 + low) as u8);
                at += 2;
            }
            other => out.push(other),
        }
        at += 1;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn illegal(message: String) -> Throw {
    Throw::sys(SysExc::IllegalArgument, message)
}

/// Only UTF-8 is supported; the platform accepts the other Java charsets too.
fn check_charset(args: &[Value]) -> Result<(), Throw> {
    let charset = text(args, 1)?;
    if charset.eq_ignore_ascii_case("UTF-8") || charset.eq_ignore_ascii_case("UTF8") {
        return Ok(());
    }
    Err(Throw::unsupported(format!("EncodingUtil with the charset {charset}")))
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn convert_to_hex(args: &[Value]) -> Result<Value, Throw> {
    Ok(Value::string(to_hex(blob(args, 0)?)))
}

/// Lower-case hexadecimal, two digits per byte.
pub fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

fn convert_from_hex(args: &[Value]) -> Result<Value, Throw> {
    let text = text(args, 0)?;
    let invalid = || Throw::sys(SysExc::InvalidParameterValue, format!("Invalid hex string: {text}"));
    if text.len() % 2 != 0 {
        return Err(invalid());
    }
    let digits: Option<Vec<u32>> = text.chars().map(|c| c.to_digit(16)).collect();
    let digits = digits.ok_or_else(invalid)?;
    let bytes = digits.chunks(2).map(|pair| (pair[0] * 16 + pair[1]) as u8).collect();
    Ok(Value::Blob(Rc::new(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_follows_java_url_encoder() {
        assert_eq!(url_encode_text("a b&c=d/é*~"), "a+b%26c%3Dd%2F%C3%A9*%7E");
        assert_eq!(url_decode_text("a+b%26c%3Dd%2F%C3%A9*%7E").unwrap().as_str(), "a b&c=d/é*~");
        assert!(url_decode_text("%G1").is_err());
        assert!(url_decode_text("abc%4").is_err());
    }

    #[test]
    fn base64_decoding_is_lenient_about_padding_but_not_about_characters() {
        assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
        assert_eq!(decode_base64("aGk").unwrap(), b"hi");
        assert!(decode_base64("a$Gk").is_err());
    }
}
