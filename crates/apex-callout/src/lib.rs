//! The callout service.
pub mod aws;
pub mod jwt;
pub mod login;
pub mod oauth;
pub mod secrets;
pub mod service;
pub mod tokens;
pub mod transport;
