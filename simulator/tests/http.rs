//! Integration tests of the simulator over real HTTP.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use softone_go_simulator::{
    Credentials, Endpoint, EntryTypeStyle, Fault, FaultRule, KeyCase, Simulator, SimulatorConfig,
};

const DATA: &str = "/Personell/Time/TimeStampEntry";

fn cfg() -> SimulatorConfig {
    SimulatorConfig {
        login_failure_delay: Duration::ZERO,
        ..SimulatorConfig::default()
    }
}

fn start(c: SimulatorConfig) -> Simulator {
    Simulator::start(c).expect("simulator starts")
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn login_raw(sim: &Simulator, body: Value) -> (u16, Value) {
    let c = sim.credentials();
    let url = format!(
        "{}/Login/Token?companyApiKey={}&connectApiKey={}",
        sim.url(),
        c.company_api_key,
        c.connect_api_key
    );
    let r = client().post(url).json(&body).send().await.expect("send");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn login(sim: &Simulator) -> String {
    let c = sim.credentials().clone();
    let (status, v) = login_raw(
        sim,
        json!({"License": c.license, "UserName": c.username, "Password": c.password}),
    )
    .await;
    assert_eq!(status, 200);
    v["token"].as_str().expect("token").to_string()
}

fn data_url(sim: &Simulator, token: &str, rest: &str) -> String {
    let c = sim.credentials();
    format!(
        "{}{DATA}?companyApiKey={}&connectApiKey={}&token={}&{rest}",
        sim.url(),
        c.company_api_key,
        c.connect_api_key,
        enc(token)
    )
}

async fn get(url: &str) -> (u16, String, String) {
    let r = client().get(url).send().await.expect("send");
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, r.text().await.expect("body"))
}

async fn get_json(url: &str) -> Vec<Value> {
    let (status, _, body) = get(url).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("json array")
}

#[test]
fn simulator_is_send_sync_and_debug_hides_secrets() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Simulator>();
    let c = Credentials::default();
    let dbg = format!("{:?} {:?}", c, cfg());
    assert!(!dbg.contains(&c.company_api_key));
    assert!(!dbg.contains(&c.connect_api_key));
    assert!(!dbg.contains(&c.password));
    assert!(dbg.contains("***"));
}

#[tokio::test]
async fn login_success_and_failure_forms() {
    let sim = start(cfg());
    let c = sim.credentials().clone();
    let (s, v) = login_raw(
        &sim,
        json!({"License": c.license, "UserName": c.username, "Password": c.password}),
    )
    .await;
    assert_eq!(s, 200);
    let tok = v["token"].as_str().expect("token");
    assert!(
        (300..=500).contains(&tok.len()),
        "token length {}",
        tok.len()
    );
    assert_eq!(
        v["message"],
        "Login successful, use token within 120 seconds"
    );
    assert_eq!(v["password"], "");
    assert_eq!(v["license"], c.license.as_str());
    assert_eq!(v["userName"], c.username.as_str());
    assert!(v.get("Token").is_none());

    // any key casing
    let (_, v) = login_raw(
        &sim,
        json!({"license": c.license, "userName": c.username, "PASSWORD": c.password}),
    )
    .await;
    assert!(v["token"].is_string());

    // wrong password / license / user
    for body in [
        json!({"License": c.license, "UserName": c.username, "Password": "nope"}),
        json!({"License": "other", "UserName": c.username, "Password": c.password}),
        json!({"License": c.license, "UserName": "someone", "Password": c.password}),
    ] {
        let (s, v) = login_raw(&sim, body).await;
        assert_eq!(s, 200);
        assert!(v.get("token").is_none(), "{v}");
        assert_eq!(v["message"], "Login failed");
    }
    let (_, v) = login_raw(&sim, json!({"License": c.license, "Password": "x"})).await;
    assert_eq!(v["message"], "Invalid User");
    assert!(v.get("userName").is_none(), "null fields omitted: {v}");

    // wrong keys
    let body = json!({"License": c.license, "UserName": c.username, "Password": c.password});
    for (q, msg) in [
        (
            format!("companyApiKey=bad&connectApiKey={}", c.connect_api_key),
            "Invalid companyApiKey",
        ),
        (
            format!("companyApiKey={}&connectApiKey=bad", c.company_api_key),
            "Invalid connectApiKey",
        ),
    ] {
        let r = client()
            .post(format!("{}/Login/Token?{q}", sim.url()))
            .json(&body)
            .send()
            .await
            .expect("send");
        assert_eq!(r.status().as_u16(), 200);
        let v: Value = r.json().await.expect("json");
        assert_eq!(v["message"], msg);
        assert!(v.get("token").is_none());
    }

    // malformed body -> 400; wrong method -> 405
    let r = client()
        .post(format!(
            "{}/Login/Token?companyApiKey={}&connectApiKey={}",
            sim.url(),
            c.company_api_key,
            c.connect_api_key
        ))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 400);
    let (s, _, _) = get(&format!("{}/Login/Token", sim.url())).await;
    assert_eq!(s, 405);
}

