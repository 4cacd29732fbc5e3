//! [`Chunker`]: cuts a byte stream into chunks with context on both sides.
//!
//! # The boundary rule
//!
//! A chunk is `bytes` = up to [`CONTEXT`] bytes of look-behind, then its *own* range, then up
//! to [`CONTEXT`] bytes of look-ahead. A finding belongs to the chunk whose own range holds
//! its start. The context is longer than any finding plus any detector's look-around
//! (`detect::MAX_LEN`, `detect::LOOK_BEHIND`), so every detector sees the same bytes around a
//! candidate whatever the chunk size: results do not depend on it.
//!
//! Own ranges end at a line end where the chunk holds one (ripgrep's line buffer). A line
//! longer than a chunk is cut after a *breaker*: an ASCII byte that no finding can contain
//! (anything but letters, digits and ` -.:@+()%_`). So no finding ever straddles two own
//! ranges, and each chunk can be rewritten on its own. Only a line with no breaker in the
//! second half of a chunk is cut blind; the pipeline detects a finding that then straddles the
//! cut and reports it instead of writing a wrong result.

use std::io::{self, Read};
use std::ops::Range;

/// Bytes of context on each side of a chunk's own range.
pub(crate) const CONTEXT: usize = 1024;

/// One unit of work.
#[derive(Debug)]
pub(crate) struct Chunk {
    /// Position in the stream, from 0.
    pub seq: u64,
    /// Input offset of `bytes[0]`.
    pub base: u64,
    /// Context, own range and context.
    pub bytes: Vec<u8>,
    /// The own range, as indices into `bytes`.
    pub own: Range<usize>,
    /// `bytes[0]` is not the first byte of the input.
    pub cut_start: bool,
    /// `bytes` does not reach the end of the input.
    pub cut_end: bool,
}

/// Whether no finding can contain the byte `b` (see the module docs).
pub(crate) fn is_breaker(b: u8) -> bool {
    b.is_ascii()
        && !b.is_ascii_alphanumeric()
        && !matches!(b, b' ' | b'-' | b'.' | b':' | b'@' | b'+' | b'(' | b')' | b'%' | b'_')
}

