//! Loading jurisdictions: a list of `{ "divisionCode", "name", "level", "parent" }`, each
//! parent (by division code) before its children. A jurisdiction already there is kept as it is.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use entity::enums::JurisdictionLevel;

/// One jurisdiction of a data file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
    /// The division code, e.g. `632221`.
    pub division_code: String,
    /// The name.
    pub name: String,
    /// Province, prefecture or county.
    pub level: JurisdictionLevel,
    /// The division code of the jurisdiction it lies in.
    #[serde(default)]
    pub parent: Option<String>,
}

/// Whether `code` is a division code: 2 to 12 digits.
pub fn is_division_code(code: &str) -> bool {
    (2..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Writes `entries` into `db`, each parent first; returns the id of every division code named.
pub async fn write(
    db: &impl ConnectionTrait,
    entries: &[Entry],
) -> anyhow::Result<HashMap<String, i64>> {
    use entity::jurisdiction::{ActiveModel, Column, Entity};
    let mut ids = HashMap::new();
    for (n, entry) in entries.iter().enumerate() {
        let at = || format!("jurisdiction {} ({})", n + 1, entry.division_code);
        if !is_division_code(&entry.division_code) {
            anyhow::bail!("{}: a division code is 2 to 12 digits", at());
        }
        let parent = match &entry.parent {
            None => None,
            Some(code) => Some(match ids.get(code) {
                Some(id) => *id,
                None => Entity::find()
                    .filter(Column::DivisionCode.eq(code.as_str()))
                    .one(db)
                    .await?
                    .map(|j| j.id)
                    .ok_or_else(|| {
                        anyhow::anyhow!("{}: no earlier jurisdiction is {code}", at())
                    })?,
            }),
        };
        let existing = Entity::find()
            .filter(Column::DivisionCode.eq(entry.division_code.as_str()))
            .one(db)
            .await?;
        let id = match existing {
            Some(j) => j.id,
            None => {
                ActiveModel {
                    division_code: Set(entry.division_code.clone()),
                    name: Set(entry.name.clone()),
                    level: Set(entry.level),
                    parent_id: Set(parent),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        ids.insert(entry.division_code.clone(), id);
    }
    crate::store::changes::announce_structure(db).await?;
    Ok(ids)
}

/// Loads the jurisdictions of the JSON `text`, from the file `name`.
pub async fn load(db: &impl ConnectionTrait, name: &str, text: &str) -> anyhow::Result<usize> {
    let entries: Vec<Entry> = serde_json::from_str(text)
        .map_err(|error| anyhow::anyhow!("{name}: this is not a list of jurisdictions: {error}"))?;
    write(db, &entries).await.map(|ids| ids.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn division_codes_are_digits() {
        assert!(super::is_division_code("63"));
        assert!(super::is_division_code("632221"));
        assert!(!super::is_division_code("6"));
        assert!(!super::is_division_code("63a221"));
        assert!(!super::is_division_code("6322211234567"));
    }
}
