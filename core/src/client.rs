//! The async client: login and token cache, requests with retries, the chunked fetch.

use crate::config::{ClientOptions, ProxyConfig};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{sort_entries, SortedEntries, TimeStampEntry};
use crate::parse::EntryDecoder;
use crate::query::{encode_query_value, group_employees, Query};
use crate::secret::{redact_url, scrub, Secret};
use chrono::NaiveDate;
use futures::stream::{self, BoxStream, StreamExt};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use tracing::Instrument;

/// Path of the data endpoint ("Personell" is the vendor's spelling).
pub const ENTRIES_PATH: &str = "/Personell/Time/TimeStampEntry";
/// Path of the token endpoint.
pub const LOGIN_PATH: &str = "/Login/Token";
/// Every request URL stays shorter than this.
pub const MAX_URL_LEN: usize = 2000;
/// Room kept in every URL for a renewed token longer than the current one.
const TOKEN_SLACK: usize = 256;
/// The most memory reserved up front for a body from its Content-Length.
const MAX_PREALLOC: u64 = 1 << 30;

/// The async client. Cheap to clone; clones share the connection pool and the token.
#[derive(Clone)]
pub struct AsyncClient {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AsyncClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsyncClient")
            .field("options", &self.inner.options)
            .finish()
    }
}

struct Inner {
    options: ClientOptions,
    http: reqwest::Client,
    auth: tokio::sync::Mutex<AuthState>,
    generation: AtomicU64,
    /// Logins attempted so far; lets callers that waited for a login see that it failed.
    login_attempts: AtomicU64,
}

/// The token cache, and the error of the last login when it failed.
#[derive(Clone, Default)]
struct AuthState {
    token: Option<TokenState>,
    last_login_error: Option<Error>,
}

#[derive(Clone)]
struct TokenState {
    token: Secret,
    obtained: Instant,
    generation: u64,
    from_login: bool,
}

/// A finished piece of a fetch: one date window for one group of employees.
#[derive(Clone, Debug)]
pub struct Piece {
    /// The piece's number, 0-based, in planning order.
    pub index: usize,
    /// How many pieces the fetch has.
    pub total: usize,
    /// The window's first work date.
    pub date_from: NaiveDate,
    /// The window's last work date (inclusive).
    pub date_to: NaiveDate,
    /// The employees of this piece (`None`: all).
    pub employees: Option<Arc<[String]>>,
    /// The entries, sorted, of the employees asked for only.
    pub entries: Vec<TimeStampEntry>,
    /// How many entries of employees not asked for the server sent and were dropped.
    pub dropped: usize,
}

/// Progress of a fetch: pieces done out of the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Pieces finished.
    pub done: usize,
    /// Pieces in all.
    pub total: usize,
}

struct PlannedPiece {
    index: usize,
    total: usize,
    date_from: NaiveDate,
    date_to: NaiveDate,
    employees: Option<Arc<[String]>>,
}

/// The outcome of one HTTP exchange that reached the server.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    /// The body, unless it was decoded into entries on the fly.
    body: bytes::Bytes,
    /// The entries of a 2xx data answer, decoded while the body arrived.
    entries: Option<Vec<TimeStampEntry>>,
}

impl AsyncClient {
    /// A client with these options (builds the HTTP stack; no network I/O).
    pub fn new(options: ClientOptions) -> Result<AsyncClient> {
        let http = build_http(&options)?;
        let initial = options.token.clone().map(|token| TokenState {
            token,
            obtained: Instant::now(),
            generation: 0,
            from_login: false,
        });
        Ok(AsyncClient {
            inner: Arc::new(Inner {
                options,
                http,
                auth: tokio::sync::Mutex::new(AuthState {
                    token: initial,
                    last_login_error: None,
                }),
                generation: AtomicU64::new(1),
                login_attempts: AtomicU64::new(0),
            }),
        })
    }

