//! Evaluates a parsed formula against a callout's credential: merge fields (callouts.md §4)
//! read the principal's secrets through [`crate::Secrets`], functions come from `functions`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::functions::{self, CallError};
use super::parser::Expr;
use super::{FormulaContext, Place};
use crate::configured::{secret, username};
use crate::secrets::param;

/// A formula value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Null,
    Text(String),
    Blob(Vec<u8>),
}

/// Evaluates `expr`.
pub(super) fn eval(expr: &Expr, context: &FormulaContext<'_>) -> Result<Value, CallError> {
    match expr {
        Expr::Text(text) => Ok(Value::Text(text.clone())),
        Expr::Field(name) => field(name, context),
        Expr::Concat(parts) => concat(parts, context),
        Expr::Call { name, args } => {
            if name.eq_ignore_ascii_case("HTMLENCODE") && context.place == Place::Header {
                return Err(CallError::Invalid("HTMLENCODE is only allowed in a request body".into()));
            }
            let args = args.iter().map(|arg| eval(arg, context)).collect::<Result<Vec<_>, _>>()?;
            functions::call(name, args)
        }
    }
}

/// `a & b & ...`: text joined, null counting as empty.
fn concat(parts: &[Expr], context: &FormulaContext<'_>) -> Result<Value, CallError> {
    let mut joined = String::new();
    for part in parts {
        match eval(part, context)? {
            Value::Null => {}
            Value::Text(text) => joined.push_str(&text),
            Value::Blob(_) => {
                return Err(CallError::Invalid("'&' joins text, not a Blob; use BASE64ENCODE or HEX first".into()))
            }
        }
    }
    Ok(Value::Text(joined))
}

/// The legacy `$Credential.<Field>` merge fields.
const LEGACY_FIELDS: [&str; 6] =
    ["Username", "Password", "OAuthToken", "AuthorizationMethod", "AuthorizationHeaderValue", "OAuthConsumerKey"];

/// The value of the merge field `name`.
fn field(name: &str, context: &FormulaContext<'_>) -> Result<Value, CallError> {
    let unknown = || CallError::Invalid(format!("unknown merge field {name}"));
    let mut parts = name.split('.');
    let global = parts.next().unwrap_or_default();
    if !global.eq_ignore_ascii_case("$Credential") {
        return Err(unknown());
    }
    match (parts.next(), parts.next(), parts.next()) {
        (Some(field), None, None) => {
            let field = LEGACY_FIELDS.iter().find(|f| f.eq_ignore_ascii_case(field)).ok_or_else(unknown)?;
            legacy_field(field, context)
        }
        (Some(credential), Some(parameter), None) => parameter_field(name, credential, parameter, context),
        _ => Err(unknown()),
    }
}

/// `$Credential.<ExternalCredential>.<Parameter>`: a parameter of the callout's principal, or
/// the evaluated body for `Body`.
fn parameter_field(
    name: &str,
    credential: &str,
    parameter: &str,
    context: &FormulaContext<'_>,
) -> Result<Value, CallError> {
    let route = context.route.ok_or_else(|| CallError::Invalid(format!("{name}: the callout has no credential")))?;
    let Some(external) = route.external else {
        return Err(CallError::Invalid(format!("{name}: the named credential has no external credential")));
    };
    if !external.name.eq_ignore_ascii_case(credential) {
        let message = format!("{name}: the callout's external credential is '{}'", external.name);
        return Err(CallError::Invalid(message));
    }
    if parameter == "Body" {
        return match context.place {
            Place::Header => Ok(Value::Blob(context.body.unwrap_or_default().to_vec())),
            Place::Body => Err(CallError::Invalid(format!("{name} cannot be used in the body itself"))),
        };
    }
    Ok(secret(route, context.secrets, parameter).map_or(Value::Null, Value::Text))
}

/// A legacy merge field, read from the principal's secrets and the authentication plan.
fn legacy_field(field: &str, context: &FormulaContext<'_>) -> Result<Value, CallError> {
    let route = context
        .route
        .ok_or_else(|| CallError::Invalid(format!("$Credential.{field}: the callout has no credential")))?;
    let secrets = context.secrets;
    let value = match field {
        "Username" => username(route, secrets),
        "Password" => secret(route, secrets, param::PASSWORD),
        "OAuthToken" => secret(route, secrets, param::OAUTH_TOKEN),
        "AuthorizationMethod" => route.plan.authorization_method().map(str::to_string),
        "AuthorizationHeaderValue" => match route.plan.authorization_method() {
            Some("Basic") => basic_value(username(route, secrets), secret(route, secrets, param::PASSWORD)),
            Some(_) => secret(route, secrets, param::OAUTH_TOKEN),
            None => None,
        },
        _ => consumer_key(context),
    };
    Ok(value.map_or(Value::Null, Value::Text))
}

/// `base64(username:password)`.
fn basic_value(username: Option<String>, password: Option<String>) -> Option<String> {
    Some(STANDARD.encode(format!("{}:{}", username?, password?)))
}

/// The OAuth consumer key: the Auth Provider's, or a client-credentials principal's client id.
fn consumer_key(context: &FormulaContext<'_>) -> Option<String> {
    let route = context.route?;
    match &route.plan {
        crate::plan::AuthPlan::OAuthBrowser(flow) => flow.consumer_key().map(str::to_string),
        crate::plan::AuthPlan::OAuthClientCredentials(_) => secret(route, context.secrets, param::CLIENT_ID),
        _ => None,
    }
}
