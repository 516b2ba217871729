//! The HTTP server: API routes, admin routes, tokens, faults and the request log.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use base64::Engine as _;
use chrono::NaiveDate;
use serde::Deserialize;
use tokio::sync::watch;

use crate::data::Dataset;
use crate::{lock, Endpoint, Fault, FaultRule, LoggedRequest, SimulatorConfig};

const JSON: &str = "application/json; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";
const LOGIN_PATH: &str = "/login/token";
const DATA_PATH: &str = "/personell/time/timestampentry";
const MSG_NO_TOKEN: &str = "Anropet saknar Token";
const MSG_BAD_KEYS: &str = "Anropet innehåller ogiltiga nycklar";
const MSG_BAD_TOKEN: &str = "Det token som skickades innehåller ogiltig information";
const MSG_500: &str = "An unexpected error occurred. Please try again later or contact support.";
const MSG_LOGIN_OK: &str = "Login successful, use token within 120 seconds";
const MSG_404_15: &str = "HTTP Error 404.15 - Not Found: The request filtering module is configured to deny a request where the query string is too long.";
const CACHE_LIMIT: usize = 512 << 20;

/// Lifetime bookkeeping of one issued token.
pub(crate) struct TokenState {
    created: Instant,
    last_used: Option<Instant>,
}

type CacheKey = (NaiveDate, NaiveDate, Option<Vec<u32>>);

#[derive(Default)]
struct Cache {
    map: HashMap<CacheKey, (Bytes, usize)>,
    bytes: usize,
}

/// State shared by the handlers and the [`crate::Simulator`] handle.
pub(crate) struct Shared {
    pub cfg: SimulatorConfig,
    pub data: Dataset,
    pub tokens: Mutex<HashMap<String, TokenState>>,
    pub faults: Mutex<VecDeque<FaultRule>>,
    pub log: Mutex<Vec<LoggedRequest>>,
    latency_nanos: AtomicU64,
    cache: Mutex<Cache>,
    shutdown: watch::Receiver<bool>,
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl Shared {
    pub(crate) fn new(
        cfg: SimulatorConfig,
        data: Dataset,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let latency_nanos = AtomicU64::new(nanos(cfg.latency));
        Shared {
            cfg,
            data,
            tokens: Mutex::new(HashMap::new()),
            faults: Mutex::new(VecDeque::new()),
            log: Mutex::new(Vec::new()),
            latency_nanos,
            cache: Mutex::new(Cache::default()),
            shutdown,
        }
    }

    pub(crate) fn set_latency(&self, d: Duration) {
        self.latency_nanos.store(nanos(d), Ordering::Relaxed);
    }

    pub(crate) fn inject(&self, rule: FaultRule) {
        if rule.times > 0 {
            lock(&self.faults).push_back(rule);
        }
    }

    /// Takes one use of the first queued fault that applies to this endpoint.
    fn take_fault(&self, ep: Endpoint) -> Option<Fault> {
        let mut q = lock(&self.faults);
        let idx = q.iter().position(|r| {
            let ep_ok = r.endpoint == Endpoint::Any || r.endpoint == ep;
            let kind_ok = match r.fault {
                Fault::LoginFailure { .. } => ep == Endpoint::Login,
                Fault::ExtraEmployee => ep == Endpoint::Data,
                _ => true,
            };
            ep_ok && kind_ok
        })?;
        let rule = q.get_mut(idx)?;
        rule.times = rule.times.saturating_sub(1);
        let fault = rule.fault.clone();
        if rule.times == 0 {
            q.remove(idx);
        }
        Some(fault)
    }

    /// Sleeps, but wakes early when the simulator stops.
    async fn sleep(&self, d: Duration) {
        if d.is_zero() {
            return;
        }
        let mut rx = self.shutdown.clone();
        tokio::select! {
            _ = tokio::time::sleep(d) => {}
            _ = rx.wait_for(|v| *v) => {}
        }
    }

    fn issue_token(&self) -> String {
        let mut rng = fastrand::Rng::new();
        let n = rng.usize(240..=360);
        let bytes: Vec<u8> = (0..n).map(|_| rng.u8(..)).collect();
        let token = base64::engine::general_purpose::STANDARD.encode(bytes);
        let now = Instant::now();
        let max_age = self.cfg.token_max_age;
        let mut map = lock(&self.tokens);
        map.retain(|_, t| now.duration_since(t.created) <= max_age);
        map.insert(
            token.clone(),
            TokenState {
                created: now,
                last_used: None,
            },
        );
        token
    }

    /// Checks a token and, when valid, slides its session.
    fn use_token(&self, token: &str) -> bool {
        let now = Instant::now();
        let mut map = lock(&self.tokens);
        let Some(t) = map.get_mut(token) else {
            return false;
        };
        let age = now.duration_since(t.created);
        let ok = age <= self.cfg.token_max_age
            && match t.last_used {
                None => age <= self.cfg.token_activation_window,
                Some(last) => now.duration_since(last) <= self.cfg.token_idle_timeout,
            };
        if ok {
            t.last_used = Some(now);
        } else {
            map.remove(token);
        }
        ok
    }

    fn body_for(&self, from: NaiveDate, to: NaiveDate, filter: Option<Vec<u32>>) -> (Bytes, usize) {
        let key = (from, to, filter);
        if let Some(hit) = lock(&self.cache).map.get(&key) {
            return hit.clone();
        }
        let made = self.data.body(from, to, key.2.as_deref());
        let mut c = lock(&self.cache);
        if c.bytes + made.0.len() > CACHE_LIMIT {
            c.map.clear();
            c.bytes = 0;
        }
        c.bytes += made.0.len();
        c.map.insert(key, made.clone());
        made
    }
}

/// How the body is sent.
enum Mode {
    Full,
    DropMid,
}

/// An answer before it becomes an HTTP response.
struct Reply {
    status: u16,
    ctype: &'static str,
    body: Bytes,
    retry_after: Option<String>,
    mode: Mode,
}

impl Reply {
    fn new(status: u16, ctype: &'static str, body: impl Into<Bytes>) -> Reply {
        Reply {
            status,
            ctype,
            body: body.into(),
            retry_after: None,
            mode: Mode::Full,
        }
    }

