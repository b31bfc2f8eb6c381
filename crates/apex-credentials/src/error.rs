//! The failures a callout meets before it goes on the wire, with the platform's messages to the
//! letter (callouts.md §6), kept apart from the tool's own faults (features not emulated).

use std::fmt;

/// What kind of failure a [`CalloutError`] is: the Apex exception it becomes, or a tool fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutErrorKind {
    /// `System.CalloutException`, catchable.
    CalloutException,
    /// `System.LimitException`, which Apex cannot catch.
    LimitException,
    /// Not an Apex exception: something the emulator does not do yet (`SIGN`, ...).
    Unsupported,
}

impl CalloutErrorKind {
    /// The Apex exception type, or `None` for a tool fault.
    pub fn apex_type(self) -> Option<&'static str> {
        match self {
            CalloutErrorKind::CalloutException => Some("System.CalloutException"),
            CalloutErrorKind::LimitException => Some("System.LimitException"),
            CalloutErrorKind::Unsupported => None,
        }
    }
}

/// A callout that cannot go ahead; `Display` shows the message alone, as `getMessage()` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalloutError {
    pub kind: CalloutErrorKind,
    pub message: String,
}

impl fmt::Display for CalloutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CalloutError {}

impl CalloutError {
    /// A `System.CalloutException` with `message`.
    pub fn callout(message: impl Into<String>) -> CalloutError {
        CalloutError { kind: CalloutErrorKind::CalloutException, message: message.into() }
    }

    /// A tool fault naming what is not supported.
    pub fn unsupported(message: impl Into<String>) -> CalloutError {
        CalloutError { kind: CalloutErrorKind::Unsupported, message: message.into() }
    }

    /// A `callout:` endpoint that cannot be read (KB 005384626).
    pub fn malformed_named_url(endpoint: &str) -> CalloutError {
        CalloutError::callout(format!("The named callout URL: '{endpoint}' is malformed"))
    }

    /// No named credential of that name, or one the caller may not use.
    pub fn named_credential_inaccessible(name: &str) -> CalloutError {
        CalloutError::callout(format!(
            "The callout couldn't access the endpoint. You might not have the required permissions, \
             or the named credential \"{name}\" might not exist."
        ))
    }

    /// No external credential of that name, or no principal of it granted to the caller.
    pub fn external_credential_inaccessible(name: &str) -> CalloutError {
        CalloutError::callout(format!(
            "We couldn't access the credential(s). You might not have the required permissions, \
             or the external credential \"{name}\" might not exist."
        ))
    }

    /// A principal without the secrets or tokens its protocol needs. The exception type is
    /// unconfirmed; CalloutException is the stated default.
    pub fn not_fully_configured() -> CalloutError {
        CalloutError::callout("The external credential isn't fully configured.")
    }

    /// An absolute URL that no active Remote Site Setting covers.
    pub fn unauthorized_endpoint(endpoint: &str) -> CalloutError {
        CalloutError::callout(format!(
            "Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = {endpoint}"
        ))
    }

    /// An endpoint with no scheme at all (`/services/data`), as the platform's URL parser
    /// words it. The wording is unconfirmed: it is Java's `MalformedURLException` text.
    pub fn no_protocol(endpoint: &str) -> CalloutError {
        CalloutError::callout(format!("no protocol: {endpoint}"))
    }

    /// The 101st callout of a transaction.
    pub fn too_many_callouts(count: u32) -> CalloutError {
        CalloutError { kind: CalloutErrorKind::LimitException, message: format!("Too many callouts: {count}") }
    }

    /// A credential formula or merge field that cannot be evaluated. The platform's wording is
    /// unknown, so the message says what is wrong.
    pub fn formula(formula: &str, problem: impl fmt::Display) -> CalloutError {
        CalloutError::callout(format!("Invalid credential formula {formula}: {problem}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_the_platform_texts() {
        assert_eq!(
            CalloutError::named_credential_inaccessible("Nc").to_string(),
            "The callout couldn't access the endpoint. You might not have the required permissions, \
             or the named credential \"Nc\" might not exist."
        );
        assert_eq!(
            CalloutError::external_credential_inaccessible("Ec").message,
            "We couldn't access the credential(s). You might not have the required permissions, \
             or the external credential \"Ec\" might not exist."
        );
        assert_eq!(
            CalloutError::malformed_named_url("callout:.__X").message,
            "The named callout URL: 'callout:.__X' is malformed"
        );
        assert_eq!(
            CalloutError::unauthorized_endpoint("https://a.example.com/x").message,
            "Unauthorized endpoint, please check Setup->Security->Remote site settings. \
             endpoint = https://a.example.com/x"
        );
        assert_eq!(CalloutError::not_fully_configured().message, "The external credential isn't fully configured.");
    }

    #[test]
    fn kinds_name_their_apex_types() {
        assert_eq!(CalloutError::too_many_callouts(101).kind.apex_type(), Some("System.LimitException"));
        assert_eq!(CalloutError::not_fully_configured().kind.apex_type(), Some("System.CalloutException"));
        assert_eq!(CalloutError::unsupported("SIGN").kind.apex_type(), None);
    }
}
