//! Who is calling, and what they may see and do. Every visibility rule of Sunlight lives in
//! this folder: the caller ([`Caller`]), the record filter ([`visibility`]), the field policies
//! ([`policy`]), the rules of the publication procedure ([`workflow`]) and what a published
//! aggregate may show ([`disclosure`]).

pub mod disclosure;
pub mod documents;
pub mod evaluation;
pub mod feedback;
pub mod follows;
pub mod operations;
pub mod policy;
pub mod visibility;
pub mod workflow;
pub mod writing;

use entity::enums::Scope;

/// The role a verified token carries; no token means [`Role::Public`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Anonymous: public frontends, civic apps, news sites.
    Public,
    /// The TV station and other media.
    Media,
    /// Party-member apps.
    Member,
    /// Officials of county organs.
    Official,
    /// Editors of the leading-group office.
    Editor,
    /// Reviewers and approvers.
    Reviewer,
    /// Supervisors: 纪委, 社会监督员.
    Supervisor,
    /// Administrators.
    Admin,
}

impl Role {
    /// The wire name, e.g. `member`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Public => "public",
            Role::Media => "media",
            Role::Member => "member",
            Role::Official => "official",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }
}

/// The caller of one request, built once from verified claims (or none). There is no default:
/// code that reads data must be handed a caller.
#[derive(Clone, Debug)]
pub struct Caller {
    role: Role,
    subject: Option<String>,
    organizations: Vec<i64>,
    reach: Vec<i64>,
    person: Option<i64>,
    embargo_window: Option<chrono::TimeDelta>,
    expires_at: Option<u64>,
    within: Option<Within>,
}

/// What a caller limited to jurisdictions governs: the jurisdictions (each with those below
/// it) and the organizations that belong to them, sorted. Outside them the caller is the
/// public.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Within {
    claimed: Vec<i64>,
    jurisdictions: Vec<i64>,
    organizations: Vec<i64>,
}

impl Within {
    /// The jurisdictions the token names, sorted.
    pub fn claimed(&self) -> &[i64] {
        &self.claimed
    }

    /// The jurisdictions the token names and every one below them, sorted.
    pub fn jurisdictions(&self) -> &[i64] {
        &self.jurisdictions
    }

    /// The organizations that belong to them, sorted.
    pub fn organizations(&self) -> &[i64] {
        &self.organizations
    }
}

impl Role {
    /// The role a token names; `None` for anything else, `public` included.
    pub fn from_claim(role: &str) -> Option<Self> {
        Some(match role {
            "media" => Role::Media,
            "member" => Role::Member,
            "official" => Role::Official,
            "editor" => Role::Editor,
            "reviewer" => Role::Reviewer,
            "supervisor" => Role::Supervisor,
            "admin" => Role::Admin,
            _ => return None,
        })
    }
}

/// What a caller may see, as a key: see [`Caller::scope_key`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScopeKey {
    role: Role,
    organizations: Vec<i64>,
    reach: Vec<i64>,
    person: Option<i64>,
    embargo_window: Option<chrono::TimeDelta>,
    within: Option<Within>,
}

/// The organization tree: each organization's parent, and the jurisdiction it belongs to; and
/// the tree of jurisdictions, each with its division code.
#[derive(Clone, Debug, Default)]
pub struct OrgTree {
    parents: std::collections::HashMap<i64, Option<i64>>,
    org_jurisdictions: std::collections::HashMap<i64, i64>,
    jurisdictions: std::collections::HashMap<i64, Option<i64>>,
    codes: std::collections::HashMap<String, i64>,
    rows: std::collections::BTreeMap<i64, std::sync::Arc<entity::jurisdiction::Model>>,
}

impl OrgTree {
    /// A tree from `(id, parent)` pairs, with no jurisdictions.
    pub fn new(pairs: impl IntoIterator<Item = (i64, Option<i64>)>) -> Self {
        Self {
            parents: pairs.into_iter().collect(),
            ..Self::default()
        }
    }

