//! Jurisdictions (行政区划): the province, its prefectures and counties. Each organization
//! belongs to one, and so does everything it owns. Jurisdictions are public facts: anyone may
//! list them; what lies within them is filtered like everything else.

use std::sync::Arc;

use async_graphql::{Context, ID, Object, Result};

use super::{enums::JurisdictionLevel, ids, types::request};

/// 行政区划: an administrative division, e.g. 门源回族自治县 (632221) in 海北藏族自治州 (6322) of
/// 青海省 (63).
#[derive(Clone)]
pub struct Jurisdiction(pub Arc<entity::jurisdiction::Model>);

#[Object]
impl Jurisdiction {
    /// Global id.
    async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Jurisdiction", self.0.id))
    }

    /// The division code (行政区划代码), e.g. `632221`.
    async fn division_code(&self) -> &str {
        &self.0.division_code
    }

    /// Name, e.g. 门源回族自治县.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Province, prefecture or county.
    async fn level(&self) -> JurisdictionLevel {
        self.0.level.into()
    }

    /// The jurisdiction this one lies in.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Jurisdiction>> {
        let (store, _) = request(ctx)?;
        let tree = store.org_tree().await?;
        Ok(self
            .0
            .parent_id
            .and_then(|p| tree.jurisdiction(p))
            .map(Jurisdiction))
    }

    /// Jurisdictions directly in this one, by division code.
    async fn children(&self, ctx: &Context<'_>) -> Result<Vec<Jurisdiction>> {
        let (store, _) = request(ctx)?;
        let tree = store.org_tree().await?;
        Ok(sorted(
            tree.jurisdictions()
                .filter(|j| j.parent_id == Some(self.0.id))
                .cloned(),
        ))
    }
}

/// Jurisdictions by division code.
fn sorted(rows: impl Iterator<Item = Arc<entity::jurisdiction::Model>>) -> Vec<Jurisdiction> {
    let mut rows: Vec<_> = rows.collect();
    rows.sort_by(|a, b| a.division_code.cmp(&b.division_code));
    rows.into_iter().map(Jurisdiction).collect()
}

/// The jurisdiction `id`, if there is one.
pub(crate) async fn by_key(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<Jurisdiction>> {
    let Some(id) = id else {
        return Ok(None);
    };
    let (store, _) = request(ctx)?;
    let tree = store.org_tree().await?;
    // A jurisdiction made since the tree was read is read again.
    let tree = if tree.has_jurisdiction(id) {
        tree
    } else {
        store.recent_org_tree().await?
    };
    Ok(tree.jurisdiction(id).map(Jurisdiction))
}

/// The root fields of jurisdictions.
#[derive(Default)]
pub struct JurisdictionQuery;

#[Object]
impl JurisdictionQuery {
    /// Jurisdictions, by division code: all of them, or those directly in `parent`.
    async fn jurisdictions(
        &self,
        ctx: &Context<'_>,
        parent: Option<ID>,
    ) -> Result<Vec<Jurisdiction>> {
        let (store, _) = request(ctx)?;
        let tree = store.org_tree().await?;
        let parent = match &parent {
            Some(id) => match ids::of(ctx)?.decode("Jurisdiction", id) {
                Some(p) => Some(p),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        Ok(sorted(
            tree.jurisdictions()
                .filter(|j| parent.is_none_or(|p| j.parent_id == Some(p)))
                .cloned(),
        ))
    }

    /// One jurisdiction, by global id or by division code (`632221`); `null` when none has it.
    async fn jurisdiction(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        division_code: Option<String>,
    ) -> Result<Option<Jurisdiction>> {
        let (store, _) = request(ctx)?;
        let mut tree = store.org_tree().await?;
        let key = match (&id, division_code.as_deref()) {
            (Some(id), None) => ids::of(ctx)?.decode("Jurisdiction", id),
            (None, Some(code)) => match tree.jurisdiction_by_code(code.trim()) {
                Some(key) => Some(key),
                // A jurisdiction made since the tree was read is read again.
                None => {
                    tree = store.recent_org_tree().await?;
                    tree.jurisdiction_by_code(code.trim())
                }
            },
            _ => {
                return Err(crate::error::AppError::bad_input(
                    "id",
                    "name the jurisdiction by id or by divisionCode, one of the two",
                )
                .into());
            }
        };
        match key {
            Some(key) if !tree.has_jurisdiction(key) => by_key(ctx, Some(key)).await,
            key => Ok(key.and_then(|k| tree.jurisdiction(k)).map(Jurisdiction)),
        }
    }
}
