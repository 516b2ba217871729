//! Node.js binding of softone-go: a napi-rs addon that only converts values and errors.
//!
//! The JavaScript wrapper (`index.js`) is the public API; this addon is its native part:
//! `NativeClient` (wraps `softone_go::AsyncClient`), `CancelHandle` (aborts one fetch),
//! and `NativeSimulator` (wraps `softone_go_simulator::Simulator`). Failures come back as
//! plain `NativeError` objects that the wrapper turns into `SoftOneError`s.

#![deny(clippy::all)]
// Errors are cold, plain data handed to JS once; boxing them would only add noise.
#![allow(clippy::result_large_err)]

use napi::bindgen_prelude::*;
use napi::sys;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use softone_go::{
    AsyncClient, ClientBuilder, ClientOptions, Error as CoreError, ErrorKind, Query, SharedStr,
    SortedEntries,
};
use softone_go_simulator::{Simulator, SimulatorConfig};
use std::ptr;
use std::sync::Mutex;
use std::time::Duration;

/// A failure as plain data; the JS wrapper builds a `SoftOneError` from it.
#[napi(object)]
pub struct NativeError {
    /// The error code of DESIGN.md's table (`INVALID_ARGUMENT`, ..., `DECODE`, or `CANCELLED`).
    pub code: String,
    /// What happened and what to do (never a secret).
    pub message: String,
    /// The HTTP status of the server's answer, where there was one.
    pub status: Option<u32>,
    /// The server's own message, where it gave one.
    pub server_message: Option<String>,
    /// The request URL with every secret replaced by `***`.
    pub url: Option<String>,
    /// The wait the server asked for in `Retry-After`, in milliseconds.
    pub retry_after_ms: Option<f64>,
    /// For a decode error: the index of the failing entry in the response array.
    pub entry_index: Option<u32>,
    /// For a decode error: the wire name of the failing field.
    pub field: Option<String>,
}

impl From<CoreError> for NativeError {
    fn from(e: CoreError) -> Self {
        NativeError {
            code: e.kind().code().to_string(),
            message: e.message().to_string(),
            status: e.http_status().map(u32::from),
            server_message: e.server_message().map(str::to_string),
            url: e.url().map(str::to_string),
            retry_after_ms: e.retry_after().map(|d| d.as_secs_f64() * 1000.0),
            entry_index: e.entry_index().and_then(|i| u32::try_from(i).ok()),
            field: e.field().map(str::to_string),
        }
    }
}

fn invalid(message: impl Into<String>) -> NativeError {
    NativeError::from(CoreError::invalid(message))
}

/// One connected account of an entry (type definition only; values are built by the JS wrapper from `EntryColumns`).
#[napi(object)]
pub struct Account {
    /// The account number (wire `AccountNr`).
    #[napi(ts_type = "string | null")]
    pub account_nr: String,
    /// The SIE dimension of the account (wire `SieAccountDim`).
    #[napi(ts_type = "number | null")]
    pub sie_account_dim: i64,
}

/// One punch-clock entry as the fetch returns it (type definition only; built by the JS wrapper from `EntryColumns`).
#[napi(object)]
pub struct TimeStampEntry {
    /// The employee number (wire `EmployeeNr`).
    pub employee_nr: String,
    /// The employee's external code (wire `EmployeeExternalCode`).
    #[napi(ts_type = "string | null")]
    pub employee_external_code: String,
    /// When the punch was made, the ISO-8601 text as the server meant it (`2026-05-07T08:00:00`;
    /// an offset only when the wire had one). Never converted to a `Date`.
    pub time_stamp: String,
    /// In, out or unknown (wire `TimeStampEntryType`).
    #[napi(ts_type = "'In' | 'Out' | 'Unknown'")]
    pub entry_type: String,
    /// Whether the punch starts or ends a break (wire `IsBreak`).
    pub is_break: bool,
    /// The account number (wire `AccountNr`).
    #[napi(ts_type = "string | null")]
    pub account_nr: String,
    /// The SIE dimension of `accountNr` (wire `SieAccountDim`).
    #[napi(ts_type = "number | null")]
    pub sie_account_dim: i64,
    /// The terminal the punch was made on (wire `TimeTerminalId`).
    #[napi(ts_type = "number | null")]
    pub time_terminal_id: i64,
    /// Connected accounts (wire `Accounts`).
    pub accounts: Vec<Account>,
    /// Codes of the connected schedule types (wire `TimeScheduleTypes[].TimeScheduleTypeCode`).
    pub time_schedule_type_codes: Vec<String>,
}

