//! [`Key`]: the secret behind keyed policies (`hash`, `tokenize`, `fake`).
//!
//! A key is read from a file (`--key-file PATH`) or from the `CNPII_KEY` environment variable,
//! never from a command-line value (which shows in `ps` and shell history). Its bytes are
//! zeroized when it is dropped, its `Debug` output holds nothing secret, and no error message
//! ever quotes it.
//!
//! The key material is any string of at least [`Key::MIN_LEN`] bytes with at least
//! [`Key::MIN_DISTINCT`] different byte values (so 16 spaces, or `aaaa…`, are refused). One
//! line end at its end — `\r\n`, `\n` or `\r` — is ignored, the same way in a key file and in
//! `CNPII_KEY`, so `openssl rand -hex 32 > cnpii.key`, a key file saved with Windows line ends,
//! and `CNPII_KEY="$(cat cnpii.key)"` (which keeps a `\r`) all give the same key. It is never used
//! directly: each policy derives its own 32-byte subkey with HKDF-SHA256 (RFC 5869;
//! salt `cnpii key v1`, info = the purpose, e.g. `tokenize`), so the hash key, the FF1 key and
//! the fake-data seed are independent, and learning one reveals nothing about the others.

use crate::error::Error;
use hkdf::Hkdf;
use sha2::Sha256;
use std::fmt;
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

/// The name of the environment variable a key may come from.
pub const KEY_ENV: &str = "CNPII_KEY";

/// Secret key material. Zeroized on drop; `Debug` prints only its length class.
///
/// # Example
///
/// ```
/// let key = cnpii::Key::from_bytes(b"0123456789abcdef0123456789abcdef").unwrap();
/// assert_eq!(format!("{key:?}"), "Key(<redacted>)");
/// assert!(cnpii::Key::from_bytes(b"short").is_err());
/// ```
#[derive(Clone)]
pub struct Key {
    bytes: Zeroizing<Vec<u8>>,
}

/// What a subkey is for; each purpose gets an independent key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    Hash,
    Tokenize,
    Fake,
    Fingerprint,
}

impl Purpose {
    fn info(self) -> &'static [u8] {
        match self {
            Purpose::Hash => b"hash",
            Purpose::Tokenize => b"tokenize",
            Purpose::Fake => b"fake",
            Purpose::Fingerprint => b"fingerprint",
        }
    }
}

impl Key {
    /// The shortest key material accepted, in bytes.
    pub const MIN_LEN: usize = 16;

    /// The fewest different byte values key material must hold: a simple floor against keys
    /// such as 16 spaces or `aaaaaaaaaaaaaaaa`, not a measure of strength (a hex or base64
    /// string of 32 random bytes has 16 or more).
    pub const MIN_DISTINCT: usize = 8;

    /// A key from raw material.
    ///
    /// # Errors
    ///
    /// When the material is shorter than [`Key::MIN_LEN`] bytes, is only whitespace, or has
    /// fewer than [`Key::MIN_DISTINCT`] different byte values. The message gives the length
    /// or the count, never the bytes.
    pub fn from_bytes(material: &[u8]) -> Result<Key, Error> {
        Key::check(material).map_err(Error::config)?;
        Ok(Key { bytes: Zeroizing::new(material.to_vec()) })
    }

    /// Why `material` is not a usable key, without the "invalid configuration" prefix that
    /// [`Error::config`] adds (callers add where the key came from, then the prefix, once).
    fn check(material: &[u8]) -> Result<(), String> {
        if material.len() < Key::MIN_LEN {
            return Err(format!(
                "the key is too short ({} bytes; at least {} needed, 32 random bytes recommended)",
                material.len(),
                Key::MIN_LEN
            ));
        }
        if material.iter().all(u8::is_ascii_whitespace) {
            return Err("the key is only whitespace; use 32 random bytes".into());
        }
        let mut seen = [false; 256];
        material.iter().for_each(|&b| seen[usize::from(b)] = true);
        let distinct = seen.iter().filter(|&&s| s).count();
        if distinct < Key::MIN_DISTINCT {
            return Err(format!(
                "the key has too little variety ({distinct} different bytes; at least {} \
                 needed, 32 random bytes recommended)",
                Key::MIN_DISTINCT
            ));
        }
        Ok(())
    }

    /// Key material without one line end at its end (`\r\n`, `\n` or `\r`).
    fn strip_line_end(raw: &[u8]) -> &[u8] {
        let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
        raw.strip_suffix(b"\r").unwrap_or(raw)
    }

    /// Reads a key file. One line end at its end (`\r\n`, `\n` or `\r`) is ignored.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or the key is not usable (see [`Key::from_bytes`]).
    /// Messages name the path only.
    pub fn from_file(path: &Path) -> Result<Key, Error> {
        let mut raw = Zeroizing::new(std::fs::read(path).map_err(|e| {
            Error::config(format_args!("cannot read the key file {}: {}", path.display(), e.kind()))
        })?);
        let material = Key::strip_line_end(&raw);
        let key = Key::check(material)
            .map(|()| Key { bytes: Zeroizing::new(material.to_vec()) })
            .map_err(|e| Error::config(format_args!("key file {}: {e}", path.display())));
        raw.zeroize();
        key
    }

