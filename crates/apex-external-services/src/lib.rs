//! `apex-external-services`: External Service registrations read from their metadata and
//! OpenAPI documents into the `ExternalService` Apex surface they generate, as descriptors
//! (external-services.md). No IO: the project's files come in as text.

pub mod model;
pub mod names;
pub mod node;
mod openapi;
pub mod registration;
pub mod surface;

pub use model::{Field, Location, ObjectType, Operation, Param, Response, Service, TypeRef};

use apex_data::metadata_xml::line_column;
use apex_data::schema::MetadataError;

/// One registration file: its path as shown in messages, and its text; in decomposed source
/// format also its schema file `Name.yaml` (path and text).
#[derive(Clone, Copy, Debug)]
pub struct RegistrationFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub sidecar: Option<(&'a str, &'a str)>,
}

/// The largest schemas the platform takes (external-services.md §1.4), in characters.
const MAX_JSON_SCHEMA: usize = 10_000_000;
const MAX_YAML_SCHEMA: usize = 3_000_000;

/// What the registrations generate, and the problems found in them, each at its file, line
/// and column.
#[derive(Debug, Default)]
pub struct Loaded {
    pub services: Vec<Service>,
    /// Registrations that generate nothing.
    pub errors: Vec<MetadataError>,
    /// Operations left out of a registration that still generates its service, as the
    /// platform's "ignore unsupported operations" does.
    pub warnings: Vec<MetadataError>,
}

pub fn load(files: &[RegistrationFile<'_>]) -> Loaded {
    let mut loaded = Loaded::default();
    for file in files {
        let (service, problems) = load_one(file);
        match service {
            Some(service) => {
                loaded.services.push(service);
                loaded.warnings.extend(problems);
            }
            None => loaded.errors.extend(problems),
        }
    }
    loaded
}

fn load_one(file: &RegistrationFile<'_>) -> (Option<Service>, Vec<MetadataError>) {
    let in_file = |path: &str, (line, column): (u32, u32), message: String| MetadataError {
        path: path.to_string(),
        line,
        column,
        message,
    };
    let mut registration = match registration::read(file.path, file.text) {
        Ok(registration) => registration,
        Err(fault) => return (None, vec![in_file(file.path, line_column(file.text, fault.offset), fault.message)]),
    };
    // The schema is the `<schema>` element, else the decomposed `Name.yaml`.
    let schema_path = match (&registration.schema, file.sidecar) {
        (Some(_), _) => file.path,
        (None, Some((path, text))) => {
            registration.schema = Some(text.trim_start_matches('\u{feff}').to_string());
            registration.schema_at = (1, 1);
            path
        }
        (None, None) => {
            let message = "the registration has no <schema> and no schema file beside it".to_string();
            return (None, vec![in_file(file.path, (1, 1), message)]);
        }
    };
    let error = |at: (u32, u32), message: String| in_file(schema_path, at, message);
    let schema = registration.schema.clone().unwrap_or_default();
    let (line, column) = registration.schema_at;
    // A position in the schema, as a position in the file that holds it.
    let at = |pos: node::Pos| {
        let column = if pos.line <= 1 { column + pos.column - 1 } else { pos.column };
        (line + pos.line.saturating_sub(1), column)
    };
    let json = schema.starts_with('{');
    let limit = if json { MAX_JSON_SCHEMA } else { MAX_YAML_SCHEMA };
    let size = schema.chars().count();
    if size > limit {
        let message = format!("the schema has {size} characters; the platform takes at most {limit}");
        return (None, vec![error((line, column), message)]);
    }
    let root = match node::parse(&schema) {
        Ok(root) => root,
        Err(e) => return (None, vec![error(at(e.pos), format!("the schema cannot be read: {}", e.message))]),
    };
    let mut problems = openapi::Problems::default();
    let service = openapi::build(&registration, &root, file.path, &mut problems);
    let errors = problems.found.into_iter().map(|(pos, message)| error(at(pos), message)).collect();
    (service, errors)
}
