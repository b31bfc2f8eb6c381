//! The RSA public key of an X.509 certificate in PEM form, as a Connected App holds it for
//! the JWT bearer flow: `pem` decodes the text, `der` walks the certificate down to its
//! SubjectPublicKeyInfo, and `rsa` reads the key from that.

use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;

/// The RSA public key of the PEM certificate `text`, or why it has none. Lines may be
/// indented, as they are when the PEM sits inside an XML element.
pub(crate) fn public_key(text: &str) -> Result<RsaPublicKey, String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let block = pem::parse(lines.join("\n"))
        .map_err(|_| "not a PEM certificate (no well-formed -----BEGIN CERTIFICATE----- block)".to_string())?;
    if block.tag() != "CERTIFICATE" {
        return Err(format!("a PEM {} block, not a CERTIFICATE", block.tag()));
    }
    let key_info = subject_public_key_info(block.contents()).map_err(|e| format!("not an X.509 certificate ({e})"))?;
    RsaPublicKey::from_public_key_der(key_info).map_err(|e| format!("the certificate's key is not an RSA key ({e})"))
}

/// The DER of the SubjectPublicKeyInfo in a certificate (RFC 5280 §4.1):
/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }` and
/// `tbsCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
/// validity, subject, subjectPublicKeyInfo, ... }`.
fn subject_public_key_info(certificate: &[u8]) -> der::Result<&[u8]> {
    let certificate = AnyRef::from_der(certificate)?;
    certificate.tag().assert_eq(Tag::Sequence)?;
    let mut parts = SliceReader::new(certificate.value())?;
    let tbs = AnyRef::decode(&mut parts)?;
    tbs.tag().assert_eq(Tag::Sequence)?;
    let mut fields = SliceReader::new(tbs.value())?;
    let version = Tag::ContextSpecific { constructed: true, number: TagNumber::N0 };
    if fields.peek_tag()? == version {
        fields.tlv_bytes()?;
    }
    // The serial number, signature algorithm, issuer, validity and subject come first.
    for _ in 0..5 {
        fields.tlv_bytes()?;
    }
    fields.tlv_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CERT: &str = include_str!("../tests/fixtures/jwt-test-cert.pem");
    const KEY: &str = include_str!("../tests/fixtures/jwt-test-key.pem");

    #[test]
    fn reads_the_key_of_a_certificate_even_when_indented() {
        let key = public_key(CERT).unwrap();
        let indented: String = CERT.lines().map(|l| format!("        {l}\n")).collect();
        assert_eq!(public_key(&indented).unwrap(), key);
    }

    #[test]
    fn says_why_a_text_has_no_key() {
        assert!(public_key("hello").unwrap_err().starts_with("not a PEM certificate"));
        assert_eq!(public_key(KEY).unwrap_err(), "a PEM PRIVATE KEY block, not a CERTIFICATE");
        let garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(public_key(garbage).unwrap_err().starts_with("not an X.509 certificate"), "{:?}", public_key(garbage));
    }
}
