//! The access log and the request counters: one JSON line per request on stderr — time,
//! method, route, status, bytes in and out, texts, findings, latency — and never any text of
//! the request. A path that matches no route is logged as `other`: it could hold anything.
//!
//! Lines go through a bounded channel to one writer thread, which writes whatever has
//! queued up in one `write` and flushes whenever the queue is empty: under load, one system
//! call carries many lines instead of one a request (it was about 8 µs of CPU per request).
//! A full queue makes requests wait (the log never drops a line), and [`LogWriter::finish`]
//! writes out the rest at shutdown.

use crate::metrics::{route_index, Metrics, Stats, ROUTES};
use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::fmt::Write as _;
use std::io;
use std::io::Write as _;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Counts and logs every request.
#[derive(Clone)]
pub(crate) struct Observer {
    pub metrics: Arc<Metrics>,
    /// Where access-log lines go; `None`: no access log.
    pub log: Option<SyncSender<String>>,
}

/// The thread that writes the access log.
#[derive(Debug)]
pub struct LogWriter {
    done: Receiver<()>,
}

impl LogWriter {
    /// Starts the writer thread; lines sent to the returned sender are written on stderr.
    pub(crate) fn start() -> io::Result<(SyncSender<String>, LogWriter)> {
        let (tx, rx) = sync_channel::<String>(4096);
        let (done_tx, done) = sync_channel::<()>(1);
        std::thread::Builder::new().name("cnpii-access-log".into()).spawn(move || {
            let mut buf = Vec::with_capacity(1 << 16);
            while let Ok(line) = rx.recv() {
                buf.clear();
                push_line(&mut buf, &line);
                while buf.len() < (1 << 16) {
                    match rx.try_recv() {
                        Ok(line) => push_line(&mut buf, &line),
                        Err(_) => break,
                    }
                }
                // A closed stderr must not fail requests.
                let _ = std::io::stderr().lock().write_all(&buf);
            }
            let _ = done_tx.send(());
        })?;
        Ok((tx, LogWriter { done }))
    }

    /// Waits (at most `wait`) until every line sent has been written: once every sender is
    /// gone (the router and its connections are dropped).
    pub fn finish(self, wait: Duration) {
        let _ = self.done.recv_timeout(wait);
    }
}

fn push_line(buf: &mut Vec<u8>, line: &str) {
    buf.extend_from_slice(line.as_bytes());
    buf.push(b'\n');
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
        // The writer thread is gone only when the process is shutting down.
        let _ = log.send(line);
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
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    rfc3339(d.as_secs(), d.subsec_millis())
}

fn rfc3339(secs: u64, millis: u32) -> String {
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339() {
        assert_eq!(super::rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(super::rfc3339(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(super::rfc3339(1_796_672_559, 123), "2026-12-07T19:42:39.123Z");
    }
}
