//! Calling a `@future` method: the compiler turns the call into this native, with the method
//! as its first argument, and the call is queued instead of run.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_annotation_future.htm

use super::{ret, Native};
use crate::eval::{Fault, Interp, Throw};
use crate::ir::MethodId;
use crate::jobs::queue;
use crate::value::Value;

/// The queued call: `args[0]` names the method, the method's arguments follow.
pub static CALL: Native = Native::interp("future", 0, ret::VOID, call).args(0, u8::MAX);

fn call(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let Some((Value::Integer(method), rest)) = args.split_first() else {
        return Err(Throw::fault(Fault::Internal("a future call without its method".into())));
    };
    queue::call_future(interp, MethodId(*method as u32), rest)
}
