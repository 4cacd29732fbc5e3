//! The access log and the request counters: one JSON line per request on stderr — time,
//! method, route, status, bytes in and out, texts, findings, latency — and never any text of
//! the request. A path that matches no route is logged as `other`: it could hold anything.
//!
//! Requests append their line to a shared buffer; a writer thread writes the buffer out
//! every 10 ms, in one `write`. One system call per line (and waking a writer per line) was
//! about 8 µs of CPU per request under load (`benches/serve.rs`). A buffer that reaches
//! 256 KiB is written out by the request that filled it (the log never drops a line), and
//! [`LogWriter::finish`] writes out the rest at shutdown.

use crate::metrics::{route_index, Metrics, Stats, ROUTES};
use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::fmt::Write as _;
use std::io;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Counts and logs every request.
#[derive(Clone)]
pub(crate) struct Observer {
    pub metrics: Arc<Metrics>,
    /// Where access-log lines go; `None`: no access log.
    pub log: Option<Arc<LogBuf>>,
}

/// Access-log lines not written yet.
#[derive(Default)]
pub(crate) struct LogBuf {
    lines: Mutex<Vec<u8>>,
    stop: Mutex<bool>,
    wake: Condvar,
}

/// Written out by the request that fills the buffer this far.
const LOG_BUF_MAX: usize = 256 << 10;

impl LogBuf {
    fn push(&self, line: &str) {
        let mut lines = self.lines.lock().unwrap_or_else(|p| p.into_inner());
        lines.extend_from_slice(line.as_bytes());
        lines.push(b'\n');
        if lines.len() >= LOG_BUF_MAX {
            let full = std::mem::take(&mut *lines);
            drop(lines);
            write_out(&full);
        }
    }

    fn flush(&self) {
        let taken = std::mem::take(&mut *self.lines.lock().unwrap_or_else(|p| p.into_inner()));
        if !taken.is_empty() {
            write_out(&taken);
        }
    }
}

/// Writes bytes on stderr; a closed stderr must not fail requests.
fn write_out(bytes: &[u8]) {
    let _ = std::io::stderr().lock().write_all(bytes);
}

/// The thread that writes the access log.
#[derive(Debug)]
pub struct LogWriter {
    buf: Arc<LogBuf>,
    thread: std::thread::JoinHandle<()>,
}

impl std::fmt::Debug for LogBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LogBuf")
    }
}

impl LogWriter {
    /// Starts the writer thread.
    pub(crate) fn start() -> io::Result<(Arc<LogBuf>, LogWriter)> {
        let buf = Arc::new(LogBuf::default());
        let shared = buf.clone();
        let thread =
            std::thread::Builder::new().name("cnpii-access-log".into()).spawn(move || {
                let mut stop = shared.stop.lock().unwrap_or_else(|p| p.into_inner());
                loop {
                    let stopping = *stop;
                    drop(stop);
                    shared.flush();
                    if stopping {
                        break;
                    }
                    stop = shared.stop.lock().unwrap_or_else(|p| p.into_inner());
                    if !*stop {
                        stop = shared
                            .wake
                            .wait_timeout(stop, Duration::from_millis(10))
                            .unwrap_or_else(|p| p.into_inner())
                            .0;
                    }
                }
            })?;
        Ok((buf.clone(), LogWriter { buf, thread }))
    }

    /// Writes out every line logged so far and stops the thread (at shutdown).
    pub fn finish(self) {
        *self.buf.stop.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.buf.wake.notify_all();
        let _ = self.thread.join();
        self.buf.flush();
    }
}

/// Takes a request off the in-flight gauge however it ends (a client may go away).
struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

pub(crate) async fn observe(State(obs): State<Observer>, req: Request, next: Next) -> Response {
    let t0 = Instant::now();
    let route = route_index(req.extensions().get::<MatchedPath>().map_or("other", |m| m.as_str()));
    let method = match *req.method() {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "OTHER",
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    obs.metrics.start();
    let _guard = InFlight(&obs.metrics);
    let resp = next.run(req).await;
    let latency = t0.elapsed();
    let mut stats = resp.extensions().get::<Stats>().copied().unwrap_or_default();
    if stats.bytes_in == 0 {
        stats.bytes_in = declared;
    }
    let bytes_out = resp.body().size_hint().exact().unwrap_or(0);
    let status = resp.status().as_u16();
    obs.metrics.record(route, status, bytes_out, &stats, latency);
    if let Some(log) = &obs.log {
        let mut line = String::with_capacity(200);
        let _ = write!(
            line,
            r#"{{"time":"{}","method":"{method}","route":"{}","status":{status},"bytes_in":{},"bytes_out":{bytes_out},"texts":{},"findings":{},"latency_us":{}}}"#,
            now_rfc3339(),
            ROUTES[route],
            stats.bytes_in,
            stats.texts,
            stats.total(),
            latency.as_micros()
        );
        log.push(&line);
    }
    resp
}

/// Writes one line on stderr (the one place this crate writes there).
fn write_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let mut buf = Vec::with_capacity(line.len() + 1);
    buf.extend_from_slice(line.as_bytes());
    buf.push(b'\n');
    // A closed stderr must not fail a request.
    let _ = err.write_all(&buf);
}

/// Writes a JSON line `{"time":…, key: value, …}` on stderr: start-up and shutdown events.
/// Values are the server's own (addresses, settings), never a request's.
pub fn log_event(fields: &[(&str, &str)]) {
    let mut o = Vec::with_capacity(128);
    o.extend_from_slice(b"{\"time\":\"");
    o.extend_from_slice(now_rfc3339().as_bytes());
    o.push(b'"');
    for (k, v) in fields {
        o.push(b',');
        crate::service::json_str(&mut o, k);
        o.push(b':');
        crate::service::json_str(&mut o, v);
    }
    o.push(b'}');
    write_line(&String::from_utf8_lossy(&o));
}

/// The current UTC time as `2026-12-07T19:42:39.123Z`.
fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339() {
        use std::time::{Duration, UNIX_EPOCH};
        let at = |secs, millis| {
            let t = UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(millis);
            humantime::format_rfc3339_millis(t).to_string()
        };
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(at(1_796_672_559, 123), "2026-12-07T19:42:39.123Z");
        assert_eq!(super::now_rfc3339().len(), "2026-12-07T19:42:39.123Z".len());
    }
}
