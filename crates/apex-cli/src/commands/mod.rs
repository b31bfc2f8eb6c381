//! One module per `apex` subcommand.

pub mod parse;
