//! Tolerant, incremental decoding of the endpoint's JSON (no intermediate tree, no need
//! for the whole body at once), with errors that name the entry index and the field.

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Account, EntryType, SharedStr, TimeStampEntry, Timestamp};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

/// At most this many distinct strings are kept for sharing per answer; later new ones are
/// allocated each time (an answer of all-distinct codes must not grow a table forever).
const MAX_SHARED: usize = 1 << 16;

/// The strings an answer repeats in entry after entry (employee numbers, external codes,
/// account numbers, schedule type codes), allocated once and shared: a year for 200
/// employees has 200,000 entries but a few hundred distinct such strings, and one
/// allocation per string per entry was most of the decoder's allocator work.
#[derive(Default)]
struct SharedStrings(std::collections::HashSet<SharedStr, rustc_hash::FxBuildHasher>);

impl SharedStrings {
    fn get(&mut self, s: &str) -> SharedStr {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a = SharedStr::from(s);
        if self.0.len() < MAX_SHARED {
            self.0.insert(a.clone());
        }
        a
    }
}

thread_local! {
    /// The decoder's shared strings while it decodes on this thread (serde's `Deserialize`
    /// has no room for context; `EntryDecoder::decode_available` lends its table here).
    static SHARED: RefCell<SharedStrings> = RefCell::new(SharedStrings::default());
}

/// `s` as a shared string of the answer being decoded.
fn shared(s: &str) -> SharedStr {
    SHARED.with(|t| t.borrow_mut().get(s))
}

/// Where the decoder is, so that an error can say where it happened.
#[derive(Default)]
struct Loc {
    field: Cell<Option<&'static str>>,
}

/// Decode a whole response body of the data endpoint into entries, in the server's order.
pub fn parse_entries(body: &[u8]) -> Result<Vec<TimeStampEntry>> {
    let mut d = EntryDecoder::with_size_hint(body.len());
    d.feed(body)?;
    d.finish()
}

/// Where the decoder is between entries of the top-level array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Before the opening `[`.
    ArrayStart,
    /// After `[`: an entry or `]`.
    FirstEntryOrEnd,
    /// After `,`: an entry.
    Entry,
    /// After an entry: `,` or `]`.
    CommaOrEnd,
    /// After the closing `]`: only white space.
    Done,
}

/// An incremental decoder of the data endpoint's answer: feed it the body's chunks as they
/// arrive and each entry is decoded as soon as it is complete, so a large answer is never
/// held whole in memory and decoding overlaps the transfer.
///
/// The array's punctuation is checked here (strictly: `[`, objects separated by commas,
/// `]`); each entry is decoded straight from the buffer by the tolerant entry decoder, and
/// an entry cut by the end of a chunk is simply decoded again once the rest has arrived.
pub struct EntryDecoder {
    buf: Vec<u8>,
    /// Where decoding resumes in `buf`.
    pos: usize,
    /// `buf[..valid]` is checked UTF-8 (ends on a character boundary).
    valid: usize,
    expect: Expect,
    entries: Vec<TimeStampEntry>,
    /// Bytes dropped from the front of `buf` so far (for offsets in messages).
    dropped: usize,
    /// An entry cut off is tried again only once `valid` reaches this: twice what was
    /// tried, so a huge entry arriving in many chunks costs linear, not quadratic, time.
    retry_at: usize,
    /// Strings repeated across entries, shared.
    shared: SharedStrings,
}

impl Default for EntryDecoder {
    fn default() -> Self {
        EntryDecoder::with_size_hint(0)
    }
}

impl EntryDecoder {
    /// A decoder that reserves room for the entries of a body of about `body_len` bytes
    /// (entries take about 250 bytes of JSON or more; at most a million are reserved up
    /// front, whatever a Content-Length claims).
    pub fn with_size_hint(body_len: usize) -> Self {
        EntryDecoder {
            buf: Vec::new(),
            pos: 0,
            valid: 0,
            expect: Expect::ArrayStart,
            entries: Vec::with_capacity((body_len / 250).min(1 << 20)),
            dropped: 0,
            retry_at: 0,
            shared: SharedStrings::default(),
        }
    }