/// Client options as the JS wrapper passes them (camelCase, milliseconds).
#[napi(object)]
pub struct NativeClientOptions {
    /// The company API key.
    pub company_api_key: Option<String>,
    /// The integration's API key.
    pub connect_api_key: Option<String>,
    /// The company's license (login triple).
    pub license: Option<String>,
    /// The API user's name (login triple).
    pub username: Option<String>,
    /// The API user's password (login triple).
    pub password: Option<String>,
    /// A ready token.
    pub token: Option<String>,
    /// The base URL.
    pub base_url: Option<String>,
    /// Request timeout in milliseconds.
    pub timeout_ms: Option<f64>,
    /// Connect timeout in milliseconds.
    pub connect_timeout_ms: Option<f64>,
    /// Retries of a failed request.
    pub max_retries: Option<f64>,
    /// Days per request window (0: one window).
    pub chunk_days: Option<f64>,
    /// Requests in flight at most per fetch.
    pub max_concurrency: Option<f64>,
    /// Allow plain http to non-loopback hosts.
    pub allow_insecure_http: Option<bool>,
    /// Text appended to the user agent (`node/<version>`).
    pub user_agent_suffix: Option<String>,
}

/// Convert a JS number option to an integer, refusing fractions, negatives and non-numbers.
fn whole(name: &str, v: Option<f64>, max: f64) -> std::result::Result<Option<u64>, NativeError> {
    match v {
        None => Ok(None),
        Some(x) if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= max => Ok(Some(x as u64)),
        Some(x) => Err(invalid(format!(
            "{name} must be a whole number between 0 and {max}, not {x}"
        ))),
    }
}

fn millis(name: &str, v: Option<f64>) -> std::result::Result<Option<Duration>, NativeError> {
    Ok(whole(name, v, 9_007_199_254_740_991.0)?.map(Duration::from_millis))
}

fn apply_options(
    mut b: ClientBuilder,
    o: NativeClientOptions,
) -> std::result::Result<ClientOptions, NativeError> {
    if let Some(v) = o.company_api_key {
        b = b.company_api_key(v);
    }
    if let Some(v) = o.connect_api_key {
        b = b.connect_api_key(v);
    }
    if let Some(v) = o.license {
        b = b.license(v);
    }
    if let Some(v) = o.username {
        b = b.username(v);
    }
    if let Some(v) = o.password {
        b = b.password(v);
    }
    if let Some(v) = o.token {
        b = b.token(v);
    }
    if let Some(v) = o.base_url {
        b = b.base_url(v);
    }
    if let Some(d) = millis("timeoutMs", o.timeout_ms)? {
        b = b.timeout(d);
    }
    if let Some(d) = millis("connectTimeoutMs", o.connect_timeout_ms)? {
        b = b.connect_timeout(d);
    }
    if let Some(n) = whole("maxRetries", o.max_retries, u32::MAX as f64)? {
        b = b.max_retries(n as u32);
    }
    if let Some(n) = whole("chunkDays", o.chunk_days, u32::MAX as f64)? {
        b = b.chunk_days(n as u32);
    }
    if let Some(n) = whole("maxConcurrency", o.max_concurrency, u32::MAX as f64)? {
        b = b.max_concurrency(n as usize);
    }
    if let Some(v) = o.allow_insecure_http {
        b = b.allow_insecure_http(v);
    }
    if let Some(v) = o.user_agent_suffix {
        b = b.user_agent_suffix(v);
    }
    b.build().map_err(NativeError::from)
}

/// The native client: a `softone_go::AsyncClient` driven by napi-rs's tokio runtime.
#[napi]
pub struct NativeClient {
    inner: AsyncClient,
}

/// Cancels one fetch: the wrapper calls `cancel()` when its `AbortSignal` fires.
#[napi]
pub struct CancelHandle {
    tx: tokio::sync::watch::Sender<bool>,
}

