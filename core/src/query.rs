//! The query (work dates and employees), its validation, and its split into pieces.

use crate::error::{Error, Result};
use chrono::{Duration as Days, NaiveDate};
use std::collections::HashSet;
use std::sync::Arc;

/// The longest employee number accepted.
const MAX_EMPLOYEE_LEN: usize = 100;

/// What to fetch: a range of work dates (both inclusive) and, optionally, some employees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    date_from: NaiveDate,
    date_to: NaiveDate,
    employees: Option<Arc<[String]>>,
}

/// Parse a calendar date written `YYYY-MM-DD`, the only form the endpoint's filter means.
pub fn parse_date(what: &str, s: &str) -> Result<NaiveDate> {
    let ok_shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let hint = "the endpoint filters by work date, so give a calendar date YYYY-MM-DD (no time of day, no zone)";
    if !ok_shape {
        return Err(Error::invalid(format!(
            "{what} {s:?} is not a date: {hint}"
        )));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::invalid(format!("{what} {s:?} is not a real calendar date: {hint}")))
}

impl Query {
    /// All employees for the work dates `date_from` to `date_to`, both inclusive.
    pub fn new(date_from: NaiveDate, date_to: NaiveDate) -> Result<Query> {
        if date_from > date_to {
            return Err(Error::invalid(format!(
                "date_from {date_from} is after date_to {date_to}: the range is empty (both ends are inclusive, so one day is date_from = date_to)"
            )));
        }
        Ok(Query {
            date_from,
            date_to,
            employees: None,
        })
    }

    /// Like [`Query::new`] from `YYYY-MM-DD` strings.
    pub fn parse(date_from: &str, date_to: &str) -> Result<Query> {
        Query::new(
            parse_date("date_from", date_from)?,
            parse_date("date_to", date_to)?,
        )
    }

    /// Only these employees (numbers as text). Each must be non-empty, without commas,
    /// control characters or surrounding spaces; duplicates are removed, order is kept.
    /// An empty list asks for nobody and fetches nothing.
    pub fn with_employees<I, S>(mut self, employees: I) -> Result<Query>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut seen = HashSet::new();
        let mut list = Vec::new();
        for (i, e) in employees.into_iter().enumerate() {
            let e: String = e.into();
            check_employee(i, &e)?;
            if seen.insert(e.clone()) {
                list.push(e);
            }
        }
        self.employees = Some(list.into());
        Ok(self)
    }

    /// Set the employees, or all of them with `None`.
    pub fn with_optional_employees<I, S>(self, employees: Option<I>) -> Result<Query>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        match employees {
            Some(e) => self.with_employees(e),
            None => Ok(self),
        }
    }

    /// The first work date.
    pub fn date_from(&self) -> NaiveDate {
        self.date_from
    }
    /// The last work date (inclusive).
    pub fn date_to(&self) -> NaiveDate {
        self.date_to
    }
    /// The employees asked for; `None` means all.
    pub fn employees(&self) -> Option<&[String]> {
        self.employees.as_deref()
    }

    /// Split the date range into windows of `chunk_days` (0: one window).
    pub(crate) fn windows(&self, chunk_days: u32) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut start = self.date_from;
        loop {
            let end = if chunk_days == 0 {
                self.date_to
            } else {
                start
                    .checked_add_signed(Days::days(i64::from(chunk_days) - 1))
                    .map_or(self.date_to, |d| d.min(self.date_to))
            };
            out.push((start, end));
            match end.succ_opt() {
                Some(next) if end < self.date_to => start = next,
                _ => break,
            }
        }
        out
    }
}

fn check_employee(i: usize, e: &str) -> Result<()> {
    let bad = |why: &str| Err(Error::invalid(format!("employee number #{i} {e:?} {why}")));
    if e.is_empty() {
        return bad("is empty");
    }
    if e.len() > MAX_EMPLOYEE_LEN {
        return bad("is longer than 100 characters");
    }
    if e.contains(',') {
        return bad("contains a comma, which the API uses to separate employee numbers");
    }
    if e.chars().any(char::is_control) {
        return bad("contains a control character");
    }
    if e.trim() != e {
        return bad("has leading or trailing spaces");
    }
    if e.eq_ignore_ascii_case("null") {
        return bad(
            "is the API's word for all employees; pass no employee list to ask for everyone",
        );
    }
    Ok(())
}

/// Percent-encode a query value (everything but unreserved characters; commas kept, as the
/// API separates employee numbers with them).
pub(crate) fn encode_query_value(out: &mut String, v: &str, keep_commas: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in v.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (keep_commas && b == b',')
        {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// The encoded length of one employee number in the list.
fn encoded_len(e: &str) -> usize {
    let mut s = String::new();
    encode_query_value(&mut s, e, false);
    s.len()
}

/// Split employees into groups whose comma-joined, encoded list is at most `budget` long.
pub(crate) fn group_employees(employees: &[String], budget: usize) -> Result<Vec<Arc<[String]>>> {
    let mut groups = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut len = 0usize;
    for e in employees {
        let l = encoded_len(e);
        if l > budget {
            return Err(Error::invalid(format!(
                "employee number {e:?} is too long to fit in a request URL under 2,000 characters"
            )));
        }
        let add = if cur.is_empty() { l } else { l + 1 };
        if len + add > budget {
            groups.push(std::mem::take(&mut cur).into());
            len = 0;
        }
        len += if cur.is_empty() { l } else { l + 1 };
        cur.push(e.clone());
    }
    if !cur.is_empty() {
        groups.push(cur.into());
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn dates_are_strict() {
        assert!(Query::parse("2026-05-07", "2026-05-07").is_ok());
        for bad in [
            "2026-5-7",
            "2026-05-07T00:00:00",
            "2026-02-30",
            "07/05/2026",
            "",
        ] {
            let e = Query::parse(bad, "2026-05-07").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument);
            assert!(e.message().contains("work date"), "{}", e.message());
        }
        let e = Query::parse("2026-05-08", "2026-05-07").unwrap_err();
        assert!(e.message().contains("after"));
    }

    #[test]
    fn employees_are_validated_and_deduplicated() {
        let q = Query::parse("2026-05-07", "2026-05-07").unwrap();
        let q2 = q.clone().with_employees(["107", "108", "107"]).unwrap();
        assert_eq!(
            q2.employees().unwrap(),
            &["107".to_string(), "108".to_string()]
        );
        for bad in ["", "1,2", "a\nb", " 7", "NULL"] {
            assert!(q.clone().with_employees([bad]).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn windows_cover_the_range_once() {
        let q = Query::parse("2026-05-01", "2026-05-30").unwrap();
        let w = q.windows(7);
        assert_eq!(w.len(), 5);
        assert_eq!(w[0].0.to_string(), "2026-05-01");
        assert_eq!(w[0].1.to_string(), "2026-05-07");
        assert_eq!(w[4].0.to_string(), "2026-05-29");
        assert_eq!(w[4].1.to_string(), "2026-05-30");
        assert_eq!(q.windows(0).len(), 1);
        assert_eq!(
            Query::parse("2026-05-01", "2026-05-01")
                .unwrap()
                .windows(7)
                .len(),
            1
        );
    }

    #[test]
    fn groups_respect_the_budget() {
        let emps: Vec<String> = (0..500).map(|i| format!("{}", 100000 + i)).collect();
        let g = group_employees(&emps, 100).unwrap();
        assert!(g.iter().all(|g| g.join(",").len() <= 100));
        assert_eq!(g.iter().map(|g| g.len()).sum::<usize>(), 500);
        assert!(group_employees(&["x".repeat(50)], 10).is_err());
    }
}
