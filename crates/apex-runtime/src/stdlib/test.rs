//! `System.Test`: mocks for callouts, stubs, data loaded from static resources, the fresh set
//! of governor limits between `startTest` and `stopTest`, and the queued asynchronous jobs
//! that `stopTest` runs.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_test.htm

use super::args::value as arg;
use super::{ret, Native, Ret};
use crate::eval::{Interp, Throw};
use crate::types::Ty;
use crate::value::Value;

pub static STATIC: &[Native] = &[
    Native::interp("setmock", 2, ret::VOID, set_mock),
    Native::interp("starttest", 0, ret::VOID, start_test),
    Native::interp("setfixedsearchresults", 1, ret::VOID, set_fixed_search_results),
    Native::interp("stoptest", 0, ret::VOID, stop_test),
    Native::interp("isrunningtest", 0, ret::BOOLEAN, |interp, _| Ok(Value::Boolean(interp.limits.in_test))),
    Native::interp("createstub", 2, ret::OBJECT, create_stub),
    // `List<SObject>`, checked at run time like a dynamic query.
    Native::interp("loaddata", 2, Ret::Ty(Ty::Any), super::load_data::load_data),
];

/// `Test.createStub(parentType, provider)`: an object whose method calls go to the provider.
fn create_stub(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ty = match arg(args, 0)? {
        Value::Type(ty) => ty.clone(),
        _ => return Err(Throw::null_pointer()),
    };
    interp.create_stub(&ty, arg(args, 1)?.clone())
}

/// `Test.setMock(HttpCalloutMock.class, mock)`: every later `Http.send` asks the mock.
fn set_mock(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let interface = match arg(args, 0)? {
        Value::Type(ty) => (**ty).clone(),
        _ => return Err(Throw::null_pointer()),
    };
    let mock = arg(args, 1)?.clone();
    match interface {
        Ty::System("HttpCalloutMock") => {
            interp.callouts.mock = (!mock.is_null()).then_some(mock);
            Ok(Value::Null)
        }
        _ => Err(Throw::unsupported("Test.setMock for mocks other than HttpCalloutMock")),
    }
}

/// `Test.setFixedSearchResults(ids)`: the records later searches in the test return.
fn set_fixed_search_results(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let ids = match arg(args, 0)? {
        Value::List(list) => list.items.borrow().iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    interp.limits.fixed_search_ids = Some(ids);
    Ok(Value::Null)
}

/// Starts the block with fresh limits; what was counted before comes back at `stopTest`.
fn start_test(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    interp.limits.start_test();
    Ok(Value::Null)
}

/// Ends the block: the counts from before it come back and, in a test, the jobs queued so
/// far run, each in its own transaction; the first uncaught exception among them comes out
/// of `stopTest`.
fn stop_test(interp: &mut Interp, _: &[Value]) -> Result<Value, Throw> {
    interp.limits.stop_test();
    if interp.limits.in_test {
        interp.run_jobs_in_test()?;
    }
    Ok(Value::Null)
}
