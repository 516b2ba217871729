//! `TimeStampEntry` and `Account`: frozen Python objects built from the core's entries.
//!
//! Built for speed and memory at hundreds of thousands of entries: repeated strings
//! (employee numbers, codes, account lists) are shared between entries, the entry type
//! is a cached enum member, and the `datetime` is made when `time_stamp` is read.

use crate::args::datetime_type;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use pyo3::IntoPyObjectExt;
use softone_go::{Account, EntryType, SharedStr, SortedEntries, TimeStampEntry, Timestamp};
use std::collections::HashMap;
use std::sync::Mutex;

static ENTRY_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MEMBERS: PyOnceLock<[Py<PyAny>; 3]> = PyOnceLock::new();
static TIMEZONES: Mutex<Option<HashMap<i32, Py<PyAny>>>> = Mutex::new(None);

/// The Python enum `softone_go.EntryType`.
fn entry_type_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    ENTRY_TYPE.import(py, "softone_go._types", "EntryType")
}

/// The `EntryType` member for a core entry type.
fn entry_type_member(py: Python<'_>, t: EntryType) -> PyResult<Bound<'_, PyAny>> {
    let members = MEMBERS.get_or_try_init(py, || -> PyResult<[Py<PyAny>; 3]> {
        let cls = entry_type_class(py)?;
        Ok([
            cls.getattr("UNKNOWN")?.unbind(),
            cls.getattr("IN")?.unbind(),
            cls.getattr("OUT")?.unbind(),
        ])
    })?;
    let i = match t {
        EntryType::Unknown => 0,
        EntryType::In => 1,
        EntryType::Out => 2,
    };
    Ok(members[i].bind(py).clone())
}

/// A core entry type from an `EntryType` member or its value/name as a string.
fn entry_type_from_py(v: &Bound<'_, PyAny>) -> PyResult<EntryType> {
    let py = v.py();
    let s: String = if v.is_instance(entry_type_class(py)?)? {
        v.getattr("value")?.extract()?
    } else {
        v.extract()?
    };
    EntryType::from_wire_str(&s).ok_or_else(|| {
        crate::errors::config_error(py, format!("entry_type {s:?} is not In, Out or Unknown"))
    })
}

/// `datetime.timezone(timedelta(seconds=offset))`, cached per offset.
fn timezone(py: Python<'_>, offset: i32) -> PyResult<Bound<'_, PyAny>> {
    let mut guard = TIMEZONES.lock().unwrap_or_else(|p| p.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if let Some(tz) = map.get(&offset) {
        return Ok(tz.bind(py).clone());
    }
    let dt = py.import("datetime")?;
    let delta = dt.getattr("timedelta")?.call((0, offset), None)?;
    let tz = dt.getattr("timezone")?.call1((delta,))?;
    map.insert(offset, tz.clone().unbind());
    Ok(tz)
}

/// The Python `datetime` of a core timestamp: naive without an offset, aware with one;
/// sub-microsecond digits (the wire's 100 ns ticks) are truncated.
pub fn timestamp_to_py<'py>(py: Python<'py>, ts: &Timestamp) -> PyResult<Bound<'py, PyAny>> {
    let micro = (ts.nanosecond() / 1000).min(999_999);
    let tz = match ts.utc_offset_seconds() {
        Some(o) => Some(timezone(py, o)?),
        None => None,
    };
    datetime_type(py)?.call1((
        ts.year(),
        ts.month(),
        ts.day(),
        ts.hour(),
        ts.minute(),
        ts.second(),
        micro,
        tz,
    ))
}

/// A core timestamp from a `datetime` (microseconds; offset from `utcoffset()`) or an
/// ISO-8601 string in the wire's forms (up to 9 fraction digits, kept exactly).
fn timestamp_from_py(v: &Bound<'_, PyAny>) -> PyResult<Timestamp> {
    let py = v.py();
    if let Ok(s) = v.cast::<PyString>() {
        let s = s.to_cow()?;
        return Timestamp::parse(&s).ok_or_else(|| {
            crate::errors::config_error(
                py,
                format!("time_stamp {s:?} is not an ISO-8601 date-time"),
            )
        });
    }
    if !v.is_instance(datetime_type(py)?)? {
        return Err(crate::errors::config_error(
            py,
            "time_stamp must be a datetime or an ISO-8601 string",
        ));
    }
    let g = |n: &str| -> PyResult<u32> { v.getattr(n)?.extract() };
    let date = NaiveDate::from_ymd_opt(v.getattr("year")?.extract()?, g("month")?, g("day")?);
    let time =
        NaiveTime::from_hms_micro_opt(g("hour")?, g("minute")?, g("second")?, g("microsecond")?);
    let (Some(date), Some(time)) = (date, time) else {
        return Err(crate::errors::config_error(
            py,
            "time_stamp is out of range",
        ));
    };
    let off = v.call_method0("utcoffset")?;
    let offset = if off.is_none() {
        None
    } else {
        let secs: f64 = off.call_method0("total_seconds")?.extract()?;
        Some(secs.round() as i32)
    };
    Ok(Timestamp::new(NaiveDateTime::new(date, time), offset))
}

/// One connected account of a punch.
#[pyclass(frozen, eq, hash, module = "softone_go", name = "Account")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyAccount {
    account_nr: Option<String>,
    sie_account_dim: Option<i64>,
}