#[tokio::test]
async fn failed_login_waits() {
    let sim = start(SimulatorConfig {
        login_failure_delay: Duration::from_millis(300),
        ..cfg()
    });
    let t = Instant::now();
    let (_, v) = login_raw(
        &sim,
        json!({"License": "x", "UserName": "y", "Password": "z"}),
    )
    .await;
    assert_eq!(v["message"], "Login failed");
    assert!(t.elapsed() >= Duration::from_millis(290));
}

#[tokio::test]
async fn data_401_bare_strings() {
    let sim = start(cfg());
    let c = sim.credentials().clone();
    let base = format!("{}{DATA}", sim.url());
    let dates = "dateFrom=2026-05-07&dateTo=2026-05-07";

    let (s, ct, body) = get(&format!(
        "{base}?companyApiKey={}&connectApiKey={}&{dates}",
        c.company_api_key, c.connect_api_key
    ))
    .await;
    assert_eq!(s, 401);
    assert!(ct.starts_with("application/json"), "{ct}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("json"),
        json!("Anropet saknar Token")
    );

    let tok = login(&sim).await;
    let (s, _, body) = get(&format!(
        "{base}?companyApiKey=bad&connectApiKey={}&token={}&{dates}",
        c.connect_api_key,
        enc(&tok)
    ))
    .await;
    assert_eq!(s, 401);
    assert_eq!(body, "\"Anropet innehåller ogiltiga nycklar\"");

    let (s, _, body) = get(&data_url(&sim, "bm90LWEtdG9rZW4=", dates)).await;
    assert_eq!(s, 401);
    assert_eq!(
        body,
        "\"Det token som skickades innehåller ogiltig information\""
    );

    // valid, then revoked
    let (s, _, _) = get(&data_url(&sim, &tok, dates)).await;
    assert_eq!(s, 200);
    sim.revoke_tokens();
    let (s, _, body) = get(&data_url(&sim, &tok, dates)).await;
    assert_eq!(s, 401);
    assert!(body.contains("ogiltig information"));

    // missing dates -> 400 {"message":...}
    let tok = login(&sim).await;
    let (s, _, body) = get(&data_url(&sim, &tok, "dateTo=2026-05-07")).await;
    assert_eq!(s, 400);
    assert!(serde_json::from_str::<Value>(&body).expect("json")["message"].is_string());
    let (s, _, _) = get(&data_url(
        &sim,
        &tok,
        "dateFrom=yesterday&dateTo=2026-05-07",
    ))
    .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn token_activation_window_max_age_and_idle() {
    let sim = start(SimulatorConfig {
        token_activation_window: Duration::from_millis(300),
        token_max_age: Duration::from_millis(1200),
        token_idle_timeout: Duration::from_millis(500),
        days: 7,
        employees: 5,
        ..cfg()
    });
    let q = "dateFrom=2026-05-07&dateTo=2026-05-07";
    // not activated in time
    let tok = login(&sim).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 401);

    // used within the window, used again and again: rejected after max age
    let tok = login(&sim).await;
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    }
    tokio::time::sleep(Duration::from_millis(500)).await; // ~1.25 s after creation
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 401);

    // idle timeout
    let tok = login(&sim).await;
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    tokio::time::sleep(Duration::from_millis(650)).await;
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 401);

    // login with a still-valid token extends it (same token back)
    let tok = login(&sim).await;
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    let c = sim.credentials().clone();
    let (_, v) = login_raw(
        &sim,
        json!({"License": c.license, "UserName": c.username, "Password": c.password, "Token": tok}),
    )
    .await;
    assert_eq!(v["token"].as_str(), Some(tok.as_str()));
}

