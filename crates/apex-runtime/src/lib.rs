//! `apex-runtime`: compiles Apex classes and anonymous scripts (names resolved to slots, types
//! checked, overloads chosen) and evaluates them with Apex semantics and governor limits.

pub mod callout;
pub mod compile;
pub mod eval;
pub mod host;
pub mod ir;
pub mod jobs;
pub mod program;
pub mod resources;
pub mod stdlib;
pub mod types;
pub mod user;
pub mod value;

pub use eval::{Fault, Interp, SysExc, Throw};
pub use host::{Host, RecordingHost, Tracing};
pub use resources::{StaticResource, StaticResources};
pub use types::{ClassId, Ty};
pub use user::RunningUser;
pub use value::Value;
