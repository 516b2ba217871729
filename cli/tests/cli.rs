//! The `softone-go` binary against the simulator, through its environment variables.

use softone_go_simulator::{Simulator, SimulatorConfig};
use std::process::Command;
use std::time::Duration;

fn sim() -> Simulator {
    Simulator::start(SimulatorConfig {
        login_failure_delay: Duration::ZERO,
        ..SimulatorConfig::default()
    })
    .unwrap()
}

fn cli(sim: &Simulator, password: Option<&str>) -> Command {
    let c = sim.credentials();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_softone-go"));
    for (k, _) in std::env::vars() {
        if k.starts_with("SOFTONE_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("SOFTONE_BASE_URL", sim.url())
        .env("SOFTONE_COMPANY_API_KEY", &c.company_api_key)
        .env("SOFTONE_CONNECT_API_KEY", &c.connect_api_key)
        .env("SOFTONE_LICENSE", &c.license)
        .env("SOFTONE_USERNAME", &c.username)
        .env("SOFTONE_PASSWORD", password.unwrap_or(&c.password));
    cmd
}

#[test]
fn entries_in_every_format() {
    let sim = sim();
    let args = [
        "entries",
        "--from",
        "2026-05-07",
        "--to",
        "2026-05-07",
        "--employees",
        "107",
    ];
    let out = cli(&sim, None)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
    assert_eq!(v[0]["time_stamp"], "2026-05-07T08:00:00");

    let out = cli(&sim, None)
        .args(args)
        .args(["--format", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 6);

    let out = cli(&sim, None)
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 7);
    assert!(text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("107,,2026-05-07T08:00:00,Unknown,false"));

    let out = cli(&sim, None).args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("2026-05-07T09:15:00") && text.contains("(6 entries)"),
        "{text}"
    );

    let dir = std::env::temp_dir().join(format!("softone-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.csv");
    let out = cli(&sim, None)
        .args(args)
        .args(["--format", "csv", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 7);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_exit_non_zero_without_secrets() {
    let sim = sim();
    let out = cli(&sim, None)
        .args(["entries", "--from", "2026-05-08", "--to", "2026-05-07"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("after"));
    assert_eq!(sim.requests().len(), 0);

    let out = cli(&sim, Some("not-the-password-xyz"))
        .args(["entries", "--from", "2026-05-07", "--to", "2026-05-07"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("login refused"), "{err}");
    let c = sim.credentials();
    for s in [
        "not-the-password-xyz",
        &c.company_api_key,
        &c.connect_api_key,
    ] {
        assert!(!err.contains(s), "{err}");
    }
}

#[test]
fn demo_runs() {
    let out = Command::new(env!("CARGO_BIN_EXE_softone-go"))
        .arg("demo")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2026-05-07T16:00:00"));
    assert!(text.contains("All employees"));
}
