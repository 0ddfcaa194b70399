//! Who may write which record: create a draft for an organization, edit a draft, correct a
//! published record. The store asks these before it writes anything.

use entity::enums::{PublicationStatus, RecordKind};

use super::{Caller, Role};

/// Why a write is refused: the input field at fault (for a bad owner), or a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The caller must name the owner: `owner` is missing or not theirs to choose.
    NameTheOwner,
    /// Not allowed, with the reason to give.
    Forbidden(String),
}

/// Whether `caller` may write records at all: with a token, as an editor or an admin.
pub fn may_write(caller: &Caller) -> Result<(), Refusal> {
    if caller.subject().is_none() {
        return Err(Refusal::Forbidden(
            "writing needs a token: anonymous callers only read".to_owned(),
        ));
    }
    match caller.role() {
        Role::Editor | Role::Admin => Ok(()),
        role => Err(Refusal::Forbidden(format!(
            "a caller with role {} may not write records; editors of the owning organization may",
            role.as_str()
        ))),
    }
}

/// The owner of a new record of `kind` that `caller` creates, naming `owner` or not: the named
/// one, or the caller's only organization. An admin creating an organization without an owner
/// gets a record that owns itself (`None` here), so that a deployment's first organization can
/// be made.
pub fn owner_of_new(
    caller: &Caller,
    kind: RecordKind,
    owner: Option<i64>,
) -> Result<Option<i64>, Refusal> {
    may_write(caller)?;
    let owner = match (owner, caller.organizations()) {
        (Some(owner), _) => Some(owner),
        (None, [only]) => Some(*only),
        (None, _) if caller.role() == Role::Admin && kind == RecordKind::Organization => None,
        (None, _) => return Err(Refusal::NameTheOwner),
    };
    if let Some(owner) = owner
        && caller.role() == Role::Editor
        && !caller.organizations().contains(&owner)
    {
        return Err(Refusal::Forbidden(
            "editors create records only for their own organizations".to_owned(),
        ));
    }
    if !caller.governs(owner) {
        return Err(outside());
    }
    Ok(owner)
}

/// The refusal of a write outside the caller's jurisdictions.
fn outside() -> Refusal {
    Refusal::Forbidden(
        "this token is limited to other jurisdictions: it writes only records of organizations of its own"
            .to_owned(),
    )
}

/// Whether `caller` may place an organization in `jurisdiction`: a caller limited to
/// jurisdictions places organizations only in them and those below them; a caller limited to
/// none, anywhere.
pub fn may_place(caller: &Caller, jurisdiction: Option<i64>) -> Result<(), Refusal> {
    match caller.within() {
        None => Ok(()),
        Some(w) if jurisdiction.is_some_and(|j| w.jurisdictions().contains(&j)) => Ok(()),
        Some(_) => Err(outside()),
    }
}

/// What a change asks for: an edit of a draft, or a correction of a published record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// 编辑: a change to a draft.
    Edit,
    /// 更正: a correction of a published record.
    Correct,
}

/// Whether `caller` may change a record owned by `owner`: its organization's editors and
/// admins may.
pub fn may_change(caller: &Caller, owner: Option<i64>) -> Result<(), Refusal> {
    may_write(caller)?;
    if !caller.governs(owner) {
        return Err(outside());
    }
    let own = owner.is_some_and(|o| caller.organizations().contains(&o));
    if own || caller.role() == Role::Admin {
        Ok(())
    } else {
        Err(Refusal::Forbidden(format!(
            "a caller with role {} may not change this record; editors of its organization may",
            caller.role().as_str()
        )))
    }
}