#[napi]
impl CancelHandle {
    /// A handle that has not fired.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        CancelHandle {
            tx: tokio::sync::watch::channel(false).0,
        }
    }

    /// Cancel the fetch this handle was given to (the fetch rejects with `CANCELLED`).
    #[napi]
    pub fn cancel(&self) {
        self.tx.send_replace(true);
    }
}

/// The outcome of a fetch: entries (converted on the JS thread) or an error.
pub enum FetchOutcome {
    /// The fetched entries, sorted, in columns.
    Entries(Box<Columns>),
    /// The failure.
    Failed(NativeError),
}

impl ToNapiValue for FetchOutcome {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        match val {
            FetchOutcome::Entries(c) => Columns::to_napi_value(env, *c),
            FetchOutcome::Failed(e) => NativeError::to_napi_value(env, e),
        }
    }
}

fn check(status: sys::napi_status, what: &str) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::new(
            Status::from(status),
            format!("creating {what} failed"),
        ))
    }
}

/// The entries of a fetch in columns: every distinct string once in one text with UTF-16
/// offsets, numbers and flags in typed arrays. Built off the JS thread; the JS wrapper makes
/// the plain objects from it in one tight loop, which V8 does far faster than one N-API call
/// per property (profiling showed object creation through N-API dominating the fetch).
pub struct Columns {
    n: usize,
    text: String,
    /// UTF-16 offsets of the strings in `text`: string `i` is `offsets[i]..offsets[i + 1]`.
    offsets: Vec<u32>,
    emp: Vec<u32>,
    ext: Vec<i32>,
    ts: Vec<u32>,
    typ: Vec<u8>,
    brk: Vec<u8>,
    acc: Vec<i32>,
    dim: Vec<f64>,
    term: Vec<f64>,
    acc_off: Vec<u32>,
    acc_nr: Vec<i32>,
    acc_dim: Vec<f64>,
    code_off: Vec<u32>,
    codes: Vec<u32>,
}

/// The TypeScript shape of [`Columns`] as the JS wrapper receives it (type definition only;
/// the values are built by `Columns::to_napi_value`).
#[napi(object)]
pub struct EntryColumns {
    /// Number of entries.
    pub n: u32,
    /// Every distinct string, concatenated.
    pub text: String,
    /// UTF-16 offsets of the strings in `text` (one more than there are strings).
    pub offsets: Uint32Array,
    /// Per entry: string index of the employee number.
    pub emp: Uint32Array,
    /// Per entry: string index of the external code, -1 for null.
    pub ext: Int32Array,
    /// Per entry: string index of the ISO time stamp.
    pub ts: Uint32Array,
    /// Per entry: 0 Unknown, 1 In, 2 Out.
    pub typ: Uint8Array,
    /// Per entry: 1 for a break punch.
    pub brk: Uint8Array,
    /// Per entry: string index of the account number, -1 for null.
    pub acc: Int32Array,
    /// Per entry: SIE dimension, NaN for null.
    pub dim: Float64Array,
    /// Per entry: terminal id, NaN for null.
    pub term: Float64Array,
    /// Per entry: offsets into the account columns (one more than there are entries).
    pub acc_off: Uint32Array,
    /// Per account: string index of the account number, -1 for null.
    pub acc_nr: Int32Array,
    /// Per account: SIE dimension, NaN for null.
    pub acc_dim: Float64Array,
    /// Per entry: offsets into `codes` (one more than there are entries).
    pub code_off: Uint32Array,
    /// String indexes of the schedule type codes.
    pub codes: Uint32Array,
}

/// Distinct strings in one text, with UTF-16 offsets (what JS `slice` counts in).
struct Strings<'a> {
    text: String,
    offsets: Vec<u32>,
    seen: rustc_hash::FxHashMap<&'a str, u32>,
    /// The index of each shared string met so far, by the address of its text: the core
    /// shares repeated strings, so this lookup hashes one integer instead of the text.
    by_address: rustc_hash::FxHashMap<usize, u32>,
}

impl<'a> Strings<'a> {
    fn push(&mut self, s: &str) -> u32 {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.text.push_str(s);
        let last = self.offsets.last().copied().unwrap_or(0);
        self.offsets.push(last + units as u32);
        (self.offsets.len() - 2) as u32
    }

