//! Conversion of Python arguments into the core's query and options.

use crate::errors::config_error;
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyInt, PyString, PyType};
use softone_go::{ClientBuilder, Query};
use std::time::Duration;

static DATE_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `datetime.date`.
pub fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATE_TYPE.import(py, "datetime", "date")
}

/// `datetime.datetime`.
pub fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATETIME_TYPE.import(py, "datetime", "datetime")
}

/// A work date from a `datetime.date` or a `"YYYY-MM-DD"` string; a `datetime` is refused.
fn to_date(py: Python<'_>, what: &str, v: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if v.is_instance(datetime_type(py)?)? {
        return Err(config_error(
            py,
            format!(
                "{what} is a datetime, but the endpoint filters by work date, not by time: pass a datetime.date (e.g. value.date()) or a 'YYYY-MM-DD' string"
            ),
        ));
    }
    if v.is_instance(date_type(py)?)? {
        let y: i32 = v.getattr("year")?.extract()?;
        let m: u32 = v.getattr("month")?.extract()?;
        let d: u32 = v.getattr("day")?.extract()?;
        return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
            config_error(py, format!("{what} {y:04}-{m:02}-{d:02} is out of range"))
        });
    }
    if let Ok(s) = v.cast::<PyString>() {
        return softone_go::parse_date(what, &s.to_cow()?)
            .map_err(|e| crate::errors::to_py(py, &e));
    }
    Err(config_error(
        py,
        format!(
            "{what} must be a datetime.date or a 'YYYY-MM-DD' string, not {}",
            v.get_type().name()?
        ),
    ))
}

/// Employee numbers from any iterable of `str` or `int` (ints as their decimal form).
fn to_employees(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if v.is_instance_of::<PyString>() || v.is_instance_of::<pyo3::types::PyBytes>() {
        return Err(config_error(
            py,
            "employees must be an iterable of employee numbers (e.g. ['107']), not a single string",
        ));
    }
    let iter = v.try_iter().map_err(|_| {
        let t = v
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        config_error(
            py,
            format!("employees must be an iterable of str or int, or None for all, not {t}"),
        )
    })?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        if let Ok(s) = item.cast::<PyString>() {
            out.push(s.to_cow()?.into_owned());
        } else if item.is_instance_of::<PyInt>() && !item.is_instance_of::<PyBool>() {
            out.push(item.str()?.to_cow()?.into_owned());
        } else {
            let t = item.get_type().name()?;
            return Err(config_error(
                py,
                format!("employee number #{i} must be a str or int, not {t}"),
            ));
        }
    }
    Ok(out)
}

/// The core query for these Python arguments, validated by the core.
pub fn to_query(
    py: Python<'_>,
    date_from: &Bound<'_, PyAny>,
    date_to: &Bound<'_, PyAny>,
    employees: Option<&Bound<'_, PyAny>>,
) -> PyResult<Query> {
    let from = to_date(py, "date_from", date_from)?;
    let to = to_date(py, "date_to", date_to)?;
    let employees = match employees {
        Some(e) if !e.is_none() => Some(to_employees(py, e)?),
        _ => None,
    };
    Query::new(from, to)
        .and_then(|q| q.with_optional_employees(employees))
        .map_err(|e| crate::errors::to_py(py, &e))
}

/// A duration from seconds (finite, not negative).
pub fn seconds(py: Python<'_>, what: &str, v: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(v).map_err(|_| {
        config_error(
            py,
            format!("{what} must be a finite, non-negative number of seconds, not {v}"),
        )
    })
}

/// A count that must fit the core's type.
fn count<T: TryFrom<i64>>(py: Python<'_>, what: &str, v: i64) -> PyResult<T> {
    T::try_from(v).map_err(|_| {
        config_error(
            py,
            format!("{what} must be a non-negative integer in range, not {v}"),
        )
    })
}

/// The keyword arguments of `Client(...)` and `AsyncClient(...)`.
pub struct ClientArgs {
    /// `company_api_key`
    pub company_api_key: Option<String>,
    /// `connect_api_key`
    pub connect_api_key: Option<String>,
    /// `license`
    pub license: Option<String>,
    /// `username`
    pub username: Option<String>,
    /// `password`
    pub password: Option<String>,
    /// `token`
    pub token: Option<String>,
    /// `base_url`
    pub base_url: String,
    /// `timeout` in seconds
    pub timeout: f64,
    /// `connect_timeout` in seconds
    pub connect_timeout: f64,
    /// `max_retries`
    pub max_retries: i64,
    /// `chunk_days`
    pub chunk_days: i64,
    /// `max_concurrency`
    pub max_concurrency: i64,
    /// `allow_insecure_http`
    pub allow_insecure_http: bool,
}

/// `python/<version>`, appended to the user agent.
pub fn user_agent_suffix(py: Python<'_>) -> String {
    let v = py.version_info();
    format!("python/{}.{}.{}", v.major, v.minor, v.patch)
}

/// Set the user agent suffix and build the options (the core checks them).
pub fn finish(py: Python<'_>, b: ClientBuilder) -> PyResult<softone_go::ClientOptions> {
    b.user_agent_suffix(user_agent_suffix(py))
        .build()
        .map_err(|e| crate::errors::to_py(py, &e))
}

impl ClientArgs {
    /// The core's options for these arguments.
    pub fn options(self, py: Python<'_>) -> PyResult<softone_go::ClientOptions> {
        let mut b = ClientBuilder::default()
            .base_url(self.base_url)
            .timeout(seconds(py, "timeout", self.timeout)?)
            .connect_timeout(seconds(py, "connect_timeout", self.connect_timeout)?)
            .max_retries(count(py, "max_retries", self.max_retries)?)
            .chunk_days(count(py, "chunk_days", self.chunk_days)?)
            .max_concurrency(count(py, "max_concurrency", self.max_concurrency)?)
            .allow_insecure_http(self.allow_insecure_http);
        if let Some(v) = self.company_api_key {
            b = b.company_api_key(v);
        }
        if let Some(v) = self.connect_api_key {
            b = b.connect_api_key(v);
        }
        if let Some(v) = self.license {
            b = b.license(v);
        }
        if let Some(v) = self.username {
            b = b.username(v);
        }
        if let Some(v) = self.password {
            b = b.password(v);
        }
        if let Some(v) = self.token {
            b = b.token(v);
        }
        finish(py, b)
    }
}

/// `repr()` of a client: base URL and which credentials are set, never their values.
pub fn client_repr(name: &str, o: &softone_go::ClientOptions) -> String {
    let set = |b: bool| if b { "set" } else { "unset" };
    format!(
        "{name}(base_url={:?}, api_keys={}, login={}, token={})",
        o.base_url(),
        set(o.has_api_keys()),
        set(o.has_login()),
        set(o.has_token())
    )
}
