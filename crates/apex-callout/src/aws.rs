//! AWS Signature Version 4 for the `AwsSv4` protocol with an IAM user's access key: the
//! canonical request, the string to sign and the derived signing key, added as `X-Amz-Date`
//! and `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
//! Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

use crate::transport::WireRequest;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Who signs, for which region and service.
pub struct SigningKey<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub region: &'a str,
    pub service: &'a str,
}

/// Signs `request` at `amz_date` (`20150830T123600Z`), adding its date and Authorization
/// headers. Signed headers: `host`, `x-amz-date`, and `content-type` when the request has one.
pub fn sign(request: &mut WireRequest, key: &SigningKey<'_>, amz_date: &str) -> Result<(), String> {
    let url = url::Url::parse(&request.url).map_err(|e| format!("AWS signing: {e}"))?;
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("x-amz-date") && !n.eq_ignore_ascii_case("authorization"));
    request.headers.push(("X-Amz-Date".into(), amz_date.into()));
    let mut signed: Vec<(String, String)> = vec![("host".into(), host), ("x-amz-date".into(), amz_date.into())];
    if let Some((_, value)) = request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        signed.push(("content-type".into(), value.trim().to_string()));
    }
    signed.sort();
    let names: Vec<&str> = signed.iter().map(|(n, _)| n.as_str()).collect();
    let canonical_headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let canonical = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{}\n{}",
        request.method.to_ascii_uppercase(),
        canonical_path(url.path(), key.service),
        canonical_query(url.query().unwrap_or("")),
        names.join(";"),
        hex(&Sha256::digest(&request.body))
    );
    let date = &amz_date[..8.min(amz_date.len())];
    let scope = format!("{date}/{}/{}/aws4_request", key.region, key.service);
    let to_sign = format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let mut signing = hmac(format!("AWS4{}", key.secret_access_key).as_bytes(), date.as_bytes());
    for part in [key.region, key.service, "aws4_request"] {
        signing = hmac(&signing, part.as_bytes());
    }
    let signature = hex(&hmac(&signing, to_sign.as_bytes()));
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
        key.access_key_id,
        names.join(";")
    );
    request.headers.push(("Authorization".into(), authorization));
    Ok(())
}

/// The path with each segment URI-encoded: once for S3, twice for every other service (the
/// path as sent is encoded already, and the canonical form encodes it again).
fn canonical_path(path: &str, service: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    let once = |segment: &str| encode(&apex_org::http::decode(segment, false));
    let twice = |segment: &str| if service == "s3" { once(segment) } else { encode(&once(segment)) };
    path.split('/').map(twice).collect::<Vec<_>>().join("/")
}

/// The query's pairs, each name and value URI-encoded, sorted.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        apex_org::http::parse_form(query).into_iter().map(|(n, v)| (encode(&n), encode(&v))).collect();
    pairs.sort();
    pairs.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("&")
}

/// RFC 3986 encoding: unreserved characters stay, everything else is `%XX`.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `20150830T123600Z` for milliseconds since the epoch.
pub fn amz_date(now_ms: i64) -> String {
    let iso = apex_data::calendar::iso_millis(now_ms);
    // 2015-08-30T12:36:00.000Z
    format!("{}{}{}T{}{}{}Z", &iso[0..4], &iso[5..7], &iso[8..10], &iso[11..13], &iso[14..16], &iso[17..19])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of AWS's Signature Version 4 documentation (IAM ListUsers).
    #[test]
    fn the_documented_example_signs_to_the_documented_signature() {
        let mut request = WireRequest {
            method: "GET".into(),
            url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08".into(),
            headers: vec![("Content-Type".into(), "application/x-www-form-urlencoded; charset=utf-8".into())],
            ..WireRequest::default()
        };
        let key = SigningKey {
            access_key_id: "AKIDEXAMPLE",
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region: "us-east-1",
            service: "iam",
        };
        sign(&mut request, &key, "20150830T123600Z").unwrap();
        let authorization = request.headers.iter().find(|(n, _)| n == "Authorization").unwrap().1.clone();
        assert_eq!(
            authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        );
    }

    #[test]
    fn the_date_header_has_the_basic_format() {
        assert_eq!(amz_date(1_440_938_160_000), "20150830T123600Z");
    }
}
