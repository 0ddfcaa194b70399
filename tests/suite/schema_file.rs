//! `schema.graphql` at the repository root is written from the code.

use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql")
}

/// Fails when `schema.graphql` is stale; `UPDATE_SCHEMA=1` rewrites it.
#[test]
fn schema_file_matches_the_code() -> anyhow::Result<()> {
    let sdl = sunlight::graphql::sdl();
    let path = schema_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &sdl)?;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == sdl,
        "schema.graphql is stale: run `UPDATE_SCHEMA=1 cargo test -p sunlight-tests schema_file` and commit it"
    );
    Ok(())
}
