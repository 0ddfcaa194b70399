//! The outbox of notifications (手机短信平台 and e-mail), stored: a message is written in the
//! transaction of the event it tells of, so that an event that happened always has its message
//! and one that was rolled back has none; [`crate::notify`] sends what is due, at least once.
//!
//! A message never quotes what a submitter wrote, nor the reply, nor the secret: it says which
//! submission (by its tracking code), what happened to it, and how to read the rest.

use chrono::{DateTime, Utc};
use entity::{
    enums::{NotifyChannel, OutboxStatus},
    feedback, notification,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::OnConflict,
};

use super::Store;
use crate::error::AppResult;

/// Which channels have a sender configured: a message is kept only for those.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Channels {
    /// An SMTP server.
    pub email: bool,
    /// An SMS gateway.
    pub sms: bool,
}

/// The channel a contact is reached on: an address with `@` by e-mail, anything else (a phone
/// number, as `submitFeedback` checks) by SMS.
pub fn channel_of(contact: &str) -> NotifyChannel {
    if contact.contains('@') {
        NotifyChannel::Email
    } else {
        NotifyChannel::Sms
    }
}

/// What a step on a submission tells its submitter, in Chinese; `None` for a step that tells
/// nothing (the erasure).
fn told(action: &str) -> Option<&'static str> {
    Some(match action {
        "submit" => "已收到",
        "accept" => "已受理",
        "assign" => "已交办承办单位",
        "extend" => "答复期限已依法延长",
        "answer" => "已答复",
        "transfer" => "已转交有关部门办理",
        "reject" => "不予受理",
        "withdraw" => "已撤回",
        "selected" => "已在抽签中入选旁听",
        "not_selected" => "未在抽签中入选旁听",
        _ => return None,
    })
}

/// What happened when a message was handed to its sender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Taken.
    Sent,
    /// Not taken this time (the sender is down, busy, or failed): try again later.
    Retry(String),
    /// Refused for good (a bad address): never try again.
    Refused(String),
}

/// When to try again a message that failed `attempts` times: `base` seconds, doubled at each
/// failure, at most six hours.
pub fn backoff(base_secs: u64, attempts: i32) -> chrono::TimeDelta {
    let factor = 1u64 << attempts.clamp(0, 16);
    let secs = base_secs.saturating_mul(factor).min(6 * 3600);
    chrono::TimeDelta::seconds(i64::try_from(secs).unwrap_or(6 * 3600))
}

/// A message to keep in the outbox.
pub(crate) struct Message<'a> {
    /// The event and channel: a second message with the same key is not kept.
    pub event_key: String,
    /// The submission it tells of, if any.
    pub feedback_id: Option<i64>,
    /// An e-mail address or a phone number, which decides the channel.
    pub recipient: &'a str,
    pub subject: String,
    pub body: String,
}

