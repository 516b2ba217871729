//! The data model: time stamp entries as the endpoint returns them, normalized.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// Whether a punch is an in or an out punch (the GET endpoint usually says `Unknown`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryType {
    /// Wire value 0: the server did not say.
    Unknown,
    /// Wire value 1 or `"In"`.
    In,
    /// Wire value 2 or `"Out"`.
    Out,
}

impl EntryType {
    /// The name used in every binding: `"In"`, `"Out"` or `"Unknown"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryType::Unknown => "Unknown",
            EntryType::In => "In",
            EntryType::Out => "Out",
        }
    }

    /// The integer the wire uses (0, 1, 2).
    pub fn wire_value(self) -> i32 {
        match self {
            EntryType::Unknown => 0,
            EntryType::In => 1,
            EntryType::Out => 2,
        }
    }

    /// Read the integer wire form.
    pub fn from_wire_int(v: i64) -> Option<EntryType> {
        match v {
            0 => Some(EntryType::Unknown),
            1 => Some(EntryType::In),
            2 => Some(EntryType::Out),
            _ => None,
        }
    }

    /// Read a string form: a name in any casing, or a digit string.
    pub fn from_wire_str(s: &str) -> Option<EntryType> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("in") {
            Some(EntryType::In)
        } else if s.eq_ignore_ascii_case("out") {
            Some(EntryType::Out)
        } else if s.eq_ignore_ascii_case("unknown") {
            Some(EntryType::Unknown)
        } else {
            s.parse::<i64>().ok().and_then(EntryType::from_wire_int)
        }
    }
}

impl fmt::Display for EntryType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A punch time as the server meant it: a wall-clock time, with a UTC offset only when
/// the wire carried one. A naive time is never shifted into any time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    local: NaiveDateTime,
    offset_seconds: Option<i32>,
}

impl Timestamp {
    /// A timestamp from its wall-clock time and optional UTC offset in seconds.
    pub fn new(local: NaiveDateTime, offset_seconds: Option<i32>) -> Self {
        Timestamp {
            local,
            offset_seconds,
        }
    }

    /// The wall-clock date and time as written on the wire (no zone applied).
    pub fn local(&self) -> NaiveDateTime {
        self.local
    }

    /// The UTC offset in seconds, when the wire time carried one (`Z` is 0).
    pub fn utc_offset_seconds(&self) -> Option<i32> {
        self.offset_seconds
    }