    fn json_string(status: u16, s: &str) -> Reply {
        Reply::new(status, JSON, serde_json::Value::from(s).to_string())
    }

    fn message(status: u16, s: &str) -> Reply {
        Reply::new(
            status,
            JSON,
            serde_json::json!({ "message": s }).to_string(),
        )
    }

    fn into_response(self) -> Response {
        let mut b = Response::builder()
            .status(StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
            .header(header::CONTENT_TYPE, self.ctype);
        if let Some(ra) = self.retry_after.as_deref() {
            if let Ok(v) = HeaderValue::from_str(ra) {
                b = b.header(header::RETRY_AFTER, v);
            }
        }
        let built = match self.mode {
            Mode::Full => b.body(Body::from(self.body)),
            Mode::DropMid => {
                let len = self.body.len();
                let half = self.body.slice(..len / 2);
                let first = futures::stream::iter([Ok::<Bytes, std::io::Error>(half)]);
                let fail = futures::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Err(std::io::Error::other("simulated connection drop"))
                });
                b.header(header::CONTENT_LENGTH, len)
                    .body(Body::from_stream(futures::StreamExt::chain(first, fail)))
            }
        };
        built.unwrap_or_else(|_| {
            let mut r = Response::new(Body::from("simulator error"));
            *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            r
        })
    }
}

/// Turns a body into the cut form a fault asks for.
fn cut(mut r: Reply, fault: &Fault, fallback: Bytes) -> Reply {
    let body = if r.status == 200 && r.body.len() >= 2 {
        r.body.clone()
    } else {
        fallback
    };
    r.status = 200;
    r.ctype = JSON;
    match fault {
        Fault::Truncated => {
            r.body = body.slice(..body.len() / 2);
        }
        _ => {
            r.body = body;
            r.mode = Mode::DropMid;
        }
    }
    r
}