/// Keeps `message` inside `txn`, due at `now`, once per event key.
pub(crate) async fn keep(
    txn: &impl ConnectionTrait,
    message: Message<'_>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    notification::Entity::insert(notification::ActiveModel {
        event_key: Set(message.event_key),
        feedback_id: Set(message.feedback_id),
        channel: Set(channel_of(message.recipient)),
        recipient: Set(message.recipient.to_owned()),
        subject: Set(message.subject),
        body: Set(message.body),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(notification::Column::EventKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

impl Store {
    /// Keeps, inside `txn`, the message of the step `step_id` (`action`) on `case` for its
    /// submitter, if they left a contact on a channel with a sender; once per step.
    pub(crate) async fn notify_submitter_in(
        &self,
        txn: &impl ConnectionTrait,
        case: &feedback::Model,
        step_id: i64,
        action: &str,
        now: DateTime<Utc>,
    ) -> AppResult<()> {
        let (Some(contact), Some(what)) = (case.submitter_contact.as_deref(), told(action)) else {
            return Ok(());
        };
        let channel = channel_of(contact);
        let enabled = match channel {
            NotifyChannel::Email => self.channels.email,
            NotifyChannel::Sms => self.channels.sms,
        };
        if !enabled {
            return Ok(());
        }
        let code = &case.code;
        let subject = format!("【党务公开】您的反馈 {code} {what}");
        let body = format!(
            "您的反馈（受理编号 {code}）{what}，答复期限 {}。请凭受理编号和查询密码查询办理情况和答复。本消息由系统发送，请勿回复。",
            case.due_on
        );
        keep(
            txn,
            Message {
                event_key: format!("feedback:{}:step:{step_id}:{channel:?}", case.id),
                feedback_id: Some(case.id),
                recipient: contact,
                subject,
                body,
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// Up to `limit` messages due at `now`, oldest first.
    pub async fn due_notifications(
        &self,
        now: DateTime<Utc>,
        limit: u64,
    ) -> AppResult<Vec<notification::Model>> {
        Ok(notification::Entity::find()
            .filter(notification::Column::Status.eq(OutboxStatus::Pending))
            .filter(notification::Column::NextAttemptAt.lte(now))
            .order_by_asc(notification::Column::NextAttemptAt)
            .order_by_asc(notification::Column::Id)
            .limit(limit)
            .all(self.uncounted_connection())
            .await?)
    }

    /// Takes `message` for this instance until `until`: `false` when another instance took
    /// it first.
    pub async fn claim_notification(
        &self,
        message: &notification::Model,
        until: DateTime<Utc>,
    ) -> AppResult<bool> {
        let done = notification::Entity::update_many()
            .col_expr(
                notification::Column::NextAttemptAt,
                sea_orm::sea_query::Expr::value(until),
            )
            .filter(notification::Column::Id.eq(message.id))
            .filter(notification::Column::Status.eq(OutboxStatus::Pending))
            .filter(notification::Column::NextAttemptAt.eq(message.next_attempt_at))
            .exec(self.uncounted_connection())
            .await?;
        Ok(done.rows_affected == 1)
    }

    /// Records how handing `message` to its sender went, at `now`: sent, refused for good, or
    /// to try again after [`backoff`] (given up after `max_attempts`).
    pub async fn settle_notification(
        &self,
        message: &notification::Model,
        delivery: &Delivery,
        now: DateTime<Utc>,
        (base_secs, max_attempts): (u64, u32),
    ) -> AppResult<()> {
        let attempts = message.attempts.saturating_add(1);
        let mut update = notification::ActiveModel {
            id: Set(message.id),
            attempts: Set(attempts),
            ..Default::default()
        };
        match delivery {
            Delivery::Sent => {
                update.status = Set(OutboxStatus::Sent);
                update.sent_at = Set(Some(now));
                update.last_error = Set(None);
            }
            Delivery::Refused(error) => {
                update.status = Set(OutboxStatus::GaveUp);
                update.last_error = Set(Some(error.clone()));
            }
            Delivery::Retry(error) => {
                let out = u32::try_from(attempts).unwrap_or(u32::MAX) >= max_attempts;
                update.status = Set(if out {
                    OutboxStatus::GaveUp
                } else {
                    OutboxStatus::Pending
                });
                update.next_attempt_at = Set(now + backoff(base_secs, attempts - 1));
                update.last_error = Set(Some(error.clone()));
            }
        }
        notification::Entity::update(update)
            .exec(self.uncounted_connection())
            .await?;
        Ok(())
    }

    /// Forgets, inside `txn`, every message about the submission `feedback_id`: its recipient
    /// is personal data, erased with the rest.
    pub(crate) async fn forget_notifications_in(
        txn: &impl ConnectionTrait,
        feedback_id: i64,
    ) -> AppResult<()> {
        notification::Entity::delete_many()
            .filter(notification::Column::FeedbackId.eq(feedback_id))
            .exec(txn)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_six_hours() {
        assert_eq!(backoff(30, 0).num_seconds(), 30);
        assert_eq!(backoff(30, 1).num_seconds(), 60);
        assert_eq!(backoff(30, 3).num_seconds(), 240);
        assert_eq!(backoff(30, 20).num_seconds(), 6 * 3600);
        assert_eq!(backoff(1, -1).num_seconds(), 1);
    }

    #[test]
    fn a_contact_is_mailed_or_texted() {
        assert_eq!(channel_of("someone@example.org"), NotifyChannel::Email);
        assert_eq!(channel_of("0970-0000001"), NotifyChannel::Sms);
        assert_eq!(channel_of("13800000000"), NotifyChannel::Sms);
    }

    #[test]
    fn every_step_a_submitter_sees_tells_something_and_the_erasure_nothing() {
        for action in [
            "submit",
            "accept",
            "assign",
            "extend",
            "answer",
            "transfer",
            "reject",
            "withdraw",
            "selected",
            "not_selected",
        ] {
            assert!(told(action).is_some(), "{action}");
        }
        assert_eq!(told("erase"), None);
        assert_eq!(told("publish"), None);
    }
}
