//! Benchmark contenders on the Rust side, and the benchmark server. Each contender makes one
//! measured run and prints `{"seconds": …, "entries": …}`; `benches/run.py` repeats them,
//! alternating, and reads each process's peak RSS from the OS.

use softone_go::{Client, ClientBuilder, Query};
use softone_go_simulator::{Simulator, SimulatorConfig};
use std::io::BufRead;
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.windows(2)
        .find(|w| w[0] == name)
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(default)
}

fn env(k: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"))
}

fn range() -> (String, String) {
    (env("BENCH_DATE_FROM"), env("BENCH_DATE_TO"))
}

fn report(seconds: f64, entries: usize) {
    println!("{{\"seconds\": {seconds:.6}, \"entries\": {entries}}}");
}

/// A token, by logging in with the environment's credentials (outside the measured span).
fn login_token() -> String {
    let url = format!(
        "{}/Login/Token?companyApiKey={}&connectApiKey={}",
        env("SOFTONE_BASE_URL"),
        env("SOFTONE_COMPANY_API_KEY"),
        env("SOFTONE_CONNECT_API_KEY")
    );
    let body = serde_json::json!({"License": env("SOFTONE_LICENSE"), "UserName": env("SOFTONE_USERNAME"), "Password": env("SOFTONE_PASSWORD")});
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let v: serde_json::Value = reqwest::Client::new()
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("login")
            .bytes()
            .await
            .map(|b| serde_json::from_slice(&b).expect("login json"))
            .expect("login body");
        v["token"].as_str().expect("token").to_string()
    })
}

fn data_url(token: &str, from: &str, to: &str) -> String {
    format!(
        "{}/Personell/Time/TimeStampEntry?companyApiKey={}&connectApiKey={}&token={}&dateFrom={from}&dateTo={to}&employeeNrsStrings=NULL",
        env("SOFTONE_BASE_URL"),
        env("SOFTONE_COMPANY_API_KEY"),
        env("SOFTONE_CONNECT_API_KEY"),
        token.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D")
    )
}

/// A plain reqwest GET of the whole range, set up (login, runtime, client) before the
/// measured span, for the contenders that show what a user would write instead.
struct PlainGet {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    url: String,
}

impl PlainGet {
    fn new() -> Self {
        let (from, to) = range();
        PlainGet {
            rt: tokio::runtime::Runtime::new().expect("runtime"),
            http: reqwest::Client::new(),
            url: data_url(&login_token(), &from, &to),
        }
    }

    /// The whole body, as reqwest hands it over.
    fn body(&self) -> impl std::ops::Deref<Target = [u8]> {
        self.rt.block_on(async {
            self.http
                .get(&self.url)
                .send()
                .await
                .expect("get")
                .bytes()
                .await
                .expect("body")
        })
    }
}

fn client(chunk_days: u32) -> Client {
    Client::new(
        ClientBuilder::from_env()
            .chunk_days(chunk_days)
            .build()
            .expect("options"),
    )
    .expect("client")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cmd = args.get(1).map(String::as_str).unwrap_or("");
    match cmd {
        "serve" => {
            let sim = Simulator::start(SimulatorConfig {
                employees: arg(&args, "--employees", 200) as u32,
                days: arg(&args, "--days", 365) as u32,
                latency: Duration::from_millis(arg(&args, "--latency-ms", 0)),
                per_entry_cost: Duration::from_nanos(arg(&args, "--per-entry-ns", 0)),
                login_failure_delay: Duration::ZERO,
                ..SimulatorConfig::default()
            })
            .expect("simulator");
            let c = sim.credentials();
            let first = SimulatorConfig::default().start_date;
            let last = first + chrono::Days::new(arg(&args, "--days", 365) - 1);
            println!(
                "{}",
                serde_json::json!({
                    "SOFTONE_BASE_URL": sim.url(), "SOFTONE_COMPANY_API_KEY": c.company_api_key,
                    "SOFTONE_CONNECT_API_KEY": c.connect_api_key, "SOFTONE_LICENSE": c.license,
                    "SOFTONE_USERNAME": c.username, "SOFTONE_PASSWORD": c.password,
                    "BENCH_DATE_FROM": first.to_string(), "BENCH_DATE_TO": last.to_string(),
                    "entries": sim.entry_count(),
                })
            );
            // Serve until the orchestrator closes our stdin.
            for _ in std::io::stdin().lock().lines() {}
            sim.stop();
        }
        // The core's fetch and typed parse, one request for the whole range.
        "core" => {
            let (from, to) = range();
            let c = client(0);
            c.login().expect("login");
            let q = Query::parse(&from, &to).expect("query");
            let t = Instant::now();
            let list = c.time_stamp_entries(&q).expect("fetch");
            report(t.elapsed().as_secs_f64(), list.len());
        }
        // Where the core's time goes: transfer, parse, order, move into a Vec, measured apart.
        "phases" => {
            let get = PlainGet::new();
            let t = Instant::now();
            let body = get.body();
            let t1 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let list = softone_go::parse_entries(&body).expect("parse");
            let t2 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let sorted = softone_go::SortedEntries::new(vec![list]);
            let t3 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let list = sorted.into_vec();
            let t4 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            drop(list);
            let t5 = t.elapsed().as_secs_f64();
            println!("{{\"transfer\": {t1:.3}, \"parse\": {t2:.3}, \"order\": {t3:.3}, \"move\": {t4:.3}, \"drop\": {t5:.3}}}");
        }
        // What a Rust user would write instead: reqwest + serde_json::Value.
        "reqwest-value" => {
            let get = PlainGet::new();
            let t = Instant::now();
            let v: serde_json::Value = serde_json::from_slice(&get.body()).expect("json");
            let n = v.as_array().expect("array").len();
            report(t.elapsed().as_secs_f64(), n);
        }
        // The floor: transfer of the body, nothing else.
        "raw" => {
            let get = PlainGet::new();
            let t = Instant::now();
            let n = get.body().len();
            report(t.elapsed().as_secs_f64(), n);
        }
        // Scale: the default chunked, concurrent fetch of the whole range.
        "scale-chunked" => {
            let (from, to) = range();
            let c = client(7);
            c.login().expect("login");
            let t = Instant::now();
            let list = c
                .time_stamp_entries(&Query::parse(&from, &to).expect("query"))
                .expect("fetch");
            report(t.elapsed().as_secs_f64(), list.len());
        }
        // Scale: what a user would loop by hand, one month per request, one after another.
        "scale-monthly" => {
            let (from, to) = range();
            let c = client(0);
            c.login().expect("login");
            let (from, to) = (
                softone_go::parse_date("from", &from).expect("date"),
                softone_go::parse_date("to", &to).expect("date"),
            );
            let t = Instant::now();
            let mut all = Vec::new();
            let mut start = from;
            while start <= to {
                let end = (start + chrono::Months::new(1))
                    .pred_opt()
                    .expect("date")
                    .min(to);
                let q = Query::new(start, end).expect("query");
                all.extend(c.time_stamp_entries(&q).expect("fetch"));
                start = end.succ_opt().expect("date");
            }
            report(t.elapsed().as_secs_f64(), all.len());
        }
        _ => {
            eprintln!(
                "usage: softone-go-bench serve|core|reqwest-value|raw|scale-chunked|scale-monthly"
            );
            std::process::exit(2);
        }
    }
}
