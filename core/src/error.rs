//! One error type for every failure, with a kind from the project's error taxonomy.

use std::fmt;
use std::time::Duration;

/// The kind of a failure; every binding maps these one to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Bad options or query, found before any network I/O.
    InvalidArgument,
    /// Login refused, or 401 right after a fresh login.
    Authentication,
    /// HTTP 429 after the retries were spent.
    RateLimited,
    /// Any other non-2xx answer.
    Api,
    /// Connect or request timeout.
    Timeout,
    /// DNS, connect, TLS, reset, a body cut off.
    Transport,
    /// The body is not the documented shape.
    Decode,
    /// The caller cancelled the fetch (interrupt, abort signal, cancellation token).
    Cancelled,
}

impl ErrorKind {
    /// The stable upper-case code of the kind, as Node's `error.code` shows it.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "INVALID_ARGUMENT",
            ErrorKind::Authentication => "AUTHENTICATION",
            ErrorKind::RateLimited => "RATE_LIMITED",
            ErrorKind::Api => "API",
            ErrorKind::Timeout => "TIMEOUT",
            ErrorKind::Transport => "TRANSPORT",
            ErrorKind::Decode => "DECODE",
            ErrorKind::Cancelled => "CANCELLED",
        }
    }

    /// Whether a request that failed this way may be sent again.
    pub(crate) fn is_transient(self) -> bool {
        matches!(self, ErrorKind::Timeout | ErrorKind::Transport)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A failure of the client. Holds no secret: every text in it has been redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Inner>);

/// The fields of an [`Error`], boxed so that `Result`s stay small.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    http_status: Option<u16>,
    server_message: Option<String>,
    url: Option<String>,
    retry_after: Option<Duration>,
    entry_index: Option<usize>,
    field: Option<String>,
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with a human-readable message (must not contain secrets).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
            http_status: None,
            server_message: None,
            url: None,
            retry_after: None,
            entry_index: None,
            field: None,
        }))
    }

    /// An invalid-argument error.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// A cancellation error.
    pub fn cancelled() -> Self {
        Error::new(ErrorKind::Cancelled, "the fetch was cancelled")
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.0.http_status = Some(status);
        self
    }

    pub(crate) fn with_server_message(mut self, msg: Option<String>) -> Self {
        self.0.server_message = msg;
        self
    }

    pub(crate) fn with_url(mut self, redacted_url: String) -> Self {
        self.0.url = Some(redacted_url);
        self
    }

    pub(crate) fn with_retry_after(mut self, d: Option<Duration>) -> Self {
        self.0.retry_after = d;
        self
    }

    pub(crate) fn with_location(mut self, index: Option<usize>, field: Option<String>) -> Self {
        self.0.entry_index = index;
        self.0.field = field;
        self
    }

    pub(crate) fn map_message(mut self, f: impl FnOnce(String) -> String) -> Self {
        self.0.message = f(std::mem::take(&mut self.0.message));
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The full message, as `Display` shows it.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The HTTP status of the server's answer, where there was one.
    pub fn http_status(&self) -> Option<u16> {
        self.0.http_status
    }

    /// The server's own message (login message, 401 string, 500 `message`), where it gave one.
    pub fn server_message(&self) -> Option<&str> {
        self.0.server_message.as_deref()
    }

    /// The request's URL with every secret replaced by `***`, where a request was made.
    pub fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The wait the server asked for in `Retry-After`, where it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }

    /// For a decode error: the index of the entry in the response array that failed.
    pub fn entry_index(&self) -> Option<usize> {
        self.0.entry_index
    }

    /// For a decode error: the wire name of the field that failed.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}
