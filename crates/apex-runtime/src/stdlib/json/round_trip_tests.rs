//! Property tests: what `JSON.serialize` (compact or pretty) writes, `deserializeUntyped` reads
//! back as the same value, for generated nested maps, lists and scalars.

use super::{parse, write, WriteConfig};
use crate::eval::Interp;
use crate::host::RecordingHost;
use crate::types::Ty;
use crate::value::{Key, ListObj, MapObj, Value};
use bigdecimal::BigDecimal;
use proptest::prelude::*;
use std::rc::Rc;
use std::str::FromStr;

/// Scalars that come back as the same Apex type: Integers, Longs outside 32 bits, Decimals
/// with a fraction (their scale kept), Strings of any characters, Booleans and null.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Boolean),
        any::<i32>().prop_map(Value::Integer),
        prop_oneof![i64::MIN..(i32::MIN as i64), (i32::MAX as i64 + 1)..i64::MAX].prop_map(Value::Long),
        (any::<i64>(), 1u32..6).prop_map(|(digits, scale)| {
            let text = format!("{}.{:0>width$}", digits / 1000, (digits % 1000).unsigned_abs(), width = scale as usize);
            Value::decimal(BigDecimal::from_str(&text).unwrap())
        }),
        text().prop_map(Value::string),
    ]
}

/// Any text, and often text made of the characters JSON must escape.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[\\x00-\\x1f\"\\\\/a-zé😀 ]{0,12}"]
}

fn tree() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| Value::List(Rc::new(ListObj::new(items, Ty::Object)))),
            prop::collection::vec((text(), inner), 0..6).prop_map(|entries| {
                let map = MapObj::new(Ty::String, Ty::Object);
                for (k, v) in entries {
                    map.entries.borrow_mut().insert(Key(Value::string(k)), v);
                }
                Value::Map(Rc::new(map))
            }),
        ]
    })
}

/// Exact sameness: same types, same Decimal scale, map keys in the same order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Decimal(x), Value::Decimal(y)) => x.to_string() == y.to_string(),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.items.borrow(), y.items.borrow());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            let (x, y) = (x.entries.borrow(), y.entries.borrow());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|((kp, vp), (kq, vq))| same(&kp.0, &kq.0) && same(vp, vq))
        }
        (Value::Integer(_), Value::Integer(_))
        | (Value::Long(_), Value::Long(_))
        | (Value::String(_), Value::String(_))
        | (Value::Boolean(_), Value::Boolean(_))
        | (Value::Null, Value::Null) => a == b,
        _ => false,
    }
}

proptest! {
    #[test]
    fn deserialize_untyped_reads_back_what_serialize_wrote(value in tree(), pretty in any::<bool>()) {
        let mut host = RecordingHost::default();
        let mut interp = Interp::for_tests(&mut host);
        let config = WriteConfig { pretty, suppress_nulls: false };
        let text = write(&mut interp, &value, config).unwrap();
        let back = parse(&text).unwrap();
        prop_assert!(same(&value, &back), "{text}");
        // What is read back writes the very same text: the output is one canonical form.
        prop_assert_eq!(write(&mut interp, &back, config).unwrap(), text);
    }

    #[test]
    fn url_decode_reverses_url_encode(text in any::<String>()) {
        use crate::stdlib::encoding_util::{url_decode_text, url_encode_text};
        let encoded = url_encode_text(&text);
        // Java's URLEncoder leaves only these characters as they are.
        prop_assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || ".-*_+%".contains(c)), "{encoded}");
        prop_assert_eq!(url_decode_text(&encoded).unwrap(), text);
    }

    #[test]
    fn base64_decode_reverses_base64_encode(bytes in prop::collection::vec(any::<u8>(), 0..200), wrap in 1usize..80) {
        use crate::stdlib::encoding_util::{decode_base64, encode_base64};
        let text = encode_base64(&bytes);
        prop_assert_eq!(text.len() % 4, 0);
        prop_assert_eq!(decode_base64(&text).unwrap(), bytes.clone());
        // Line breaks (as in PEM) and missing padding are accepted too.
        let wrapped: String = text.trim_end_matches('=').chars().collect::<Vec<_>>()
            .chunks(wrap).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\r\n");
        prop_assert_eq!(decode_base64(&wrapped).unwrap(), bytes);
    }
}