    fn intern(&mut self, s: &'a SharedStr) -> u32 {
        let address = s.as_ptr() as usize;
        if let Some(&i) = self.by_address.get(&address) {
            return i;
        }
        // Equal text in another allocation (another piece's answer) is still one string.
        let i = match self.seen.get(s.as_str()) {
            Some(&i) => i,
            None => {
                let i = self.push(s);
                self.seen.insert(s, i);
                i
            }
        };
        self.by_address.insert(address, i);
        i
    }

    fn intern_opt(&mut self, s: &'a Option<SharedStr>) -> i32 {
        s.as_ref().map_or(-1, |s| self.intern(s) as i32)
    }
}

fn opt_num(v: Option<i64>) -> f64 {
    v.map_or(f64::NAN, |v| v as f64)
}

impl Columns {
    /// Encode sorted entries.
    pub fn new(entries: &SortedEntries) -> Columns {
        let n = entries.len();
        let mut st = Strings {
            text: String::with_capacity(n * 24),
            offsets: Vec::with_capacity(n + 1024),
            seen: rustc_hash::FxHashMap::default(),
            by_address: rustc_hash::FxHashMap::default(),
        };
        st.offsets.push(0);
        let mut c = Columns {
            n,
            text: String::new(),
            offsets: Vec::new(),
            emp: Vec::with_capacity(n),
            ext: Vec::with_capacity(n),
            ts: Vec::with_capacity(n),
            typ: Vec::with_capacity(n),
            brk: Vec::with_capacity(n),
            acc: Vec::with_capacity(n),
            dim: Vec::with_capacity(n),
            term: Vec::with_capacity(n),
            acc_off: Vec::with_capacity(n + 1),
            acc_nr: Vec::new(),
            acc_dim: Vec::new(),
            code_off: Vec::with_capacity(n + 1),
            codes: Vec::new(),
        };
        c.acc_off.push(0);
        c.code_off.push(0);
        let mut iso = String::with_capacity(40);
        for e in entries.iter() {
            c.emp.push(st.intern(&e.employee_nr));
            c.ext.push(st.intern_opt(&e.employee_external_code));
            iso.clear();
            e.time_stamp.write_iso(&mut iso);
            c.ts.push(st.push(&iso));
            c.typ.push(match e.entry_type {
                softone_go::EntryType::Unknown => 0,
                softone_go::EntryType::In => 1,
                softone_go::EntryType::Out => 2,
            });
            c.brk.push(u8::from(e.is_break));
            c.acc.push(st.intern_opt(&e.account_nr));
            c.dim.push(opt_num(e.sie_account_dim));
            c.term.push(opt_num(e.time_terminal_id));
            for a in &e.accounts {
                c.acc_nr.push(st.intern_opt(&a.account_nr));
                c.acc_dim.push(opt_num(a.sie_account_dim));
            }
            c.acc_off.push(c.acc_nr.len() as u32);
            for code in &e.time_schedule_type_codes {
                c.codes.push(st.intern(code));
            }
            c.code_off.push(c.codes.len() as u32);
        }
        c.text = st.text;
        c.offsets = st.offsets;
        c
    }
}

/// Frees the vector behind an external ArrayBuffer once V8 collects the buffer.
unsafe extern "C" fn free_column<T>(
    _env: sys::napi_env,
    _data: *mut std::ffi::c_void,
    hint: *mut std::ffi::c_void,
) {
    // SAFETY: `hint` is the box leaked by `typed_array` for this buffer, freed only here.
    drop(Box::from_raw(hint.cast::<Vec<T>>()));
}

/// A JS typed array over `data`: the vector's own memory when the runtime allows external
/// buffers (no copy; freed when the array is collected), else a copy.
unsafe fn typed_array<T: Copy>(
    env: sys::napi_env,
    data: Vec<T>,
    kind: sys::napi_typedarray_type,
) -> Result<sys::napi_value> {
    let len = data.len();
    if len == 0 {
        return copied_typed_array(env, &data, kind);
    }
    let bytes = std::mem::size_of_val(data.as_slice());
    let memory = data.as_ptr().cast_mut().cast::<std::ffi::c_void>();
    let hint = Box::into_raw(Box::new(data));
    let mut ab = ptr::null_mut();
    let status = sys::napi_create_external_arraybuffer(
        env,
        memory,
        bytes,
        Some(free_column::<T>),
        hint.cast(),
        &mut ab,
    );
    if status != sys::Status::napi_ok {
        // SAFETY: the runtime did not take the buffer (some forbid external ones), so the
        // box is ours again: copy it instead.
        let data = *Box::from_raw(hint);
        return copied_typed_array(env, &data, kind);
    }
    let mut out = ptr::null_mut();
    check(
        sys::napi_create_typedarray(env, kind, len, ab, 0, &mut out),
        "a typed array",
    )?;
    Ok(out)
}

