//! The record filter: which rows of a publishable table a caller may see, as SQL.
//!
//! A record outside the caller's scope does not exist for that caller: lists, counts and
//! lookups by id all go through [`visible`], so a hidden record and an unknown id look the same.

use chrono::{DateTime, Utc};
use entity::enums::{PublicationStatus, RecordKind, Scope};
use sea_orm::{
    ActiveEnum, Condition,
    sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr},
};

use super::{Caller, Role};

fn col(table: &'static str, name: &'static str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(name)))
}

/// The audience entries that name the caller: a person entry for the caller's person record,
/// or an organization entry for one of the caller's organizations or one above them.
fn names_caller(caller: &Caller) -> Option<Condition> {
    let mut names = Condition::any();
    if !caller.reach().is_empty() {
        names = names
            .add(Expr::col(Alias::new("organization_id")).is_in(caller.reach().iter().copied()));
    }
    if let Some(person) = caller.person() {
        names = names.add(Expr::col(Alias::new("person_id")).eq(person));
    }
    (!names.is_empty()).then_some(names)
}

/// `EXISTS` an audience entry of this row of `table` that names the caller.
pub fn in_audience(caller: &Caller, table: &'static str, kind: RecordKind) -> SimpleExpr {
    in_audience_of(caller, &Frame::record(table, kind, Utc::now()))
}

/// `EXISTS` an audience entry of the state in `frame` that names the caller.
fn in_audience_of(caller: &Caller, frame: &Frame) -> SimpleExpr {
    let Some(names) = names_caller(caller) else {
        return Expr::value(false);
    };
    let subquery = match frame.audience {
        Audience::Record(kind) => Query::select()
            .expr(Expr::value(1))
            .from(Alias::new("record_audiences"))
            .and_where(Expr::col(Alias::new("record_kind")).eq(kind.to_value()))
            .and_where(
                Expr::col(Alias::new("record_id"))
                    .equals((Alias::new(frame.table), Alias::new("id"))),
            )
            .cond_where(names)
            .to_owned(),
        Audience::Change => Query::select()
            .expr(Expr::value(1))
            .from(Alias::new("change_audiences"))
            .and_where(
                Expr::col((Alias::new("change_audiences"), Alias::new("seq")))
                    .equals((Alias::new(frame.table), Alias::new("seq"))),
            )
            .cond_where(names)
            .to_owned(),
    };
    Expr::exists(subquery)
}

/// Where a record's state is read from when deciding whether a caller sees it: a row of the
/// record's own table at the present time, or an event of the change feed (`changes`), which
/// holds the same columns as they were after the change, at the time of `at`.
pub struct Frame {
    table: &'static str,
    now: SimpleExpr,
    /// The present time, for a record's own table.
    at: Option<DateTime<Utc>>,
    audience: Audience,
}

/// Where the audience of a state is kept.
enum Audience {
    /// `record_audiences`, for the record's current state.
    Record(RecordKind),
    /// `change_audiences`, as it was after a change.
    Change,
}

impl Frame {
    /// The rows of `table`, holding records of `kind`, as they are at `now`.
    pub fn record(table: &'static str, kind: RecordKind, now: DateTime<Utc>) -> Self {
        Self {
            table,
            now: Expr::value(now),
            at: Some(now),
            audience: Audience::Record(kind),
        }
    }

    /// The events of the change feed under the alias `alias`, each at the time held by
    /// `at_of.at`: an event counts as seen at the moment of the event it is compared with.
    pub fn change(alias: &'static str, at_of: &'static str) -> Self {
        Self {
            table: alias,
            now: col(at_of, "at"),
            at: None,
            audience: Audience::Change,
        }
    }
}

/// On `record_audiences` rows of `kind`: the entry names the caller (for clearance checks).
pub fn in_audience_of_rows(caller: &Caller, kind: RecordKind) -> Condition {
    match names_caller(caller) {
        Some(names) => Condition::all()
            .add(Expr::col(Alias::new("record_kind")).eq(kind.to_value()))
            .add(names),
        None => Condition::all().add(Expr::value(false)),
    }
}

/// The row of `table` is owned by one of the caller's organizations.
fn owned_by_caller(caller: &Caller, table: &'static str) -> SimpleExpr {
    owned_by_any(table, caller.organizations())
}

