//! The routes: each parses a request into library calls and writes the answer.
//!
//! ```text
//! POST /v1/scan        {"text": "…"} | {"texts": ["…", …]}  (+ "kinds", "column")
//!                      → {"findings": [F, …]}        | {"results": [{"findings": [F, …]}, …]}
//! POST /v1/redact      (+ "policy")
//!                      → {"text": "…", "findings": [F, …]} | {"results": [{…}, …]}
//! POST /v1/detokenize  → {"text": "…"}               | {"results": [{"text": "…"}, …]}
//! F = {"kind","start","end","char_start","char_end","line","confidence"[,"detail"][,"value"]}
//! ```
//!
//! A `text/plain` body is one text. Offsets are those of the text as UTF-8 bytes (`start`,
//! `end`, end exclusive, as in CONTRACT.md) and as characters (`char_start`, `char_end`).
//! `value` is there only when the server was started with `--allow-values`.

use crate::error::ApiError;
use crate::metrics::Stats;
use crate::service::{json_str, parse_kinds, Service};
use crate::AppState;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cnpii::{ErrorKind, Kind, PolicySet};
use serde::Deserialize;
use std::borrow::Cow;
use std::pin::Pin;

/// Bodies up to this size are answered on the async worker that read them; larger ones on
/// the blocking pool, so that a 1 MiB text does not hold up the other connections of a worker.
const INLINE_MAX: usize = 64 << 10;

/// What a route does with each text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Scan,
    Redact,
    Detokenize,
}

/// A JSON request.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Req<'a> {
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    texts: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default)]
    kinds: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow, default)]
    column: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    policy: Option<Cow<'a, str>>,
}

pub(crate) async fn scan(State(st): State<AppState>, req: Request) -> Response {
    handle(st, Op::Scan, req).await
}

pub(crate) async fn redact(State(st): State<AppState>, req: Request) -> Response {
    handle(st, Op::Redact, req).await
}

pub(crate) async fn detokenize(State(st): State<AppState>, req: Request) -> Response {
    if st.service.detokenize().is_none() {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "detokenize_disabled",
            "detokenize is disabled on this server (start it with --allow-detokenize and \
             --detokenize-token-file)",
        )
        .into_response();
    }
    handle(st, Op::Detokenize, req).await
}

pub(crate) async fn healthz(State(st): State<AppState>) -> Response {
    let mut o = Vec::with_capacity(160);
    o.extend_from_slice(br#"{"status":"ok","version":"#);
    json_str(&mut o, env!("CARGO_PKG_VERSION"));
    o.extend_from_slice(br#","kinds":["#);
    for (i, k) in st.service.kinds().iter().enumerate() {
        if i > 0 {
            o.push(b',');
        }
        json_str(&mut o, k.as_str());
    }
    o.extend_from_slice(br#"],"policy":"#);
    json_str(&mut o, st.service.policy_name());
    o.extend_from_slice(b"}\n");
    json(o, Stats::default())
}

pub(crate) async fn metrics(State(st): State<AppState>) -> Response {
    let mut r = st.metrics.render().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such route (routes: POST /v1/scan, POST /v1/redact, POST /v1/detokenize, \
         GET /healthz, GET /metrics)",
    )
}

pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "method not allowed on this route (/v1/* take POST; /healthz and /metrics take GET)",
    )
}

/// A JSON answer carrying the request's counts for the access log.
fn json(body: Vec<u8>, stats: Stats) -> Response {
    let mut r = Response::new(Body::from(body));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r.extensions_mut().insert(stats);
    r
}

/// Reads, checks and answers one API request.
async fn handle(st: AppState, op: Op, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let plain = match body_type(&parts.headers) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let body = match read_body(&parts.headers, body, st.limits.max_body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let bytes_in = body.len() as u64;
    let max_batch = st.limits.max_batch;
    let service = st.service.clone();
    // Options of a plain body come in the query string.
    let query = parts.uri.query().map(str::to_owned);
    let work = move || answer(&service, op, plain, query.as_deref(), &body, max_batch);
    let result = if bytes_in as usize <= INLINE_MAX {
        work()
    } else {
        tokio::task::spawn_blocking(work)
            .await
            .unwrap_or_else(|_| Err(ApiError::internal(&"the request's worker stopped")))
    };
    match result {
        Ok((out, mut stats)) => {
            stats.bytes_in = bytes_in;
            json(out, stats)
        }
        Err(e) => {
            let mut r = e.into_response();
            r.extensions_mut().insert(Stats { bytes_in, ..Stats::default() });
            r
        }
    }
}

/// Whether the body is plain text (else JSON).
fn body_type(headers: &HeaderMap) -> Result<bool, ApiError> {
    let unsupported = || {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send Content-Type: application/json or text/plain (UTF-8)",
        )
    };
    let ct = headers.get(header::CONTENT_TYPE).ok_or_else(unsupported)?;
    let ct = ct.to_str().map_err(|_| unsupported())?.to_ascii_lowercase();
    let mut parts = ct.split(';').map(str::trim);
    let mime = parts.next().unwrap_or("");
    let utf8 = charset_ok(parts);
    match mime {
        "application/json" if utf8 => Ok(false),
        "text/plain" if utf8 => Ok(true),
        _ => Err(unsupported()),
    }
}