/// A JS typed array holding a copy of `data`.
unsafe fn copied_typed_array<T: Copy>(
    env: sys::napi_env,
    data: &[T],
    kind: sys::napi_typedarray_type,
) -> Result<sys::napi_value> {
    let bytes = std::mem::size_of_val(data);
    let mut buf: *mut std::ffi::c_void = ptr::null_mut();
    let mut ab = ptr::null_mut();
    check(
        sys::napi_create_arraybuffer(env, bytes, &mut buf, &mut ab),
        "an ArrayBuffer",
    )?;
    if bytes > 0 {
        ptr::copy_nonoverlapping(data.as_ptr().cast::<u8>(), buf.cast::<u8>(), bytes);
    }
    let mut out = ptr::null_mut();
    check(
        sys::napi_create_typedarray(env, kind, data.len(), ab, 0, &mut out),
        "a typed array",
    )?;
    Ok(out)
}

unsafe fn set_named(
    env: sys::napi_env,
    obj: sys::napi_value,
    key: &str,
    v: sys::napi_value,
) -> Result<()> {
    let mut k = ptr::null_mut();
    check(
        sys::napi_create_string_utf8(env, key.as_ptr().cast(), key.len() as isize, &mut k),
        "a string",
    )?;
    check(sys::napi_set_property(env, obj, k, v), "a property")
}

impl ToNapiValue for Columns {
    unsafe fn to_napi_value(env: sys::napi_env, c: Self) -> Result<sys::napi_value> {
        use sys::TypedarrayType as T;
        let mut o = ptr::null_mut();
        check(sys::napi_create_object(env, &mut o), "an object")?;
        let mut v = ptr::null_mut();
        check(sys::napi_create_uint32(env, c.n as u32, &mut v), "a number")?;
        set_named(env, o, "n", v)?;
        check(
            sys::napi_create_string_utf8(
                env,
                c.text.as_ptr().cast(),
                c.text.len() as isize,
                &mut v,
            ),
            "a string",
        )?;
        set_named(env, o, "text", v)?;
        set_named(
            env,
            o,
            "offsets",
            typed_array(env, c.offsets, T::uint32_array)?,
        )?;
        set_named(env, o, "emp", typed_array(env, c.emp, T::uint32_array)?)?;
        set_named(env, o, "ext", typed_array(env, c.ext, T::int32_array)?)?;
        set_named(env, o, "ts", typed_array(env, c.ts, T::uint32_array)?)?;
        set_named(env, o, "typ", typed_array(env, c.typ, T::uint8_array)?)?;
        set_named(env, o, "brk", typed_array(env, c.brk, T::uint8_array)?)?;
        set_named(env, o, "acc", typed_array(env, c.acc, T::int32_array)?)?;
        set_named(env, o, "dim", typed_array(env, c.dim, T::float64_array)?)?;
        set_named(env, o, "term", typed_array(env, c.term, T::float64_array)?)?;
        set_named(
            env,
            o,
            "accOff",
            typed_array(env, c.acc_off, T::uint32_array)?,
        )?;
        set_named(env, o, "accNr", typed_array(env, c.acc_nr, T::int32_array)?)?;
        set_named(
            env,
            o,
            "accDim",
            typed_array(env, c.acc_dim, T::float64_array)?,
        )?;
        set_named(
            env,
            o,
            "codeOff",
            typed_array(env, c.code_off, T::uint32_array)?,
        )?;
        set_named(env, o, "codes", typed_array(env, c.codes, T::uint32_array)?)?;
        Ok(o)
    }
}

type ProgressFn =
    ThreadsafeFunction<FnArgs<(u32, u32)>, (), FnArgs<(u32, u32)>, Status, false, true>;

