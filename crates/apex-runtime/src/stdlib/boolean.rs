//! `System.Boolean`: the static conversions (all Boolean methods are static).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_boolean.htm

use super::number::conversion;
use super::{ret, Native};
use crate::eval::Throw;
use crate::value::Value;

pub static BOOLEAN_STATIC: &[Native] = &[Native::pure("valueof", 1, ret::BOOLEAN, value_of)];

/// Boolean values have no instance methods of their own.
pub static BOOLEAN_INSTANCE: &[Native] = &[];

/// `Boolean.valueOf(String)`: true only for `true` in any case (Java's `Boolean.parseBoolean`).
pub fn parse_boolean(text: &str) -> bool {
    text.eq_ignore_ascii_case("true")
}

/// `valueOf(String)` and `valueOf(Object)`. The reference says a null argument throws; a
/// NullPointerException is assumed.
fn value_of(args: &[Value]) -> Result<Value, Throw> {
    match args.first() {
        None | Some(Value::Null) => Err(Throw::null_pointer()),
        Some(Value::String(s)) | Some(Value::Id(s)) => Ok(Value::Boolean(parse_boolean(s))),
        Some(Value::Boolean(b)) => Ok(Value::Boolean(*b)),
        Some(other) => Err(conversion(other, "Boolean")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of_text(text: &str) -> bool {
        matches!(value_of(&[Value::string(text)]), Ok(Value::Boolean(true)))
    }

    #[test]
    fn only_true_in_any_case_is_true() {
        assert!(value_of_text("true"));
        assert!(value_of_text("TRUE"));
        assert!(value_of_text("tRuE"));
        assert!(!value_of_text("yes"));
        assert!(!value_of_text(" true"));
        assert!(!value_of_text("1"));
        assert!(!value_of_text(""));
    }

    #[test]
    fn objects_and_null() {
        assert!(matches!(value_of(&[Value::Boolean(false)]), Ok(Value::Boolean(false))));
        assert!(
            matches!(value_of(&[Value::Null]), Err(t) if matches!(t.as_sys(), Some((crate::eval::SysExc::NullPointer, _))))
        );
        match value_of(&[Value::Integer(1)]) {
            Err(t) if t.as_sys().is_some() => {
                assert_eq!(t.as_sys().map(|s| s.1), Some("Invalid conversion from runtime type Integer to Boolean"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
