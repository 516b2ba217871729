//! Client options, their builder and their validation, and `from_env`.

use crate::error::{Error, Result};
use crate::secret::Secret;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The production base URL of the SoftOne GO external API.
pub const DEFAULT_BASE_URL: &str = "https://apiexternal.softone.se";

/// The login triple that `POST /Login/Token` takes.
#[derive(Clone)]
pub struct LoginCredentials {
    /// The company's license (`License`).
    pub license: Secret,
    /// The API user's name (`UserName`).
    pub username: Secret,
    /// The API user's password (`Password`).
    pub password: Secret,
}

impl fmt::Debug for LoginCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LoginCredentials { license: ***, username: ***, password: *** }")
    }
}

/// How the client finds an HTTP proxy.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum ProxyConfig {
    /// The standard `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` variables.
    #[default]
    Environment,
    /// No proxy, whatever the environment says.
    None,
    /// This proxy URL for every request.
    Url(String),
}

/// Every setting of a client. Build with [`ClientOptions::builder`]; all checks happen in
/// [`ClientBuilder::build`], before any network I/O.
#[derive(Clone)]
pub struct ClientOptions {
    pub(crate) company_api_key: Secret,
    pub(crate) connect_api_key: Secret,
    pub(crate) login: Option<LoginCredentials>,
    pub(crate) token: Option<Secret>,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) backoff_base: Duration,
    pub(crate) backoff_cap: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) chunk_days: u32,
    pub(crate) max_concurrency: usize,
    pub(crate) user_agent_suffix: Option<String>,
    pub(crate) allow_insecure_http: bool,
    pub(crate) proxy: ProxyConfig,
    pub(crate) extra_ca_pem: Option<PathBuf>,
    pub(crate) token_renew_after: Duration,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = |b: bool| if b { "set" } else { "unset" };
        f.debug_struct("ClientOptions")
            .field("base_url", &self.base_url)
            .field("company_api_key", &set(!self.company_api_key.is_empty()))
            .field("connect_api_key", &set(!self.connect_api_key.is_empty()))
            .field("login", &set(self.login.is_some()))
            .field("token", &set(self.token.is_some()))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("chunk_days", &self.chunk_days)
            .field("max_concurrency", &self.max_concurrency)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
    }
}

impl ClientOptions {
    /// Start building options.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
    /// Whether a login triple is set (so the client can get new tokens).
    pub fn has_login(&self) -> bool {
        self.login.is_some()
    }
    /// Whether a ready token was given.
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }
    /// Whether both API keys are set (always true for built options).
    pub fn has_api_keys(&self) -> bool {
        !self.company_api_key.is_empty() && !self.connect_api_key.is_empty()
    }
    /// The request timeout (connect to last body byte).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }
    /// How many times a failed request is sent again.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }
    /// Days per request window (0: one window for the whole range).
    pub fn chunk_days(&self) -> u32 {
        self.chunk_days
    }
    /// Requests in flight at most per fetch.
    pub fn max_concurrency(&self) -> usize {
        self.max_concurrency
    }
}

/// Builder of [`ClientOptions`], with the documented defaults.
#[derive(Clone)]
pub struct ClientBuilder {
    company_api_key: Option<String>,
    connect_api_key: Option<String>,
    license: Option<String>,
    username: Option<String>,
    password: Option<String>,
    token: Option<String>,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    max_retries: u32,
    backoff_base: Duration,
    backoff_cap: Duration,
    max_retry_after: Duration,
    chunk_days: u32,
    max_concurrency: usize,
    user_agent_suffix: Option<String>,
    allow_insecure_http: bool,
    proxy: ProxyConfig,
    extra_ca_pem: Option<PathBuf>,
    token_renew_after: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            company_api_key: None,
            connect_api_key: None,
            license: None,
            username: None,
            password: None,
            token: None,
            base_url: DEFAULT_BASE_URL.to_string(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            max_retries: 3,
            backoff_base: Duration::from_millis(500),
            backoff_cap: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            chunk_days: 7,
            max_concurrency: 4,
            user_agent_suffix: None,
            allow_insecure_http: false,
            proxy: ProxyConfig::Environment,
            extra_ca_pem: None,
            token_renew_after: Duration::from_secs(55 * 60),
        }
    }
}