    /// Calendar year.
    pub fn year(&self) -> i32 {
        self.local.year()
    }
    /// Month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.local.month()
    }
    /// Day of month, 1 to 31.
    pub fn day(&self) -> u32 {
        self.local.day()
    }
    /// Hour, 0 to 23.
    pub fn hour(&self) -> u32 {
        self.local.hour()
    }
    /// Minute, 0 to 59.
    pub fn minute(&self) -> u32 {
        self.local.minute()
    }
    /// Second, 0 to 59.
    pub fn second(&self) -> u32 {
        self.local.second()
    }
    /// Nanoseconds within the second (the wire's 100 ns ticks are kept exactly).
    pub fn nanosecond(&self) -> u32 {
        self.local.nanosecond()
    }

    /// Parse the wire forms: `YYYY-MM-DDTHH:MM:SS`, optional `.` and 1 to 9 fraction
    /// digits, optional `Z` or `±HH:MM` (or `±HHMM`). `None` for anything else.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 19 {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + u32::from(c - b'0');
            }
            Some(v)
        };
        if b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
        let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let mut i = 19;
        let mut nanos = 0u32;
        if i < b.len() && (b[i] == b'.' || b[i] == b',') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = i - start;
            if digits == 0 || digits > 9 {
                return None;
            }
            nanos = num(start..i)? * 10u32.pow((9 - digits) as u32);
        }
        let time = NaiveTime::from_hms_nano_opt(h, mi, sec, nanos)?;
        let offset = match &b[i..] {
            [] => None,
            [b'Z' | b'z'] => Some(0),
            [sign @ (b'+' | b'-'), rest @ ..] => {
                let (oh, om) = match rest {
                    [a, b2, b':', c, d] | [a, b2, c, d] => {
                        let two = |x: u8, y: u8| -> Option<i32> {
                            (x.is_ascii_digit() && y.is_ascii_digit())
                                .then(|| i32::from(x - b'0') * 10 + i32::from(y - b'0'))
                        };
                        (two(*a, *b2)?, two(*c, *d)?)
                    }
                    [a, b2] => (
                        (a.is_ascii_digit() && b2.is_ascii_digit())
                            .then(|| i32::from(a - b'0') * 10 + i32::from(b2 - b'0'))?,
                        0,
                    ),
                    _ => return None,
                };
                if oh > 23 || om > 59 {
                    return None;
                }
                let secs = oh * 3600 + om * 60;
                Some(if *sign == b'-' { -secs } else { secs })
            }
            _ => return None,
        };
        Some(Timestamp {
            local: NaiveDateTime::new(date, time),
            offset_seconds: offset,
        })
    }

    /// The canonical ISO-8601 form every binding shows: `2026-05-07T08:00:00`, a fraction
    /// only when there is one (trailing zeros dropped), `Z` or `±HH:MM` only when the wire
    /// had an offset.
    pub fn to_iso_string(&self) -> String {
        let mut s = String::with_capacity(32);
        self.write_iso(&mut s);
        s
    }

    /// The length in bytes of [`Timestamp::to_iso_string`], without writing it.
    pub fn iso_len(&self) -> usize {
        let year = self.local.year();
        let mut n = if (0..=9999).contains(&year) {
            19
        } else {
            format!("{year:+05}").len() + 15
        };
        let mut frac = self.local.nanosecond() % 1_000_000_000;
        if frac != 0 {
            let mut digits = 9;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            n += 1 + digits;
        }
        n + match self.offset_seconds {
            None => 0,
            Some(0) => 1,
            Some(_) => 6,
        }
    }

    /// Append the canonical ISO-8601 form (see [`Timestamp::to_iso_string`]) to `s`.
    /// Written digit by digit: formatting machinery costs several times more, and this runs
    /// once per entry in every binding.
    pub fn write_iso(&self, s: &mut String) {
        let l = &self.local;
        let mut b = [0u8; 40];
        let mut n = 0;
        let put = |v: u32, width: usize, b: &mut [u8; 40], n: &mut usize| {
            let mut v = v;
            for i in (0..width).rev() {
                b[*n + i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
            *n += width;
        };
        let year = l.year();
        if (0..=9999).contains(&year) {
            put(year as u32, 4, &mut b, &mut n);
        } else {
            // Outside what the wire can carry; keep chrono's sign and width.
            s.push_str(&format!("{year:+05}"));
        }
        b[n] = b'-';
        n += 1;
        put(l.month(), 2, &mut b, &mut n);
        b[n] = b'-';
        n += 1;
        put(l.day(), 2, &mut b, &mut n);
        b[n] = b'T';
        n += 1;
        put(l.hour(), 2, &mut b, &mut n);
        b[n] = b':';
        n += 1;
        put(l.minute(), 2, &mut b, &mut n);
        b[n] = b':';
        n += 1;
        // A leap second is kept as second 60, as chrono reports it.
        let nano = l.nanosecond();
        put(l.second() + nano / 1_000_000_000, 2, &mut b, &mut n);
        let mut frac = nano % 1_000_000_000;
        if frac != 0 {
            b[n] = b'.';
            n += 1;
            let mut digits = 9;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            put(frac, digits, &mut b, &mut n);
        }
        match self.offset_seconds {
            None => {}
            Some(0) => {
                b[n] = b'Z';
                n += 1;
            }
            Some(o) => {
                b[n] = if o < 0 { b'-' } else { b'+' };
                n += 1;
                let a = o.unsigned_abs();
                put(a / 3600, 2, &mut b, &mut n);
                b[n] = b':';
                n += 1;
                put((a % 3600) / 60, 2, &mut b, &mut n);
            }
        }
        // Only ASCII digits and separators were written.
        s.push_str(std::str::from_utf8(&b[..n]).unwrap_or_default());
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(32);
        self.write_iso(&mut s);
        f.write_str(&s)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso_string())
    }
}

