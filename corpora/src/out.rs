//! Output buffers that keep labels in step with the bytes they describe.

use crate::Label;

/// A piece of text with labels relative to its own start (built before it is escaped into a
/// JSON string or an SQL literal).
#[derive(Default, Debug)]
pub(crate) struct Frag {
    pub text: String,
    pub labels: Vec<(&'static str, usize, usize)>,
}

impl Frag {
    pub fn new() -> Frag {
        Frag::default()
    }

    pub fn s(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn c(&mut self, c: char) {
        self.text.push(c);
    }

    pub fn pii(&mut self, kind: &'static str, v: &str) {
        let start = self.text.len();
        self.text.push_str(v);
        self.labels.push((kind, start, self.text.len()));
    }
}

/// How a fragment's plain text is escaped when it is appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// As is.
    None,
    /// Inside a JSON string: `"` `\` and control characters.
    Json,
    /// Inside a MySQL single-quoted literal as mysqldump writes it: `\0 \' \" \\ \n \r \Z`.
    Sql,
}

fn escape_into(out: &mut Vec<u8>, s: &str, esc: Escape) {
    match esc {
        Escape::None => out.extend_from_slice(s.as_bytes()),
        Escape::Json => {
            for &b in s.as_bytes() {
                match b {
                    b'"' => out.extend_from_slice(b"\\\""),
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    0..=0x1f => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
                    _ => out.push(b),
                }
            }
        }
        Escape::Sql => {
            for &b in s.as_bytes() {
                match b {
                    0 => out.extend_from_slice(b"\\0"),
                    b'\'' => out.extend_from_slice(b"\\'"),
                    b'"' => out.extend_from_slice(b"\\\""),
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    0x1a => out.extend_from_slice(b"\\Z"),
                    _ => out.push(b),
                }
            }
        }
    }
}

/// The corpus being written.
#[derive(Default, Debug)]
pub(crate) struct Out {
    pub text: Vec<u8>,
    pub labels: Vec<Label>,
}

impl Out {
    pub fn with_capacity(n: usize) -> Out {
        Out { text: Vec::with_capacity(n), labels: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn s(&mut self, s: &str) {
        self.text.extend_from_slice(s.as_bytes());
    }

    pub fn pii(&mut self, kind: &'static str, v: &str) {
        let start = self.text.len();
        self.text.extend_from_slice(v.as_bytes());
        self.labels.push(Label { kind, start, end: self.text.len() });
    }

    /// Appends `f`, escaping its plain text; labelled values are copied verbatim (they never
    /// contain characters that need escaping).
    pub fn frag(&mut self, f: &Frag, esc: Escape) {
        let mut pos = 0;
        for &(kind, start, end) in &f.labels {
            escape_into(&mut self.text, &f.text[pos..start], esc);
            let v = &f.text[start..end];
            debug_assert!(
                !v.bytes().any(|b| matches!(b, b'"' | b'\\' | b'\'') || b < 0x20),
                "labelled value needs escaping: {v:?}"
            );
            self.pii(kind, v);
            pos = end;
        }
        escape_into(&mut self.text, &f.text[pos..], esc);
    }

    /// Ends the line (`\r\n` when `crlf`).
    pub fn eol(&mut self, crlf: bool) {
        if crlf {
            self.text.extend_from_slice(b"\r\n");
        } else {
            self.text.push(b'\n');
        }
    }
}
