//! [`Engine`]: a validated, immutable detector set, cheap to clone and share across threads.

use crate::config::Config;
use crate::detect::{self, evidence::Cues, Detector};
use crate::error::Error;
use crate::kind::{Kind, KindSet};
use crate::scan::Scanner;
use crate::validate::Date;
use std::sync::Arc;

/// The compiled form of a [`Config`].
///
/// # Example
///
/// ```
/// let engine = cnpii::Engine::build(&cnpii::Config::default()).unwrap();
/// let found = engine.scanner().scan("手机 13812345678".as_bytes());
/// assert_eq!(found[0].kind, cnpii::Kind::Phone);
/// assert_eq!((found[0].span.start, found[0].span.end), (7, 18));
/// ```
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
    /// Kept outside `inner` so that [`Engine::with_threads`] is a cheap copy.
    threads: usize,
}

pub(crate) struct Inner {
    pub detectors: Vec<Box<dyn Detector>>,
    /// Indices of the detectors triggered by words, and their kinds.
    pub word_detectors: Vec<(usize, Kind)>,
    /// Their kinds.
    pub word_kinds: KindSet,
    pub wants_at: bool,
    pub wants_text: bool,
    pub cues: Cues,
    pub today: Date,
    pub kinds: KindSet,
    pub chunk_size: usize,
    pub column_hints: bool,
}

impl Engine {
    /// Validates `config` and builds the engine.
    ///
    /// # Errors
    ///
    /// A kind that has no detector yet, an empty kind set, or a zero chunk size.
    pub fn build(config: &Config) -> Result<Engine, Error> {
        let implemented = detect::implemented();
        let mut kinds = match &config.kinds {
            Some(list) => {
                for k in list {
                    if !implemented.contains(*k) {
                        return Err(Error::config(format_args!(
                            "kind {k} has no detector in this version"
                        )));
                    }
                }
                list.iter().copied().collect()
            }
            None => implemented,
        };
        for k in &config.exclude_kinds {
            kinds.remove(*k);
        }
        if kinds.is_empty() {
            return Err(Error::config("no kinds left to detect"));
        }
        let chunk_size = config.chunk_size.unwrap_or(Config::DEFAULT_CHUNK_SIZE);
        if chunk_size == 0 {
            return Err(Error::config("chunk size must be at least 1 byte"));
        }
        let threads = match config.threads {
            Some(0) => return Err(Error::config("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let detectors = detect::registry(kinds);
        let word_detectors = (0..detectors.len())
            .filter(|&i| detectors[i].trigger() == detect::Trigger::Word)
            .map(|i| (i, detectors[i].kind()))
            .collect::<Vec<_>>();
        let word_kinds = word_detectors.iter().map(|&(_, k)| k).collect();
        let wants_at = detectors.iter().any(|d| d.trigger() == detect::Trigger::At);
        let wants_text = detectors.iter().any(|d| d.trigger() == detect::Trigger::Text);
        Ok(Engine {
            inner: Arc::new(Inner {
                detectors,
                word_detectors,
                word_kinds,
                wants_at,
                wants_text,
                cues: Cues::new(),
                today: Date::today(),
                kinds,
                chunk_size,
                column_hints: config.column_hints.unwrap_or(true),
            }),
            threads,
        })
    }

    /// A scanner with its own scratch space; make one per thread.
    pub fn scanner(&self) -> Scanner {
        Scanner::new(self.clone())
    }

    /// The kinds this engine detects.
    pub fn kinds(&self) -> KindSet {
        self.inner.kinds
    }

    /// Target chunk size in bytes.
    pub fn chunk_size(&self) -> usize {
        self.inner.chunk_size
    }

    /// Worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The same engine with `threads` worker threads (at least 1): it shares the compiled
    /// detectors with `self`, so this is as cheap as a clone. Results never depend on it.
    ///
    /// Design rationale: a program that processes many small inputs at once (the `cnpii`
    /// command on a directory) runs each of them single-threaded on its own worker, while a
    /// large input still gets every thread inside its pipeline.
    ///
    /// ```
    /// let engine = cnpii::Engine::build(&cnpii::Config::default()).unwrap();
    /// assert_eq!(engine.with_threads(1).threads(), 1);
    /// assert_eq!(engine.with_threads(0).threads(), 1);
    /// ```
    pub fn with_threads(&self, threads: usize) -> Engine {
        Engine { inner: Arc::clone(&self.inner), threads: threads.max(1) }
    }

    /// Whether column names of structured input add findings ([`Config::column_hints`]).
    pub fn column_hints(&self) -> bool {
        self.inner.column_hints
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("kinds", &self.inner.kinds)
            .field("chunk_size", &self.inner.chunk_size)
            .field("threads", &self.threads)
            .finish()
    }
}
