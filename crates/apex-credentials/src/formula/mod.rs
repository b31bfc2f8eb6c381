//! Credential formulas (callouts.md §3.2, §4): custom header formulas of named and external
//! credentials, and `{!...}` merge fields in the headers and bodies Apex sets.
//!
//! A formula is text literals (`'...'` or `"..."`), merge fields, `&` and the functions
//! BASE64ENCODE, BASE64DECODE, BLOB, HASH, HEX, HMAC and (bodies only) HTMLENCODE. Merge fields
//! are `$Credential.<ExternalCredential>.<Parameter>` (a parameter of the callout's principal;
//! `Body` gives the evaluated request body as a Blob, in headers) and the legacy
//! `$Credential.Username`, `Password`, `OAuthToken`, `AuthorizationMethod`,
//! `AuthorizationHeaderValue` and `OAuthConsumerKey`, which also resolve against a new-model
//! credential's principal. A parameter the principal lacks is null, which `&` treats as empty
//! and a header or body shows as nothing. Whether the NC allows merge fields is the caller's
//! decision: these functions always evaluate.

mod eval;
mod functions;
mod lexer;
mod parser;

use crate::error::CalloutError;
use crate::resolve::NamedRoute;
use crate::secrets::Secrets;
use eval::Value;
use functions::CallError;

/// The longest formula the platform accepts.
pub const MAX_FORMULA_LENGTH: usize = 3_900;

/// Where a formula's value goes, which decides what it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Header,
    Body,
}

/// What a formula may read: the callout's route (external credential, principal, plan), the
/// secrets, and for headers the evaluated body.
#[derive(Clone, Copy)]
pub struct FormulaContext<'a> {
    pub place: Place,
    /// The named-credential route; without one, `$Credential` fields are errors.
    pub route: Option<&'a NamedRoute<'a>>,
    pub secrets: &'a dyn Secrets,
    /// The evaluated request body, for `$Credential.<EC>.Body`.
    pub body: Option<&'a [u8]>,
}

impl<'a> FormulaContext<'a> {
    /// A context for formulas of a callout through `route`.
    pub fn new(route: &'a NamedRoute<'a>, secrets: &'a dyn Secrets, place: Place) -> FormulaContext<'a> {
        FormulaContext { place, route: Some(route), secrets, body: None }
    }

    /// The same context with the evaluated request body.
    pub fn with_body(self, body: &'a [u8]) -> FormulaContext<'a> {
        FormulaContext { body: Some(body), ..self }
    }
}

/// Evaluates one formula (without `{! }`) to text.
pub fn evaluate(formula: &str, context: &FormulaContext<'_>) -> Result<String, CalloutError> {
    let shown = || formula.to_string();
    evaluate_shown(formula, &shown, context)
}

/// Replaces each `{!formula}` in a header value or body with its value; other text is kept.
pub fn merge(text: &str, context: &FormulaContext<'_>) -> Result<String, CalloutError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = text[rest..].find("{!") {
        let open = rest + found;
        let start = open + 2;
        let Some(close) = lexer::closing_brace(text, start) else {
            let shown = &text[open..];
            return Err(CalloutError::formula(shown, "'{!' is not closed by '}'"));
        };
        out.push_str(&text[rest..open]);
        out.push_str(&evaluate_shown(&text[start..close], &|| text[open..=close].to_string(), context)?);
        rest = close + 1;
    }
    out.push_str(&text[rest..]);
    Ok(out)
}

/// The value of a custom header (`HttpHeader`/`AuthHeader`): a value holding `{!` is merged,
/// anything else is one formula, so constant text is written as a literal (`'application/json'`).
pub fn header_value(formula: &str, context: &FormulaContext<'_>) -> Result<String, CalloutError> {
    if formula.contains("{!") {
        return merge(formula, context);
    }
    evaluate(formula, context)
}

/// Evaluates `formula`, naming it as `shown()` in errors.
fn evaluate_shown(
    formula: &str,
    shown: &dyn Fn() -> String,
    context: &FormulaContext<'_>,
) -> Result<String, CalloutError> {
    if formula.chars().count() > MAX_FORMULA_LENGTH {
        return Err(CalloutError::formula(&shown(), format!("longer than {MAX_FORMULA_LENGTH} characters")));
    }
    let expr = parser::parse(formula).map_err(|problem| CalloutError::formula(&shown(), problem))?;
    match eval::eval(&expr, context) {
        Ok(Value::Null) => Ok(String::new()),
        Ok(Value::Text(text)) => Ok(text),
        Ok(Value::Blob(_)) => {
            Err(CalloutError::formula(&shown(), "the value is a Blob; turn it into text with BASE64ENCODE or HEX"))
        }
        Err(CallError::Invalid(problem)) => Err(CalloutError::formula(&shown(), problem)),
        Err(CallError::Unsupported(message)) => Err(CalloutError::unsupported(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::SecretMap;

    fn plain(place: Place, secrets: &SecretMap) -> FormulaContext<'_> {
        FormulaContext { place, route: None, secrets, body: None }
    }

    #[test]
    fn merge_replaces_each_formula_and_keeps_the_rest() {
        let secrets = SecretMap::new();
        let context = plain(Place::Header, &secrets);
        assert_eq!(merge("a {!'b' & 'c'} d {!HEX(BLOB('}'))}", &context).unwrap(), "a bc d 7d");
        assert_eq!(
            merge("no formulas {! here", &context).unwrap_err().message,
            "Invalid credential formula {! here: '{!' is not closed by '}'"
        );
        assert_eq!(header_value("'application/json'", &context).unwrap(), "application/json");
    }

    #[test]
    fn errors_name_the_formula() {
        let secrets = SecretMap::new();
        let context = plain(Place::Header, &secrets);
        let error = merge("x {!FOO('a')}", &context).unwrap_err();
        assert_eq!(error.message, "Invalid credential formula {!FOO('a')}: unknown function FOO");
        let error = evaluate("$Credential.Username", &context).unwrap_err();
        assert_eq!(
            error.message,
            "Invalid credential formula $Credential.Username: $Credential.Username: the callout has no credential"
        );
        let error = evaluate("HTMLENCODE('a')", &context).unwrap_err();
        assert!(error.message.ends_with("HTMLENCODE is only allowed in a request body"), "{}", error.message);
        assert_eq!(evaluate("HTMLENCODE('<')", &plain(Place::Body, &secrets)).unwrap(), "&lt;");
        let long = format!("'{}'", "a".repeat(MAX_FORMULA_LENGTH));
        assert!(evaluate(&long, &context).unwrap_err().message.ends_with("longer than 3900 characters"));
        assert_eq!(evaluate("SIGN('a')", &context).unwrap_err().kind, crate::CalloutErrorKind::Unsupported);
        assert!(evaluate("BLOB('a')", &context).unwrap_err().message.contains("the value is a Blob"));
    }
}
