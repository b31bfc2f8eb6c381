//! An external credential from its `<ExternalCredential>` file (credentials.md §3.2): protocol,
//! parameters and principals. What each protocol requires is checked by `external_rules`.

use apex_data::metadata_xml::{Element, Fault};

use super::external_rules::{self, ParameterType, PARAMETER_TYPES};
use super::read::{expect_root, number, one_of, required, required_child};
use super::{Link, Target};
use crate::external::{ExternalCredential, NameValue, Principal, PrincipalType, Variant};
use crate::named::{CustomHeader, HeaderSource};

/// The external credential `name` and the Auth Provider it refers to.
pub(super) fn read(name: &str, root: &Element) -> Result<(ExternalCredential, Vec<Link>), Fault> {
    expect_root(root, "ExternalCredential")?;
    let label = required(root, "label", "an external credential")?.to_string();
    reject_invented_shapes(root)?;
    let protocol_element = required_child(root, "authenticationProtocol", "an external credential")?;
    let protocol = external_rules::protocol(protocol_element)?;
    let mut external = ExternalCredential {
        name: name.to_string(),
        label,
        protocol,
        variant: Variant::None,
        auth_provider: None,
        external_auth_identity_provider: None,
        token_url: None,
        token_url_query: Vec::new(),
        auth_parameters: Vec::new(),
        jwt_body_claims: Vec::new(),
        jwt_header_claims: Vec::new(),
        signing_certificate: None,
        refresh_status_codes: Vec::new(),
        headers: Vec::new(),
        principals: Vec::new(),
    };
    let mut reader = Reader { external: &mut external, links: Vec::new(), types: Vec::new() };
    for entry in root.children.iter().filter(|c| c.name == "externalCredentialParameters") {
        reader.add(entry)?;
    }
    let Reader { links, types, .. } = reader;
    external_rules::check_required(&external, &types, protocol_element)?;
    external.headers.sort_by_key(|h| h.sequence.unwrap_or(u32::MAX));
    Ok((external, links))
}

/// Elements that generated examples put on external credentials and the platform refuses.
fn reject_invented_shapes(root: &Element) -> Result<(), Fault> {
    let Some(element) = root.children.iter().find(|c| c.name == "principals" || c.name == "principalType") else {
        return Ok(());
    };
    let message = format!(
        "<{}> is not part of an external credential; a principal is an externalCredentialParameters entry \
         of type NamedPrincipal or PerUserPrincipal",
        element.name
    );
    Err(Fault::new(element.offset, message))
}

/// Reads `externalCredentialParameters` entries into an external credential.
struct Reader<'x> {
    external: &'x mut ExternalCredential,
    links: Vec<Link>,
    /// The parameter types seen, for the protocol's requirements.
    types: Vec<ParameterType>,
}

impl Reader<'_> {
    fn add(&mut self, entry: &Element) -> Result<(), Fault> {
        const WHAT: &str = "an externalCredentialParameters entry";
        let name = required(entry, "parameterName", WHAT)?;
        let ty = one_of(required_child(entry, "parameterType", WHAT)?, &PARAMETER_TYPES)?;
        self.types.push(ty);
        let value = || required(entry, "parameterValue", &format!("a {} parameter", type_name(ty)));
        let pair = |value: &str| NameValue { name: name.to_string(), value: value.to_string() };
        let external = &mut *self.external;
        match ty {
            ParameterType::Principal(kind) => self.add_principal(entry, name, kind)?,
            ParameterType::AuthProtocolVariant => {
                external.variant = external_rules::variant(external.protocol, entry)?;
            }
            ParameterType::AuthProvider => {
                let element = required_child(entry, "authProvider", "an AuthProvider parameter")?;
                let provider = element.text().to_string();
                self.links.push(Link { offset: element.offset, target: Target::AuthProvider(provider.clone()) });
                external.auth_provider = Some(provider);
            }
            ParameterType::ExternalAuthIdentityProvider => {
                let what = "an ExternalAuthIdentityProvider parameter";
                external.external_auth_identity_provider =
                    Some(required(entry, "externalAuthIdentityProvider", what)?.to_string());
            }
            ParameterType::AuthProviderUrl => external.token_url = Some(value()?.to_string()),
            ParameterType::AuthProviderUrlQueryParameter => external.token_url_query.push(pair(value()?)),
            ParameterType::AuthParameter => external.auth_parameters.push(pair(value()?)),
            ParameterType::JwtBodyClaim => external.jwt_body_claims.push(pair(value()?)),
            ParameterType::JwtHeaderClaim => external.jwt_header_claims.push(pair(value()?)),
            ParameterType::SigningCertificate => {
                let certificate = required(entry, "certificate", "a SigningCertificate parameter")?;
                external.signing_certificate = Some(certificate.to_string());
            }
            ParameterType::AdditionalRefreshStatusCode => external.refresh_status_codes.extend(status_codes(entry)?),
            ParameterType::AuthHeader => external.headers.push(CustomHeader {
                name: name.to_string(),
                formula: value()?.to_string(),
                sequence: number(entry, "sequenceNumber")?,
                source: HeaderSource::ExternalCredential,
            }),
            ParameterType::Ignored => {}
        }
        Ok(())
    }

    fn add_principal(&mut self, entry: &Element, name: &str, kind: PrincipalType) -> Result<(), Fault> {
        if self.external.principal(name).is_some() {
            return Err(Fault::new(entry.offset, format!("a second principal named '{name}'")));
        }
        let sequence = number(entry, "sequenceNumber")?;
        self.external.principals.push(Principal { name: name.to_string(), kind, sequence });
        Ok(())
    }
}

/// The metadata spelling of a parameter type.
fn type_name(ty: ParameterType) -> &'static str {
    PARAMETER_TYPES.iter().find(|(_, t)| *t == ty).map_or("", |(spelling, _)| spelling)
}

/// The status codes of an `AdditionalRefreshStatusCode` entry: one, or several separated by
/// commas or spaces (the value format is unconfirmed).
fn status_codes(entry: &Element) -> Result<Vec<u16>, Fault> {
    let value = required_child(entry, "parameterValue", "an AdditionalRefreshStatusCode parameter")?;
    let codes = value.text().split([',', ' ']).filter(|code| !code.trim().is_empty());
    codes
        .map(|code| match code.trim().parse::<u16>() {
            Ok(status) if (100..=999).contains(&status) => Ok(status),
            _ => {
                Err(Fault::new(value.offset, format!("<parameterValue>: '{}' is not an HTTP status code", code.trim())))
            }
        })
        .collect()
}
