//! Synthetic company data, the document's examples, and their pre-serialized JSON.
//!
//! Every entry is serialized once, at start, into one contiguous buffer (entries joined by
//! commas, sorted by work date, employee order and time), so that an answer for all
//! employees over a date range is a single slice of that buffer.

use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;

use bytes::Bytes;
use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::{EntryTypeStyle, KeyCase, SimulatorConfig};

/// JSON key names for one casing.
pub(crate) struct Keys {
    employee_nr: &'static str,
    employee_external_code: &'static str,
    time_stamp: &'static str,
    time_stamp_entry_type: &'static str,
    is_break: &'static str,
    account_nr: &'static str,
    sie_account_dim: &'static str,
    time_terminal_id: &'static str,
    accounts: &'static str,
    time_schedule_types: &'static str,
    time_schedule_type_code: &'static str,
}

const PASCAL: Keys = Keys {
    employee_nr: "EmployeeNr",
    employee_external_code: "EmployeeExternalCode",
    time_stamp: "TimeStamp",
    time_stamp_entry_type: "TimeStampEntryType",
    is_break: "IsBreak",
    account_nr: "AccountNr",
    sie_account_dim: "SieAccountDim",
    time_terminal_id: "TimeTerminalId",
    accounts: "Accounts",
    time_schedule_types: "TimeScheduleTypes",
    time_schedule_type_code: "TimeScheduleTypeCode",
};

const CAMEL: Keys = Keys {
    employee_nr: "employeeNr",
    employee_external_code: "employeeExternalCode",
    time_stamp: "timeStamp",
    time_stamp_entry_type: "timeStampEntryType",
    is_break: "isBreak",
    account_nr: "accountNr",
    sie_account_dim: "sieAccountDim",
    time_terminal_id: "timeTerminalId",
    accounts: "accounts",
    time_schedule_types: "timeScheduleTypes",
    time_schedule_type_code: "timeScheduleTypeCode",
};

/// The wire value of `TimeStampEntryType`.
#[derive(Clone, Copy)]
enum TypeVal {
    Int(u8),
    Str(&'static str),
}

/// One entry, ready to be written.
struct EntryData<'a> {
    emp: &'a str,
    ext: Option<&'a str>,
    ts: &'a str,
    etype: TypeVal,
    is_break: bool,
    account: Option<(&'a str, u32)>,
    terminal: Option<u32>,
    accounts: &'a [(&'a str, u32)],
    sched: &'a [&'a str],
}

fn push_key(out: &mut Vec<u8>, name: &str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for &b in s.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0..=0x1f => {
                let _ = write!(out, "\\u{:04x}", b);
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

fn push_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn push_opt_u32(out: &mut Vec<u8>, n: Option<u32>) {
    match n {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.extend_from_slice(b"null"),
    }
}

fn write_entry(out: &mut Vec<u8>, k: &Keys, e: &EntryData<'_>) {
    out.push(b'{');
    push_key(out, k.employee_nr);
    push_str(out, e.emp);
    out.push(b',');
    push_key(out, k.employee_external_code);
    push_opt_str(out, e.ext);
    out.push(b',');
    push_key(out, k.time_stamp);
    push_str(out, e.ts);
    out.push(b',');
    push_key(out, k.time_stamp_entry_type);
    match e.etype {
        TypeVal::Int(n) => {
            let _ = write!(out, "{n}");
        }
        TypeVal::Str(s) => push_str(out, s),
    }
    out.push(b',');
    push_key(out, k.is_break);
    out.extend_from_slice(if e.is_break { b"true" } else { b"false" });
    out.push(b',');
    push_key(out, k.account_nr);
    push_opt_str(out, e.account.map(|a| a.0));
    out.push(b',');
    push_key(out, k.sie_account_dim);
    push_opt_u32(out, e.account.map(|a| a.1));
    out.push(b',');
    push_key(out, k.time_terminal_id);
    push_opt_u32(out, e.terminal);
    out.push(b',');
    push_key(out, k.accounts);
    out.push(b'[');
    for (i, (nr, dim)) in e.accounts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        push_key(out, k.account_nr);
        push_str(out, nr);
        out.push(b',');
        push_key(out, k.sie_account_dim);
        let _ = write!(out, "{dim}");
        out.push(b'}');
    }
    out.extend_from_slice(b"],");
    push_key(out, k.time_schedule_types);
    out.push(b'[');
    for (i, code) in e.sched.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        push_key(out, k.time_schedule_type_code);
        push_str(out, code);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// Where one serialized entry lives in the buffer.
pub(crate) struct EntryRef {
    date: NaiveDate,
    emp: u32,
    start: usize,
    end: usize,
}

/// All data of the simulated company, pre-serialized.
pub(crate) struct Dataset {
    by_nr: HashMap<String, u32>,
    buf: Vec<u8>,
    entries: Vec<EntryRef>,
    keys: &'static Keys,
    style: EntryTypeStyle,
}

/// The document's date for employee 107 (example 4.1).
fn date_107() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 7).unwrap_or_default()
}

