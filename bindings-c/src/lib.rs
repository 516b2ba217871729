//! # softone-go C ABI
//!
//! The C interface of softone-go (`libsoftone_go.so` / `libsoftone_go.a`, header
//! `include/softone_go.h`, generated from this file by cbindgen). Thin: every function
//! converts its arguments, calls the Rust core (`softone_go::Client`) or the simulator,
//! and converts the result or error back. No logic of its own.
//!
//! Conventions, for every function:
//! - Names start with `softone_`; handles are opaque and each allocation the library
//!   hands out has exactly one `_free` function, which accepts NULL.
//! - A function that can fail returns a `softone_status` and takes an optional
//!   `softone_error **error_out` as its last parameter. NULL there means "I don't want
//!   details". On success `*error_out` is set to NULL; on failure to a new error object
//!   that the caller frees with `softone_error_free`. There is no global or thread-local
//!   "last error", so one client can be used from many threads at once.
//! - Output pointers are set to NULL (or zero) when the function fails.
//! - A NULL pointer where a value is needed, a string that is not valid UTF-8, or a
//!   malformed date gives `SOFTONE_ERR_INVALID_ARGUMENT`, never a crash.
//! - A Rust panic never crosses the boundary: it is caught and reported as
//!   `SOFTONE_ERR_INTERNAL`.

#![allow(non_camel_case_types)]
// Every `extern "C"` function checks its pointers itself (NULL gives an error); the
// remaining contract (pointers are valid, strings NUL-terminated) is stated in the
// header's comments, the usual contract of a C API.
#![allow(clippy::missing_safety_doc)]
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::{c_char, c_void, CStr, CString};
use std::mem::MaybeUninit;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use softone_go::{
    Client, ClientBuilder, EntryType, ErrorKind, ProxyConfig, Query, SharedStr, SortedEntries,
    TimeStampEntry,
};
use softone_go_simulator::{Credentials, EntryTypeStyle, KeyCase, Simulator, SimulatorConfig};

// ---------------------------------------------------------------------------------------
// Status codes and error objects
// ---------------------------------------------------------------------------------------

/// The outcome of a call: `SOFTONE_OK` or the kind of failure (DESIGN.md's error table).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum softone_status {
    /// Success.
    SOFTONE_OK = 0,
    /// Bad options or query (NULL pointer, invalid UTF-8, malformed date...), before any I/O.
    SOFTONE_ERR_INVALID_ARGUMENT = 1,
    /// The login was refused (the server's message is kept), or 401 after a fresh login.
    SOFTONE_ERR_AUTHENTICATION = 2,
    /// HTTP 429 after the retries were spent.
    SOFTONE_ERR_RATE_LIMITED = 3,
    /// Any other non-2xx answer; see `softone_error_http_status` and `softone_error_server_message`.
    SOFTONE_ERR_API = 4,
    /// Connect or request timeout.
    SOFTONE_ERR_TIMEOUT = 5,
    /// DNS, connect, TLS, reset, a body cut off; also a simulator that cannot bind its socket.
    SOFTONE_ERR_TRANSPORT = 6,
    /// The body is not the documented shape; see `softone_error_entry_index` and `softone_error_field`.
    SOFTONE_ERR_DECODE = 7,
    /// The fetch was stopped through its `softone_cancel_token` (needed so a C# `CancellationToken`
    /// can stop a blocking fetch; the core reports it as its own error kind).
    SOFTONE_ERR_CANCELLED = 8,
    /// A bug in softone-go: a Rust panic was caught at the C boundary instead of crashing the
    /// process. Never expected; please report it with the message.
    SOFTONE_ERR_INTERNAL = 9,
}

/// A failure's details. Opaque; read it with the `softone_error_*` accessors and free it
/// with `softone_error_free`. Holds no secret (API keys, password and token are redacted).
pub struct softone_error {
    status: softone_status,
    message: CString,
    http_status: u16,
    server_message: Option<CString>,
    url: Option<CString>,
    entry_index: Option<usize>,
    field: Option<CString>,
    retry_after_ms: Option<u64>,
}

/// A C string from Rust text; interior NULs (never expected) become U+FFFD.
fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{fffd}")).unwrap_or_default()
}

impl softone_error {
    fn new(status: softone_status, message: impl AsRef<str>) -> Self {
        softone_error {
            status,
            message: c_string(message.as_ref()),
            http_status: 0,
            server_message: None,
            url: None,
            entry_index: None,
            field: None,
            retry_after_ms: None,
        }
    }

    fn invalid(message: impl AsRef<str>) -> Self {
        softone_error::new(softone_status::SOFTONE_ERR_INVALID_ARGUMENT, message)
    }

    fn from_core(e: &softone_go::Error) -> Self {
        let status = match e.kind() {
            ErrorKind::InvalidArgument => softone_status::SOFTONE_ERR_INVALID_ARGUMENT,
            ErrorKind::Authentication => softone_status::SOFTONE_ERR_AUTHENTICATION,
            ErrorKind::RateLimited => softone_status::SOFTONE_ERR_RATE_LIMITED,
            ErrorKind::Api => softone_status::SOFTONE_ERR_API,
            ErrorKind::Timeout => softone_status::SOFTONE_ERR_TIMEOUT,
            ErrorKind::Transport => softone_status::SOFTONE_ERR_TRANSPORT,
            ErrorKind::Decode => softone_status::SOFTONE_ERR_DECODE,
            ErrorKind::Cancelled => softone_status::SOFTONE_ERR_CANCELLED,
            _ => softone_status::SOFTONE_ERR_INTERNAL,
        };
        softone_error {
            status,
            message: c_string(e.message()),
            http_status: e.http_status().unwrap_or(0),
            server_message: e.server_message().map(c_string),
            url: e.url().map(c_string),
            entry_index: e.entry_index(),
            field: e.field().map(c_string),
            retry_after_ms: e
                .retry_after()
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        }
    }
}

impl From<softone_go::Error> for softone_error {
    fn from(e: softone_go::Error) -> Self {
        softone_error::from_core(&e)
    }
}

type FfiResult<T = ()> = Result<T, softone_error>;

/// The text of a panic payload.
fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Run `f` with panics caught; store the error (if any) in `error_out`; return the status.
fn guard(error_out: *mut *mut softone_error, f: impl FnOnce() -> FfiResult) -> softone_status {
    if !error_out.is_null() {
        // SAFETY: the caller passes a valid `softone_error **` or NULL (checked).
        unsafe { *error_out = ptr::null_mut() };
    }
    let err = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => return softone_status::SOFTONE_OK,
        Ok(Err(e)) => e,
        Err(p) => softone_error::new(
            softone_status::SOFTONE_ERR_INTERNAL,
            format!(
                "internal error in softone-go (please report it): {}",
                panic_text(&*p)
            ),
        ),
    };
    let status = err.status;
    if !error_out.is_null() {
        // SAFETY: as above.
        unsafe { *error_out = Box::into_raw(Box::new(err)) };
    }
    status
}

/// Run `f` with panics caught, for functions that return a value and cannot report errors.
fn guard_value<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Set `*out` to NULL if `out` is not NULL; fail if it is.
fn clear_out<T>(out: *mut *mut T, name: &str) -> FfiResult {
    if out.is_null() {
        return Err(softone_error::invalid(format!("{name} must not be NULL")));
    }
    // SAFETY: checked non-NULL; the caller passes a valid `T **`.
    unsafe { *out = ptr::null_mut() };
    Ok(())
}

/// Borrow a required C string as UTF-8.
fn req_str<'a>(p: *const c_char, name: &str) -> FfiResult<&'a str> {
    if p.is_null() {
        return Err(softone_error::invalid(format!("{name} must not be NULL")));
    }
    // SAFETY: checked non-NULL; the caller passes a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes)
        .map_err(|_| softone_error::invalid(format!("{name} is not valid UTF-8")))
}