    /// How many entries are decoded so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry is decoded yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn shape_error(&self, what: String) -> Error {
        let index = match self.expect {
            Expect::Entry | Expect::FirstEntryOrEnd => Some(self.entries.len()),
            _ => None,
        };
        let mut msg =
            String::from("the server's answer is not the documented list of time stamp entries: ");
        if let Some(i) = index {
            msg.push_str(&format!("entry {i}: "));
        }
        msg.push_str(&what);
        Error::new(ErrorKind::Decode, msg).with_location(index, None)
    }

    /// Feed the next chunk of the body.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<()> {
        // Drop what is decoded once it is most of the buffer, so the buffer stays small.
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.dropped += self.pos;
            self.valid -= self.pos;
            self.retry_at = self.retry_at.saturating_sub(self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(chunk);
        // Check the new bytes once; a character cut by the chunk's end waits for the next.
        match std::str::from_utf8(&self.buf[self.valid..]) {
            Ok(_) => self.valid = self.buf.len(),
            Err(e) => {
                self.valid += e.valid_up_to();
                if e.error_len().is_some() {
                    return Err(self.shape_error(format!(
                        "not UTF-8 text: invalid byte at offset {}",
                        self.dropped + self.valid
                    )));
                }
            }
        }
        self.decode_available()
    }

    /// Decode every complete entry in `buf[pos..valid]`.
    fn decode_available(&mut self) -> Result<()> {
        // Lend the shared strings to this thread while decoding (see `SHARED`).
        SHARED.with(|t| t.replace(std::mem::take(&mut self.shared)));
        let r = self.decode_entries();
        self.shared = SHARED.with(|t| t.take());
        r
    }

    /// Decode every complete entry in `buf[pos..valid]` (with `SHARED` lent).
    fn decode_entries(&mut self) -> Result<()> {
        while self.pos < self.valid {
            let b = self.buf[self.pos];
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
                continue;
            }
            let at = self.dropped + self.pos;
            match (self.expect, b) {
                (Expect::ArrayStart, b'[') => self.expect = Expect::FirstEntryOrEnd,
                (Expect::ArrayStart, 0xEF)
                    if at == 0 && self.valid >= 3 && self.buf[..3] == [0xEF, 0xBB, 0xBF] =>
                {
                    self.pos += 3; // a UTF-8 byte order mark
                    continue;
                }
                (Expect::FirstEntryOrEnd | Expect::Entry, b'{') => {
                    if self.valid < self.retry_at {
                        return Ok(());
                    }
                    // SAFETY: `buf[..valid]` was checked to be UTF-8 and `pos` is at an ASCII
                    // byte, so the slice is UTF-8 on character boundaries.
                    let text =
                        unsafe { std::str::from_utf8_unchecked(&self.buf[self.pos..self.valid]) };
                    match decode_entry(text, self.entries.len()) {
                        Ok((entry, used)) => {
                            self.retry_at = 0;
                            self.entries.push(entry);
                            self.pos += used;
                            self.expect = Expect::CommaOrEnd;
                            continue;
                        }
                        // The entry goes on in the next chunk: decode it again then.
                        Err(Incomplete::Eof(_)) => {
                            self.retry_at = self.pos + 2 * (self.valid - self.pos);
                            return Ok(());
                        }
                        Err(Incomplete::Invalid(e)) => return Err(e),
                    }
                }
                (Expect::FirstEntryOrEnd | Expect::CommaOrEnd, b']') => self.expect = Expect::Done,
                (Expect::CommaOrEnd, b',') => self.expect = Expect::Entry,
                (Expect::ArrayStart, _) => {
                    return Err(self.shape_error(format!(
                        "expected a JSON array, found {} at byte {at}",
                        describe(b)
                    )))
                }
                (Expect::Done, _) => {
                    return Err(self.shape_error(format!(
                        "unexpected {} after the end of the list at byte {at}",
                        describe(b)
                    )))
                }
                (Expect::CommaOrEnd, _) => {
                    return Err(self.shape_error(format!(
                        "expected ',' or ']' after an entry, found {} at byte {at}",
                        describe(b)
                    )))
                }
                (_, _) => {
                    return Err(self.shape_error(format!(
                        "expected an entry object, found {} at byte {at}",
                        describe(b)
                    )))
                }
            }
            self.pos += 1;
        }
        Ok(())
    }

    /// The body is complete: check that the list was closed and return the entries.
    pub fn finish(mut self) -> Result<Vec<TimeStampEntry>> {
        // Whatever waited for more data is all there is: decode it now.
        self.retry_at = 0;
        self.decode_available()?;
        if self.valid < self.buf.len() {
            return Err(self.shape_error(format!(
                "not UTF-8 text: the answer ends inside a character at offset {}",
                self.dropped + self.valid
            )));
        }
        match self.expect {
            Expect::Done => Ok(self.entries),
            Expect::ArrayStart => {
                Err(self.shape_error("the answer is empty; expected a JSON array".into()))
            }
            Expect::FirstEntryOrEnd | Expect::Entry if self.pos < self.buf.len() => {
                // An entry was cut off: decoding what there is says which field was cut.
                let text = std::str::from_utf8(&self.buf[self.pos..]).unwrap_or_default();
                let e = match decode_entry(text, self.entries.len()) {
                    Err(Incomplete::Invalid(e) | Incomplete::Eof(e)) => e,
                    Ok(_) => entry_error(
                        self.entries.len(),
                        None,
                        "the answer ended inside the entry".into(),
                    ),
                };
                Err(e.map_message(|m| format!("{m} (the answer ended early)")))
            }
            _ => {
                Err(self.shape_error("the answer ended before the list was closed with ']'".into()))
            }
        }
    }
}

