//! The real client over real HTTP against the real simulator.

use softone_go::{
    AsyncClient, Client, ClientBuilder, ClientOptions, ErrorKind, Query, TimeStampEntry,
};
use softone_go_simulator::{Credentials, Endpoint, Fault, FaultRule, Simulator, SimulatorConfig};
use std::collections::HashSet;
use std::time::Duration;

/// Credentials with values that are easy to spot if they ever leak into a message.
fn loud_credentials() -> Credentials {
    Credentials {
        company_api_key: "COMPANYKEY-5e1f-4c3a-9d2b-SECRET".into(),
        connect_api_key: "CONNECTKEY-77aa-4f00-8e1c-SECRET".into(),
        license: "LICENSE-SECRET-123".into(),
        username: "USERNAME-SECRET".into(),
        password: "PASSWORD-SECRET-hunter2".into(),
    }
}

fn start(tweak: impl FnOnce(&mut SimulatorConfig)) -> Simulator {
    let mut cfg = SimulatorConfig {
        credentials: loud_credentials(),
        login_failure_delay: Duration::ZERO,
        ..SimulatorConfig::default()
    };
    tweak(&mut cfg);
    Simulator::start(cfg).expect("simulator starts")
}

fn builder(sim: &Simulator) -> ClientBuilder {
    let c = sim.credentials();
    ClientOptions::builder()
        .base_url(sim.url())
        .company_api_key(&c.company_api_key)
        .connect_api_key(&c.connect_api_key)
        .login(&c.license, &c.username, &c.password)
        .backoff_base(Duration::from_millis(5))
        .backoff_cap(Duration::from_millis(20))
}

fn client(sim: &Simulator, tweak: impl FnOnce(ClientBuilder) -> ClientBuilder) -> AsyncClient {
    AsyncClient::new(tweak(builder(sim)).build().expect("valid options")).expect("client")
}

fn fault(fault: Fault, times: u32) -> FaultRule {
    FaultRule {
        fault,
        endpoint: Endpoint::Data,
        times,
    }
}

fn status(status: u16, retry_after: Option<&str>, times: u32) -> FaultRule {
    fault(
        Fault::Status {
            status,
            retry_after: retry_after.map(str::to_string),
            body: None,
        },
        times,
    )
}

fn day(d: &str) -> Query {
    Query::parse(d, d).unwrap()
}

/// Every secret of the simulator's credentials, checked against any text.
fn assert_no_secret(text: &str) {
    let c = loud_credentials();
    for s in [
        &c.company_api_key,
        &c.connect_api_key,
        &c.password,
        &c.license,
        &c.username,
    ] {
        assert!(!text.contains(s.as_str()), "secret leaked into: {text}");
    }
    assert!(!text.contains("SECRET"), "secret leaked into: {text}");
    for (i, _) in text.match_indices("token=") {
        assert!(
            text[i + 6..].starts_with("***"),
            "token leaked into: {text}"
        );
    }
}

