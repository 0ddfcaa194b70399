//! A span for each root field of an operation (`Query.powers`, `Mutation.publish`), so that a
//! trace shows which part of a request spent the time; the statements it sends are its
//! children. Fields below the root get none: a page of records would make thousands.

use std::sync::Arc;

use async_graphql::{
    ServerResult, Value,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo},
};
use tracing::Instrument as _;

/// The extension that opens a span around each root field.
pub struct RootFieldSpans;

impl ExtensionFactory for RootFieldSpans {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RootFieldSpans)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for RootFieldSpans {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.path_node.parent.is_some() {
            return next.run(ctx, info).await;
        }
        let span = tracing::info_span!(
            "graphql.field",
            otel.name = %format_args!("{}.{}", info.parent_type, info.name),
            graphql.field = info.name,
        );
        next.run(ctx, info).instrument(span).await
    }
}