/// Reads from `reader` into `data[*filled..]` until `want` bytes are there or the input ends
/// (`*eof`), growing `data` to at least `want` (and 64 KiB); no read goes past `limit`. `data`
/// stays allocated and initialised between calls, so a small read costs no more than its
/// bytes.
pub(crate) fn fill<R: Read>(
    reader: &mut R,
    data: &mut Vec<u8>,
    filled: &mut usize,
    eof: &mut bool,
    want: usize,
    limit: usize,
) -> io::Result<()> {
    if data.len() < want {
        data.resize(want.max(64 * 1024), 0);
    }
    let limit = limit.clamp(want, data.len());
    while *filled < want && !*eof {
        match reader.read(&mut data[*filled..limit]) {
            Ok(0) => *eof = true,
            Ok(n) => *filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads a stream and hands out [`Chunk`]s.
pub(crate) struct Chunker<R> {
    reader: R,
    size: usize,
    /// Input bytes from `data_base` on, in `data[..filled]`: look-behind, then bytes not yet
    /// owned by any chunk. `data` stays allocated (and initialised) between reads, so a small
    /// read costs no more than its bytes.
    data: Vec<u8>,
    filled: usize,
    data_base: u64,
    /// Index in `data` where the next own range starts.
    next: usize,
    eof: bool,
    seq: u64,
}

impl<R: Read> Chunker<R> {
    pub fn new(reader: R, size: usize) -> Chunker<R> {
        Chunker {
            reader,
            size: size.max(1),
            data: Vec::new(),
            filled: 0,
            data_base: 0,
            next: 0,
            eof: false,
            seq: 0,
        }
    }

    fn fill(&mut self, want: usize) -> io::Result<()> {
        // Read as much as the buffer holds: fewer, larger reads.
        let Chunker { reader, data, filled, eof, .. } = self;
        fill(reader, data, filled, eof, want, usize::MAX)
    }

    /// Whether the whole input fits in the first chunk (reads ahead to find out). Such an
    /// input gains nothing from worker threads.
    pub fn fits_one_chunk(&mut self) -> io::Result<bool> {
        self.fill(self.next + self.size + CONTEXT)?;
        Ok(self.eof && self.filled - self.next <= self.size)
    }

    /// The next chunk, or `None` at the end of the input. `buf` is a recycled buffer for the
    /// chunk's bytes (its contents are replaced).
    pub fn next_chunk(&mut self, mut buf: Vec<u8>) -> io::Result<Option<Chunk>> {
        // Drop what no chunk will look at again, keeping the look-behind.
        let keep_from = self.next.saturating_sub(CONTEXT);
        if keep_from > 0 {
            self.data.copy_within(keep_from..self.filled, 0);
            self.filled -= keep_from;
            self.data_base += keep_from as u64;
            self.next -= keep_from;
        }
        self.fill(self.next + self.size + CONTEXT)?;
        let data = &self.data[..self.filled];
        if self.next >= data.len() {
            return Ok(None);
        }
        let limit = (self.next + self.size).min(data.len());
        let own_end = if limit == data.len() && self.eof {
            limit
        } else {
            let window = &data[self.next..limit];
            match memchr::memrchr(b'\n', window) {
                Some(p) => self.next + p + 1,
                None => {
                    let half = window.len() / 2;
                    match window[half..].iter().rposition(|&b| is_breaker(b)) {
                        Some(p) => self.next + half + p + 1,
                        None => limit,
                    }
                }
            }
        };
        let start = self.next.saturating_sub(CONTEXT);
        let end = (own_end + CONTEXT).min(data.len());
        buf.clear();
        buf.extend_from_slice(&data[start..end]);
        let chunk = Chunk {
            seq: self.seq,
            base: self.data_base + start as u64,
            bytes: buf,
            own: self.next - start..own_end - start,
            cut_start: self.data_base + (start as u64) > 0,
            cut_end: !(self.eof && end == data.len()),
        };
        self.seq += 1;
        self.next = own_end;
        Ok(Some(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(input: &[u8], size: usize) -> Vec<Chunk> {
        let mut c = Chunker::new(input, size);
        let mut v = Vec::new();
        while let Some(ch) = c.next_chunk(Vec::new()).unwrap() {
            v.push(ch);
        }
        v
    }

    #[test]
    fn own_ranges_tile_the_input() {
        let input: Vec<u8> = (0..20_000).map(|i| if i % 37 == 0 { b'\n' } else { b'a' }).collect();
        for size in [1, 7, 100, 4096, 1 << 20] {
            let cs = chunks(&input, size);
            let mut at = 0u64;
            for (i, c) in cs.iter().enumerate() {
                assert_eq!(c.seq, i as u64);
                assert_eq!(c.base + c.own.start as u64, at);
                at = c.base + c.own.end as u64;
                assert!(c.own.end - c.own.start <= size.max(1));
                let abs = c.base as usize;
                assert_eq!(&input[abs..abs + c.bytes.len()], &c.bytes[..]);
            }
            assert_eq!(at, input.len() as u64);
        }
    }

    #[test]
    fn knows_when_the_input_fits_one_chunk() {
        assert!(Chunker::new(&b"short\n"[..], 100).fits_one_chunk().unwrap());
        assert!(Chunker::new(&[b'a'; 100][..], 100).fits_one_chunk().unwrap());
        let mut c = Chunker::new(&[b'a'; 101][..], 100);
        assert!(!c.fits_one_chunk().unwrap());
        // Reading ahead does not disturb the chunks.
        let first = c.next_chunk(Vec::new()).unwrap().unwrap();
        assert_eq!((first.own.start, first.own.end), (0, 100));
    }

    #[test]
    fn cuts_at_line_ends_then_breakers() {
        let cs = chunks(b"aaaa\nbbbb\ncccc", 7);
        assert_eq!(&cs[0].bytes[cs[0].own.clone()], b"aaaa\n");
        let cs = chunks(b"aaaa,bbbbbbbbbbbb", 8);
        assert_eq!(&cs[0].bytes[cs[0].own.clone()], b"aaaa,");
        assert!(chunks(b"", 8).is_empty());
    }

    #[test]
    fn one_byte_reads() {
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let input = b"line one\nline two\nthree";
        let mut c = Chunker::new(Slow(input), 4);
        let mut out = Vec::new();
        while let Some(ch) = c.next_chunk(Vec::new()).unwrap() {
            out.extend_from_slice(&ch.bytes[ch.own.clone()]);
        }
        assert_eq!(out, input);
    }
}