/// Percent-decodes a query component (`+` is a space, as ASP.NET reads it).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Query parameters with lower-cased names (ASP.NET binds names case-insensitively).
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(raw: &str) -> Params {
        Params(
            raw.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (n, v) = p.split_once('=').unwrap_or((p, ""));
                    (decode(n).to_ascii_lowercase(), decode(v))
                })
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn is_secret(name: &str) -> bool {
    matches!(
        decode(name).to_ascii_lowercase().as_str(),
        "companyapikey" | "connectapikey" | "token"
    )
}

/// The raw query with secret values replaced by `***`.
fn redact(raw: &str) -> String {
    raw.split('&')
        .map(|p| match p.split_once('=') {
            Some((n, _)) if is_secret(n) => format!("{n}=***"),
            _ => p.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn norm_path(path: &str) -> String {
    let p = path.trim_end_matches('/');
    p.to_ascii_lowercase()
}

/// Whether a logged request is a login.
pub(crate) fn is_login(r: &LoggedRequest) -> bool {
    r.method == "POST" && norm_path(&r.path) == LOGIN_PATH
}

/// Whether a logged request is a data request.
pub(crate) fn is_data(r: &LoggedRequest) -> bool {
    r.method == "GET" && norm_path(&r.path) == DATA_PATH
}

/// Parses `YYYY-MM-DD` or a date-time form and keeps the date part.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(dt.date());
        }
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.date_naive())
}

/// The employee filter: `None` means all employees.
fn parse_employees(v: Option<&str>) -> Option<Vec<String>> {
    let v = v?.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("null") {
        return None;
    }
    let items: Vec<String> = v
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!items.is_empty()).then_some(items)
}

fn default_status_body(status: u16) -> Reply {
    match status {
        401 => Reply::json_string(401, MSG_BAD_TOKEN),
        500 => Reply::message(500, MSG_500),
        429 => Reply::message(429, "Too many requests. Please try again later."),
        503 => Reply::message(503, "The service is temporarily unavailable."),
        s => Reply::message(s, &format!("Simulated error {s}.")),
    }
}

fn status_reply(status: u16, retry_after: &Option<String>, body: &Option<String>) -> Reply {
    let mut r = match body {
        Some(b) => {
            let ctype = if serde_json::from_str::<serde_json::Value>(b).is_ok() {
                JSON
            } else {
                TEXT
            };
            Reply::new(status, ctype, b.clone())
        }
        None => default_status_body(status),
    };
    r.retry_after = retry_after.clone();
    r
}

fn method_not_allowed(m: &Method) -> Reply {
    Reply::message(
        405,
        &format!("The requested resource does not support http method '{m}'."),
    )
}

async fn api(State(st): State<Arc<Shared>>, method: Method, uri: Uri, body: Bytes) -> Response {
    let raw = uri.query().unwrap_or("");
    let params = Params::parse(raw);
    let path = norm_path(uri.path());
    let mut rec = LoggedRequest {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: redact(raw),
        status: 0,
        query_len: raw.len(),
        employees: None,
        date_from: None,
        date_to: None,
    };
    let reply = if raw.len() > st.cfg.max_query_len {
        Reply::new(404, TEXT, MSG_404_15)
    } else if path == LOGIN_PATH {
        if method == Method::POST {
            login(&st, &params, &body).await
        } else {
            method_not_allowed(&method)
        }
    } else if path == DATA_PATH {
        rec.employees = parse_employees(params.get("employeenrsstrings"));
        rec.date_from = params.get("datefrom").map(str::to_string);
        rec.date_to = params.get("dateto").map(str::to_string);
        if method == Method::GET {
            data(&st, &params, rec.employees.as_deref()).await
        } else {
            method_not_allowed(&method)
        }
    } else {
        Reply::message(
            404,
            "No HTTP resource was found that matches the request URI.",
        )
    };
    rec.status = reply.status;
    tracing::debug!(method = %rec.method, path = %rec.path, query = %rec.query, status = rec.status, "simulator request");
    lock(&st.log).push(rec);
    reply.into_response()
}

