//! `Simulator`: the in-process SoftOne GO simulator, as a context manager.

use crate::args::seconds;
use crate::errors::config_error;
use chrono::NaiveDate;
use pyo3::exceptions::{PyOSError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};
use softone_go_simulator::{EntryTypeStyle, KeyCase, LoggedRequest, Simulator, SimulatorConfig};
use std::sync::Mutex;

/// A local SoftOne GO server with seeded data and fault injection, for tests and demos.
#[pyclass(frozen, module = "softone_go", name = "Simulator")]
pub struct PySimulator {
    inner: Mutex<Option<Simulator>>,
    url: String,
}

fn parse_style(py: Python<'_>, s: &str) -> PyResult<EntryTypeStyle> {
    match s.to_ascii_lowercase().as_str() {
        "zero" => Ok(EntryTypeStyle::Zero),
        "integer" | "int" => Ok(EntryTypeStyle::Integer),
        "string" | "str" => Ok(EntryTypeStyle::String),
        _ => Err(config_error(
            py,
            format!("entry_type_style must be 'zero', 'integer' or 'string', not {s:?}"),
        )),
    }
}

fn parse_case(py: Python<'_>, s: &str) -> PyResult<KeyCase> {
    match s.to_ascii_lowercase().as_str() {
        "pascal" => Ok(KeyCase::Pascal),
        "camel" => Ok(KeyCase::Camel),
        _ => Err(config_error(
            py,
            format!("key_case must be 'pascal' or 'camel', not {s:?}"),
        )),
    }
}

fn request_to_dict<'py>(py: Python<'py>, r: &LoggedRequest) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("method", &r.method)?;
    d.set_item("path", &r.path)?;
    d.set_item("query", &r.query)?;
    d.set_item("status", r.status)?;
    d.set_item("query_len", r.query_len)?;
    d.set_item("employees", &r.employees)?;
    d.set_item("date_from", &r.date_from)?;
    d.set_item("date_to", &r.date_to)?;
    Ok(d)
}

impl PySimulator {
    fn with<T>(&self, f: impl FnOnce(&Simulator) -> T) -> PyResult<T> {
        let g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match g.as_ref() {
            Some(s) => Ok(f(s)),
            None => Err(PyRuntimeError::new_err("the simulator is closed")),
        }
    }

    /// The simulator's client keyword arguments with `overrides` applied.
    fn client_kwargs<'py>(
        &self,
        py: Python<'py>,
        overrides: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let kw = self.credentials(py)?;
        if let Some(o) = overrides {
            kw.update(o.as_mapping())?;
        }
        Ok(kw)
    }
}

