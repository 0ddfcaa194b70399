//! Prefetching: a resolver that returns records looks ahead at what the query selects on them
//! and loads each relation for all of them at once, one statement per relation and level, into
//! the request's loader cache. The field resolvers then find their rows in the cache.
//!
//! The loader alone batches by time: whatever keys arrive within its window share a statement,
//! so a large page can take several. Prefetching makes the count depend on the query only, not
//! on the page size or on scheduling.

use std::collections::BTreeSet;

use async_graphql::{
    Context, Lookahead, Result,
    dataloader::{DataLoader, HashMapCache},
};
use entity::{
    agenda_item, appointment, attendance, decision, disciplinary_case, meeting, milestone,
    organization, person, post, power, procedure, procedure_edge, procedure_step, risk_point,
    source, supervision_measure,
};
use sea_orm::IdenStatic as _;

use crate::{
    access::policy::Scoped,
    loaders::Records,
    store::{Part, Record},
};

type Loader = DataLoader<Records, HashMapCache>;

/// Records a resolver returns, whose selected relations can be loaded ahead for all of them.
pub(crate) trait Prefetch: Record {
    /// The long text columns of the kind, each with the one field that reads it: a page whose
    /// query asks for none of those fields reads them as empty ([`crate::store::Store::page`]).
    /// Every other field reads none of them; the suite checks that, field by field.
    const LONG_TEXT: &'static [(&'static str, &'static str)] = &[];

    /// Loads the relations that `selection` asks for on `rows`.
    fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> impl Future<Output = Result<()>> + Send + 'a;
}

/// The visible records `E` among `ids`, loaded in one statement and fed to the loader.
async fn by_id<E: Record>(
    ctx: &Context<'_>,
    ids: impl Iterator<Item = Option<i64>>,
) -> Result<Vec<Scoped<E::Model>>>
where
    E::Model: Send + Sync + Clone,
{
    let ids: Vec<i64> = ids.flatten().collect::<BTreeSet<_>>().into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let loader = ctx.data::<Loader>()?;
    let found = loader.loader().by_id::<E>(&ids).await?;
    let rows = found.values().flatten().cloned().collect();
    loader.feed_many(found).await;
    Ok(rows)
}

/// The visible records `E` whose `column` holds the id of one of `parents`.
async fn children<E: Record>(
    ctx: &Context<'_>,
    column: E::Column,
    parents: impl Iterator<Item = i64>,
) -> Result<Vec<Scoped<E::Model>>>
where
    E::Model: Send + Sync + Clone,
{
    let values: Vec<i64> = parents.collect::<BTreeSet<_>>().into_iter().collect();
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let loader = ctx.data::<Loader>()?;
    let found = loader
        .loader()
        .by_column::<E>(column.as_str(), &values)
        .await?;
    let rows = found.values().flatten().cloned().collect();
    loader.feed_many(found).await;
    Ok(rows)
}

/// The parts `E` of `parents`, each with its parent's clearance.
async fn parts<E: Part, P>(
    ctx: &Context<'_>,
    parents: &[&Scoped<P>],
    id: impl Fn(&P) -> i64,
) -> Result<Vec<Scoped<E::Model>>>
where
    E::Model: Send + Sync + Clone,
{
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<_> = parents
        .iter()
        .map(|p| (id(&p.model), p.clearance))
        .collect();
    let loader = ctx.data::<Loader>()?;
    let found = loader.loader().parts::<E>(&keys).await?;
    let rows = found.values().flatten().cloned().collect();
    loader.feed_many(found).await;
    Ok(rows)
}

/// Loads the records `E` that `rows` name by `key` as their field `field`, when the selection
/// asks for it, and then what is selected below them.
pub(crate) async fn related<'a, E: Prefetch, M>(
    ctx: &'a Context<'a>,
    selection: &'a Lookahead<'a>,
    rows: &'a [&'a Scoped<M>],
    field: &str,
    key: impl Fn(&M) -> Option<i64>,
) -> Result<()>
where
    E::Model: Send + Sync + Clone,
{
    let below = selection.field(field);
    if below.exists() {
        let found = by_id::<E>(ctx, rows.iter().map(|r| key(&r.model))).await?;
        let found: Vec<_> = found.iter().collect();
        E::prefetch(ctx, &found, &below).await?;
    }
    Ok(())
}

/// Loads relation `$field` of `$rows` when selected, and then what is selected below it.
macro_rules! relation {
    ($ctx:ident, $selection:ident, $rows:ident, $field:literal, by_id $entity:ty, $key:expr) => {{
        let below = $selection.field($field);
        if below.exists() {
            let found = by_id::<$entity>($ctx, $rows.iter().map(|r| $key(&r.model))).await?;
            let found: Vec<_> = found.iter().collect();
            <$entity as Prefetch>::prefetch($ctx, &found, &below).await?;
        }
    }};
    ($ctx:ident, $selection:ident, $rows:ident, $field:literal, children $entity:ty, $column:expr) => {{
        let below = $selection.field($field);
        if below.exists() {
            let found =
                children::<$entity>($ctx, $column, $rows.iter().map(|r| r.model.id)).await?;
            let found: Vec<_> = found.iter().collect();
            <$entity as Prefetch>::prefetch($ctx, &found, &below).await?;
        }
    }};
    ($ctx:ident, $selection:ident, $rows:ident, $field:literal, parts $entity:ty, then $next:expr) => {{
        let below = $selection.field($field);
        if below.exists() {
            let found = parts::<$entity, _>($ctx, $rows, |m| m.id).await?;
            let found: Vec<_> = found.iter().collect();
            $next($ctx, &found, &below).await?;
        }
    }};
}