/// Whether the `charset` parameter, if any, says UTF-8.
fn charset_ok<'a>(mut params: impl Iterator<Item = &'a str>) -> bool {
    params.all(|p| match p.split_once('=') {
        Some((name, v)) if name.trim() == "charset" => {
            matches!(v.trim().trim_matches('"'), "utf-8" | "utf8")
        }
        _ => true,
    })
}

/// Reads the body, at most `max` bytes.
async fn read_body(headers: &HeaderMap, mut body: Body, max: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the body is larger than the limit of {max} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let mut buf: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0) as usize);
    let mut first: Option<Bytes> = None;
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        let Some(frame) = frame else { break };
        let frame = frame.map_err(|_| {
            ApiError::bad_request("body_unreadable", "the body could not be read to its end")
        })?;
        let Ok(data) = frame.into_data() else { continue };
        if first.is_none() && buf.is_empty() {
            if data.len() > max {
                return Err(too_large());
            }
            first = Some(data);
            continue;
        }
        if let Some(f) = first.take() {
            buf.extend_from_slice(&f);
        }
        if buf.len() + data.len() > max {
            return Err(too_large());
        }
        buf.extend_from_slice(&data);
    }
    // A body in one piece (the usual case) is not copied.
    Ok(match first {
        Some(f) => f,
        None => Bytes::from(buf),
    })
}

/// Parses the body and runs every text through the engine.
fn answer(
    svc: &Service,
    op: Op,
    plain: bool,
    query: Option<&str>,
    body: &[u8],
    max_batch: usize,
) -> Result<(Vec<u8>, Stats), ApiError> {
    let req: Req<'_> = if plain {
        let text = std::str::from_utf8(body).map_err(|e| {
            ApiError::bad_request(
                "invalid_utf8",
                format!("the body is not valid UTF-8 (byte {})", e.valid_up_to()),
            )
        })?;
        let mut req = Req { text: Some(Cow::Borrowed(text)), ..Req::default() };
        plain_options(query.unwrap_or(""), &mut req)?;
        req
    } else {
        if query.is_some_and(|q| !q.is_empty()) {
            return Err(ApiError::bad_request(
                "invalid_request",
                "query parameters go with text/plain bodies; a JSON body has its options as fields",
            ));
        }
        serde_json::from_slice(body).map_err(|e| json_error(&e))?
    };
    let (texts, batch): (Vec<&str>, bool) = match (&req.text, &req.texts) {
        (Some(t), None) => (vec![t], false),
        (None, Some(ts)) => (ts.iter().map(|t| &**t).collect(), true),
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request("invalid_request", "give text or texts, not both"))
        }
        (None, None) => {
            return Err(ApiError::bad_request(
                "invalid_request",
                "the request has no text: {\"text\": \"…\"} or {\"texts\": [\"…\", …]}",
            ))
        }
    };
    if texts.len() > max_batch {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            format!("the batch has {} texts; the limit is {max_batch}", texts.len()),
        ));
    }
    let kinds = match &req.kinds {
        None => None,
        Some(names) => {
            let set = parse_kinds(names.iter().map(|n| &**n)).map_err(|i| {
                ApiError::bad_request(
                    "unknown_kind",
                    format!("kinds[{i}] is not a kind (kinds: {})", kind_list(Kind::ALL)),
                )
            })?;
            if set.is_empty() {
                return Err(ApiError::bad_request("invalid_request", "kinds is empty"));
            }
            let enabled = svc.kinds();
            if let Some(i) =
                names.iter().position(|n| n.parse().is_ok_and(|k| !enabled.contains(k)))
            {
                return Err(ApiError::bad_request(
                    "kind_not_enabled",
                    format!(
                        "kinds[{i}] is not detected by this server (enabled: {})",
                        kind_list(enabled.iter())
                    ),
                ));
            }
            Some(set)
        }
    };
    let policies: Option<&PolicySet> = match op {
        Op::Scan | Op::Detokenize if req.policy.is_some() => {
            return Err(ApiError::bad_request(
                "invalid_request",
                "policy applies to /v1/redact only",
            ))
        }
        Op::Scan => None,
        Op::Redact => Some(svc.policies(req.policy.as_deref()).ok_or_else(|| {
            ApiError::bad_request(
                "policy_not_allowed",
                format!(
                    "this server lets requests choose the policies: {}",
                    svc.policy_names().join(", ")
                ),
            )
        })?),
        Op::Detokenize => svc.detokenize(),
    };
    let engine = svc.engine(kinds).map_err(|e| ApiError::internal(&e))?;
    let column = req.column.as_deref();
    let mut confidences = Confidences::default();
    let mut stats = Stats { texts: texts.len() as u64, ..Stats::default() };
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let mut o =
        Vec::with_capacity(64 + total * if op == Op::Scan { 0 } else { 1 } + 128 * texts.len());
    if batch {
        o.extend_from_slice(b"{\"results\":[");
    }
    for (i, text) in texts.iter().enumerate() {
        let out = svc.process(&engine, policies, text, column).map_err(|e| engine_error(&e))?;
        for f in &out.found {
            if let Some(i) = Kind::ALL.iter().position(|k| *k == f.finding.kind) {
                stats.findings[i] += 1;
            }
        }
        if i > 0 {
            o.push(b',');
        }
        o.push(b'{');
        if let Some(redacted) = &out.output {
            o.extend_from_slice(b"\"text\":");
            json_str(&mut o, &String::from_utf8_lossy(redacted));
        }
        if op != Op::Detokenize {
            if out.output.is_some() {
                o.push(b',');
            }
            o.extend_from_slice(b"\"findings\":[");
            for (j, f) in out.found.iter().enumerate() {
                if j > 0 {
                    o.push(b',');
                }
                finding_json(&mut o, f, svc.allow_values().then_some(*text), &mut confidences);
            }
            o.push(b']');
        }
        o.push(b'}');
    }
    if batch {
        o.extend_from_slice(b"]}");
    }
    o.push(b'\n');
    Ok((o, stats))
}

