//! Temporary output files, removed when the run is interrupted.
//!
//! Every file cnpii writes goes through a hidden `.cnpii-XXXXXX` temporary file beside its
//! target, renamed into place when complete (`cmd/redact.rs`). If the run ends early through
//! an error, the temporary file is dropped and removed. SIGINT (Ctrl-C), SIGTERM and SIGHUP
//! would end the process without running any destructor, leaving the temporary file behind;
//! so the first temporary file created starts a signal-handling thread (`signal-hook`) that,
//! on one of those signals, removes every live temporary file and exits with the
//! conventional status, 128 + the signal's number (130, 143, 129).
//!
//! # Design
//!
//! A registry of live paths, behind one mutex. Creating a temporary file, renaming it into
//! place, and the handler's removal all happen while holding it, so the handler sees each
//! file either before its rename (and removes it: the target keeps its old contents) or after
//! (and leaves the finished target alone) — never a half-renamed state. The handler calls
//! `process::exit` while still holding the mutex, so no rename can start after its sweep.
//! SIGKILL cannot be caught: a temporary file may then stay behind, while the target is
//! still whole (`tests/e2e/hardening.rs`).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// Paths of the temporary files that exist now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves the list itself intact.
    LIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts the signal-handling thread, once. If the handler cannot be set up, signals keep
/// their default action (the run still works; an interrupted one may leave a temporary file).
fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new().name("cnpii-signals".into()).spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let live = live();
                    for path in live.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    std::process::exit(128 + signal);
                }
            });
        }
    });
}

/// A temporary file in the registry: removed when dropped, when the process gets SIGINT,
/// SIGTERM or SIGHUP, or renamed into place by [`TempOut::persist`].
#[derive(Debug)]
pub struct TempOut {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl TempOut {
    /// Creates a temporary file in `dir` with `builder` and registers it.
    ///
    /// # Errors
    ///
    /// When the file cannot be created.
    pub fn create_in(builder: &tempfile::Builder<'_, '_>, dir: &Path) -> io::Result<TempOut> {
        install();
        let mut live = live();
        let file = builder.tempfile_in(dir)?;
        let path = file.path().to_path_buf();
        live.push(path.clone());
        Ok(TempOut { file: Some(file), path })
    }

    /// The open file.
    pub fn as_file(&self) -> &File {
        self.file.as_ref().expect("a TempOut holds its file until persisted or dropped").as_file()
    }

    /// Renames the file to `target` and takes it out of the registry.
    ///
    /// # Errors
    ///
    /// When the rename fails; the temporary file is then removed.
    pub fn persist(mut self, target: &Path) -> io::Result<()> {
        let mut live = live();
        let file = self.file.take().expect("a TempOut holds its file until persisted or dropped");
        let result = file.persist(target).map(drop).map_err(|e| e.error);
        live.retain(|p| p != &self.path);
        result
    }
}

impl Drop for TempOut {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut live = live();
            drop(file);
            live.retain(|p| p != &self.path);
        }
    }
}

impl Write for TempOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("the temporary file is gone")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}