/// Borrow an optional C string (NULL gives `None`) as UTF-8.
fn opt_str<'a>(p: *const c_char, name: &str) -> FfiResult<Option<&'a str>> {
    if p.is_null() {
        Ok(None)
    } else {
        req_str(p, name).map(Some)
    }
}

/// Borrow a required handle.
fn req_ref<'a, T>(p: *const T, name: &str) -> FfiResult<&'a T> {
    if p.is_null() {
        return Err(softone_error::invalid(format!("{name} must not be NULL")));
    }
    // SAFETY: checked non-NULL; the caller passes a live handle of this library.
    Ok(unsafe { &*p })
}

/// A `const char *` into a string owned by the caller's object, NULL for `None`.
fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |c| c.as_ptr())
}

/// The error's message (UTF-8, never NULL for a non-NULL error; valid until the error is
/// freed). Returns NULL when `error` is NULL.
#[no_mangle]
pub extern "C" fn softone_error_message(error: *const softone_error) -> *const c_char {
    guard_value(ptr::null(), || {
        req_ref(error, "error").map_or(ptr::null(), |e| e.message.as_ptr())
    })
}

/// The error's status (never `SOFTONE_OK`); `SOFTONE_ERR_INVALID_ARGUMENT` when `error` is NULL.
#[no_mangle]
pub extern "C" fn softone_error_status(error: *const softone_error) -> softone_status {
    guard_value(softone_status::SOFTONE_ERR_INVALID_ARGUMENT, || {
        req_ref(error, "error").map_or(softone_status::SOFTONE_ERR_INVALID_ARGUMENT, |e| e.status)
    })
}

/// The HTTP status of the server's answer, or 0 when there was none (or `error` is NULL).
#[no_mangle]
pub extern "C" fn softone_error_http_status(error: *const softone_error) -> u16 {
    guard_value(0, || req_ref(error, "error").map_or(0, |e| e.http_status))
}

/// The server's own message (login message, 401 text, 500 `message`), or NULL when it gave
/// none. Valid until the error is freed.
#[no_mangle]
pub extern "C" fn softone_error_server_message(error: *const softone_error) -> *const c_char {
    guard_value(ptr::null(), || {
        req_ref(error, "error").map_or(ptr::null(), |e| opt_ptr(&e.server_message))
    })
}

/// The request's URL with every secret replaced by `***`, or NULL when no request was made.
/// Valid until the error is freed.
#[no_mangle]
pub extern "C" fn softone_error_url(error: *const softone_error) -> *const c_char {
    guard_value(ptr::null(), || {
        req_ref(error, "error").map_or(ptr::null(), |e| opt_ptr(&e.url))
    })
}

/// For a decode error inside an entry: the entry's index in the response array; otherwise -1.
#[no_mangle]
pub extern "C" fn softone_error_entry_index(error: *const softone_error) -> i64 {
    guard_value(-1, || {
        req_ref(error, "error")
            .ok()
            .and_then(|e| e.entry_index)
            .map_or(-1, |i| i64::try_from(i).unwrap_or(i64::MAX))
    })
}

/// For a decode error: the wire name of the field that failed (e.g. `"TimeStamp"`), or NULL.
/// Valid until the error is freed.
#[no_mangle]
pub extern "C" fn softone_error_field(error: *const softone_error) -> *const c_char {
    guard_value(ptr::null(), || {
        req_ref(error, "error").map_or(ptr::null(), |e| opt_ptr(&e.field))
    })
}

/// The wait the server asked for in `Retry-After`, in milliseconds, or -1 when it sent none.
#[no_mangle]
pub extern "C" fn softone_error_retry_after_ms(error: *const softone_error) -> i64 {
    guard_value(-1, || {
        req_ref(error, "error")
            .ok()
            .and_then(|e| e.retry_after_ms)
            .map_or(-1, |ms| i64::try_from(ms).unwrap_or(i64::MAX))
    })
}

/// Free an error object. Accepts NULL.
#[no_mangle]
pub extern "C" fn softone_error_free(error: *mut softone_error) {
    guard_value((), || {
        if !error.is_null() {
            // SAFETY: a non-NULL error comes from `Box::into_raw` in `guard`, freed once.
            drop(unsafe { Box::from_raw(error) });
        }
    })
}

/// The stable upper-case name of a status (`"OK"`, `"INVALID_ARGUMENT"`, `"AUTHENTICATION"`,
/// ...), a static string; `"UNKNOWN"` for a value that is not a `softone_status`.
#[no_mangle]
pub extern "C" fn softone_status_name(status: i32) -> *const c_char {
    let s: &'static CStr = match status {
        0 => c"OK",
        1 => c"INVALID_ARGUMENT",
        2 => c"AUTHENTICATION",
        3 => c"RATE_LIMITED",
        4 => c"API",
        5 => c"TIMEOUT",
        6 => c"TRANSPORT",
        7 => c"DECODE",
        8 => c"CANCELLED",
        9 => c"INTERNAL",
        _ => c"UNKNOWN",
    };
    s.as_ptr()
}

/// The library's version (e.g. `"0.1.0"`), a static string.
#[no_mangle]
pub extern "C" fn softone_version() -> *const c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}

/// Free a string the library handed out (e.g. by `softone_simulator_requests_json`).
/// Accepts NULL.
#[no_mangle]
pub extern "C" fn softone_string_free(s: *mut c_char) {
    guard_value((), || {
        if !s.is_null() {
            // SAFETY: a non-NULL string comes from `CString::into_raw` in this library.
            drop(unsafe { CString::from_raw(s) });
        }
    })
}

// ---------------------------------------------------------------------------------------
// Client options and client
// ---------------------------------------------------------------------------------------