/// Whether `change` fits a record standing at `status`: a draft is edited, a published record
/// corrected.
pub fn fits(change: Change, status: PublicationStatus) -> Result<(), Refusal> {
    match (change, status) {
        (Change::Edit, PublicationStatus::Draft)
        | (Change::Correct, PublicationStatus::Published) => Ok(()),
        (Change::Edit, _) => Err(Refusal::Forbidden(
            "only a draft can be edited; a published record changes by a correction".to_owned(),
        )),
        (Change::Correct, _) => Err(Refusal::Forbidden(
            "only a published record can be corrected; a draft is edited".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, organizations: Vec<i64>) -> Caller {
        Caller {
            subject: Some("someone".to_owned()),
            ..Caller::for_tests(role, organizations, vec![], None)
        }
    }

    const ROLES: [Role; 8] = [
        Role::Public,
        Role::Media,
        Role::Member,
        Role::Official,
        Role::Editor,
        Role::Reviewer,
        Role::Supervisor,
        Role::Admin,
    ];

    #[test]
    fn who_creates_for_whom() {
        use RecordKind::{Organization, Power};
        // role, the caller's organizations, the kind, the owner named, what comes of it
        type Case = (
            Role,
            Vec<i64>,
            RecordKind,
            Option<i64>,
            Result<Option<i64>, Refusal>,
        );
        let table: [Case; 8] = [
            (Role::Editor, vec![7], Power, None, Ok(Some(7))),
            (Role::Editor, vec![7], Power, Some(7), Ok(Some(7))),
            (Role::Editor, vec![7, 8], Power, None, Err(Refusal::NameTheOwner)),
            (
                Role::Editor,
                vec![7],
                Power,
                Some(9),
                Err(Refusal::Forbidden(
                    "editors create records only for their own organizations".to_owned(),
                )),
            ),
            (Role::Admin, vec![], Power, Some(9), Ok(Some(9))),
            (Role::Admin, vec![], Power, None, Err(Refusal::NameTheOwner)),
            (Role::Admin, vec![], Organization, None, Ok(None)),
            (
                Role::Reviewer,
                vec![7],
                Power,
                None,
                Err(Refusal::Forbidden(
                    "a caller with role reviewer may not write records; editors of the owning organization may".to_owned(),
                )),
            ),
        ];
        for (role, organizations, kind, owner, expected) in table {
            assert_eq!(
                owner_of_new(&caller(role, organizations.clone()), kind, owner),
                expected,
                "{role:?} {organizations:?} {kind:?} {owner:?}"
            );
        }
        // Nobody without a token writes, whatever the role says.
        for role in ROLES {
            let anonymous = Caller::for_tests(role, vec![7], vec![], None);
            assert!(
                owner_of_new(&anonymous, Power, Some(7)).is_err(),
                "{role:?}"
            );
        }
    }

    #[test]
    fn a_token_limited_to_jurisdictions_writes_only_within_them() {
        // Organizations 7 and 8 belong to the caller's jurisdiction 1; 9 lies outside.
        let limited = |role| caller(role, vec![7]).within_for_tests(vec![1], vec![7, 8]);
        let admin = caller(Role::Admin, vec![]).within_for_tests(vec![1], vec![7, 8]);
        assert_eq!(
            owner_of_new(&limited(Role::Editor), RecordKind::Power, None),
            Ok(Some(7))
        );
        assert_eq!(
            owner_of_new(&admin, RecordKind::Power, Some(8)),
            Ok(Some(8))
        );
        assert_eq!(
            owner_of_new(&admin, RecordKind::Power, Some(9)),
            Err(outside())
        );
        // An organization that owns itself belongs to no jurisdiction yet.
        assert_eq!(
            owner_of_new(&admin, RecordKind::Organization, None),
            Err(outside())
        );
        assert!(may_change(&admin, Some(8)).is_ok());
        assert_eq!(may_change(&admin, Some(9)), Err(outside()));
        assert_eq!(may_change(&admin, None), Err(outside()));
        assert!(may_place(&admin, Some(1)).is_ok());
        assert_eq!(may_place(&admin, Some(2)), Err(outside()));
        assert_eq!(may_place(&admin, None), Err(outside()));
        // Unlimited callers are as before.
        let everywhere = caller(Role::Admin, vec![]);
        assert!(may_change(&everywhere, Some(9)).is_ok());
        assert!(may_place(&everywhere, None).is_ok());
    }

    #[test]
    fn who_changes_what() {
        use Change::{Correct, Edit};
        use PublicationStatus::{Approved, Draft, Published, Retracted, Submitted};
        for role in ROLES {
            for (owner, own) in [(Some(7), true), (Some(9), false), (None, false)] {
                for status in [Draft, Submitted, Approved, Published, Retracted] {
                    for change in [Edit, Correct] {
                        let allowed = (role == Role::Editor && own) || role == Role::Admin;
                        let right_state =
                            matches!((change, status), (Edit, Draft) | (Correct, Published));
                        let got = may_change(&caller(role, vec![7]), owner)
                            .and_then(|()| fits(change, status));
                        assert_eq!(
                            got.is_ok(),
                            allowed && right_state,
                            "{role:?} owner {owner:?} {status:?} {change:?}: {got:?}"
                        );
                    }
                }
            }
        }
    }
}
