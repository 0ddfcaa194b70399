//! One way to run the schema for a caller, whatever door the request came by (`POST /graphql`,
//! a websocket subscription, an Atom feed, a page of an export): the caller, a loader of its
//! own (whose cache can never serve another caller), and, for a caller who may be served more
//! than the public, a collector of what it was served, handed to the access log at the end.

use std::sync::Arc;

use async_graphql::{
    Data, Request,
    dataloader::{DataLoader, HashMapCache},
};

use crate::{
    access::Caller,
    access_log::{self, AccessLog, Read, Reads},
    loaders::Records,
    store::Store,
};

/// A caller's run of the schema.
pub struct Run {
    caller: Caller,
    reads: Option<Arc<Reads>>,
}

impl Run {
    /// A run for `caller`; what it serves is collected when `log` keeps reads and the caller
    /// may be served anything beyond the public's.
    pub fn new(log: &AccessLog, caller: Caller) -> Self {
        let reads = (log.enabled() && caller.sees_beyond_public()).then(Arc::default);
        Self { caller, reads }
    }

    /// A run whose reads are not kept: for reading what is not served, such as the pages an
    /// export's manifest counts and digests.
    pub fn unlogged(caller: Caller) -> Self {
        Self {
            caller,
            reads: None,
        }
    }

    /// The caller.
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// A loader for this caller. Its batches run in tasks of their own, in the request's span.
    fn loader(&self, store: &Store) -> DataLoader<Records, HashMapCache> {
        DataLoader::with_cache(
            Records::new(store.clone(), self.caller.clone()),
            |task| tokio::spawn(tracing::Instrument::in_current_span(task)),
            HashMapCache::default(),
        )
    }

    /// `request` with the caller, a new loader and the collector.
    pub fn prepare(&self, store: &Store, request: Request) -> Request {
        let request = request.data(self.caller.clone()).data(self.loader(store));
        match &self.reads {
            Some(reads) => request.data(reads.clone()),
            None => request,
        }
    }

    /// [`Self::prepare`] for a query, reading records on the read replica when there is one and
    /// the caller (by token subject) has no write the replica lacks (see
    /// [`Store::reading_for`]).
    pub async fn prepare_query(&self, store: &Store, request: Request) -> Request {
        let store = store.reading_for(self.caller.subject()).await;
        let request = self.prepare(&store, request);
        if store.reads_apart() {
            request.data(store)
        } else {
            request
        }
    }

    /// The same as schema data for a websocket connection, whose operations live long: its
    /// loader keeps nothing, and each subscription event hands its reads to `log` itself.
    pub fn connection_data(&self, store: &Store, log: &AccessLog) -> Data {
        let loader = self.loader(store);
        loader.enable_all_cache(false);
        let mut data = Data::default();
        if let Some(reads) = &self.reads {
            data.insert(reads.clone());
            data.insert(log.clone());
        }
        data.insert(self.caller.clone());
        data.insert(loader);
        data
    }

    /// Hands what has been served so far to `log`, under `request_id`.
    pub fn finish(&self, log: &AccessLog, request_id: &str) {
        if let Some(reads) = &self.reads {
            log.record(Read {
                at: access_log::now(),
                actor: self.caller.subject().unwrap_or_default().to_owned(),
                role: self.caller.role().as_str(),
                request_id: request_id.to_owned(),
                records: reads.take(),
            });
        }
    }
}
