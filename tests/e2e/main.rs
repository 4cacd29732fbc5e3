//! End-to-end tests of the `cnpii` binary: one integration test binary (compiled as the
//! `cnpii-cli` package's `e2e` test so that cargo builds the binary first and sets
//! `CARGO_BIN_EXE_cnpii`), a `Dir` sandbox on tempfile, and assert_cmd.

mod util;

mod check;
mod db;
mod formats;
mod hardening;
mod issue15_files;
mod many;
mod policies;
mod readme;
mod redact;
mod roundtrip;
mod scan;
mod serve;
mod streams;