    /// A client from the `SOFTONE_*` environment variables.
    pub fn from_env() -> Result<AsyncClient> {
        AsyncClient::new(crate::config::ClientBuilder::from_env().build()?)
    }

    /// The options the client was made with.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// A client with the same options and the current token, but a new connection pool
    /// (for a child process after `fork()`, where the parent's connections are not ours).
    pub(crate) fn fresh_copy(&self) -> Result<AsyncClient> {
        let c = AsyncClient::new(self.inner.options.clone())?;
        if let (Ok(src), Ok(mut dst)) = (self.inner.auth.try_lock(), c.inner.auth.try_lock()) {
            dst.clone_from(&src);
        }
        Ok(c)
    }

    /// Log in now (normally done lazily), to check the credentials early.
    pub async fn login(&self) -> Result<()> {
        self.token().await.map(|_| ())
    }

    /// Every entry of the query, merged from all pieces and sorted by (employee, time).
    pub async fn time_stamp_entries(&self, query: &Query) -> Result<Vec<TimeStampEntry>> {
        self.time_stamp_entries_with_progress(query, |_| {}).await
    }

    /// Like [`AsyncClient::time_stamp_entries`], calling `on_progress` as pieces finish.
    pub async fn time_stamp_entries_with_progress(
        &self,
        query: &Query,
        on_progress: impl FnMut(Progress),
    ) -> Result<Vec<TimeStampEntry>> {
        Ok(self
            .time_stamp_entries_sorted(query, on_progress)
            .await?
            .into_vec())
    }

    /// Like [`AsyncClient::time_stamp_entries_with_progress`], leaving the entries where
    /// they were decoded, with the order that sorts them: for callers that copy every entry
    /// into objects of their own (as the bindings do), which then need no sorted vector.
    pub async fn time_stamp_entries_sorted(
        &self,
        query: &Query,
        mut on_progress: impl FnMut(Progress),
    ) -> Result<SortedEntries> {
        let mut pieces = self.pieces(query);
        let mut parts: Vec<(usize, Vec<TimeStampEntry>)> = Vec::new();
        while let Some(piece) = pieces.next().await {
            let piece = piece?;
            parts.push((piece.index, piece.entries));
            on_progress(Progress {
                done: parts.len(),
                total: piece.total,
            });
        }
        // In planning (date) order, an employee's entries usually arrive in time order, so
        // the order's check of each employee's run rarely has to sort it.
        parts.sort_unstable_by_key(|(index, _)| *index);
        Ok(SortedEntries::new(
            parts.into_iter().map(|(_, e)| e).collect(),
        ))
    }

