//! A faithful local simulator of the SoftOne GO API (`POST /Login/Token` and
//! `GET /Personell/Time/TimeStampEntry`), with seeded synthetic data, the vendor document's
//! examples, token lifetimes, fault injection and a request log.
//!
//! [`Simulator::start`] runs the server on its own thread with its own tokio runtime, so it
//! can be used from synchronous code, from any async runtime, and from language bindings.

#![warn(missing_docs)]

mod data;
mod server;

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;
use serde::Serialize;

/// The credentials the simulator accepts (all fake; safe to print in a demo).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Company API key (query parameter `companyApiKey`).
    pub company_api_key: String,
    /// Integration API key (query parameter `connectApiKey`).
    pub connect_api_key: String,
    /// License name sent in the login body.
    pub license: String,
    /// User name sent in the login body.
    pub username: String,
    /// Password sent in the login body.
    pub password: String,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            company_api_key: "3f8e2a6c-51d4-4b7e-9c0a-6d2b1e7f4a93".to_string(),
            connect_api_key: "b7c41d09-8e2f-4a6b-a3d5-0f9e8c7b6a12".to_string(),
            license: "SIM-LICENSE".to_string(),
            username: "integration".to_string(),
            password: "sim-password-1".to_string(),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("company_api_key", &"***")
            .field("connect_api_key", &"***")
            .field("license", &self.license)
            .field("username", &self.username)
            .field("password", &"***")
            .finish()
    }
}

/// How `TimeStampEntryType` is written in data answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EntryTypeStyle {
    /// Every entry type is `0`, as the real GET endpoint answers.
    #[default]
    Zero,
    /// `1` for In, `2` for Out (`0` unknown), the wire enum.
    Integer,
    /// `"In"` / `"Out"` / `"Unknown"`, as the document shows.
    String,
}

/// JSON key casing of data answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyCase {
    /// `EmployeeNr`, as the document shows.
    #[default]
    Pascal,
    /// `employeeNr`.
    Camel,
}

/// Everything that configures a simulator.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// Address to listen on (default 127.0.0.1).
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free port.
    pub port: u16,
    /// Number of synthetic employees (default 50).
    pub employees: u32,
    /// Number of synthetic days (default 31).
    pub days: u32,
    /// Seed of the synthetic data (default 7).
    pub seed: u64,
    /// First synthetic work date (default 2026-05-01).
    pub start_date: NaiveDate,
    /// The credentials the simulator accepts.
    pub credentials: Credentials,
    /// A new token must be used for the first time within this long after issue (default 60 s).
    pub token_activation_window: Duration,
    /// A token is rejected this long after its creation, however it is used (default 60 min).
    pub token_max_age: Duration,
    /// A token is rejected after this long without use (default 60 min, sliding).
    pub token_idle_timeout: Duration,
    /// Delay before answering a failed login (default 2 s, as the real server).
    pub login_failure_delay: Duration,
    /// How `TimeStampEntryType` is written.
    pub entry_type_style: EntryTypeStyle,
    /// JSON key casing of data answers.
    pub key_case: KeyCase,
    /// Longest raw query string accepted (default 2048); longer ones get IIS's 404.15.
    pub max_query_len: usize,
    /// Latency added to every data request (default 0).
    pub latency: Duration,
    /// Server time added per entry returned, for benchmarks (default 0).
    pub per_entry_cost: Duration,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        SimulatorConfig {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            employees: 50,
            days: 31,
            seed: 7,
            start_date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
            credentials: Credentials::default(),
            token_activation_window: Duration::from_secs(60),
            token_max_age: Duration::from_secs(60 * 60),
            token_idle_timeout: Duration::from_secs(60 * 60),
            login_failure_delay: Duration::from_secs(2),
            entry_type_style: EntryTypeStyle::Zero,
            key_case: KeyCase::Pascal,
            max_query_len: 2048,
            latency: Duration::ZERO,
            per_entry_cost: Duration::ZERO,
        }
    }
}

/// Which requests a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Endpoint {
    /// `POST /Login/Token`.
    Login,
    /// `GET /Personell/Time/TimeStampEntry`.
    #[default]
    Data,
    /// Both.
    Any,
}

/// A fault the simulator can inject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer this status, with an optional `Retry-After` and body (default: the realistic one).
    Status {
        /// HTTP status code.
        status: u16,
        /// Value of the `Retry-After` header, if any.
        retry_after: Option<String>,
        /// Body to send instead of the realistic default.
        body: Option<String>,
    },
    /// Wait, then answer normally.
    Delay(Duration),
    /// Send the headers with the full Content-Length and half the body, then close.
    DropMidBody,
    /// A complete 200 answer whose JSON body is cut in the middle.
    Truncated,
    /// A complete 200 answer whose body is not valid JSON.
    Malformed,
    /// Valid JSON that is not the documented shape.
    WrongShape,
    /// Login answers HTTP 200 with no token and this message.
    LoginFailure {
        /// The login failure message.
        message: String,
    },
    /// The data answer adds an entry of employee "999999" that was not asked for.
    ExtraEmployee,
}

