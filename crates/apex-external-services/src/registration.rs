//! Reads one `<Name>.externalServiceRegistration-meta.xml` (external-services.md §1.2): the
//! registration's name, its Named Credential, which operations are active and the schema text,
//! with where the schema starts in the file.

use apex_data::metadata_xml::{self as xml, line_column, Element, Fault};

/// What the registration file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    pub name: String,
    pub named_credential: Option<String>,
    /// The `<operations>` entries (name, active); `None` when the file has none, and then
    /// every operation is active.
    pub operations: Option<Vec<(String, bool)>>,
    /// The `<schema>` text; `None` in decomposed source format, where it is `Name.yaml`.
    pub schema: Option<String>,
    /// Where the schema text starts in the file (1-based line and column).
    pub schema_at: (u32, u32),
    pub system_version: u32,
    pub provider_type: Option<String>,
}

/// The file name's suffix.
pub const SUFFIX: &str = ".externalServiceRegistration-meta.xml";

/// The generator revision assumed when a file names none (the current one).
const CURRENT_SYSTEM_VERSION: u32 = 8;

pub fn read(path: &str, text: &str) -> Result<Registration, Fault> {
    let name = developer_name(path)?;
    let root = xml::parse(text)?;
    if root.name != "ExternalServiceRegistration" {
        return Err(Fault::new(root.offset, format!("expected <ExternalServiceRegistration>, found <{}>", root.name)));
    }
    if root.child_text("label").is_none() {
        return Err(Fault::new(root.offset, "the registration has no <label>"));
    }
    let schema_element = root.child("schema").filter(|s| !s.text().is_empty());
    Ok(Registration {
        name,
        named_credential: named_credential(&root),
        operations: operations(&root)?,
        schema: schema_element.map(|s| s.text().to_string()),
        schema_at: schema_element.map_or((1, 1), |s| schema_start(text, s)),
        system_version: system_version(&root)?,
        provider_type: root.child_text("registrationProviderType").map(str::to_string),
    })
}

/// The registration's name from its file name: letters, digits and single underscores,
/// starting with a letter and not ending with an underscore.
fn developer_name(path: &str) -> Result<String, Fault> {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = file.strip_suffix(SUFFIX).unwrap_or(file);
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.ends_with('_')
        && !name.contains("__");
    if !valid {
        let message = format!(
            "`{name}` is not a valid registration name: use letters, digits and single underscores, starting with a letter"
        );
        return Err(Fault::new(0, message));
    }
    Ok(name.to_string())
}

/// `namedCredentialReference`, else `namedCredentialReferenceId` (read as a name), else
/// `namedCredential`.
fn named_credential(root: &Element) -> Option<String> {
    ["namedCredentialReference", "namedCredentialReferenceId", "namedCredential"]
        .iter()
        .find_map(|tag| root.child_text(tag))
        .map(str::to_string)
}

fn operations(root: &Element) -> Result<Option<Vec<(String, bool)>>, Fault> {
    let listed: Vec<&Element> = root.children.iter().filter(|c| c.name == "operations").collect();
    if listed.is_empty() {
        return Ok(None);
    }
    let mut operations = Vec::new();
    for operation in listed {
        let name = operation
            .child_text("name")
            .ok_or_else(|| Fault::new(operation.offset, "<operations> without a <name>"))?;
        operations.push((name.to_string(), operation.flag("active")));
    }
    Ok(Some(operations))
}

fn system_version(root: &Element) -> Result<u32, Fault> {
    let Some(element) = root.child("systemVersion").filter(|e| !e.text().is_empty()) else {
        return Ok(CURRENT_SYSTEM_VERSION);
    };
    element.text().parse().map_err(|_| Fault::new(element.offset, "<systemVersion> must be a whole number"))
}

/// The line and column of the schema's first character: just after `<schema>`.
fn schema_start(text: &str, schema: &Element) -> (u32, u32) {
    let open = text[schema.offset..].find('>').map_or(schema.offset, |end| schema.offset + end + 1);
    let skipped = text[open..].len() - text[open..].trim_start().len();
    line_column(text, open + skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "<?xml version=\"1.0\"?>\n<ExternalServiceRegistration xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Weather</label>\n    <namedCredentialReference>Weather_NC</namedCredentialReference>\n    <operations>\n        <active>true</active>\n        <name>getForecast</name>\n    </operations>\n    <schema>openapi: 3.0.3\npaths: {}\n</schema>\n    <systemVersion>5</systemVersion>\n</ExternalServiceRegistration>\n";

    #[test]
    fn reads_the_registration() {
        let registration = read("x/WeatherLite.externalServiceRegistration-meta.xml", FILE).unwrap();
        assert_eq!(registration.name, "WeatherLite");
        assert_eq!(registration.named_credential.as_deref(), Some("Weather_NC"));
        assert_eq!(registration.operations, Some(vec![("getForecast".to_string(), true)]));
        assert_eq!(registration.schema_at, (9, 13));
        assert_eq!(registration.system_version, 5);
        assert!(registration.schema.is_some_and(|s| s.starts_with("openapi: 3.0.3")));
    }

    #[test]
    fn refuses_bad_names_and_reads_a_file_without_a_schema() {
        assert!(read("Bad__Name.externalServiceRegistration-meta.xml", FILE).is_err());
        assert!(read("_x.externalServiceRegistration-meta.xml", FILE).is_err());
        let no_schema = FILE.replace("<schema>openapi: 3.0.3\npaths: {}\n</schema>", "");
        let registration = read("Ok.externalServiceRegistration-meta.xml", &no_schema).unwrap();
        assert_eq!(registration.schema, None);
    }
}
