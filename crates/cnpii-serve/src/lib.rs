//! The HTTP service of cnpii (`cnpii serve`): a JSON API over the engine for platforms that
//! check posts as they arrive.
//!
//! ```text
//!  request ─▶ observe ─▶ auth ─▶ limits ─────────────────────▶ route ─▶ Service ─▶ cnpii::run_input
//!             access log  bearer  load shed (503), concurrency,   parse     engine and
//!             metrics     token   time-out (408)                  (400/413/  policies built
//!                                                                 415)       once
//! ```
//!
//! The [`Service`] holds the engine and the policies, built once at start-up with the same
//! flags and config as `cnpii redact`, and runs each text exactly as the command runs its
//! standard input, so the service and the command give the same findings and the same
//! redacted text for the same bytes. [`router`] wraps it in routes and layers; [`run`] serves
//! a router on a listener until SIGTERM or SIGINT, then stops accepting, answers what is in
//! flight and returns.
//!
//! Nothing a request holds — its texts, its values, its field names — goes into an error
//! message, a log line or a metric; logs and metrics carry counts.
//!
//! # Example
//!
//! ```
//! use cnpii::{Config, Engine, PolicySet};
//! use std::sync::Arc;
//!
//! let engine = Engine::build(&Config::default())?;
//! let service = cnpii_serve::Service::new(engine, Config::default(), "mask", PolicySet::default());
//! let app = cnpii_serve::router(Arc::new(service), &cnpii_serve::Options::default())?;
//! # drop(app);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod api;
mod auth;
mod error;
mod log;
mod metrics;
mod service;

pub use error::ApiError;
pub use log::{log_event, LogWriter};
pub use metrics::{Metrics, Stats};
pub use service::{parse_kinds, Engines, Found, Outcome, Service};

use axum::error_handling::HandleErrorLayer;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::{BoxError, Router};
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;

/// Limits and secrets of a running service.
#[derive(Clone)]
pub struct Options {
    /// The largest request body, in bytes (413 above it).
    pub max_body: usize,
    /// The most texts in one batch (413 above it).
    pub max_batch: usize,
    /// The time a request may take, from its head to its answer, body upload included (408).
    pub timeout: Duration,
    /// The most API requests answered at once; more are refused at once with 503.
    pub max_concurrency: usize,
    /// The bearer token of `/v1/scan`, `/v1/redact` and `/metrics`; none: no authentication.
    pub token: Option<Vec<u8>>,
    /// The bearer token of `/v1/detokenize` (needed when detokenize is enabled).
    pub detokenize_token: Option<Vec<u8>>,
    /// Write a JSON line per request on stderr.
    pub access_log: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_body: 1 << 20,
            max_batch: 1024,
            timeout: Duration::from_secs(10),
            max_concurrency: 256,
            token: None,
            detokenize_token: None,
            access_log: true,
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("max_body", &self.max_body)
            .field("max_batch", &self.max_batch)
            .field("timeout", &self.timeout)
            .field("max_concurrency", &self.max_concurrency)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("detokenize_token", &self.detokenize_token.as_ref().map(|_| "<redacted>"))
            .field("access_log", &self.access_log)
            .finish()
    }
}

/// What the routes share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub service: Arc<Service>,
    pub metrics: Arc<Metrics>,
    pub limits: Arc<Options>,
}

/// A service ready to serve: its router, its metrics and its access-log writer.
#[derive(Debug)]
pub struct App {
    /// The routes and layers.
    pub router: Router,
    /// The counters behind `/metrics`.
    pub metrics: Arc<Metrics>,
    /// The access-log writer, when the log is on.
    pub log: Option<LogWriter>,
}

