//! Reads shared by callers who see the same thing: when many subscribers of one scope class
//! (every anonymous viewer of the TV ticker, say) wake for the same change, one of them reads
//! and the others wait for its answer, so that a change costs one query per scope class, not
//! one per subscriber.

use std::{
    collections::HashMap,
    future::Future,
    hash::Hash,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use tokio::sync::OnceCell;

use crate::error::{AppError, AppResult};

/// How long an answer is kept for late wakers of the same change.
const KEEP: Duration = Duration::from_secs(2);

/// An answer in flight or given: when it was first asked for, and the answer once read.
type Slot<V> = (Instant, Arc<OnceCell<Result<V, String>>>);

/// Answers in flight or just given, by key.
pub struct SingleFlight<K, V> {
    answers: Mutex<HashMap<K, Slot<V>>>,
}

impl<K, V> Default for SingleFlight<K, V> {
    fn default() -> Self {
        Self {
            answers: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone, V: Clone> SingleFlight<K, V> {
    /// The answer of `read` for `key`: read once for every caller that asks within [`KEEP`] of
    /// the first; a failure is given to those waiting for it, and the next caller reads again.
    pub async fn get<F, Fut>(&self, key: K, read: F) -> AppResult<V>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<V>>,
    {
        let cell = {
            let mut answers = self.answers.lock().map_err(|_| {
                AppError::Database(sea_orm::DbErr::Custom("a lock was poisoned".into()))
            })?;
            let now = Instant::now();
            answers.retain(|_, (at, _)| now.duration_since(*at) < KEEP);
            answers
                .entry(key.clone())
                .or_insert_with(|| (now, Arc::new(OnceCell::new())))
                .1
                .clone()
        };
        let answer = cell
            .get_or_init(|| async { read().await.map_err(|e| format!("{e:?}")) })
            .await
            .clone();
        if answer.is_err()
            && let Ok(mut answers) = self.answers.lock()
            && answers
                .get(&key)
                .is_some_and(|(_, c)| Arc::ptr_eq(c, &cell))
        {
            answers.remove(&key);
        }
        answer.map_err(|e| AppError::Database(sea_orm::DbErr::Custom(e)))
    }

    /// How many answers are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.answers.lock().map(|a| a.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn many_callers_of_one_key_read_once() {
        let flight: Arc<SingleFlight<u8, u32>> = Arc::default();
        let reads = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (flight, reads) = (flight.clone(), reads.clone());
                tokio::spawn(async move {
                    flight
                        .get(1, || async {
                            reads.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok(7)
                        })
                        .await
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.ok().and_then(Result::ok), Some(7));
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        // Another key is read on its own.
        assert_eq!(flight.get(2, || async { Ok(8) }).await.ok(), Some(8));
        assert_eq!(flight.len(), 2);
    }

    #[tokio::test]
    async fn a_failure_is_read_again() {
        let flight: SingleFlight<u8, u32> = SingleFlight::default();
        let failed = flight
            .get(1, || async { Err(AppError::bad_input("x", "no")) })
            .await;
        assert!(failed.is_err());
        assert_eq!(flight.get(1, || async { Ok(3) }).await.ok(), Some(3));
    }
}
