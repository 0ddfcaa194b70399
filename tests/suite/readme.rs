//! The README's examples, run as written against the demo county, so that they cannot drift
//! from the API: every GraphQL example, and every shell command that talks to a running
//! server. The commands that set up or operate a deployment are run by the tests named in
//! [`ELSEWHERE`], and a new one must be added there or run here.
//!
//! What an example needs comes from comment lines in it, as a reader would follow them:
//! - `# token: ROLE` (or `# token: editor of $org`): sent with a token of that role;
//! - `# $name: …, from { query }`: the variable is looked up by running the query (with the
//!   example's token and the variables found so far) and taking the first value it answers;
//! - `# variables: { … }` (continued on `#   ` lines): values given in full;
//! - a variable with neither is taken from the answer of the example before it;
//! - `# expect: CODE`: the demo county answers this example with that error code.

use std::collections::BTreeMap;

use harness::{Backend, TestApp};
use serde_json::{Value, json};

/// Shell blocks run by other tests, by their first line.
const ELSEWHERE: &[(&str, &str)] = &[
    (
        "cargo run",
        "`.ci/run` builds the binary; startup::* start it",
    ),
    ("cargo test --workspace", "`.ci/run` runs it"),
    ("createdb sunlight", "every test runs on PostgreSQL too"),
    (
        "cargo build --release --locked --bin sunlight",
        "package::*",
    ),
    ("sudo -u sunlight sunlight --config", "doctor::*"),
    ("sunlight backup --to", "backup::*"),
    (
        "# postgresql.conf of the production server",
        "backup::postgres_recovers_to_a_point_in_time",
    ),
    (
        "cp -a /srv/base/",
        "backup::postgres_recovers_to_a_point_in_time",
    ),
    ("sunlight restore --from", "backup::*"),
];

/// A fenced block of the README.
struct Block {
    language: String,
    text: String,
    line: usize,
}

fn blocks() -> anyhow::Result<Vec<Block>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (n, line) in readme.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(fence) = trimmed.strip_prefix("```") {
            match open.take() {
                Some(block) => out.push(block),
                None => {
                    open = Some(Block {
                        language: fence.trim().to_owned(),
                        text: String::new(),
                        line: n + 1,
                    })
                }
            }
        } else if let Some(block) = &mut open {
            block.text.push_str(line);
            block.text.push('\n');
        }
    }
    Ok(out)
}

/// The first scalar an answer holds, depth first.
fn first_scalar(value: &Value) -> Option<Value> {
    match value {
        Value::Object(map) => map.values().find_map(first_scalar),
        Value::Array(items) => items.iter().find_map(first_scalar),
        Value::Null => None,
        scalar => Some(scalar.clone()),
    }
}

