//! Why evaluation stopped early: an Apex exception in flight, or a tool fault. Apex
//! exceptions carry an Apex type and message; tool faults (an unsupported API, an internal
//! error) are never catchable by Apex code.

use crate::value::Instance;
use std::rc::Rc;

/// An abrupt end of evaluation that propagates up through calls.
#[derive(Debug)]
pub enum Throw {
    /// A built-in exception raised by native code; it becomes an exception object (with the
    /// Apex stack at that point) as soon as it reaches the interpreter.
    Sys(SysExc, Box<String>),
    /// An exception object in flight.
    Exception(Rc<Instance>),
    /// Not an Apex exception: the program used something the tool cannot do.
    Fault(Box<Fault>),
    /// Internal: a null to the left of `?.`; the enclosing chain evaluates to null.
    NullChain,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// `System.Crypto.signWithCertificate is not supported yet`.
    Unsupported(String),
    Internal(String),
}

impl Throw {
    pub fn sys(kind: SysExc, message: impl Into<String>) -> Throw {
        Throw::Sys(kind, Box::new(message.into()))
    }

    pub fn null_pointer() -> Throw {
        Throw::sys(SysExc::NullPointer, "Attempt to de-reference a null object")
    }

    pub fn unsupported(api: impl std::fmt::Display) -> Throw {
        Throw::fault(Fault::Unsupported(format!("{api} is not supported yet")))
    }

    pub fn fault(fault: Fault) -> Throw {
        Throw::Fault(Box::new(fault))
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