/// The condition a row of `table` must meet to be visible to `caller` at `now`.
pub fn visible(
    caller: &Caller,
    table: &'static str,
    kind: RecordKind,
    now: DateTime<Utc>,
) -> Condition {
    visible_in(caller, &Frame::record(table, kind, now))
}

/// The condition the state in `frame` must meet to be visible to `caller`: the one record
/// filter, for the records themselves and for the events of the change feed alike. A caller
/// limited to jurisdictions sees, outside them, what the public sees.
pub fn visible_in(caller: &Caller, frame: &Frame) -> Condition {
    match caller.within() {
        None => visible_by_role(caller, frame),
        Some(within) => Condition::any()
            .add(visible_by_role(&Caller::public(), frame))
            .add(
                Condition::all()
                    .add(owned_by_any(frame.table, within.organizations()))
                    .add(visible_by_role(caller, frame)),
            ),
    }
}

/// The row of `table` is owned by one of `organizations`.
fn owned_by_any(table: &'static str, organizations: &[i64]) -> SimpleExpr {
    if organizations.is_empty() {
        Expr::value(false)
    } else {
        col(table, "owner_org_id").is_in(organizations.iter().copied())
    }
}

/// [`visible_in`] by the caller's role alone, as if it governed every jurisdiction.
fn visible_by_role(caller: &Caller, frame: &Frame) -> Condition {
    let table = frame.table;
    let now = frame.now.clone();
    let status = |s: PublicationStatus| col(table, "status").eq(s.to_value());
    let scope_is = |s: Scope| col(table, "scope").eq(s.to_value());
    let published = Condition::all()
        .add(status(PublicationStatus::Published))
        .add(col(table, "publish_at").is_not_null())
        .add(col(table, "publish_at").lte(now));
    let party_or_public = Condition::any()
        .add(scope_is(Scope::Public))
        .add(scope_is(Scope::Party));
    let owned = || owned_by_caller(caller, table);
    match caller.role() {
        Role::Public => published.add(scope_is(Scope::Public)),
        Role::Media => {
            let public = published.add(scope_is(Scope::Public));
            match under_embargo(caller, frame) {
                Some(early) => Condition::any().add(public).add(early),
                None => public,
            }
        }
        Role::Member | Role::Official => published.add(
            party_or_public.add(
                Condition::all()
                    .add(scope_is(Scope::Restricted))
                    .add(in_audience_of(caller, frame)),
            ),
        ),
        // What a member sees, and everything waiting for review or for publication.
        Role::Reviewer => Condition::any()
            .add(
                published.add(
                    party_or_public.add(
                        Condition::all()
                            .add(scope_is(Scope::Restricted))
                            .add(in_audience_of(caller, frame)),
                    ),
                ),
            )
            .add(in_review(table)),
        Role::Editor => Condition::any()
            .add(
                published.add(
                    party_or_public.add(
                        Condition::all().add(scope_is(Scope::Restricted)).add(
                            Condition::any()
                                .add(in_audience_of(caller, frame))
                                .add(owned()),
                        ),
                    ),
                ),
            )
            // Drafts, submissions and scheduled records of the editor's own organizations.
            .add(
                Condition::all()
                    .add(owned())
                    .add(col(table, "status").ne(PublicationStatus::Retracted.to_value())),
            ),
        // All non-draft content, scheduled included; retracted records leave every read.
        Role::Supervisor => Condition::all().add(col(table, "status").is_in([
            PublicationStatus::Submitted.to_value(),
            PublicationStatus::Approved.to_value(),
            PublicationStatus::Published.to_value(),
        ])),
        Role::Admin => {
            Condition::all().add(col(table, "status").ne(PublicationStatus::Retracted.to_value()))
        }
    }
}

/// A PUBLIC bulletin published for a later time, shown to media from its time less the
/// caller's embargo window, so that the TV column can prepare its broadcast. Only bulletins,
/// and only for callers that carry a window (media).
fn under_embargo(caller: &Caller, frame: &Frame) -> Option<Condition> {
    let window = caller.embargo_window()?;
    let table = frame.table;
    let shown = Condition::all()
        .add(col(table, "status").eq(PublicationStatus::Published.to_value()))
        .add(col(table, "scope").eq(Scope::Public.to_value()));
    match frame.audience {
        Audience::Record(kind) => {
            let now = frame.at.filter(|_| kind == RecordKind::Bulletin)?;
            Some(
                shown
                    .add(col(table, "publish_at").is_not_null())
                    .add(col(table, "publish_at").lte(now + window)),
            )
        }
        // An event holds when its embargo began, as the window stood when it was written.
        Audience::Change => Some(
            shown
                .add(col(table, "record_kind").eq(RecordKind::Bulletin.to_value()))
                .add(col(table, "embargo_at").is_not_null())
                .add(col(table, "embargo_at").lte(frame.now.clone())),
        ),
    }
}

