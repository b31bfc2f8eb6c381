//! Connected Apps from a project's metadata: one `*.connectedApp-meta.xml` file read into a
//! [`ConnectedApp`] (credentials.md §3.4). Pure: the text comes in, the app or a fault at
//! `path:line:column` goes out.

use crate::certificate::public_key;
use crate::ConnectedApp;
use apex_data::metadata_xml::{line_column, parse, Element};

/// An app read from its file.
#[derive(Clone, Debug, PartialEq)]
pub struct AppFile {
    pub app: ConnectedApp,
    /// The file has no `consumerSecret`, so the app took the fallback secret.
    pub secret_defaulted: bool,
}

/// What is wrong with a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppFileError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for AppFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
    }
}

/// Reads the Connected App in `text`, the file at `path` (whose name gives the app's name).
/// An app whose file has no secret takes `fallback_secret`.
pub fn read(path: &str, text: &str, fallback_secret: &str) -> Result<AppFile, AppFileError> {
    let fault = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        AppFileError { path: path.to_string(), line, column, message }
    };
    let root = parse(text).map_err(|f| fault(f.offset, f.message))?;
    if root.name != "ConnectedApp" {
        return Err(fault(root.offset, format!("the root element is <{}>, not <ConnectedApp>", root.name)));
    }
    let Some(oauth) = root.child("oauthConfig") else {
        return Err(fault(root.offset, "<ConnectedApp> has no <oauthConfig> with a <consumerKey>".into()));
    };
    let Some(consumer_key) = oauth.child_text("consumerKey") else {
        return Err(fault(oauth.offset, "<oauthConfig> has no <consumerKey>".into()));
    };
    let certificate = certificate(oauth).map_err(|(offset, message)| fault(offset, message))?;
    let secret = oauth.child_text("consumerSecret");
    let app = ConnectedApp {
        name: app_name(path),
        consumer_key: consumer_key.to_string(),
        consumer_secret: secret.unwrap_or(fallback_secret).to_string(),
        callback_urls: callback_urls(oauth),
        scopes: oauth.children.iter().filter(|c| c.name == "scopes").map(|c| scope_token(c.text())).collect(),
        run_as: oauth
            .flag("isClientCredentialEnabled")
            .then(|| oauth.child_text("oauthClientCredentialUser"))
            .flatten()
            .map(str::to_string),
        certificate,
    };
    Ok(AppFile { app, secret_defaulted: secret.is_none() })
}

/// The file's name before `.connectedApp-meta.xml` (or `.connectedApp`).
fn app_name(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = file.strip_suffix("-meta.xml").unwrap_or(file);
    stem.strip_suffix(".connectedApp").unwrap_or(stem).to_string()
}

/// The callback URLs, one a line.
fn callback_urls(oauth: &Element) -> Vec<String> {
    let text = oauth.child_text("callbackUrl").unwrap_or_default();
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// The certificate's PEM, checked to hold an RSA key; the fault's offset and message if not.
fn certificate(oauth: &Element) -> Result<Option<String>, (usize, String)> {
    let Some(element) = oauth.child("certificate").filter(|c| !c.text().is_empty()) else {
        return Ok(None);
    };
    match public_key(element.text()) {
        Ok(_) => Ok(Some(element.text().to_string())),
        Err(why) => Err((element.offset, format!("<certificate> holds no usable certificate: {why}"))),
    }
}

/// The OAuth scope token of a `scopes` metadata value (credentials.md §3.4). Values not in
/// the table are taken as written in snake case (`CdpQuery` as `cdp_query`).
pub fn scope_token(value: &str) -> String {
    let known = match value {
        "Api" => "api",
        "RefreshToken" => "refresh_token",
        "OfflineAccess" => "offline_access",
        "Full" => "full",
        "Web" => "web",
        "Basic" => "id",
        "OpenID" => "openid",
        "Address" => "address",
        "Email" => "email",
        "Phone" => "phone",
        "Profile" => "profile",
        "Chatter" => "chatter_api",
        "CustomApplications" => "visualforce",
        "CustomPermissions" => "custom_permissions",
        "Wave" => "wave_api",
        "Eclair" => "eclair_api",
        "Pardot" => "pardot_api",
        "Lightning" => "lightning",
        "Content" => "content",
        "CDPIngest" => "cdp_ingest_api",
        _ => return snake_case(value),
    };
    known.to_string()
}

fn snake_case(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    for (i, c) in value.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests;
