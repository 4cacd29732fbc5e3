//! cnpii finds Chinese personal information in large text and rewrites it under a policy.
//!
//! ```text
//! bytes in ─▶ Chunker ─▶ Scanner ───────────────────────────▶ Resolver ─▶ Rewriter ─▶ Sink
//!             ~1 MiB,     prefilter → Candidate                overlaps,    Policy per   redacted bytes,
//!             cut at \n,  → Detector::confirm → Finding        priority     finding      findings JSON
//!             context
//! ```
//!
//! * The **Chunker** (`chunk.rs`) cuts the input at line ends, with context on both sides, so
//!   results do not depend on chunk size.
//! * The **Scanner** ([`Scanner`]) runs one prefilter pass (digit-bearing words, `@`) and hands
//!   candidates to one detector per [`Kind`]; each validates (checksums, dates, region table,
//!   number segments, issuer prefixes, key names and cue words).
//! * The **Resolver** keeps one finding per overlap by one documented sort key.
//! * The **Rewriter** copies every byte outside findings verbatim and asks the [`Policy`] of the
//!   finding's kind for its replacement.
//! * A [`Sink`] receives findings and output in input order.
//!
//! # Example
//!
//! ```
//! use cnpii::{Config, Engine, PolicySet, CollectSink};
//!
//! let engine = Engine::build(&Config::default())?;
//! let mut sink = CollectSink::with_output();
//! let input = "收件人手机 13812345678，身份证 11010519491231002X\n";
//! cnpii::run(&engine, &PolicySet::default(), input.as_bytes(), &mut sink)?;
//! assert_eq!(
//!     String::from_utf8(sink.output.unwrap()).unwrap(),
//!     "收件人手机 138****5678，身份证 110105********002X\n"
//! );
//! assert_eq!(sink.findings.len(), 2);
//! # Ok::<(), cnpii::Error>(())
//! ```

#![deny(missing_docs)]

mod chunk;
mod config;
mod detect;
mod engine;
mod error;
mod finding;
mod format;
mod key;
mod kind;
mod pipeline;
mod policy;
mod resolve;
mod rewrite;
mod scan;
mod sink;
mod tables;
#[cfg(test)]
mod testutil;
mod text;
mod validate;
mod values;

pub mod check;

pub use config::{ColumnSpec, Config, IdPart, PolicyConfig, PolicyKind, PolicySpec, POLICY_NAMES};
pub use engine::Engine;
pub use error::{Error, ErrorKind};
pub use finding::{Finding, Span};
pub use format::{column_kind, Encoding, Format, Input};
pub use key::{Key, KEY_ENV};
pub use kind::{Kind, KindSet, UnknownKind};
pub use pipeline::{run, run_input};
pub use policy::{
    label, to_number, BuildOptions, Fake, Hash, IdKeep, Keep, Mask, MaskPreset, MaskRule,
    Placeholder, Policy, PolicyError, PolicySet, Slot, Template, TokenSet, Tokenize,
};
pub use scan::Scanner;
pub use sink::{CollectSink, FindingsSink, RedactSink, Sink, Summary};
pub use values::Values;
