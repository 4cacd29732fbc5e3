//! Arbitrary text as a policy config file (`--config`): parsing and compiling must return a
//! value or an error — never panic — with and without a key; an error must not quote a key.

#![no_main]

use cnpii::{BuildOptions, Key, PolicyConfig, PolicySet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(config) = PolicyConfig::from_toml(text, "fuzz.toml") else { return };
    let key = Key::from_bytes(b"fuzzing key: not a secret at all").unwrap();
    for k in [None, Some(&key)] {
        match PolicySet::build(&config, &BuildOptions { key: k, record_tokens: None }) {
            Ok(_) => {}
            Err(e) => assert!(!e.to_string().contains("not a secret"), "an error quoted the key"),
        }
    }
});
