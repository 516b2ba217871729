//! The core's typed parse alone, in MB/s, on the benchmark company's one-year body.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use softone_go_simulator::{Simulator, SimulatorConfig};
use std::time::Duration;

fn body() -> Vec<u8> {
    let sim = Simulator::start(SimulatorConfig {
        employees: 200,
        days: 365,
        ..SimulatorConfig::default()
    })
    .expect("simulator");
    let c = sim.credentials().clone();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let body = rt.block_on(async {
        let http = reqwest::Client::new();
        let login: serde_json::Value = serde_json::from_slice(
            &http
                .post(format!("{}/Login/Token?companyApiKey={}&connectApiKey={}", sim.url(), c.company_api_key, c.connect_api_key))
                .header("content-type", "application/json")
                .body(serde_json::json!({"License": c.license, "UserName": c.username, "Password": c.password}).to_string())
                .send()
                .await
                .expect("login")
                .bytes()
                .await
                .expect("login body"),
        )
        .expect("login json");
        let token = login["token"].as_str().expect("token");
        let mut url = reqwest::Url::parse(&format!("{}/Personell/Time/TimeStampEntry", sim.url())).expect("url");
        url.query_pairs_mut()
            .append_pair("companyApiKey", &c.company_api_key)
            .append_pair("connectApiKey", &c.connect_api_key)
            .append_pair("token", token)
            .append_pair("dateFrom", "2026-05-01")
            .append_pair("dateTo", "2027-04-30")
            .append_pair("employeeNrsStrings", "NULL");
        http.get(url).send().await.expect("get").bytes().await.expect("body").to_vec()
    });
    sim.stop();
    body
}

fn parse(c: &mut Criterion) {
    let body = body();
    let n = softone_go::parse_entries(&body).expect("valid body").len();
    eprintln!("body: {:.1} MB, {n} entries", body.len() as f64 / 1e6);
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("typed entries (core)", |b| {
        b.iter(|| softone_go::parse_entries(&body).expect("parse"))
    });
    g.bench_function("serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(&body).expect("parse"))
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
