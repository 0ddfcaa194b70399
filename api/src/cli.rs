//! The `sunlight` command line: serve, migrate, seed, back up, restore, check a deployment,
//! verify the audit log, mint a token.

use std::{path::PathBuf, process::ExitCode};

use crate::config::Config;
use clap::{Parser, Subcommand};

/// Sunlight: the open-data API of the Menyuan County Party committee's transparency pilot.
#[derive(Parser)]
#[command(name = "sunlight", version, about)]
struct Cli {
    /// A TOML configuration file; environment variables override it.
    #[arg(long, global = true, env = "SUNLIGHT_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default): migrate, load the demo county into an empty database, listen.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo county into an empty database and exit; with `--synthetic N`, add a
    /// synthetic county of N powers (for benchmarks) instead, or with `--counties K` as well, a
    /// synthetic province of about N records of every kind in K counties.
    Seed {
        /// Add a synthetic county of this many powers, with proportional meetings, appointments
        /// and cases; with `--counties`, a province of this many records of every kind.
        #[arg(long)]
        synthetic: Option<u64>,
        /// Make the synthetic data a province of this many counties (1 to 99), each in its own
        /// jurisdiction.
        #[arg(long, requires = "synthetic")]
        counties: Option<u32>,
    },
    /// Add jurisdictions from a JSON file: a list of `{ "divisionCode", "name", "level",
    /// "parent" }` (level PROVINCE, PREFECTURE or COUNTY; parent by division code, listed
    /// before its children). Jurisdictions already there are kept as they are.
    Jurisdictions {
        /// The JSON file.
        file: PathBuf,
    },
    /// Print the GraphQL schema (SDL) and exit.
    Schema,
    /// Copy the database, consistently, while the server runs: SQLite with `VACUUM INTO`,
    /// PostgreSQL with `pg_dump` (custom format). Written as `FILE.partial` until whole.
    Backup {
        /// The backup file to make; it must not exist.
        #[arg(long)]
        to: PathBuf,
    },
    /// Fill an empty database from a backup, migrate it, and check it (integrity and the audit
    /// log); fails unless both hold.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
    },
    /// Check a deployment without changing it (configuration, database reachable and migrated,
    /// keys present and private, free disk, clock) and say what to fix; fails if anything must
    /// be fixed before serving.
    Doctor,
    /// Work with the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Mint a token with the configured HS256 secret (or the local development key), for local
    /// use and tests. Refuses when only a public key is configured.
    Token {
        /// media, member, official, editor, reviewer, supervisor or admin.
        #[arg(long)]
        role: String,
        /// An organization the caller belongs to (its global id); repeat for several.
        #[arg(long = "org")]
        orgs: Vec<String>,
        /// A jurisdiction the token is limited to (its division code, e.g. 632221); repeat for
        /// several. Without one the token is limited to none.
        #[arg(long = "jur")]
        jur: Vec<String>,
        /// The subject.
        #[arg(long, default_value = "local-user")]
        sub: String,
        /// The caller's person record (its global id), for audiences that name persons.
        #[arg(long)]
        person: Option<String>,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
        /// Lifetime, e.g. 30m, 1h, 8h; at most `jwt_max_lifetime_secs` (24 h by default).
        #[arg(long, default_value = "1h", value_parser = parse_ttl)]
        ttl: std::time::Duration,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk the hash chain of the audit log, hold every record against the last entry about
    /// it, and, with `--checkpoint`, prove that the log still extends a saved checkpoint; exits
    /// with a failure status on any fault.
    Verify {
        /// A checkpoint saved earlier (the JSON of `GET /audit/checkpoint`, or a GraphQL answer
        /// with `auditCheckpoint`).
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// The audit log's public key (64 hex digits), as published; by default the one of
        /// the configured or local signing key.
        #[arg(long, requires = "checkpoint")]
        public_key: Option<String>,
    },
}

