//! The `AsyncApexJob` record of each queued job: `Queued` when queued, then `Completed` or
//! `Failed`, so `[SELECT Status FROM AsyncApexJob WHERE Id = :jobId]` answers as on the
//! platform. Writing them is the platform's doing: no DML statement is counted.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_asyncapexjob.htm

use crate::eval::{Interp, Throw};
use crate::stdlib::dml::store;
use crate::stdlib::iso8601::format_datetime;
use crate::value::Datetime;
use apex_data::{FieldValue, Id, Stamp, StoreError};

const OBJECT: &str = "AsyncApexJob";

/// A new `Queued` job of `job_type` (`Queueable`, `Future`); its Id is the job's.
pub fn queued(interp: &mut Interp, job_type: &str, method: Option<&str>) -> Result<Id, Throw> {
    let (user, now) = stamp(interp)?;
    let text = |s: &str| FieldValue::Text(s.to_string());
    let mut fields = vec![("JobType".to_string(), text(job_type)), ("Status".to_string(), text("Queued"))];
    if let Some(method) = method {
        fields.push(("MethodName".to_string(), text(method)));
    }
    let store = store(interp)?;
    store.insert(OBJECT, &fields, &Stamp { user: &user, now: &now }).map_err(fault)
}

/// Marks a job `Completed`, or `Failed` with the exception that ended it.
pub fn finished(interp: &mut Interp, id: &Id, failure: Option<&str>) -> Result<(), Throw> {
    let (user, now) = stamp(interp)?;
    let status = if failure.is_some() { "Failed" } else { "Completed" };
    let fields = vec![
        ("Status".to_string(), FieldValue::Text(status.to_string())),
        ("NumberOfErrors".to_string(), FieldValue::Int(i64::from(failure.is_some()))),
        // unconfirmed: the platform's ExtendedStatus text for a failed Queueable.
        ("ExtendedStatus".to_string(), failure.map_or(FieldValue::Null, |f| FieldValue::Text(f.to_string()))),
        ("CompletedDate".to_string(), FieldValue::Text(now.clone())),
    ];
    let store = store(interp)?;
    store.update(OBJECT, id, &fields, &Stamp { user: &user, now: &now }).map_err(fault)
}

fn stamp(interp: &mut Interp) -> Result<(Id, String), Throw> {
    let user = Id::parse(&interp.user().user_id)
        .ok_or_else(|| Throw::unsupported(format!("async Apex as a user whose Id is {}", interp.user().user_id)))?;
    let now = format_datetime(Datetime(interp.host.now_millis()));
    Ok((user, now))
}

fn fault(error: StoreError) -> Throw {
    Throw::unsupported(format!("the AsyncApexJob record: {error}"))
}
