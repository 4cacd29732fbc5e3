//! Arbitrary bytes as CSV, TSV or text (the first byte chooses; UTF-8 text takes the chunked
//! text path, GBK text the structured one); see `format_common.rs` for what is checked.

#![no_main]

mod format_common;

use cnpii::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, data)) = data.split_first() else { return };
    let format = [Format::Csv, Format::Tsv, Format::Text][usize::from(which) % 3];
    format_common::check(format, data);
});