    /// The key in `CNPII_KEY`, if the variable is set and not empty.
    ///
    /// # Errors
    ///
    /// When the variable is set but not usable (see [`Key::from_bytes`]) or not valid
    /// Unicode. One line end at its end is ignored, as in a key file.
    pub fn from_env() -> Result<Option<Key>, Error> {
        match std::env::var_os(KEY_ENV) {
            None => Ok(None),
            Some(v) if v.is_empty() => Ok(None),
            Some(v) => {
                let s =
                    Zeroizing::new(v.into_string().map_err(|_| {
                        Error::config(format_args!("{KEY_ENV} is not valid Unicode"))
                    })?);
                let material = Key::strip_line_end(s.as_bytes());
                Key::check(material)
                    .map(|()| Some(Key { bytes: Zeroizing::new(material.to_vec()) }))
                    .map_err(|e| Error::config(format_args!("{KEY_ENV}: {e}")))
            }
        }
    }

    /// The 32-byte subkey for `purpose` (HKDF-SHA256).
    pub(crate) fn subkey(&self, purpose: Purpose) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(Some(b"cnpii key v1"), &self.bytes);
        let mut out = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit of 255 × 32: this cannot fail.
        hk.expand(purpose.info(), &mut out[..]).expect("32-byte HKDF output");
        out
    }
}

impl Key {
    /// A public fingerprint of the key: 32 hex digits of HMAC-SHA256 under the key's own
    /// `fingerprint` subkey (HKDF, as for every purpose) of the fixed label
    /// `cnpii key fingerprint v1`. It tells two keys apart (a token map records the key that
    /// made its tokens, and `detokenize` refuses another), and reveals nothing about the key
    /// or about the other subkeys.
    ///
    /// ```
    /// let a = cnpii::Key::from_bytes(b"0123456789abcdef0123456789abcdef").unwrap();
    /// let b = cnpii::Key::from_bytes(b"0123456789abcdef0123456789abcdeF").unwrap();
    /// assert_eq!(a.fingerprint().len(), 32);
    /// assert_ne!(a.fingerprint(), b.fingerprint());
    /// ```
    pub fn fingerprint(&self) -> String {
        use hmac::{Hmac, Mac};
        let sub = self.subkey(Purpose::Fingerprint);
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&sub[..]).expect("HMAC takes any key length");
        mac.update(b"cnpii key fingerprint v1");
        let tag = mac.finalize().into_bytes();
        tag[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subkeys_differ_and_are_stable() {
        let k = Key::from_bytes(b"an example key, not a real one").unwrap();
        let h = k.subkey(Purpose::Hash);
        let t = k.subkey(Purpose::Tokenize);
        let f = k.subkey(Purpose::Fake);
        assert_ne!(*h, *t);
        assert_ne!(*f, *k.subkey(Purpose::Fingerprint));
        assert_eq!(k.fingerprint(), k.clone().fingerprint());
        assert!(!k.fingerprint().contains("an example"));
        assert_ne!(*t, *f);
        assert_eq!(*h, *k.clone().subkey(Purpose::Hash));
        let other = Key::from_bytes(b"an example key, not a real onf").unwrap();
        assert_ne!(*h, *other.subkey(Purpose::Hash));
    }

    #[test]
    fn short_keys_are_refused_without_quoting_them() {
        let e = Key::from_bytes(b"hunter2").unwrap_err().to_string();
        assert!(e.contains("too short") && !e.contains("hunter2"), "{e}");
    }

    #[test]
    fn blank_and_uniform_keys_are_refused_with_one_prefix() {
        for bad in [
            &b"                "[..],
            b" \t \t \t \t \t \t \t \t",
            b"aaaaaaaaaaaaaaaaaaaa",
            b"abababababababab",
        ] {
            let e = Key::from_bytes(bad).unwrap_err().to_string();
            assert_eq!(e.matches("invalid configuration").count(), 1, "{e}");
        }
        assert!(Key::from_bytes(b"0123456789abcdef").is_ok());
    }

    #[test]
    fn debug_is_redacted() {
        let k = Key::from_bytes(b"super secret key material").unwrap();
        let d = format!("{k:?}");
        assert!(!d.contains("secret"), "{d}");
    }

    #[test]
    fn key_file_trailing_newline() {
        let dir = std::env::temp_dir().join(format!("cnpii-key-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a");
        let b = dir.join("b");
        std::fs::write(&a, b"0123456789abcdef0123\n").unwrap();
        std::fs::write(&b, b"0123456789abcdef0123").unwrap();
        let ka = Key::from_file(&a).unwrap();
        let kb = Key::from_file(&b).unwrap();
        assert_eq!(*ka.subkey(Purpose::Hash), *kb.subkey(Purpose::Hash));
        for ending in [&b"\r\n"[..], b"\r"] {
            std::fs::write(&a, [&b"0123456789abcdef0123"[..], ending].concat()).unwrap();
            assert_eq!(
                *Key::from_file(&a).unwrap().subkey(Purpose::Hash),
                *kb.subkey(Purpose::Hash)
            );
        }
        std::fs::write(&a, b"short\n").unwrap();
        let e = Key::from_file(&a).unwrap_err().to_string();
        assert_eq!(e.matches("invalid configuration").count(), 1, "{e}");
        let e = Key::from_file(&dir.join("missing")).unwrap_err().to_string();
        assert!(e.contains("missing"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
