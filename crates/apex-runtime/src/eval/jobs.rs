//! Running queued asynchronous jobs, each in a transaction of its own: fresh governor limits,
//! the job's context (`System.isQueueable()`, callouts allowed or not), its own savepoint so
//! a failure undoes only its work, then the Queueable's finalizer in one more transaction.
//! In a test the jobs share the test's static variables; after a script each job starts with
//! fresh ones, as a new transaction on the platform does.

use super::{Interp, Limits, Outcome, Throw};
use crate::jobs::{record, Context, Job, JobKind};
use crate::stdlib::{async_apex, dml};
use crate::types::Ty;
use crate::value::Value;
use apex_syntax::Span;
use std::rc::Rc;

/// The savepoint around one job's transaction.
const JOB_SAVEPOINT: &str = "apex_async_job";

/// What a job's transaction sets aside from the transaction that runs it.
struct Outer {
    limits: Limits,
    context: Context,
    finalizer: Option<Value>,
    statics: Option<Vec<Option<Vec<Value>>>>,
    elapsed_ms: u64,
    span: Span,
    /// Jobs queued before this one started; those it queues come after them.
    queued: usize,
}

/// A job or finalizer that ended with an exception or a fault, with the stack spans recorded
/// when it was thrown (later transactions record their own).
struct Failed {
    thrown: Throw,
    thrown_at: Option<(usize, Vec<Span>)>,
}