/// Confidences formatted as `{:.2}` (as `cnpii scan --json` writes them), by their bits:
/// detectors use a handful of values, and float formatting was a visible part of an answer.
#[derive(Default)]
struct Confidences(Vec<(u32, String)>);

impl Confidences {
    fn get(&mut self, c: f32) -> &str {
        let bits = c.to_bits();
        let i = match self.0.iter().position(|e| e.0 == bits) {
            Some(i) => i,
            None => {
                self.0.push((bits, format!("{c:.2}")));
                self.0.len() - 1
            }
        };
        &self.0[i].1
    }
}

/// The options of a plain body from the query string: `kinds=phone,id_card`, `column=NAME`,
/// `policy=NAME` (percent-encoded).
fn plain_options(query: &str, req: &mut Req<'_>) -> Result<(), ApiError> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value).ok_or_else(|| {
            ApiError::bad_request(
                "invalid_request",
                "a query parameter is not valid percent-encoded UTF-8",
            )
        })?;
        match name {
            "kinds" => {
                req.kinds =
                    Some(value.split(',').map(|k| Cow::Owned(k.trim().to_string())).collect())
            }
            "column" => req.column = Some(Cow::Owned(value)),
            "policy" => req.policy = Some(Cow::Owned(value)),
            _ => {
                return Err(ApiError::bad_request(
                    "invalid_request",
                    "unknown query parameter (known: kinds, column, policy)",
                ))
            }
        }
    }
    Ok(())
}

/// Decodes `%XX` escapes and `+` (a space).
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = b.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
                out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// One finding as JSON.
fn finding_json(
    o: &mut Vec<u8>,
    f: &crate::service::Found,
    text: Option<&str>,
    confidences: &mut Confidences,
) {
    use std::io::Write;
    let s = &f.finding;
    let _ = write!(
        o,
        r#"{{"kind":"{}","start":{},"end":{},"char_start":{},"char_end":{},"line":{},"confidence":{}"#,
        s.kind.as_str(),
        s.span.start,
        s.span.end,
        f.chars.start,
        f.chars.end,
        s.line,
        confidences.get(s.confidence)
    );
    if let Some(d) = s.detail {
        o.extend_from_slice(br#","detail":"#);
        json_str(o, d);
    }
    if let Some(text) = text {
        if let Some(v) = text.get(s.span.start as usize..s.span.end as usize) {
            o.extend_from_slice(br#","value":"#);
            json_str(o, v);
        }
    }
    o.push(b'}');
}

fn kind_list(kinds: impl IntoIterator<Item = Kind>) -> String {
    kinds.into_iter().map(Kind::as_str).collect::<Vec<_>>().join(", ")
}

/// A JSON parse error, by position only: serde's messages may quote the body.
fn json_error(e: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", e.line(), e.column());
    match e.classify() {
        Category::Data => ApiError::bad_request(
            "invalid_request",
            format!(
                "the JSON is not a request ({at}): expected {{\"text\": \"…\"}} or \
                 {{\"texts\": [\"…\", …]}}, with optional \"kinds\": [\"phone\", …], \
                 \"column\": \"…\", \"policy\": \"…\""
            ),
        ),
        _ => ApiError::bad_request("invalid_json", format!("the body is not valid JSON ({at})")),
    }
}

/// An error of the engine: a policy that cannot rewrite a finding (such as a value that is
/// not a token, for detokenize) is the request's fault; anything else is ours.
fn engine_error(e: &cnpii::Error) -> ApiError {
    match e.kind() {
        ErrorKind::Policy { .. } => {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "policy_failed", e.to_string())
        }
        _ => ApiError::internal(e),
    }
}