#[napi]
impl NativeClient {
    /// A client from explicit options; `NativeError` when they are invalid.
    #[napi(ts_return_type = "NativeClient | NativeError")]
    pub fn create(options: NativeClientOptions) -> Either<NativeClient, NativeError> {
        match apply_options(ClientOptions::builder(), options)
            .and_then(|o| AsyncClient::new(o).map_err(NativeError::from))
        {
            Ok(inner) => Either::A(NativeClient { inner }),
            Err(e) => Either::B(e),
        }
    }

    /// A client from the `SOFTONE_*` environment variables, `options` overriding them.
    #[napi(ts_return_type = "NativeClient | NativeError")]
    pub fn from_env(options: NativeClientOptions) -> Either<NativeClient, NativeError> {
        match apply_options(ClientBuilder::from_env(), options)
            .and_then(|o| AsyncClient::new(o).map_err(NativeError::from))
        {
            Ok(inner) => Either::A(NativeClient { inner }),
            Err(e) => Either::B(e),
        }
    }

    /// The base URL requests go to (not a secret).
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.options().base_url().to_string()
    }

    /// Fetch the entries of work dates `dateFrom`..`dateTo` (`YYYY-MM-DD`, inclusive) for
    /// `employees` (`null`: all). Resolves to the entries, or to a `NativeError` (never rejects
    /// for a client failure).
    #[napi(ts_return_type = "Promise<EntryColumns | NativeError>")]
    pub fn fetch<'env>(
        &self,
        env: &'env Env,
        date_from: String,
        date_to: String,
        employees: Option<Vec<String>>,
        #[napi(ts_arg_type = "((done: number, total: number) => void) | undefined | null")]
        on_progress: Option<Function<'_, FnArgs<(u32, u32)>, ()>>,
        cancel: Option<&CancelHandle>,
    ) -> Result<PromiseRaw<'env, FetchOutcome>> {
        let progress: Option<ProgressFn> = match on_progress {
            Some(f) => Some(
                f.build_threadsafe_function::<FnArgs<(u32, u32)>>()
                    .weak::<true>()
                    .build()?,
            ),
            None => None,
        };
        let mut cancelled = cancel.map(|c| c.tx.subscribe());
        let client = self.inner.clone();
        let query =
            Query::parse(&date_from, &date_to).and_then(|q| q.with_optional_employees(employees));
        env.spawn_future(async move {
            let query = match query {
                Ok(q) => q,
                Err(e) => return Ok(FetchOutcome::Failed(e.into())),
            };
            let fetch = client.time_stamp_entries_sorted(&query, |p| {
                if let Some(tsfn) = &progress {
                    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                    tsfn.call(
                        (clamp(p.done), clamp(p.total)).into(),
                        ThreadsafeFunctionCallMode::NonBlocking,
                    );
                }
            });
            let wait_cancel = async {
                if let Some(rx) = cancelled.as_mut() {
                    if rx.wait_for(|v| *v).await.is_ok() {
                        return;
                    }
                }
                std::future::pending::<()>().await
            };
            let res = tokio::select! {
                r = fetch => r,
                _ = wait_cancel => Err(CoreError::cancelled()),
            };
            Ok(match res {
                Ok(v) => {
                    let columns = Columns::new(&v);
                    v.drop_in_background();
                    FetchOutcome::Entries(Box::new(columns))
                }
                Err(e) => FetchOutcome::Failed(e.into()),
            })
        })
    }
}

/// Simulator settings as the JS wrapper passes them (camelCase, milliseconds).
#[napi(object)]
pub struct NativeSimulatorOptions {
    /// Address to listen on (default 127.0.0.1).
    pub host: Option<String>,
    /// Port (0 or absent: a free one).
    pub port: Option<u32>,
    /// Number of synthetic employees (default 50).
    pub employees: Option<u32>,
    /// Number of synthetic days (default 31).
    pub days: Option<u32>,
    /// Seed of the synthetic data (default 7).
    pub seed: Option<f64>,
    /// First synthetic work date, `YYYY-MM-DD` (default 2026-05-01).
    pub start_date: Option<String>,
    /// Delay before answering a failed login, ms (default 2000).
    pub login_failure_delay_ms: Option<f64>,
    /// A new token must be used within this long, ms.
    pub token_activation_window_ms: Option<f64>,
    /// A token's largest age, ms.
    pub token_max_age_ms: Option<f64>,
    /// A token's idle timeout, ms.
    pub token_idle_timeout_ms: Option<f64>,
    /// `'zero'`, `'integer'` or `'string'`: how entry types are written.
    pub entry_type_style: Option<String>,
    /// `'pascal'` or `'camel'`: key casing of data answers.
    pub key_case: Option<String>,
    /// Longest query string accepted (default 2048).
    pub max_query_len: Option<u32>,
    /// Latency added to every data request, ms.
    pub latency_ms: Option<f64>,
    /// Server time per entry returned, ms (fractions allowed).
    pub per_entry_cost_ms: Option<f64>,
}

