//! A named credential from its `<NamedCredential>` file (credentials.md §3.1): type, URL,
//! options, parameters; legacy authentication is read by `legacy_file`.

use apex_data::metadata_xml::{Element, Fault};

use super::read::{choice, expect_root, flag_or, number, one_of, required, required_child};
use super::{legacy_file, Link, Target};
use crate::named::{CalloutOptions, CalloutStatus, CustomHeader, HeaderSource, NamedCredential, NamedCredentialType};
use crate::remote_site::Origin;

/// The named credential `name` and the external credential and Auth Provider it refers to.
pub(super) fn read(name: &str, root: &Element) -> Result<(NamedCredential, Vec<Link>), Fault> {
    expect_root(root, "NamedCredential")?;
    let label = required(root, "label", "a named credential")?.to_string();
    let kind = kind(root)?;
    let params = Parameters::read(root)?;
    let mut links = params.links.clone();
    let legacy = match kind {
        NamedCredentialType::Legacy => Some(legacy_file::read(root, &mut links)?),
        _ => {
            reject_legacy_shapes(root, kind)?;
            None
        }
    };
    let url = url(root, kind, &params)?;
    let named = NamedCredential {
        name: name.to_string(),
        label,
        kind,
        url,
        external_credential: params.external_credential,
        options: options(root)?,
        callout_status: choice(root, "calloutStatus", &STATUSES)?.unwrap_or_default(),
        headers: params.headers,
        allowed_namespaces: params.namespaces,
        client_certificate: params.certificate.or_else(|| root.child_text("certificate").map(str::to_string)),
        legacy,
    };
    Ok((named, links))
}

const TYPES: [(&str, NamedCredentialType); 4] = [
    ("Legacy", NamedCredentialType::Legacy),
    ("SecuredEndpoint", NamedCredentialType::SecuredEndpoint),
    ("PrivateEndpoint", NamedCredentialType::PrivateEndpoint),
    ("Standard", NamedCredentialType::Standard),
];

const STATUSES: [(&str, CalloutStatus); 2] =
    [("Enabled", CalloutStatus::Enabled), ("Disabled", CalloutStatus::Disabled)];

/// `namedCredentialType`; without one, a file with a top-level `<endpoint>` is legacy (files
/// from before API 56 have no type).
fn kind(root: &Element) -> Result<NamedCredentialType, Fault> {
    if let Some(kind) = choice(root, "namedCredentialType", &TYPES)? {
        return Ok(kind);
    }
    match root.child("endpoint") {
        Some(_) => Ok(NamedCredentialType::Legacy),
        None => Ok(NamedCredentialType::SecuredEndpoint),
    }
}

fn options(root: &Element) -> Result<CalloutOptions, Fault> {
    let defaults = CalloutOptions::default();
    Ok(CalloutOptions {
        generate_authorization_header: flag_or(
            root,
            "generateAuthorizationHeader",
            defaults.generate_authorization_header,
        )?,
        allow_merge_fields_in_header: flag_or(root, "allowMergeFieldsInHeader", defaults.allow_merge_fields_in_header)?,
        allow_merge_fields_in_body: flag_or(root, "allowMergeFieldsInBody", defaults.allow_merge_fields_in_body)?,
    })
}

/// Top-level elements that only legacy credentials have, in a newer one: a shape that
/// circulates in generated examples and that the platform refuses.
fn reject_legacy_shapes(root: &Element, kind: NamedCredentialType) -> Result<(), Fault> {
    let kind = TYPES.iter().find(|(_, k)| *k == kind).map_or("", |(spelling, _)| spelling);
    if let Some(endpoint) = root.child("endpoint") {
        let message = format!(
            "<endpoint> belongs to Legacy named credentials; a {kind} one takes its URL from a \
             namedCredentialParameters entry of type Url"
        );
        return Err(Fault::new(endpoint.offset, message));
    }
    if let Some(external) = root.child("externalCredential") {
        let message = format!(
            "<externalCredential> is not a top-level element; a {kind} named credential names its external \
             credential in a namedCredentialParameters entry of type Authentication"
        );
        return Err(Fault::new(external.offset, message));
    }
    Ok(())
}

/// The endpoint URL: a legacy `<endpoint>` or the `Url` parameter, which must be http(s).
fn url(root: &Element, kind: NamedCredentialType, params: &Parameters) -> Result<String, Fault> {
    let legacy_endpoint = root.child("endpoint").filter(|e| !e.text().is_empty());
    let Some(element) = legacy_endpoint.filter(|_| kind == NamedCredentialType::Legacy).or(params.url) else {
        let message = match kind {
            NamedCredentialType::Legacy => "a Legacy named credential needs <endpoint>",
            _ => "a named credential needs a namedCredentialParameters entry of type Url",
        };
        return Err(Fault::new(root.offset, message));
    };
    let url = element.text();
    if Origin::parse(url).is_err() {
        return Err(Fault::new(element.offset, format!("<{}>: '{url}' is not an http or https URL", element.name)));
    }
    Ok(url.to_string())
}