/// Common handling of faults that replace the answer outright.
enum Pre {
    Answer(Reply),
    Continue(Option<Fault>),
}

async fn pre_fault(st: &Shared, ep: Endpoint) -> Pre {
    match st.take_fault(ep) {
        Some(Fault::Status {
            status,
            retry_after,
            body,
        }) => Pre::Answer(status_reply(status, &retry_after, &body)),
        Some(Fault::Malformed) => Pre::Answer(Reply::new(
            200,
            JSON,
            if ep == Endpoint::Login {
                &br#"{"token": "abc",, "message": }"#[..]
            } else {
                &br#"[{"EmployeeNr": "107",, }"#[..]
            },
        )),
        Some(Fault::WrongShape) => Pre::Answer(Reply::new(
            200,
            JSON,
            if ep == Endpoint::Login {
                &br#"["token", 12]"#[..]
            } else {
                &br#"{"items": []}"#[..]
            },
        )),
        Some(Fault::Delay(d)) => {
            st.sleep(d).await;
            Pre::Continue(None)
        }
        other => Pre::Continue(other),
    }
}

fn login_echo(fields: &[(&str, Option<String>)]) -> Reply {
    let mut obj = serde_json::Map::new();
    for (k, v) in fields {
        if let Some(v) = v {
            obj.insert((*k).to_string(), serde_json::Value::from(v.as_str()));
        }
    }
    Reply::new(200, JSON, serde_json::Value::Object(obj).to_string())
}

async fn login(st: &Shared, params: &Params, body: &Bytes) -> Reply {
    let fault = match pre_fault(st, Endpoint::Login).await {
        Pre::Answer(r) => return r,
        Pre::Continue(f) => f,
    };
    let Ok(serde_json::Value::Object(obj)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return Reply::message(
            400,
            "The request is invalid: the body must be a login object.",
        );
    };
    let mut license = None;
    let mut user = None;
    let mut password = None;
    let mut token = None;
    for (k, v) in &obj {
        let v = match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            _ => {
                return Reply::message(
                    400,
                    &format!("The request is invalid: '{k}' must be a string."),
                )
            }
        };
        match k.to_ascii_lowercase().as_str() {
            "license" => license = v,
            "username" => user = v,
            "password" => password = v,
            "token" => token = v,
            _ => {}
        }
    }
    let creds = &st.cfg.credentials;
    let key_ok = |name: &str, want: &str| {
        params
            .get(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(want))
    };
    let failure = if let Some(Fault::LoginFailure { message }) = &fault {
        Some(message.clone())
    } else if !key_ok("companyapikey", &creds.company_api_key) {
        Some("Invalid companyApiKey".to_string())
    } else if !key_ok("connectapikey", &creds.connect_api_key) {
        Some("Invalid connectApiKey".to_string())
    } else if user.as_deref().map(str::trim).unwrap_or("").is_empty() {
        Some("Invalid User".to_string())
    } else if license.as_deref() != Some(creds.license.as_str())
        || user.as_deref() != Some(creds.username.as_str())
        || password.as_deref() != Some(creds.password.as_str())
    {
        Some("Login failed".to_string())
    } else {
        None
    };
    let blank = password.as_ref().map(|_| String::new());
    let reply = match failure {
        Some(message) => {
            st.sleep(st.cfg.login_failure_delay).await;
            login_echo(&[
                ("license", license),
                ("userName", user),
                ("password", blank),
                ("message", Some(message)),
            ])
        }
        None => {
            let tok = match token {
                Some(t) if st.use_token(&t) => t,
                _ => st.issue_token(),
            };
            login_echo(&[
                ("license", license),
                ("userName", user),
                ("password", blank),
                ("token", Some(tok)),
                ("message", Some(MSG_LOGIN_OK.to_string())),
            ])
        }
    };
    match &fault {
        Some(f @ (Fault::Truncated | Fault::DropMidBody)) => {
            let fallback = reply.body.clone();
            cut(reply, f, fallback)
        }
        _ => reply,
    }
}