impl Serialize for EntryType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A string an answer repeats in many entries (an employee number, an account number, a
/// code), shared between them instead of copied into each: it reads like a `&str`
/// (`Deref`, `as_str`, `==` with `&str` and `String`) and clones without allocating.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both are the same shared allocation (not only equal text).
    pub fn ptr_eq(a: &SharedStr, b: &SharedStr) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(Arc::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(Arc::from(s))
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> Self {
        SharedStr(s)
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> Self {
        s.0.to_string()
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        **self == *other.0
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// One connected account of a punch (used when several accounting dimensions are reported).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Account {
    /// The account number (cost carrier), wire `AccountNr`.
    pub account_nr: Option<SharedStr>,
    /// The SIE accounting dimension the number belongs to, wire `SieAccountDim`.
    pub sie_account_dim: Option<i64>,
}

/// One punch-clock entry of one employee, normalized from the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TimeStampEntry {
    /// The employee number (wire `EmployeeNr`).
    pub employee_nr: SharedStr,
    /// The employee's external code (wire `EmployeeExternalCode`).
    pub employee_external_code: Option<SharedStr>,
    /// When the punch was made (wire `TimeStamp`).
    pub time_stamp: Timestamp,
    /// In, out or unknown (wire `TimeStampEntryType`).
    pub entry_type: EntryType,
    /// Whether the punch starts or ends a break (wire `IsBreak`).
    pub is_break: bool,
    /// The account number reported with the punch (wire `AccountNr`).
    pub account_nr: Option<SharedStr>,
    /// The SIE dimension of `account_nr` (wire `SieAccountDim`).
    pub sie_account_dim: Option<i64>,
    /// The terminal the punch was made on (wire `TimeTerminalId`).
    pub time_terminal_id: Option<i64>,
    /// Connected accounts (wire `Accounts`).
    pub accounts: Vec<Account>,
    /// Codes of the connected extents and deductions (wire `TimeScheduleTypes[].TimeScheduleTypeCode`).
    pub time_schedule_type_codes: Vec<SharedStr>,
}

impl Serialize for TimeStampEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("TimeStampEntry", 10)?;
        st.serialize_field("employee_nr", &self.employee_nr)?;
        st.serialize_field("employee_external_code", &self.employee_external_code)?;
        st.serialize_field("time_stamp", &self.time_stamp)?;
        st.serialize_field("entry_type", &self.entry_type)?;
        st.serialize_field("is_break", &self.is_break)?;
        st.serialize_field("account_nr", &self.account_nr)?;
        st.serialize_field("sie_account_dim", &self.sie_account_dim)?;
        st.serialize_field("time_terminal_id", &self.time_terminal_id)?;
        st.serialize_field("accounts", &self.accounts)?;
        st.serialize_field("time_schedule_type_codes", &self.time_schedule_type_codes)?;
        st.end()
    }
}

/// Compare employee numbers the way people read them: all-digit numbers by value
/// (`107` before `1001`), others as text, all-digit ones first.
pub fn compare_employee_nr(a: &str, b: &str) -> std::cmp::Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    match (digits(a), digits(b)) {
        (true, true) => {
            let ta = a.trim_start_matches('0');
            let tb = b.trim_start_matches('0');
            ta.len()
                .cmp(&tb.len())
                .then_with(|| ta.cmp(tb))
                .then_with(|| a.cmp(b))
        }
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

/// Free a large list of entries on a short-lived background thread, so the caller does not
/// wait for a million small deallocations after it has converted the entries (bindings
/// copy the entries into their own objects). Small lists are freed right here.
pub fn drop_in_background(entries: Vec<TimeStampEntry>) {
    let n = entries.len();
    free_in_background(entries, n);
}

/// Drop `value` (holding `len` entries) on a short-lived thread when it is large.
fn free_in_background<T: Send + 'static>(value: T, len: usize) {
    if len < 10_000 {
        return;
    }
    let keep = std::thread::Builder::new()
        .name("softone-go-free".into())
        .spawn(move || drop(value));
    // If no thread can be started, the closure (and the entries) were dropped already.
    drop(keep);
}

