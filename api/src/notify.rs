//! Sends the outbox of notifications: e-mail through the configured SMTP server, SMS through the
//! configured gateway (手机短信平台). At least once: a message is marked sent only after its sender
//! took it, so a crash between the two sends it again, under the same `Message-ID` (e-mail) or
//! `Idempotency-Key` (SMS) for the receiver to recognise. A sender that is down loses nothing:
//! the message waits in the database and is tried again, each wait twice the last.

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use entity::{enums::NotifyChannel, notification::Model};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use sha2::{Digest, Sha256};

use crate::{
    config::{Config, Secret},
    store::{
        Store,
        notify::{Channels, Delivery},
    },
};

/// Messages taken at once.
const BATCH: u64 = 20;

/// How long a taken message is this instance's before another may try it.
const LEASE: Duration = Duration::from_secs(120);

/// How long a sender may take to answer.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// How often the outbox is read when nothing wakes the sender.
const POLL: Duration = Duration::from_secs(2);

/// The SMS gateway.
struct Gateway {
    url: String,
    token: Option<Secret>,
    client: reqwest::Client,
}

/// The configured senders.
pub struct Senders {
    smtp: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
    sms: Option<Gateway>,
    retry_secs: u64,
    max_attempts: u32,
}

impl Senders {
    /// The senders `config` names; none when it names none.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let smtp = match &config.notify_smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| anyhow::anyhow!("notify_smtp_url: {e}"))?
                    .timeout(Some(SEND_TIMEOUT))
                    .build();
                let from: Mailbox = config
                    .notify_email_from
                    .parse()
                    .map_err(|e| anyhow::anyhow!("notify_email_from: {e}"))?;
                Some((transport, from))
            }
            None => None,
        };
        let sms = match &config.notify_sms_url {
            Some(url) => Some(Gateway {
                url: url.clone(),
                token: config.notify_sms_token.clone(),
                client: reqwest::Client::builder()
                    .timeout(SEND_TIMEOUT)
                    .build()
                    .map_err(|e| anyhow::anyhow!("notify_sms_url: {e}"))?,
            }),
            None => None,
        };
        Ok(Self {
            smtp,
            sms,
            retry_secs: config.notify_retry_secs.max(1),
            max_attempts: config.notify_max_attempts.max(1),
        })
    }

    /// The channels with a sender.
    pub fn channels(&self) -> Channels {
        Channels {
            email: self.smtp.is_some(),
            sms: self.sms.is_some(),
        }
    }

    /// Hands `message` to its sender.
    async fn deliver(&self, message: &Model) -> Delivery {
        let key = idempotency_key(&message.event_key);
        match message.channel {
            NotifyChannel::Email => match &self.smtp {
                Some((transport, from)) => email(transport, from, message, &key).await,
                None => Delivery::Retry("no SMTP server is configured".into()),
            },
            NotifyChannel::Sms => match &self.sms {
                Some(gateway) => sms(gateway, message, &key).await,
                None => Delivery::Retry("no SMS gateway is configured".into()),
            },
        }
    }
}

/// The key a receiver recognises a message by: the SHA-256 of its event key, in hex.
fn idempotency_key(event_key: &str) -> String {
    Sha256::digest(event_key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn email(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    message: &Model,
    key: &str,
) -> Delivery {
    let to: Mailbox = match message.recipient.parse() {
        Ok(to) => to,
        Err(e) => return Delivery::Refused(format!("not an e-mail address: {e}")),
    };
    let built = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(format!("<{key}@sunlight>")))
        .header(ContentType::TEXT_PLAIN)
        .body(message.body.clone());
    let built = match built {
        Ok(built) => built,
        Err(e) => return Delivery::Refused(format!("the message cannot be built: {e}")),
    };
    match transport.send(built).await {
        Ok(_) => Delivery::Sent,
        Err(e) if e.is_permanent() => Delivery::Refused(e.to_string()),
        Err(e) => Delivery::Retry(e.to_string()),
    }
}

async fn sms(gateway: &Gateway, message: &Model, key: &str) -> Delivery {
    let mut request = gateway
        .client
        .post(&gateway.url)
        .header("Idempotency-Key", key)
        .json(&serde_json::json!({
            "id": key,
            "to": message.recipient,
            "text": message.body,
        }));
    if let Some(token) = &gateway.token {
        request = request.bearer_auth(token.expose());
    }
    match request.send().await {
        Ok(answer) if answer.status().is_success() => Delivery::Sent,
        Ok(answer)
            if answer.status().is_client_error()
                && answer.status() != reqwest::StatusCode::REQUEST_TIMEOUT
                && answer.status() != reqwest::StatusCode::TOO_MANY_REQUESTS =>
        {
            Delivery::Refused(format!(
                "the gateway refused the message: {}",
                answer.status()
            ))
        }
        Ok(answer) => Delivery::Retry(format!("the gateway answered {}", answer.status())),
        Err(e) => Delivery::Retry(format!("the gateway cannot be reached: {e}")),
    }
}

/// Sends what is due, for as long as the server runs: woken by each step on a submission, and
/// every two seconds for messages whose time to try again has come.
pub async fn run(store: Store, senders: Arc<Senders>) {
    let mut woken = store.feedback_signal().any();
    loop {
        let sent = match send_due(&store, &senders).await {
            Ok(n) => n,
            Err(error) => {
                tracing::warn!(?error, "could not read the outbox");
                0
            }
        };
        if sent < BATCH {
            tokio::select! {
                _ = woken.changed() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    }
}

/// Hands each due message to its sender and records how it went; how many were due.
async fn send_due(store: &Store, senders: &Senders) -> crate::error::AppResult<u64> {
    let now = Utc::now();
    let due = store.due_notifications(now, BATCH).await?;
    let lease =
        chrono::TimeDelta::from_std(LEASE).unwrap_or_else(|_| chrono::TimeDelta::minutes(2));
    for message in &due {
        if !store.claim_notification(message, now + lease).await? {
            continue;
        }
        let delivery = senders.deliver(message).await;
        match &delivery {
            Delivery::Sent => {
                metrics::counter!("sunlight_notifications_sent_total").increment(1);
            }
            Delivery::Retry(error) | Delivery::Refused(error) => {
                metrics::counter!("sunlight_notifications_failed_total").increment(1);
                tracing::warn!(id = message.id, channel = ?message.channel, %error, "a notification was not sent");
            }
        }
        store
            .settle_notification(
                message,
                &delivery,
                Utc::now(),
                (senders.retry_secs, senders.max_attempts),
            )
            .await?;
    }
    Ok(due.len() as u64)
}
