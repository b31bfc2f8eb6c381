//! Turns how a test's transaction ended into its status and failure, drawn as `apex run`
//! draws an uncaught exception: the message, the Apex stack and a source frame.

use super::{Failure, Status};
use crate::render::RenderConfig;
use crate::runner::{frame, write_stack};
use crate::workspace::Source;
use apex_runtime::eval::{Outcome, StackLine};
use apex_runtime::Fault;

/// The status of an outcome, with the failure when it is not a pass.
pub fn judge(outcome: Outcome, sources: &[Source], render: RenderConfig) -> (Status, Option<Failure>) {
    match outcome {
        Outcome::Completed => (Status::Pass, None),
        Outcome::Exception(uncaught) => {
            let failure = Failure {
                kind: uncaught.type_name,
                message: uncaught.message,
                stack: Vec::new(),
                frame: String::new(),
            };
            (Status::Fail, Some(with_stack(failure, &uncaught.stack, sources, render)))
        }
        Outcome::Fault(fault, stack) => {
            let message = match fault {
                Fault::Unsupported(m) => m,
                Fault::Internal(m) => format!("internal error: {m}"),
            };
            let failure = Failure { kind: "Fault".into(), message, stack: Vec::new(), frame: String::new() };
            (Status::Error, Some(with_stack(failure, &stack, sources, render)))
        }
    }
}

/// A failure that is no Apex exception: a compile error, a test the platform would refuse.
pub fn error(kind: &str, message: String) -> Failure {
    Failure { kind: kind.into(), message, stack: Vec::new(), frame: String::new() }
}

fn with_stack(mut failure: Failure, stack: &[StackLine], sources: &[Source], render: RenderConfig) -> Failure {
    let mut text = Vec::new();
    write_stack(stack, &mut text);
    failure.stack = String::from_utf8_lossy(&text).lines().map(str::to_string).collect();
    if let Some(top) = stack.first() {
        // A fault's frame carries its message alone, as `apex run` draws it.
        let label = if failure.kind == "Fault" { failure.message.clone() } else { failure.title() };
        let mut drawn = Vec::new();
        frame(sources, top.span, &label, render, &mut drawn);
        failure.frame = String::from_utf8_lossy(&drawn).into_owned();
    }
    failure
}