/// The routes and layers of the service, its metrics, and (with `options.access_log`) the
/// thread that writes the access log.
///
/// `/v1/scan`, `/v1/redact` and `/metrics` take `options.token`; `/v1/detokenize` answers
/// 404 unless the service has detokenize policies, and then takes only
/// `options.detokenize_token`. `/healthz` is open and outside the limits.
///
/// # Errors
///
/// When the access-log thread cannot be started.
pub fn router(service: Arc<Service>, options: &Options) -> io::Result<App> {
    let metrics = Arc::new(Metrics::default());
    let (log_tx, log) = match options.access_log {
        true => {
            let (tx, writer) = LogWriter::start()?;
            (Some(tx), Some(writer))
        }
        false => (None, None),
    };
    let state = AppState {
        service: service.clone(),
        metrics: metrics.clone(),
        limits: Arc::new(options.clone()),
    };
    let main_gate = auth::Gate::new(options.token.as_deref());
    let limits = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(limit_error))
        .load_shed()
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(options.max_concurrency.max(1)))
        .timeout(options.timeout);
    let mut api = Router::new()
        .route("/v1/scan", post(api::scan))
        .route("/v1/redact", post(api::redact))
        .route_layer(from_fn_with_state(main_gate.clone(), auth::check));
    let detokenize = Router::new().route("/v1/detokenize", post(api::detokenize));
    api = api.merge(if service.detokenize().is_some() {
        // Without a token of its own, nobody may detokenize.
        let gate = auth::Gate::new(Some(options.detokenize_token.as_deref().unwrap_or_default()));
        detokenize.route_layer(from_fn_with_state(gate, auth::check))
    } else {
        detokenize
    });
    let api = api.route_layer(limits);
    let app = Router::new()
        .route("/healthz", get(api::healthz))
        .merge(
            Router::new()
                .route("/metrics", get(api::metrics))
                .route_layer(from_fn_with_state(main_gate, auth::check)),
        )
        .merge(api)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(from_fn_with_state(
            log::Observer { metrics: metrics.clone(), log: log_tx },
            log::observe,
        ))
        .with_state(state);
    Ok(App { router: app, metrics, log })
}

/// The answer to a request refused by a limit layer.
async fn limit_error(e: BoxError) -> ApiError {
    if e.is::<tower::timeout::error::Elapsed>() {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "the request took longer than the server's time-out",
        )
    } else if e.is::<tower::load_shed::error::Overloaded>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "too many requests in flight; retry shortly",
        )
    } else {
        ApiError::internal(&e)
    }
}

/// How [`run`] serves: threads, connections, shutdown.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Async worker threads.
    pub threads: usize,
    /// The most open connections; more are closed as soon as they are accepted.
    pub max_connections: usize,
    /// The time a client has to send a request's head, also the longest a kept-alive
    /// connection may stay idle (closed after it, without an answer).
    pub header_timeout: Duration,
    /// On SIGTERM/SIGINT, how long to wait for requests in flight.
    pub grace: Duration,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            threads: 2,
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            grace: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until SIGTERM or SIGINT; then stops accepting connections,
/// answers the requests in flight (waiting at most `options.grace`), closes idle
/// connections and returns. `ready` is called once the signal handlers are in place, just
/// before the first connection is accepted (the place to say that the server listens).
///
/// Design rationale: the accept loop is hyper's own connection builder rather than
/// `axum::serve`, for what that does not offer: a time limit on request heads and idle
/// kept-alive connections (a client that sends nothing must not hold a connection forever)
/// and a connection limit.
///
/// # Errors
///
/// When the runtime cannot start or the listener cannot be used.
pub fn run(
    listener: std::net::TcpListener,
    app: App,
    options: &ServeOptions,
    ready: impl FnOnce(),
) -> io::Result<()> {
    let threads = options.threads.max(1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .max_blocking_threads(threads * 2)
        .enable_io()
        .enable_time()
        .build()?;
    let App { router, log, .. } = app;
    let options = options.clone();
    let result = rt.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let mut signals = Signals::new()?;
        let connections = Arc::new(tokio::sync::Semaphore::new(options.max_connections.max(1)));
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(options.header_timeout)
            .keep_alive(true);
        ready();
        let signal = loop {
            let accepted = tokio::select! {
                a = listener.accept() => a,
                signal = signals.recv() => break signal,
            };
            let tcp = match accepted {
                Ok((tcp, _)) => tcp,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            };
            let Ok(permit) = connections.clone().try_acquire_owned() else {
                // Over the connection limit: closed at once.
                drop(tcp);
                continue;
            };
            let _ = tcp.set_nodelay(true);
            let service = hyper_util::service::TowerToHyperService::new(router.clone());
            let conn =
                graceful.watch(http.serve_connection(hyper_util::rt::TokioIo::new(tcp), service));
            tokio::spawn(async move {
                let _ = conn.await;
                drop(permit);
            });
        };
        drop(listener);
        log_event(&[("event", "shutdown"), ("signal", signal)]);
        if tokio::time::timeout(options.grace, graceful.shutdown()).await.is_err() {
            log_event(&[
                ("event", "shutdown_timeout"),
                ("message", "requests still in flight were dropped"),
            ]);
        }
        Ok(())
    });
    rt.shutdown_timeout(Duration::from_secs(1));
    if let Some(log) = log {
        log.finish();
    }
    if result.is_ok() {
        log_event(&[("event", "stopped")]);
    }
    result
}

