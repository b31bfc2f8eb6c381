//! The principal access a permission set grants (`externalCredentialPrincipalAccesses`,
//! credentials.md §3.5); the rest of the permission set does not concern callouts.

use apex_data::metadata_xml::{Element, Fault};

use super::read::{expect_root, flag_or, required_child};
use super::{Link, Target};
use crate::credentials::Grant;

/// The grants of the permission set `name`, each with a reference to its principal. An entry
/// without `<enabled>` counts as enabled.
pub(super) fn read(name: &str, root: &Element) -> Result<(Vec<Grant>, Vec<Link>), Fault> {
    expect_root(root, "PermissionSet")?;
    let (mut grants, mut links) = (Vec::new(), Vec::new());
    for entry in root.children.iter().filter(|c| c.name == "externalCredentialPrincipalAccesses") {
        let what = "an externalCredentialPrincipalAccesses entry";
        let element = required_child(entry, "externalCredentialPrincipal", what)?;
        let (external, principal) = split(element)?;
        let target = Target::Principal { external: external.to_string(), principal: principal.to_string() };
        links.push(Link { offset: element.offset, target });
        grants.push(Grant {
            permission_set: name.to_string(),
            external_credential: external.to_string(),
            principal: principal.to_string(),
            enabled: flag_or(entry, "enabled", true)?,
        });
    }
    Ok((grants, links))
}

/// `<ExternalCredential>-<Principal>`: developer names hold no hyphen, so the first one splits.
fn split(element: &Element) -> Result<(&str, &str), Fault> {
    let text = element.text();
    let bad = |why: &str| {
        let message = format!("<externalCredentialPrincipal>: '{text}' {why}; write <ExternalCredential>-<Principal>");
        Err(Fault::new(element.offset, message))
    };
    if text.contains(char::is_whitespace) {
        return bad("has spaces");
    }
    match text.split_once('-') {
        Some((external, principal)) if !external.is_empty() && !principal.is_empty() => Ok((external, principal)),
        _ => bad("does not name a principal"),
    }
}