fn doc_107() -> Vec<Value> {
    ["08:00", "09:00", "09:15", "13:00", "14:00", "16:00"]
        .iter()
        .map(|t| {
            json!({
                "EmployeeNr": "107",
                "EmployeeExternalCode": null,
                "TimeStamp": format!("2026-05-07T{t}:00"),
                "TimeStampEntryType": 0,
                "IsBreak": false,
                "AccountNr": null,
                "SieAccountDim": null,
                "TimeTerminalId": null,
                "Accounts": [],
                "TimeScheduleTypes": []
            })
        })
        .collect()
}

#[tokio::test]
async fn document_examples_verbatim() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let v = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107",
    ))
    .await;
    assert_eq!(v, doc_107());
    // key order as the document
    let (_, _, raw) = get(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107",
    ))
    .await;
    assert!(raw.starts_with(r#"[{"EmployeeNr":"107","EmployeeExternalCode":null,"TimeStamp":"2026-05-07T08:00:00","TimeStampEntryType":0,"IsBreak":false,"AccountNr":null,"SieAccountDim":null,"TimeTerminalId":null,"Accounts":[],"TimeScheduleTypes":[]}"#), "{raw}");

    // parameter names are case-insensitive
    let v = get_json(&data_url(
        &sim,
        &tok,
        "DATEFROM=2026-05-07&dateto=2026-05-07&EmployeeNrsStrings=107",
    ))
    .await;
    assert_eq!(v, doc_107());

    // 4.2: employee without punches
    let v = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-06&dateTo=2026-05-06&employeeNrsStrings=101",
    ))
    .await;
    assert!(v.is_empty());

    // 4.4: EMP001
    let v = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2025-06-01&dateTo=2025-06-30&employeeNrsStrings=NULL",
    ))
    .await;
    assert_eq!(
        v,
        vec![json!({
            "EmployeeNr": "EMP001",
            "EmployeeExternalCode": "EXT-EMP001",
            "TimeStamp": "2025-06-20T08:00:00Z",
            "TimeStampEntryType": "In",
            "IsBreak": false,
            "AccountNr": "4001",
            "SieAccountDim": 1,
            "TimeTerminalId": 5,
            "Accounts": [{"AccountNr": "4001", "SieAccountDim": 1}],
            "TimeScheduleTypes": [{"TimeScheduleTypeCode": "MorningShift"}]
        })]
    );

    // 107 appears among all employees on its date
    let all = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=NULL",
    ))
    .await;
    let e107: Vec<Value> = all
        .iter()
        .filter(|e| e["EmployeeNr"] == "107")
        .cloned()
        .collect();
    assert_eq!(e107, doc_107());
    assert!(all.len() > 50);
}

