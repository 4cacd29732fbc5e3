//! Sinks: where the pipeline's results go, in input order (push model, as in grep-searcher).
//!
//! [`RedactSink`] writes redacted bytes, [`FindingsSink`] writes the JSON Lines findings report
//! of CONTRACT.md, [`CollectSink`] keeps findings in memory.

use crate::finding::Finding;
use crate::kind::{Kind, KindSet};
use std::io::{self, Write};
use std::time::Duration;

/// Totals of one run, merged across chunks and files with [`Summary::combine`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Input bytes read.
    pub bytes: u64,
    /// Findings per kind, indexed in [`Kind::ALL`] order.
    pub findings: [u64; 10],
    /// Wall time.
    pub elapsed: Duration,
    /// Warnings about the input (parts a format's parser passed through as text).
    pub warnings: u64,
}

impl Summary {
    /// Adds `other` into `self` (associative and commutative).
    pub fn combine(&mut self, other: &Summary) {
        self.bytes += other.bytes;
        for (a, b) in self.findings.iter_mut().zip(other.findings) {
            *a += b;
        }
        self.elapsed += other.elapsed;
        self.warnings += other.warnings;
    }

    /// Findings of `kind`.
    pub fn count(&self, kind: Kind) -> u64 {
        self.findings[kind.index()]
    }

    /// All findings.
    pub fn total(&self) -> u64 {
        self.findings.iter().sum()
    }
}

/// Receives a run's results in input order.
pub trait Sink {
    /// Whether the pipeline should produce redacted bytes for [`Sink::output`].
    fn wants_output(&self) -> bool;

    /// Redacted bytes, in order.
    ///
    /// # Errors
    ///
    /// Write errors; they end the run.
    fn output(&mut self, bytes: &[u8]) -> io::Result<()>;

    /// One finding, in order, with the bytes it covers (for previews and audits; a sink must
    /// not write them anywhere the user did not ask for).
    ///
    /// # Errors
    ///
    /// Write errors; they end the run.
    fn finding(&mut self, finding: &Finding, value: &[u8]) -> io::Result<()>;

    /// A warning about the input at offset `at` (structured input the parser did not
    /// understand and passed through as text). The message never quotes the input.
    ///
    /// # Errors
    ///
    /// Write errors.
    fn warning(&mut self, _at: u64, _message: &str) -> io::Result<()> {
        Ok(())
    }

