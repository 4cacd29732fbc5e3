//! [`ApiError`]: the one error type of the service. Every error answer is
//! `{"error":{"status":N,"code":"…","message":"…"}}` with the status code it names.
//!
//! Messages say what was wrong with the request (its size, its shape, the position of a
//! JSON error, the index of a bad kind) and never quote any of its values.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// The status code.
    pub status: StatusCode,
    /// A stable machine-readable code (`body_too_large`, `invalid_json`, …).
    pub code: &'static str,
    /// A sentence for people; never holds request values.
    pub message: Cow<'static, str>,
}

impl ApiError {
    /// An error with `status`, `code` and `message`.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        ApiError { status, code, message: message.into() }
    }

    /// 400 with `code`.
    pub fn bad_request(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 500: a failure inside the engine. The library's messages hold no values.
    pub fn internal(e: &dyn std::fmt::Display) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
    }

    /// The JSON body.
    pub fn body(&self) -> String {
        let mut out = Vec::with_capacity(96 + self.message.len());
        out.extend_from_slice(
            format!(
                "{{\"error\":{{\"status\":{},\"code\":\"{}\",\"message\":",
                self.status.as_u16(),
                self.code
            )
            .as_bytes(),
        );
        crate::service::json_str(&mut out, &self.message);
        out.extend_from_slice(b"}}\n");
        String::from_utf8(out).unwrap_or_default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, self.body()).into_response();
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        match self.status {
            StatusCode::UNAUTHORIZED => {
                h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                h.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        r
    }
}