#[tokio::test]
async fn employee_filter_forms() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let d = "dateFrom=2026-05-04&dateTo=2026-05-05";
    let all = get(&data_url(&sim, &tok, d)).await.2;
    for extra in [
        "&employeeNrsStrings=NULL",
        "&employeeNrsStrings=null",
        "&employeeNrsStrings=",
        "&employeeNrsString=1001", // wrong name: silently all
    ] {
        let (s, _, body) = get(&data_url(&sim, &tok, &format!("{d}{extra}"))).await;
        assert_eq!(s, 200);
        assert_eq!(body, all, "{extra}");
    }
    let v = get_json(&data_url(
        &sim,
        &tok,
        &format!("{d}&employeeNrsStrings={}", enc(" 1001 , 1002,nobody")),
    ))
    .await;
    assert!(!v.is_empty());
    assert!(v
        .iter()
        .all(|e| e["EmployeeNr"] == "1001" || e["EmployeeNr"] == "1002"));
    // date-time forms are accepted
    let v2 = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-04T00:00:00&dateTo=2026-05-05T23:59:59&employeeNrsStrings=1001,1002",
    ))
    .await;
    assert_eq!(v, v2);
    // sorted by work date, then employee order; synthetic shape
    let all: Vec<Value> = serde_json::from_str(&all).expect("json");
    assert!(all.iter().all(|e| e["TimeStampEntryType"] == 0));
    assert!(all.iter().any(|e| e["IsBreak"] == true));
    assert!(all.iter().any(|e| e["EmployeeExternalCode"].is_string()));
    assert!(all.iter().any(|e| e["EmployeeExternalCode"].is_null()));
    let frac = all
        .iter()
        .filter(|e| e["TimeStamp"].as_str().is_some_and(|t| t.len() == 27))
        .count();
    assert!(frac > 0 && frac < all.len() / 4, "{frac} of {}", all.len());
}

#[tokio::test]
async fn night_shift_belongs_to_its_work_date() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let mut found = false;
    for day in 4..=8 {
        let d = format!("2026-05-{day:02}");
        let next = format!("2026-05-{:02}", day + 1);
        let v = get_json(&data_url(&sim, &tok, &format!("dateFrom={d}&dateTo={d}"))).await;
        let w = get_json(&data_url(
            &sim,
            &tok,
            &format!("dateFrom={next}&dateTo={next}"),
        ))
        .await;
        for e in v.iter().filter(|e| {
            e["TimeStamp"]
                .as_str()
                .is_some_and(|t| t.starts_with(&next))
        }) {
            found = true;
            assert!(
                !w.contains(e),
                "night punch must not appear on the next day"
            );
        }
    }
    assert!(found, "some night shift crosses midnight");
}

#[tokio::test]
async fn query_length_limit() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let base = data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-04&dateTo=2026-05-04&employeeNrsStrings=",
    );
    let qlen = base.split_once('?').map(|(_, q)| q.len()).unwrap_or(0);
    let pad = |n: usize| {
        let mut s = String::from("1001");
        while s.len() < n {
            s.push_str(",1002");
        }
        s.truncate(n);
        s
    };
    let ok = format!("{base}{}", pad(2048 - qlen));
    let (s, _, _) = get(&ok).await;
    assert_eq!(s, 200);
    let too_long = format!("{base}{}", pad(2049 - qlen));
    let (s, ct, body) = get(&too_long).await;
    assert_eq!(s, 404);
    assert!(ct.starts_with("text/plain"));
    assert!(body.contains("HTTP Error 404.15"), "{body}");
    let log = sim.requests();
    assert_eq!(log.last().map(|r| r.query_len), Some(2049));
}

#[tokio::test]
async fn deterministic_by_seed() {
    let q = "dateFrom=2026-05-01&dateTo=2026-05-31";
    let mut bodies = Vec::new();
    for seed in [7, 7, 8] {
        let sim = start(SimulatorConfig { seed, ..cfg() });
        let tok = login(&sim).await;
        bodies.push(get(&data_url(&sim, &tok, q)).await.2);
    }
    assert_eq!(bodies[0], bodies[1]);
    assert_ne!(bodies[0], bodies[2]);
}

#[tokio::test]
async fn entry_type_styles_and_camel_case() {
    let q = "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107,1001";
    let sim = start(SimulatorConfig {
        entry_type_style: EntryTypeStyle::Integer,
        ..cfg()
    });
    let tok = login(&sim).await;
    let v = get_json(&data_url(&sim, &tok, q)).await;
    assert!(v
        .iter()
        .all(|e| e["TimeStampEntryType"] == 1 || e["TimeStampEntryType"] == 2));
    drop(sim);

    let sim = start(SimulatorConfig {
        entry_type_style: EntryTypeStyle::String,
        key_case: KeyCase::Camel,
        ..cfg()
    });
    let tok = login(&sim).await;
    let v = get_json(&data_url(&sim, &tok, q)).await;
    assert!(!v.is_empty());
    assert!(v
        .iter()
        .all(|e| e["timeStampEntryType"] == "In" || e["timeStampEntryType"] == "Out"));
    assert!(v
        .iter()
        .all(|e| e.get("EmployeeNr").is_none() && e["employeeNr"].is_string()));
}