async fn data(st: &Shared, params: &Params, employees: Option<&[String]>) -> Reply {
    let fault = match pre_fault(st, Endpoint::Data).await {
        Pre::Answer(r) => return r,
        Pre::Continue(f) => f,
    };
    st.sleep(Duration::from_nanos(
        st.latency_nanos.load(Ordering::Relaxed),
    ))
    .await;
    let reply = data_answer(st, params, employees, fault.as_ref()).await;
    match &fault {
        Some(f @ (Fault::Truncated | Fault::DropMidBody)) => cut(reply, f, st.data.sample_body()),
        _ => reply,
    }
}

async fn data_answer(
    st: &Shared,
    params: &Params,
    employees: Option<&[String]>,
    fault: Option<&Fault>,
) -> Reply {
    let creds = &st.cfg.credentials;
    let token = params.get("token").map(str::trim).unwrap_or("");
    if token.is_empty() {
        return Reply::json_string(401, MSG_NO_TOKEN);
    }
    let key_ok = |name: &str, want: &str| {
        params
            .get(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(want))
    };
    if !key_ok("companyapikey", &creds.company_api_key)
        || !key_ok("connectapikey", &creds.connect_api_key)
    {
        return Reply::json_string(401, MSG_BAD_KEYS);
    }
    if !st.use_token(token) {
        return Reply::json_string(401, MSG_BAD_TOKEN);
    }
    let Some(from) = params.get("datefrom").and_then(parse_date) else {
        return Reply::message(
            400,
            "The dateFrom field is required and must be a valid date-time.",
        );
    };
    let Some(to) = params.get("dateto").and_then(parse_date) else {
        return Reply::message(
            400,
            "The dateTo field is required and must be a valid date-time.",
        );
    };
    let filter = employees.map(|list| {
        let mut idx: Vec<u32> = list
            .iter()
            .filter_map(|nr| st.data.employee_index(nr))
            .collect();
        idx.sort_unstable();
        idx.dedup();
        idx
    });
    let (mut body, n) = st.body_for(from, to, filter);
    let cost = st.cfg.per_entry_cost;
    if !cost.is_zero() && n > 0 {
        st.sleep(cost.saturating_mul(u32::try_from(n).unwrap_or(u32::MAX)))
            .await;
    }
    if matches!(fault, Some(Fault::ExtraEmployee)) {
        let extra = st.data.extra_entry(from);
        let mut v = Vec::with_capacity(body.len() + extra.len() + 1);
        v.push(b'[');
        v.extend_from_slice(&extra);
        if body.len() > 2 {
            v.push(b',');
        }
        v.extend_from_slice(&body[1..]);
        body = Bytes::from(v);
    }
    Reply::new(200, JSON, body)
}

// ---------- admin routes ----------

fn admin_ok() -> Response {
    Reply::new(200, JSON, &br#"{"ok":true}"#[..]).into_response()
}

fn admin_err(msg: &str) -> Response {
    Reply::new(400, JSON, serde_json::json!({ "error": msg }).to_string()).into_response()
}

#[derive(Deserialize)]
struct AdminFault {
    fault: String,
    status: Option<u16>,
    retry_after: Option<serde_json::Value>,
    body: Option<String>,
    ms: Option<u64>,
    message: Option<String>,
    endpoint: Option<String>,
    times: Option<u32>,
}

fn admin_rule(a: AdminFault) -> Result<FaultRule, String> {
    let fault = match a.fault.to_ascii_lowercase().as_str() {
        "status" => Fault::Status {
            status: a.status.ok_or("fault 'status' needs 'status'")?,
            retry_after: match a.retry_after {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(s),
                Some(v) => Some(v.to_string()),
            },
            body: a.body,
        },
        "delay" => Fault::Delay(Duration::from_millis(
            a.ms.ok_or("fault 'delay' needs 'ms'")?,
        )),
        "drop_mid_body" => Fault::DropMidBody,
        "truncated" => Fault::Truncated,
        "malformed" => Fault::Malformed,
        "wrong_shape" => Fault::WrongShape,
        "login_failure" => Fault::LoginFailure {
            message: a.message.unwrap_or_else(|| "Login failed".to_string()),
        },
        "extra_employee" => Fault::ExtraEmployee,
        other => return Err(format!("unknown fault kind '{other}'")),
    };
    let endpoint = match a
        .endpoint
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("data") => Endpoint::Data,
        Some("login") => Endpoint::Login,
        Some("any") => Endpoint::Any,
        Some(other) => return Err(format!("unknown endpoint '{other}'")),
    };
    Ok(FaultRule {
        fault,
        endpoint,
        times: a.times.unwrap_or(1),
    })
}

