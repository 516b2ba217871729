//! `softone-go`: fetch and export SoftOne GO time stamp entries, run the simulator, demo.

mod output;

use clap::{Parser, Subcommand, ValueEnum};
use softone_go::{Client, ClientBuilder, ErrorKind, Query};
use softone_go_simulator::{Simulator, SimulatorConfig};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Command-line arguments.
#[derive(Parser)]
#[command(
    name = "softone-go",
    version,
    about = "Fetch SoftOne GO punch-clock entries (time stamp entries)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
enum Command {
    /// Fetch entries for a range of work dates, with credentials from SOFTONE_* variables.
    Entries {
        /// First work date, YYYY-MM-DD.
        #[arg(long = "from")]
        from: String,
        /// Last work date (inclusive), YYYY-MM-DD.
        #[arg(long = "to")]
        to: String,
        /// Comma-separated employee numbers (default: all employees).
        #[arg(long, value_delimiter = ',')]
        employees: Option<Vec<String>>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file (atomically, only when the fetch succeeded) instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Days per request (0: one request for the whole range).
        #[arg(long)]
        chunk_days: Option<u32>,
    },
    /// Serve the simulator and print the environment lines that point a client at it.
    Simulator {
        /// Port to listen on (0: a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Synthetic employees.
        #[arg(long, default_value_t = 50)]
        employees: u32,
        /// Synthetic days from 2026-05-01.
        #[arg(long, default_value_t = 31)]
        days: u32,
        /// Seed of the synthetic company.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Start the simulator in-process, fetch the document's example and one week for all.
    Demo,
}

/// Output formats of `entries`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A human-readable table.
    Table,
    /// A JSON array.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Comma-separated values with a header line.
    Csv,
}

fn main() -> ExitCode {
    init_tracing();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Entries {
            from,
            to,
            employees,
            format,
            output,
            chunk_days,
        } => entries(&from, &to, employees, format, output, chunk_days),
        Command::Simulator {
            port,
            employees,
            days,
            seed,
        } => simulator(port, employees, days, seed),
        Command::Demo => demo(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            match e.kind() {
                Some(ErrorKind::InvalidArgument) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("SOFTONE_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// A failure of a command: a client error or a local I/O problem.
#[derive(Debug)]
enum CliError {
    Client(softone_go::Error),
    Io(String),
}

impl CliError {
    fn kind(&self) -> Option<ErrorKind> {
        match self {
            CliError::Client(e) => Some(e.kind()),
            CliError::Io(_) => None,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Client(e) => write!(f, "{e}"),
            CliError::Io(e) => f.write_str(e),
        }
    }
}

impl From<softone_go::Error> for CliError {
    fn from(e: softone_go::Error) -> Self {
        CliError::Client(e)
    }
}

fn io_err(what: &str) -> impl FnOnce(std::io::Error) -> CliError + '_ {
    move |e| CliError::Io(format!("{what}: {e}"))
}

fn entries(
    from: &str,
    to: &str,
    employees: Option<Vec<String>>,
    format: Format,
    output: Option<PathBuf>,
    chunk_days: Option<u32>,
) -> Result<(), CliError> {
    let query = Query::parse(from, to)?.with_optional_employees(employees)?;
    let mut builder = ClientBuilder::from_env().user_agent_suffix("cli");
    if let Some(c) = chunk_days {
        builder = builder.chunk_days(c);
    }
    let client = Client::new(builder.build()?)?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} fetching {pos}/{len} pieces {wide_bar} {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let list = client.time_stamp_entries_with(
        &query,
        &mut |p| {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
        },
        None,
    );
    bar.finish_and_clear();
    let list = list?;
    let mut buf = Vec::with_capacity(list.len() * 200);
    match format {
        Format::Table => output::table(&mut buf, &list),
        Format::Json => output::json(&mut buf, &list),
        Format::Ndjson => output::ndjson(&mut buf, &list),
        Format::Csv => output::csv(&mut buf, &list),
    }
    .map_err(io_err("cannot format the entries"))?;
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)
                .map_err(io_err("cannot write to stdout"))?;
            out.flush().map_err(io_err("cannot write to stdout"))?;
        }
        Some(path) => {
            let mut tmp = path.clone().into_os_string();
            tmp.push(".partial");
            let tmp = PathBuf::from(tmp);
            std::fs::write(&tmp, &buf)
                .map_err(io_err(&format!("cannot write {}", tmp.display())))?;
            std::fs::rename(&tmp, &path)
                .map_err(io_err(&format!("cannot write {}", path.display())))?;
            eprintln!("wrote {} entries to {}", list.len(), path.display());
        }
    }
    Ok(())
}

