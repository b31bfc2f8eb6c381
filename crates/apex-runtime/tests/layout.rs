//! The evaluator's hot values stay small: a Value is two words and a `Result<Value, Throw>`
//! fits in two registers. Growing them slows every expression, so a change must be deliberate.

use apex_runtime::{Throw, Value};
use std::mem::size_of;

#[test]
fn value_is_two_words() {
    assert_eq!(size_of::<Value>(), 16);
}

#[test]
fn throw_is_one_pointer() {
    assert_eq!(size_of::<Throw>(), 8);
}

#[test]
fn evaluation_results_are_two_words() {
    assert_eq!(size_of::<Result<Value, Throw>>(), 16);
    assert_eq!(size_of::<Result<bool, Throw>>(), 16);
}
