//! What an external credential's protocol allows and requires: its spelling, its variants, and
//! the parameter types it cannot do without, with the platform's deploy message.

use apex_data::metadata_xml::{Element, Fault};

use super::read::{one_of, required_child, spellings};
use crate::external::{ExternalCredential, PrincipalType, Protocol, Variant};

/// The kinds of `externalCredentialParameters` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ParameterType {
    Principal(PrincipalType),
    AuthProtocolVariant,
    AuthProvider,
    ExternalAuthIdentityProvider,
    AuthProviderUrl,
    AuthProviderUrlQueryParameter,
    AuthParameter,
    AuthHeader,
    JwtBodyClaim,
    JwtHeaderClaim,
    SigningCertificate,
    AdditionalRefreshStatusCode,
    /// Packaging and internal entries.
    Ignored,
}

pub(super) const PARAMETER_TYPES: [(&str, ParameterType); 20] = [
    ("NamedPrincipal", ParameterType::Principal(PrincipalType::NamedPrincipal)),
    ("PerUserPrincipal", ParameterType::Principal(PrincipalType::PerUserPrincipal)),
    ("AwsStsPrincipal", ParameterType::Principal(PrincipalType::AwsStsPrincipal)),
    ("AuthProtocolVariant", ParameterType::AuthProtocolVariant),
    ("AuthProvider", ParameterType::AuthProvider),
    ("ExternalAuthIdentityProvider", ParameterType::ExternalAuthIdentityProvider),
    ("AuthProviderUrl", ParameterType::AuthProviderUrl),
    ("AuthProviderUrlQueryParameter", ParameterType::AuthProviderUrlQueryParameter),
    ("AuthParameter", ParameterType::AuthParameter),
    ("AuthHeader", ParameterType::AuthHeader),
    ("JwtBodyClaim", ParameterType::JwtBodyClaim),
    ("JwtHeaderClaim", ParameterType::JwtHeaderClaim),
    ("SigningCertificate", ParameterType::SigningCertificate),
    ("AdditionalRefreshStatusCode", ParameterType::AdditionalRefreshStatusCode),
    ("CreatedByNamespace", ParameterType::Ignored),
    ("GlobalNamedPrincipal", ParameterType::Ignored),
    ("ManagedByComponent", ParameterType::Ignored),
    ("ManagedByFeature", ParameterType::Ignored),
    ("SfHttpRequestExtensionName", ParameterType::Ignored),
    ("SystemUserPrincipal", ParameterType::Ignored),
];

const PROTOCOLS: [(&str, Protocol); 5] = [
    ("AwsSv4", Protocol::AwsSv4),
    ("Basic", Protocol::Basic),
    ("Custom", Protocol::Custom),
    ("Jwt", Protocol::Jwt),
    ("Oauth", Protocol::Oauth),
];

/// Protocols of the metadata enum that only legacy named credentials use.
const LEGACY_PROTOCOLS: [&str; 3] = ["JwtExchange", "NoAuthentication", "Password"];

/// The protocol `<authenticationProtocol>` spells.
pub(super) fn protocol(element: &Element) -> Result<Protocol, Fault> {
    let text = element.text();
    if LEGACY_PROTOCOLS.contains(&text) {
        let message = format!(
            "<authenticationProtocol>: '{text}' is for Legacy named credentials; an external credential uses one of {}",
            spellings(&PROTOCOLS)
        );
        return Err(Fault::new(element.offset, message));
    }
    one_of(element, &PROTOCOLS)
}

/// The variants each protocol has.
fn variants(protocol: Protocol) -> &'static [(&'static str, Variant)] {
    match protocol {
        Protocol::Oauth => &[
            ("ClientCredentialsClientSecret", Variant::ClientCredentialsClientSecret),
            ("ClientCredentialsClientSecretBasic", Variant::ClientCredentialsClientSecretBasic),
            ("ClientCredentialsJwtAssertion", Variant::ClientCredentialsJwtAssertion),
            ("JwtBearer", Variant::JwtBearer),
        ],
        Protocol::AwsSv4 => &[("AwsSv4_STS", Variant::AwsSv4Sts), ("RolesAnywhere", Variant::RolesAnywhere)],
        Protocol::Custom => &[("NoAuthentication", Variant::NoAuthentication)],
        Protocol::Basic | Protocol::Jwt => &[],
    }
}

/// The variant an `AuthProtocolVariant` entry names, which must be one of `protocol`'s.
pub(super) fn variant(protocol: Protocol, entry: &Element) -> Result<Variant, Fault> {
    let value = required_child(entry, "parameterValue", "an AuthProtocolVariant parameter")?;
    let options = variants(protocol);
    if options.is_empty() {
        let message =
            format!("<parameterValue>: the {} protocol has no variants, not '{}'", protocol.name(), value.text());
        return Err(Fault::new(value.offset, message));
    }
    let text = value.text();
    if let Some((_, variant)) = options.iter().find(|(spelling, _)| *spelling == text) {
        return Ok(*variant);
    }
    let hint = match options.iter().find(|(spelling, _)| spelling.eq_ignore_ascii_case(text)) {
        Some((spelling, _)) => format!("did you mean '{spelling}'?"),
        None => format!("expected one of {}", spellings(options)),
    };
    let message = format!("<parameterValue>: '{text}' is not a variant of {}; {hint}", protocol.name());
    Err(Fault::new(value.offset, message))
}

/// The parameter types `protocol` with `variant` cannot do without, in the order the platform
/// lists them. Only the client-credentials entry is confirmed by a deploy message; the others
/// follow what each flow needs to get a token.
fn required_types(protocol: Protocol, variant: Variant) -> &'static [&'static str] {
    match (protocol, variant) {
        (Protocol::Oauth, Variant::None) => &["AuthProvider"],
        (Protocol::Oauth, Variant::ClientCredentialsClientSecret | Variant::ClientCredentialsClientSecretBasic) => {
            &["AuthProtocolVariant", "AuthProviderUrl"]
        }
        (Protocol::Oauth, Variant::ClientCredentialsJwtAssertion | Variant::JwtBearer) => {
            &["AuthProtocolVariant", "AuthProviderUrl", "SigningCertificate"]
        }
        (Protocol::Jwt, _) => &["SigningCertificate"],
        (Protocol::AwsSv4, Variant::RolesAnywhere) => &["AuthProtocolVariant", "SigningCertificate"],
        _ => &[],
    }
}

/// A fault at `<authenticationProtocol>` when a required parameter type is missing; the
/// message lists every type the protocol requires, as the platform's does. An
/// `ExternalAuthIdentityProvider` stands in for an `AuthProvider`.
pub(super) fn check_required(external: &ExternalCredential, seen: &[ParameterType], at: &Element) -> Result<(), Fault> {
    let required = required_types(external.protocol, external.variant);
    let present = |name: &str| {
        let ty = PARAMETER_TYPES.iter().find(|(spelling, _)| *spelling == name).map(|(_, ty)| *ty);
        let stand_in = name == "AuthProvider" && seen.contains(&ParameterType::ExternalAuthIdentityProvider);
        stand_in || ty.is_some_and(|ty| seen.contains(&ty))
    };
    if required.iter().all(|name| present(name)) {
        return Ok(());
    }
    let message = format!(
        "The authentication protocol \"{}\" requires the following external credential parameter types: {}.",
        external.protocol_name(),
        required.join(", ")
    );
    Err(Fault::new(at.offset, message))
}