/// The value under `key` anywhere in `value`.
fn find_key(value: &Value, key: &str) -> Option<Value> {
    match value {
        Value::Object(map) => map
            .get(key)
            .filter(|v| !v.is_null())
            .cloned()
            .or_else(|| map.values().find_map(|v| find_key(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

/// The variables an operation declares, in order.
fn declared(query: &str) -> Vec<String> {
    let query: String = query
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let query = query.as_str();
    let Some(start) = query.find(['(', '{']) else {
        return Vec::new();
    };
    if !query[start..].starts_with('(')
        || !query[..start].contains("query") && !query[..start].contains("mutation")
    {
        return Vec::new();
    }
    let end = query[start..].find(')').map_or(query.len(), |e| start + e);
    query[start..end]
        .split('$')
        .skip(1)
        .filter_map(|part| part.split(':').next())
        .map(|name| name.trim().to_owned())
        .collect()
}

struct Runner<'a> {
    app: &'a TestApp,
    previous: Value,
}

impl Runner<'_> {
    fn token(&self, line: &str, variables: &BTreeMap<String, Value>) -> anyhow::Result<String> {
        let role = line.trim();
        match role.split_once(" of $") {
            Some((role, org)) => {
                let gid = variables
                    .get(org.trim())
                    .and_then(Value::as_str)
                    .ok_or_else(|| anyhow::anyhow!("no ${org} for the token"))?;
                let key = self
                    .app
                    .ids()
                    .decode("Organization", &async_graphql::ID::from(gid))
                    .ok_or_else(|| anyhow::anyhow!("{gid} is not an organization"))?;
                self.app.token(role, &[key])
            }
            None => self.app.token(role, &[]),
        }
    }

    /// Runs a GraphQL example; returns its answer.
    async fn graphql(&mut self, block: &Block) -> anyhow::Result<()> {
        let mut variables: BTreeMap<String, Value> = BTreeMap::new();
        let mut token: Option<String> = None;
        let mut expect: Option<String> = None;
        let mut given = String::new();
        let mut in_variables = false;
        let lines: Vec<&str> = block.text.lines().collect();
        for line in &lines {
            let Some(comment) = line.trim_start().strip_prefix('#') else {
                in_variables = false;
                continue;
            };
            let comment = comment.trim();
            if let Some(rest) = comment.strip_prefix("variables:") {
                given = rest.to_owned();
                in_variables = true;
            } else if in_variables && line.trim_start().starts_with("#  ") {
                given.push_str(comment);
            } else if let Some(role) = comment.strip_prefix("token:") {
                in_variables = false;
                token = Some(self.token(role, &variables)?);
            } else if let Some(code) = comment.strip_prefix("expect:") {
                expect = Some(code.trim().to_owned());
            } else if let Some(rest) = comment.strip_prefix('$') {
                in_variables = false;
                let Some((names, description)) = rest.split_once(':') else {
                    continue;
                };
                let Some((_, lookup)) = description.split_once(", from ") else {
                    continue;
                };
                let lookup = lookup.trim();
                let (status, answer) = self
                    .app
                    .graphql_as(token.as_deref(), lookup, serde_json::to_value(&variables)?)
                    .await?;
                anyhow::ensure!(
                    status == 200 && answer.get("errors").is_none(),
                    "README line {}: the lookup {lookup} failed: {answer}",
                    block.line
                );
                for name in names
                    .split([',', ' '])
                    .map(|n| n.trim().trim_start_matches('$'))
                {
                    if name.is_empty() || name == "and" {
                        continue;
                    }
                    let value = find_key(&answer["data"], name)
                        .or_else(|| first_scalar(&answer["data"]))
                        .ok_or_else(|| {
                            anyhow::anyhow!("README line {}: {lookup} found nothing", block.line)
                        })?;
                    variables.insert(name.to_owned(), value);
                }
            }
        }
        if !given.is_empty() {
            let given: Value = serde_json::from_str(&given).map_err(|e| {
                anyhow::anyhow!(
                    "README line {}: the variables do not parse: {e}",
                    block.line
                )
            })?;
            if let Value::Object(map) = given {
                variables.extend(map);
            }
        }
        for name in declared(&block.text) {
            if !variables.contains_key(&name)
                && let Some(value) = find_key(&self.previous, &name)
            {
                variables.insert(name, value);
            }
        }
        let (status, answer) = self
            .app
            .graphql_as(
                token.as_deref(),
                &block.text,
                serde_json::to_value(&variables)?,
            )
            .await?;
        let code = answer["errors"][0]["extensions"]["code"].as_str();
        match &expect {
            Some(expected) => anyhow::ensure!(
                code == Some(expected.as_str()),
                "README line {}: expected {expected}, got {status}: {answer}",
                block.line
            ),
            None => anyhow::ensure!(
                status == 200 && answer.get("errors").is_none() && answer["data"].is_object(),
                "README line {}: {status}: {answer}\nvariables: {variables:?}",
                block.line
            ),
        }
        self.previous = answer["data"].clone();
        Ok(())
    }

    /// Runs a shell example against the test's server, the README's address replaced by its
    /// own, in a directory of its own.
    async fn shell(&mut self, block: &Block, dir: &std::path::Path) -> anyhow::Result<()> {
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        env.insert("TOKEN".into(), self.app.token("member", &[])?);
        env.insert("EDITOR".into(), self.app.token("admin", &[])?);
        // The file an upload example sends.
        std::fs::write(
            dir.join("decision.pdf"),
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        )?;
        for line in block.text.lines() {
            let Some(comment) = line.trim_start().strip_prefix('#') else {
                continue;
            };
            let Some((name, description)) = comment
                .trim()
                .strip_prefix('$')
                .and_then(|r| r.split_once(':'))
            else {
                continue;
            };
            let Some((_, lookup)) = description.split_once(", from ") else {
                continue;
            };
            let data = self.app.data(lookup.trim(), json!({})).await?;
            let value = first_scalar(&data)
                .and_then(|v| v.as_str().map(str::to_owned))
                .ok_or_else(|| {
                    anyhow::anyhow!("README line {}: {lookup} found nothing", block.line)
                })?;
            env.insert(name.trim().to_owned(), value);
        }
        let script = block
            .text
            .replace("http://127.0.0.1:8080", &self.app.url(""))
            .replace(
                "cargo run -- ",
                &format!("{} ", env!("CARGO_BIN_EXE_sunlight-for-tests")),
            );
        let config = &self.app.config;
        let mut command = tokio::process::Command::new("bash");
        command
            .args(["-euo", "pipefail", "-c", &script])
            .current_dir(dir)
            .env("SUNLIGHT_DATA_DIR", &config.data_dir)
            .env("SUNLIGHT_LOG", "error")
            .envs(&env);
        if let Some(secret) = &config.jwt_hs256_secret {
            command.env("SUNLIGHT_JWT_HS256_SECRET", secret.expose());
        }
        if let Some(url) = &config.database_url {
            command.env("DATABASE_URL", url);
        }
        let output = command.output().await?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        anyhow::ensure!(
            output.status.success(),
            "README line {}: {stdout}\n{}",
            block.line,
            String::from_utf8_lossy(&output.stderr)
        );
        // A JSON answer is what the next example may take its variables from.
        if let Some(answer) = stdout
            .lines()
            .rev()
            .find_map(|line| serde_json::from_str::<Value>(line).ok())
        {
            self.previous = answer;
        }
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_example_of_the_readme_runs_as_written() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let dir = tempfile::tempdir()?;
    let mut runner = Runner {
        app: &app,
        previous: Value::Null,
    };
    let (mut graphql, mut shell) = (0, 0);
    let mut covered = std::collections::BTreeSet::new();
    for block in blocks()? {
        match block.language.as_str() {
            "graphql" => {
                runner.graphql(&block).await?;
                graphql += 1;
            }
            "sh" => {
                let first = block.text.lines().next().unwrap_or_default().trim();
                if let Some((start, _)) =
                    ELSEWHERE.iter().find(|(start, _)| first.starts_with(start))
                {
                    covered.insert(*start);
                    continue;
                }
                runner.shell(&block, dir.path()).await?;
                shell += 1;
            }
            _ => {}
        }
    }
    println!("ran {graphql} GraphQL examples and {shell} shell examples");
    for (start, _) in ELSEWHERE {
        assert!(
            covered.contains(start),
            "no README block starts with {start:?} any more"
        );
    }
    assert!(graphql >= 20, "only {graphql} GraphQL examples");
    assert!(shell >= 3, "only {shell} shell examples");
    app.stop().await?;
    Ok(())
}