/// Every setting of a client. Call `softone_client_options_init` first: it fills in the
/// documented defaults (all strings NULL); then set what you need. Strings are UTF-8 and
/// borrowed only during `softone_client_new`. NULL means "not set" (the default).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct softone_client_options {
    /// The company API key (`companyApiKey`). Required.
    pub company_api_key: *const c_char,
    /// The integration's API key (`connectApiKey`). Required.
    pub connect_api_key: *const c_char,
    /// The company's license (login triple; set all three or none).
    pub license: *const c_char,
    /// The API user's name (login triple).
    pub username: *const c_char,
    /// The API user's password (login triple).
    pub password: *const c_char,
    /// A ready token, used until the server refuses it (then the login triple, if set).
    pub token: *const c_char,
    /// The base URL; NULL means `https://apiexternal.softone.se`.
    pub base_url: *const c_char,
    /// Text appended to the user agent; NULL means `"c"`.
    pub user_agent_suffix: *const c_char,
    /// A proxy URL for every request; NULL means the standard proxy environment variables.
    pub proxy_url: *const c_char,
    /// A PEM file of extra CA certificates to trust beside the system's; NULL for none.
    pub extra_ca_pem_path: *const c_char,
    /// The timeout of one request, connect to last body byte, in ms (default 60000; must be > 0).
    pub timeout_ms: u64,
    /// The connect timeout in ms (default 10000; must be > 0).
    pub connect_timeout_ms: u64,
    /// How many times a failed request is sent again (default 3; at most 20).
    pub max_retries: u32,
    /// Days per request window (default 7; 0 = one window for the whole range).
    pub chunk_days: u32,
    /// Requests in flight at most per fetch (default 4; 1 to 64).
    pub max_concurrency: u32,
    /// The first backoff delay before jitter, in ms (default 500).
    pub backoff_base_ms: u64,
    /// The longest backoff delay, in ms (default 30000).
    pub backoff_cap_ms: u64,
    /// The longest `Retry-After` wait honoured, in ms; a longer one fails at once (default 120000).
    pub max_retry_after_ms: u64,
    /// Log in again after this long, in ms (default 3300000 = 55 min; must be > 0).
    pub token_renew_after_ms: u64,
    /// Allow `http://` to hosts other than loopback (default false).
    pub allow_insecure_http: bool,
    /// Use no proxy at all, whatever the environment says (default false).
    pub no_proxy: bool,
}

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn ms_of(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl softone_client_options {
    fn defaults() -> Self {
        // The builder's defaults are private; these mirror core/src/config.rs (a unit test
        // checks them against the core through built options).
        softone_client_options {
            company_api_key: ptr::null(),
            connect_api_key: ptr::null(),
            license: ptr::null(),
            username: ptr::null(),
            password: ptr::null(),
            token: ptr::null(),
            base_url: ptr::null(),
            user_agent_suffix: ptr::null(),
            proxy_url: ptr::null(),
            extra_ca_pem_path: ptr::null(),
            timeout_ms: 60_000,
            connect_timeout_ms: 10_000,
            max_retries: 3,
            chunk_days: 7,
            max_concurrency: 4,
            backoff_base_ms: 500,
            backoff_cap_ms: 30_000,
            max_retry_after_ms: 120_000,
            token_renew_after_ms: 55 * 60 * 1000,
            allow_insecure_http: false,
            no_proxy: false,
        }
    }

    fn builder(&self) -> FfiResult<ClientBuilder> {
        let mut b = ClientBuilder::default();
        if let Some(v) = opt_str(self.company_api_key, "company_api_key")? {
            b = b.company_api_key(v);
        }
        if let Some(v) = opt_str(self.connect_api_key, "connect_api_key")? {
            b = b.connect_api_key(v);
        }
        if let Some(v) = opt_str(self.license, "license")? {
            b = b.license(v);
        }
        if let Some(v) = opt_str(self.username, "username")? {
            b = b.username(v);
        }
        if let Some(v) = opt_str(self.password, "password")? {
            b = b.password(v);
        }
        if let Some(v) = opt_str(self.token, "token")? {
            b = b.token(v);
        }
        if let Some(v) = opt_str(self.base_url, "base_url")? {
            b = b.base_url(v);
        }
        b = b.user_agent_suffix(
            opt_str(self.user_agent_suffix, "user_agent_suffix")?.unwrap_or("c"),
        );
        if let Some(v) = opt_str(self.extra_ca_pem_path, "extra_ca_pem_path")? {
            b = b.extra_ca_pem(v);
        }
        let proxy_url = opt_str(self.proxy_url, "proxy_url")?;
        b = b.proxy(match (self.no_proxy, proxy_url) {
            (true, Some(_)) => {
                return Err(softone_error::invalid(
                    "set either proxy_url or no_proxy, not both",
                ))
            }
            (true, None) => ProxyConfig::None,
            (false, Some(u)) => ProxyConfig::Url(u.to_string()),
            (false, None) => ProxyConfig::Environment,
        });
        Ok(b.timeout(ms(self.timeout_ms))
            .connect_timeout(ms(self.connect_timeout_ms))
            .max_retries(self.max_retries)
            .chunk_days(self.chunk_days)
            .max_concurrency(self.max_concurrency as usize)
            .backoff_base(ms(self.backoff_base_ms))
            .backoff_cap(ms(self.backoff_cap_ms))
            .max_retry_after(ms(self.max_retry_after_ms))
            .token_renew_after(ms(self.token_renew_after_ms))
            .allow_insecure_http(self.allow_insecure_http))
    }
}

/// Fill `options` with the defaults: all strings NULL, timeouts 60 s / 10 s, 3 retries,
/// 7-day windows, 4 requests in flight. Returns `SOFTONE_ERR_INVALID_ARGUMENT` if NULL.
#[no_mangle]
pub extern "C" fn softone_client_options_init(
    options: *mut softone_client_options,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        if options.is_null() {
            return Err(softone_error::invalid("options must not be NULL"));
        }
        // SAFETY: checked non-NULL; the caller passes writable storage for the struct.
        unsafe { options.write(softone_client_options::defaults()) };
        Ok(())
    })
}

/// A client: thread-safe (one client may be used from many threads at once), holds its own
/// I/O threads, connection pool and token. Opaque; free with `softone_client_free`.
pub struct softone_client {
    inner: Client,
}

fn store_client(out: *mut *mut softone_client, client: Client) {
    // SAFETY: `out` was checked non-NULL by `clear_out`.
    unsafe { *out = Box::into_raw(Box::new(softone_client { inner: client })) };
}

/// Make a client from `options` (see `softone_client_options_init`). No network I/O yet:
/// the first fetch logs in. Bad options give `SOFTONE_ERR_INVALID_ARGUMENT` naming the
/// setting (never its value).
#[no_mangle]
#[must_use]
pub extern "C" fn softone_client_new(
    options: *const softone_client_options,
    client_out: *mut *mut softone_client,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        clear_out(client_out, "client_out")?;
        let o = req_ref(options, "options")?;
        let opts = o.builder()?.build()?;
        store_client(client_out, Client::new(opts)?);
        Ok(())
    })
}

/// Make a client from the `SOFTONE_*` environment variables (`SOFTONE_COMPANY_API_KEY`,
/// `SOFTONE_CONNECT_API_KEY`, `SOFTONE_LICENSE`, `SOFTONE_USERNAME`, `SOFTONE_PASSWORD`,
/// `SOFTONE_TOKEN`, `SOFTONE_BASE_URL`, `SOFTONE_CA_BUNDLE`), other settings at their defaults.
#[no_mangle]
#[must_use]
pub extern "C" fn softone_client_from_env(
    client_out: *mut *mut softone_client,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        clear_out(client_out, "client_out")?;
        let opts = ClientBuilder::from_env().user_agent_suffix("c").build()?;
        store_client(client_out, Client::new(opts)?);
        Ok(())
    })
}

/// Log in now (normally done lazily by the first fetch), to check the credentials early.
#[no_mangle]
pub extern "C" fn softone_client_login(
    client: *const softone_client,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        req_ref(client, "client")?.inner.login()?;
        Ok(())
    })
}

/// Free a client (stops its I/O threads). Accepts NULL. No other thread may be using it.
#[no_mangle]
pub extern "C" fn softone_client_free(client: *mut softone_client) {
    guard_value((), || {
        if !client.is_null() {
            // SAFETY: a non-NULL client comes from `Box::into_raw` in this library, freed once.
            drop(unsafe { Box::from_raw(client) });
        }
    })
}

// ---------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------

/// Whether a punch is an in or an out punch (the GET endpoint usually says unknown).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum softone_entry_type {
    /// Wire value 0: the server did not say.
    SOFTONE_ENTRY_TYPE_UNKNOWN = 0,
    /// Wire value 1 or `"In"`.
    SOFTONE_ENTRY_TYPE_IN = 1,
    /// Wire value 2 or `"Out"`.
    SOFTONE_ENTRY_TYPE_OUT = 2,
}

/// A punch time as the server sent it: wall-clock calendar fields, never shifted into any
/// time zone, and a UTC offset only when the wire carried one.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct softone_timestamp {
    /// Calendar year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
    /// Hour, 0 to 23.
    pub hour: u32,
    /// Minute, 0 to 59.
    pub minute: u32,
    /// Second, 0 to 59.
    pub second: u32,
    /// Nanoseconds, 0 to 999999999 (the wire has at most 100 ns resolution).
    pub nanosecond: u32,
    /// Whether the wire time carried a UTC offset (`Z` or `±HH:MM`); false for a naive time.
    pub has_utc_offset: bool,
    /// The UTC offset in seconds east of UTC (0 when `has_utc_offset` is false).
    pub utc_offset_seconds: i32,
}

/// One connected account of a punch.
#[repr(C)]
#[derive(Debug)]
pub struct softone_account {
    /// The account number (cost carrier), or NULL.
    pub account_nr: *const c_char,
    /// Whether `sie_account_dim` holds a value.
    pub has_sie_account_dim: bool,
    /// The SIE accounting dimension of `account_nr` (0 when `has_sie_account_dim` is false).
    pub sie_account_dim: i64,
}

