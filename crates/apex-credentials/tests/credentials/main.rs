//! Integration tests of apex-credentials: small metadata projects written for these tests are
//! loaded, then endpoints resolved, principals checked and formulas evaluated.

mod diagnostics;
mod errors;
mod examples;
mod formulas;
mod principals;
mod support;
mod urls;
