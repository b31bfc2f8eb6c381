//! Line starts of a source, to find the line of a byte offset by binary search.

/// The byte offset where each line starts, to find the line of an offset quickly.
pub(crate) struct LineStarts(Vec<u32>);

impl LineStarts {
    pub(crate) fn new(source: &str) -> LineStarts {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i as u32 + 1));
        LineStarts(starts.collect())
    }

    pub(crate) fn line_of(&self, offset: u32) -> usize {
        self.0.partition_point(|start| *start <= offset).saturating_sub(1)
    }

    /// The indentation (in bytes of spaces and tabs) of the line that holds `offset`.
    pub(crate) fn indent_of(&self, source: &str, offset: u32) -> usize {
        let start = self.0[self.line_of(offset)] as usize;
        source[start..].bytes().take_while(|b| *b == b' ' || *b == b'\t').count()
    }
}