/// The kinds of `namedCredentialParameters` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParameterType {
    Url,
    Authentication,
    HttpHeader,
    AllowedManagedPackageNamespaces,
    ClientCertificate,
    /// Private Connect, packaging and internal entries, which do not change a callout here.
    Ignored,
}

const PARAMETER_TYPES: [(&str, ParameterType); 15] = [
    ("Url", ParameterType::Url),
    ("Authentication", ParameterType::Authentication),
    ("HttpHeader", ParameterType::HttpHeader),
    ("AllowedManagedPackageNamespaces", ParameterType::AllowedManagedPackageNamespaces),
    ("ClientCertificate", ParameterType::ClientCertificate),
    ("OutboundNetworkConnection", ParameterType::Ignored),
    ("ManagedByNamespace", ParameterType::Ignored),
    ("ConnectionStatus", ParameterType::Ignored),
    ("CreatedByNamespace", ParameterType::Ignored),
    ("CustomParameter", ParameterType::Ignored),
    ("ManagedByComponent", ParameterType::Ignored),
    ("ManagedByFeature", ParameterType::Ignored),
    ("NamedCredentialOptions", ParameterType::Ignored),
    ("SfHttpRequestExtensionName", ParameterType::Ignored),
    ("StandardNamedCredentialType", ParameterType::Ignored),
];

/// What the `namedCredentialParameters` entries say.
#[derive(Default)]
struct Parameters<'e> {
    /// The `parameterValue` element of the `Url` entry.
    url: Option<&'e Element>,
    external_credential: Option<String>,
    headers: Vec<CustomHeader>,
    namespaces: Vec<String>,
    certificate: Option<String>,
    links: Vec<Link>,
}

impl<'e> Parameters<'e> {
    fn read(root: &'e Element) -> Result<Parameters<'e>, Fault> {
        let mut params = Parameters::default();
        for entry in root.children.iter().filter(|c| c.name == "namedCredentialParameters") {
            params.add(entry)?;
        }
        params.headers.sort_by_key(|h| h.sequence.unwrap_or(u32::MAX));
        Ok(params)
    }

    fn add(&mut self, entry: &'e Element) -> Result<(), Fault> {
        const WHAT: &str = "a namedCredentialParameters entry";
        let name = required(entry, "parameterName", WHAT)?;
        let ty = one_of(required_child(entry, "parameterType", WHAT)?, &PARAMETER_TYPES)?;
        match ty {
            ParameterType::Url => self.set_url(entry)?,
            ParameterType::Authentication => self.set_external_credential(entry)?,
            ParameterType::HttpHeader => self.headers.push(CustomHeader {
                name: name.to_string(),
                formula: required(entry, "parameterValue", "an HttpHeader parameter")?.to_string(),
                sequence: number(entry, "sequenceNumber")?,
                source: HeaderSource::NamedCredential,
            }),
            ParameterType::AllowedManagedPackageNamespaces => {
                self.namespaces.push(required(entry, "parameterValue", "an allowed namespace parameter")?.to_string())
            }
            ParameterType::ClientCertificate => {
                self.certificate = Some(required(entry, "certificate", "a ClientCertificate parameter")?.to_string())
            }
            ParameterType::Ignored => {}
        }
        Ok(())
    }

    fn set_url(&mut self, entry: &'e Element) -> Result<(), Fault> {
        if self.url.is_some() {
            return Err(Fault::new(entry.offset, "a second namedCredentialParameters entry of type Url"));
        }
        self.url = Some(required_child(entry, "parameterValue", "a Url parameter")?);
        Ok(())
    }

    /// The external credential of an `Authentication` entry, which names it in
    /// `<externalCredential>` (not `<ExternalCredential>`).
    fn set_external_credential(&mut self, entry: &'e Element) -> Result<(), Fault> {
        if self.external_credential.is_some() {
            return Err(Fault::new(entry.offset, "a second namedCredentialParameters entry of type Authentication"));
        }
        let element = required_child(entry, "externalCredential", "an Authentication parameter")?;
        let name = element.text().to_string();
        self.links.push(Link { offset: element.offset, target: Target::ExternalCredential(name.clone()) });
        self.external_credential = Some(name);
        Ok(())
    }
}
