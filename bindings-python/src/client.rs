//! `Client` (blocking, GIL released during I/O, Ctrl-C aware) and `AsyncClient` (asyncio).

use crate::args::{client_repr, finish, to_query, ClientArgs};
use crate::entry::{entries_to_list, Entries};
use crate::errors::{to_py, to_py_err};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyType};
use softone_go::{ClientBuilder, ErrorKind, Progress};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The blocking client: `client.time_stamp_entries(date_from, date_to, employees=None)`.
///
/// Safe to share between threads (they share one token and connection pool); works in a
/// child process after `os.fork()`.
#[pyclass(frozen, module = "softone_go", name = "Client")]
pub struct PyClient {
    inner: softone_go::Client,
}

/// Take the first stored Python error, if any.
fn take(slot: &Mutex<Option<PyErr>>) -> Option<PyErr> {
    slot.lock().unwrap_or_else(|p| p.into_inner()).take()
}

/// Store a Python error unless one is stored already.
fn store(slot: &Mutex<Option<PyErr>>, e: PyErr) {
    let mut g = slot.lock().unwrap_or_else(|p| p.into_inner());
    if g.is_none() {
        *g = Some(e);
    }
}

#[pymethods]
impl PyClient {
    /// A client; needs both API keys and either the login triple or a ready token.
    #[new]
    #[pyo3(signature = (*, company_api_key=None, connect_api_key=None, license=None, username=None, password=None,
        token=None, base_url=softone_go::DEFAULT_BASE_URL.to_string(), timeout=60.0, connect_timeout=10.0,
        max_retries=3, chunk_days=7, max_concurrency=4, allow_insecure_http=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        company_api_key: Option<String>,
        connect_api_key: Option<String>,
        license: Option<String>,
        username: Option<String>,
        password: Option<String>,
        token: Option<String>,
        base_url: String,
        timeout: f64,
        connect_timeout: f64,
        max_retries: i64,
        chunk_days: i64,
        max_concurrency: i64,
        allow_insecure_http: bool,
    ) -> PyResult<Self> {
        let options = ClientArgs {
            company_api_key,
            connect_api_key,
            license,
            username,
            password,
            token,
            base_url,
            timeout,
            connect_timeout,
            max_retries,
            chunk_days,
            max_concurrency,
            allow_insecure_http,
        }
        .options(py)?;
        let inner = softone_go::Client::new(options).map_err(|e| to_py(py, &e))?;
        Ok(PyClient { inner })
    }

    /// A client from the `SOFTONE_*` environment variables.
    #[classmethod]
    fn from_env(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        let options = finish(py, ClientBuilder::from_env())?;
        let inner = softone_go::Client::new(options).map_err(|e| to_py(py, &e))?;
        Ok(PyClient { inner })
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.options().base_url().to_string()
    }

    /// Log in now (normally done lazily), to check the credentials early.
    fn login(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.login()).map_err(|e| to_py(py, &e))
    }

    /// Every entry of the work dates `date_from`..`date_to` (inclusive), for `employees`
    /// (None: all), sorted by (employee, time). `on_progress(done, total)` is called as
    /// request pieces finish; an exception in it stops the fetch and propagates.
    #[pyo3(signature = (date_from, date_to, employees=None, on_progress=None))]
    fn time_stamp_entries<'py>(
        &self,
        py: Python<'py>,
        date_from: &Bound<'py, PyAny>,
        date_to: &Bound<'py, PyAny>,
        employees: Option<&Bound<'py, PyAny>>,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let query = to_query(py, date_from, date_to, employees)?;
        let failure: Mutex<Option<PyErr>> = Mutex::new(None);
        let result = py.detach(|| {
            let mut progress = |p: Progress| {
                if let Some(cb) = &on_progress {
                    Python::attach(|py| {
                        if let Err(e) = cb.call1(py, (p.done, p.total)) {
                            store(&failure, e);
                        }
                    });
                }
            };
            let should_cancel = || -> bool {
                Python::attach(|py| {
                    if let Err(e) = py.check_signals() {
                        store(&failure, e);
                    }
                });
                failure.lock().map(|g| g.is_some()).unwrap_or(true)
            };
            self.inner
                .time_stamp_entries_sorted_with(&query, &mut progress, Some(&should_cancel))
        });
        if let Some(e) = take(&failure) {
            return Err(e);
        }
        match result {
            Ok(entries) => entries_to_list(py, entries),
            Err(e) if e.kind() == ErrorKind::Cancelled => Err(match py.check_signals() {
                Err(sig) => sig,
                Ok(()) => to_py(py, &e),
            }),
            Err(e) => Err(to_py(py, &e)),
        }
    }

    fn __repr__(&self) -> String {
        client_repr("Client", &self.inner.options())
    }

    /// Context manager support (nothing to release: the client is closed when collected).
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __exit__(
        &self,
        _t: Option<Py<PyAny>>,
        _v: Option<Py<PyAny>>,
        _tb: Option<Py<PyAny>>,
    ) -> bool {
        false
    }

    /// Nothing to do (kept for symmetry with `AsyncClient.aclose()`).
    fn close(&self) {}
}

