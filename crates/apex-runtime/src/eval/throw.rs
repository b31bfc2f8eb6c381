//! Why evaluation stopped early: an Apex exception in flight, or a tool fault. Apex
//! exceptions carry an Apex type and message; tool faults (an unsupported API, an internal
//! error) are never catchable by Apex code.

use crate::value::Instance;
use std::rc::Rc;

/// An abrupt end of evaluation that propagates up through calls. It is one pointer wide,
/// so `Result<Value, Throw>` fits in two registers on the hot path.
pub struct Throw(Box<ThrowKind>);

/// What was thrown.
#[derive(Debug)]
pub enum ThrowKind {
    /// A built-in exception raised by native code; it becomes an exception object (with the
    /// Apex stack at that point) as soon as it reaches the interpreter.
    Sys(SysExc, String),
    /// An exception object in flight.
    Exception(Rc<Instance>),
    /// Not an Apex exception: the program used something the tool cannot do.
    Fault(Fault),
    /// Internal: a null to the left of `?.`; the enclosing chain evaluates to null.
    NullChain,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// `System.Crypto.signWithCertificate is not supported yet`.
    Unsupported(String),
    Internal(String),
}

impl std::fmt::Debug for Throw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Throw {
    pub fn new(kind: ThrowKind) -> Throw {
        Throw(Box::new(kind))
    }

    pub fn kind(&self) -> &ThrowKind {
        &self.0
    }

    pub fn into_kind(self) -> ThrowKind {
        *self.0
    }

    pub fn sys(kind: SysExc, message: impl Into<String>) -> Throw {
        Throw::new(ThrowKind::Sys(kind, message.into()))
    }

    pub fn null_pointer() -> Throw {
        Throw::sys(SysExc::NullPointer, "Attempt to de-reference a null object")
    }

    pub fn unsupported(api: impl std::fmt::Display) -> Throw {
        Throw::fault(Fault::Unsupported(format!("{api} is not supported yet")))
    }

    pub fn fault(fault: Fault) -> Throw {
        Throw::new(ThrowKind::Fault(fault))
    }

    pub fn exception(exception: Rc<Instance>) -> Throw {
        Throw::new(ThrowKind::Exception(exception))
    }

    pub fn null_chain() -> Throw {
        Throw::new(ThrowKind::NullChain)
    }

    pub fn is_null_chain(&self) -> bool {
        matches!(*self.0, ThrowKind::NullChain)
    }

    /// The exception object, once the throw has been materialized.
    pub fn as_exception(&self) -> Option<&Rc<Instance>> {
        match &*self.0 {
            ThrowKind::Exception(e) => Some(e),
            _ => None,
        }
    }

    /// The kind and message of a built-in exception raised by native code.
    pub fn as_sys(&self) -> Option<(SysExc, &str)> {
        match &*self.0 {
            ThrowKind::Sys(kind, message) => Some((*kind, message)),
            _ => None,
        }
    }

    pub fn is_fault(&self) -> bool {
        matches!(*self.0, ThrowKind::Fault(_))
    }
}

macro_rules! sys_exceptions {
    ($($variant:ident => $name:literal,)*) => {
        /// The built-in exception types of the `System` namespace, in class-table order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum SysExc { $($variant,)* }

        impl SysExc {
            pub const ALL: &'static [SysExc] = &[$(SysExc::$variant,)*];

            /// The simple name, e.g. `NullPointerException`.
            pub fn name(self) -> &'static str {
                match self { $(SysExc::$variant => $name,)* }
            }
        }
    };
}

sys_exceptions! {
    Exception => "Exception",
    Assert => "AssertException",
    Async => "AsyncException",
    Callout => "CalloutException",
    Dml => "DmlException",
    Email => "EmailException",
    Final => "FinalException",
    IllegalArgument => "IllegalArgumentException",
    InvalidParameterValue => "InvalidParameterValueException",
    Json => "JSONException",
    Limit => "LimitException",
    List => "ListException",
    Math => "MathException",
    NegativeArraySize => "NegativeArraySizeException",
    NoAccess => "NoAccessException",
    NoDataFound => "NoDataFoundException",
    NoSuchElement => "NoSuchElementException",
    NullPointer => "NullPointerException",
    Query => "QueryException",
    Search => "SearchException",
    Security => "SecurityException",
    Serialization => "SerializationException",
    SObject => "SObjectException",
    String => "StringException",
    Type => "TypeException",
    Unexpected => "UnexpectedException",
    Xml => "XmlException",
    AuraHandled => "AuraHandledException",
    UnsupportedOperation => "UnsupportedOperationException",
    DataWeaveScript => "DataWeaveScriptException",
    RequiredFeatureMissing => "RequiredFeatureMissingException",
    InvalidHeader => "InvalidHeaderException",
    License => "LicenseException",
    Visualforce => "VisualforceException",
    Transient => "TransientException",
}

impl SysExc {
    /// Assertion failures and limit breaches end the transaction: no catch stops them.
    pub fn is_uncatchable(self) -> bool {
        matches!(self, SysExc::Assert | SysExc::Limit)
    }
}