fn start_simulator(config: SimulatorConfig) -> Result<Simulator, CliError> {
    Simulator::start(config).map_err(io_err("cannot start the simulator"))
}

fn simulator(port: u16, employees: u32, days: u32, seed: u64) -> Result<(), CliError> {
    let config = SimulatorConfig {
        port,
        employees,
        days,
        seed,
        ..SimulatorConfig::default()
    };
    let sim = start_simulator(config)?;
    let c = sim.credentials();
    println!(
        "# SoftOne GO simulator listening; paste these lines into a shell to point a client at it"
    );
    println!("export SOFTONE_BASE_URL={}", sim.url());
    println!("export SOFTONE_COMPANY_API_KEY={}", c.company_api_key);
    println!("export SOFTONE_CONNECT_API_KEY={}", c.connect_api_key);
    println!("export SOFTONE_LICENSE={}", c.license);
    println!("export SOFTONE_USERNAME={}", c.username);
    println!("export SOFTONE_PASSWORD={}", c.password);
    println!("# Ctrl-C stops it");
    let _ = std::io::stdout().flush();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(io_err("cannot start a runtime"))?;
    rt.block_on(tokio::signal::ctrl_c())
        .map_err(io_err("cannot wait for Ctrl-C"))?;
    sim.stop();
    Ok(())
}

fn demo() -> Result<(), CliError> {
    let sim = start_simulator(SimulatorConfig::default())?;
    let c = sim.credentials();
    let client = Client::new(
        ClientBuilder::default()
            .base_url(sim.url())
            .company_api_key(&c.company_api_key)
            .connect_api_key(&c.connect_api_key)
            .login(&c.license, &c.username, &c.password)
            .user_agent_suffix("cli-demo")
            .build()?,
    )?;
    let mut out = std::io::stdout().lock();
    let w = |out: &mut std::io::StdoutLock, s: String| {
        out.write_all(s.as_bytes()).map_err(io_err("cannot write"))
    };

    w(
        &mut out,
        format!("SoftOne GO simulator at {}\n\n", sim.url()),
    )?;
    w(
        &mut out,
        "Employee 107 on 2026-05-07 (the endpoint document's example 4.1):\n".into(),
    )?;
    let q = Query::parse("2026-05-07", "2026-05-07")?.with_employees(["107"])?;
    let list = client.time_stamp_entries(&q)?;
    let mut buf = Vec::new();
    output::table(&mut buf, &list).map_err(io_err("cannot format"))?;
    out.write_all(&buf).map_err(io_err("cannot write"))?;

    let q = Query::parse("2026-05-04", "2026-05-10")?;
    let mut pieces = 0;
    let list = client.time_stamp_entries_with(&q, &mut |p| pieces = p.total, None)?;
    w(
        &mut out,
        format!(
            "\nAll employees, work dates 2026-05-04 to 2026-05-10: {} entries in {} request(s), {} login(s):\n",
            list.len(),
            pieces,
            sim.login_count()
        ),
    )?;
    let mut buf = Vec::new();
    output::summary(&mut buf, &list).map_err(io_err("cannot format"))?;
    out.write_all(&buf).map_err(io_err("cannot write"))?;
    drop(out);
    sim.stop();
    Ok(())
}