/// Sort entries by (employee number, wall-clock time), keeping the server's order for ties.
///
/// Employee numbers are ranked once (there are few distinct ones), the order is found by a
/// stable counting sort on the rank and a check (rarely a sort) of each employee's run by
/// time, then each entry is moved once into its place.
pub fn sort_entries(entries: &mut Vec<TimeStampEntry>) {
    if entries.len() >= 2 {
        *entries = merge_entries(vec![std::mem::take(entries)]);
    }
}

/// Merge lists of entries into one, sorted as [`sort_entries`] sorts: the entries are moved
/// once, straight from their list into their place in the result (no concatenation first).
/// Among entries of the same employee and time, earlier lists come first.
pub fn merge_entries(parts: Vec<Vec<TimeStampEntry>>) -> Vec<TimeStampEntry> {
    SortedEntries::new(parts).into_vec()
}

/// Lists of entries as they were decoded, with the order that sorts them as
/// [`sort_entries`] does. Reading them in order moves nothing: the bindings, which copy
/// every entry into their own objects anyway, read them this way instead of moving tens of
/// megabytes of entries into place first.
pub struct SortedEntries {
    parts: Vec<Vec<TimeStampEntry>>,
    /// Sorted position -> (part, index in the part).
    order: Vec<(u32, u32)>,
}

