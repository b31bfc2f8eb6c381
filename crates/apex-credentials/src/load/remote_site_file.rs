//! A Remote Site Setting from its `<RemoteSiteSetting>` file (callouts.md §5).

use apex_data::metadata_xml::{Element, Fault};

use super::read::{expect_root, flag_or, required_child};
use crate::remote_site::{Origin, RemoteSite};

/// The remote site `name`. Without `<isActive>` the entry is active, as a new one is in Setup.
pub(super) fn read(name: &str, root: &Element) -> Result<RemoteSite, Fault> {
    expect_root(root, "RemoteSiteSetting")?;
    let url = required_child(root, "url", "a remote site setting")?;
    if Origin::parse(url.text()).is_err() {
        return Err(Fault::new(url.offset, format!("<url>: '{}' is not an http or https URL", url.text())));
    }
    Ok(RemoteSite {
        name: name.to_string(),
        url: url.text().to_string(),
        active: flag_or(root, "isActive", true)?,
        disable_protocol_security: flag_or(root, "disableProtocolSecurity", false)?,
    })
}
