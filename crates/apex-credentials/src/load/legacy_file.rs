//! The authentication settings of a legacy named credential (`protocol`, `principalType`,
//! `username`, `authProvider`, JWT and AWS fields). Secret fields are deliberately not read.

use apex_data::metadata_xml::{Element, Fault};

use super::read::{choice, number, required_child, text};
use super::{Link, Target};
use crate::named::{LegacyAuth, LegacyAws, LegacyJwt, LegacyPrincipalType, LegacyProtocol};

const PROTOCOLS: [(&str, LegacyProtocol); 6] = [
    ("NoAuthentication", LegacyProtocol::NoAuthentication),
    ("Password", LegacyProtocol::Password),
    ("Oauth", LegacyProtocol::Oauth),
    ("Jwt", LegacyProtocol::Jwt),
    ("JwtExchange", LegacyProtocol::JwtExchange),
    ("AwsSv4", LegacyProtocol::AwsSv4),
];

const PRINCIPAL_TYPES: [(&str, LegacyPrincipalType); 3] = [
    ("Anonymous", LegacyPrincipalType::Anonymous),
    ("NamedUser", LegacyPrincipalType::NamedUser),
    ("PerUser", LegacyPrincipalType::PerUser),
];

/// The legacy authentication of `root`, adding its Auth Provider reference to `links`.
/// Without a `protocol` there is no authentication; without a `principalType` a credential
/// with a protocol acts as a named user, one without as anonymous.
pub(super) fn read(root: &Element, links: &mut Vec<Link>) -> Result<LegacyAuth, Fault> {
    let protocol = choice(root, "protocol", &PROTOCOLS)?.unwrap_or(LegacyProtocol::NoAuthentication);
    let principal_type = match choice(root, "principalType", &PRINCIPAL_TYPES)? {
        Some(principal_type) => principal_type,
        None if protocol == LegacyProtocol::NoAuthentication => LegacyPrincipalType::Anonymous,
        None => LegacyPrincipalType::NamedUser,
    };
    let auth_provider = auth_provider(root, protocol, links)?;
    let jwt = jwt(root)?;
    if protocol == LegacyProtocol::JwtExchange && jwt.token_endpoint_url.is_none() {
        return Err(at_protocol(root, "a Legacy JwtExchange named credential needs <authTokenEndpointUrl>"));
    }
    Ok(LegacyAuth {
        principal_type,
        protocol,
        username: text(root, "username"),
        auth_provider,
        oauth_scope: text(root, "oauthScope"),
        jwt,
        aws: LegacyAws {
            access_key: text(root, "awsAccessKey"),
            region: text(root, "awsRegion"),
            service: text(root, "awsService"),
        },
    })
}

/// The `<authProvider>`, which an Oauth credential must have.
fn auth_provider(root: &Element, protocol: LegacyProtocol, links: &mut Vec<Link>) -> Result<Option<String>, Fault> {
    if protocol != LegacyProtocol::Oauth {
        return Ok(text(root, "authProvider"));
    }
    let element = required_child(root, "authProvider", "a Legacy Oauth named credential")
        .map_err(|f| at_protocol(root, f.message))?;
    let name = element.text().to_string();
    links.push(Link { offset: element.offset, target: Target::AuthProvider(name.clone()) });
    Ok(Some(name))
}

fn jwt(root: &Element) -> Result<LegacyJwt, Fault> {
    Ok(LegacyJwt {
        issuer: text(root, "jwtIssuer"),
        audience: text(root, "jwtAudience"),
        text_subject: text(root, "jwtTextSubject"),
        formula_subject: text(root, "jwtFormulaSubject"),
        signing_certificate: text(root, "jwtSigningCertificate"),
        validity_seconds: number(root, "jwtValidityPeriodSeconds")?,
        token_endpoint_url: text(root, "authTokenEndpointUrl"),
    })
}

/// A fault at `<protocol>`, whose value asks for what is missing.
fn at_protocol(root: &Element, message: impl Into<String>) -> Fault {
    let offset = root.child("protocol").map_or(root.offset, |p| p.offset);
    Fault::new(offset, message)
}
