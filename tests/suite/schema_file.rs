//! `schema.graphql` at the repository root is written from the code.

use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql")
}

/// Fails when `schema.graphql` is stale. `UPDATE_SCHEMA=1` rewrites it, and the run still fails
/// when it had to: a stale file never passes, whatever the environment says.
#[test]
fn schema_file_matches_the_code() -> anyhow::Result<()> {
    let sdl = sunlight::graphql::sdl();
    let path = schema_path();
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk == sdl {
        return Ok(());
    }
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &sdl)?;
        anyhow::bail!("schema.graphql was stale and is rewritten: review the change and commit it");
    }
    anyhow::bail!(
        "schema.graphql is stale: run `UPDATE_SCHEMA=1 cargo test -p sunlight-tests schema_file` and commit it"
    )
}
