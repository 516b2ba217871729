//! Output formats of the CLI: table, JSON, NDJSON, CSV, and the demo's per-employee summary.

use softone_go::TimeStampEntry;
use std::io::{self, Write};

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(String::new, ToString::to_string)
}

fn accounts(e: &TimeStampEntry) -> String {
    e.accounts
        .iter()
        .map(|a| {
            format!(
                "{}:{}",
                a.account_nr.as_deref().unwrap_or(""),
                opt(&a.sie_account_dim)
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// A fixed-width table with a header line.
pub fn table(out: &mut impl Write, list: &[TimeStampEntry]) -> io::Result<()> {
    let head = [
        "Employee",
        "Time stamp",
        "Type",
        "Break",
        "Account",
        "Dim",
        "Terminal",
        "Schedule types",
    ];
    let rows: Vec<[String; 8]> = list
        .iter()
        .map(|e| {
            [
                e.employee_nr.to_string(),
                e.time_stamp.to_iso_string(),
                e.entry_type.to_string(),
                if e.is_break {
                    "yes".into()
                } else {
                    String::new()
                },
                opt(&e.account_nr),
                opt(&e.sie_account_dim),
                opt(&e.time_terminal_id),
                e.time_schedule_type_codes.join("; "),
            ]
        })
        .collect();
    let mut width: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.extend(std::iter::repeat_n(' ', width[i] - c.chars().count()));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &head)?;
    let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule.iter().map(String::as_str).collect::<Vec<_>>())?;
    for r in &rows {
        line(out, &r.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    writeln!(out, "({} entries)", list.len())
}

/// A pretty JSON array of entries with the core's field names.
pub fn json(out: &mut impl Write, list: &[TimeStampEntry]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, list)?;
    writeln!(out)
}

/// One compact JSON object per line.
pub fn ndjson(out: &mut impl Write, list: &[TimeStampEntry]) -> io::Result<()> {
    for e in list {
        serde_json::to_writer(&mut *out, e)?;
        writeln!(out)?;
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV with a header; accounts as `nr:dim;nr:dim`, schedule codes joined by `;`.
pub fn csv(out: &mut impl Write, list: &[TimeStampEntry]) -> io::Result<()> {
    writeln!(
        out,
        "employee_nr,employee_external_code,time_stamp,entry_type,is_break,account_nr,sie_account_dim,time_terminal_id,accounts,time_schedule_type_codes"
    )?;
    for e in list {
        let cells = [
            e.employee_nr.to_string(),
            opt(&e.employee_external_code),
            e.time_stamp.to_iso_string(),
            e.entry_type.to_string(),
            e.is_break.to_string(),
            opt(&e.account_nr),
            opt(&e.sie_account_dim),
            opt(&e.time_terminal_id),
            accounts(e),
            e.time_schedule_type_codes.join(";"),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// Per employee: punches, breaks, first and last punch.
pub fn summary(out: &mut impl Write, list: &[TimeStampEntry]) -> io::Result<()> {
    writeln!(
        out,
        "{:<10} {:>7} {:>6}  {:<27} Last",
        "Employee", "Punches", "Breaks", "First"
    )?;
    let mut i = 0;
    while i < list.len() {
        let emp = &list[i].employee_nr;
        let j = i + list[i..]
            .iter()
            .take_while(|e| &e.employee_nr == emp)
            .count();
        let group = &list[i..j];
        let breaks = group.iter().filter(|e| e.is_break).count();
        writeln!(
            out,
            "{:<10} {:>7} {:>6}  {:<27} {}",
            emp,
            group.len(),
            breaks,
            group[0].time_stamp.to_iso_string(),
            group[group.len() - 1].time_stamp.to_iso_string()
        )?;
        i = j;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use softone_go::parse_entries;

    #[test]
    fn csv_quotes_and_joins() {
        let body = r#"[{"EmployeeNr":"7","TimeStamp":"2026-05-07T08:00:00","AccountNr":"a,b","Accounts":[{"AccountNr":"1","SieAccountDim":2}],"TimeScheduleTypes":[{"TimeScheduleTypeCode":"OB \"50\""}]}]"#;
        let list = parse_entries(body.as_bytes()).unwrap();
        let mut out = Vec::new();
        csv(&mut out, &list).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.ends_with(
                "7,,2026-05-07T08:00:00,Unknown,false,\"a,b\",,,1:2,\"OB \"\"50\"\"\"\n"
            ),
            "{text}"
        );
        let mut out = Vec::new();
        table(&mut out, &list).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("(1 entries)"));
    }
}