impl SortedEntries {
    /// Find the order of `parts` (nothing is moved). Among entries of the same employee and
    /// time, earlier parts come first, then earlier entries of a part.
    pub fn new(mut parts: Vec<Vec<TimeStampEntry>>) -> SortedEntries {
        use rustc_hash::FxHashMap as HashMap;
        parts.retain(|p| !p.is_empty());
        let n: usize = parts.iter().map(Vec::len).sum();
        // Employee ids in order of first appearance, then their rank in natural order.
        let mut ranks: Vec<u32> = Vec::with_capacity(n);
        let rank_of: Vec<u32> = {
            let mut ids: HashMap<&str, u32> = HashMap::default();
            let mut distinct: Vec<&str> = Vec::new();
            let mut last: Option<(&str, u32)> = None;
            for e in parts.iter().flatten() {
                let nr: &str = &e.employee_nr;
                let id = match last {
                    Some((s, id)) if s == nr => id,
                    _ => {
                        let next = distinct.len() as u32;
                        let id = *ids.entry(nr).or_insert_with(|| {
                            distinct.push(nr);
                            next
                        });
                        last = Some((nr, id));
                        id
                    }
                };
                ranks.push(id);
            }
            let mut by_name: Vec<u32> = (0..distinct.len() as u32).collect();
            by_name.sort_unstable_by(|&a, &b| {
                compare_employee_nr(distinct[a as usize], distinct[b as usize])
            });
            let mut rank_of = vec![0u32; distinct.len()];
            for (rank, &id) in by_name.iter().enumerate() {
                rank_of[id as usize] = rank as u32;
            }
            rank_of
        };
        // Where each employee's run starts, then each entry's place (stable).
        let mut start = vec![0usize; rank_of.len() + 1];
        for r in ranks.iter_mut() {
            *r = rank_of[*r as usize];
            start[*r as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut order = vec![(0u32, 0u32); n];
        let mut next = start.clone();
        let mut rank = ranks.iter();
        for (p, part) in parts.iter().enumerate() {
            for (i, &r) in rank.by_ref().take(part.len()).enumerate() {
                let slot = &mut next[r as usize];
                order[*slot] = (p as u32, i as u32);
                *slot += 1;
            }
        }
        drop(ranks);
        // Within each employee, time order (stable: the server's order for equal times).
        let time = |&(p, i): &(u32, u32)| parts[p as usize][i as usize].time_stamp.local;
        for w in start.windows(2) {
            let run = &mut order[w[0]..w[1]];
            if !run.windows(2).all(|x| time(&x[0]) <= time(&x[1])) {
                run.sort_by_key(time);
            }
        }
        SortedEntries { parts, order }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The entry at sorted position `i`.
    pub fn get(&self, i: usize) -> Option<&TimeStampEntry> {
        let &(p, j) = self.order.get(i)?;
        Some(&self.parts[p as usize][j as usize])
    }

    /// The entries at sorted positions `range`, in order (panics if out of bounds, as
    /// slicing does).
    pub fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = &TimeStampEntry> + Clone + '_ {
        self.order[range]
            .iter()
            .map(|&(p, i)| &self.parts[p as usize][i as usize])
    }

    /// Every entry, in sorted order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &TimeStampEntry> + Clone + '_ {
        self.range(0..self.order.len())
    }

    /// One sorted vector: each entry is moved once (nothing at all when a single list was
    /// in order already).
    pub fn into_vec(mut self) -> Vec<TimeStampEntry> {
        let n = self.order.len();
        let in_place = self.parts.len() == 1
            && self
                .order
                .iter()
                .enumerate()
                .all(|(k, &(_, i))| i as usize == k);
        if in_place {
            return self.parts.pop().unwrap_or_default();
        }
        let mut out: Vec<TimeStampEntry> = Vec::with_capacity(n);
        let dst = out.as_mut_ptr();
        let sources: Vec<*const TimeStampEntry> = self.parts.iter().map(|p| p.as_ptr()).collect();
        // SAFETY: `order` is a permutation of every (part, index) pair (see `new`), so each
        // entry is read exactly once and written to its own slot k < n. The parts are emptied
        // first: if anything unwound in between, entries would be leaked, never dropped twice;
        // nothing in the loop can panic (the indexes are in bounds by construction).
        unsafe {
            for part in self.parts.iter_mut() {
                part.set_len(0);
            }
            for (k, &(p, i)) in self.order.iter().enumerate() {
                let src = *sources.get_unchecked(p as usize);
                std::ptr::copy_nonoverlapping(src.add(i as usize), dst.add(k), 1);
            }
            out.set_len(n);
        }
        out
    }

    /// Free the entries on a short-lived background thread when there are many (see
    /// [`drop_in_background`]).
    pub fn drop_in_background(self) {
        let n = self.len();
        free_in_background(self, n);
    }
}

impl fmt::Debug for SortedEntries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_wire_form() {
        let t = Timestamp::parse("2026-05-07T08:00:00").unwrap();
        assert_eq!(t.utc_offset_seconds(), None);
        assert_eq!(t.to_iso_string(), "2026-05-07T08:00:00");
        let t = Timestamp::parse("2025-06-20T08:00:00Z").unwrap();
        assert_eq!(t.utc_offset_seconds(), Some(0));
        assert_eq!(t.to_iso_string(), "2025-06-20T08:00:00Z");
        let t = Timestamp::parse("2026-05-07T08:00:00.1234567").unwrap();
        assert_eq!(t.nanosecond(), 123_456_700);
        assert_eq!(t.to_iso_string(), "2026-05-07T08:00:00.1234567");
        let t = Timestamp::parse("2026-05-07T08:00:00.5+02:00").unwrap();
        assert_eq!(t.utc_offset_seconds(), Some(7200));
        assert_eq!(t.to_iso_string(), "2026-05-07T08:00:00.5+02:00");
        let t = Timestamp::parse("2026-05-07T08:00:00-0530").unwrap();
        assert_eq!(t.utc_offset_seconds(), Some(-19800));
        assert_eq!(t.to_iso_string(), "2026-05-07T08:00:00-05:30");
        for bad in [
            "2026-05-07",
            "2026-13-07T08:00:00",
            "2026-02-30T08:00:00",
            "2026-05-07T24:00:00",
            "2026-05-07T08:00:00.",
            "2026-05-07T08:00:00.1234567890",
            "2026-05-07T08:00:00+2",
            "2026-05-07T08:00:00Zjunk",
            "x026-05-07T08:00:00",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn iso_form_is_exact() {
        for (wire, iso) in [
            ("0001-01-01T00:00:00", "0001-01-01T00:00:00"),
            (
                "9999-12-31T23:59:59.999999999-23:59",
                "9999-12-31T23:59:59.999999999-23:59",
            ),
            (
                "2026-05-07T08:00:00.0100000+00:00",
                "2026-05-07T08:00:00.01Z",
            ),
            (
                "2026-05-07T08:00:00.000000001+01:30",
                "2026-05-07T08:00:00.000000001+01:30",
            ),
        ] {
            let t = Timestamp::parse(wire).unwrap();
            assert_eq!(t.to_iso_string(), iso);
            assert_eq!(t.iso_len(), iso.len());
            assert_eq!(Timestamp::parse(iso).unwrap(), t);
        }
    }

    #[test]
    fn entry_type_forms() {
        assert_eq!(EntryType::from_wire_str("IN"), Some(EntryType::In));
        assert_eq!(EntryType::from_wire_str("out"), Some(EntryType::Out));
        assert_eq!(EntryType::from_wire_str("2"), Some(EntryType::Out));
        assert_eq!(EntryType::from_wire_str("sideways"), None);
        assert_eq!(EntryType::from_wire_int(3), None);
    }

    #[test]
    fn sort_is_stable_and_total() {
        let mk = |emp: &str, t: &str, code: &str| TimeStampEntry {
            employee_nr: emp.into(),
            employee_external_code: Some(code.into()),
            time_stamp: Timestamp::parse(t).unwrap(),
            entry_type: EntryType::Unknown,
            is_break: false,
            account_nr: None,
            sie_account_dim: None,
            time_terminal_id: None,
            accounts: vec![],
            time_schedule_type_codes: vec![],
        };
        let mut seed = 12345u64;
        let mut v = Vec::new();
        for i in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let emp = ["107", "1001", "99", "EMP001", "0107"][(seed >> 33) as usize % 5];
            let hour = (seed >> 40) % 3;
            v.push(mk(
                emp,
                &format!("2026-05-07T0{hour}:00:00"),
                &i.to_string(),
            ));
        }
        let mut expected = v.clone();
        expected.sort_by(|a, b| {
            compare_employee_nr(&a.employee_nr, &b.employee_nr)
                .then(a.time_stamp.local.cmp(&b.time_stamp.local))
        });
        // Merging parts gives what sorting their concatenation gives, empty parts included.
        let parts: Vec<Vec<TimeStampEntry>> = vec![
            v[..700].to_vec(),
            Vec::new(),
            v[700..701].to_vec(),
            v[701..].to_vec(),
        ];
        assert_eq!(merge_entries(parts.clone()), expected);
        // The order without moving: the same entries, read in place.
        let sorted = SortedEntries::new(parts);
        assert_eq!(sorted.len(), expected.len());
        assert!(sorted.iter().eq(expected.iter()));
        assert!(sorted.range(10..20).eq(expected[10..20].iter()));
        assert_eq!(sorted.get(1999), expected.last());
        assert_eq!(sorted.get(2000), None);
        assert_eq!(sorted.into_vec(), expected);
        // A list in order already is kept as it is.
        let in_order = SortedEntries::new(vec![expected.clone()]);
        let first = in_order.get(0).map(|e| e as *const TimeStampEntry);
        let v2 = in_order.into_vec();
        assert_eq!(v2, expected);
        assert_eq!(first, Some(v2.as_ptr()));
        assert!(merge_entries(Vec::new()).is_empty());
        sort_entries(&mut v);
        assert_eq!(v, expected);
        // Sorting a sorted list keeps it as it is.
        sort_entries(&mut v);
        assert_eq!(v, expected);

        // Times far from 1970 sort as well.
        let mut far = vec![
            mk("2", "2026-05-07T08:00:00", "a"),
            mk("1", "1600-01-01T00:00:00", "b"),
            mk("1", "1500-01-01T00:00:00", "c"),
        ];
        sort_entries(&mut far);
        let order: Vec<_> = far
            .iter()
            .map(|e| e.employee_external_code.clone().unwrap())
            .collect();
        assert_eq!(order, ["c", "b", "a"]);
    }

    #[test]
    fn employee_order_is_natural() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_employee_nr("107", "1001"), Less);
        assert_eq!(compare_employee_nr("0107", "107"), Less);
        assert_eq!(compare_employee_nr("999", "EMP001"), Less);
        assert_eq!(compare_employee_nr("A2", "A10"), Greater);
    }
}