/// Rows of `table` at `status` in the publication workflow, for a filter that any caller may
/// use alongside [`visible`]: the records a caller sees without seeing their status (below
/// [`super::policy::STATUS_NEEDS`]) are all published, so the filter tells nobody more than
/// the records themselves do.
pub fn at_stage(table: &'static str, status: PublicationStatus) -> Condition {
    Condition::all().add(col(table, "status").eq(status.to_value()))
}

/// A row submitted for review or approved and waiting to be published.
fn in_review(table: &'static str) -> Condition {
    Condition::all().add(col(table, "status").is_in([
        PublicationStatus::Submitted.to_value(),
        PublicationStatus::Approved.to_value(),
    ]))
}

/// The widest scope of content the caller may see on a visible record, given whether the
/// record's audience names the caller, which organization owns it, and its status.
pub fn clearance(
    caller: &Caller,
    in_audience: bool,
    owner: Option<i64>,
    status: PublicationStatus,
) -> Scope {
    if !caller.governs(owner) {
        return Scope::Public;
    }
    match caller.role() {
        Role::Public | Role::Media => Scope::Public,
        Role::Supervisor | Role::Admin => Scope::Restricted,
        // Reviewing includes the secrecy check: a reviewer reads all of a record in review.
        Role::Reviewer
            if matches!(
                status,
                PublicationStatus::Submitted | PublicationStatus::Approved
            ) =>
        {
            Scope::Restricted
        }
        Role::Editor if owner.is_some_and(|o| caller.organizations().contains(&o)) => {
            Scope::Restricted
        }
        _ if in_audience => Scope::Restricted,
        _ => Scope::Party,
    }
}

/// [`clearance`] as SQL over rows of `table`, as the index stores levels: 0 public, 1 party,
/// 2 restricted. The two must agree; the leak matrix checks search results against both.
pub fn clearance_level(caller: &Caller, table: &'static str, kind: RecordKind) -> SimpleExpr {
    let by_role = clearance_level_by_role(caller, table, kind);
    match caller.within() {
        None => by_role,
        Some(within) => Expr::case(owned_by_any(table, within.organizations()), by_role)
            .finally(0)
            .into(),
    }
}

/// [`clearance_level`] by the caller's role alone, as if it governed every jurisdiction.
fn clearance_level_by_role(caller: &Caller, table: &'static str, kind: RecordKind) -> SimpleExpr {
    let owned = || owned_by_caller(caller, table);
    match caller.role() {
        Role::Public | Role::Media => Expr::value(0),
        Role::Supervisor | Role::Admin => Expr::value(2),
        Role::Editor => Expr::case(
            Condition::any()
                .add(owned())
                .add(in_audience(caller, table, kind)),
            2,
        )
        .finally(1)
        .into(),
        Role::Member | Role::Official => Expr::case(in_audience(caller, table, kind), 2)
            .finally(1)
            .into(),
        Role::Reviewer => Expr::case(
            Condition::any()
                .add(in_review(table))
                .add(in_audience(caller, table, kind)),
            2,
        )
        .finally(1)
        .into(),
    }
}

/// Who a published state of a record was shown to: its scope, its owner, and, for RESTRICTED,
/// its audience. A kept version carries its own, which may differ from the record's today.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StateAudience {
    /// Organizations named, each with everything below it.
    #[serde(default)]
    pub organizations: Vec<i64>,
    /// Persons named.
    #[serde(default)]
    pub persons: Vec<i64>,
}

impl StateAudience {
    /// Whether the audience names `caller`: one of the caller's organizations or one above
    /// them, or the caller's person.
    pub fn names(&self, caller: &Caller) -> bool {
        self.organizations
            .iter()
            .any(|o| caller.reach().contains(o))
            || caller.person().is_some_and(|p| self.persons.contains(&p))
    }
}

