//! `softone-go-simulator`: runs the SoftOne GO simulator until Ctrl-C.

use std::io::Write as _;
use std::process::ExitCode;

use softone_go_simulator::{Simulator, SimulatorConfig};

const USAGE: &str =
    "usage: softone-go-simulator [--host IP] [--port N] [--employees N] [--days N] [--seed N]";

fn value<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse()
        .map_err(|_| format!("{flag}: '{v}' is not a valid value"))
}

fn parse_args() -> Result<Option<SimulatorConfig>, String> {
    let mut cfg = SimulatorConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        let mut next = || inline.clone().or_else(|| args.next());
        match flag.as_str() {
            "--host" => cfg.host = value(&flag, next())?,
            "--port" => cfg.port = value(&flag, next())?,
            "--employees" => cfg.employees = value(&flag, next())?,
            "--days" => cfg.days = value(&flag, next())?,
            "--seed" => cfg.seed = value(&flag, next())?,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    Ok(Some(cfg))
}

fn main() -> ExitCode {
    let cfg = match parse_args() {
        Ok(Some(c)) => c,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sim = match Simulator::start(cfg) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot start the simulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let c = sim.credentials();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "SOFTONE_BASE_URL={}", sim.url());
    let _ = writeln!(out, "SOFTONE_COMPANY_API_KEY={}", c.company_api_key);
    let _ = writeln!(out, "SOFTONE_CONNECT_API_KEY={}", c.connect_api_key);
    let _ = writeln!(out, "SOFTONE_LICENSE={}", c.license);
    let _ = writeln!(out, "SOFTONE_USERNAME={}", c.username);
    let _ = writeln!(out, "SOFTONE_PASSWORD={}", c.password);
    let _ = out.flush();
    drop(out);
    eprintln!(
        "softone-go simulator listening on {} ({} entries); press Ctrl-C to stop",
        sim.url(),
        sim.entry_count()
    );
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let _ = rt.block_on(tokio::signal::ctrl_c());
    sim.stop();
    ExitCode::SUCCESS
}