#[pymethods]
impl PyAccount {
    /// An account: its number (cost carrier) and SIE dimension.
    #[new]
    #[pyo3(signature = (account_nr=None, sie_account_dim=None))]
    fn new(account_nr: Option<String>, sie_account_dim: Option<i64>) -> Self {
        PyAccount {
            account_nr,
            sie_account_dim,
        }
    }

    /// The account number (wire `AccountNr`).
    #[getter]
    fn account_nr(&self) -> Option<&str> {
        self.account_nr.as_deref()
    }

    /// The SIE accounting dimension (wire `SieAccountDim`).
    #[getter]
    fn sie_account_dim(&self) -> Option<i64> {
        self.sie_account_dim
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Account(account_nr={}, sie_account_dim={})",
            self.account_nr.as_deref().into_pyobject(py)?.repr()?,
            self.sie_account_dim.into_pyobject(py)?.repr()?
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let me = slf.get();
        let args = (me.account_nr.clone(), me.sie_account_dim).into_pyobject(slf.py())?;
        PyTuple::new(slf.py(), [slf.get_type().into_any(), args.into_any()])
    }

    /// The account as a plain dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("account_nr", &self.account_nr)?;
        d.set_item("sie_account_dim", self.sie_account_dim)?;
        Ok(d)
    }
}

/// One punch-clock entry of one employee (frozen).
#[pyclass(frozen, module = "softone_go", name = "TimeStampEntry")]
pub struct PyTimeStampEntry {
    employee_nr: Py<PyString>,
    employee_external_code: Option<Py<PyString>>,
    ts: Timestamp,
    entry_type: EntryType,
    is_break: bool,
    account_nr: Option<Py<PyString>>,
    sie_account_dim: Option<i64>,
    time_terminal_id: Option<i64>,
    accounts: Py<PyTuple>,
    codes: Py<PyTuple>,
}

/// Converts a batch of core entries, sharing the Python objects of repeated values.
pub struct Converter<'py> {
    py: Python<'py>,
    strings: HashMap<SharedStr, Py<PyString>>,
    accounts: HashMap<Vec<Account>, Py<PyTuple>>,
    codes: HashMap<Vec<SharedStr>, Py<PyTuple>>,
    empty: Py<PyTuple>,
}

impl<'py> Converter<'py> {
    /// A converter with empty caches.
    pub fn new(py: Python<'py>) -> Self {
        Converter {
            py,
            strings: HashMap::new(),
            accounts: HashMap::new(),
            codes: HashMap::new(),
            empty: PyTuple::empty(py).unbind(),
        }
    }

    fn string(&mut self, s: &SharedStr) -> Py<PyString> {
        if let Some(p) = self.strings.get(s) {
            return p.clone_ref(self.py);
        }
        let p = PyString::new(self.py, s).unbind();
        self.strings.insert(s.clone(), p.clone_ref(self.py));
        p
    }