/// One punch-clock entry of one employee. Strings are UTF-8, NUL-terminated, NULL for a
/// null value; all pointers stay valid until the list is freed.
#[repr(C)]
#[derive(Debug)]
pub struct softone_entry {
    /// The employee number (wire `EmployeeNr`), never NULL.
    pub employee_nr: *const c_char,
    /// The employee's external code (wire `EmployeeExternalCode`), or NULL.
    pub employee_external_code: *const c_char,
    /// When the punch was made, as calendar fields (wire `TimeStamp`).
    pub time_stamp: softone_timestamp,
    /// The same time in the canonical ISO-8601 form, e.g. `"2026-05-07T08:00:00"` (a fraction
    /// only when non-zero, an offset only when the wire had one).
    pub time_stamp_iso: *const c_char,
    /// In, out or unknown (wire `TimeStampEntryType`).
    pub entry_type: softone_entry_type,
    /// Whether the punch starts or ends a break (wire `IsBreak`).
    pub is_break: bool,
    /// The account number reported with the punch (wire `AccountNr`), or NULL.
    pub account_nr: *const c_char,
    /// Whether `sie_account_dim` holds a value.
    pub has_sie_account_dim: bool,
    /// The SIE dimension of `account_nr` (wire `SieAccountDim`; 0 when absent).
    pub sie_account_dim: i64,
    /// Whether `time_terminal_id` holds a value.
    pub has_time_terminal_id: bool,
    /// The terminal the punch was made on (wire `TimeTerminalId`; 0 when absent).
    pub time_terminal_id: i64,
    /// Connected accounts (wire `Accounts`): `account_count` items (NULL-safe only when 0).
    pub accounts: *const softone_account,
    /// Number of items in `accounts`.
    pub account_count: usize,
    /// Codes of the connected extents and deductions (wire `TimeScheduleTypes[].TimeScheduleTypeCode`).
    pub time_schedule_type_codes: *const *const c_char,
    /// Number of items in `time_schedule_type_codes`.
    pub time_schedule_type_code_count: usize,
}

/// The entries of a fetch, sorted by (employee number, time). Read `entries[0..len]`
/// directly or through `softone_entry_list_len` / `softone_entry_list_get`. Free with
/// `softone_entry_list_free`.
#[repr(C)]
#[derive(Debug)]
pub struct softone_entry_list {
    /// The entries: `len` items (not NULL, but not to be read when `len` is 0).
    pub entries: *const softone_entry,
    /// Number of entries.
    pub len: usize,
}

/// A list and everything its pointers point into: the entry array, and per slice of the
/// entries one buffer of NUL-terminated strings, one array of accounts and one of code
/// pointers. Building a list is a handful of allocations instead of several per entry, and
/// freeing it is one walk. `list` is the first field, so a `*mut softone_entry_list` is a
/// `*mut ListOwner`.
#[repr(C)]
struct ListOwner {
    list: softone_entry_list,
    entries: Vec<softone_entry>,
    arenas: Vec<Arena>,
}

/// The strings, accounts and code pointers of one slice of a list's entries.
#[derive(Default)]
struct Arena {
    strings: Vec<u8>,
    accounts: Vec<softone_account>,
    codes: Vec<*const c_char>,
}

/// The bytes a string takes in the arena: a NUL inside becomes U+FFFD (3 bytes), plus the end NUL.
fn arena_len(s: &str) -> usize {
    s.len() + 2 * s.bytes().filter(|&b| b == 0).count() + 1
}

/// Append `s` NUL-terminated to `arena` (which has room: see `arena_len`) and point at it.
fn arena_push(arena: &mut Vec<u8>, s: &str) -> *const c_char {
    debug_assert!(arena.capacity() - arena.len() >= arena_len(s));
    let start = arena.len();
    // A plain loop: the strings are short, and a memchr call per string costs more.
    if s.bytes().any(|b| b == 0) {
        arena.extend_from_slice(s.replace('\0', "\u{fffd}").as_bytes());
    } else {
        arena.extend_from_slice(s.as_bytes());
    }
    arena.push(0);
    // SAFETY: `start` is within `arena`, whose buffer never moves (its capacity was reserved
    // for every string before the first push).
    unsafe { arena.as_ptr().add(start).cast() }
}

/// The arena's strings, each distinct shared string of the core written once: the core
/// shares repeated strings (employee numbers, account numbers, codes), so most entries'
/// strings are already in the arena.
struct Strings<'a> {
    arena: &'a mut Vec<u8>,
    /// The arena copy of each shared string, by the address of its text.
    seen: rustc_hash::FxHashMap<usize, *const c_char>,
}

impl Strings<'_> {
    fn shared(&mut self, s: &SharedStr) -> *const c_char {
        let key = s.as_ptr() as usize;
        if let Some(&p) = self.seen.get(&key) {
            return p;
        }
        let p = arena_push(self.arena, s);
        self.seen.insert(key, p);
        p
    }

    fn shared_opt(&mut self, s: &Option<SharedStr>) -> *const c_char {
        s.as_ref().map_or(ptr::null(), |s| self.shared(s))
    }
}

/// Convert `entries` into `out` (one slot each), with their strings and arrays in a new
/// arena (returned; the pointers written into `out` point into it).
fn fill<'e>(
    entries: impl ExactSizeIterator<Item = &'e TimeStampEntry> + Clone,
    out: &mut [MaybeUninit<softone_entry>],
) -> Arena {
    debug_assert_eq!(entries.len(), out.len());
    // First pass: sizes (at most what the strings need unshared), so no buffer moves while
    // pointers into it are handed out. Capacity never written is never touched either.
    let opt_len = |s: &Option<SharedStr>| s.as_deref().map_or(0, arena_len);
    let mut string_bytes = 0;
    let mut account_count = 0;
    let mut code_count = 0;
    for e in entries.clone() {
        string_bytes += arena_len(&e.employee_nr)
            + opt_len(&e.employee_external_code)
            + opt_len(&e.account_nr)
            + e.time_stamp.iso_len()
            + 1;
        string_bytes += e
            .accounts
            .iter()
            .map(|a| opt_len(&a.account_nr))
            .sum::<usize>();
        string_bytes += e
            .time_schedule_type_codes
            .iter()
            .map(|c| arena_len(c))
            .sum::<usize>();
        account_count += e.accounts.len();
        code_count += e.time_schedule_type_codes.len();
    }
    let mut arena = Arena {
        strings: Vec::with_capacity(string_bytes),
        accounts: Vec::with_capacity(account_count),
        codes: Vec::with_capacity(code_count),
    };
    let Arena {
        strings,
        accounts,
        codes,
    } = &mut arena;
    let mut strings = Strings {
        arena: strings,
        seen: rustc_hash::FxHashMap::default(),
    };
    let mut iso = String::with_capacity(40);
    for (e, slot) in entries.zip(out.iter_mut()) {
        let t = &e.time_stamp;
        let first_account = accounts.len();
        for a in &e.accounts {
            accounts.push(softone_account {
                account_nr: strings.shared_opt(&a.account_nr),
                has_sie_account_dim: a.sie_account_dim.is_some(),
                sie_account_dim: a.sie_account_dim.unwrap_or(0),
            });
        }
        let first_code = codes.len();
        for c in &e.time_schedule_type_codes {
            codes.push(strings.shared(c));
        }
        iso.clear();
        t.write_iso(&mut iso);
        slot.write(softone_entry {
            employee_nr: strings.shared(&e.employee_nr),
            employee_external_code: strings.shared_opt(&e.employee_external_code),
            time_stamp: softone_timestamp {
                year: t.year(),
                month: t.month(),
                day: t.day(),
                hour: t.hour(),
                minute: t.minute(),
                second: t.second(),
                nanosecond: t.nanosecond(),
                has_utc_offset: t.utc_offset_seconds().is_some(),
                utc_offset_seconds: t.utc_offset_seconds().unwrap_or(0),
            },
            time_stamp_iso: arena_push(strings.arena, &iso),
            entry_type: match e.entry_type {
                EntryType::In => softone_entry_type::SOFTONE_ENTRY_TYPE_IN,
                EntryType::Out => softone_entry_type::SOFTONE_ENTRY_TYPE_OUT,
                EntryType::Unknown => softone_entry_type::SOFTONE_ENTRY_TYPE_UNKNOWN,
            },
            is_break: e.is_break,
            account_nr: strings.shared_opt(&e.account_nr),
            has_sie_account_dim: e.sie_account_dim.is_some(),
            sie_account_dim: e.sie_account_dim.unwrap_or(0),
            has_time_terminal_id: e.time_terminal_id.is_some(),
            time_terminal_id: e.time_terminal_id.unwrap_or(0),
            // SAFETY (pointer arithmetic): both offsets are within the reserved capacity,
            // and neither vector grows past it, so these pointers stay valid.
            accounts: unsafe { accounts.as_ptr().add(first_account) },
            account_count: e.accounts.len(),
            time_schedule_type_codes: unsafe { codes.as_ptr().add(first_code) },
            time_schedule_type_code_count: e.time_schedule_type_codes.len(),
        });
    }
    arena
}

