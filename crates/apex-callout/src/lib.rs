//! The callout service.
pub mod jwt;
pub mod oauth;
pub mod secrets;
pub mod tokens;
pub mod transport;
