//! Mapping of the core's errors onto the Python exception classes of `softone_go._errors`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};
use softone_go::{Error, ErrorKind};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The module `softone_go._errors`, imported once.
fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    ERRORS
        .get_or_try_init(py, || py.import("softone_go._errors").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// The Python class name for a core error kind.
fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidArgument => "ConfigurationError",
        ErrorKind::Authentication => "AuthenticationError",
        ErrorKind::RateLimited => "RateLimitError",
        ErrorKind::Api => "ApiError",
        ErrorKind::Timeout => "TimeoutError",
        ErrorKind::Transport => "TransportError",
        ErrorKind::Decode => "DecodeError",
        _ => "SoftOneError",
    }
}

/// Build the Python exception for a core error (its texts are already redacted).
fn build(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let cls = errors_module(py)?.getattr(class_name(e.kind()))?;
    let kw = PyDict::new(py);
    kw.set_item("status_code", e.http_status())?;
    kw.set_item("server_message", e.server_message())?;
    kw.set_item("url", e.url())?;
    kw.set_item("retry_after", e.retry_after().map(|d| d.as_secs_f64()))?;
    kw.set_item("entry_index", e.entry_index())?;
    kw.set_item("field", e.field())?;
    let exc = cls.call((e.message(),), Some(&kw))?;
    Ok(PyErr::from_value(exc))
}

/// The Python exception for a core error.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    build(py, e).unwrap_or_else(|err| err)
}

/// The Python exception for a core error, attaching to the interpreter as needed.
pub fn to_py_err(e: Error) -> PyErr {
    Python::attach(|py| to_py(py, &e))
}

/// A `ConfigurationError` with this message.
pub fn config_error(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py(py, &Error::invalid(message))
}