    fn accounts(&mut self, a: &[Account]) -> PyResult<Py<PyTuple>> {
        if a.is_empty() {
            return Ok(self.empty.clone_ref(self.py));
        }
        if let Some(t) = self.accounts.get(a) {
            return Ok(t.clone_ref(self.py));
        }
        let items = a
            .iter()
            .map(|x| {
                Py::new(
                    self.py,
                    PyAccount {
                        account_nr: x.account_nr.as_deref().map(String::from),
                        sie_account_dim: x.sie_account_dim,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        let t = PyTuple::new(self.py, items)?.unbind();
        self.accounts.insert(a.to_vec(), t.clone_ref(self.py));
        Ok(t)
    }

    fn codes(&mut self, c: &[SharedStr]) -> PyResult<Py<PyTuple>> {
        if c.is_empty() {
            return Ok(self.empty.clone_ref(self.py));
        }
        if let Some(t) = self.codes.get(c) {
            return Ok(t.clone_ref(self.py));
        }
        let items: Vec<Py<PyString>> = c.iter().map(|s| self.string(s)).collect();
        let t = PyTuple::new(self.py, items)?.unbind();
        self.codes.insert(c.to_vec(), t.clone_ref(self.py));
        Ok(t)
    }

    /// The Python object of one core entry.
    pub fn entry(&mut self, e: &TimeStampEntry) -> PyResult<PyTimeStampEntry> {
        Ok(PyTimeStampEntry {
            employee_nr: self.string(&e.employee_nr),
            employee_external_code: e.employee_external_code.as_ref().map(|s| self.string(s)),
            ts: e.time_stamp,
            entry_type: e.entry_type,
            is_break: e.is_break,
            account_nr: e.account_nr.as_ref().map(|s| self.string(s)),
            sie_account_dim: e.sie_account_dim,
            time_terminal_id: e.time_terminal_id,
            accounts: self.accounts(&e.accounts)?,
            codes: self.codes(&e.time_schedule_type_codes)?,
        })
    }
}

/// A Python list of `TimeStampEntry` from the core's entries, read in sorted order where
/// they were decoded; the core's entries are then freed off this thread.
pub fn entries_to_list(py: Python<'_>, entries: SortedEntries) -> PyResult<Bound<'_, PyList>> {
    let mut conv = Converter::new(py);
    let list = PyList::empty(py);
    for e in entries.iter() {
        list.append(Bound::new(py, conv.entry(e)?)?)?;
    }
    entries.drop_in_background();
    Ok(list)
}

/// The core's entries as a value that becomes a Python list (for async results).
pub struct Entries(pub SortedEntries);

impl<'py> IntoPyObject<'py> for Entries {
    type Target = PyList;
    type Output = Bound<'py, PyList>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        entries_to_list(py, self.0)
    }
}

fn opt_str(py: Python<'_>, s: &Option<Py<PyString>>) -> Py<PyAny> {
    match s {
        Some(s) => s.clone_ref(py).into_any(),
        None => py.None(),
    }
}

impl PyTimeStampEntry {
    /// Everything that identifies the entry, for `==` and `hash()`.
    fn key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let l = self.ts.local();
        let ts = (
            l.year(),
            l.month(),
            l.day(),
            l.hour(),
            l.minute(),
            l.second(),
            l.nanosecond(),
            self.ts.utc_offset_seconds(),
        );
        let items: Vec<Py<PyAny>> = vec![
            self.employee_nr.clone_ref(py).into_any(),
            opt_str(py, &self.employee_external_code),
            ts.into_py_any(py)?,
            self.entry_type.as_str().into_py_any(py)?,
            self.is_break.into_py_any(py)?,
            opt_str(py, &self.account_nr),
            self.sie_account_dim.into_py_any(py)?,
            self.time_terminal_id.into_py_any(py)?,
            self.accounts.clone_ref(py).into_any(),
            self.codes.clone_ref(py).into_any(),
        ];
        PyTuple::new(py, items)
    }
}

#[pymethods]
impl PyTimeStampEntry {
    /// Make an entry (normally the client does); `time_stamp` is a datetime or an ISO string.
    #[new]
    #[pyo3(signature = (employee_nr, time_stamp, entry_type=None, is_break=false, employee_external_code=None,
        account_nr=None, sie_account_dim=None, time_terminal_id=None, accounts=None, time_schedule_type_codes=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        employee_nr: String,
        time_stamp: &Bound<'_, PyAny>,
        entry_type: Option<&Bound<'_, PyAny>>,
        is_break: bool,
        employee_external_code: Option<String>,
        account_nr: Option<String>,
        sie_account_dim: Option<i64>,
        time_terminal_id: Option<i64>,
        accounts: Option<Vec<PyRef<'_, PyAccount>>>,
        time_schedule_type_codes: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let entry_type = match entry_type {
            Some(t) if !t.is_none() => entry_type_from_py(t)?,
            _ => EntryType::Unknown,
        };
        let accounts = accounts
            .unwrap_or_default()
            .iter()
            .map(|a| Account {
                account_nr: a.account_nr.as_deref().map(SharedStr::from),
                sie_account_dim: a.sie_account_dim,
            })
            .collect();
        let e = TimeStampEntry {
            employee_nr: employee_nr.into(),
            employee_external_code: employee_external_code.map(SharedStr::from),
            time_stamp: timestamp_from_py(time_stamp)?,
            entry_type,
            is_break,
            account_nr: account_nr.map(SharedStr::from),
            sie_account_dim,
            time_terminal_id,
            accounts,
            time_schedule_type_codes: time_schedule_type_codes
                .unwrap_or_default()
                .into_iter()
                .map(SharedStr::from)
                .collect(),
        };
        Converter::new(py).entry(&e)
    }

    /// The employee number (wire `EmployeeNr`).
    #[getter]
    fn employee_nr(&self, py: Python<'_>) -> Py<PyString> {
        self.employee_nr.clone_ref(py)
    }

    /// The employee's external code (wire `EmployeeExternalCode`).
    #[getter]
    fn employee_external_code(&self, py: Python<'_>) -> Py<PyAny> {
        opt_str(py, &self.employee_external_code)
    }

    /// When the punch was made: naive when the wire had no offset, aware when it had one.
    #[getter]
    fn time_stamp<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        timestamp_to_py(py, &self.ts)
    }

    /// The timestamp in canonical ISO-8601 form, exact to the wire's 100 ns ticks.
    #[getter]
    fn time_stamp_iso(&self) -> String {
        self.ts.to_iso_string()
    }

    /// In, out or unknown (wire `TimeStampEntryType`).
    #[getter]
    fn entry_type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        entry_type_member(py, self.entry_type)
    }

