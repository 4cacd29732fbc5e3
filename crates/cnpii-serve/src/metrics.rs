//! [`Metrics`]: counters for `GET /metrics`, in the Prometheus text format (version 0.0.4),
//! written by hand: requests by route and status, errors, bytes in and out, texts, findings
//! per kind, requests in flight, and a latency histogram per route. Counts only, never values.

use cnpii::Kind;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// The routes metrics are kept for; anything else is `other`.
pub(crate) const ROUTES: [&str; 6] =
    ["/v1/scan", "/v1/redact", "/v1/detokenize", "/healthz", "/metrics", "other"];

/// The status codes counted by name; others count as `other`.
const STATUSES: [u16; 13] = [200, 400, 401, 403, 404, 405, 408, 413, 415, 422, 500, 503, 0];

/// Upper bounds of the latency buckets, in seconds (the last bucket is `+Inf`).
const BUCKETS: [f64; 16] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0,
];

/// The index of `route` in [`ROUTES`].
pub(crate) fn route_index(route: &str) -> usize {
    ROUTES.iter().position(|r| *r == route).unwrap_or(ROUTES.len() - 1)
}

#[derive(Default)]
struct PerRoute {
    by_status: [AtomicU64; STATUSES.len()],
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    texts: AtomicU64,
    buckets: [AtomicU64; BUCKETS.len() + 1],
    latency_us: AtomicU64,
}

/// The service's counters; shared by every request.
#[derive(Default)]
pub struct Metrics {
    routes: [PerRoute; ROUTES.len()],
    findings: [AtomicU64; Kind::ALL.len()],
    in_flight: AtomicI64,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

/// What one request did, for the metrics and the access log.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Request body bytes.
    pub bytes_in: u64,
    /// Texts processed.
    pub texts: u64,
    /// Findings per kind, in [`Kind::ALL`] order.
    pub findings: [u64; Kind::ALL.len()],
}

impl Stats {
    /// All findings.
    pub fn total(&self) -> u64 {
        self.findings.iter().sum()
    }
}

impl Metrics {
    pub(crate) fn start(&self) {
        self.in_flight.fetch_add(1, Relaxed);
    }

    pub(crate) fn finish(&self) {
        self.in_flight.fetch_sub(1, Relaxed);
    }

