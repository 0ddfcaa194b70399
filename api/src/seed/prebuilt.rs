//! A prebuilt copy of the demo county's SQLite database, kept in the build output beside the
//! binary, so that a new SQLite database starts with the county at once.
//!
//! Loading the county through the write path takes a few seconds on SQLite (some twenty thousand
//! statements). The first start that loads it into a new SQLite file also writes a copy
//! (`VACUUM INTO`) beside the executable, named after a fingerprint of the data files, the
//! migrations and the version; a later first start on a new file, by the same binary, copies it in
//! place before the database is opened. The copy's keys for public ids and feed cursors are
//! dropped, so that every database makes its own. What cannot be written there (a read-only
//! install) is simply not kept: the county is then loaded through the write path each time.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait as _, DatabaseConnection};
use sha2::{Digest as _, Sha256};

use crate::config::Config;

/// The `sunlight_meta` rows that are each database's own: the keys of public ids and cursors.
const OWN_KEYS: &[&str] = &["record_id_key", "feed_cursor_key"];

/// The fingerprint of what the prebuilt database is made from.
fn fingerprint() -> String {
    use migration::MigratorTrait as _;
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION"));
    for migration in migration::Migrator::migrations() {
        hash.update(migration.name());
        hash.update([0]);
    }
    for file in super::DEMO {
        hash.update(file.name);
        hash.update([0]);
        hash.update(file.text);
        hash.update([0]);
    }
    for document in super::DEMO_DOCUMENTS {
        hash.update(document.name);
        hash.update([0]);
        hash.update(document.content);
        hash.update([0]);
    }
    hash.update(super::DEMO_JURISDICTIONS);
    hash.update([0]);
    hash.update(super::DEMO_FEEDBACK);
    hash.update(super::DEMO_BALLOTS);
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the prebuilt copy of this binary lives, if the binary's folder is known.
fn path() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(
        exe.parent()?
            .join(format!("sunlight-demo-county-{}.sqlite", fingerprint())),
    )
}

/// The new SQLite file `config` names, when the demo county is to be loaded into it.
fn new_sqlite_file(config: &Config) -> Option<PathBuf> {
    if !config.seed_demo || !config.prebuilt_demo {
        return None;
    }
    let file = crate::db::sqlite_path(&config.database_url())?;
    (!file.exists()).then_some(file)
}

/// Copies the prebuilt county into the new SQLite file `config` names, if there is one to copy
/// and the file does not exist yet. Returns whether it did.
pub async fn restore(config: &Config) -> anyhow::Result<bool> {
    let (Some(file), Some(prebuilt)) = (new_sqlite_file(config), path()) else {
        return Ok(false);
    };
    if !prebuilt.exists() {
        return Ok(false);
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let partial = file.with_extension("sqlite.copying");
    std::fs::copy(&prebuilt, &partial)?;
    std::fs::rename(&partial, &file)?;
    Ok(true)
}

/// Whether the start about to open the database should keep a prebuilt copy once it has loaded
/// the county: a new SQLite file, with no copy yet.
pub fn wanted(config: &Config) -> bool {
    new_sqlite_file(config).is_some() && path().is_some_and(|p| !p.exists())
}

/// Writes the prebuilt copy of the county just loaded into `db`; a failure is logged, not
/// raised: the copy only saves time.
pub async fn keep(db: &DatabaseConnection) {
    let Some(prebuilt) = path() else { return };
    if let Err(error) = write(db, &prebuilt).await {
        tracing::warn!(path = %prebuilt.display(), %error, "could not keep a prebuilt demo county");
    }
}

async fn write(db: &DatabaseConnection, prebuilt: &Path) -> anyhow::Result<()> {
    let partial = prebuilt.with_extension("sqlite.writing");
    let _ = std::fs::remove_file(&partial);
    let target = partial
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the path is not UTF-8"))?
        .replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await?;
    let copy =
        sea_orm::Database::connect(format!("sqlite://{}?mode=rw", partial.display())).await?;
    let keys = OWN_KEYS
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    copy.execute_unprepared(&format!("DELETE FROM sunlight_meta WHERE key IN ({keys})"))
        .await?;
    copy.close().await?;
    std::fs::rename(&partial, prebuilt)?;
    Ok(())
}
