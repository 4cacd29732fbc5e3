//! Failure behaviour of the pipeline: a panicking policy (a bug) ends the run with an error
//! on every path; it never hangs it.

use cnpii::{CollectSink, Config, Engine, Finding, Policy, PolicyError, PolicySet};
use std::sync::{mpsc, Arc};
use std::time::Duration;

struct Panics;

impl Policy for Panics {
    fn name(&self) -> &'static str {
        "panics"
    }

    fn apply(&self, _: &Finding, _: &[u8], _: &mut Vec<u8>) -> Result<(), PolicyError> {
        panic!("a deliberate bug");
    }
}

#[test]
fn a_panicking_worker_is_an_error_not_a_hang() {
    let input = "手机 13812345678\n".repeat(20_000);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let config = Config { chunk_size: Some(4096), threads: Some(2), ..Config::default() };
        let engine = Engine::build(&config).unwrap();
        let mut sink = CollectSink::with_output();
        let r =
            cnpii::run(&engine, &PolicySet::uniform(Arc::new(Panics)), input.as_bytes(), &mut sink);
        let _ = tx.send(r.map(|_| ()).map_err(|e| e.to_string()));
    });
    let result = rx.recv_timeout(Duration::from_secs(60)).expect("the run ends");
    let err = result.expect_err("a panic is an error");
    assert!(err.contains("internal error") && !err.contains("13812345678"), "{err}");
}
