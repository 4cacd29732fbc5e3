//! Arbitrary bytes through the `--format pgdump` splitter and the whole pipeline; see
//! `format_common.rs` for what is checked.

#![no_main]

mod format_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| format_common::check(cnpii::Format::Pgdump, data));