/// Records with nothing to prefetch below them.
macro_rules! leaf {
    ($($entity:ty),+) => {$(
        impl Prefetch for $entity {
            async fn prefetch<'a>(
                _: &'a Context<'a>,
                _: &'a [&'a Scoped<Self::Model>],
                _: &'a Lookahead<'a>,
            ) -> Result<()> {
                Ok(())
            }
        }
    )+};
}

leaf!(
    organization::Entity,
    person::Entity,
    post::Entity,
    source::Entity,
    entity::membership::Entity,
    entity::observer::Entity
);

impl Prefetch for power::Entity {
    const LONG_TEXT: &'static [(&'static str, &'static str)] = &[
        ("legalBasis", "legal_basis"),
        ("duties", "duties"),
        ("accountability", "accountability"),
        ("undertakingUnit", "undertaking_unit"),
    ];

    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "holder", by_id organization::Entity, |m: &power::Model| Some(m.holder_org_id));
        relation!(ctx, selection, rows, "holderPost", by_id post::Entity, |m: &power::Model| m.holder_post_id);
        relation!(ctx, selection, rows, "procedure", by_id procedure::Entity, |m: &power::Model| m.procedure_id);
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &power::Model| m.source_id);
        Ok(())
    }
}

impl Prefetch for procedure::Entity {
    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "steps", parts procedure_step::Entity, then steps);
        relation!(ctx, selection, rows, "edges", parts procedure_edge::Entity, then nothing);
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &procedure::Model| m.source_id);
        Ok(())
    }
}

async fn nothing<M>(_: &Context<'_>, _: &[&Scoped<M>], _: &Lookahead<'_>) -> Result<()> {
    Ok(())
}

async fn steps(
    ctx: &Context<'_>,
    rows: &[&Scoped<procedure_step::Model>],
    selection: &Lookahead<'_>,
) -> Result<()> {
    relation!(ctx, selection, rows, "riskPoints", parts risk_point::Entity, then nothing);
    relation!(ctx, selection, rows, "supervisionMeasures", parts supervision_measure::Entity, then nothing);
    Ok(())
}

impl Prefetch for meeting::Entity {
    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "body", by_id organization::Entity, |m: &meeting::Model| Some(m.body_id));
        relation!(ctx, selection, rows, "chair", by_id person::Entity, |m: &meeting::Model| m.chair_id);
        relation!(ctx, selection, rows, "attendance", parts attendance::Entity, then attendance);
        relation!(ctx, selection, rows, "agenda", parts agenda_item::Entity, then agenda);
        relation!(ctx, selection, rows, "decisions", children decision::Entity, decision::Column::MeetingId);
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &meeting::Model| m.source_id);
        Ok(())
    }
}

async fn attendance(
    ctx: &Context<'_>,
    rows: &[&Scoped<attendance::Model>],
    selection: &Lookahead<'_>,
) -> Result<()> {
    relation!(ctx, selection, rows, "person", by_id person::Entity, |m: &attendance::Model| Some(m.person_id));
    Ok(())
}

async fn agenda(
    ctx: &Context<'_>,
    rows: &[&Scoped<agenda_item::Model>],
    selection: &Lookahead<'_>,
) -> Result<()> {
    relation!(ctx, selection, rows, "presenter", by_id person::Entity, |m: &agenda_item::Model| m.presenter_id);
    Ok(())
}

impl Prefetch for decision::Entity {
    const LONG_TEXT: &'static [(&'static str, &'static str)] = &[("text", "text")];

    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "milestones", parts milestone::Entity, then nothing);
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &decision::Model| m.source_id);
        // The meeting is loaded, but not what lies below it: a decision list inside a meeting
        // would otherwise prefetch its way round the cycle.
        let below = selection.field("meeting");
        if below.exists() {
            by_id::<meeting::Entity>(ctx, rows.iter().map(|r| Some(r.model.meeting_id))).await?;
        }
        Ok(())
    }
}

impl Prefetch for appointment::Entity {
    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "organization", by_id organization::Entity, |m: &appointment::Model| Some(m.organization_id));
        relation!(ctx, selection, rows, "post", by_id post::Entity, |m: &appointment::Model| m.post_id);
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &appointment::Model| m.source_id);
        Ok(())
    }
}

impl Prefetch for disciplinary_case::Entity {
    const LONG_TEXT: &'static [(&'static str, &'static str)] = &[("summary", "summary")];

    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "decidingBody", by_id organization::Entity, |m: &disciplinary_case::Model| m.deciding_body_id);
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &disciplinary_case::Model| m.source_id);
        Ok(())
    }
}

impl Prefetch for entity::bulletin::Entity {
    const LONG_TEXT: &'static [(&'static str, &'static str)] =
        &[("crawl", "crawl"), ("body", "body")];

    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Self::Model>],
        selection: &'a Lookahead<'a>,
    ) -> Result<()> {
        relation!(ctx, selection, rows, "source", by_id source::Entity, |m: &entity::bulletin::Model| m.source_id);
        Ok(())
    }
}

/// Prefetches what `ctx`'s field selects on `rows`, whether the field returns them directly
/// or as a connection (`edges { node }` and `nodes`).
pub(crate) async fn selected<E: Prefetch>(
    ctx: &Context<'_>,
    rows: &[&Scoped<E::Model>],
    connection: bool,
) -> Result<()> {
    let here = ctx.look_ahead();
    if connection {
        let edges = here.field("edges").field("node");
        if edges.exists() {
            E::prefetch(ctx, rows, &edges).await?;
        }
        let nodes = here.field("nodes");
        if nodes.exists() {
            E::prefetch(ctx, rows, &nodes).await?;
        }
        Ok(())
    } else {
        E::prefetch(ctx, rows, &here).await
    }
}
