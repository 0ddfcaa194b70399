//! The rules of follows (关注): what may be followed, and which changes a follower is told of.
//! A follow is anonymous in effect: its messages go to a contact that proved only that it
//! receives them, so a follower is told only what the public sees at the same moment.

use chrono::{DateTime, Utc};
use entity::enums::{PublicationStatus, Scope};

/// Whether a record of `scope`, `status` and `publish_at` may be followed at `now`: it is open
/// to the public now.
pub fn may_follow(
    scope: Scope,
    status: PublicationStatus,
    publish_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    scope == Scope::Public
        && status == PublicationStatus::Published
        && publish_at.is_none_or(|at| at <= now)
}

/// What followers are told of the change `action` that left a record with `scope` and
/// `publish_at` at `at`, in Chinese: a publication, correction or retraction that the public
/// sees at once; `None` for anything else (a change of a record that is not public, or a
/// publication scheduled for later, tells nothing).
pub fn told(
    action: &str,
    scope: Scope,
    publish_at: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Option<&'static str> {
    let what = match action {
        "publish" => "已发布新的版本",
        "correct" => "已更正",
        "retract" => "已撤回",
        _ => return None,
    };
    (scope == Scope::Public && publish_at.is_none_or(|due| due <= at)).then_some(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_public_sees_now_is_followed_or_told() {
        let now = Utc::now();
        let later = now + chrono::TimeDelta::hours(1);
        use PublicationStatus as S;
        assert!(may_follow(Scope::Public, S::Published, None, now));
        assert!(may_follow(Scope::Public, S::Published, Some(now), now));
        assert!(!may_follow(Scope::Public, S::Published, Some(later), now));
        assert!(!may_follow(Scope::Party, S::Published, None, now));
        assert!(!may_follow(Scope::Restricted, S::Published, None, now));
        assert!(!may_follow(Scope::Public, S::Draft, None, now));
        assert!(!may_follow(Scope::Public, S::Retracted, None, now));
        assert_eq!(told("correct", Scope::Public, None, now), Some("已更正"));
        assert_eq!(told("retract", Scope::Public, None, now), Some("已撤回"));
        assert_eq!(told("publish", Scope::Public, Some(later), now), None);
        assert_eq!(told("correct", Scope::Party, None, now), None);
        assert_eq!(told("update", Scope::Public, None, now), None);
        assert_eq!(told("submit", Scope::Public, None, now), None);
    }
}