/// Lists at least this long are converted on several threads.
const PARALLEL_FROM: usize = 16_384;

/// A slice of the output array, handed to a conversion thread.
#[derive(Clone, Copy)]
struct OutSlice(*mut MaybeUninit<softone_entry>, usize);
// SAFETY: each slice is a disjoint part of the output array, written by one thread only.
unsafe impl Send for OutSlice {}
// SAFETY: an arena's code pointers point into its own string buffer, which moves with it.
unsafe impl Send for Arena {}

impl OutSlice {
    /// SAFETY: the caller has the only use of this part of the array.
    unsafe fn get<'a>(self) -> &'a mut [MaybeUninit<softone_entry>] {
        std::slice::from_raw_parts_mut(self.0, self.1)
    }
}

fn list_to_c(entries: &SortedEntries) -> *mut softone_entry_list {
    let n = entries.len();
    let mut out: Vec<softone_entry> = Vec::with_capacity(n);
    let threads = if n < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(4))
    };
    let per = n.div_ceil(threads).max(1);
    let base = out.spare_capacity_mut().as_mut_ptr();
    // Disjoint parts of the output, one per range of sorted positions.
    let jobs: Vec<(std::ops::Range<usize>, OutSlice)> = (0..n)
        .step_by(per)
        .map(|start| {
            let end = (start + per).min(n);
            // SAFETY: slots start..end are within the capacity of n.
            (
                start..end,
                OutSlice(unsafe { base.add(start) }, end - start),
            )
        })
        .collect();
    let arenas: Vec<Arena> = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        let mut arenas = Vec::with_capacity(jobs.len());
        for (range, slice) in jobs.iter().skip(1).cloned() {
            let part = entries.range(range.clone());
            let spawned = std::thread::Builder::new()
                .name("softone-go-convert".into())
                // SAFETY: this thread is the only user of its part until joined.
                .spawn_scoped(scope, move || fill(part, unsafe { slice.get() }));
            match spawned {
                Ok(h) => handles.push(h),
                // No thread (the closure never ran): convert the part here.
                // SAFETY: as above, on this thread instead.
                Err(_) => arenas.push(fill(entries.range(range), unsafe { slice.get() })),
            }
        }
        if let Some((range, slice)) = jobs.first().cloned() {
            // SAFETY: the first part is converted on this thread only.
            arenas.push(fill(entries.range(range), unsafe { slice.get() }));
        }
        for h in handles {
            arenas.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        arenas
    });
    // SAFETY: every one of the n slots was written by `fill` above.
    unsafe { out.set_len(n) };
    let mut owner = Box::new(ListOwner {
        list: softone_entry_list {
            entries: ptr::null(),
            len: out.len(),
        },
        entries: out,
        arenas,
    });
    owner.list.entries = owner.entries.as_ptr();
    Box::into_raw(owner).cast::<softone_entry_list>()
}

/// The number of entries in `list` (0 when `list` is NULL).
#[no_mangle]
pub extern "C" fn softone_entry_list_len(list: *const softone_entry_list) -> usize {
    guard_value(0, || req_ref(list, "list").map_or(0, |l| l.len))
}

/// The entry at `index`, or NULL when `list` is NULL or `index` is out of range. Valid until
/// the list is freed.
#[no_mangle]
pub extern "C" fn softone_entry_list_get(
    list: *const softone_entry_list,
    index: usize,
) -> *const softone_entry {
    guard_value(ptr::null(), || match req_ref(list, "list") {
        // SAFETY: `entries` holds `len` items (see `list_to_c`).
        Ok(l) if index < l.len => unsafe { l.entries.add(index) },
        _ => ptr::null(),
    })
}

/// Free an entry list and every string and array in it. Accepts NULL.
#[no_mangle]
pub extern "C" fn softone_entry_list_free(list: *mut softone_entry_list) {
    guard_value((), || {
        if list.is_null() {
            return;
        }
        // SAFETY: a non-NULL list comes from `list_to_c`, where it is the first field of a
        // boxed `ListOwner` (repr(C)); freed once.
        drop(unsafe { Box::from_raw(list.cast::<ListOwner>()) });
    })
}

// ---------------------------------------------------------------------------------------
// Fetching
// ---------------------------------------------------------------------------------------

/// A cancellation flag for `softone_time_stamp_entries_with`: cancel it from any thread to
/// stop a fetch in progress (checked every 50 ms). Free it only after the fetch returned.
pub struct softone_cancel_token {
    cancelled: AtomicBool,
}

/// A new, not yet cancelled token; NULL only if memory ran out. Free with
/// `softone_cancel_token_free`.
#[no_mangle]
#[must_use]
pub extern "C" fn softone_cancel_token_new() -> *mut softone_cancel_token {
    guard_value(ptr::null_mut(), || {
        Box::into_raw(Box::new(softone_cancel_token {
            cancelled: AtomicBool::new(false),
        }))
    })
}

/// Cancel: fetches using this token stop with `SOFTONE_ERR_CANCELLED` (those not yet started
/// stop at once). Thread-safe; cancelling twice is harmless.
#[no_mangle]
pub extern "C" fn softone_cancel_token_cancel(
    token: *const softone_cancel_token,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        req_ref(token, "token")?
            .cancelled
            .store(true, Ordering::SeqCst);
        Ok(())
    })
}

/// Whether the token was cancelled (false when `token` is NULL).
#[no_mangle]
pub extern "C" fn softone_cancel_token_is_cancelled(token: *const softone_cancel_token) -> bool {
    guard_value(false, || {
        req_ref(token, "token").is_ok_and(|t| t.cancelled.load(Ordering::SeqCst))
    })
}

/// Free a cancellation token. Accepts NULL. No fetch may still be using it.
#[no_mangle]
pub extern "C" fn softone_cancel_token_free(token: *mut softone_cancel_token) {
    guard_value((), || {
        if !token.is_null() {
            // SAFETY: a non-NULL token comes from `softone_cancel_token_new`, freed once.
            drop(unsafe { Box::from_raw(token) });
        }
    })
}

/// A progress callback: `done` of `total` request pieces have finished. Called on the
/// thread that called the fetch; `user_data` is passed through untouched.
pub type softone_progress_fn =
    Option<extern "C" fn(done: usize, total: usize, user_data: *mut c_void)>;

