//! Output: stdout with a large pipe buffer, and files compressed by their name (`.gz`, `.zst`).

use crate::inputs::Compression;
use anyhow::{Context, Result};
use std::io::{self, Write};

/// A writer that compresses when its target's name asks for it.
pub enum Out<W: Write> {
    Plain(W),
    Gzip(flate2::write::GzEncoder<W>),
    Zstd(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> Out<W> {
    pub fn new(inner: W, c: Compression) -> Result<Out<W>> {
        Ok(match c {
            Compression::None => Out::Plain(inner),
            Compression::Gzip => {
                Out::Gzip(flate2::write::GzEncoder::new(inner, flate2::Compression::default()))
            }
            Compression::Zstd => {
                Out::Zstd(zstd::stream::write::Encoder::new(inner, 3).context("zstd encoder")?)
            }
        })
    }

    /// Finishes the compressed stream and returns the inner writer, flushed.
    pub fn finish(self) -> io::Result<W> {
        let mut w = match self {
            Out::Plain(w) => w,
            Out::Gzip(e) => e.finish()?,
            Out::Zstd(e) => e.finish()?,
        };
        w.flush()?;
        Ok(w)
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Plain(w) => w.write(buf),
            Out::Gzip(w) => w.write(buf),
            Out::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Out::Plain(w) => w.write_all(buf),
            Out::Gzip(w) => w.write_all(buf),
            Out::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Plain(w) => w.flush(),
            Out::Gzip(w) => w.flush(),
            Out::Zstd(w) => w.flush(),
        }
    }
}

/// Grows stdout's pipe buffer to 1 MiB when stdout is a pipe (Linux): with the default
/// 64 KiB a filter is capped at about 1 GB/s. Failure (not a pipe, limit too low) is ignored.
pub fn grow_stdout_pipe() {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsFd;
        let stdout = io::stdout();
        let _ = rustix::pipe::fcntl_setpipe_size(stdout.as_fd(), 1 << 20);
    }
}
