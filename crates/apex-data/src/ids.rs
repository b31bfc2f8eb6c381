//! Record Ids: 15-character case-sensitive Ids, their 18-character case-insensitive form with
//! the checksum suffix, key prefixes, and minting new Ids (spec/rest-api.md §6).

use std::collections::HashMap;
use std::fmt;

const CHECKSUM_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A well-formed record Id, always held in its 18-character form.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

impl Id {
    /// Reads a 15- or 18-character Id; an 18-character one must carry the right checksum.
    pub fn parse(text: &str) -> Option<Id> {
        let alphanumeric = text.bytes().all(|b| b.is_ascii_alphanumeric());
        match text.len() {
            15 if alphanumeric => Some(Id(format!("{text}{}", checksum(text)))),
            18 if alphanumeric && text[15..] == checksum(&text[..15]) => Some(Id(text.to_string())),
            _ => None,
        }
    }

    /// The 18-character form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 15-character, case-sensitive form.
    pub fn short(&self) -> &str {
        &self.0[..15]
    }

    /// The key prefix: the first three characters, which name the object type.
    pub fn prefix(&self) -> &str {
        &self.0[..3]
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0)
    }
}

/// The three checksum characters of a 15-character Id: one per five characters, with a bit
/// set for each upper-case letter (the first character is the lowest bit).
pub fn checksum(short: &str) -> String {
    short
        .as_bytes()
        .chunks(5)
        .map(|chunk| {
            let bits =
                chunk.iter().enumerate().fold(0usize, |acc, (i, b)| acc | (usize::from(b.is_ascii_uppercase()) << i));
            CHECKSUM_ALPHABET[bits] as char
        })
        .collect()
}

/// Mints Ids that are unique within a store and sort in creation order: the prefix, a fixed
/// pod `MK0`, and a nine-digit base-62 counter per prefix.
#[derive(Debug, Default)]
pub struct IdMinter {
    counters: HashMap<String, u64>,
}

impl IdMinter {
    pub fn new() -> IdMinter {
        IdMinter::default()
    }

    /// The next Id for a three-character key prefix.
    pub fn next(&mut self, prefix: &str) -> Id {
        let counter = self.counters.entry(prefix.to_string()).or_insert(0);
        *counter += 1;
        let short = format!("{prefix}MK0{}", base62(*counter, 9));
        Id(format!("{short}{}", checksum(&short)))
    }

    /// Continues counting after an Id already in the store, so reopening a file keeps Ids unique.
    pub fn observe(&mut self, id: &Id) {
        let digits = &id.short()[6..];
        if id.short()[3..6] != *"MK0" {
            return;
        }
        let value =
            digits.bytes().try_fold(0u64, |acc, b| BASE62.iter().position(|c| *c == b).map(|d| acc * 62 + d as u64));
        if let Some(value) = value {
            let counter = self.counters.entry(id.prefix().to_string()).or_insert(0);
            *counter = (*counter).max(value);
        }
    }
}

fn base62(mut n: u64, width: usize) -> String {
    let mut digits = vec![b'0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_ids_quoted_in_salesforce_documents() {
        for full in [
            "005i0000002MUqLAAW",
            "00Di0000000icUBEAY",
            "00190000001pPvHAAU",
            "003RO0000035WQgYAM",
            "00DRO0000008aXd2AI",
            "005RO000000HfnkYAC",
            "001xx000003DHP0AAO",
        ] {
            assert_eq!(Id::parse(&full[..15]).unwrap().as_str(), full);
            assert!(Id::parse(full).is_some());
        }
    }

    #[test]
    fn malformed_ids_are_refused() {
        assert!(Id::parse("005i0000002MUqLAAA").is_none(), "wrong checksum");
        assert!(Id::parse("005i0000002MUq").is_none(), "too short");
        assert!(Id::parse("005i0000002MUq-").is_none(), "not alphanumeric");
    }

    #[test]
    fn minted_ids_are_valid_unique_and_in_creation_order() {
        let mut minter = IdMinter::new();
        let ids: Vec<Id> = (0..100).map(|_| minter.next("001")).collect();
        assert!(ids.iter().all(|id| Id::parse(id.as_str()).as_ref() == Some(id) && id.prefix() == "001"));
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ids[0].as_str(), "001MK0000000001YAA");
        let mut reopened = IdMinter::new();
        reopened.observe(&ids[99]);
        assert!(reopened.next("001") > ids[99]);
    }
}