fn parse_ttl(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration like 30m, 1h or 7d"))?;
    let seconds = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("unknown unit {unit:?}; use s, m, h or d")),
    };
    Ok(std::time::Duration::from_secs(
        number.saturating_mul(seconds),
    ))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let running = crate::server::start(&config, shutdown_signal()).await?;
            running.wait().await
        }
        Command::Migrate => {
            crate::db::open(&config).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Seed {
            synthetic: Some(n),
            counties: Some(k),
        } => {
            let (_, db) = crate::server::prepare(&Config {
                seed_demo: false,
                ..config
            })
            .await?;
            let started = std::time::Instant::now();
            let province = crate::seed::synthetic::load_province(&db, n, k).await?;
            let seconds = started.elapsed().as_secs_f64();
            tracing::info!(?province, seconds, "added a synthetic province");
            println!(
                "a synthetic province of {} records in {} counties ({} powers each) in {seconds:.1} s",
                province.records, province.counties, province.powers_per_county
            );
            Ok(())
        }
        Command::Seed {
            synthetic: Some(n),
            counties: None,
        } => {
            let db = crate::db::open(&config).await?;
            let started = std::time::Instant::now();
            let counts = crate::seed::synthetic::load(&db, n).await?;
            tracing::info!(
                ?counts,
                seconds = started.elapsed().as_secs_f64(),
                "added a synthetic county"
            );
            Ok(())
        }
        Command::Jurisdictions { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let (_, db) = crate::server::prepare(&Config {
                seed_demo: false,
                ..config
            })
            .await?;
            let txn = crate::db::begin_write(&db).await?;
            let name = file.display().to_string();
            let n = crate::seed::jurisdictions::load(&txn, &name, &text).await?;
            txn.commit().await?;
            println!("{n} jurisdictions in {name}; every one is now in the database");
            Ok(())
        }
        Command::Seed {
            synthetic: None, ..
        } => {
            let config = Config {
                seed_demo: false,
                ..config
            };
            let (store, db) = crate::server::prepare(&config).await?;
            if crate::seed::load_demo_if_empty(&store, &db).await? {
                tracing::info!("loaded the demo county");
            } else {
                tracing::info!("the database already holds records; nothing loaded");
            }
            Ok(())
        }
        Command::Audit {
            command:
                AuditCommand::Verify {
                    checkpoint,
                    public_key,
                },
        } => verify_audit(&config, checkpoint, public_key).await,
        Command::Doctor => {
            let findings = crate::doctor::run(&config).await;
            for finding in &findings {
                let mark = match finding.verdict {
                    crate::doctor::Verdict::Ok => "ok  ",
                    crate::doctor::Verdict::Warn => "WARN",
                    crate::doctor::Verdict::Fail => "FAIL",
                };
                println!("{mark} {:<13} {}", finding.check, finding.detail);
                if let Some(fix) = &finding.fix {
                    println!("     {:<13} → {fix}", "");
                }
            }
            if crate::doctor::failed(&findings) {
                anyhow::bail!("the deployment needs the fixes above");
            }
            Ok(())
        }
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(())
        }
        Command::Backup { to } => {
            let report = crate::backup::backup(&config, &to).await?;
            println!(
                "backed up to {} ({} bytes) in {:.2} s",
                report.file.display(),
                report.bytes,
                report.seconds
            );
            Ok(())
        }
        Command::Restore { from } => {
            let report = crate::backup::restore(&config, &from).await?;
            println!(
                "restored from {} ({} bytes) in {:.2} s; the database and its audit log of {} entries hold",
                report.file.display(),
                report.bytes,
                report.seconds,
                report.audit_entries.unwrap_or_default()
            );
            Ok(())
        }
        Command::Token {
            role,
            orgs,
            jur,
            sub,
            person,
            name,
            ttl,
        } => {
            if crate::access::Role::from_claim(&role).is_none() {
                anyhow::bail!(
                    "unknown role {role:?}; use media, member, official, editor, reviewer, supervisor or admin"
                );
            }
            // A key made here would sign tokens no server accepts: only the server makes it.
            if let Some(path) = crate::auth::local_key_missing(&config) {
                let path = std::path::absolute(&path).unwrap_or(path);
                anyhow::bail!(
                    "there is no key to sign with: {} does not exist. The server makes it in its \
                     data directory on its first start; run `sunlight token` with the server's \
                     data directory (SUNLIGHT_DATA_DIR, or data_dir in --config), or configure \
                     jwt_hs256_secret",
                    path.display()
                );
            }
            let (_, source) = crate::auth::Verifier::from_config(&config)?;
            let request = crate::auth::MintRequest {
                role,
                orgs,
                jur: (!jur.is_empty()).then_some(jur),
                sub,
                person,
                name,
                ttl,
            };
            println!("{}", crate::auth::mint(&config, &source, &request)?);
            Ok(())
        }
    }
}