/// Why an entry could not be decoded from what has arrived.
enum Incomplete {
    /// The text ends inside the entry: more is needed (the error says where, should no
    /// more come).
    Eof(Error),
    /// The entry is not the documented shape.
    Invalid(Error),
}

fn entry_error(index: usize, field: Option<&'static str>, why: String) -> Error {
    let mut msg = format!(
        "the server's answer is not the documented list of time stamp entries: entry {index}"
    );
    if let Some(f) = field {
        msg.push_str(&format!(", field \"{f}\""));
    }
    msg.push_str(": ");
    msg.push_str(&why);
    Error::new(ErrorKind::Decode, msg).with_location(Some(index), field.map(str::to_string))
}

thread_local! {
    /// The field being decoded when the last entry on this thread failed.
    static FAILED_FIELD: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// One entry as a `Deserialize` value (for serde_json's stream reader, which reports how
/// many bytes a value took); records the field of a failure in `FAILED_FIELD`.
struct WireEntry(TimeStampEntry);

impl<'de> Deserialize<'de> for WireEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let loc = Loc::default();
        let r = EntrySeed(&loc).deserialize(d);
        FAILED_FIELD.with(|f| f.set(if r.is_err() { loc.field.get() } else { None }));
        r.map(WireEntry)
    }
}

/// Decode the entry object at the start of `text`; returns it and the bytes it took.
fn decode_entry(
    text: &str,
    index: usize,
) -> std::result::Result<(TimeStampEntry, usize), Incomplete> {
    let mut it = serde_json::Deserializer::from_str(text).into_iter::<WireEntry>();
    match it.next() {
        Some(Ok(e)) => Ok((e.0, it.byte_offset())),
        Some(Err(e)) if e.is_eof() => Err(Incomplete::Eof(entry_error(
            index,
            FAILED_FIELD.with(Cell::get),
            e.to_string(),
        ))),
        Some(Err(e)) => Err(Incomplete::Invalid(entry_error(
            index,
            FAILED_FIELD.with(Cell::get),
            e.to_string(),
        ))),
        None => Err(Incomplete::Eof(entry_error(index, None, "no entry".into()))),
    }
}

fn describe(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("'{}'", b as char)
    } else {
        format!("byte 0x{b:02X}")
    }
}

/// The fields of an entry, matched without regard to ASCII case.
#[derive(Clone, Copy)]
enum Key {
    EmployeeNr,
    EmployeeExternalCode,
    TimeStamp,
    TimeStampEntryType,
    IsBreak,
    AccountNr,
    SieAccountDim,
    TimeTerminalId,
    Accounts,
    TimeScheduleTypes,
    TimeScheduleTypeCode,
    Other,
}

const KEYS: [(&str, Key); 11] = [
    ("EmployeeNr", Key::EmployeeNr),
    ("EmployeeExternalCode", Key::EmployeeExternalCode),
    ("TimeStamp", Key::TimeStamp),
    ("TimeStampEntryType", Key::TimeStampEntryType),
    ("IsBreak", Key::IsBreak),
    ("AccountNr", Key::AccountNr),
    ("SieAccountDim", Key::SieAccountDim),
    ("TimeTerminalId", Key::TimeTerminalId),
    ("Accounts", Key::Accounts),
    ("TimeScheduleTypes", Key::TimeScheduleTypes),
    ("TimeScheduleTypeCode", Key::TimeScheduleTypeCode),
];