/// Read a fault rule from the admin route's JSON form.
pub(crate) fn fault_rule_from_json(body: &[u8]) -> Result<FaultRule, String> {
    let parsed: AdminFault =
        serde_json::from_slice(body).map_err(|e| format!("invalid fault JSON: {e}"))?;
    admin_rule(parsed)
}

async fn add_fault(State(st): State<Arc<Shared>>, body: Bytes) -> Response {
    match fault_rule_from_json(&body) {
        Ok(rule) => {
            st.inject(rule);
            admin_ok()
        }
        Err(e) => admin_err(&e),
    }
}

async fn clear_faults(State(st): State<Arc<Shared>>) -> Response {
    lock(&st.faults).clear();
    admin_ok()
}

async fn get_requests(State(st): State<Arc<Shared>>) -> Response {
    let log = lock(&st.log).clone();
    match serde_json::to_vec(&log) {
        Ok(v) => Reply::new(200, JSON, v).into_response(),
        Err(e) => admin_err(&e.to_string()),
    }
}

async fn clear_requests(State(st): State<Arc<Shared>>) -> Response {
    lock(&st.log).clear();
    admin_ok()
}

async fn revoke(State(st): State<Arc<Shared>>) -> Response {
    lock(&st.tokens).clear();
    admin_ok()
}

#[derive(Deserialize)]
struct AdminLatency {
    ms: u64,
}

async fn latency(State(st): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<AdminLatency>(&body) {
        Ok(l) => {
            st.set_latency(Duration::from_millis(l.ms));
            admin_ok()
        }
        Err(e) => admin_err(&format!("expected {{\"ms\": N}}: {e}")),
    }
}

async fn credentials(State(st): State<Arc<Shared>>) -> Response {
    let c = &st.cfg.credentials;
    let v = serde_json::json!({
        "company_api_key": c.company_api_key,
        "connect_api_key": c.connect_api_key,
        "license": c.license,
        "username": c.username,
        "password": c.password,
    });
    Reply::new(200, JSON, v.to_string()).into_response()
}

fn router(st: Arc<Shared>) -> Router {
    Router::new()
        .route("/__simulator/faults", post(add_fault).delete(clear_faults))
        .route(
            "/__simulator/requests",
            get(get_requests).delete(clear_requests),
        )
        .route("/__simulator/revoke-tokens", post(revoke))
        .route("/__simulator/latency", post(latency))
        .route("/__simulator/credentials", get(credentials))
        .fallback(api)
        .with_state(st)
}

/// The server thread: its own runtime, serving until the shutdown signal.
pub(crate) fn run(
    listener: std::net::TcpListener,
    st: Arc<Shared>,
    shutdown: watch::Receiver<bool>,
    ready: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("softone-go-simulator-worker")
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(e) => {
                let _ = ready.send(Err(e));
                return;
            }
        };
        let mut sd = shutdown.clone();
        let serve = axum::serve(listener, router(st)).with_graceful_shutdown(async move {
            let _ = sd.wait_for(|v| *v).await;
        });
        let server = tokio::spawn(async move { serve.await });
        let _ = ready.send(Ok(()));
        let mut sd = shutdown;
        let _ = sd.wait_for(|v| *v).await;
        let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    });
    rt.shutdown_timeout(Duration::from_millis(200));
}
