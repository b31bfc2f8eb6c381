//! Reads credential metadata files into [`Credentials`]. Each file is read on its own; a file
//! with a fault is skipped and reported at the element at fault. Then the references between
//! files (named credential to external credential, credentials to Auth Providers, permission
//! sets to principals) are checked; a broken reference is reported but the file still loads,
//! so that a callout through it fails at run time with the platform's message.

mod auth_provider_file;
mod external_file;
mod external_rules;
mod legacy_file;
mod named_file;
mod permission_file;
mod read;
mod remote_site_file;

use std::collections::HashMap;

use apex_data::metadata_xml::{self as xml, line_column, Element, Fault};
use apex_data::schema::MetadataError;

use crate::credentials::Credentials;

/// One metadata file as the project read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetadataText<'a> {
    /// The path the file was read from; its file name gives the component's name.
    pub path: &'a str,
    /// The metadata suffix: `namedCredential`, `externalCredential`, `authprovider`,
    /// `permissionset` or `remoteSite`; files with other suffixes are ignored.
    pub suffix: &'a str,
    pub text: &'a str,
}

/// Reads `files` into credentials and the problems found in them.
pub fn load(files: &[MetadataText<'_>]) -> (Credentials, Vec<MetadataError>) {
    let mut loader = Loader::default();
    for (index, file) in files.iter().enumerate() {
        if let Err(fault) = loader.read(index, file) {
            loader.report(index, fault);
        }
    }
    loader.check_links();
    let mut errors = loader.errors;
    errors.sort_by_key(|(index, _)| *index);
    let errors = errors.into_iter().map(|(index, fault)| to_error(&files[index], fault)).collect();
    (loader.credentials, errors)
}

/// A reference from one file to a component of another, checked once every file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// Where the reference is written.
    pub offset: usize,
    pub target: Target,
}

/// What a [`Link`] names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    ExternalCredential(String),
    AuthProvider(String),
    Principal { external: String, principal: String },
}

/// The kinds of file, by suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Named,
    External,
    AuthProvider,
    PermissionSet,
    RemoteSite,
}

impl Kind {
    fn of(suffix: &str) -> Option<Kind> {
        let kinds = [
            ("namedCredential", Kind::Named),
            ("externalCredential", Kind::External),
            ("authprovider", Kind::AuthProvider),
            ("permissionset", Kind::PermissionSet),
            ("remoteSite", Kind::RemoteSite),
        ];
        kinds.iter().find(|(s, _)| s.eq_ignore_ascii_case(suffix)).map(|(_, kind)| *kind)
    }

    /// What the kind is called in messages.
    fn noun(self) -> &'static str {
        match self {
            Kind::Named => "named credential",
            Kind::External => "external credential",
            Kind::AuthProvider => "Auth Provider",
            Kind::PermissionSet => "permission set",
            Kind::RemoteSite => "remote site setting",
        }
    }
}

#[derive(Default)]
struct Loader {
    credentials: Credentials,
    /// Faults by file index.
    errors: Vec<(usize, Fault)>,
    /// References to check, by file index.
    links: Vec<(usize, Link)>,
    /// The file each component came from, by kind and lower-case name.
    seen: HashMap<(Kind, String), usize>,
}

impl Loader {
    /// Reads one file and files what it describes.
    fn read(&mut self, index: usize, file: &MetadataText) -> Result<(), Fault> {
        let Some(kind) = Kind::of(file.suffix) else {
            return Ok(());
        };
        let name = developer_name(file.path, file.suffix)?;
        let root = xml::parse(file.text)?;
        self.claim(kind, name, index, &root)?;
        let links = self.build(kind, name, &root)?;
        self.links.extend(links.into_iter().map(|link| (index, link)));
        Ok(())
    }

