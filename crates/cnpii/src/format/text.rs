//! Running text on the structured path (GBK text, and formats whose parser gives up): whole
//! lines, scanned as text.

use super::{Escape, SplitCx, Splitter};

/// Complete lines, as one raw segment per job.
pub(crate) struct Lines;

impl Splitter for Lines {
    fn split(&mut self, buf: &[u8], eof: bool, cx: &mut SplitCx<'_>) -> usize {
        let n = if eof { buf.len() } else { memchr::memrchr(b'\n', buf).map_or(0, |p| p + 1) };
        cx.record();
        cx.push(0, n, None, Escape::Raw);
        n
    }

    fn lost(&mut self) {}
}