    /// A tree from `(id, parent, jurisdiction)` of each organization, and the jurisdictions.
    pub fn with_jurisdictions(
        organizations: impl IntoIterator<Item = (i64, Option<i64>, Option<i64>)>,
        jurisdictions: impl IntoIterator<Item = entity::jurisdiction::Model>,
    ) -> Self {
        let mut tree = Self::default();
        for (id, parent, jurisdiction) in organizations {
            tree.parents.insert(id, parent);
            if let Some(j) = jurisdiction {
                tree.org_jurisdictions.insert(id, j);
            }
        }
        for row in jurisdictions {
            tree.jurisdictions.insert(row.id, row.parent_id);
            tree.codes.insert(row.division_code.clone(), row.id);
            tree.rows.insert(row.id, std::sync::Arc::new(row));
        }
        tree
    }

    /// The jurisdiction `id`. Jurisdictions are public: anyone may be told of any.
    pub fn jurisdiction(&self, id: i64) -> Option<std::sync::Arc<entity::jurisdiction::Model>> {
        self.rows.get(&id).cloned()
    }

    /// Every jurisdiction, by id.
    pub fn jurisdictions(
        &self,
    ) -> impl Iterator<Item = &std::sync::Arc<entity::jurisdiction::Model>> {
        self.rows.values()
    }

    /// `jurisdictions` and every jurisdiction below them, sorted.
    pub fn jurisdictions_below(&self, jurisdictions: &[i64]) -> Vec<i64> {
        descendants(&self.jurisdictions, jurisdictions)
    }

    /// The jurisdiction with division code `code`.
    pub fn jurisdiction_by_code(&self, code: &str) -> Option<i64> {
        self.codes.get(code).copied()
    }

    /// Each organization that belongs to a jurisdiction, with it.
    pub fn organization_jurisdictions(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.org_jurisdictions.iter().map(|(o, j)| (*o, *j))
    }

    /// How many organizations there are.
    pub fn organization_count(&self) -> usize {
        self.parents.len()
    }

    /// Whether the jurisdiction `id` exists.
    pub fn has_jurisdiction(&self, id: i64) -> bool {
        self.jurisdictions.contains_key(&id)
    }

    /// The organizations that belong to `jurisdictions` or to one below them, sorted.
    pub fn organizations_within(&self, jurisdictions: &[i64]) -> Vec<i64> {
        let below = descendants(&self.jurisdictions, jurisdictions);
        let mut orgs: Vec<i64> = self
            .org_jurisdictions
            .iter()
            .filter(|(_, j)| below.binary_search(j).is_ok())
            .map(|(org, _)| *org)
            .collect();
        orgs.sort_unstable();
        orgs
    }

    /// Whether the organization `id` exists.
    pub fn contains(&self, id: i64) -> bool {
        self.parents.contains_key(&id)
    }

    /// `orgs` and every organization below them.
    pub fn with_descendants(&self, orgs: &[i64]) -> Vec<i64> {
        descendants(&self.parents, orgs)
    }

    /// `orgs` and every organization above them.
    pub fn with_ancestors(&self, orgs: &[i64]) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for &org in orgs {
            let mut current = Some(org);
            // The bound guards against a cycle in bad data.
            for _ in 0..64 {
                let Some(id) = current else { break };
                if out.contains(&id) {
                    break;
                }
                out.push(id);
                current = self.parents.get(&id).copied().flatten();
            }
        }
        out.sort_unstable();
        out
    }
}

