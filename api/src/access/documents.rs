//! Who sees a document and who may put one on a record. A document has no scope of its own:
//! it is seen through an attachment of a record the caller may see, and each attachment may
//! ask for more clearance on that record than seeing it (a public decision with a party-internal
//! annex). Unknown, unattached and hidden documents are one and the same to a caller.

use entity::enums::Scope;

use super::{Caller, writing};

/// Whether a caller cleared for `clearance` on a record sees its attachment that needs `needs`.
pub fn shows_attachment(needs: Scope, clearance: Scope) -> bool {
    needs <= clearance
}

/// Whether `caller` may upload documents: whoever may write records.
pub fn may_upload(caller: &Caller) -> Result<(), writing::Refusal> {
    writing::may_write(caller)
}

/// Whether a writer may attach a document to a record: one they uploaded themselves, or one
/// the record carries already. Never one that only someone else uploaded, so that attaching
/// tells nobody whether a content they do not hold is stored.
pub fn may_attach(uploaded_by_caller: bool, carried_by_record: bool) -> bool {
    uploaded_by_caller || carried_by_record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;

    #[test]
    fn an_attachment_needs_its_scope_on_the_record() {
        use Scope::*;
        let table = [
            (Public, Public, true),
            (Party, Public, false),
            (Party, Party, true),
            (Restricted, Party, false),
            (Restricted, Restricted, true),
            (Public, Restricted, true),
        ];
        for (needs, clearance, shown) in table {
            assert_eq!(
                shows_attachment(needs, clearance),
                shown,
                "{needs:?} {clearance:?}"
            );
        }
    }

    #[test]
    fn only_writers_upload_and_only_what_they_hold() {
        assert!(may_upload(&Caller::public()).is_err());
        for (role, may) in [
            (Role::Member, false),
            (Role::Reviewer, false),
            (Role::Supervisor, false),
            (Role::Editor, true),
            (Role::Admin, true),
        ] {
            let caller = Caller {
                subject: Some("someone".to_owned()),
                ..Caller::for_tests(role, vec![1], vec![], None)
            };
            assert_eq!(may_upload(&caller).is_ok(), may, "{role:?}");
        }
        assert!(may_attach(true, false));
        assert!(may_attach(false, true));
        assert!(!may_attach(false, false));
    }
}