macro_rules! setter {
    ($(#[$doc:meta])* $name:ident: $ty:ty) => {
        $(#[$doc])*
        pub fn $name(mut self, v: $ty) -> Self {
            self.$name = v;
            self
        }
    };
}

impl ClientBuilder {
    /// A builder filled from the environment: `SOFTONE_COMPANY_API_KEY`,
    /// `SOFTONE_CONNECT_API_KEY`, `SOFTONE_LICENSE`, `SOFTONE_USERNAME`, `SOFTONE_PASSWORD`,
    /// `SOFTONE_TOKEN`, `SOFTONE_BASE_URL`, `SOFTONE_CA_BUNDLE` (unset ones are left as they are).
    pub fn from_env() -> Self {
        ClientBuilder::default().env_overrides(|k| std::env::var(k).ok())
    }

    fn env_overrides(mut self, get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| get(k).filter(|v| !v.is_empty());
        if let Some(v) = get("SOFTONE_COMPANY_API_KEY") {
            self.company_api_key = Some(v);
        }
        if let Some(v) = get("SOFTONE_CONNECT_API_KEY") {
            self.connect_api_key = Some(v);
        }
        if let Some(v) = get("SOFTONE_LICENSE") {
            self.license = Some(v);
        }
        if let Some(v) = get("SOFTONE_USERNAME") {
            self.username = Some(v);
        }
        if let Some(v) = get("SOFTONE_PASSWORD") {
            self.password = Some(v);
        }
        if let Some(v) = get("SOFTONE_TOKEN") {
            self.token = Some(v);
        }
        if let Some(v) = get("SOFTONE_BASE_URL") {
            self.base_url = v;
        }
        if let Some(v) = get("SOFTONE_CA_BUNDLE") {
            self.extra_ca_pem = Some(PathBuf::from(v));
        }
        self
    }

    /// The company API key (`companyApiKey`, a GUID).
    pub fn company_api_key(mut self, v: impl Into<String>) -> Self {
        self.company_api_key = Some(v.into());
        self
    }
    /// The integration's API key (`connectApiKey`, a GUID).
    pub fn connect_api_key(mut self, v: impl Into<String>) -> Self {
        self.connect_api_key = Some(v.into());
        self
    }
    /// The login triple, so the client can get and renew tokens itself.
    pub fn login(
        mut self,
        license: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.license = Some(license.into());
        self.username = Some(username.into());
        self.password = Some(password.into());
        self
    }
    /// The company's license (part of the login triple).
    pub fn license(mut self, v: impl Into<String>) -> Self {
        self.license = Some(v.into());
        self
    }
    /// The API user's name (part of the login triple).
    pub fn username(mut self, v: impl Into<String>) -> Self {
        self.username = Some(v.into());
        self
    }
    /// The API user's password (part of the login triple).
    pub fn password(mut self, v: impl Into<String>) -> Self {
        self.password = Some(v.into());
        self
    }
    /// A ready token; used until the server refuses it (then the login triple, if set).
    pub fn token(mut self, v: impl Into<String>) -> Self {
        self.token = Some(v.into());
        self
    }
    /// The base URL (default `https://apiexternal.softone.se`).
    pub fn base_url(mut self, v: impl Into<String>) -> Self {
        self.base_url = v.into();
        self
    }
    setter!(/// The timeout of one request, from connect to the last body byte (default 60 s).
        timeout: Duration);
    setter!(/// The connect timeout (default 10 s).
        connect_timeout: Duration);
    setter!(/// How many times a failed request is sent again (default 3).
        max_retries: u32);
    setter!(/// The first backoff delay before jitter (default 0.5 s).
        backoff_base: Duration);
    setter!(/// The longest backoff delay (default 30 s).
        backoff_cap: Duration);
    setter!(/// The longest `Retry-After` wait honoured; a longer one fails at once (default 120 s).
        max_retry_after: Duration);
    setter!(/// Days per request window (default 7; 0 = one window for the whole range).
        chunk_days: u32);
    setter!(/// Requests in flight at most per fetch (default 4).
        max_concurrency: usize);
    setter!(/// Allow `http://` to hosts other than loopback (default false: credentials stay on TLS).
        allow_insecure_http: bool);
    setter!(/// How to find a proxy (default: the standard environment variables).
        proxy: ProxyConfig);
    setter!(/// Log in again after this long, before the server's hour is up (default 55 min).
        token_renew_after: Duration);

    /// Text appended to the user agent, such as `python/3.11`.
    pub fn user_agent_suffix(mut self, v: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(v.into());
        self
    }
    /// A PEM file of extra CA certificates to trust beside the system's (TLS inspection).
    pub fn extra_ca_pem(mut self, v: impl Into<PathBuf>) -> Self {
        self.extra_ca_pem = Some(v.into());
        self
    }

    /// Check everything and produce the options; fails with an invalid-argument error that
    /// names the setting (never its value).
    pub fn build(self) -> Result<ClientOptions> {
        let key = |name: &str, env: &str, v: Option<String>| -> Result<Secret> {
            let v = v.unwrap_or_default();
            if v.trim().is_empty() {
                return Err(Error::invalid(format!(
                    "{name} is required (pass it, or set {env})"
                )));
            }
            check_text(name, &v)?;
            Ok(Secret::new(v))
        };
        let company_api_key = key(
            "company_api_key",
            "SOFTONE_COMPANY_API_KEY",
            self.company_api_key,
        )?;
        let connect_api_key = key(
            "connect_api_key",
            "SOFTONE_CONNECT_API_KEY",
            self.connect_api_key,
        )?;
        let given = [&self.license, &self.username, &self.password]
            .iter()
            .filter(|v| v.as_deref().is_some_and(|s| !s.is_empty()))
            .count();
        let login = match given {
            0 => None,
            3 => {
                let l = self.license.unwrap_or_default();
                let u = self.username.unwrap_or_default();
                let p = self.password.unwrap_or_default();
                check_text("license", &l)?;
                check_text("username", &u)?;
                Some(LoginCredentials {
                    license: Secret::new(l),
                    username: Secret::new(u),
                    password: Secret::new(p),
                })
            }
            _ => {
                return Err(Error::invalid(
                    "license, username and password go together: set all three (SOFTONE_LICENSE, SOFTONE_USERNAME, SOFTONE_PASSWORD) or none",
                ))
            }
        };
        let token = match self.token.filter(|t| !t.is_empty()) {
            Some(t) => {
                check_text("token", &t)?;
                Some(Secret::new(t))
            }
            None => None,
        };
        if login.is_none() && token.is_none() {
            return Err(Error::invalid(
                "credentials are missing: give license, username and password (SOFTONE_LICENSE, SOFTONE_USERNAME, SOFTONE_PASSWORD) or a ready token (SOFTONE_TOKEN)",
            ));
        }
        let base_url = check_base_url(&self.base_url, self.allow_insecure_http)?;
        if self.timeout.is_zero() {
            return Err(Error::invalid("timeout must be greater than zero"));
        }
        if self.connect_timeout.is_zero() {
            return Err(Error::invalid("connect_timeout must be greater than zero"));
        }
        if self.max_concurrency == 0 || self.max_concurrency > 64 {
            return Err(Error::invalid(format!(
                "max_concurrency must be between 1 and 64, not {}",
                self.max_concurrency
            )));
        }
        if self.max_retries > 20 {
            return Err(Error::invalid(format!(
                "max_retries must be at most 20, not {}",
                self.max_retries
            )));
        }
        if self.backoff_base > self.backoff_cap {
            return Err(Error::invalid("backoff_base must not exceed backoff_cap"));
        }
        if self.token_renew_after.is_zero() {
            return Err(Error::invalid(
                "token_renew_after must be greater than zero",
            ));
        }
        if let Some(s) = &self.user_agent_suffix {
            check_text("user_agent_suffix", s)?;
        }
        if let ProxyConfig::Url(u) = &self.proxy {
            reqwest::Url::parse(u)
                .map_err(|e| Error::invalid(format!("proxy is not a valid URL: {e}")))?;
        }
        Ok(ClientOptions {
            company_api_key,
            connect_api_key,
            login,
            token,
            base_url,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            max_retries: self.max_retries,
            backoff_base: self.backoff_base,
            backoff_cap: self.backoff_cap,
            max_retry_after: self.max_retry_after,
            chunk_days: self.chunk_days,
            max_concurrency: self.max_concurrency,
            user_agent_suffix: self.user_agent_suffix,
            allow_insecure_http: self.allow_insecure_http,
            proxy: self.proxy,
            extra_ca_pem: self.extra_ca_pem,
            token_renew_after: self.token_renew_after,
        })
    }
}

fn check_text(name: &str, v: &str) -> Result<()> {
    if v.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "{name} contains a control character"
        )));
    }
    Ok(())
}