    /// The fetch as a stream of finished pieces (each sorted), in the order they finish, at
    /// most `max_concurrency` in flight. Stops at the first error (which it yields).
    pub fn time_stamp_entry_pieces(&self, query: &Query) -> BoxStream<'static, Result<Piece>> {
        self.pieces(query)
            .map(|r| {
                r.map(|mut piece| {
                    sort_entries(&mut piece.entries);
                    piece
                })
            })
            .boxed()
    }

    /// The pieces as decoded (not sorted), as they finish; stops at the first error.
    fn pieces(&self, query: &Query) -> BoxStream<'static, Result<Piece>> {
        let this = self.clone();
        let query = query.clone();
        let concurrency = self.inner.options.max_concurrency;
        let warned = Arc::new(AtomicBool::new(false));
        stream::once(async move {
            let plan = this.plan(&query).await;
            (this, plan)
        })
        .flat_map(move |(this, plan)| match plan {
            Err(e) => stream::iter(vec![Err(e)]).boxed(),
            Ok(plan) => {
                let warned = warned.clone();
                stream::iter(plan)
                    .map(move |p| {
                        let this = this.clone();
                        let warned = warned.clone();
                        async move { this.fetch_piece(p, &warned).await }
                    })
                    .buffer_unordered(concurrency)
                    .boxed()
            }
        })
        .scan(false, |failed, r| {
            if *failed {
                return futures::future::ready(None);
            }
            *failed = r.is_err();
            futures::future::ready(Some(r))
        })
        .boxed()
    }

    /// Split the query into pieces; logs in first when employees must be grouped, since
    /// the token's length decides how many employee numbers fit in a URL.
    async fn plan(&self, query: &Query) -> Result<Vec<PlannedPiece>> {
        let windows = query.windows(self.inner.options.chunk_days);
        let groups: Vec<Option<Arc<[String]>>> = match query.employees() {
            None => vec![None],
            Some([]) => return Ok(Vec::new()),
            Some(list) => {
                let (token, _) = self.token().await?;
                let longest_date = "2026-05-07";
                let fixed = self
                    .entries_url(token.expose(), longest_date, longest_date, Some(""))
                    .len();
                let budget = MAX_URL_LEN
                    .saturating_sub(1)
                    .saturating_sub(fixed)
                    .saturating_sub(TOKEN_SLACK);
                group_employees(list, budget)?
                    .into_iter()
                    .map(Some)
                    .collect()
            }
        };
        let total = windows.len() * groups.len();
        let mut out = Vec::with_capacity(total);
        for (from, to) in windows {
            for g in &groups {
                out.push(PlannedPiece {
                    index: out.len(),
                    total,
                    date_from: from,
                    date_to: to,
                    employees: g.clone(),
                });
            }
        }
        Ok(out)
    }

    fn entries_url(&self, token: &str, from: &str, to: &str, employees: Option<&str>) -> String {
        let o = &self.inner.options;
        let mut u = String::with_capacity(256 + token.len() + employees.map_or(4, str::len));
        u.push_str(&o.base_url);
        u.push_str(ENTRIES_PATH);
        u.push_str("?companyApiKey=");
        encode_query_value(&mut u, o.company_api_key.expose(), false);
        u.push_str("&connectApiKey=");
        encode_query_value(&mut u, o.connect_api_key.expose(), false);
        u.push_str("&token=");
        encode_query_value(&mut u, token, false);
        u.push_str("&dateFrom=");
        u.push_str(from);
        u.push_str("&dateTo=");
        u.push_str(to);
        u.push_str("&employeeNrsStrings=");
        match employees {
            Some(e) => encode_query_value(&mut u, e, true),
            None => u.push_str("NULL"),
        }
        u
    }

    fn secrets(&self) -> Vec<&Secret> {
        let o = &self.inner.options;
        let mut v = vec![&o.company_api_key, &o.connect_api_key];
        if let Some(l) = &o.login {
            v.push(&l.password);
        }
        if let Some(t) = &o.token {
            v.push(t);
        }
        v
    }

    /// The current token, logging in when there is none or it is due for renewal.
    /// One login at a time: concurrent callers wait for it and share its token, or its
    /// failure (a refused login is never repeated by the callers that waited for it).
    async fn token(&self) -> Result<(Secret, u64)> {
        let attempts_before = self.inner.login_attempts.load(Ordering::Acquire);
        let mut guard = self.inner.auth.lock().await;
        if self.inner.login_attempts.load(Ordering::Acquire) != attempts_before {
            if let Some(e) = &guard.last_login_error {
                return Err(e.clone());
            }
        }
        if let Some(s) = guard.token.as_ref() {
            let fresh =
                !s.from_login || s.obtained.elapsed() < self.inner.options.token_renew_after;
            if fresh || self.inner.options.login.is_none() {
                return Ok((s.token.clone(), s.generation));
            }
        }
        let result = self.do_login().await;
        self.inner.login_attempts.fetch_add(1, Ordering::AcqRel);
        let token = match result {
            Ok(t) => t,
            Err(e) => {
                guard.token = None;
                guard.last_login_error = Some(e.clone());
                return Err(e);
            }
        };
        let generation = self.inner.generation.fetch_add(1, Ordering::Relaxed);
        guard.last_login_error = None;
        guard.token = Some(TokenState {
            token: token.clone(),
            obtained: Instant::now(),
            generation,
            from_login: true,
        });
        Ok((token, generation))
    }

    /// Forget the token of `generation` (after the server refused it), unless it was
    /// already replaced. Returns whether a new token can be had by logging in.
    async fn invalidate(&self, generation: u64) -> bool {
        if self.inner.options.login.is_none() {
            return false;
        }
        let mut guard = self.inner.auth.lock().await;
        if guard
            .token
            .as_ref()
            .is_some_and(|s| s.generation == generation)
        {
            guard.token = None;
        }
        true
    }

    async fn do_login(&self) -> Result<Secret> {
        let o = &self.inner.options;
        let Some(login) = &o.login else {
            return Err(Error::new(
                ErrorKind::Authentication,
                "no valid token and no login credentials to get one: set license, username and password",
            ));
        };
        let mut url = format!("{}{}?companyApiKey=", o.base_url, LOGIN_PATH);
        encode_query_value(&mut url, o.company_api_key.expose(), false);
        url.push_str("&connectApiKey=");
        encode_query_value(&mut url, o.connect_api_key.expose(), false);
        let body = serde_json::json!({
            "License": login.license.expose(),
            "UserName": login.username.expose(),
            "Password": login.password.expose(),
        })
        .to_string();
        let span = tracing::info_span!("softone.login", url = %redact_url(&url));
        async {
            let answer = self
                .with_retries("login", &url, false, || {
                    self.inner
                        .http
                        .post(&url)
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(body.clone())
                })
                .await?;
            let redacted = redact_url(&url);
            if answer.status == StatusCode::UNAUTHORIZED {
                let msg = self.server_message(&answer.body);
                return Err(Error::new(
                    ErrorKind::Authentication,
                    format!(
                        "login refused with HTTP 401{}: check company_api_key and connect_api_key",
                        msg.as_deref().map(|m| format!(" ({m})")).unwrap_or_default()
                    ),
                )
                .with_status(401)
                .with_server_message(msg)
                .with_url(redacted));
            }
            if !answer.status.is_success() {
                return Err(self.status_error("login", &answer, &redacted, 1));
            }
            let (token, message) = read_login_answer(&answer.body).map_err(|why| {
                Error::new(ErrorKind::Decode, format!("the login answer is not a login object: {why}"))
                    .with_status(answer.status.as_u16())
                    .with_url(redacted.clone())
            })?;
            let message = message.map(|m| scrub(&m, &self.secrets()));
            match token {
                Some(t) if !t.is_empty() => {
                    tracing::debug!("login succeeded");
                    Ok(Secret::new(t))
                }
                _ => {
                    tracing::warn!(message = message.as_deref().unwrap_or(""), "login refused");
                    Err(Error::new(
                        ErrorKind::Authentication,
                        format!(
                            "login refused by SoftOne GO: {} (check the API keys, license, user name, password and the user's XEConnect permission; a failed login is not retried)",
                            message.as_deref().unwrap_or("no token and no message in the answer")
                        ),
                    )
                    .with_status(answer.status.as_u16())
                    .with_server_message(message)
                    .with_url(redacted))
                }
            }
        }
        .instrument(span)
        .await
    }

    async fn fetch_piece(&self, p: PlannedPiece, warned: &AtomicBool) -> Result<Piece> {
        let from = p.date_from.format("%Y-%m-%d").to_string();
        let to = p.date_to.format("%Y-%m-%d").to_string();
        let joined = p.employees.as_ref().map(|e| e.join(","));
        let span = tracing::info_span!("softone.piece", index = p.index, total = p.total, date_from = %from, date_to = %to);
        async {
            let mut reauthenticated = false;
            loop {
                let (token, generation) = self.token().await?;
                let url = self.entries_url(token.expose(), &from, &to, joined.as_deref());
                let redacted = redact_url(&url);
                let answer = self
                    .with_retries("time stamp entries", &url, true, || self.inner.http.get(&url))
                    .await
                    .map_err(|e| {
                        if e.kind() == ErrorKind::Decode {
                            e.with_url(redacted.clone())
                                .map_message(|m| format!("{m} (GET {redacted})"))
                        } else {
                            e
                        }
                    })?;
                if answer.status == StatusCode::UNAUTHORIZED {
                    let msg = self.server_message(&answer.body);
                    if !reauthenticated && self.invalidate(generation).await {
                        tracing::info!(url = %redacted, "token refused (401), logging in again");
                        reauthenticated = true;
                        continue;
                    }
                    return Err(Error::new(
                        ErrorKind::Authentication,
                        format!(
                            "SoftOne GO refused the token (HTTP 401{}){}",
                            msg.as_deref().map(|m| format!(": {m}")).unwrap_or_default(),
                            if reauthenticated {
                                " right after a fresh login: check the API keys and the user's permissions"
                            } else {
                                ""
                            }
                        ),
                    )
                    .with_status(401)
                    .with_server_message(msg)
                    .with_url(redacted));
                }
                if !answer.status.is_success() {
                    return Err(self.status_error(
                        "time stamp entries",
                        &answer,
                        &redacted,
                        self.inner.options.max_retries + 1,
                    ));
                }
                let mut entries = answer.entries.unwrap_or_default();
                let mut dropped = 0;
                if let Some(wanted) = &p.employees {
                    let set: HashSet<&str> = wanted.iter().map(String::as_str).collect();
                    let before = entries.len();
                    entries.retain(|e| set.contains(e.employee_nr.as_str()));
                    dropped = before - entries.len();
                    if dropped > 0 && !warned.swap(true, Ordering::Relaxed) {
                        tracing::warn!(dropped, url = %redacted, "the server returned entries of employees that were not asked for; they were dropped");
                    }
                }
                return Ok(Piece {
                    index: p.index,
                    total: p.total,
                    date_from: p.date_from,
                    date_to: p.date_to,
                    employees: p.employees.clone(),
                    entries,
                    dropped,
                });
            }
        }
        .instrument(span)
        .await
    }

    /// Send a request, retrying transport failures and 429/500/502/503/504 with jittered
    /// exponential backoff and `Retry-After`. Returns the final answer whatever its status.
    async fn with_retries(
        &self,
        what: &str,
        url: &str,
        decode_entries: bool,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Answer> {
        let o = &self.inner.options;
        let redacted = redact_url(url);
        let mut attempt: u32 = 0;
        loop {
            let outcome = self.send_once(build(), &redacted, decode_entries).await;
            let (retry_after, failure) = match &outcome {
                Ok(a) if is_retryable_status(a.status) => (
                    parse_retry_after(&a.headers),
                    format!("HTTP {}", a.status.as_u16()),
                ),
                Ok(_) => return outcome,
                Err(e) if e.kind().is_transient() => (None, e.message().to_string()),
                Err(_) => return outcome,
            };
            if attempt >= o.max_retries {
                return match outcome {
                    Ok(a) => Err(self.status_error(what, &a, &redacted, attempt + 1)),
                    Err(e) => {
                        Err(e.map_message(|m| format!("{m} (after {} attempts)", attempt + 1)))
                    }
                };
            }
            if let Some(ra) = retry_after {
                if ra > o.max_retry_after {
                    return match outcome {
                        Ok(a) => Err(self.status_error(what, &a, &redacted, attempt + 1)),
                        Err(e) => Err(e),
                    };
                }
            }
            let delay =
                retry_after.unwrap_or_else(|| backoff(o.backoff_base, o.backoff_cap, attempt));
            tracing::warn!(attempt = attempt + 1, delay_ms = delay.as_millis() as u64, url = %redacted, failure = %failure, "retrying {what}");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Send one request and read its answer. With `decode_entries`, a 2xx body is decoded
    /// into entries chunk by chunk as it arrives (the body itself is never held whole);
    /// any other body is read into memory. The read is bounded by the request timeout.
    async fn send_once(
        &self,
        req: reqwest::RequestBuilder,
        redacted: &str,
        decode_entries: bool,
    ) -> Result<Answer> {
        let mut resp = req
            .send()
            .await
            .map_err(|e| self.transport_error(e, redacted))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let expected = resp.content_length().unwrap_or(0).min(MAX_PREALLOC) as usize;
        if decode_entries && status.is_success() {
            let mut decoder = EntryDecoder::with_size_hint(expected);
            while let Some(chunk) = resp
                .chunk()
                .await
                .map_err(|e| self.transport_error(e, redacted))?
            {
                decoder.feed(&chunk)?;
            }
            return Ok(Answer {
                status,
                headers,
                body: bytes::Bytes::new(),
                entries: Some(decoder.finish()?),
            });
        }
        // Copy chunks into one buffer as they arrive, sized from Content-Length, so a body
        // is never held twice (collecting all chunks and then joining them would).
        let mut buf = Vec::with_capacity(expected.min(1 << 20));
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| self.transport_error(e, redacted))?
        {
            buf.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            headers,
            body: bytes::Bytes::from(buf),
            entries: None,
        })
    }

    fn transport_error(&self, e: reqwest::Error, redacted: &str) -> Error {
        let kind = if e.is_timeout() {
            ErrorKind::Timeout
        } else {
            ErrorKind::Transport
        };
        let timeout = e.is_timeout();
        let connect = e.is_connect();
        let e = e.without_url();
        let mut chain = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            let t = s.to_string();
            if !chain.contains(&t) {
                chain.push_str(": ");
                chain.push_str(&t);
            }
            src = s.source();
        }
        let chain = scrub(&chain, &self.secrets());
        let o = &self.inner.options;
        let msg = if timeout {
            format!(
                "request timed out (connect timeout {:?}, request timeout {:?}): GET {redacted}: {chain}",
                o.connect_timeout, o.timeout
            )
        } else if connect {
            format!("could not connect to {}: {chain}", o.base_url)
        } else {
            format!("the connection failed during {redacted}: {chain}")
        };
        Error::new(kind, msg).with_url(redacted.to_string())
    }

    fn server_message(&self, body: &[u8]) -> Option<String> {
        server_message(body).map(|m| scrub(&m, &self.secrets()))
    }

    fn status_error(&self, what: &str, a: &Answer, redacted: &str, attempts: u32) -> Error {
        let status = a.status.as_u16();
        let msg = self.server_message(&a.body);
        let retry_after = parse_retry_after(&a.headers);
        let kind = if status == 429 {
            ErrorKind::RateLimited
        } else {
            ErrorKind::Api
        };
        let mut text = if status == 429 {
            format!("SoftOne GO is rate limiting {what} requests (HTTP 429)")
        } else {
            format!(
                "SoftOne GO answered {what} with HTTP {status}{}",
                a.status
                    .canonical_reason()
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default()
            )
        };
        if let Some(m) = &msg {
            text.push_str(": ");
            text.push_str(m);
        }
        if attempts > 1 {
            text.push_str(&format!(" (after {attempts} attempts)"));
        }
        if let Some(ra) = retry_after {
            text.push_str(&format!("; the server asks to wait {} s", ra.as_secs()));
        }
        text.push_str(&format!(" [{redacted}]"));
        Error::new(kind, text)
            .with_status(status)
            .with_server_message(msg)
            .with_url(redacted.to_string())
            .with_retry_after(retry_after)
    }
}

