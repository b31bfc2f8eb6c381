//! Builders for small credential projects: metadata texts in the SFDX layout, loaded together.

use apex_credentials::{load, CallingUser, Credentials, MetadataText};
use apex_data::schema::MetadataError;

/// A metadata file: `<?xml ...?>` on line 1, the root on line 2, `body` from line 3.
pub fn xml(root: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{body}</{root}>\n"
    )
}

/// The files of a project.
#[derive(Default, Clone)]
pub struct Project {
    files: Vec<(String, &'static str, String)>,
}

impl Project {
    pub fn new() -> Project {
        Project::default()
    }

    fn add(mut self, folder: &str, name: &str, suffix: &'static str, text: String) -> Project {
        let path = format!("force-app/main/default/{folder}/{name}.{suffix}-meta.xml");
        self.files.push((path, suffix, text));
        self
    }

    pub fn named(self, name: &str, body: &str) -> Project {
        self.add("namedCredentials", name, "namedCredential", xml("NamedCredential", body))
    }

    pub fn external(self, name: &str, body: &str) -> Project {
        self.add("externalCredentials", name, "externalCredential", xml("ExternalCredential", body))
    }

    pub fn auth_provider(self, name: &str, body: &str) -> Project {
        self.add("authproviders", name, "authprovider", xml("AuthProvider", body))
    }

    pub fn permission_set(self, name: &str, body: &str) -> Project {
        self.add("permissionsets", name, "permissionset", xml("PermissionSet", body))
    }

    pub fn remote_site(self, name: &str, body: &str) -> Project {
        self.add("remoteSiteSettings", name, "remoteSite", xml("RemoteSiteSetting", body))
    }

    /// A file with any path, suffix and text.
    pub fn raw(mut self, path: &str, suffix: &'static str, text: &str) -> Project {
        self.files.push((path.to_string(), suffix, text.to_string()));
        self
    }

    pub fn load(&self) -> (Credentials, Vec<MetadataError>) {
        let texts: Vec<MetadataText> =
            self.files.iter().map(|(path, suffix, text)| MetadataText { path, suffix, text }).collect();
        load(&texts)
    }

    /// The credentials, asserting that every file loaded cleanly.
    pub fn credentials(&self) -> Credentials {
        let (credentials, errors) = self.load();
        assert!(errors.is_empty(), "unexpected metadata errors: {errors:#?}");
        credentials
    }

    /// The only error, as (file name, line, column, message).
    pub fn only_error(&self) -> (String, u32, u32, String) {
        let (_, errors) = self.load();
        assert_eq!(errors.len(), 1, "expected one error: {errors:#?}");
        let error = &errors[0];
        let file = error.path.rsplit('/').next().unwrap_or_default().to_string();
        (file, error.line, error.column, error.message.clone())
    }
}

/// A user of the org's own code with `permission_sets`.
pub fn user(permission_sets: &[&str]) -> CallingUser {
    CallingUser::with_permission_sets(permission_sets)
}

/// A new-model named credential body pointing at `url` through `external`.
pub fn secured_nc(label: &str, url: &str, external: &str, extra: &str) -> String {
    format!(
        "    <label>{label}</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
    <calloutStatus>Enabled</calloutStatus>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>{url}</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
        <externalCredential>{external}</externalCredential>
    </namedCredentialParameters>
{extra}"
    )
}

/// A principal parameter.
pub fn principal(name: &str, kind: &str, sequence: u32) -> String {
    format!(
        "    <externalCredentialParameters>
        <parameterGroup>{name}</parameterGroup>
        <parameterName>{name}</parameterName>
        <parameterType>{kind}</parameterType>
        <sequenceNumber>{sequence}</sequenceNumber>
    </externalCredentialParameters>
"
    )
}

/// A parameter with a value.
pub fn parameter(name: &str, ty: &str, value: &str) -> String {
    format!(
        "    <externalCredentialParameters>
        <parameterName>{name}</parameterName>
        <parameterType>{ty}</parameterType>
        <parameterValue>{value}</parameterValue>
    </externalCredentialParameters>
"
    )
}

/// A permission set granting `EC-Principal` entries.
pub fn grants(label: &str, principals: &[&str]) -> String {
    let mut body = format!("    <label>{label}</label>\n");
    for principal in principals {
        body.push_str(&format!(
            "    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>{principal}</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
"
        ));
    }
    body
}
