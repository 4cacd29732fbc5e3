//! Arbitrary bytes through the `--format pgdump` splitter and the whole pipeline; see
//! `dump_common.rs` for what is checked.

#![no_main]

mod dump_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dump_common::check(cnpii::Format::Pgdump, data));