fn build_http(o: &ClientOptions) -> Result<reqwest::Client> {
    let mut ua = format!("softone-go/{} (rust)", crate::VERSION);
    if let Some(s) = &o.user_agent_suffix {
        ua.push(' ');
        ua.push_str(s);
    }
    let mut b = reqwest::Client::builder()
        .user_agent(ua)
        .timeout(o.timeout)
        .connect_timeout(o.connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(Duration::from_secs(50));
    b = match &o.proxy {
        ProxyConfig::Environment => b,
        ProxyConfig::None => b.no_proxy(),
        ProxyConfig::Url(u) => b.proxy(
            reqwest::Proxy::all(u)
                .map_err(|e| Error::invalid(format!("proxy is not usable: {e}")))?,
        ),
    };
    if let Some(path) = &o.extra_ca_pem {
        let pem = std::fs::read(path).map_err(|e| {
            Error::invalid(format!(
                "cannot read the extra CA bundle {}: {e}",
                path.display()
            ))
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            Error::invalid(format!(
                "the extra CA bundle {} is not PEM certificates: {e}",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(Error::invalid(format!(
                "the extra CA bundle {} holds no certificate",
                path.display()
            )));
        }
        for c in certs {
            b = b.add_root_certificate(c);
        }
    }
    b.build().map_err(|e| {
        Error::new(
            ErrorKind::Transport,
            format!("cannot set up the HTTP client: {e}"),
        )
    })
}

fn is_retryable_status(s: StatusCode) -> bool {
    matches!(s.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2^attempt)].
fn backoff(base: Duration, cap: Duration, attempt: u32) -> Duration {
    let ceiling = base.saturating_mul(1u32 << attempt.min(20)).min(cap);
    ceiling.mul_f64(fastrand::f64())
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = h.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The server's own message in an error body: a bare JSON string, an object's
/// `message`/`Message`, or short plain text.
pub(crate) fn server_message(body: &[u8]) -> Option<String> {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        let m = match &v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(map) => map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("message") || k.eq_ignore_ascii_case("error"))
                .and_then(|(_, v)| v.as_str().map(str::to_string)),
            _ => None,
        };
        return m.filter(|s| !s.trim().is_empty());
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let plain: String = if text.starts_with('<') {
        // An HTML error page: keep its text, not its markup.
        let mut out = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    };
    let mut short: String = plain.chars().take(300).collect();
    if short.len() < plain.len() {
        short.push('…');
    }
    Some(short)
}

fn read_login_answer(body: &[u8]) -> std::result::Result<(Option<String>, Option<String>), String> {
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let obj = v
        .as_object()
        .ok_or_else(|| "expected a JSON object".to_string())?;
    let get = |name: &str| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.as_str().map(str::to_string))
    };
    Ok((get("token"), get("message")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_messages_in_every_form() {
        assert_eq!(
            server_message(br#""Anropet saknar Token""#).as_deref(),
            Some("Anropet saknar Token")
        );
        assert_eq!(
            server_message(br#"{"message":"boom"}"#).as_deref(),
            Some("boom")
        );
        assert_eq!(
            server_message(br#"{"Message":"Boom"}"#).as_deref(),
            Some("Boom")
        );
        assert_eq!(
            server_message(b"<html><body><h1>404.15</h1> too long</body></html>").as_deref(),
            Some("404.15 too long")
        );
        assert_eq!(server_message(b""), None);
        assert_eq!(server_message(&[b'x'; 1000]).unwrap().chars().count(), 301);
    }

    #[test]
    fn backoff_is_bounded() {
        for a in 0..30 {
            let d = backoff(Duration::from_millis(500), Duration::from_secs(30), a);
            assert!(d <= Duration::from_secs(30));
            assert!(d <= Duration::from_millis(500) * (1 << a.min(20)));
        }
    }

    #[test]
    fn retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(parse_retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(parse_retry_after(&h), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(parse_retry_after(&h), None);
    }
}
