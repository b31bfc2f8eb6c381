//! The callout service.
pub mod oauth;
pub mod secrets;
pub mod transport;