fn build_query(
    date_from: *const c_char,
    date_to: *const c_char,
    employees: *const *const c_char,
    employee_count: usize,
) -> FfiResult<Query> {
    let from = req_str(date_from, "date_from")?;
    let to = req_str(date_to, "date_to")?;
    let q = Query::parse(from, to)?;
    if employees.is_null() {
        if employee_count != 0 {
            return Err(softone_error::invalid(
                "employees is NULL but employee_count is not 0 (pass NULL and 0 for all employees)",
            ));
        }
        return Ok(q);
    }
    let mut list = Vec::with_capacity(employee_count.min(100_000));
    for i in 0..employee_count {
        // SAFETY: the caller passes an array of `employee_count` string pointers.
        let p = unsafe { *employees.add(i) };
        list.push(req_str(p, &format!("employees[{i}]"))?);
    }
    Ok(q.with_employees(list)?)
}

#[allow(clippy::too_many_arguments)]
fn fetch(
    client: *const softone_client,
    date_from: *const c_char,
    date_to: *const c_char,
    employees: *const *const c_char,
    employee_count: usize,
    on_progress: softone_progress_fn,
    user_data: *mut c_void,
    cancel: *const softone_cancel_token,
    list_out: *mut *mut softone_entry_list,
) -> FfiResult {
    clear_out(list_out, "list_out")?;
    let client = &req_ref(client, "client")?.inner;
    let query = build_query(date_from, date_to, employees, employee_count)?;
    /// The caller's `user_data`, handed back to the callback on the calling thread.
    struct UserData(*mut c_void);
    // SAFETY: the pointer is only passed back to the caller's callback, as documented.
    unsafe impl Send for UserData {}
    let user = UserData(user_data);
    let mut progress = move |p: softone_go::Progress| {
        if let Some(f) = on_progress {
            let u = &user;
            f(p.done, p.total, u.0);
        }
    };
    let token = if cancel.is_null() {
        None
    } else {
        // SAFETY: checked non-NULL; the caller keeps the token alive during the fetch.
        Some(unsafe { &*cancel })
    };
    let should_cancel = token.map(|t| move || t.cancelled.load(Ordering::SeqCst));
    if should_cancel.as_ref().is_some_and(|f| f()) {
        return Err(softone_go::Error::cancelled().into());
    }
    let entries = client.time_stamp_entries_sorted_with(
        &query,
        &mut progress,
        should_cancel
            .as_ref()
            .map(|f| f as &(dyn Fn() -> bool + Sync)),
    )?;
    // SAFETY: `list_out` was checked non-NULL by `clear_out`.
    unsafe { *list_out = list_to_c(&entries) };
    entries.drop_in_background();
    Ok(())
}

/// Fetch every entry of the work dates `date_from` to `date_to` (both inclusive,
/// `"YYYY-MM-DD"`) for the `employee_count` employee numbers in `employees` (NULL and 0:
/// all employees; an empty non-NULL array asks for nobody). Blocking; thread-safe. On
/// success `*list_out` holds the sorted entries (free with `softone_entry_list_free`).
#[no_mangle]
#[must_use]
pub extern "C" fn softone_time_stamp_entries(
    client: *const softone_client,
    date_from: *const c_char,
    date_to: *const c_char,
    employees: *const *const c_char,
    employee_count: usize,
    list_out: *mut *mut softone_entry_list,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        fetch(
            client,
            date_from,
            date_to,
            employees,
            employee_count,
            None,
            ptr::null_mut(),
            ptr::null(),
            list_out,
        )
    })
}

/// Like `softone_time_stamp_entries`, calling `on_progress` (may be NULL) as request pieces
/// finish, and stopping with `SOFTONE_ERR_CANCELLED` when `cancel` (may be NULL) is cancelled.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn softone_time_stamp_entries_with(
    client: *const softone_client,
    date_from: *const c_char,
    date_to: *const c_char,
    employees: *const *const c_char,
    employee_count: usize,
    on_progress: softone_progress_fn,
    user_data: *mut c_void,
    cancel: *const softone_cancel_token,
    list_out: *mut *mut softone_entry_list,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        fetch(
            client,
            date_from,
            date_to,
            employees,
            employee_count,
            on_progress,
            user_data,
            cancel,
            list_out,
        )
    })
}

// ---------------------------------------------------------------------------------------
// Simulator
// ---------------------------------------------------------------------------------------

/// How the simulator writes `TimeStampEntryType` (for `softone_simulator_options.entry_type_style`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum softone_simulator_entry_type_style {
    /// Every entry type is `0`, as the real GET endpoint answers.
    SOFTONE_SIMULATOR_ENTRY_TYPE_STYLE_ZERO = 0,
    /// `1` for In, `2` for Out.
    SOFTONE_SIMULATOR_ENTRY_TYPE_STYLE_INTEGER = 1,
    /// `"In"` / `"Out"` / `"Unknown"`, as the vendor document shows.
    SOFTONE_SIMULATOR_ENTRY_TYPE_STYLE_STRING = 2,
}

/// JSON key casing of simulator answers (for `softone_simulator_options.key_case`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum softone_simulator_key_case {
    /// `EmployeeNr`, as the vendor document shows.
    SOFTONE_SIMULATOR_KEY_CASE_PASCAL = 0,
    /// `employeeNr`.
    SOFTONE_SIMULATOR_KEY_CASE_CAMEL = 1,
}

/// Settings of a simulator. Call `softone_simulator_options_init` first (it fills the
/// defaults), then change what you need. Strings are borrowed only during the start.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct softone_simulator_options {
    /// Address to listen on; NULL means `"127.0.0.1"`.
    pub host: *const c_char,
    /// Port to listen on; 0 picks a free port (default).
    pub port: u16,
    /// Number of synthetic employees (default 50).
    pub employees: u32,
    /// Number of synthetic days (default 31).
    pub days: u32,
    /// Seed of the synthetic data (default 7).
    pub seed: u64,
    /// First synthetic work date `"YYYY-MM-DD"`; NULL means `"2026-05-01"`.
    pub start_date: *const c_char,
    /// Delay before answering a failed login, in ms (default 2000, as the real server; 0 in tests).
    pub login_failure_delay_ms: u64,
    /// Latency added to every data request, in ms (default 0).
    pub latency_ms: u64,
    /// A `softone_simulator_entry_type_style` value (default `..._ZERO`).
    pub entry_type_style: u32,
    /// A `softone_simulator_key_case` value (default `..._PASCAL`).
    pub key_case: u32,
    /// Longest raw query string accepted (default 2048).
    pub max_query_len: usize,
    /// A new token must be used within this long after issue, in ms (default 60000).
    pub token_activation_window_ms: u64,
    /// A token is rejected this long after its creation, in ms (default 3600000).
    pub token_max_age_ms: u64,
    /// A token is rejected after this long without use, in ms (default 3600000).
    pub token_idle_timeout_ms: u64,
}

/// Fill `options` with the simulator's defaults. Returns `SOFTONE_ERR_INVALID_ARGUMENT` if NULL.
#[no_mangle]
pub extern "C" fn softone_simulator_options_init(
    options: *mut softone_simulator_options,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        if options.is_null() {
            return Err(softone_error::invalid("options must not be NULL"));
        }
        let d = SimulatorConfig::default();
        // SAFETY: checked non-NULL; the caller passes writable storage for the struct.
        unsafe {
            options.write(softone_simulator_options {
                host: ptr::null(),
                port: d.port,
                employees: d.employees,
                days: d.days,
                seed: d.seed,
                start_date: ptr::null(),
                login_failure_delay_ms: ms_of(d.login_failure_delay),
                latency_ms: ms_of(d.latency),
                entry_type_style:
                    softone_simulator_entry_type_style::SOFTONE_SIMULATOR_ENTRY_TYPE_STYLE_ZERO
                        as u32,
                key_case: softone_simulator_key_case::SOFTONE_SIMULATOR_KEY_CASE_PASCAL as u32,
                max_query_len: d.max_query_len,
                token_activation_window_ms: ms_of(d.token_activation_window),
                token_max_age_ms: ms_of(d.token_max_age),
                token_idle_timeout_ms: ms_of(d.token_idle_timeout),
            })
        };
        Ok(())
    })
}

