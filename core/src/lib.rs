//! # softone-go
//!
//! A client for the SoftOne GO `GET /Personell/Time/TimeStampEntry` endpoint: it logs in
//! with the two API keys and the login triple, keeps the short-lived token fresh, splits a
//! date range and employee list into requests that fit the server's limits, fetches them
//! concurrently with retries, and returns typed, sorted entries.
//!
//! ```no_run
//! use softone_go::{Client, ClientOptions, Query};
//! let client = Client::new(
//!     ClientOptions::builder()
//!         .company_api_key("…").connect_api_key("…")
//!         .login("license", "user", "password")
//!         .build()?,
//! )?;
//! let q = Query::parse("2026-05-07", "2026-05-07")?.with_employees(["107"])?;
//! for e in client.time_stamp_entries(&q)? {
//!     println!("{} {} {}", e.employee_nr, e.time_stamp, e.entry_type);
//! }
//! # Ok::<(), softone_go::Error>(())
//! ```

mod blocking;
mod client;
mod config;
mod error;
mod model;
mod parse;
mod query;
mod secret;

pub use blocking::Client;
pub use client::{AsyncClient, Piece, Progress, ENTRIES_PATH, LOGIN_PATH, MAX_URL_LEN};
pub use config::{ClientBuilder, ClientOptions, LoginCredentials, ProxyConfig, DEFAULT_BASE_URL};
pub use error::{Error, ErrorKind, Result};
pub use model::{
    compare_employee_nr, drop_in_background, merge_entries, sort_entries, Account, EntryType,
    SharedStr, SortedEntries, TimeStampEntry, Timestamp,
};
pub use parse::{parse_entries, EntryDecoder};
pub use query::{parse_date, Query};
pub use secret::{redact_url, Secret};

/// The library's version, as in the user agent.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
