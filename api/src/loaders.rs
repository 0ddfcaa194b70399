//! Per-request DataLoaders: relations load in batches, one query per kind and level instead of
//! one per object. A loader is made for each request with that request's caller, so no cached
//! row ever serves another caller.

use std::{collections::HashMap, hash::Hash, marker::PhantomData, str::FromStr};

use async_graphql::dataloader::Loader;
use entity::enums::Scope;
use sea_orm::{ModelTrait, Value};

use crate::{
    access::{Caller, policy::Scoped},
    store::{Part, Record, Store},
};

/// The loader of one request.
pub struct Records {
    store: Store,
    caller: Caller,
}

impl Records {
    /// The loader for `caller`'s request.
    pub fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

macro_rules! key {
    ($(#[$meta:meta])* $name:ident<$bound:ident> { $($field:ident: $ty:ty),+ }) => {
        $(#[$meta])*
        pub struct $name<E> {
            $(pub(crate) $field: $ty,)+
            _kind: PhantomData<fn() -> E>,
        }

        impl<E> $name<E> {
            /// The key.
            pub fn new($($field: $ty),+) -> Self {
                Self { $($field,)+ _kind: PhantomData }
            }
        }

        impl<E> Clone for $name<E> {
            fn clone(&self) -> Self {
                Self { $($field: self.$field.clone(),)+ _kind: PhantomData }
            }
        }

        impl<E> PartialEq for $name<E> {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$field == other.$field)+
            }
        }

        impl<E> Eq for $name<E> {}

        impl<E> Hash for $name<E> {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                $(self.$field.hash(state);)+
            }
        }
    };
}

key!(
    /// A record of kind `E` by id.
    ById<Record> { id: i64 }
);
key!(
    /// The records of kind `E` whose column `column` holds `value`.
    ByColumn<Record> { column: &'static str, value: i64 }
);
key!(
    /// The parts of kind `E` of a parent the caller sees with `clearance`.
    PartsOf<Part> { parent: i64, clearance: Scope }
);

fn as_i64(value: Value) -> Option<i64> {
    match value {
        Value::BigInt(v) => v,
        Value::Int(v) => v.map(i64::from),
        _ => None,
    }
}

impl Records {
    /// The visible records `E` among `ids`, keyed for the loader; a hidden or unknown id maps
    /// to `None`, so that asking again costs nothing.
    pub async fn by_id<E: Record>(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<ById<E>, Option<Scoped<E::Model>>>, async_graphql::Error>
    where
        E::Model: Send + Sync + Clone,
    {
        let mut out: HashMap<ById<E>, Option<Scoped<E::Model>>> =
            ids.iter().map(|&id| (ById::new(id), None)).collect();
        for row in self.store.get_many::<E>(&self.caller, ids).await? {
            out.insert(ById::new(E::id_of(&row.model)), Some(row));
        }
        Ok(out)
    }

    /// The visible records `E` whose column `name` holds one of `values`, grouped by value.
    pub async fn by_column<E: Record>(
        &self,
        name: &'static str,
        values: &[i64],
    ) -> Result<HashMap<ByColumn<E>, Vec<Scoped<E::Model>>>, async_graphql::Error>
    where
        E::Model: Send + Sync + Clone,
    {
        let column = E::Column::from_str(name)
            .map_err(|_| async_graphql::Error::new(format!("no column {name}")))?;
        let mut out: HashMap<ByColumn<E>, Vec<Scoped<E::Model>>> = values
            .iter()
            .map(|&v| (ByColumn::new(name, v), Vec::new()))
            .collect();
        let rows = self
            .store
            .with_values::<E>(&self.caller, column, values)
            .await?;
        for row in rows {
            if let Some(value) = as_i64(row.model.get(column)) {
                out.entry(ByColumn::new(name, value)).or_default().push(row);
            }
        }
        Ok(out)
    }

    /// The parts `E` of the given parents, each with its parent's clearance, grouped by parent.
    pub async fn parts<E: Part>(
        &self,
        parents: &[(i64, Scope)],
    ) -> Result<HashMap<PartsOf<E>, Vec<Scoped<E::Model>>>, async_graphql::Error>
    where
        E::Model: Send + Sync + Clone,
    {
        let ids: Vec<i64> = parents.iter().map(|&(id, _)| id).collect();
        let clearance: HashMap<i64, Scope> = parents.iter().copied().collect();
        let mut out: HashMap<PartsOf<E>, Vec<Scoped<E::Model>>> = parents
            .iter()
            .map(|&(id, c)| (PartsOf::new(id, c), Vec::new()))
            .collect();
        for model in self.store.parts_of::<E>(&ids).await? {
            let Some(parent) = as_i64(model.get(E::parent_column())) else {
                continue;
            };
            if let Some(&c) = clearance.get(&parent) {
                out.entry(PartsOf::new(parent, c))
                    .or_default()
                    .push(Scoped::new(model, c));
            }
        }
        Ok(out)
    }
}

impl<E: Record> Loader<ById<E>> for Records
where
    E::Model: Send + Sync + Clone,
{
    type Value = Option<Scoped<E::Model>>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[ById<E>]) -> Result<HashMap<ById<E>, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.id).collect();
        self.by_id(&ids).await
    }
}

impl<E: Record> Loader<ByColumn<E>> for Records
where
    E::Model: Send + Sync + Clone,
{
    type Value = Vec<Scoped<E::Model>>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[ByColumn<E>],
    ) -> Result<HashMap<ByColumn<E>, Self::Value>, Self::Error> {
        let mut by_column: HashMap<&'static str, Vec<i64>> = HashMap::new();
        for key in keys {
            by_column.entry(key.column).or_default().push(key.value);
        }
        let mut out = HashMap::new();
        for (name, values) in by_column {
            out.extend(self.by_column(name, &values).await?);
        }
        Ok(out)
    }
}

impl<E: Part> Loader<PartsOf<E>> for Records
where
    E::Model: Send + Sync + Clone,
{
    type Value = Vec<Scoped<E::Model>>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[PartsOf<E>],
    ) -> Result<HashMap<PartsOf<E>, Self::Value>, Self::Error> {
        let parents: Vec<(i64, Scope)> = keys.iter().map(|k| (k.parent, k.clearance)).collect();
        self.parts(&parents).await
    }
}

key!(
    /// The attachments of the record `parent` of kind `E`, seen with `clearance` on it.
    AttachmentsOf<Record> { parent: i64, clearance: Scope }
);

impl<E: Record> Loader<AttachmentsOf<E>> for Records {
    type Value = Vec<crate::store::documents::Attached>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[AttachmentsOf<E>],
    ) -> Result<HashMap<AttachmentsOf<E>, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.parent).collect();
        let mut by_parent: HashMap<i64, Vec<crate::store::documents::Attached>> = HashMap::new();
        for attached in self.store.attachments_of(E::KIND, &ids).await? {
            by_parent
                .entry(attached.row.record_id)
                .or_default()
                .push(attached);
        }
        Ok(keys
            .iter()
            .map(|key| {
                let shown = by_parent
                    .get(&key.parent)
                    .into_iter()
                    .flatten()
                    .filter(|a| {
                        crate::access::documents::shows_attachment(a.row.scope, key.clearance)
                    })
                    .cloned()
                    .collect();
                (key.clone(), shown)
            })
            .collect())
    }
}
