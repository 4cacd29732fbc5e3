//! A sandbox directory and a command builder.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temporary directory, removed on drop.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temporary directory") }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes `contents` to `name` inside the sandbox and returns its path.
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// A `cnpii` command running inside the sandbox.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cnpii"));
        c.current_dir(self.tmp.path());
        c
    }
}

/// Parses JSON Lines output.
pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// A synthetic sample: an ID, a mobile, a card and an e-mail, with offsets computed here.
pub const SAMPLE: &str = "订单 20240305123045123456 收件人手机 13812345678，身份证 11010519491231002X\nuid=13900001111 ok\r\n邮箱 li.si@example.com 卡号 4111111111111111\n";