fn sim_config(o: NativeSimulatorOptions) -> std::result::Result<SimulatorConfig, NativeError> {
    use softone_go_simulator::{EntryTypeStyle, KeyCase};
    let mut c = SimulatorConfig::default();
    if let Some(h) = o.host {
        c.host = h
            .parse()
            .map_err(|_| invalid(format!("host {h:?} is not an IP address")))?;
    }
    if let Some(p) = o.port {
        c.port = u16::try_from(p).map_err(|_| invalid(format!("port {p} is out of range")))?;
    }
    if let Some(v) = o.employees {
        c.employees = v;
    }
    if let Some(v) = o.days {
        c.days = v;
    }
    if let Some(v) = whole("seed", o.seed, 9_007_199_254_740_991.0)? {
        c.seed = v;
    }
    if let Some(d) = o.start_date {
        c.start_date = softone_go::parse_date("startDate", &d).map_err(NativeError::from)?;
    }
    let ms =
        |name: &str, v: Option<f64>, into: &mut Duration| -> std::result::Result<(), NativeError> {
            match v {
                None => Ok(()),
                Some(x) if x.is_finite() && x >= 0.0 => {
                    *into = Duration::from_secs_f64(x / 1000.0);
                    Ok(())
                }
                Some(x) => Err(invalid(format!(
                    "{name} must be a number of milliseconds >= 0, not {x}"
                ))),
            }
        };
    ms(
        "loginFailureDelayMs",
        o.login_failure_delay_ms,
        &mut c.login_failure_delay,
    )?;
    ms(
        "tokenActivationWindowMs",
        o.token_activation_window_ms,
        &mut c.token_activation_window,
    )?;
    ms("tokenMaxAgeMs", o.token_max_age_ms, &mut c.token_max_age)?;
    ms(
        "tokenIdleTimeoutMs",
        o.token_idle_timeout_ms,
        &mut c.token_idle_timeout,
    )?;
    ms("latencyMs", o.latency_ms, &mut c.latency)?;
    ms("perEntryCostMs", o.per_entry_cost_ms, &mut c.per_entry_cost)?;
    if let Some(s) = o.entry_type_style {
        c.entry_type_style = match s.to_ascii_lowercase().as_str() {
            "zero" => EntryTypeStyle::Zero,
            "integer" => EntryTypeStyle::Integer,
            "string" => EntryTypeStyle::String,
            _ => {
                return Err(invalid(format!(
                    "entryTypeStyle must be 'zero', 'integer' or 'string', not {s:?}"
                )))
            }
        };
    }
    if let Some(s) = o.key_case {
        c.key_case = match s.to_ascii_lowercase().as_str() {
            "pascal" => KeyCase::Pascal,
            "camel" => KeyCase::Camel,
            _ => {
                return Err(invalid(format!(
                    "keyCase must be 'pascal' or 'camel', not {s:?}"
                )))
            }
        };
    }
    if let Some(v) = o.max_query_len {
        c.max_query_len = v as usize;
    }
    Ok(c)
}

/// The credentials a simulator accepts, as client options (all fake).
#[napi(object)]
pub struct NativeSimulatorCredentials {
    /// The company API key.
    pub company_api_key: String,
    /// The integration's API key.
    pub connect_api_key: String,
    /// The license.
    pub license: String,
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
    /// The simulator's base URL.
    pub base_url: String,
}

/// A running simulator (its server has its own thread and runtime).
#[napi]
pub struct NativeSimulator {
    inner: std::sync::Arc<Mutex<Option<Simulator>>>,
    url: String,
}