impl Interp<'_> {
    /// `Test.stopTest()`: runs the queued jobs in order. The first failure ends the run and
    /// its exception comes out of `stopTest`, failing the test unless code catches it.
    pub(crate) fn run_jobs_in_test(&mut self) -> Result<(), Throw> {
        while let Some(job) = self.jobs.queue.pop_front() {
            if let Some(failed) = self.run_job(job).into_iter().next() {
                self.jobs.queue.clear();
                self.thrown_at = failed.thrown_at;
                return Err(failed.thrown);
            }
        }
        Ok(())
    }

    /// After an anonymous script completed: runs the queued jobs in order, and those they
    /// queue, each on its own; returns how each failed job or finalizer ended.
    pub fn run_queued_jobs(&mut self) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        while let Some(job) = self.jobs.queue.pop_front() {
            for failed in self.run_job(job) {
                self.thrown_at = failed.thrown_at;
                outcomes.push(self.outcome(Err(failed.thrown)));
            }
        }
        outcomes
    }

    /// One job and its finalizer; what failed, the job first.
    fn run_job(&mut self, job: Job) -> Vec<Failed> {
        let context = self.job_context(&job);
        let outer = match self.begin_transaction(context) {
            Ok(outer) => outer,
            Err(thrown) => return vec![Failed { thrown, thrown_at: None }],
        };
        let result = self.execute_job(&job);
        let finalizer = self.jobs.finalizer.take();
        let mut failures = Vec::new();
        let failure_text = result.as_ref().err().and_then(|t| self.failure_text(t));
        if let Err(thrown) = self.end_transaction(outer, result.is_err()) {
            failures.push(Failed { thrown, thrown_at: None });
        }
        if let Err(thrown) = record::finished(self, &job.id, failure_text.as_deref()) {
            failures.push(Failed { thrown, thrown_at: None });
        }
        let exception = result.as_ref().err().and_then(|t| t.as_exception()).map(|e| Value::Object(Rc::clone(e)));
        let faulted = result.as_ref().is_err_and(|t| t.is_fault());
        if let Err(thrown) = result {
            failures.insert(0, Failed { thrown, thrown_at: self.thrown_at.take() });
        }
        if let Some(finalizer) = finalizer.filter(|_| !faulted) {
            if let Err(thrown) = self.run_finalizer(&job, finalizer, exception) {
                failures.push(Failed { thrown, thrown_at: self.thrown_at.take() });
            }
        }
        failures
    }

    /// The context code inside a job sees.
    fn job_context(&self, job: &Job) -> Context {
        match &job.kind {
            JobKind::Queueable(Value::Object(object)) => Context::Queueable {
                job: job.id.clone(),
                depth: job.depth,
                callout: self.program.implements_system(object.class, "database.allowscallouts"),
            },
            JobKind::Queueable(_) => Context::Queueable { job: job.id.clone(), depth: job.depth, callout: false },
            JobKind::Future { method, .. } => {
                Context::Future { callout: self.program.method(*method).future.is_some_and(|f| f.callout) }
            }
        }
    }

    /// A Queueable's `execute(QueueableContext)` or a `@future` method's body.
    fn execute_job(&mut self, job: &Job) -> Result<(), Throw> {
        let result = match &job.kind {
            JobKind::Queueable(object) => {
                let context = async_apex::queueable_context(&job.id);
                self.call_execute(object.clone(), async_apex::QUEUEABLE_CONTEXT, context)
            }
            JobKind::Future { method, args } => self.invoke(*method, Value::Null, args.clone()),
        };
        result.map(|_| ()).map_err(|thrown| self.materialize(thrown))
    }

    /// The finalizer's `execute(FinalizerContext)`, in a transaction after the job's.
    fn run_finalizer(&mut self, job: &Job, finalizer: Value, exception: Option<Value>) -> Result<(), Throw> {
        let outer = self.begin_transaction(Context::Finalizer { job: job.id.clone(), depth: job.depth })?;
        let context = async_apex::finalizer_context(&job.id, exception);
        let result = self.call_execute(finalizer, async_apex::FINALIZER_CONTEXT, context).map(|_| ());
        let result = result.map_err(|thrown| self.materialize(thrown));
        self.end_transaction(outer, result.is_err())?;
        result
    }

    /// `execute(QueueableContext)` or `execute(FinalizerContext)` of an object: a class may
    /// implement both interfaces, so the overload is chosen by the context's type.
    fn call_execute(&mut self, object: Value, context_class: &'static str, context: Value) -> Result<Value, Throw> {
        let Value::Object(instance) = &object else {
            return Err(Throw::null_pointer());
        };
        let wanted = [Ty::System(context_class)];
        let mut current = Some(instance.class);
        while let Some(class) = current {
            let info = self.program.class(class);
            let overloads = info.methods.get("execute").map(Vec::as_slice).unwrap_or_default();
            let found = overloads.iter().find(|m| {
                let method = self.program.method(**m);
                !method.is_abstract && method.params == wanted
            });
            if let Some(method) = found {
                return self.invoke(*method, object, vec![context]);
            }
            current = info.parent;
        }
        self.call_dynamic(object, "execute", vec![context])
    }

    /// Starts a job's transaction: a savepoint, fresh limits and the job's context.
    fn begin_transaction(&mut self, context: Context) -> Result<Outer, Throw> {
        dml::store(self)?.savepoint(JOB_SAVEPOINT).map_err(store_fault)?;
        let fresh = self.limits.for_async();
        let classes = self.statics.len();
        let statics = (!self.limits.in_test).then(|| std::mem::replace(&mut self.statics, vec![None; classes]));
        Ok(Outer {
            limits: std::mem::replace(&mut self.limits, fresh),
            context: std::mem::replace(&mut self.jobs.context, context),
            finalizer: self.jobs.finalizer.take(),
            statics,
            elapsed_ms: std::mem::take(&mut self.callouts.elapsed_ms),
            span: self.span,
            queued: self.jobs.queue.len(),
        })
    }

    /// Ends a job's transaction: a failed one's records and queued jobs are undone.
    fn end_transaction(&mut self, outer: Outer, failed: bool) -> Result<(), Throw> {
        if failed {
            self.jobs.queue.truncate(outer.queued);
        }
        self.limits = outer.limits;
        self.jobs.context = outer.context;
        self.jobs.finalizer = outer.finalizer;
        if let Some(statics) = outer.statics {
            self.statics = statics;
        }
        self.callouts.elapsed_ms = outer.elapsed_ms;
        self.span = outer.span;
        let store = dml::store(self)?;
        if failed {
            store.rollback_to(JOB_SAVEPOINT).map_err(store_fault)?;
        }
        store.release(JOB_SAVEPOINT).map_err(store_fault)
    }

    /// `System.NullPointerException: Attempt to de-reference a null object`, for the job's record.
    fn failure_text(&mut self, thrown: &Throw) -> Option<String> {
        thrown.as_exception()?;
        let uncaught = self.uncaught(thrown);
        Some(match uncaught.message.is_empty() {
            true => uncaught.type_name,
            false => format!("{}: {}", uncaught.type_name, uncaught.message),
        })
    }
}

fn store_fault(error: apex_data::StoreError) -> Throw {
    Throw::unsupported(format!("the record store around an async job: {error}"))
}
