//! Bearer tokens, compared in constant time (`subtle`), as a middleware layer.

use crate::error::ApiError;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The token a group of routes takes; `None`: open.
#[derive(Clone)]
pub(crate) struct Gate {
    token: Option<Arc<[u8]>>,
}

impl Gate {
    pub fn new(token: Option<&[u8]>) -> Gate {
        Gate { token: token.map(Arc::from) }
    }

    /// Whether `headers` carry the token.
    fn admits(&self, req: &Request) -> bool {
        let Some(token) = &self.token else { return true };
        let Some(given) = req.headers().get(header::AUTHORIZATION) else { return false };
        let given = given.as_bytes();
        let Some(given) = given
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case(b"bearer "))
            .map(|_| given[7..].trim_ascii())
        else {
            return false;
        };
        // An empty token (detokenize enabled without one) admits nobody.
        !token.is_empty() && bool::from(given.ct_eq(token))
    }
}

/// Refuses requests without the gate's token with 401.
pub(crate) async fn check(State(gate): State<Gate>, req: Request, next: Next) -> Response {
    if gate.admits(&req) {
        return next.run(req).await;
    }
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "this route needs a valid bearer token: Authorization: Bearer <token>",
    )
    .into_response()
}