/// Whether `host` (as `Url::host_str` gives it) is a loopback name or address.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    if h.eq_ignore_ascii_case("localhost") || h.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    h.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

fn check_base_url(raw: &str, allow_insecure_http: bool) -> Result<String> {
    let trimmed = raw.trim().trim_end_matches('/');
    let url = reqwest::Url::parse(trimmed).map_err(|e| {
        Error::invalid(format!(
            "base_url {:?} is not a valid URL: {e}",
            crate::secret::redact_url(trimmed)
        ))
    })?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid("base_url must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(
            "base_url must not carry a user name or password",
        ));
    }
    let host = url.host_str().unwrap_or("");
    match url.scheme() {
        "https" => {}
        "http" if is_loopback_host(host) || allow_insecure_http => {}
        "http" => {
            return Err(Error::invalid(format!(
                "base_url {trimmed:?} uses plain http to a non-loopback host: the API keys and token would travel unencrypted; use https, or set allow_insecure_http if you really mean it"
            )))
        }
        other => return Err(Error::invalid(format!("base_url must be http or https, not {other:?}"))),
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn base() -> ClientBuilder {
        ClientOptions::builder()
            .company_api_key("ck")
            .connect_api_key("nk")
            .login("lic", "user", "pw-secret")
    }

    #[test]
    fn defaults_follow_the_design() {
        let o = base().build().unwrap();
        assert_eq!(o.base_url(), DEFAULT_BASE_URL);
        assert_eq!(o.timeout(), Duration::from_secs(60));
        assert_eq!(o.connect_timeout(), Duration::from_secs(10));
        assert_eq!(
            (o.max_retries(), o.chunk_days(), o.max_concurrency()),
            (3, 7, 4)
        );
        assert_eq!(o.backoff_base, Duration::from_millis(500));
        assert_eq!(o.backoff_cap, Duration::from_secs(30));
    }

    #[test]
    fn http_only_to_loopback_unless_opted_in() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1/",
            "http://[::1]:9",
            "https://x.example",
        ] {
            assert!(base().base_url(ok).build().is_ok(), "{ok}");
        }
        let e = base()
            .base_url("http://api.example.com")
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains("unencrypted"));
        assert!(base()
            .base_url("http://api.example.com")
            .allow_insecure_http(true)
            .build()
            .is_ok());
        assert!(base().base_url("ftp://x").build().is_err());
        assert!(base().base_url("https://x/?token=abc").build().is_err());
    }

    #[test]
    fn credentials_are_checked_and_never_printed() {
        let e = ClientOptions::builder()
            .connect_api_key("n")
            .login("a", "b", "c")
            .build()
            .unwrap_err();
        assert!(e.message().contains("company_api_key"));
        let e = ClientOptions::builder()
            .company_api_key("c")
            .connect_api_key("n")
            .build()
            .unwrap_err();
        assert!(e.message().contains("credentials are missing"));
        let e = ClientOptions::builder()
            .company_api_key("c")
            .connect_api_key("n")
            .username("u")
            .build()
            .unwrap_err();
        assert!(e.message().contains("go together"));
        let o = base().token("tok-secret").build().unwrap();
        let dbg = format!("{o:?}");
        for s in ["ck", "nk", "pw-secret", "tok-secret", "lic", "user"] {
            assert!(!dbg.contains(&format!("\"{s}\"")), "{dbg}");
        }
        assert!(!dbg.contains("pw-secret") && !dbg.contains("tok-secret"));
    }

    #[test]
    fn env_overrides_read_the_documented_names() {
        let env = |k: &str| match k {
            "SOFTONE_COMPANY_API_KEY" => Some("c".to_string()),
            "SOFTONE_CONNECT_API_KEY" => Some("n".to_string()),
            "SOFTONE_TOKEN" => Some("t".to_string()),
            "SOFTONE_BASE_URL" => Some("http://127.0.0.1:9".to_string()),
            _ => None,
        };
        let o = ClientBuilder::default().env_overrides(env).build().unwrap();
        assert!(o.has_token() && !o.has_login());
        assert_eq!(o.base_url(), "http://127.0.0.1:9");
    }
}