    /// The end of one input.
    ///
    /// # Errors
    ///
    /// Write errors.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Writes redacted bytes to a writer.
#[derive(Debug)]
pub struct RedactSink<W> {
    out: W,
}

impl<W: Write> RedactSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> RedactSink<W> {
        RedactSink { out }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for RedactSink<W> {
    fn wants_output(&self) -> bool {
        true
    }

    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    fn finding(&mut self, _: &Finding, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes the findings report of CONTRACT.md: one JSON object per finding,
///
/// ```json
/// {"type":"finding","path":"app.log","kind":"id_card","start":1043,"end":1061,"line":12,"confidence":0.99}
/// ```
///
/// with `start`/`end` byte offsets into the input as stored (end exclusive), `line` 1-based,
/// and `path` `"-"` for stdin. `confidence` and `detail` (such as the issuing bank) are extra
/// fields. [`FindingsSink::summary`] writes the closing
/// `{"type":"summary","bytes":N,"findings":{"id_card":N,…},"elapsed_ms":N}` line.
#[derive(Debug)]
pub struct FindingsSink<W> {
    out: W,
    path: String,
    line: Vec<u8>,
    /// Confidences formatted so far (`{:.2}`), by their bits: detectors use a handful.
    confidences: Vec<(u32, String)>,
}

/// Appends `n` in decimal.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

impl<W: Write> FindingsSink<W> {
    /// A sink writing to `out`, labelling findings with `path`.
    pub fn new(out: W, path: &str) -> FindingsSink<W> {
        FindingsSink {
            out,
            path: serde_json::to_string(path).expect("a string serialises"),
            line: Vec::new(),
            confidences: Vec::new(),
        }
    }

    /// Appends `c` as `{:.2}` formats it.
    fn confidence(&mut self, c: f32) {
        let bits = c.to_bits();
        if let Some((_, s)) = self.confidences.iter().find(|e| e.0 == bits) {
            self.line.extend_from_slice(s.as_bytes());
            return;
        }
        let s = format!("{c:.2}");
        self.line.extend_from_slice(s.as_bytes());
        if self.confidences.len() < 32 {
            self.confidences.push((bits, s));
        }
    }

    /// Starts reporting another input.
    pub fn set_path(&mut self, path: &str) {
        self.path = serde_json::to_string(path).expect("a string serialises");
    }

    /// Writes the summary line for `kinds`.
    ///
    /// # Errors
    ///
    /// Write errors.
    pub fn summary(&mut self, summary: &Summary, kinds: KindSet) -> io::Result<()> {
        // Written by hand to keep the key order of CONTRACT.md ("type" first, kinds in order).
        let mut line = format!(r#"{{"type":"summary","bytes":{},"findings":{{"#, summary.bytes);
        for (i, k) in kinds.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            line.push_str(&format!(r#"{sep}"{k}":{}"#, summary.count(k)));
        }
        line.push_str(&format!(r#"}},"elapsed_ms":{}}}"#, summary.elapsed.as_millis()));
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for FindingsSink<W> {
    fn wants_output(&self) -> bool {
        false
    }

    fn output(&mut self, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, f: &Finding, _: &[u8]) -> io::Result<()> {
        // Assembled by hand: `write!` with its formatting machinery was a tenth of a scan of
        // free text. Same bytes: integers in decimal, the confidence as `{:.2}` formats it.
        self.line.clear();
        self.line.extend_from_slice(br#"{"type":"finding","path":"#);
        self.line.extend_from_slice(self.path.as_bytes());
        self.line.extend_from_slice(br#","kind":""#);
        self.line.extend_from_slice(f.kind.as_str().as_bytes());
        self.line.extend_from_slice(br#"","start":"#);
        push_u64(&mut self.line, f.span.start);
        self.line.extend_from_slice(br#","end":"#);
        push_u64(&mut self.line, f.span.end);
        self.line.extend_from_slice(br#","line":"#);
        push_u64(&mut self.line, f.line);
        self.line.extend_from_slice(br#","confidence":"#);
        self.confidence(f.confidence);
        if let Some(d) = f.detail {
            write!(
                self.line,
                r#","detail":{}"#,
                serde_json::to_string(d).expect("a string serialises")
            )?;
        }
        self.line.extend_from_slice(b"}\n");
        self.out.write_all(&self.line)
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// Keeps every finding in memory.
#[derive(Debug, Default)]
pub struct CollectSink {
    /// The findings, in order.
    pub findings: Vec<Finding>,
    /// Redacted output, when asked for.
    pub output: Option<Vec<u8>>,
}

impl CollectSink {
    /// A sink that also keeps the redacted output.
    pub fn with_output() -> CollectSink {
        CollectSink { findings: Vec::new(), output: Some(Vec::new()) }
    }
}

impl Sink for CollectSink {
    fn wants_output(&self) -> bool {
        self.output.is_some()
    }

    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(o) = &mut self.output {
            o.extend_from_slice(bytes);
        }
        Ok(())
    }

    fn finding(&mut self, f: &Finding, _: &[u8]) -> io::Result<()> {
        self.findings.push(f.clone());
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_integers() {
        for n in [0, 1, 9, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            let mut v = Vec::new();
            push_u64(&mut v, n);
            assert_eq!(v, n.to_string().as_bytes());
        }
    }

    #[test]
    fn confidences_as_formatted() {
        let mut sink = FindingsSink::new(Vec::new(), "x");
        for c in [0.0f32, 0.5, 0.6, 0.85, 0.95, 0.99, 0.125, 0.625, 1.0, 0.85] {
            sink.line.clear();
            sink.confidence(c);
            assert_eq!(sink.line, format!("{c:.2}").as_bytes());
        }
    }
}