impl Key {
    fn name(self) -> &'static str {
        KEYS.iter()
            .find(|(_, k)| std::mem::discriminant(k) == std::mem::discriminant(&self))
            .map_or("?", |(n, _)| n)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                // Pick the one candidate by length and first letter, then check it.
                let first = s.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
                let candidate = match (s.len(), first) {
                    (10, b'e') => Key::EmployeeNr,
                    (20, b'e') => Key::EmployeeExternalCode,
                    (9, b't') => Key::TimeStamp,
                    (18, b't') => Key::TimeStampEntryType,
                    (7, b'i') => Key::IsBreak,
                    (9, b'a') => Key::AccountNr,
                    (13, b's') => Key::SieAccountDim,
                    (14, b't') => Key::TimeTerminalId,
                    (8, b'a') => Key::Accounts,
                    (17, b't') => Key::TimeScheduleTypes,
                    (20, b't') => Key::TimeScheduleTypeCode,
                    _ => return Ok(Key::Other),
                };
                // PascalCase and camelCase differ in the first letter only: compare the rest
                // as bytes (memcmp), and fall back to a case-blind compare for other casings.
                let name = candidate.name().as_bytes();
                let b = s.as_bytes();
                let exact_tail = b[1..] == name[1..] && b[0].eq_ignore_ascii_case(&name[0]);
                Ok(if exact_tail || name.eq_ignore_ascii_case(b) {
                    candidate
                } else {
                    Key::Other
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

struct EntrySeed<'a>(&'a Loc);

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = TimeStampEntry;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

/// A string that may borrow from the body.
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The entry type in any of its wire forms; null means unknown.
struct WireEntryType(EntryType);

impl<'de> Deserialize<'de> for WireEntryType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = WireEntryType;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("0, 1, 2, \"Unknown\", \"In\" or \"Out\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(EntryType::from_wire_int)
                    .map(WireEntryType)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                EntryType::from_wire_int(v)
                    .map(WireEntryType)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                EntryType::from_wire_str(s)
                    .map(WireEntryType)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(WireEntryType(EntryType::Unknown))
            }
        }
        d.deserialize_any(V)
    }
}

struct WireTimestamp(Timestamp);

impl<'de> Deserialize<'de> for WireTimestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Str::deserialize(d)?;
        Timestamp::parse(&s.0).map(WireTimestamp).ok_or_else(|| {
            de::Error::custom(format_args!(
                "invalid timestamp {:?}: expected YYYY-MM-DDTHH:MM:SS with an optional fraction of up to 9 digits and an optional Z or ±HH:MM",
                s.0
            ))
        })
    }
}

/// A list that may be null or absent (both mean empty).
struct NullableList<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NullableList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(NullableList(
            Option::<Vec<T>>::deserialize(d)?.unwrap_or_default(),
        ))
    }
}

struct WireAccount(Account);

impl<'de> Deserialize<'de> for WireAccount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WireAccount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an account object with AccountNr and SieAccountDim")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut acc = Account {
                    account_nr: None,
                    sie_account_dim: None,
                };
                while let Some(k) = m.next_key::<Key>()? {
                    match k {
                        Key::AccountNr => {
                            acc.account_nr = m.next_value::<Option<Str>>()?.map(|s| shared(&s.0))
                        }
                        Key::SieAccountDim => acc.sie_account_dim = m.next_value()?,
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(WireAccount(acc))
            }
        }
        d.deserialize_map(V)
    }
}

struct WireScheduleType(SharedStr);

