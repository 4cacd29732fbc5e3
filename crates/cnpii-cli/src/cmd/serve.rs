//! `cnpii serve`: the HTTP service (crate `cnpii-serve`). This module only builds what the
//! service runs — the engine from the shared flags, the policies from `--policy`/`--config`
//! and the key, exactly as `redact` does — reads the tokens, binds the address and hands
//! over; routes, limits, auth, metrics and the access log live in `cnpii-serve`.
//!
//! Without a token (`--token-file` or `CNPII_SERVE_TOKEN`) the service has no authentication,
//! so it refuses to listen on anything but a loopback address.

use crate::args::{Common, ServeArgs};
use crate::cmd::detokenize::checked_token_map;
use crate::cmd::redact::{load_config, load_key};
use crate::messages;
use anyhow::{bail, Context, Result};
use cnpii::{BuildOptions, Encoding, PolicyConfig, PolicySet};
use cnpii_serve::{log_event, Options, Service};
use std::net::ToSocketAddrs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The environment variable the service's bearer token may come from.
pub const TOKEN_ENV: &str = "CNPII_SERVE_TOKEN";

/// The shortest token accepted, in bytes.
const MIN_TOKEN: usize = 16;

pub fn run(common: &Common, args: &ServeArgs) -> Result<bool> {
    if common.encoding == Some(Encoding::Gbk) {
        bail!(
            "serve takes UTF-8 text only (JSON strings are Unicode); --encoding gbk does not apply"
        );
    }
    // The engine and its config, as `scan` and `redact` build them.
    let engine = super::engine(common)?;
    // One thread per request: the server's concurrency comes from its requests.
    let base = cnpii::Config { threads: Some(1), ..super::engine_config(common) };
    let config = load_config(args.config.as_deref(), &args.policy)?;
    let key = load_key(&args.key)?;
    let opts = BuildOptions { key: key.as_ref(), record_tokens: None };
    let policies = PolicySet::build(&config, &opts)?;
    let name = if args.config.is_some() { "config" } else { args.policy.as_str() };
    let mut service = Service::new(engine, base, name, policies.clone());
    service.set_format(common.format);
    service.set_header(!common.no_header);
    service.set_allow_values(args.allow_values);
    for allowed in &args.allow_policy {
        let c = load_config(None, allowed)?;
        let set =
            PolicySet::build(&c, &opts).with_context(|| format!("--allow-policy {allowed}"))?;
        service.allow_policy(allowed, set);
    }
    let token = match &args.token_file {
        Some(p) => Some(read_token(p)?),
        None => match std::env::var_os(TOKEN_ENV) {
            Some(v) if !v.is_empty() => {
                let v = v
                    .into_string()
                    .map_err(|_| anyhow::anyhow!("{TOKEN_ENV} is not valid Unicode"))?;
                Some(check_token(v.into_bytes(), TOKEN_ENV)?)
            }
            _ => None,
        },
    };
    let mut detokenize_token = None;
    if args.allow_detokenize {
        let Some(key) = key.as_ref() else {
            bail!("--allow-detokenize needs the key the tokens were made with: --key-file PATH or CNPII_KEY");
        };
        let path = args
            .detokenize_token_file
            .as_deref()
            .context("--allow-detokenize needs --detokenize-token-file")?;
        let t = read_token(path)?;
        if token.as_ref() == Some(&t) {
            bail!("the detokenize token must differ from the main token");
        }
        detokenize_token = Some(t);
        // The config the tokens were made with: this server's, when it tokenises.
        let forward = if policies.uses_tokenize() {
            config.clone()
        } else {
            PolicyConfig::preset("tokenize").context("the tokenize policy")?
        };
        let only = match &args.token_map {
            Some(p) => Some(checked_token_map(p, key)?),
            None => None,
        };
        service.enable_detokenize(PolicySet::detokenize(&forward, key, only)?);
    }
    drop(key);

    let addrs: Vec<_> = args
        .listen
        .to_socket_addrs()
        .with_context(|| format!("--listen {}: not an address (HOST:PORT)", args.listen))?
        .collect();
    if addrs.is_empty() {
        bail!("--listen {}: no address", args.listen);
    }
    if token.is_none() {
        if let Some(a) = addrs.iter().find(|a| !a.ip().is_loopback()) {
            bail!(
                "refusing to listen on {a} without authentication: give --token-file PATH (or \
                 {TOKEN_ENV}), or listen on a loopback address such as 127.0.0.1"
            );
        }
        messages::warn(format_args!(
            "no --token-file: the service has no authentication and listens on loopback only"
        ));
    }
    let listener = std::net::TcpListener::bind(&addrs[..])
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let bound = listener.local_addr().context("cannot read the bound address")?;

    let options = Options {
        max_body: args.max_body,
        max_batch: args.max_batch,
        timeout: Duration::from_millis(args.timeout_ms.max(1)),
        max_concurrency: args.max_concurrency.max(1),
        token: token.clone(),
        detokenize_token,
        access_log: !args.no_access_log,
    };
    let service = Arc::new(service);
    let app = cnpii_serve::router(service.clone(), &options)
        .context("cannot start the access-log writer")?;
    let threads = common
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let addr = bound.to_string();
    let url = format!("http://{bound}");
    let policy_names = service.policy_names().join(",");
    let ready = || {
        log_event(&[
            ("event", "listening"),
            ("addr", &addr),
            ("url", &url),
            ("auth", if token.is_some() { "bearer token" } else { "none (loopback only)" }),
            ("policies", &policy_names),
            ("detokenize", if args.allow_detokenize { "enabled" } else { "disabled" }),
            ("values", if args.allow_values { "allowed" } else { "never" }),
        ])
    };
    let serve = cnpii_serve::ServeOptions {
        threads,
        max_connections: args.max_connections.max(1),
        header_timeout: Duration::from_millis(args.timeout_ms.max(1)),
        grace: Duration::from_secs(args.shutdown_timeout),
    };
    cnpii_serve::run(listener, app, &serve, ready).context("the service failed")?;
    Ok(true)
}

/// Reads a token file: one trailing newline ignored, at least [`MIN_TOKEN`] bytes.
fn read_token(path: &Path) -> Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o004 != 0) {
            messages::warn(format_args!(
                "the token file {} is readable by every user; chmod 600 it",
                path.display()
            ));
        }
    }
    let mut raw = std::fs::read(path)
        .with_context(|| format!("cannot read the token file {}", path.display()))?;
    if raw.ends_with(b"\n") {
        raw.pop();
        if raw.ends_with(b"\r") {
            raw.pop();
        }
    }
    check_token(raw, &path.display().to_string())
}

/// Checks a token's shape; the message never shows it.
fn check_token(token: Vec<u8>, origin: &str) -> Result<Vec<u8>> {
    if token.len() < MIN_TOKEN {
        bail!("{origin}: the token is too short ({} bytes; at least {MIN_TOKEN})", token.len());
    }
    if token.iter().any(|b| !b.is_ascii_graphic()) {
        bail!(
            "{origin}: the token must be printable ASCII without spaces (it travels in a header)"
        );
    }
    Ok(token)
}