    /// Builds the component of `kind` and adds it, giving its references.
    fn build(&mut self, kind: Kind, name: &str, root: &Element) -> Result<Vec<Link>, Fault> {
        let credentials = &mut self.credentials;
        match kind {
            Kind::Named => {
                let (named, links) = named_file::read(name, root)?;
                credentials.named.push(named);
                Ok(links)
            }
            Kind::External => {
                let (external, links) = external_file::read(name, root)?;
                credentials.external.push(external);
                Ok(links)
            }
            Kind::AuthProvider => {
                credentials.providers.push(auth_provider_file::read(name, root)?);
                Ok(Vec::new())
            }
            Kind::PermissionSet => {
                let (grants, links) = permission_file::read(name, root)?;
                credentials.grants.extend(grants);
                Ok(links)
            }
            Kind::RemoteSite => {
                credentials.remote_sites.push(remote_site_file::read(name, root)?);
                Ok(Vec::new())
            }
        }
    }

    /// Remembers that `name` of `kind` comes from file `index`; a fault when another file
    /// already defined it.
    fn claim(&mut self, kind: Kind, name: &str, index: usize, root: &Element) -> Result<(), Fault> {
        let key = (kind, name.to_ascii_lowercase());
        if self.seen.contains_key(&key) {
            return Err(Fault::new(root.offset, format!("a second {} named '{name}'", kind.noun())));
        }
        self.seen.insert(key, index);
        Ok(())
    }

    /// Reports every reference to a component that no file defines.
    fn check_links(&mut self) {
        let links = std::mem::take(&mut self.links);
        for (index, link) in links {
            if let Some(message) = broken(&self.credentials, &link.target) {
                self.report(index, Fault::new(link.offset, message));
            }
        }
    }

    fn report(&mut self, index: usize, fault: Fault) {
        self.errors.push((index, fault));
    }
}

/// What is wrong with a reference to `target`, if anything.
fn broken(credentials: &Credentials, target: &Target) -> Option<String> {
    match target {
        Target::ExternalCredential(name) => credentials
            .external(name)
            .is_none()
            .then(|| format!("<externalCredential>: no external credential named '{name}'")),
        Target::AuthProvider(name) => credentials
            .auth_provider(name)
            .is_none()
            .then(|| format!("<authProvider>: no Auth Provider named '{name}'")),
        Target::Principal { external, principal } => match credentials.external(external) {
            None => Some(format!("<externalCredentialPrincipal>: no external credential named '{external}'")),
            Some(ec) if ec.principal(principal).is_none() => Some(format!(
                "<externalCredentialPrincipal>: external credential '{external}' has no principal named '{principal}'"
            )),
            Some(_) => None,
        },
    }
}

/// The component's name from its file name: `Target.namedCredential-meta.xml` (source form)
/// or `Target.namedCredential` (Metadata API form) names `Target`.
fn developer_name<'p>(path: &'p str, suffix: &str) -> Result<&'p str, Fault> {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = file.strip_suffix("-meta.xml").unwrap_or(file);
    let name = match stem.rsplit_once('.') {
        Some((name, ext)) if ext.eq_ignore_ascii_case(suffix) => name,
        _ => stem.split('.').next().unwrap_or(stem),
    };
    if name.is_empty() {
        return Err(Fault::new(0, format!("cannot tell the component's name from the path '{path}'")));
    }
    Ok(name)
}

fn to_error(file: &MetadataText, fault: Fault) -> MetadataError {
    let (line, column) = line_column(file.text, fault.offset);
    MetadataError { path: file.path.to_string(), line, column, message: fault.message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_file_names_in_both_forms() {
        let name = |path| developer_name(path, "namedCredential");
        assert_eq!(name("force-app/main/default/namedCredentials/Target.namedCredential-meta.xml"), Ok("Target"));
        assert_eq!(name("src\\namedCredentials\\Target.namedCredential"), Ok("Target"));
        assert_eq!(name("x/Odd.other-meta.xml"), Ok("Odd"));
        assert!(name("x/.namedCredential-meta.xml").is_err());
    }

    #[test]
    fn other_suffixes_are_ignored() {
        let files = [MetadataText { path: "a/B.profile-meta.xml", suffix: "profile", text: "not xml" }];
        let (credentials, errors) = load(&files);
        assert!(errors.is_empty() && credentials.named_credentials().is_empty());
    }
}