/// The clearance `caller` has on a published state with `scope`, `owner` and `audience`, or
/// `None` where that state was never the caller's to see: the record filter of
/// [`visible_in`] for a published row, in Rust, for states that are no longer rows (kept
/// versions). A RESTRICTED state whose audience is unknown (`None`) names nobody.
pub fn published_state_clearance(
    caller: &Caller,
    scope: Scope,
    owner: Option<i64>,
    audience: Option<&StateAudience>,
) -> Option<Scope> {
    let in_audience = audience.is_some_and(|a| a.names(caller));
    let owned = owner.is_some_and(|o| caller.organizations().contains(&o));
    // Outside the caller's jurisdictions, the caller is the public.
    let role = if caller.governs(owner) {
        caller.role()
    } else {
        Role::Public
    };
    let visible = match (role, scope) {
        (_, Scope::Public) => true,
        (Role::Public | Role::Media, _) => false,
        (_, Scope::Party) => true,
        (Role::Supervisor | Role::Admin, Scope::Restricted) => true,
        (Role::Editor, Scope::Restricted) => in_audience || owned,
        (Role::Member | Role::Official | Role::Reviewer, Scope::Restricted) => in_audience,
    };
    visible.then(|| clearance(caller, in_audience, owner, PublicationStatus::Published))
}

/// Whether a record in the state (`named_scope`, `named_status`, `named_publish_at`) may be
/// named in a text derived for the readers of a record of `scope` (a bulletin drafted from a
/// decision names its meeting): only where every such reader sees it at `now`, its publication
/// time included. A PUBLIC text names only PUBLIC records, a PARTY text PUBLIC or PARTY ones;
/// RESTRICTED records are never named, as their audiences may differ.
pub fn may_be_named(
    scope: Scope,
    named_scope: Scope,
    named_status: PublicationStatus,
    named_publish_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    named_status == PublicationStatus::Published
        && named_publish_at.is_some_and(|at| at <= now)
        && match named_scope {
            Scope::Public => true,
            Scope::Party => scope != Scope::Public,
            Scope::Restricted => false,
        }
}