#[tokio::test]
async fn faults_status_delay_and_counts() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let q = "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107";
    sim.inject(FaultRule {
        fault: Fault::Status {
            status: 503,
            retry_after: Some("1".into()),
            body: None,
        },
        endpoint: Endpoint::Data,
        times: 2,
    });
    for _ in 0..2 {
        let r = client()
            .get(data_url(&sim, &tok, q))
            .send()
            .await
            .expect("send");
        assert_eq!(r.status().as_u16(), 503);
        assert_eq!(
            r.headers().get("retry-after").and_then(|v| v.to_str().ok()),
            Some("1")
        );
    }
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);

    // 500 and 401 realistic default bodies
    for (status, body) in [
        (
            500,
            r#"{"message":"An unexpected error occurred. Please try again later or contact support."}"#,
        ),
        (
            401,
            "\"Det token som skickades innehåller ogiltig information\"",
        ),
    ] {
        sim.inject(FaultRule {
            fault: Fault::Status {
                status,
                retry_after: None,
                body: None,
            },
            endpoint: Endpoint::Any,
            times: 1,
        });
        let (s, _, b) = get(&data_url(&sim, &tok, q)).await;
        assert_eq!((s, b.as_str()), (status, body));
    }

    // a login fault does not hit data requests
    sim.inject(FaultRule {
        fault: Fault::Status {
            status: 500,
            retry_after: None,
            body: None,
        },
        endpoint: Endpoint::Login,
        times: 1,
    });
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    let c = sim.credentials().clone();
    let (s, _) = login_raw(&sim, json!({"License": c.license})).await;
    assert_eq!(s, 500);

    // delay
    sim.inject(FaultRule {
        fault: Fault::Delay(Duration::from_millis(300)),
        endpoint: Endpoint::Data,
        times: 1,
    });
    let t = Instant::now();
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(290));

    // latency
    sim.set_latency(Duration::from_millis(200));
    let t = Instant::now();
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(190));
    sim.set_latency(Duration::ZERO);

    // clear_faults
    sim.inject(FaultRule {
        fault: Fault::Malformed,
        endpoint: Endpoint::Data,
        times: 5,
    });
    sim.clear_faults();
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);

    assert_eq!(sim.login_count(), 2);
    assert_eq!(sim.data_request_count(), 9);
}

#[tokio::test]
async fn faults_bodies() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let q = "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107";
    let rule = |fault| FaultRule {
        fault,
        endpoint: Endpoint::Data,
        times: 1,
    };

    // drop mid body: the client sees an error while reading the body
    sim.inject(rule(Fault::DropMidBody));
    let r = client()
        .get(data_url(&sim, &tok, q))
        .send()
        .await
        .expect("headers");
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.bytes().await.is_err(), "body must fail");

    // truncated: complete response, invalid JSON
    sim.inject(rule(Fault::Truncated));
    let r = client()
        .get(data_url(&sim, &tok, q))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);
    let cl = r.content_length();
    let b = r.bytes().await.expect("complete body");
    assert_eq!(cl, Some(b.len() as u64));
    assert!(b.len() > 10);
    assert!(serde_json::from_slice::<Value>(&b).is_err());

    sim.inject(rule(Fault::Malformed));
    let (s, _, b) = get(&data_url(&sim, &tok, q)).await;
    assert_eq!(s, 200);
    assert!(serde_json::from_str::<Value>(&b).is_err());

    sim.inject(rule(Fault::WrongShape));
    let (s, _, b) = get(&data_url(&sim, &tok, q)).await;
    assert_eq!(s, 200);
    assert!(serde_json::from_str::<Value>(&b)
        .expect("valid json")
        .is_object());

    sim.inject(rule(Fault::ExtraEmployee));
    let v = get_json(&data_url(&sim, &tok, q)).await;
    assert_eq!(v.len(), 7);
    assert!(v.iter().any(|e| e["EmployeeNr"] == "999999"));
    sim.inject(rule(Fault::ExtraEmployee));
    let v = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-06&dateTo=2026-05-06&employeeNrsStrings=101",
    ))
    .await;
    assert_eq!(v.len(), 1);

    // login failure (endpoint Any still only hits the login)
    sim.inject(FaultRule {
        fault: Fault::LoginFailure {
            message: "No Import Permission".into(),
        },
        endpoint: Endpoint::Any,
        times: 1,
    });
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    let c = sim.credentials().clone();
    let (s, v) = login_raw(
        &sim,
        json!({"License": c.license, "UserName": c.username, "Password": c.password}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["message"], "No Import Permission");
    assert!(v.get("token").is_none());
}

