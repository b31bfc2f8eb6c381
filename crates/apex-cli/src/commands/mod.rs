//! One module per `apex` subcommand.

pub mod check;
pub mod org;
pub mod parse;
pub mod run;