#[pymethods]
impl PySimulator {
    /// Start a simulator on 127.0.0.1 (a free port unless `port` is given). Durations are
    /// seconds; `login_failure_delay` defaults to the real server's 2 s.
    #[new]
    #[pyo3(signature = (employees=50, days=31, seed=7, port=0, *, host="127.0.0.1", start_date=None,
        login_failure_delay=2.0, token_activation_window=60.0, token_max_age=3600.0, token_idle_timeout=3600.0,
        entry_type_style="zero", key_case="pascal", max_query_len=2048, latency=0.0, per_entry_cost=0.0))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        employees: u32,
        days: u32,
        seed: u64,
        port: u16,
        host: &str,
        start_date: Option<&Bound<'_, PyAny>>,
        login_failure_delay: f64,
        token_activation_window: f64,
        token_max_age: f64,
        token_idle_timeout: f64,
        entry_type_style: &str,
        key_case: &str,
        max_query_len: usize,
        latency: f64,
        per_entry_cost: f64,
    ) -> PyResult<Self> {
        let mut cfg = SimulatorConfig {
            employees,
            days,
            seed,
            port,
            ..SimulatorConfig::default()
        };
        cfg.host = host
            .parse()
            .map_err(|_| config_error(py, format!("host {host:?} is not an IP address")))?;
        if let Some(d) = start_date.filter(|d| !d.is_none()) {
            let s: String = if d.is_instance(crate::args::date_type(py)?)? {
                d.call_method0("isoformat")?.extract()?
            } else {
                d.extract()?
            };
            cfg.start_date = NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
                config_error(py, format!("start_date {s:?} is not a YYYY-MM-DD date"))
            })?;
        }
        cfg.login_failure_delay = seconds(py, "login_failure_delay", login_failure_delay)?;
        cfg.token_activation_window =
            seconds(py, "token_activation_window", token_activation_window)?;
        cfg.token_max_age = seconds(py, "token_max_age", token_max_age)?;
        cfg.token_idle_timeout = seconds(py, "token_idle_timeout", token_idle_timeout)?;
        cfg.entry_type_style = parse_style(py, entry_type_style)?;
        cfg.key_case = parse_case(py, key_case)?;
        cfg.max_query_len = max_query_len;
        cfg.latency = seconds(py, "latency", latency)?;
        cfg.per_entry_cost = seconds(py, "per_entry_cost", per_entry_cost)?;
        let sim = py
            .detach(|| Simulator::start(cfg))
            .map_err(|e| PyOSError::new_err(format!("cannot start the simulator: {e}")))?;
        let url = sim.url();
        Ok(PySimulator {
            inner: Mutex::new(Some(sim)),
            url,
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    #[getter]
    fn url(&self) -> String {
        self.url.clone()
    }

    /// The keyword arguments of `Client(...)` for this simulator (fake credentials).
    #[getter]
    fn credentials<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.with(|s| s.credentials().clone())?;
        let d = PyDict::new(py);
        d.set_item("company_api_key", c.company_api_key)?;
        d.set_item("connect_api_key", c.connect_api_key)?;
        d.set_item("license", c.license)?;
        d.set_item("username", c.username)?;
        d.set_item("password", c.password)?;
        d.set_item("base_url", &self.url)?;
        Ok(d)
    }

    /// A `Client` for this simulator; keyword arguments override the defaults.
    #[pyo3(signature = (**overrides))]
    fn client<'py>(
        &self,
        py: Python<'py>,
        overrides: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kw = self.client_kwargs(py, overrides)?;
        py.get_type::<crate::client::PyClient>().call((), Some(&kw))
    }

    /// An `AsyncClient` for this simulator; keyword arguments override the defaults.
    #[pyo3(signature = (**overrides))]
    fn async_client<'py>(
        &self,
        py: Python<'py>,
        overrides: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kw = self.client_kwargs(py, overrides)?;
        py.get_type::<crate::client::PyAsyncClient>()
            .call((), Some(&kw))
    }

    /// Queue a fault, e.g. `{"fault": "status", "status": 503, "retry_after": "1", "times": 2}`.
    fn inject(&self, py: Python<'_>, fault: &Bound<'_, PyDict>) -> PyResult<()> {
        let text: String = py
            .import("json")?
            .call_method1("dumps", (fault,))?
            .extract()?;
        self.inject_json(&text)
    }

    /// Queue a fault given as JSON text (the admin route's format).
    fn inject_json(&self, json: &str) -> PyResult<()> {
        self.with(|s| s.inject_json(json))?
            .map_err(|e| Python::attach(|py| config_error(py, format!("bad fault: {e}"))))
    }

    /// Remove every queued fault.
    fn clear_faults(&self) -> PyResult<()> {
        self.with(Simulator::clear_faults)
    }

    /// Set the latency added to every data request, in seconds.
    fn set_latency(&self, py: Python<'_>, latency: f64) -> PyResult<()> {
        let d = seconds(py, "latency", latency)?;
        self.with(|s| s.set_latency(d))
    }

    /// Invalidate every issued token (the next data request answers 401).
    fn revoke_tokens(&self) -> PyResult<()> {
        self.with(Simulator::revoke_tokens)
    }

    /// The request log, oldest first, as dicts (secrets shown as `***`).
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let log = self.with(Simulator::requests)?;
        let list = PyList::empty(py);
        for r in &log {
            list.append(request_to_dict(py, r)?)?;
        }
        Ok(list)
    }

    /// Empty the request log.
    fn clear_requests(&self) -> PyResult<()> {
        self.with(Simulator::clear_requests)
    }

    /// Number of login requests so far.
    #[getter]
    fn login_count(&self) -> PyResult<usize> {
        self.with(Simulator::login_count)
    }

    /// Number of data requests so far.
    #[getter]
    fn data_request_count(&self) -> PyResult<usize> {
        self.with(Simulator::data_request_count)
    }

    /// Number of entries the simulated company has.
    #[getter]
    fn entry_count(&self) -> PyResult<usize> {
        self.with(Simulator::entry_count)
    }

    /// Stop the server (idempotent).
    fn close(&self, py: Python<'_>) {
        let sim = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(s) = sim {
            py.detach(move || s.stop());
        }
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __exit__(
        &self,
        py: Python<'_>,
        _t: Option<Py<PyAny>>,
        _v: Option<Py<PyAny>>,
        _tb: Option<Py<PyAny>>,
    ) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        let open = self.inner.lock().map(|g| g.is_some()).unwrap_or(false);
        format!(
            "Simulator(url={:?}, {})",
            self.url,
            if open { "running" } else { "closed" }
        )
    }

    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, _item: &Bound<'_, PyAny>) -> Py<PyType> {
        cls.clone().unbind()
    }
}
