//! Public ids in resolvers: the deployment's [`crate::ids::Ids`], from the store.

use async_graphql::Context;

use crate::{ids::Ids, store::Store};

/// The deployment's ids.
pub fn of<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Ids> {
    Ok(ctx.data::<Store>()?.ids())
}
