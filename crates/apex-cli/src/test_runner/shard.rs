//! `--shard K/N`: one of N equal parts of a suite, so a CI matrix can split it across
//! machines. The selected test classes, in report order, are dealt round-robin: shard K takes
//! the K-th, the (K+N)-th, and so on, so every class runs in exactly one shard.

use std::str::FromStr;

/// Shard `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// The items of this shard, in their order.
    pub fn select<T>(self, items: Vec<T>) -> Vec<T> {
        items.into_iter().enumerate().filter(|(i, _)| i % self.count == self.index - 1).map(|(_, item)| item).collect()
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let wrong = || format!("`{text}` is not a shard: write K/N with 1 <= K <= N, e.g. 2/4");
        let (index, count) = text.split_once('/').ok_or_else(wrong)?;
        let index: usize = index.trim().parse().map_err(|_| wrong())?;
        let count: usize = count.trim().parse().map_err(|_| wrong())?;
        if index == 0 || index > count {
            return Err(wrong());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::Shard;

    #[test]
    fn every_item_lands_in_exactly_one_shard() {
        let items: Vec<u32> = (0..10).collect();
        let mut seen: Vec<u32> = (1..=3).flat_map(|k| Shard { index: k, count: 3 }.select(items.clone())).collect();
        seen.sort();
        assert_eq!(seen, items);
        assert_eq!(Shard { index: 2, count: 3 }.select(items), [1, 4, 7]);
    }

    #[test]
    fn reads_k_of_n_and_refuses_the_rest() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "2", "a/b", "1/0", "-1/3"] {
            let refused: Result<Shard, String> = bad.parse();
            assert!(refused.is_err(), "{bad} was accepted");
        }
    }
}
