//! One module per `apex` subcommand.

pub mod check;
pub mod creds;
pub mod org;
pub mod parse;
pub mod run;
pub mod test;