/// A running local SoftOne GO simulator (seeded data, fault injection, request log).
/// Opaque; `softone_simulator_free` stops it.
pub struct softone_simulator {
    sim: Simulator,
    url: CString,
    credentials: [CString; 5],
}

impl softone_simulator_options {
    fn config(&self) -> FfiResult<SimulatorConfig> {
        let mut c = SimulatorConfig::default();
        if let Some(h) = opt_str(self.host, "host")? {
            c.host = h
                .parse()
                .map_err(|_| softone_error::invalid(format!("host {h:?} is not an IP address")))?;
        }
        if let Some(d) = opt_str(self.start_date, "start_date")? {
            c.start_date = softone_go::parse_date("start_date", d)?;
        }
        c.port = self.port;
        c.employees = self.employees;
        c.days = self.days;
        c.seed = self.seed;
        c.login_failure_delay = ms(self.login_failure_delay_ms);
        c.latency = ms(self.latency_ms);
        c.entry_type_style = match self.entry_type_style {
            0 => EntryTypeStyle::Zero,
            1 => EntryTypeStyle::Integer,
            2 => EntryTypeStyle::String,
            v => {
                return Err(softone_error::invalid(format!(
                    "entry_type_style {v} is not 0, 1 or 2"
                )))
            }
        };
        c.key_case = match self.key_case {
            0 => KeyCase::Pascal,
            1 => KeyCase::Camel,
            v => {
                return Err(softone_error::invalid(format!(
                    "key_case {v} is not 0 or 1"
                )))
            }
        };
        c.max_query_len = self.max_query_len;
        c.token_activation_window = ms(self.token_activation_window_ms);
        c.token_max_age = ms(self.token_max_age_ms);
        c.token_idle_timeout = ms(self.token_idle_timeout_ms);
        Ok(c)
    }
}

/// Start a simulator with `options` (NULL: all defaults) on a background thread; returns
/// once it listens. A socket that cannot be bound gives `SOFTONE_ERR_TRANSPORT`.
#[no_mangle]
#[must_use]
pub extern "C" fn softone_simulator_start(
    options: *const softone_simulator_options,
    simulator_out: *mut *mut softone_simulator,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        clear_out(simulator_out, "simulator_out")?;
        let config = if options.is_null() {
            SimulatorConfig::default()
        } else {
            req_ref(options, "options")?.config()?
        };
        let sim = Simulator::start(config).map_err(|e| {
            softone_error::new(
                softone_status::SOFTONE_ERR_TRANSPORT,
                format!("cannot start the simulator: {e}"),
            )
        })?;
        let url = c_string(&sim.url());
        let Credentials {
            company_api_key,
            connect_api_key,
            license,
            username,
            password,
        } = sim.credentials().clone();
        let credentials = [
            company_api_key,
            connect_api_key,
            license,
            username,
            password,
        ]
        .map(|s| c_string(&s));
        // SAFETY: `simulator_out` was checked non-NULL by `clear_out`.
        unsafe {
            *simulator_out = Box::into_raw(Box::new(softone_simulator {
                sim,
                url,
                credentials,
            }))
        };
        Ok(())
    })
}

/// The simulator's base URL, e.g. `"http://127.0.0.1:41234"`, valid until the simulator is
/// freed; NULL when `simulator` is NULL.
#[no_mangle]
pub extern "C" fn softone_simulator_url(simulator: *const softone_simulator) -> *const c_char {
    guard_value(ptr::null(), || {
        req_ref(simulator, "simulator").map_or(ptr::null(), |s| s.url.as_ptr())
    })
}

/// Point `options`' base URL and credentials at this simulator (its fake, fixed credentials;
/// the strings stay owned by the simulator and valid until it is freed). Other fields are
/// left as they are.
#[no_mangle]
pub extern "C" fn softone_simulator_client_options(
    simulator: *const softone_simulator,
    options: *mut softone_client_options,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        let s = req_ref(simulator, "simulator")?;
        if options.is_null() {
            return Err(softone_error::invalid("options must not be NULL"));
        }
        // SAFETY: checked non-NULL; the caller passes an initialised options struct.
        let o = unsafe { &mut *options };
        o.base_url = s.url.as_ptr();
        o.company_api_key = s.credentials[0].as_ptr();
        o.connect_api_key = s.credentials[1].as_ptr();
        o.license = s.credentials[2].as_ptr();
        o.username = s.credentials[3].as_ptr();
        o.password = s.credentials[4].as_ptr();
        Ok(())
    })
}

/// Queue a fault, written as JSON: e.g.
/// `{"fault":"status","status":503,"retry_after":"1","endpoint":"data","times":2}`; kinds
/// `status` (status 200 with `body` serves that body), `delay` (`ms`), `drop_mid_body`,
/// `truncated`, `malformed`, `wrong_shape`, `login_failure` (`message`), `extra_employee`;
/// `endpoint` `login`, `data` (default) or `any`; `times` default 1. Bad JSON gives
/// `SOFTONE_ERR_INVALID_ARGUMENT`.
#[no_mangle]
pub extern "C" fn softone_simulator_inject_json(
    simulator: *const softone_simulator,
    fault_json: *const c_char,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        let s = req_ref(simulator, "simulator")?;
        let json = req_str(fault_json, "fault_json")?;
        s.sim
            .inject_json(json)
            .map_err(|e| softone_error::invalid(format!("bad fault JSON: {e}")))
    })
}

/// Remove every queued fault.
#[no_mangle]
pub extern "C" fn softone_simulator_clear_faults(
    simulator: *const softone_simulator,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        req_ref(simulator, "simulator")?.sim.clear_faults();
        Ok(())
    })
}

/// Set the latency added to every data request, in milliseconds.
#[no_mangle]
pub extern "C" fn softone_simulator_set_latency_ms(
    simulator: *const softone_simulator,
    latency_ms: u64,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        req_ref(simulator, "simulator")?
            .sim
            .set_latency(ms(latency_ms));
        Ok(())
    })
}

/// Invalidate every issued token (the next data request answers 401).
#[no_mangle]
pub extern "C" fn softone_simulator_revoke_tokens(
    simulator: *const softone_simulator,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        req_ref(simulator, "simulator")?.sim.revoke_tokens();
        Ok(())
    })
}

fn store_count(
    simulator: *const softone_simulator,
    out: *mut usize,
    error_out: *mut *mut softone_error,
    f: impl FnOnce(&Simulator) -> usize,
) -> softone_status {
    guard(error_out, || {
        if out.is_null() {
            return Err(softone_error::invalid("count_out must not be NULL"));
        }
        // SAFETY: checked non-NULL.
        unsafe { *out = 0 };
        let s = req_ref(simulator, "simulator")?;
        // SAFETY: checked non-NULL.
        unsafe { *out = f(&s.sim) };
        Ok(())
    })
}

/// Store in `*count_out` the number of login requests (`POST /Login/Token`) served so far.
#[no_mangle]
pub extern "C" fn softone_simulator_login_count(
    simulator: *const softone_simulator,
    count_out: *mut usize,
    error_out: *mut *mut softone_error,
) -> softone_status {
    store_count(simulator, count_out, error_out, Simulator::login_count)
}

/// Store in `*count_out` the number of data requests (`GET .../TimeStampEntry`) served so far.
#[no_mangle]
pub extern "C" fn softone_simulator_data_request_count(
    simulator: *const softone_simulator,
    count_out: *mut usize,
    error_out: *mut *mut softone_error,
) -> softone_status {
    store_count(
        simulator,
        count_out,
        error_out,
        Simulator::data_request_count,
    )
}