/// A queued fault: applies to the next `times` matching requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    /// The fault to inject.
    pub fault: Fault,
    /// Which requests it applies to.
    pub endpoint: Endpoint,
    /// How many matching requests it applies to.
    pub times: u32,
}

/// One request the simulator answered (secrets redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Request path as sent.
    pub path: String,
    /// Raw query string with `companyApiKey`, `connectApiKey` and `token` values as `***`.
    pub query: String,
    /// Status code answered.
    pub status: u16,
    /// Length of the raw query string before redaction.
    pub query_len: usize,
    /// Employee numbers asked for; `None` means all employees.
    pub employees: Option<Vec<String>>,
    /// Raw `dateFrom` value, if any.
    pub date_from: Option<String>,
    /// Raw `dateTo` value, if any.
    pub date_to: Option<String>,
}

/// Locks a mutex, ignoring poisoning (the data stays usable).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running simulator; stops when dropped.
pub struct Simulator {
    shared: Arc<server::Shared>,
    addr: SocketAddr,
    shutdown: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .finish()
    }
}

impl Simulator {
    /// Generates the data, binds, and serves on a background thread; returns once listening.
    pub fn start(config: SimulatorConfig) -> std::io::Result<Simulator> {
        let listener = std::net::TcpListener::bind((config.host, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let data = data::Dataset::generate(&config);
        let (tx, rx) = tokio::sync::watch::channel(false);
        let shared = Arc::new(server::Shared::new(config, data, rx.clone()));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<std::io::Result<()>>();
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("softone-go-simulator".to_string())
            .spawn(move || server::run(listener, thread_shared, rx, ready_tx))?;
        let ready = ready_rx.recv();
        let mut sim = Simulator {
            shared,
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        };
        match ready {
            Ok(Ok(())) => Ok(sim),
            Ok(Err(e)) => {
                sim.shutdown_and_join();
                Err(e)
            }
            Err(_) => {
                sim.shutdown_and_join();
                Err(std::io::Error::other(
                    "simulator thread exited during start",
                ))
            }
        }
    }

    /// Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn url(&self) -> String {
        match self.addr {
            SocketAddr::V4(a) => format!("http://{}:{}", a.ip(), a.port()),
            SocketAddr::V6(a) => format!("http://[{}]:{}", a.ip(), a.port()),
        }
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The credentials the simulator accepts.
    pub fn credentials(&self) -> &Credentials {
        &self.shared.cfg.credentials
    }

    /// Queues a fault.
    pub fn inject(&self, rule: FaultRule) {
        self.shared.inject(rule);
    }

    /// Queues a fault given in the admin route's JSON form, e.g.
    /// `{"fault":"status","status":503,"retry_after":"1","endpoint":"data","times":2}`
    /// (for bindings and tests in other languages).
    pub fn inject_json(&self, json: &str) -> Result<(), String> {
        let rule = server::fault_rule_from_json(json.as_bytes())?;
        self.shared.inject(rule);
        Ok(())
    }

    /// The request log (redacted) as a JSON array, oldest first.
    pub fn requests_json(&self) -> String {
        serde_json::to_string(&self.requests()).unwrap_or_else(|_| "[]".to_string())
    }

    /// Removes every queued fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Sets the latency added to every data request.
    pub fn set_latency(&self, d: Duration) {
        self.shared.set_latency(d);
    }

    /// Invalidates every issued token (the next data request answers 401).
    pub fn revoke_tokens(&self) {
        lock(&self.shared.tokens).clear();
    }

    /// The request log, oldest first (secrets redacted; admin requests not included).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).clone()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        lock(&self.shared.log).clear();
    }

    /// Number of `POST /Login/Token` requests in the log.
    pub fn login_count(&self) -> usize {
        lock(&self.shared.log)
            .iter()
            .filter(|r| server::is_login(r))
            .count()
    }

    /// Number of `GET` data requests in the log.
    pub fn data_request_count(&self) -> usize {
        lock(&self.shared.log)
            .iter()
            .filter(|r| server::is_data(r))
            .count()
    }

    /// Number of entries in the simulated company (synthetic plus the document's examples).
    pub fn entry_count(&self) -> usize {
        self.shared.data.len()
    }

    /// Stops gracefully and joins the server thread (dropping does the same).
    pub fn stop(self) {
        drop(self);
    }

    fn shutdown_and_join(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.shutdown_and_join();
    }
}