#[tokio::test]
async fn admin_routes_and_redacted_log() {
    let sim = start(cfg());
    let tok = login(&sim).await;
    let admin = |p: &str| format!("{}/__simulator/{p}", sim.url());
    let q = "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107";

    let r = client()
        .post(admin("faults"))
        .json(&json!({"fault":"status","status":503,"retry_after":"1","body":null,"endpoint":"data","times":2}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 503);
    client().delete(admin("faults")).send().await.expect("send");
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);

    let r = client()
        .post(admin("faults"))
        .json(&json!({"fault":"delay","ms":250}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);
    let t = Instant::now();
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(240));

    for kind in ["malformed", "wrong_shape", "truncated", "extra_employee"] {
        let r = client()
            .post(admin("faults"))
            .json(&json!({ "fault": kind }))
            .send()
            .await
            .expect("send");
        assert_eq!(r.status().as_u16(), 200, "{kind}");
        let _ = get(&data_url(&sim, &tok, q)).await;
    }
    let r = client()
        .post(admin("faults"))
        .json(&json!({"fault":"bogus"}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 400);
    let r = client()
        .post(admin("faults"))
        .json(&json!({"fault":"login_failure","message":"Invalid User","endpoint":"login"}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);
    let c = sim.credentials().clone();
    let (_, v) = login_raw(
        &sim,
        json!({"License": c.license, "UserName": c.username, "Password": c.password}),
    )
    .await;
    assert_eq!(v["message"], "Invalid User");

    client()
        .post(admin("latency"))
        .json(&json!({"ms": 150}))
        .send()
        .await
        .expect("send");
    let t = Instant::now();
    assert_eq!(get(&data_url(&sim, &tok, q)).await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(140));
    client()
        .post(admin("latency"))
        .json(&json!({"ms": 0}))
        .send()
        .await
        .expect("send");

    let creds: Value = client()
        .get(admin("credentials"))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(creds["company_api_key"], c.company_api_key.as_str());

    // the log: redacted, no admin requests, case-insensitive names redacted too
    let _ = get(&format!(
        "{}{DATA}?COMPANYAPIKEY={}&ConnectApiKey={}&TOKEN={}&dateFrom=2026-05-07&dateTo=2026-05-07",
        sim.url(),
        c.company_api_key,
        c.connect_api_key,
        enc(&tok)
    ))
    .await;
    let log: Vec<Value> = client()
        .get(admin("requests"))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    let text = serde_json::to_string(&log).expect("json");
    let secrets = [
        c.company_api_key.as_str(),
        c.connect_api_key.as_str(),
        c.password.as_str(),
        tok.as_str(),
        &enc(&tok),
    ];
    for s in secrets {
        assert!(!text.contains(s), "log leaks a secret");
    }
    assert!(!text.contains("__simulator"));
    let local = sim.requests();
    assert_eq!(local.len(), log.len());
    let last = local.last().expect("logged");
    assert!(last.query.contains("COMPANYAPIKEY=***"));
    assert!(last.query.contains("TOKEN=***"));
    assert_eq!(last.date_from.as_deref(), Some("2026-05-07"));
    assert_eq!(last.employees, None);
    let with_emp = local
        .iter()
        .find(|r| r.employees.is_some())
        .expect("a filtered request");
    assert_eq!(with_emp.employees, Some(vec!["107".to_string()]));
    assert!(sim.login_count() >= 2);

    // revoke via admin, then clear the log
    let tok2 = login(&sim).await;
    client()
        .post(admin("revoke-tokens"))
        .send()
        .await
        .expect("send");
    assert_eq!(get(&data_url(&sim, &tok2, q)).await.0, 401);
    client()
        .delete(admin("requests"))
        .send()
        .await
        .expect("send");
    assert!(sim.requests().is_empty());
    assert_eq!(sim.data_request_count(), 0);
}

#[test]
fn start_from_plain_sync_code_and_stop() {
    let sim = start(cfg());
    let addr = sim.addr();
    assert!(sim.url().starts_with("http://127.0.0.1:"));
    assert!(!sim.url().ends_with('/'));
    sim.stop();
    assert!(std::net::TcpStream::connect(addr).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_company_generation_and_cached_answers() {
    let t = Instant::now();
    let sim = start(SimulatorConfig {
        employees: 200,
        days: 365,
        ..cfg()
    });
    let gen = t.elapsed();
    println!(
        "generated {} entries (200 employees x 365 days) in {gen:?}",
        sim.entry_count()
    );
    assert!(sim.entry_count() > 150_000);
    let tok = login(&sim).await;
    let url = data_url(&sim, &tok, "dateFrom=2026-05-01&dateTo=2027-04-30");
    let t = Instant::now();
    let r = client().get(&url).send().await.expect("send");
    let first = r.bytes().await.expect("body");
    let t1 = t.elapsed();
    let t = Instant::now();
    let second = client()
        .get(&url)
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    let t2 = t.elapsed();
    println!(
        "full-year body: {} bytes; first request {t1:?}, cached request {t2:?}",
        first.len()
    );
    assert_eq!(first, second);
    let v: Vec<Value> = serde_json::from_slice(&first).expect("json");
    assert_eq!(v.len(), sim.entry_count() - 1); // all but EMP001 (2025)
}

#[tokio::test]
async fn start_inside_runtime_and_drop_with_pending_delay() {
    let sim = start(cfg());
    sim.inject(FaultRule {
        fault: Fault::Delay(Duration::from_secs(30)),
        endpoint: Endpoint::Any,
        times: 1,
    });
    let url = format!("{}/Login/Token", sim.url());
    let pending = tokio::spawn(async move { client().post(url).body("{}").send().await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t = Instant::now();
    drop(sim);
    assert!(t.elapsed() < Duration::from_secs(3));
    let _ = pending.await;
}

#[tokio::test]
async fn per_entry_cost_and_port_in_use() {
    let sim = start(SimulatorConfig {
        per_entry_cost: Duration::from_millis(40),
        ..cfg()
    });
    let tok = login(&sim).await;
    let t = Instant::now();
    let v = get_json(&data_url(
        &sim,
        &tok,
        "dateFrom=2026-05-07&dateTo=2026-05-07&employeeNrsStrings=107",
    ))
    .await;
    assert_eq!(v.len(), 6);
    assert!(t.elapsed() >= Duration::from_millis(230));
    let busy = Simulator::start(SimulatorConfig {
        port: sim.addr().port(),
        ..cfg()
    });
    assert!(busy.is_err());
}

#[test]
fn inject_json_and_requests_json() {
    let sim =
        softone_go_simulator::Simulator::start(softone_go_simulator::SimulatorConfig::default())
            .unwrap();
    assert!(sim
        .inject_json(r#"{"fault":"status","status":503,"times":1}"#)
        .is_ok());
    let e = sim.inject_json(r#"{"fault":"sideways"}"#).unwrap_err();
    assert!(!e.is_empty());
    assert!(sim.inject_json("not json").is_err());
    assert_eq!(sim.requests_json(), "[]");
}