    pub(crate) fn record(
        &self,
        route: usize,
        status: u16,
        bytes_out: u64,
        stats: &Stats,
        latency: Duration,
    ) {
        let r = &self.routes[route];
        let s = STATUSES.iter().position(|&c| c == status).unwrap_or(STATUSES.len() - 1);
        r.by_status[s].fetch_add(1, Relaxed);
        r.bytes_in.fetch_add(stats.bytes_in, Relaxed);
        r.bytes_out.fetch_add(bytes_out, Relaxed);
        r.texts.fetch_add(stats.texts, Relaxed);
        let secs = latency.as_secs_f64();
        let b = BUCKETS.iter().position(|&le| secs <= le).unwrap_or(BUCKETS.len());
        r.buckets[b].fetch_add(1, Relaxed);
        r.latency_us.fetch_add(latency.as_micros() as u64, Relaxed);
        for (total, n) in self.findings.iter().zip(stats.findings) {
            if n > 0 {
                total.fetch_add(n, Relaxed);
            }
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut o = String::with_capacity(8192);
        let status_name = |c: u16| if c == 0 { "other".to_string() } else { c.to_string() };
        o.push_str("# HELP cnpii_requests_total HTTP requests answered, by route and status.\n");
        o.push_str("# TYPE cnpii_requests_total counter\n");
        for (route, r) in ROUTES.iter().zip(&self.routes) {
            for (code, n) in STATUSES.iter().zip(&r.by_status) {
                let n = n.load(Relaxed);
                if n > 0 {
                    let _ = writeln!(
                        o,
                        "cnpii_requests_total{{route=\"{route}\",status=\"{}\"}} {n}",
                        status_name(*code)
                    );
                }
            }
        }
        o.push_str("# HELP cnpii_request_errors_total Requests answered with a 4xx or 5xx status, by route.\n");
        o.push_str("# TYPE cnpii_request_errors_total counter\n");
        for (route, r) in ROUTES.iter().zip(&self.routes) {
            let n: u64 = STATUSES
                .iter()
                .zip(&r.by_status)
                .filter(|(c, _)| **c >= 400 || **c == 0)
                .map(|(_, n)| n.load(Relaxed))
                .sum();
            let _ = writeln!(o, "cnpii_request_errors_total{{route=\"{route}\"}} {n}");
        }
        let mut counter = |name: &str, help: &str, get: &dyn Fn(&PerRoute) -> u64| {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} counter");
            for (route, r) in ROUTES.iter().zip(&self.routes) {
                let _ = writeln!(o, "{name}{{route=\"{route}\"}} {}", get(r));
            }
        };
        counter("cnpii_request_bytes_total", "Request body bytes received.", &|r| {
            r.bytes_in.load(Relaxed)
        });
        counter("cnpii_response_bytes_total", "Response body bytes sent.", &|r| {
            r.bytes_out.load(Relaxed)
        });
        counter("cnpii_texts_total", "Texts processed (one per text of a batch).", &|r| {
            r.texts.load(Relaxed)
        });
        o.push_str("# HELP cnpii_findings_total Findings reported or rewritten, by kind.\n");
        o.push_str("# TYPE cnpii_findings_total counter\n");
        for (kind, n) in Kind::ALL.iter().zip(&self.findings) {
            let _ = writeln!(o, "cnpii_findings_total{{kind=\"{kind}\"}} {}", n.load(Relaxed));
        }
        o.push_str("# HELP cnpii_requests_in_flight Requests being answered.\n");
        o.push_str("# TYPE cnpii_requests_in_flight gauge\n");
        let _ = writeln!(o, "cnpii_requests_in_flight {}", self.in_flight.load(Relaxed));
        o.push_str(
            "# HELP cnpii_request_duration_seconds Time from request to response head, by route.\n",
        );
        o.push_str("# TYPE cnpii_request_duration_seconds histogram\n");
        for (route, r) in ROUTES.iter().zip(&self.routes) {
            let mut cum = 0;
            for (i, b) in r.buckets.iter().enumerate() {
                cum += b.load(Relaxed);
                let le = BUCKETS.get(i).map_or("+Inf".to_string(), |v| v.to_string());
                let _ = writeln!(
                    o,
                    "cnpii_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {cum}"
                );
            }
            let sum = r.latency_us.load(Relaxed) as f64 / 1e6;
            let _ = writeln!(o, "cnpii_request_duration_seconds_sum{{route=\"{route}\"}} {sum}");
            let _ = writeln!(o, "cnpii_request_duration_seconds_count{{route=\"{route}\"}} {cum}");
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts() {
        let m = Metrics::default();
        m.start();
        let mut s = Stats { texts: 2, bytes_in: 10, ..Stats::default() };
        s.findings[Kind::ALL.iter().position(|k| *k == Kind::Phone).unwrap()] = 3;
        m.record(0, 200, 20, &s, Duration::from_micros(300));
        m.finish();
        let text = m.render();
        assert!(
            text.contains("cnpii_requests_total{route=\"/v1/scan\",status=\"200\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("cnpii_findings_total{kind=\"phone\"} 3\n"));
        assert!(text.contains(
            "cnpii_request_duration_seconds_bucket{route=\"/v1/scan\",le=\"0.00025\"} 0\n"
        ));
        assert!(text.contains(
            "cnpii_request_duration_seconds_bucket{route=\"/v1/scan\",le=\"0.0005\"} 1\n"
        ));
        assert!(text.contains("cnpii_requests_in_flight 0\n"));
    }
}
