//! Asynchronous Apex: the jobs a transaction queues (`System.enqueueJob`, `@future` calls),
//! the context a running job gives the code in it, and the platform's messages for both.
//! The jobs themselves run in `eval::jobs`, at `Test.stopTest()` or after an anonymous script.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_async_overview.htm

pub mod copy;
pub mod queue;
pub mod record;

use crate::ir::MethodId;
use crate::value::Value;
use apex_data::Id;
use std::collections::VecDeque;

/// Jobs one synchronous transaction may add with `System.enqueueJob`.
pub const MAX_QUEUEABLE_JOBS: u32 = 50;
/// Jobs an asynchronous transaction (a job, a finalizer) may add.
pub const MAX_QUEUEABLE_JOBS_ASYNC: u32 = 1;
/// `@future` calls one transaction may make.
pub const MAX_FUTURE_CALLS: u32 = 50;
/// The longest chain of Queueables a Developer Edition or trial org runs; the emulated org
/// is one. Other orgs have no such limit.
pub const MAX_CHAIN_DEPTH: u32 = 5;

/// A chain too deep, or any chaining inside a test.
pub const STACK_DEPTH_REACHED: &str = "Maximum stack depth has been reached.";
/// A callout from a `@future` method without `callout=true`.
pub const FUTURE_NO_CALLOUT: &str =
    "Callout not allowed from this future method. Please enable callout by annotating the future method. eg: @Future(callout=true)";
/// A callout from a Queueable that does not implement `Database.AllowsCallouts`. Reported
/// for this case (spec/callouts.md §6); an older report gives `FUTURE_NO_CALLOUT` instead.
pub const QUEUEABLE_NO_CALLOUT: &str = "Callout from triggers are currently not supported.";

/// One queued job.
#[derive(Debug)]
pub struct Job {
    /// The job's `AsyncApexJob` record.
    pub id: Id,
    pub kind: JobKind,
    /// Its place in a chain of Queueables: 1 when synchronous code queued it.
    pub depth: u32,
}

#[derive(Debug)]
pub enum JobKind {
    /// A Queueable, as it was when queued.
    Queueable(Value),
    /// A `@future` method and its arguments, as they were when it was called.
    Future { method: MethodId, args: Vec<Value> },
}

/// Where the running code is.
#[derive(Clone, Debug, Default)]
pub enum Context {
    #[default]
    Sync,
    Future {
        /// `@future(callout=true)`.
        callout: bool,
    },
    Queueable {
        job: Id,
        depth: u32,
        /// The class implements `Database.AllowsCallouts`.
        callout: bool,
    },
    /// The finalizer of a Queueable, after the job's own transaction.
    Finalizer { job: Id, depth: u32 },
}

impl Context {
    pub fn is_async(&self) -> bool {
        !matches!(self, Context::Sync)
    }

    /// The refusal of a callout here, if this context may not call out.
    pub fn callout_refusal(&self) -> Option<&'static str> {
        match self {
            Context::Future { callout: false } => Some(FUTURE_NO_CALLOUT),
            Context::Queueable { callout: false, .. } => Some(QUEUEABLE_NO_CALLOUT),
            _ => None,
        }
    }

    /// The chain depth a job queued from here gets.
    fn child_depth(&self) -> u32 {
        match self {
            Context::Queueable { depth, .. } | Context::Finalizer { depth, .. } => depth + 1,
            _ => 1,
        }
    }
}

/// The asynchronous side of a transaction.
#[derive(Debug, Default)]
pub struct AsyncState {
    /// Jobs waiting to run, in the order they were queued.
    pub queue: VecDeque<Job>,
    pub context: Context,
    /// The finalizer the running Queueable attached with `System.attachFinalizer`.
    pub finalizer: Option<Value>,
}