impl<'de> Deserialize<'de> for WireScheduleType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WireScheduleType;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object with TimeScheduleTypeCode")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut code = None;
                while let Some(k) = m.next_key::<Key>()? {
                    match k {
                        Key::TimeScheduleTypeCode => {
                            code = m.next_value::<Option<Str>>()?.map(|s| shared(&s.0))
                        }
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                code.map(WireScheduleType).ok_or_else(|| {
                    de::Error::custom("a schedule type without a TimeScheduleTypeCode")
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = TimeStampEntry;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a time stamp entry object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
        let loc = self.0;
        let mut employee_nr: Option<SharedStr> = None;
        let mut time_stamp: Option<Timestamp> = None;
        let mut employee_external_code = None;
        let mut entry_type = EntryType::Unknown;
        let mut is_break = false;
        let mut account_nr = None;
        let mut sie_account_dim = None;
        let mut time_terminal_id = None;
        let mut accounts = Vec::new();
        let mut time_schedule_type_codes = Vec::new();
        while let Some(k) = m.next_key::<Key>()? {
            loc.field.set(Some(k.name()));
            match k {
                Key::EmployeeNr => employee_nr = Some(shared(&m.next_value::<Str>()?.0)),
                Key::EmployeeExternalCode => {
                    employee_external_code = m.next_value::<Option<Str>>()?.map(|s| shared(&s.0))
                }
                Key::TimeStamp => time_stamp = Some(m.next_value::<WireTimestamp>()?.0),
                Key::TimeStampEntryType => entry_type = m.next_value::<WireEntryType>()?.0,
                Key::IsBreak => is_break = m.next_value::<Option<bool>>()?.unwrap_or(false),
                Key::AccountNr => account_nr = m.next_value::<Option<Str>>()?.map(|s| shared(&s.0)),
                Key::SieAccountDim => sie_account_dim = m.next_value()?,
                Key::TimeTerminalId => time_terminal_id = m.next_value()?,
                Key::Accounts => {
                    accounts = m
                        .next_value::<NullableList<WireAccount>>()?
                        .0
                        .into_iter()
                        .map(|a| a.0)
                        .collect()
                }
                Key::TimeScheduleTypes => {
                    time_schedule_type_codes = m
                        .next_value::<NullableList<WireScheduleType>>()?
                        .0
                        .into_iter()
                        .map(|c| c.0)
                        .collect()
                }
                Key::TimeScheduleTypeCode | Key::Other => {
                    loc.field.set(None);
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        loc.field.set(Some("EmployeeNr"));
        let employee_nr =
            employee_nr.ok_or_else(|| de::Error::custom("the entry has no EmployeeNr"))?;
        loc.field.set(Some("TimeStamp"));
        let time_stamp =
            time_stamp.ok_or_else(|| de::Error::custom("the entry has no TimeStamp"))?;
        loc.field.set(None);
        Ok(TimeStampEntry {
            employee_nr,
            employee_external_code,
            time_stamp,
            entry_type,
            is_break,
            account_nr,
            sie_account_dim,
            time_terminal_id,
            accounts,
            time_schedule_type_codes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_casings_and_missing_fields() {
        let body = r#"[{"employeeNr":"7","timeStamp":"2026-05-07T08:00:00","timeStampEntryType":"OUT","extra":{"a":[1]}},
                        {"EmployeeNr":"8","TimeStamp":"2026-05-07T09:00:00.1234567","TimeStampEntryType":1,"IsBreak":true,
                         "Accounts":null,"TimeScheduleTypes":[{"TimeScheduleTypeCode":"Övertid komp 1,5"}]}]"#.as_bytes();
        let v = parse_entries(body).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].employee_nr, "7");
        assert_eq!(v[0].entry_type, EntryType::Out);
        assert!(!v[0].is_break);
        assert_eq!(v[1].entry_type, EntryType::In);
        assert_eq!(
            v[1].time_schedule_type_codes,
            vec!["Övertid komp 1,5".to_string()]
        );
        assert_eq!(v[1].time_stamp.nanosecond(), 123_456_700);
    }

    #[test]
    fn chunk_boundaries_do_not_matter() {
        let body = r#" [ {"EmployeeNr":"7","TimeStamp":"2026-05-07T08:00:00","AccountNr":"a\"}{\\b","Accounts":[{"AccountNr":"{[","SieAccountDim":1}]} ,
            {"employeeNr":"8","timeStamp":"2026-05-07T09:00:00.1234567Z","TimeScheduleTypes":[{"TimeScheduleTypeCode":"Övertid komp 1,5"}]} ] "#
            .as_bytes();
        let whole = parse_entries(body).unwrap();
        assert_eq!(whole.len(), 2);
        assert_eq!(whole[0].account_nr.as_deref(), Some("a\"}{\\b"));
        assert_eq!(whole[0].accounts[0].account_nr.as_deref(), Some("{["));
        for size in 1..body.len() {
            let mut d = EntryDecoder::default();
            for chunk in body.chunks(size) {
                d.feed(chunk).unwrap();
            }
            assert_eq!(d.finish().unwrap(), whole, "chunks of {size}");
        }
    }

    #[test]
    fn repeated_strings_are_shared_within_an_answer() {
        let entry = |t: &str| {
            format!(
                r#"{{"EmployeeNr":"107","EmployeeExternalCode":"X","TimeStamp":"2026-05-07T{t}","AccountNr":"4010","Accounts":[{{"AccountNr":"4010"}}],"TimeScheduleTypes":[{{"TimeScheduleTypeCode":"OB"}}]}}"#
            )
        };
        let body = format!("[{},{}]", entry("08:00:00"), entry("16:00:00"));
        // Fed in two decoding calls, so the table must survive between them.
        let mut d = EntryDecoder::default();
        let (a, b) = body.split_at(body.len() / 2 + 7);
        d.feed(a.as_bytes()).unwrap();
        d.feed(b.as_bytes()).unwrap();
        let v = d.finish().unwrap();
        assert_eq!(v.len(), 2);
        let same = |x: &SharedStr, y: &SharedStr| SharedStr::ptr_eq(x, y);
        assert!(same(&v[0].employee_nr, &v[1].employee_nr));
        let (acc0, acc1) = (
            v[0].account_nr.as_ref().unwrap(),
            v[1].account_nr.as_ref().unwrap(),
        );
        assert!(same(acc0, acc1));
        // The same text in another field is the same shared string too.
        assert!(same(acc0, v[1].accounts[0].account_nr.as_ref().unwrap()));
        assert!(same(
            &v[0].time_schedule_type_codes[0],
            &v[1].time_schedule_type_codes[0]
        ));
        assert_eq!(v[1].employee_external_code.as_deref(), Some("X"));
        // Another answer has its own table: nothing is kept between answers.
        let w = parse_entries(body.as_bytes()).unwrap();
        assert!(!same(&v[0].employee_nr, &w[0].employee_nr));
        assert_eq!(v, w);
    }

    #[test]
    fn a_huge_entry_in_small_chunks_is_decoded_in_linear_time() {
        let big = "x".repeat(4 << 20);
        let body = format!(
            r#"[{{"EmployeeNr":"1","TimeStamp":"2026-05-07T08:00:00","AccountNr":"{big}"}}]"#
        );
        let mut d = EntryDecoder::default();
        for chunk in body.as_bytes().chunks(1024) {
            d.feed(chunk).unwrap();
        }
        let v = d.finish().unwrap();
        assert_eq!(v[0].account_nr.as_ref().map(|s| s.len()), Some(4 << 20));
    }

    #[test]
    fn top_level_shape_is_strict() {
        for bad in [
            "",
            "[",
            "[{}",
            "[1]",
            "[{\"EmployeeNr\":\"1\",\"TimeStamp\":\"2026-05-07T08:00:00\"},]",
            "[] []",
            "[}",
            "{}",
        ] {
            let e = parse_entries(bad.as_bytes()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decode, "{bad}");
        }
        assert!(parse_entries(b"\xEF\xBB\xBF[]").unwrap().is_empty());
        assert!(parse_entries(b" [ ] \n").unwrap().is_empty());
    }

    #[test]
    fn every_key_is_recognised_in_any_case() {
        for (i, (name, _)) in KEYS.iter().enumerate() {
            for form in [
                name.to_string(),
                name.to_ascii_lowercase(),
                name.to_ascii_uppercase(),
            ] {
                let k: Key = serde_json::from_str(&format!("{form:?}")).unwrap();
                assert_eq!(k as usize, i, "{form}");
                assert_eq!(k.name(), *name);
            }
        }
        let k: Key = serde_json::from_str("\"EmployeeNX\"").unwrap();
        assert!(matches!(k, Key::Other));
    }

    #[test]
    fn errors_name_entry_and_field() {
        let body = br#"[{"EmployeeNr":"1","TimeStamp":"2026-05-07T08:00:00"},{"EmployeeNr":"2","TimeStamp":"yesterday"}]"#;
        let e = parse_entries(body).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert_eq!(e.entry_index(), Some(1));
        assert_eq!(e.field(), Some("TimeStamp"));
        assert!(
            e.message().contains("entry 1, field \"TimeStamp\""),
            "{}",
            e.message()
        );

        let e = parse_entries(
            br#"[{"EmployeeNr":"1","TimeStamp":"2026-05-07T08:00:00","TimeStampEntryType":7}]"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.entry_index(), e.field()),
            (Some(0), Some("TimeStampEntryType"))
        );

        let e = parse_entries(br#"[{"TimeStamp":"2026-05-07T08:00:00"}]"#).unwrap_err();
        assert_eq!((e.entry_index(), e.field()), (Some(0), Some("EmployeeNr")));

        let e = parse_entries(br#"{"items":[]}"#).unwrap_err();
        assert_eq!(e.entry_index(), None);
        assert!(e.message().contains("array"), "{}", e.message());

        let e = parse_entries(
            br#"[{"EmployeeNr":"1","TimeStamp":"2026-05-07T08:00:00"},{"EmployeeNr":"2","#,
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert_eq!(e.entry_index(), Some(1));

        let e = parse_entries(b"[] trailing").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
    }
}