fn assert_sorted(list: &[TimeStampEntry]) {
    for w in list.windows(2) {
        let o = softone_go::compare_employee_nr(&w[0].employee_nr, &w[1].employee_nr)
            .then(w[0].time_stamp.local().cmp(&w[1].time_stamp.local()));
        assert_ne!(
            o,
            std::cmp::Ordering::Greater,
            "not sorted: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conformance_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "fixtures missing in {}", dir.display());
    let sim = start(|_| {});
    let c = client(&sim, |b| b.chunk_days(0));
    for path in names {
        let f: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let q = &f["query"];
        let mut query = Query::parse(
            q["date_from"].as_str().unwrap(),
            q["date_to"].as_str().unwrap(),
        )
        .unwrap();
        if let Some(list) = q["employees"].as_array() {
            query = query
                .with_employees(list.iter().map(|v| v.as_str().unwrap().to_string()))
                .unwrap();
        }
        sim.inject(fault(
            Fault::Status {
                status: 200,
                retry_after: None,
                body: Some(f["body"].as_str().unwrap().to_string()),
            },
            1,
        ));
        let got = c.time_stamp_entries(&query).await;
        if let Some(exp) = f.get("expected") {
            let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&serde_json::to_value(&got).unwrap(), exp, "{name}");
        } else {
            let exp = &f["expected_error"];
            let e = got.expect_err(&name);
            assert_eq!(
                e.kind().code(),
                exp["kind"].as_str().unwrap(),
                "{name}: {e}"
            );
            assert_eq!(
                e.entry_index().map(|i| i as u64),
                exp["entry_index"].as_u64(),
                "{name}: {e}"
            );
            assert_eq!(e.field(), exp["field"].as_str(), "{name}: {e}");
            assert_no_secret(&format!("{e} {e:?}"));
        }
        sim.clear_faults();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_example_from_the_simulator() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b);
    let list = c
        .time_stamp_entries(&day("2026-05-07").with_employees(["107"]).unwrap())
        .await
        .unwrap();
    let times: Vec<String> = list.iter().map(|e| e.time_stamp.to_iso_string()).collect();
    assert_eq!(
        times,
        ["08:00:00", "09:00:00", "09:15:00", "13:00:00", "14:00:00", "16:00:00"]
            .map(|t| format!("2026-05-07T{t}"))
    );
    assert!(list
        .iter()
        .all(|e| e.employee_nr == "107" && e.entry_type == softone_go::EntryType::Unknown));
    let none = c
        .time_stamp_entries(&day("2026-05-06").with_employees(["101"]).unwrap())
        .await
        .unwrap();
    assert!(none.is_empty());
    let log = sim.requests();
    assert!(log
        .iter()
        .any(|r| r.query.contains("employeeNrsStrings=107")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunked_fetch_is_complete_sorted_and_without_duplicates() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b.chunk_days(7));
    let q = Query::parse("2026-05-01", "2026-05-30").unwrap();
    let chunked = c.time_stamp_entries(&q).await.unwrap();
    assert_eq!(sim.data_request_count(), 5);
    let froms: HashSet<String> = sim
        .requests()
        .iter()
        .filter_map(|r| r.date_from.clone())
        .collect();
    assert_eq!(froms.len(), 5, "each window asked once: {froms:?}");
    assert!(
        chunked.len() > 1000,
        "synthetic company has data: {}",
        chunked.len()
    );
    assert_sorted(&chunked);
    let unique: HashSet<&TimeStampEntry> = chunked.iter().collect();
    assert_eq!(unique.len(), chunked.len(), "no duplicates");

    let whole = client(&sim, |b| b.chunk_days(0))
        .time_stamp_entries(&q)
        .await
        .unwrap();
    assert_eq!(whole, chunked, "chunking changes nothing");
    // The same order read in place, without a sorted vector: from 5 pieces and from 1.
    for days in [7, 0] {
        let sorted = client(&sim, |b| b.chunk_days(days))
            .time_stamp_entries_sorted(&q, |_| {})
            .await
            .unwrap();
        assert_eq!(sorted.len(), chunked.len());
        assert!(sorted.iter().eq(chunked.iter()), "chunk_days {days}");
        assert_eq!(sorted.into_vec(), chunked);
    }
    // Night shifts cross midnight: the out punch of the 30th is dated the 31st and still counts.
    assert!(chunked
        .iter()
        .any(|e| e.time_stamp.local().date().to_string() == "2026-05-31"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_employee_lists_are_split_under_2000_characters() {
    let sim = start(|c| c.employees = 600);
    let c = client(&sim, |b| b);
    let wanted: Vec<String> = (1001..1501).map(|n| n.to_string()).collect();
    let q = day("2026-05-04").with_employees(wanted.clone()).unwrap();
    let list = c.time_stamp_entries(&q).await.unwrap();
    let data: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("TimeStampEntry"))
        .collect();
    assert!(data.len() >= 2, "500 employees need several requests");
    let base_len = sim.url().len() + "/Personell/Time/TimeStampEntry?".len();
    let mut asked = Vec::new();
    for r in &data {
        assert!(
            base_len + r.query_len < 2000,
            "URL of {} characters",
            base_len + r.query_len
        );
        asked.extend(r.employees.clone().unwrap());
    }
    asked.sort();
    let mut w = wanted.clone();
    w.sort();
    assert_eq!(asked, w, "every employee asked exactly once");
    let got: HashSet<&str> = list.iter().map(|e| e.employee_nr.as_str()).collect();
    assert!(got.iter().all(|e| wanted.iter().any(|w| w == e)));
    assert!(got.len() > 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_503_with_retry_after_then_succeeds() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b);
    sim.inject(status(503, Some("1"), 2));
    let t = std::time::Instant::now();
    let list = c
        .time_stamp_entries(&day("2026-05-07").with_employees(["107"]).unwrap())
        .await
        .unwrap();
    assert_eq!(list.len(), 6);
    assert_eq!(sim.data_request_count(), 3);
    assert!(
        t.elapsed() >= Duration::from_secs(2),
        "Retry-After honoured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_errors_are_typed_and_retried_only_when_transient() {
    let sim = start(|_| {});
    let q = day("2026-05-07").with_employees(["107"]).unwrap();

    sim.inject(status(400, None, 5));
    let e = client(&sim, |b| b)
        .time_stamp_entries(&q)
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Api, Some(400)));
    assert_eq!(sim.data_request_count(), 1, "400 is not retried");
    assert_no_secret(&format!("{e} {e:?}"));
    sim.clear_faults();
    sim.clear_requests();

    sim.inject(status(500, None, 10));
    let e = client(&sim, |b| b.max_retries(2))
        .time_stamp_entries(&q)
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Api, Some(500)));
    assert_eq!(sim.data_request_count(), 3, "1 try + 2 retries");
    assert!(
        e.server_message().unwrap().contains("unexpected error"),
        "{e}"
    );
    assert!(e.message().contains("after 3 attempts"), "{e}");
    assert_no_secret(&format!("{e} {e:?}"));
    sim.clear_faults();
    sim.clear_requests();

    sim.inject(status(429, Some("0"), 10));
    let e = client(&sim, |b| b.max_retries(1))
        .time_stamp_entries(&q)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.http_status()),
        (ErrorKind::RateLimited, Some(429))
    );
    assert_eq!(sim.data_request_count(), 2);
    assert_no_secret(&format!("{e} {e:?}"));
    sim.clear_faults();
    sim.clear_requests();

    // A Retry-After longer than the cap is not waited for.
    sim.inject(status(503, Some("3600"), 10));
    let e = client(&sim, |b| b)
        .time_stamp_entries(&q)
        .await
        .unwrap_err();
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(sim.data_request_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_logs_in_again_once() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b);
    let q = day("2026-05-07").with_employees(["107"]).unwrap();
    c.time_stamp_entries(&q).await.unwrap();
    assert_eq!(sim.login_count(), 1);
    sim.inject(status(401, None, 1));
    assert_eq!(c.time_stamp_entries(&q).await.unwrap().len(), 6);
    assert_eq!(sim.login_count(), 2, "one new login after the 401");

    // 401 again right after a fresh login: an authentication error, not a loop.
    sim.inject(status(401, None, 2));
    let e = c.time_stamp_entries(&q).await.unwrap_err();
    assert_eq!(
        (e.kind(), e.http_status()),
        (ErrorKind::Authentication, Some(401))
    );
    assert_eq!(sim.login_count(), 3);
    assert!(e.server_message().is_some(), "{e}");
    assert_no_secret(&format!("{e} {e:?}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_login_is_one_request_and_an_authentication_error() {
    let sim = start(|_| {});
    sim.inject(FaultRule {
        fault: Fault::LoginFailure {
            message: "Invalid User".into(),
        },
        endpoint: Endpoint::Login,
        times: 5,
    });
    let e = client(&sim, |b| b)
        .time_stamp_entries(&day("2026-05-07"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
    assert_eq!(e.server_message(), Some("Invalid User"));
    assert_eq!(sim.login_count(), 1);
    assert_eq!(sim.data_request_count(), 0);
    assert_no_secret(&format!("{e} {e:?}"));

    // Callers waiting for a login that fails share its failure: still one login request.
    // (The real server takes ~2 s to refuse a login; 500 ms makes sure all 8 are waiting.)
    let slow = start(|c| c.login_failure_delay = Duration::from_millis(500));
    slow.inject(FaultRule {
        fault: Fault::LoginFailure {
            message: "Invalid User".into(),
        },
        endpoint: Endpoint::Login,
        times: 5,
    });
    let c = client(&slow, |b| b);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            c.time_stamp_entries(&day("2026-05-07")).await
        }));
    }
    for t in tasks {
        assert_eq!(
            t.await.unwrap().unwrap_err().kind(),
            ErrorKind::Authentication
        );
    }
    assert_eq!(
        sim.login_count(),
        1,
        "one failed login for 8 waiting callers"
    );

    // Wrong password against the real login logic.
    sim.clear_faults();
    let c = sim.credentials();
    let bad = AsyncClient::new(
        builder(&sim)
            .login(&c.license, &c.username, "wrong-password")
            .build()
            .unwrap(),
    )
    .unwrap();
    let e = bad
        .time_stamp_entries(&day("2026-05-07"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
    assert!(e.server_message().unwrap().contains("Login failed"), "{e}");
    assert!(!e.to_string().contains("wrong-password"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_revoked_in_the_middle_of_a_fetch_is_renewed() {
    use futures::StreamExt;
    let sim = start(|_| {});
    let c = client(&sim, |b| b.chunk_days(1).max_concurrency(1));
    let q = Query::parse("2026-05-04", "2026-05-13").unwrap();
    let mut pieces = c.time_stamp_entry_pieces(&q);
    let mut all = Vec::new();
    let mut n = 0;
    while let Some(p) = pieces.next().await {
        let p = p.unwrap();
        n += 1;
        if n == 3 {
            sim.revoke_tokens();
        }
        all.extend(p.entries);
    }
    assert_eq!(n, 10);
    assert_eq!(sim.login_count(), 2);
    softone_go::sort_entries(&mut all);
    let again = client(&sim, |b| b.chunk_days(0))
        .time_stamp_entries(&q)
        .await
        .unwrap();
    assert_eq!(all, again);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_expires_by_age_is_renewed() {
    let sim = start(|c| c.token_max_age = Duration::from_millis(400));
    let c = client(&sim, |b| b.chunk_days(1).max_concurrency(2));
    sim.set_latency(Duration::from_millis(60));
    let q = Query::parse("2026-05-01", "2026-05-20").unwrap();
    let list = c.time_stamp_entries(&q).await.unwrap();
    assert!(
        sim.login_count() >= 2,
        "the token aged out and was replaced"
    );
    assert!(!list.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_fetches_share_one_login() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            c.time_stamp_entries(&day(&format!("2026-05-{:02}", 1 + i % 10)))
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(sim.login_count(), 1);
    assert_eq!(sim.data_request_count(), 16);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_failures() {
    let sim = start(|_| {});
    let q = day("2026-05-07").with_employees(["107"]).unwrap();

    sim.inject(fault(Fault::Delay(Duration::from_secs(3)), 5));
    let c = client(&sim, |b| {
        b.timeout(Duration::from_millis(300)).max_retries(0)
    });
    c.login().await.unwrap();
    let t = std::time::Instant::now();
    let e = c.time_stamp_entries(&q).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(t.elapsed() < Duration::from_secs(2));
    assert_no_secret(&format!("{e} {e:?}"));
    sim.clear_faults();

    sim.inject(fault(Fault::DropMidBody, 1));
    let list = client(&sim, |b| b).time_stamp_entries(&q).await.unwrap();
    assert_eq!(list.len(), 6, "a dropped connection is retried");
    sim.inject(fault(Fault::DropMidBody, 10));
    let e = client(&sim, |b| b.max_retries(1))
        .time_stamp_entries(&q)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_no_secret(&format!("{e} {e:?}"));
    sim.clear_faults();

    let dead = AsyncClient::new(
        builder(&sim)
            .base_url("http://127.0.0.1:9")
            .max_retries(0)
            .build()
            .unwrap(),
    )
    .unwrap();
    let e = dead.time_stamp_entries(&q).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_no_secret(&format!("{e} {e:?}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_bodies_are_decode_errors() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b);
    let q = day("2026-05-07").with_employees(["107"]).unwrap();
    for f in [Fault::Malformed, Fault::Truncated, Fault::WrongShape] {
        sim.inject(fault(f, 1));
        let e = c.time_stamp_entries(&q).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
        assert!(e.url().unwrap().contains("token=***"));
        assert_no_secret(&format!("{e} {e:?}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_of_unrequested_employees_are_dropped() {
    let sim = start(|_| {});
    let c = client(&sim, |b| b);
    sim.inject(fault(Fault::ExtraEmployee, 1));
    let list = c
        .time_stamp_entries(&day("2026-05-07").with_employees(["107"]).unwrap())
        .await
        .unwrap();
    assert_eq!(list.len(), 6);
    assert!(list.iter().all(|e| e.employee_nr == "107"));
}

#[test]
fn invalid_input_fails_before_any_request() {
    let sim = start(|_| {});
    let e = Query::parse("2026-05-08", "2026-05-07").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = builder(&sim)
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert_no_secret(&format!("{e} {e:?}"));
    let c = Client::new(builder(&sim).build().unwrap()).unwrap();
    let empty = c
        .time_stamp_entries(
            &day("2026-05-07")
                .with_employees(Vec::<String>::new())
                .unwrap(),
        )
        .unwrap();
    assert!(empty.is_empty());
    assert_eq!(sim.requests().len(), 0, "nothing was sent");
    let dbg = format!("{c:?} {:?}", builder(&sim).build().unwrap());
    assert_no_secret(&dbg);
}

#[test]
fn blocking_client_works_inside_another_runtime_and_cancels() {
    let sim = start(|_| {});
    let c = Client::new(builder(&sim).build().unwrap()).unwrap();
    let q = day("2026-05-07").with_employees(["107"]).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let n = rt
        .block_on(async { c.time_stamp_entries(&q).map(|l| l.len()) })
        .unwrap();
    assert_eq!(n, 6);

    sim.inject(fault(Fault::Delay(Duration::from_secs(5)), 1));
    let t = std::time::Instant::now();
    let stop_at = t + Duration::from_millis(200);
    let cancel = move || std::time::Instant::now() > stop_at;
    let mut seen = Vec::new();
    let e = c
        .time_stamp_entries_with(&q, &mut |p| seen.push(p), Some(&cancel))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert!(t.elapsed() < Duration::from_secs(2));
    assert!(seen.is_empty());
    let mut seen = Vec::new();
    c.time_stamp_entries_with(
        &Query::parse("2026-05-01", "2026-05-14").unwrap(),
        &mut |p| seen.push(p),
        None,
    )
    .unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen.last().unwrap().done, 2);
    // The in-place order from the blocking client matches its sorted vector.
    let two_weeks = Query::parse("2026-05-01", "2026-05-14").unwrap();
    let sorted = c.time_stamp_entries_sorted(&two_weeks).unwrap();
    let list = c.time_stamp_entries(&two_weeks).unwrap();
    assert!(!list.is_empty());
    assert!(sorted.iter().eq(list.iter()));
}