    /// Whether the punch starts or ends a break (wire `IsBreak`).
    #[getter]
    fn is_break(&self) -> bool {
        self.is_break
    }

    /// The account number reported with the punch (wire `AccountNr`).
    #[getter]
    fn account_nr(&self, py: Python<'_>) -> Py<PyAny> {
        opt_str(py, &self.account_nr)
    }

    /// The SIE dimension of `account_nr` (wire `SieAccountDim`).
    #[getter]
    fn sie_account_dim(&self) -> Option<i64> {
        self.sie_account_dim
    }

    /// The terminal the punch was made on (wire `TimeTerminalId`).
    #[getter]
    fn time_terminal_id(&self) -> Option<i64> {
        self.time_terminal_id
    }

    /// Connected accounts (wire `Accounts`), as a new list.
    #[getter]
    fn accounts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.accounts.bind(py).iter())
    }

    /// Codes of the connected extents and deductions (wire `TimeScheduleTypes`), as a new list.
    #[getter]
    fn time_schedule_type_codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.codes.bind(py).iter())
    }

    /// The fields as a dict (accounts as dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("employee_nr", &self.employee_nr)?;
        d.set_item(
            "employee_external_code",
            opt_str(py, &self.employee_external_code),
        )?;
        d.set_item("time_stamp", self.time_stamp(py)?)?;
        d.set_item("entry_type", self.entry_type(py)?)?;
        d.set_item("is_break", self.is_break)?;
        d.set_item("account_nr", opt_str(py, &self.account_nr))?;
        d.set_item("sie_account_dim", self.sie_account_dim)?;
        d.set_item("time_terminal_id", self.time_terminal_id)?;
        let accounts = PyList::empty(py);
        for a in self.accounts.bind(py).iter() {
            accounts.append(a.cast::<PyAccount>()?.get().to_dict(py)?)?;
        }
        d.set_item("accounts", accounts)?;
        d.set_item(
            "time_schedule_type_codes",
            self.time_schedule_type_codes(py)?,
        )?;
        Ok(d)
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<PyTimeStampEntry>() {
            Ok(o) => self.key(py)?.eq(o.get().key(py)?)?.into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.key(py)?.hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "TimeStampEntry(employee_nr={}, time_stamp={}, entry_type={}, is_break={}, employee_external_code={}, account_nr={}, sie_account_dim={}, time_terminal_id={}, accounts={}, time_schedule_type_codes={})",
            self.employee_nr.bind(py).repr()?,
            self.time_stamp(py)?.repr()?,
            self.entry_type(py)?.repr()?,
            if self.is_break { "True" } else { "False" },
            opt_str(py, &self.employee_external_code).bind(py).repr()?,
            opt_str(py, &self.account_nr).bind(py).repr()?,
            self.sie_account_dim.into_pyobject(py)?.repr()?,
            self.time_terminal_id.into_pyobject(py)?.repr()?,
            self.accounts(py)?.repr()?,
            self.time_schedule_type_codes(py)?.repr()?,
        ))
    }

    /// Pickle support: the constructor's arguments, with the exact ISO timestamp.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args: Vec<Py<PyAny>> = vec![
            me.employee_nr.clone_ref(py).into_any(),
            me.ts.to_iso_string().into_py_any(py)?,
            me.entry_type.as_str().into_py_any(py)?,
            me.is_break.into_py_any(py)?,
            opt_str(py, &me.employee_external_code),
            opt_str(py, &me.account_nr),
            me.sie_account_dim.into_py_any(py)?,
            me.time_terminal_id.into_py_any(py)?,
            me.accounts(py)?.into_any().unbind(),
            me.time_schedule_type_codes(py)?.into_any().unbind(),
        ];
        Ok((slf.get_type(), PyTuple::new(py, args)?))
    }
}
