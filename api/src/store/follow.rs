//! Follows of public records (关注): a contact asks to be told of each new public version of a
//! record, confirms with the secret sent to it (so that nobody can sign up someone else's phone),
//! and is told, through the outbox, at each publication, correction or retraction that the
//! public can see, with nothing of the record but its kind and id.

use chrono::{DateTime, Utc};
use entity::{
    enums::{NotifyChannel, RecordKind},
    follow,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use super::{
    Record, Store,
    feedback::{random_code, same, sha256},
    notify::{Message, channel_of, keep},
};
use crate::{
    access::{Caller, follows as rules},
    error::{AppError, AppResult},
};

/// What a follow gives back: its code.
#[derive(Clone, Debug)]
pub struct Followed {
    /// The follow's public code.
    pub code: String,
}

impl Store {
    /// `contact` asks to follow the record `id` of `kind`, which `caller` sees and which is
    /// public; a confirmation with its secret is sent to the contact.
    pub async fn follow_record(
        &self,
        caller: &Caller,
        kind: RecordKind,
        id: i64,
        record_ref: &str,
        contact: &str,
    ) -> AppResult<Followed> {
        let enabled = match channel_of(contact) {
            NotifyChannel::Email => self.channels.email,
            NotifyChannel::Sms => self.channels.sms,
        };
        if !enabled {
            return Err(AppError::bad_input(
                "contact",
                "this server sends no messages to such a contact",
            ));
        }
        let now = self.now();
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let public = crate::store::with_record!(kind, E => {
            let row = Self::visible_row::<E>(&txn, caller, id).await?;
            rules::may_follow(
                E::scope_of(&row),
                E::status_of(&row),
                E::publish_at_of(&row),
                now,
            )
        });
        if !public {
            return Err(AppError::bad_input(
                "id",
                "only records open to the public can be followed",
            ));
        }
        let existing = follow::Entity::find()
            .filter(follow::Column::RecordKind.eq(kind))
            .filter(follow::Column::RecordId.eq(id))
            .filter(follow::Column::Contact.eq(contact))
            .one(&txn)
            .await?;
        // A contact that follows already is sent nothing more, and the answer is the same as
        // for a new follow: nobody learns from it who follows what.
        if let Some(found) = existing.as_ref().filter(|f| f.confirmed) {
            txn.rollback().await?;
            return Ok(Followed {
                code: found.code.clone(),
            });
        }
        let secret = random_code(10)?;
        let saved = match existing {
            Some(found) => {
                let mut active: follow::ActiveModel = found.into();
                active.secret_hash = Set(sha256(&secret));
                active.update(&txn).await?
            }
            None => {
                follow::ActiveModel {
                    record_kind: Set(kind),
                    record_id: Set(id),
                    record_ref: Set(record_ref.to_owned()),
                    contact: Set(contact.to_owned()),
                    code: Set(random_code(10)?),
                    secret_hash: Set(sha256(&secret)),
                    confirmed: Set(false),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        let code = saved.code.clone();
        keep(
            &txn,
            Message {
                event_key: format!("follow:{}:confirm:{}", saved.id, sha256(&secret)),
                feedback_id: None,
                recipient: contact,
                subject: "【党务公开】请确认关注".to_owned(),
                body: format!(
                    "有人用此联系方式申请关注党务公开记录 {record_ref}。确认码 {secret}，关注编号 {code}：凭两者确认（confirmFollow）或日后取消（unfollowRecord）。如非本人申请，请忽略，不会再收到消息。"
                ),
            },
            now,
        )
        .await?;
        txn.commit().await?;
        self.feedback_signal.kept();
        Ok(Followed { code })
    }

    /// The follow `code` whose secret is `secret`: `None` for an unknown code or a wrong
    /// secret alike.
    async fn follow_by_code(&self, code: &str, secret: &str) -> AppResult<Option<follow::Model>> {
        let found = follow::Entity::find()
            .filter(follow::Column::Code.eq(code.trim()))
            .one(self.connection())
            .await?;
        let hash = sha256(secret.trim());
        Ok(found.filter(|f| same(&f.secret_hash, &hash)))
    }

    /// Confirms the follow `code` with its `secret`.
    pub async fn confirm_follow(&self, code: &str, secret: &str) -> AppResult<()> {
        let found = self
            .follow_by_code(code, secret)
            .await?
            .ok_or_else(|| AppError::not_found("there is no follow with this code and secret"))?;
        let mut active: follow::ActiveModel = found.into();
        active.confirmed = Set(true);
        active.update(self.connection()).await?;
        Ok(())
    }

    /// Ends the follow `code`, with its `secret`; nothing of it is kept.
    pub async fn unfollow(&self, code: &str, secret: &str) -> AppResult<()> {
        let found = self
            .follow_by_code(code, secret)
            .await?
            .ok_or_else(|| AppError::not_found("there is no follow with this code and secret"))?;
        follow::Entity::delete_by_id(found.id)
            .exec(self.connection())
            .await?;
        Ok(())
    }
}

/// Keeps, inside `txn`, a message to each confirmed follower of `model` about the change `seq`
/// (`action`), when the public sees it now: a publication or correction of a public record
/// that is not scheduled for later, or the retraction of a public record.
pub(crate) async fn notify_followers_in<E: Record>(
    txn: &impl ConnectionTrait,
    model: &E::Model,
    action: &str,
    seq: i64,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let Some(what) = rules::told(action, E::scope_of(model), E::publish_at_of(model), at) else {
        return Ok(());
    };
    let followers = follow::Entity::find()
        .filter(follow::Column::RecordKind.eq(E::KIND))
        .filter(follow::Column::RecordId.eq(E::id_of(model)))
        .filter(follow::Column::Confirmed.eq(true))
        .all(txn)
        .await?;
    for follower in followers {
        let record = &follower.record_ref;
        keep(
            txn,
            Message {
                event_key: format!("follow:{}:change:{seq}", follower.id),
                feedback_id: None,
                recipient: &follower.contact,
                subject: format!("【党务公开】您关注的记录{what}"),
                body: format!(
                    "您关注的党务公开记录 {record} {what}，请到党务公开网站或接口查看。取消关注：unfollowRecord，关注编号 {}。",
                    follower.code
                ),
            },
            at,
        )
        .await?;
    }
    Ok(())
}