fn stopped() -> Error {
    Error::new(Status::GenericFailure, "the simulator was stopped")
}

#[napi]
impl NativeSimulator {
    /// Generate the data and start serving on a blocking thread; resolves to the simulator
    /// or to a `NativeError`.
    #[napi(ts_return_type = "Promise<NativeSimulator | NativeError>")]
    pub fn start(
        env: &Env,
        options: NativeSimulatorOptions,
    ) -> Result<PromiseRaw<'_, Either<NativeSimulator, NativeError>>> {
        let config = sim_config(options);
        env.spawn_future(async move {
            let config = match config {
                Ok(c) => c,
                Err(e) => return Ok(Either::B(e)),
            };
            let started = tokio::task::spawn_blocking(move || Simulator::start(config))
                .await
                .map_err(|e| {
                    Error::new(
                        Status::GenericFailure,
                        format!("the simulator failed to start: {e}"),
                    )
                })?;
            Ok(match started {
                Ok(sim) => Either::A(NativeSimulator {
                    url: sim.url(),
                    inner: std::sync::Arc::new(Mutex::new(Some(sim))),
                }),
                Err(e) => Either::B(NativeError::from(CoreError::new(
                    ErrorKind::Transport,
                    format!("the simulator could not listen: {e}"),
                ))),
            })
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    fn with<T>(&self, f: impl FnOnce(&Simulator) -> T) -> Result<T> {
        let g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.as_ref().map(f).ok_or_else(stopped)
    }

    /// The credentials it accepts, with its base URL.
    #[napi]
    pub fn credentials(&self) -> Result<NativeSimulatorCredentials> {
        let url = self.url.clone();
        self.with(|s| {
            let c = s.credentials();
            NativeSimulatorCredentials {
                company_api_key: c.company_api_key.clone(),
                connect_api_key: c.connect_api_key.clone(),
                license: c.license.clone(),
                username: c.username.clone(),
                password: c.password.clone(),
                base_url: url,
            }
        })
    }

    /// Queue a fault given as the admin route's JSON; returns an error message or null.
    #[napi]
    pub fn inject_json(&self, json: String) -> Result<Option<String>> {
        self.with(|s| s.inject_json(&json).err())
    }

    /// Remove every queued fault.
    #[napi]
    pub fn clear_faults(&self) -> Result<()> {
        self.with(|s| s.clear_faults())
    }

    /// Set the latency added to every data request, in milliseconds.
    #[napi]
    pub fn set_latency(&self, ms: f64) -> Result<()> {
        let d = Duration::from_secs_f64(ms.max(0.0) / 1000.0);
        self.with(|s| s.set_latency(d))
    }

    /// Invalidate every issued token.
    #[napi]
    pub fn revoke_tokens(&self) -> Result<()> {
        self.with(|s| s.revoke_tokens())
    }

    /// The request log as a JSON array (secrets redacted).
    #[napi]
    pub fn requests_json(&self) -> Result<String> {
        self.with(|s| s.requests_json())
    }

    /// Empty the request log.
    #[napi]
    pub fn clear_requests(&self) -> Result<()> {
        self.with(|s| s.clear_requests())
    }

    /// Number of login requests served.
    #[napi]
    pub fn login_count(&self) -> Result<u32> {
        self.with(|s| u32::try_from(s.login_count()).unwrap_or(u32::MAX))
    }

    /// Number of data requests served.
    #[napi]
    pub fn data_request_count(&self) -> Result<u32> {
        self.with(|s| u32::try_from(s.data_request_count()).unwrap_or(u32::MAX))
    }

    /// Stop serving and join the server thread (off the JS thread); stopping twice is fine.
    #[napi]
    pub fn stop<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, ()>> {
        let taken = self.inner.lock().unwrap_or_else(|e| e.into_inner()).take();
        env.spawn_future(async move {
            if let Some(sim) = taken {
                tokio::task::spawn_blocking(move || sim.stop())
                    .await
                    .map_err(|e| {
                        Error::new(
                            Status::GenericFailure,
                            format!("stopping the simulator failed: {e}"),
                        )
                    })?;
            }
            Ok(())
        })
    }
}

/// The version of the Rust core, as in the user agent.
#[napi]
pub fn core_version() -> String {
    softone_go::VERSION.to_string()
}
