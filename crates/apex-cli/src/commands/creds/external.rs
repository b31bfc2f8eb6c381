//! `apex creds explain Registration[.operation]`: which External Service registration and
//! operation a call goes through, and so which Named Credential and path the rest of the
//! explanation follows.

use super::Context;
use apex_external_services::{load, Service};
use std::io::Write;

/// The Named Credential and path for `name` when it names a registration (`TargetOrgApi`)
/// or one of its operations (`TargetOrgApi.createAccount`), after printing that step.
pub fn route(context: &Context, name: &str, out: &mut dyn Write) -> Option<(String, String)> {
    let (registration, operation) = match name.split_once('.') {
        Some((registration, operation)) => (registration, Some(operation)),
        None => (name, None),
    };
    let service = services(context).into_iter().find(|s| s.name.eq_ignore_ascii_case(registration))?;
    let _ = writeln!(out, "external service ExternalService.{} ({})", service.name, service.file);
    let mut path = service.base_path.clone();
    match operation.and_then(|o| service.operation(o)) {
        Some(op) => {
            let _ = writeln!(out, "  operation {}: {} {}", op.apex_name, op.method, op.path);
            path.push_str(&op.path);
        }
        None => {
            let names: Vec<&str> = service.operations.iter().map(|o| o.apex_name.as_str()).collect();
            let _ = writeln!(out, "  operations: {}", super::listed(&names, "none active"));
        }
    }
    let _ = writeln!(out, "  calls out through named credential {}", service.named_credential);
    Some((service.named_credential, path))
}

fn services(context: &Context) -> Vec<Service> {
    load(&crate::workspace::registration_files(&context.files.metadata)).services
}