/// SIGTERM and SIGINT, registered before the first connection is accepted.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                int: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Waits for a signal and names it.
    async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.term.recv() => "SIGTERM",
                _ = self.int.recv() => "SIGINT",
            }
        }
        #[cfg(not(unix))]
        {
            match tokio::signal::ctrl_c().await {
                Ok(()) => "ctrl-c",
                Err(_) => std::future::pending().await,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, HttpBody};
    use axum::http::{header, Request};
    use cnpii::{Config, Engine, PolicySet};
    use tower::ServiceExt;

    fn app(options: &Options) -> Router {
        let engine = Engine::build(&Config::default()).unwrap();
        let service = Service::new(engine, Config::default(), "mask", PolicySet::default());
        router(Arc::new(service), options).unwrap().router
    }

    async fn send(app: &Router, req: Request<Body>) -> (u16, String) {
        let r = app.clone().oneshot(req).await.unwrap();
        let status = r.status().as_u16();
        let mut body = r.into_body();
        let mut out = Vec::new();
        while let Some(f) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            if let Ok(d) = f.unwrap().into_data() {
                out.extend_from_slice(&d);
            }
        }
        (status, String::from_utf8(out).unwrap())
    }

    fn post(path: &str, ct: &str, body: &str) -> Request<Body> {
        Request::post(path)
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body.to_string()))
            .unwrap()
    }

    #[tokio::test]
    async fn routes_in_process() {
        let app = app(&Options { access_log: false, ..Options::default() });
        let (s, b) =
            send(&app, post("/v1/redact", "application/json", r#"{"text":"手机 13812345678"}"#))
                .await;
        assert_eq!(s, 200, "{b}");
        assert!(b.starts_with(r#"{"text":"手机 138****5678","findings":[{"kind":"phone","start":7,"end":18,"char_start":3,"char_end":14,"line":1,"confidence":0.99}]}"#), "{b}");
        let (s, b) = send(&app, post("/v1/scan", "application/xml", "<x/>")).await;
        assert_eq!(s, 415, "{b}");
        let (s, _) = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
        assert_eq!(s, 200);
    }

    #[tokio::test]
    async fn token_in_process() {
        let options = Options {
            access_log: false,
            token: Some(b"0123456789abcdef".to_vec()),
            ..Options::default()
        };
        let app = app(&options);
        let (s, b) = send(&app, post("/v1/scan", "text/plain", "13812345678")).await;
        assert_eq!(s, 401);
        assert!(!b.contains("13812345678"));
        let mut req = post("/v1/scan", "text/plain", "13812345678");
        req.headers_mut().insert(header::AUTHORIZATION, "Bearer 0123456789abcdef".parse().unwrap());
        assert_eq!(send(&app, req).await.0, 200);
    }
}