/// The document's date for employee EMP001 (example 4.4).
fn date_emp001() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 20).unwrap_or_default()
}

fn type_val(style: EntryTypeStyle, inn: bool) -> TypeVal {
    match style {
        EntryTypeStyle::Zero => TypeVal::Int(0),
        EntryTypeStyle::Integer => TypeVal::Int(if inn { 1 } else { 2 }),
        EntryTypeStyle::String => TypeVal::Str(if inn { "In" } else { "Out" }),
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[derive(Clone, Copy, PartialEq)]
enum Shift {
    Day,
    Evening,
    Night,
}

struct Profile {
    nr: String,
    ext: Option<String>,
    shift: Shift,
    weekend: bool,
    terminal: Option<u32>,
    account: Option<(&'static str, u32)>,
    second: Option<(&'static str, u32)>,
}

const COST_CENTRES: [&str; 6] = ["1000", "2000", "3000", "4000", "4500", "5000"];
const SUB_ACCOUNTS: [(&str, u32); 6] = [
    ("41", 40),
    ("42", 40),
    ("43", 40),
    ("51", 50),
    ("52", 50),
    ("53", 50),
];
const TERMINALS: [u32; 3] = [7255, 7256, 18145];
const DAY_EXTRAS: [&str; 5] = [
    "Övertid komp 1,5",
    "Mertid",
    "Övertid Pengar 50%",
    "Arbete utanför sch",
    "Kontroll Övertid",
];

fn profile(seed: u64, i: u32) -> Profile {
    let mut rng = fastrand::Rng::with_seed(splitmix(seed ^ splitmix(u64::from(i) + 1)));
    let nr = (1001 + u64::from(i)).to_string();
    let ext = (rng.u8(0..10) < 6).then(|| format!("EXT-{nr}"));
    let shift = match rng.u8(0..100) {
        0..=69 => Shift::Day,
        70..=84 => Shift::Evening,
        _ => Shift::Night,
    };
    let weekend = shift != Shift::Day || rng.u8(0..10) == 0;
    let terminal = (rng.u8(0..10) >= 2).then(|| TERMINALS[rng.usize(0..TERMINALS.len())]);
    let account = (rng.u8(0..10) < 7).then(|| {
        let dim = if rng.u8(0..10) < 6 { 1 } else { 30 };
        (COST_CENTRES[rng.usize(0..COST_CENTRES.len())], dim)
    });
    let second = (account.is_some() && rng.u8(0..10) < 4)
        .then(|| SUB_ACCOUNTS[rng.usize(0..SUB_ACCOUNTS.len())]);
    Profile {
        nr,
        ext,
        shift,
        weekend,
        terminal,
        account,
        second,
    }
}

/// One synthetic punch, minutes counted from the work date's midnight.
struct Punch {
    minutes: i64,
    sec: u32,
    frac: Option<u32>,
    inn: bool,
    brk: bool,
    sched: Option<&'static str>,
}

fn jitter(rng: &mut fastrand::Rng, m: i64) -> i64 {
    rng.i64(-m..=m)
}

fn day_punches(p: &Profile, rng: &mut fastrand::Rng, date: NaiveDate, out: &mut Vec<Punch>) {
    out.clear();
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let works = if weekend {
        p.weekend && rng.u8(0..10) < 4
    } else {
        rng.u8(0..100) < 93
    };
    if !works {
        return;
    }
    let shift = if rng.u8(0..100) < 8 {
        match rng.u8(0..3) {
            0 => Shift::Day,
            1 => Shift::Evening,
            _ => Shift::Night,
        }
    } else {
        p.shift
    };
    let (start, brk, end) = match shift {
        Shift::Day => (7 * 60, 11 * 60 + 30, 16 * 60),
        Shift::Evening => (14 * 60, 18 * 60, 22 * 60 + 30),
        Shift::Night => (22 * 60, 26 * 60, 30 * 60),
    };
    let s = start + jitter(rng, 15);
    let b_out = brk + jitter(rng, 20);
    let b_in = b_out + rng.i64(30..=60);
    let e = (end + jitter(rng, 20)).max(b_in + 30);
    let with_break = rng.u8(0..100) >= 6;
    let end_sched = match shift {
        Shift::Day => (rng.u8(0..100) < 4).then(|| DAY_EXTRAS[rng.usize(0..DAY_EXTRAS.len())]),
        Shift::Evening => (rng.u8(0..100) < 30).then_some("OB 50%"),
        Shift::Night => match rng.u8(0..100) {
            0..=24 => Some("OB 70%"),
            25..=39 => Some("OB 100%"),
            _ => None,
        },
    };
    let start_sched = (rng.u8(0..100) == 0).then_some("Tillägg inventering");
    let mut push = |minutes: i64, inn: bool, brk: bool, sched: Option<&'static str>| {
        let (sec, frac) = match rng.u8(0..10) {
            0 => (rng.u32(0..60), Some(rng.u32(0..10_000_000))),
            1..=3 => (rng.u32(0..60), None),
            _ => (0, None),
        };
        out.push(Punch {
            minutes,
            sec,
            frac,
            inn,
            brk,
            sched,
        });
    };
    push(s, true, false, start_sched);
    if with_break {
        push(b_out, false, true, None);
        push(b_in, true, true, None);
    }
    push(e, false, false, end_sched);
}

fn format_ts(ts: &mut String, date: NaiveDate, minutes: i64, sec: u32, frac: Option<u32>) {
    use std::fmt::Write as _;
    ts.clear();
    let day_off = minutes.div_euclid(1440);
    let m = minutes.rem_euclid(1440);
    let d = if day_off >= 0 {
        date.checked_add_days(Days::new(day_off.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(day_off.unsigned_abs()))
    }
    .unwrap_or(date);
    let _ = write!(
        ts,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        m / 60,
        m % 60,
        sec
    );
    if let Some(f) = frac {
        let _ = write!(ts, ".{f:07}");
    }
}

impl Dataset {
    /// Builds the company deterministically from (seed, employees, days, start date).
    pub(crate) fn generate(cfg: &SimulatorConfig) -> Dataset {
        let keys: &'static Keys = match cfg.key_case {
            KeyCase::Pascal => &PASCAL,
            KeyCase::Camel => &CAMEL,
        };
        let style = cfg.entry_type_style;
        let profiles: Vec<Profile> = (0..cfg.employees).map(|i| profile(cfg.seed, i)).collect();
        // Employee order: the document's employees first, then the synthetic ones.
        let by_nr = ["101", "107", "EMP001"]
            .iter()
            .map(|nr| nr.to_string())
            .chain(profiles.iter().map(|p| p.nr.clone()))
            .enumerate()
            .map(|(i, nr)| (nr, i as u32))
            .collect();

        let mut synthetic = BTreeSet::new();
        for d in 0..cfg.days {
            if let Some(date) = cfg.start_date.checked_add_days(Days::new(u64::from(d))) {
                synthetic.insert(date);
            }
        }
        let mut dates = synthetic.clone();
        dates.insert(date_107());
        dates.insert(date_emp001());

        let estimate = (profiles.len() * synthetic.len() * 4 * 250).min(256 << 20);
        let mut ds = Dataset {
            by_nr,
            buf: Vec::with_capacity(estimate),
            entries: Vec::with_capacity(estimate / 250),
            keys,
            style,
        };
        let mut punches = Vec::with_capacity(8);
        let mut ts = String::with_capacity(32);
        for &date in &dates {
            if date == date_107() {
                let times = ["08:00", "09:00", "09:15", "13:00", "14:00", "16:00"];
                for (i, t) in times.iter().enumerate() {
                    let stamp = format!("2026-05-07T{t}:00");
                    ds.push(
                        date,
                        1,
                        &EntryData {
                            emp: "107",
                            ext: None,
                            ts: &stamp,
                            etype: type_val(style, i % 2 == 0),
                            is_break: false,
                            account: None,
                            terminal: None,
                            accounts: &[],
                            sched: &[],
                        },
                    );
                }
            }
            if date == date_emp001() {
                ds.push(
                    date,
                    2,
                    &EntryData {
                        emp: "EMP001",
                        ext: Some("EXT-EMP001"),
                        ts: "2025-06-20T08:00:00Z",
                        etype: TypeVal::Str("In"),
                        is_break: false,
                        account: Some(("4001", 1)),
                        terminal: Some(5),
                        accounts: &[("4001", 1)],
                        sched: &["MorningShift"],
                    },
                );
            }
            if !synthetic.contains(&date) {
                continue;
            }
            let day_key = u64::from(date.num_days_from_ce().unsigned_abs());
            for (i, p) in profiles.iter().enumerate() {
                let mut rng = fastrand::Rng::with_seed(splitmix(
                    cfg.seed ^ splitmix(((i as u64) << 32) | day_key) ^ 0x5EED_DA7A,
                ));
                day_punches(p, &mut rng, date, &mut punches);
                if punches.is_empty() {
                    continue;
                }
                let account = if rng.u8(0..100) < 10 {
                    Some((COST_CENTRES[rng.usize(0..COST_CENTRES.len())], 1))
                } else {
                    p.account
                };
                let mut accounts: Vec<(&str, u32)> = Vec::with_capacity(2);
                if let Some(a) = account {
                    accounts.push(a);
                    if let Some(s) = p.second {
                        accounts.push(s);
                    }
                }
                for pu in &punches {
                    format_ts(&mut ts, date, pu.minutes, pu.sec, pu.frac);
                    let sched: &[&str] = match &pu.sched {
                        Some(s) => std::slice::from_ref(s),
                        None => &[],
                    };
                    ds.push(
                        date,
                        (i + 3) as u32,
                        &EntryData {
                            emp: &p.nr,
                            ext: p.ext.as_deref(),
                            ts: &ts,
                            etype: type_val(style, pu.inn),
                            is_break: pu.brk,
                            account,
                            terminal: p.terminal,
                            accounts: &accounts,
                            sched,
                        },
                    );
                }
            }
        }
        ds.buf.shrink_to_fit();
        ds
    }

    fn push(&mut self, date: NaiveDate, emp: u32, e: &EntryData<'_>) {
        if !self.entries.is_empty() {
            self.buf.push(b',');
        }
        let start = self.buf.len();
        write_entry(&mut self.buf, self.keys, e);
        self.entries.push(EntryRef {
            date,
            emp,
            start,
            end: self.buf.len(),
        });
    }

    /// Number of entries in the whole company.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Index of an employee number, if it exists.
    pub(crate) fn employee_index(&self, nr: &str) -> Option<u32> {
        self.by_nr.get(nr).copied()
    }

    fn range(&self, from: NaiveDate, to: NaiveDate) -> &[EntryRef] {
        let a = self.entries.partition_point(|e| e.date < from);
        let b = self.entries.partition_point(|e| e.date <= to);
        if b > a {
            &self.entries[a..b]
        } else {
            &[]
        }
    }

    /// The JSON array body for a work-date range and an optional sorted employee filter,
    /// with the number of entries in it.
    pub(crate) fn body(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        filter: Option<&[u32]>,
    ) -> (Bytes, usize) {
        let slice = self.range(from, to);
        match filter {
            None => match (slice.first(), slice.last()) {
                (Some(a), Some(b)) => {
                    let mut v = Vec::with_capacity(b.end - a.start + 2);
                    v.push(b'[');
                    v.extend_from_slice(&self.buf[a.start..b.end]);
                    v.push(b']');
                    (Bytes::from(v), slice.len())
                }
                _ => (Bytes::from_static(b"[]"), 0),
            },
            Some(f) => {
                let mut v = Vec::new();
                v.push(b'[');
                let mut n = 0;
                for e in slice {
                    if f.binary_search(&e.emp).is_ok() {
                        if n > 0 {
                            v.push(b',');
                        }
                        v.extend_from_slice(&self.buf[e.start..e.end]);
                        n += 1;
                    }
                }
                v.push(b']');
                (Bytes::from(v), n)
            }
        }
    }

    /// One serialized entry of employee "999999", who was never asked for.
    pub(crate) fn extra_entry(&self, date: NaiveDate) -> Vec<u8> {
        let mut out = Vec::new();
        let ts = format!("{}T08:00:00", date.format("%Y-%m-%d"));
        write_entry(
            &mut out,
            self.keys,
            &EntryData {
                emp: "999999",
                ext: None,
                ts: &ts,
                etype: type_val(self.style, true),
                is_break: false,
                account: None,
                terminal: None,
                accounts: &[],
                sched: &[],
            },
        );
        out
    }

    /// A small valid body (the document's example 4.1), used when a fault needs a body to cut.
    pub(crate) fn sample_body(&self) -> Bytes {
        self.body(date_107(), date_107(), Some(&[1])).0
    }
}