/// Store in `*json_out` the request log as a JSON array (secrets redacted), oldest first;
/// free it with `softone_string_free`.
#[no_mangle]
pub extern "C" fn softone_simulator_requests_json(
    simulator: *const softone_simulator,
    json_out: *mut *mut c_char,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        clear_out(json_out, "json_out")?;
        let s = req_ref(simulator, "simulator")?;
        let json = c_string(&s.sim.requests_json());
        // SAFETY: `json_out` was checked non-NULL by `clear_out`.
        unsafe { *json_out = json.into_raw() };
        Ok(())
    })
}

/// Empty the request log (the login and data request counts start again at 0).
#[no_mangle]
pub extern "C" fn softone_simulator_clear_requests(
    simulator: *const softone_simulator,
    error_out: *mut *mut softone_error,
) -> softone_status {
    guard(error_out, || {
        req_ref(simulator, "simulator")?.sim.clear_requests();
        Ok(())
    })
}

/// Stop the simulator and free it. Accepts NULL. Clients pointing at it then get transport errors.
#[no_mangle]
pub extern "C" fn softone_simulator_free(simulator: *mut softone_simulator) {
    guard_value((), || {
        if !simulator.is_null() {
            // SAFETY: a non-NULL simulator comes from `softone_simulator_start`, freed once.
            drop(unsafe { Box::from_raw(simulator) });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_defaults_match_the_core() {
        let mut o = softone_client_options::defaults();
        o.company_api_key = c"k1".as_ptr();
        o.connect_api_key = c"k2".as_ptr();
        o.token = c"t".as_ptr();
        let built = o
            .builder()
            .ok()
            .and_then(|b| b.build().ok())
            .expect("defaults build");
        let core = ClientBuilder::default()
            .company_api_key("k1")
            .connect_api_key("k2")
            .token("t")
            .build()
            .expect("core builds");
        assert_eq!(built.timeout(), core.timeout());
        assert_eq!(built.connect_timeout(), core.connect_timeout());
        assert_eq!(built.max_retries(), core.max_retries());
        assert_eq!(built.chunk_days(), core.chunk_days());
        assert_eq!(built.max_concurrency(), core.max_concurrency());
        assert_eq!(built.base_url(), core.base_url());
    }

    #[test]
    fn null_and_bad_utf8_are_invalid_arguments() {
        let mut err: *mut softone_error = ptr::null_mut();
        let mut c: *mut softone_client = ptr::null_mut();
        let st = softone_client_new(ptr::null(), &mut c, &mut err);
        assert_eq!(st, softone_status::SOFTONE_ERR_INVALID_ARGUMENT);
        assert!(c.is_null());
        assert_eq!(softone_error_status(err), st);
        softone_error_free(err);
        let bad = [0xffu8, 0xfe, 0];
        assert!(
            matches!(req_str(bad.as_ptr().cast(), "x"), Err(e) if e.status == softone_status::SOFTONE_ERR_INVALID_ARGUMENT)
        );
    }

    #[test]
    fn status_names_are_stable() {
        // SAFETY: static NUL-terminated strings.
        let name = |s: i32| {
            unsafe { CStr::from_ptr(softone_status_name(s)) }
                .to_str()
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(name(0), "OK");
        assert_eq!(name(softone_status::SOFTONE_ERR_DECODE as i32), "DECODE");
        assert_eq!(name(42), "UNKNOWN");
    }

    /// Large lists are converted on several threads; every entry must come out whole, in
    /// order, with pointers into live memory, whichever thread converted it.
    #[test]
    fn large_lists_convert_every_entry_in_order() {
        use softone_go::{Account, Timestamp};
        let text = |p: *const c_char| -> Option<String> {
            // SAFETY: NULL or a NUL-terminated string in the list's arena.
            (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
        };
        let n = PARALLEL_FROM * 3 + 7;
        // Shared strings (as the core's decoder makes them) and distinct ones, mixed.
        let employees: Vec<SharedStr> = (0..=n / 100).map(|k| format!("{k}").into()).collect();
        let entries: Vec<TimeStampEntry> = (0..n)
            .map(|i| TimeStampEntry {
                employee_nr: employees[i / 100].clone(),
                employee_external_code: (i % 3 == 0).then(|| format!("X{i}").into()),
                time_stamp: Timestamp::parse(&format!(
                    "2026-05-{:02}T{:02}:{:02}:00{}",
                    1 + i % 28,
                    i % 24,
                    i % 60,
                    if i % 5 == 0 { "+02:00" } else { "" }
                ))
                .expect("time"),
                entry_type: [EntryType::Unknown, EntryType::In, EntryType::Out][i % 3],
                is_break: i % 7 == 0,
                account_nr: (i % 2 == 0).then(|| format!("A\0{i}").into()),
                sie_account_dim: (i % 4 == 0).then_some(i as i64),
                time_terminal_id: (i % 6 == 0).then_some(-(i as i64)),
                accounts: (0..i % 3)
                    .map(|k| Account {
                        account_nr: Some(employees[k].clone()),
                        sie_account_dim: (k == 1).then_some(k as i64),
                    })
                    .collect(),
                time_schedule_type_codes: (0..i % 2).map(|k| format!("C{i}{k}").into()).collect(),
            })
            .collect();
        // In two parts, as a chunked fetch has them; the list follows the sorted order.
        let (a, b) = entries.split_at(n / 3);
        let sorted = SortedEntries::new(vec![a.to_vec(), b.to_vec()]);
        let list = list_to_c(&sorted);
        assert_eq!(softone_entry_list_len(list), n);
        for (i, e) in sorted.iter().enumerate() {
            // SAFETY: index < len; the list is alive until freed below.
            let c = unsafe { &*softone_entry_list_get(list, i) };
            assert_eq!(text(c.employee_nr).as_deref(), Some(e.employee_nr.as_str()));
            assert_eq!(
                text(c.employee_external_code).as_deref(),
                e.employee_external_code.as_deref()
            );
            assert_eq!(
                text(c.time_stamp_iso),
                Some(e.time_stamp.to_iso_string()),
                "entry {i}"
            );
            assert_eq!(c.time_stamp.minute, e.time_stamp.minute());
            assert_eq!(
                c.has_utc_offset_or_default(),
                e.time_stamp.utc_offset_seconds()
            );
            assert_eq!(c.entry_type as i32, e.entry_type.wire_value());
            assert_eq!(c.is_break, e.is_break);
            let nul_free = e.account_nr.as_deref().map(|a| a.replace('\0', "\u{fffd}"));
            assert_eq!(text(c.account_nr), nul_free);
            assert_eq!(
                c.has_sie_account_dim.then_some(c.sie_account_dim),
                e.sie_account_dim
            );
            assert_eq!(
                c.has_time_terminal_id.then_some(c.time_terminal_id),
                e.time_terminal_id
            );
            assert_eq!(c.account_count, e.accounts.len());
            for (k, a) in e.accounts.iter().enumerate() {
                // SAFETY: k < account_count.
                let ca = unsafe { &*c.accounts.add(k) };
                assert_eq!(text(ca.account_nr).as_deref(), a.account_nr.as_deref());
                assert_eq!(
                    ca.has_sie_account_dim.then_some(ca.sie_account_dim),
                    a.sie_account_dim
                );
            }
            assert_eq!(
                c.time_schedule_type_code_count,
                e.time_schedule_type_codes.len()
            );
            for (k, code) in e.time_schedule_type_codes.iter().enumerate() {
                // SAFETY: k < time_schedule_type_code_count.
                assert_eq!(
                    text(unsafe { *c.time_schedule_type_codes.add(k) }).as_deref(),
                    Some(code.as_str())
                );
            }
        }
        softone_entry_list_free(list);
    }

    impl softone_entry {
        fn has_utc_offset_or_default(&self) -> Option<i32> {
            self.time_stamp
                .has_utc_offset
                .then_some(self.time_stamp.utc_offset_seconds)
        }
    }
}