/// Whether the clearance of `caller` depends on each record's audience.
pub fn needs_audience(caller: &Caller) -> bool {
    !matches!(
        caller.role(),
        Role::Public | Role::Media | Role::Supervisor | Role::Admin
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, orgs: &[i64]) -> Caller {
        Caller::for_tests(role, orgs.to_vec(), orgs.to_vec(), None)
    }

    #[test]
    fn public_and_media_see_public_content_only() {
        assert_eq!(
            clearance(
                &caller(Role::Public, &[]),
                true,
                None,
                PublicationStatus::Published
            ),
            Scope::Public
        );
        assert_eq!(
            clearance(
                &caller(Role::Media, &[1]),
                true,
                Some(1),
                PublicationStatus::Published
            ),
            Scope::Public
        );
    }

    #[test]
    fn members_see_party_content_and_restricted_only_in_the_audience() {
        assert_eq!(
            clearance(
                &caller(Role::Member, &[1]),
                false,
                Some(1),
                PublicationStatus::Published
            ),
            Scope::Party
        );
        assert_eq!(
            clearance(
                &caller(Role::Member, &[1]),
                true,
                None,
                PublicationStatus::Published
            ),
            Scope::Restricted
        );
        assert_eq!(
            clearance(
                &caller(Role::Official, &[2]),
                false,
                None,
                PublicationStatus::Published
            ),
            Scope::Party
        );
    }

    #[test]
    fn editors_see_restricted_content_of_their_own_organization_only() {
        assert_eq!(
            clearance(
                &caller(Role::Editor, &[3]),
                false,
                Some(3),
                PublicationStatus::Published
            ),
            Scope::Restricted
        );
        assert_eq!(
            clearance(
                &caller(Role::Editor, &[3]),
                false,
                Some(4),
                PublicationStatus::Published
            ),
            Scope::Party
        );
    }

    #[test]
    fn a_published_state_is_seen_by_its_own_scope_and_audience() {
        use Role::*;
        use Scope::{Party, Public as Pub, Restricted};
        let audience_of = |orgs: &[i64]| StateAudience {
            organizations: orgs.to_vec(),
            persons: Vec::new(),
        };
        let to_org_1 = audience_of(&[1]);
        let to_org_2 = audience_of(&[2]);
        // (role, caller's orgs, state's scope, owner, audience, expected clearance)
        type Case<'a> = (
            Role,
            &'a [i64],
            Scope,
            Option<i64>,
            Option<&'a StateAudience>,
            Option<Scope>,
        );
        let table: [Case<'_>; 22] = [
            (Public, &[], Pub, Some(1), None, Some(Pub)),
            (Public, &[], Party, Some(1), None, None),
            (Public, &[], Restricted, Some(1), Some(&to_org_1), None),
            (Media, &[1], Party, Some(1), None, None),
            (Media, &[1], Restricted, Some(1), Some(&to_org_1), None),
            (Member, &[], Party, Some(1), None, Some(Party)),
            (
                Member,
                &[1],
                Restricted,
                Some(3),
                Some(&to_org_1),
                Some(Restricted),
            ),
            (Member, &[1], Restricted, Some(3), Some(&to_org_2), None),
            (Official, &[2], Restricted, Some(3), Some(&to_org_1), None),
            (
                Official,
                &[2],
                Restricted,
                Some(3),
                Some(&to_org_2),
                Some(Restricted),
            ),
            (Official, &[2], Restricted, Some(3), None, None),
            (Official, &[2], Pub, Some(3), None, Some(Party)),
            (Reviewer, &[], Restricted, Some(3), Some(&to_org_1), None),
            (
                Reviewer,
                &[1],
                Restricted,
                Some(3),
                Some(&to_org_1),
                Some(Restricted),
            ),
            (
                Editor,
                &[3],
                Restricted,
                Some(3),
                Some(&to_org_1),
                Some(Restricted),
            ),
            (Editor, &[4], Restricted, Some(3), Some(&to_org_1), None),
            (Editor, &[4], Restricted, Some(3), None, None),
            (
                Editor,
                &[1],
                Restricted,
                Some(3),
                Some(&to_org_1),
                Some(Restricted),
            ),
            (Supervisor, &[], Restricted, Some(3), None, Some(Restricted)),
            (Admin, &[], Restricted, None, None, Some(Restricted)),
            (Admin, &[], Party, None, None, Some(Restricted)),
            (Supervisor, &[], Pub, None, None, Some(Restricted)),
        ];
        for (role, orgs, scope, owner, audience, expected) in table {
            assert_eq!(
                published_state_clearance(&caller(role, orgs), scope, owner, audience),
                expected,
                "{role:?} in {orgs:?} on {scope:?} owned by {owner:?} for {audience:?}"
            );
        }
        let person = Caller::for_tests(Member, vec![], vec![], Some(9));
        let to_person = StateAudience {
            organizations: Vec::new(),
            persons: vec![9],
        };
        assert_eq!(
            published_state_clearance(&person, Restricted, None, Some(&to_person)),
            Some(Restricted)
        );
        assert_eq!(
            published_state_clearance(&person, Restricted, None, Some(&to_org_1)),
            None
        );
    }

    #[test]
    fn a_derived_text_names_only_what_all_its_readers_see_now() {
        use PublicationStatus::*;
        use Scope::{Party, Public as Pub, Restricted};
        let now = Utc::now();
        let past = Some(now - chrono::TimeDelta::hours(1));
        let later = Some(now + chrono::TimeDelta::hours(1));
        // (text's scope, named record's scope, status, publish_at, may be named)
        let table = [
            (Pub, Pub, Published, past, true),
            (Pub, Pub, Published, later, false),
            (Pub, Pub, Published, None, false),
            (Pub, Pub, Approved, past, false),
            (Pub, Pub, Draft, None, false),
            (Pub, Pub, Retracted, past, false),
            (Pub, Party, Published, past, false),
            (Party, Party, Published, past, true),
            (Party, Pub, Published, past, true),
            (Party, Party, Published, later, false),
            (Restricted, Party, Published, past, true),
            (Restricted, Restricted, Published, past, false),
            (Pub, Restricted, Published, past, false),
        ];
        for (scope, named, status, at, expected) in table {
            assert_eq!(
                may_be_named(scope, named, status, at, now),
                expected,
                "{scope:?} naming {named:?} {status:?} at {at:?}"
            );
        }
    }

    #[test]
    fn supervisors_and_admins_see_everything_on_a_visible_record() {
        assert_eq!(
            clearance(
                &caller(Role::Supervisor, &[]),
                false,
                None,
                PublicationStatus::Published
            ),
            Scope::Restricted
        );
        assert_eq!(
            clearance(
                &caller(Role::Admin, &[]),
                false,
                None,
                PublicationStatus::Published
            ),
            Scope::Restricted
        );
    }
}
