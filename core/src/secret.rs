//! Secret strings (API keys, password, token) that never show in output, and URL redaction.

use std::fmt;
use std::sync::Arc;

/// A secret value: compares and clones like a string but prints as `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    /// Wrap a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }

    /// The secret's value; for sending it over the wire only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

/// Query parameter names whose values are secrets (compared case-insensitively).
const SECRET_PARAMS: [&str; 5] = [
    "companyapikey",
    "connectapikey",
    "token",
    "password",
    "apikey",
];

/// Replace the values of secret query parameters in a URL (or bare query string) by `***`.
pub fn redact_url(url: &str) -> String {
    let (head, query) = match url.find('?') {
        Some(i) => (&url[..=i], &url[i + 1..]),
        None if url.contains('=') && !url.contains("://") => ("", url),
        None => return url.to_string(),
    };
    let (query, fragment) = match query.find('#') {
        Some(i) => (&query[..i], &query[i..]),
        None => (query, ""),
    };
    let mut out = String::with_capacity(url.len());
    out.push_str(head);
    for (n, pair) in query.split('&').enumerate() {
        if n > 0 {
            out.push('&');
        }
        match pair.split_once('=') {
            Some((name, _)) if SECRET_PARAMS.iter().any(|p| name.eq_ignore_ascii_case(p)) => {
                out.push_str(name);
                out.push_str("=***");
            }
            _ => out.push_str(pair),
        }
    }
    out.push_str(fragment);
    out
}

/// Replace every occurrence of any of `secrets` in `text` by `***` (belt and braces for
/// messages that came from elsewhere, such as a server echoing a parameter back).
pub(crate) fn scrub(text: &str, secrets: &[&Secret]) -> String {
    let mut out = text.to_string();
    for s in secrets {
        let v = s.expose();
        // Very short values would mangle ordinary text and are not worth hiding this way.
        if v.len() >= 4 && out.contains(v) {
            out = out.replace(v, "***");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("hunter2-value");
        assert_eq!(format!("{s:?} {s}"), "*** ***");
        assert_eq!(s.expose(), "hunter2-value");
    }

    #[test]
    fn redacts_every_secret_param_in_any_case() {
        let u =
            "https://h/p?companyApiKey=abc&ConnectApiKey=def&TOKEN=xyz%3D&dateFrom=2026-05-07#frag";
        assert_eq!(
            redact_url(u),
            "https://h/p?companyApiKey=***&ConnectApiKey=***&TOKEN=***&dateFrom=2026-05-07#frag"
        );
        assert_eq!(redact_url("https://h/p"), "https://h/p");
        assert_eq!(redact_url("token=abc&x=1"), "token=***&x=1");
    }

    #[test]
    fn scrub_replaces_values() {
        let s = Secret::new("SECRETVALUE");
        assert_eq!(
            scrub("bad token SECRETVALUE here", &[&s]),
            "bad token *** here"
        );
    }
}