/// `roots` and every node below them in the tree of `parents`, sorted.
fn descendants(parents: &std::collections::HashMap<i64, Option<i64>>, roots: &[i64]) -> Vec<i64> {
    let mut out: Vec<i64> = roots.to_vec();
    let mut frontier: Vec<i64> = roots.to_vec();
    // The bound guards against a cycle in bad data.
    for _ in 0..64 {
        let next: Vec<i64> = parents
            .iter()
            .filter(|(id, parent)| {
                parent.is_some_and(|p| frontier.contains(&p)) && !out.contains(id)
            })
            .map(|(id, _)| *id)
            .collect();
        if next.is_empty() {
            break;
        }
        out.extend(&next);
        frontier = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl Caller {
    /// The anonymous public.
    pub fn public() -> Self {
        Self {
            role: Role::Public,
            subject: None,
            organizations: Vec::new(),
            reach: Vec::new(),
            person: None,
            embargo_window: None,
            expires_at: None,
            within: None,
        }
    }

    /// The caller a verified token describes. An unknown role, a malformed id or an
    /// organization missing from `tree` is an error, never a fallback to the public: a token
    /// naming an organization that does not exist was made in error or for another
    /// deployment, and its caller is not who it claims. Whether the person exists is the
    /// caller's builder's to check (see [`Caller::person`]). A media caller sees a bulletin
    /// scheduled for publication from `embargo_window` before its time (see [`visibility`]).
    pub fn from_claims(
        claims: &crate::auth::Claims,
        tree: &OrgTree,
        ids: &crate::ids::Ids,
        embargo_window: chrono::TimeDelta,
    ) -> Result<Self, crate::auth::TokenError> {
        use crate::auth::{OrgRef, TokenError};
        let role = Role::from_claim(&claims.role).ok_or(TokenError::UnknownRole)?;
        let mut organizations = claims
            .orgs
            .iter()
            .map(|o| match o {
                OrgRef::Number(n) => Some(*n),
                OrgRef::Id(id) => ids.decode("Organization", &async_graphql::ID(id.clone())),
            })
            .collect::<Option<Vec<i64>>>()
            .ok_or(TokenError::BadId)?;
        organizations.sort_unstable();
        organizations.dedup();
        if let Some(unknown) = organizations.iter().find(|o| !tree.contains(**o)) {
            return Err(TokenError::UnknownOrganization(*unknown));
        }
        let within = claims
            .jur
            .as_ref()
            .map(|codes| {
                let mut jurisdictions = codes
                    .iter()
                    .map(|c| {
                        tree.jurisdiction_by_code(c)
                            .ok_or_else(|| TokenError::UnknownJurisdiction(c.clone()))
                    })
                    .collect::<Result<Vec<i64>, _>>()?;
                jurisdictions.sort_unstable();
                jurisdictions.dedup();
                let governed = tree.organizations_within(&jurisdictions);
                // A token's organizations lie within its jurisdictions, or it was made in error.
                if let Some(outside) = organizations
                    .iter()
                    .find(|o| governed.binary_search(o).is_err())
                {
                    return Err(TokenError::OutsideJurisdiction(*outside));
                }
                Ok(Within {
                    jurisdictions: tree.jurisdictions_below(&jurisdictions),
                    claimed: jurisdictions,
                    organizations: governed,
                })
            })
            .transpose()?;
        let person = claims
            .person
            .as_ref()
            .map(|p| {
                ids.decode("Person", &async_graphql::ID(p.clone()))
                    .ok_or(TokenError::BadId)
            })
            .transpose()?;
        Ok(Self {
            role,
            subject: Some(claims.sub.clone()),
            reach: tree.with_ancestors(&organizations),
            organizations,
            person,
            embargo_window: (role == Role::Media).then_some(embargo_window),
            expires_at: Some(claims.exp),
            within,
        })
    }

    /// The caller of a data loader that writes through the one write path, as the token of an
    /// admin with `subject` and no organization would: the demo county is written this way.
    pub(crate) fn loader(subject: &str) -> Self {
        Self {
            role: Role::Admin,
            subject: Some(subject.to_owned()),
            organizations: Vec::new(),
            reach: Vec::new(),
            person: None,
            embargo_window: None,
            expires_at: None,
            within: None,
        }
    }

    /// A caller for unit tests of the rules.
    #[doc(hidden)]
    pub fn for_tests(
        role: Role,
        organizations: Vec<i64>,
        reach: Vec<i64>,
        person: Option<i64>,
    ) -> Self {
        Self {
            role,
            subject: None,
            organizations,
            reach,
            person,
            embargo_window: None,
            expires_at: None,
            within: None,
        }
    }

    /// This caller with the media embargo window `window`, for unit tests of the rules.
    #[doc(hidden)]
    pub fn with_embargo_window_for_tests(mut self, window: chrono::TimeDelta) -> Self {
        self.embargo_window = (self.role == Role::Media).then_some(window);
        self
    }

    /// How long before its publication time a bulletin is shown to this caller: media only.
    pub fn embargo_window(&self) -> Option<chrono::TimeDelta> {
        self.embargo_window
    }

    /// Until when a bulletin published at `publish_at` is under embargo for this caller: its
    /// publication time while that is still ahead, for media only; `None` for everyone else.
    pub fn embargo_until(
        &self,
        publish_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        self.embargo_window?;
        publish_at.filter(|at| *at > chrono::Utc::now())
    }

    /// The caller's role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The token's subject, if any.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// The organizations the caller belongs to.
    pub fn organizations(&self) -> &[i64] {
        &self.organizations
    }

    /// The caller's organizations and every organization above them: an audience naming any of
    /// these includes the caller.
    pub fn reach(&self) -> &[i64] {
        &self.reach
    }

    /// The caller's person record, if the token names one.
    pub fn person(&self) -> Option<i64> {
        self.person
    }

    /// When the caller's token expires, in seconds since 1970; `None` for the public. A
    /// connection that outlives a request (a subscription) ends here.
    pub fn expires_at(&self) -> Option<u64> {
        self.expires_at
    }

    /// The jurisdictions the caller is limited to, if any: see [`Caller::governs`].
    pub fn within(&self) -> Option<&Within> {
        self.within.as_ref()
    }

    /// Whether the caller's role counts for a record owned by `owner`: always, for a caller
    /// limited to no jurisdiction; for one limited to jurisdictions, when the owner belongs to
    /// one of them. Where it does not, the caller sees what the public sees and writes nothing.
    pub fn governs(&self, owner: Option<i64>) -> bool {
        match &self.within {
            None => true,
            Some(w) => owner.is_some_and(|o| w.organizations.binary_search(&o).is_ok()),
        }
    }

    /// This caller limited to the organizations `organizations` of the jurisdictions
    /// `jurisdictions`, for unit tests of the rules.
    #[doc(hidden)]
    pub fn within_for_tests(
        mut self,
        jurisdictions: Vec<i64>,
        mut organizations: Vec<i64>,
    ) -> Self {
        organizations.sort_unstable();
        self.within = Some(Within {
            claimed: jurisdictions.clone(),
            jurisdictions,
            organizations,
        });
        self
    }

    /// Everything about the caller that decides what they may see: the role, the
    /// organizations (ownership), the reach (audiences), the person, the embargo window and the
    /// jurisdictions. Two
    /// callers with the same key see the same records and fields, whoever they are; the subject
    /// is left out.
    pub fn scope_key(&self) -> ScopeKey {
        ScopeKey {
            role: self.role,
            organizations: self.organizations.clone(),
            reach: self.reach.clone(),
            person: self.person,
            embargo_window: self.embargo_window,
            within: self.within.clone(),
        }
    }

    /// Whether the caller may be served anything the public may not see: what is served to
    /// such a caller is kept in the access log; nothing is kept for the others.
    pub fn sees_beyond_public(&self) -> bool {
        !matches!(self.role, Role::Public | Role::Media)
    }

    /// Whether the caller is the anonymous public, who all see the same thing and so may be
    /// given answers computed for one another (the response cache, HTTP caching).
    pub fn shares_public_answers(&self) -> bool {
        self.role == Role::Public && self.subject.is_none()
    }

    /// The scopes whose records the caller may see in principle.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.role {
            Role::Public | Role::Media => vec![Scope::Public],
            Role::Member | Role::Official | Role::Reviewer
                if self.reach.is_empty() && self.person.is_none() =>
            {
                vec![Scope::Public, Scope::Party]
            }
            _ => vec![Scope::Public, Scope::Party, Scope::Restricted],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_is_logged_and_who_shares_answers() {
        // role, with a token, logged in the access log, shares the public's answers
        let table = [
            (Role::Public, false, false, true),
            (Role::Media, true, false, false),
            (Role::Member, true, true, false),
            (Role::Official, true, true, false),
            (Role::Editor, true, true, false),
            (Role::Reviewer, true, true, false),
            (Role::Supervisor, true, true, false),
            (Role::Admin, true, true, false),
        ];
        for (role, token, logged, shared) in table {
            let caller = Caller {
                subject: token.then(|| "someone".to_owned()),
                ..Caller::for_tests(role, vec![], vec![], None)
            };
            assert_eq!(caller.sees_beyond_public(), logged, "{role:?}");
            assert_eq!(caller.shares_public_answers(), shared, "{role:?}");
        }
    }

    #[test]
    fn reach_climbs_to_the_root() {
        let tree = OrgTree::new([(1, None), (2, Some(1)), (3, Some(2)), (4, Some(1))]);
        assert_eq!(tree.with_ancestors(&[3]), vec![1, 2, 3]);
        assert_eq!(tree.with_ancestors(&[4, 3]), vec![1, 2, 3, 4]);
    }

    #[test]
    fn descendants_reach_the_leaves() {
        let tree = OrgTree::new([
            (1, None),
            (2, Some(1)),
            (3, Some(2)),
            (4, Some(1)),
            (5, None),
        ]);
        assert_eq!(tree.with_descendants(&[2]), vec![2, 3]);
        assert_eq!(tree.with_descendants(&[1]), vec![1, 2, 3, 4]);
    }

    #[test]
    fn cycles_in_the_tree_end() {
        let tree = OrgTree::new([(1, Some(2)), (2, Some(1))]);
        assert_eq!(tree.with_ancestors(&[1]), vec![1, 2]);
    }

    #[test]
    fn scope_keys_differ_by_what_decides_visibility_only() {
        let member =
            |orgs: Vec<i64>, person| Caller::for_tests(Role::Member, orgs.clone(), orgs, person);
        let mut named = member(vec![1], None);
        named.subject = Some("someone".into());
        assert_eq!(member(vec![1], None).scope_key(), named.scope_key());
        assert_ne!(
            member(vec![1], None).scope_key(),
            member(vec![2], None).scope_key()
        );
        assert_ne!(
            member(vec![1], None).scope_key(),
            member(vec![1], Some(7)).scope_key()
        );
        assert_ne!(
            member(vec![], None).scope_key(),
            Caller::for_tests(Role::Official, vec![], vec![], None).scope_key()
        );
        assert_ne!(
            Caller::public().scope_key(),
            member(vec![], None).scope_key()
        );
    }

    #[test]
    fn only_media_see_an_embargo_and_only_before_its_time() {
        let window = chrono::TimeDelta::hours(24);
        let soon = Some(chrono::Utc::now() + chrono::TimeDelta::hours(10));
        let past = Some(chrono::Utc::now() - chrono::TimeDelta::hours(1));
        let media = Caller::for_tests(Role::Media, vec![], vec![], None)
            .with_embargo_window_for_tests(window);
        assert_eq!(media.embargo_window(), Some(window));
        assert_eq!(media.embargo_until(soon), soon);
        assert_eq!(media.embargo_until(past), None);
        for role in [Role::Member, Role::Official, Role::Editor, Role::Admin] {
            let caller =
                Caller::for_tests(role, vec![], vec![], None).with_embargo_window_for_tests(window);
            assert_eq!(caller.embargo_window(), None, "{role:?}");
            assert_eq!(caller.embargo_until(soon), None, "{role:?}");
        }
        assert_eq!(Caller::public().embargo_until(soon), None);
    }

    #[test]
    fn tokens_may_name_existing_organizations_only() {
        use crate::auth::{Claims, OrgRef, TokenError};
        let tree = OrgTree::new([(1, None), (2, Some(1))]);
        let claims = |orgs: Vec<OrgRef>| Claims {
            exp: 2,
            iat: 1,
            iss: "sunlight-local".into(),
            sub: "unit".into(),
            role: "official".into(),
            orgs,
            person: None,
            name: None,
            jur: None,
        };
        let window = chrono::TimeDelta::zero();
        let ids = crate::ids::Ids::fixed(1, &[]);
        let known = Caller::from_claims(&claims(vec![OrgRef::Number(2)]), &tree, &ids, window);
        assert!(matches!(known, Ok(c) if c.reach() == [1, 2] && c.expires_at() == Some(2)));
        let unknown = Caller::from_claims(
            &claims(vec![OrgRef::Number(2), OrgRef::Number(9)]),
            &tree,
            &ids,
            window,
        );
        assert!(matches!(unknown, Err(TokenError::UnknownOrganization(9))));
    }

    #[test]
    fn a_token_limited_to_a_province_governs_its_counties() {
        use crate::auth::{Claims, OrgRef, TokenError};
        let jurisdiction = |id, parent: Option<i64>, code: &str| entity::jurisdiction::Model {
            id,
            division_code: code.to_owned(),
            name: code.to_owned(),
            level: entity::enums::JurisdictionLevel::County,
            parent_id: parent,
        };
        // Province 1 holds counties 2 and 3; organizations 10 (county 2) and 11 (county 3).
        let tree = OrgTree::with_jurisdictions(
            [(10, None, Some(2)), (11, None, Some(3)), (12, None, None)],
            [
                jurisdiction(1, None, "63"),
                jurisdiction(2, Some(1), "632221"),
                jurisdiction(3, Some(1), "632222"),
            ],
        );
        let claims = |orgs: Vec<i64>, jur: &[&str]| Claims {
            exp: 2,
            iat: 1,
            iss: "sunlight-local".into(),
            sub: "unit".into(),
            role: "admin".into(),
            orgs: orgs.into_iter().map(OrgRef::Number).collect(),
            person: None,
            name: None,
            jur: Some(jur.iter().map(|c| (*c).to_owned()).collect()),
        };
        let window = chrono::TimeDelta::zero();
        let ids = crate::ids::Ids::fixed(1, &[]);
        let province = Caller::from_claims(&claims(vec![], &["63"]), &tree, &ids, window);
        let province = province.map_err(|e| e.to_string());
        let within = province.as_ref().ok().and_then(Caller::within);
        assert_eq!(within.map(Within::claimed), Some(&[1][..]));
        assert_eq!(within.map(Within::jurisdictions), Some(&[1, 2, 3][..]));
        assert_eq!(within.map(Within::organizations), Some(&[10, 11][..]));
        let county = Caller::from_claims(&claims(vec![10], &["632221"]), &tree, &ids, window);
        assert!(
            county
                .as_ref()
                .is_ok_and(|c| c.governs(Some(10)) && !c.governs(Some(11)))
        );
        assert!(
            county
                .as_ref()
                .is_ok_and(|c| !c.governs(Some(12)) && !c.governs(None))
        );
        assert!(matches!(
            Caller::from_claims(&claims(vec![11], &["632221"]), &tree, &ids, window),
            Err(TokenError::OutsideJurisdiction(11))
        ));
        assert!(matches!(
            Caller::from_claims(&claims(vec![], &["999999"]), &tree, &ids, window),
            Err(TokenError::UnknownJurisdiction(code)) if code == "999999"
        ));
    }

    #[test]
    fn tokens_cannot_claim_the_public_role() {
        assert_eq!(Role::from_claim("public"), None);
        assert_eq!(Role::from_claim("Admin"), None);
        assert_eq!(Role::from_claim("admin"), Some(Role::Admin));
    }
}