/// `sunlight audit verify`: prints what holds, and fails naming every fault.
async fn verify_audit(
    config: &Config,
    checkpoint: Option<PathBuf>,
    public_key: Option<String>,
) -> anyhow::Result<()> {
    use crate::audit::{checkpoint as checkpoints, key::CheckpointKey};
    use anyhow::Context as _;
    // Read before the database is opened: a bad file or key needs no walk to be reported.
    let against = match &checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the checkpoint {}", path.display()))?;
            let kept = checkpoints::parse(&text)
                .with_context(|| format!("{} does not hold a checkpoint's JSON", path.display()))?;
            let key = match &public_key {
                Some(hex) => crate::audit::key::verifying_key(hex)
                    .map_err(|message| anyhow::anyhow!("--public-key: {message}"))?,
                None => CheckpointKey::load_existing(config)
                    .context("no audit signing key to check the checkpoint with; pass --public-key with the published key")?
                    .public(),
            };
            Some((kept, key))
        }
        None => None,
    };
    let db = crate::db::open(config).await?;
    let started = std::time::Instant::now();
    let found =
        crate::audit::verify_all(&db, against.as_ref().map(|(kept, key)| (kept, key))).await?;
    let chain = &found.chain;
    if chain.broken.is_none() {
        println!(
            "the chain holds: {} entries{}",
            chain.entries,
            chain
                .head
                .as_deref()
                .map(|head| format!(", the last with hash {head}"))
                .unwrap_or_default()
        );
    }
    if let Some((kept, Ok(()))) = &found.checkpoint {
        println!(
            "the log extends the checkpoint of entry {} signed at {} by key {}",
            kept.sequence,
            kept.signed_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            kept.public_key
        );
    }
    let content = &found.content;
    println!(
        "{} records held against the last entry about each: {} differ",
        content.compared,
        content.differences.len()
    );
    if content.unaudited_published > 0 {
        let examples: Vec<String> = content
            .unaudited_examples
            .iter()
            .map(|(kind, id)| format!("{} {id}", crate::store::name_of(*kind)))
            .collect();
        println!(
            "{} published records have no entry, so nothing to hold them against (loaded by \
             the seed, or put in around the API): {}{}",
            content.unaudited_published,
            examples.join(", "),
            if content.unaudited_published > examples.len() as u64 {
                ", …"
            } else {
                ""
            }
        );
    }
    tracing::info!(
        seconds = started.elapsed().as_secs_f64(),
        "verified the audit log"
    );
    let faults = found.faults();
    if faults.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("the audit log does not hold:\n- {}", faults.join("\n- "))
    }
}

/// Runs the command line the process was started with.
pub fn main() -> ExitCode {
    crate::allocator::give_memory_back();
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref(), std::env::vars()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("sunlight: {e}");
            return ExitCode::from(2);
        }
    };
    let telemetry = match crate::telemetry::init(&config) {
        Ok(guard) => guard,
        Err(e) => {
            eprintln!("sunlight: {e:#}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("sunlight: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(run(cli, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("sunlight: {e:#}");
            ExitCode::FAILURE
        }
    };
    drop(runtime);
    telemetry.shutdown();
    code
}