/// The asyncio client: `await client.time_stamp_entries(...)`; use `async with`.
#[pyclass(frozen, module = "softone_go", name = "AsyncClient")]
pub struct PyAsyncClient {
    inner: softone_go::AsyncClient,
    closed: AtomicBool,
}

#[pymethods]
impl PyAsyncClient {
    /// A client; same keyword arguments as `Client`.
    #[new]
    #[pyo3(signature = (*, company_api_key=None, connect_api_key=None, license=None, username=None, password=None,
        token=None, base_url=softone_go::DEFAULT_BASE_URL.to_string(), timeout=60.0, connect_timeout=10.0,
        max_retries=3, chunk_days=7, max_concurrency=4, allow_insecure_http=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        company_api_key: Option<String>,
        connect_api_key: Option<String>,
        license: Option<String>,
        username: Option<String>,
        password: Option<String>,
        token: Option<String>,
        base_url: String,
        timeout: f64,
        connect_timeout: f64,
        max_retries: i64,
        chunk_days: i64,
        max_concurrency: i64,
        allow_insecure_http: bool,
    ) -> PyResult<Self> {
        let options = ClientArgs {
            company_api_key,
            connect_api_key,
            license,
            username,
            password,
            token,
            base_url,
            timeout,
            connect_timeout,
            max_retries,
            chunk_days,
            max_concurrency,
            allow_insecure_http,
        }
        .options(py)?;
        let inner = softone_go::AsyncClient::new(options).map_err(|e| to_py(py, &e))?;
        Ok(PyAsyncClient {
            inner,
            closed: AtomicBool::new(false),
        })
    }

    /// A client from the `SOFTONE_*` environment variables.
    #[classmethod]
    fn from_env(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        let options = finish(py, ClientBuilder::from_env())?;
        let inner = softone_go::AsyncClient::new(options).map_err(|e| to_py(py, &e))?;
        Ok(PyAsyncClient {
            inner,
            closed: AtomicBool::new(false),
        })
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.options().base_url().to_string()
    }

    /// Log in now (normally done lazily); awaitable.
    fn login<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.check_open()?;
        let c = self.inner.clone();
        pyo3_async_runtimes::tokio::future_into_py(
            py,
            async move { c.login().await.map_err(to_py_err) },
        )
    }

    /// Awaitable: every entry of the query, sorted by (employee, time). Cancelling the
    /// task cancels the requests. `on_progress(done, total)` is called on an I/O thread;
    /// an exception in it stops the fetch and propagates.
    #[pyo3(signature = (date_from, date_to, employees=None, on_progress=None))]
    fn time_stamp_entries<'py>(
        &self,
        py: Python<'py>,
        date_from: &Bound<'py, PyAny>,
        date_to: &Bound<'py, PyAny>,
        employees: Option<&Bound<'py, PyAny>>,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.check_open()?;
        let query = to_query(py, date_from, date_to, employees)?;
        let c = self.inner.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let failure: Arc<Mutex<Option<PyErr>>> = Arc::new(Mutex::new(None));
            let failed = Arc::new(tokio::sync::Notify::new());
            let (f2, n2) = (failure.clone(), failed.clone());
            let fetch = c.time_stamp_entries_sorted(&query, move |p| {
                if let Some(cb) = &on_progress {
                    Python::attach(|py| {
                        if let Err(e) = cb.call1(py, (p.done, p.total)) {
                            store(&f2, e);
                            n2.notify_one();
                        }
                    });
                }
            });
            let result = tokio::select! {
                r = fetch => Some(r),
                () = failed.notified() => None,
            };
            if let Some(e) = take(&failure) {
                return Err(e);
            }
            match result {
                Some(Ok(entries)) => Ok(Entries(entries)),
                Some(Err(e)) if e.kind() == ErrorKind::Cancelled => Err(
                    pyo3::exceptions::asyncio::CancelledError::new_err("the fetch was cancelled"),
                ),
                Some(Err(e)) => Err(to_py_err(e)),
                None => Err(PyRuntimeError::new_err("the progress callback failed")),
            }
        })
    }

    /// Close the client; later calls raise `RuntimeError`. Awaitable.
    fn aclose<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.closed.store(true, Ordering::SeqCst);
        pyo3_async_runtimes::tokio::future_into_py(py, async move { Ok(()) })
    }

    fn __aenter__<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        slf.get().check_open()?;
        let me: Py<Self> = slf.unbind();
        pyo3_async_runtimes::tokio::future_into_py(py, async move { Ok(me) })
    }

    fn __aexit__<'py>(
        &self,
        py: Python<'py>,
        _t: Option<Py<PyAny>>,
        _v: Option<Py<PyAny>>,
        _tb: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.closed.store(true, Ordering::SeqCst);
        pyo3_async_runtimes::tokio::future_into_py(py, async move { Ok(false) })
    }

    /// Whether `aclose()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    fn __repr__(&self) -> String {
        client_repr("AsyncClient", self.inner.options())
    }
}

impl PyAsyncClient {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.load(Ordering::SeqCst) {
            return Err(PyRuntimeError::new_err("this AsyncClient is closed"));
        }
        Ok(())
    }
}
