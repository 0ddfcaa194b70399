//! Field policies: for each GraphQL type that shows a record, every one of its fields, each
//! either PUBLIC (seen by whoever sees the record) or guarded by the scope it needs on that
//! record. A field the caller may not see is `null` and is named in the object's `redactions`.
//!
//! A field no policy names is seen by nobody: [`Policy::needs`] puts it above every clearance,
//! and a test walks the schema so that such a field never ships (`graphql::tests`).

use entity::enums::Scope;

use crate::access_log::Witness;

/// The policy of one field of one type.
pub struct FieldPolicy<M> {
    /// The GraphQL field name.
    pub field: &'static str,
    /// The scope the field needs on this record.
    pub needs: fn(&M) -> Scope,
    /// Why, for a person reading `redactions`.
    pub reason: &'static str,
}

/// What a field of a record needs, according to the policy of its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The scope the caller must be cleared for on this record.
    Scope(Scope),
    /// The policy does not name the field: nobody sees it.
    Undeclared,
}

/// The policy of one GraphQL type that shows a record: each of its fields, once.
pub struct Policy<M: 'static> {
    /// The GraphQL type.
    pub type_name: &'static str,
    /// Whether the type is a record of its own, with the fields every record has
    /// ([`RECORD_FIELDS`]); parts of a record (steps, attendance) are not.
    pub record: bool,
    /// Fields whoever sees the record sees. A field that leads to another record is PUBLIC
    /// here: the record it leads to answers to its own visibility.
    pub public: &'static [&'static str],
    /// Fields that need more than PUBLIC, at least on some records.
    pub guarded: &'static [FieldPolicy<M>],
}

/// The fields every record has, all PUBLIC: its id, publication data, versions (each
/// filtered by its own audience), attachments (each filtered by its own scope on the record).
pub const RECORD_FIELDS: &[&str] = &[
    "id",
    "attachments",
    "scope",
    "publishedAt",
    "version",
    "updatedAt",
    "versions",
];

/// The field of every record that tells where it stands in the publication workflow (草稿,
/// 待审核, 已审核, 已公开, 已撤回).
pub const STATUS_FIELD: &str = "publicationStatus";

/// What [`STATUS_FIELD`] needs: RESTRICTED clearance on the record, which is what those who
/// work on it or watch over it hold: the editors of its organizations, reviewers while it waits
/// for review or publication, supervisors and admins (and the audience of a RESTRICTED record,
/// who only ever see it published). Whoever else sees a record sees it published, so the
/// status would tell them nothing; it is withheld from them all the same, so that a client
/// shows it only where someone acts on it.
pub const STATUS_NEEDS: Scope = Scope::Restricted;

const STATUS_REASON: &str = "发布流程状态仅对经办、审核和监督人员显示 (the workflow status is for those who work on the record or oversee it)";

impl<M> Policy<M> {
    /// What `field` needs on `model`.
    pub fn need(&self, field: &str, model: &M) -> Need {
        if let Some(p) = self.guarded.iter().find(|p| p.field == field) {
            return Need::Scope((p.needs)(model));
        }
        if self.record && field == STATUS_FIELD {
            return Need::Scope(STATUS_NEEDS);
        }
        if self.public.contains(&field) || (self.record && RECORD_FIELDS.contains(&field)) {
            return Need::Scope(Scope::Public);
        }
        Need::Undeclared
    }

    /// The scope `field` needs on `model`; a field the policy does not name needs more than
    /// anyone has, which RESTRICTED stands for where a scope must be given (the search index).
    pub fn needs(&self, field: &str, model: &M) -> Scope {
        match self.need(field, model) {
            Need::Scope(scope) => scope,
            Need::Undeclared => Scope::Restricted,
        }
    }

    /// Whether a reader cleared for `clearance` on `model` sees `field`.
    pub fn shows(&self, field: &str, model: &M, clearance: Scope) -> bool {
        matches!(self.need(field, model), Need::Scope(n) if n <= clearance)
    }
}

/// The names a policy declares, whatever the model: what a walk over the schema checks.
pub trait Declared: Sync {
    /// The GraphQL type.
    fn type_name(&self) -> &'static str;
    /// Every field the policy names, PUBLIC or guarded, with the record fields where they apply.
    fn fields(&self) -> Vec<&'static str>;
    /// The fields named as PUBLIC and also guarded.
    fn named_twice(&self) -> Vec<&'static str>;
}

impl<M> Policy<M> {
    /// Every name the policy gives, sorted, a name given twice appearing twice.
    fn names(&self) -> Vec<&'static str> {
        let record = if self.record { RECORD_FIELDS } else { &[] };
        let status: &[&'static str] = if self.record { &[STATUS_FIELD] } else { &[] };
        let mut names: Vec<&'static str> = record
            .iter()
            .chain(status)
            .chain(self.public)
            .copied()
            .chain(self.guarded.iter().map(|p| p.field))
            .collect();
        names.sort_unstable();
        names
    }
}

impl<M> Declared for Policy<M> {
    fn type_name(&self) -> &'static str {
        self.type_name
    }

    fn fields(&self) -> Vec<&'static str> {
        let mut fields = self.names();
        fields.dedup();
        fields
    }

    fn named_twice(&self) -> Vec<&'static str> {
        let mut twice: Vec<&'static str> = self
            .names()
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        twice.dedup();
        twice
    }
}

/// A record the caller may see, with the widest scope of content the caller may see on it.
#[derive(Clone, Debug)]
pub struct Scoped<M> {
    /// The row, shared: a row loaded once for a request is handed to each field that asks for
    /// it without copying it.
    pub(crate) model: std::sync::Arc<M>,
    /// What the caller may see on this record.
    pub clearance: Scope,
    /// Where a non-public field served from this record is noted, when the request keeps an
    /// access log (see [`crate::access_log`]).
    pub witness: Option<Witness>,
    /// Where this row is an earlier version of the record: the caller's clearance on the
    /// record as it stands now, which bounds what is shown of its current parts (attachments).
    pub now: Option<Scope>,
}

/// A field value that may be absent: only a value that is there counts as served.
pub trait Presence {
    /// Whether there is a value.
    fn present(&self) -> bool;
}

impl<T> Presence for Option<T> {
    fn present(&self) -> bool {
        self.is_some()
    }
}

impl Presence for String {
    fn present(&self) -> bool {
        true
    }
}

/// A field hidden from the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// The GraphQL field name.
    pub field: &'static str,
    /// The scope it needs.
    pub required: Scope,
    /// Why.
    pub reason: &'static str,
}

impl<M> Scoped<M> {
    /// A row the caller may see with `clearance`, not yet served to anyone.
    pub fn new(model: M, clearance: Scope) -> Self {
        Self {
            model: std::sync::Arc::new(model),
            clearance,
            witness: None,
            now: None,
        }
    }

    /// `value` if the caller may see `field` on this record, else `None`. A value served from
    /// a field that needs more than PUBLIC is noted in the request's access log. A field the
    /// policy does not name is `None` for everyone.
    pub fn field<T: Presence>(
        &self,
        policy: &Policy<M>,
        field: &str,
        value: impl FnOnce(&M) -> T,
    ) -> Option<T> {
        let needs = match policy.need(field, &self.model) {
            Need::Scope(needs) if needs <= self.clearance => needs,
            Need::Scope(_) => return None,
            Need::Undeclared => {
                tracing::error!(
                    r#type = policy.type_name,
                    field,
                    "a field without a policy was asked for; it is shown to nobody"
                );
                return None;
            }
        };
        let value = value(&self.model);
        if let Some(witness) = &self.witness
            && needs > Scope::Public
            && value.present()
        {
            witness.note();
        }
        Some(value)
    }

    /// Every field of `policy` hidden from the caller on this record.
    pub fn redactions(&self, policy: &Policy<M>) -> Vec<Redaction> {
        let status = (policy.record && !self.shows_status()).then_some(Redaction {
            field: STATUS_FIELD,
            required: STATUS_NEEDS,
            reason: STATUS_REASON,
        });
        policy
            .guarded
            .iter()
            .filter_map(|p| {
                let required = (p.needs)(&self.model);
                (required > self.clearance).then_some(Redaction {
                    field: p.field,
                    required,
                    reason: p.reason,
                })
            })
            .chain(status)
            .collect()
    }

    /// Whether the caller sees this record's workflow status ([`STATUS_NEEDS`]).
    pub fn shows_status(&self) -> bool {
        self.clearance >= STATUS_NEEDS
    }
}

/// Meeting: minutes are party-internal.
const MEETING_GUARDED: &[FieldPolicy<entity::meeting::Model>] = &[FieldPolicy {
    field: "minutes",
    needs: |_| Scope::Party,
    reason: "会议纪要党内公开 (meeting minutes are party-internal)",
}];

/// Decision: vote counts are party-internal.
const DECISION_GUARDED: &[FieldPolicy<entity::decision::Model>] = &[
    FieldPolicy {
        field: "votesFor",
        needs: |_| Scope::Party,
        reason: "表决票数党内公开 (vote counts are party-internal)",
    },
    FieldPolicy {
        field: "votesAgainst",
        needs: |_| Scope::Party,
        reason: "表决票数党内公开 (vote counts are party-internal)",
    },
    FieldPolicy {
        field: "votesAbstain",
        needs: |_| Scope::Party,
        reason: "表决票数党内公开 (vote counts are party-internal)",
    },
];

/// Attendance: absence reasons are party-internal.
const ATTENDANCE_GUARDED: &[FieldPolicy<entity::attendance::Model>] = &[FieldPolicy {
    field: "absenceReason",
    needs: |_| Scope::Party,
    reason: "缺席原因党内公开 (absence reasons are party-internal)",
}];

/// Person: contact data is restricted, except leaders' phone numbers that the plan publishes.
const PERSON_GUARDED: &[FieldPolicy<entity::person::Model>] = &[
    FieldPolicy {
        field: "phone",
        needs: |p| {
            if p.phone_public {
                Scope::Public
            } else {
                Scope::Restricted
            }
        },
        reason: "个人联系方式限定范围公开；县级领导手机号码向社会公开 (contact data is restricted; leaders' phones are public)",
    },
    FieldPolicy {
        field: "email",
        needs: |_| Scope::Restricted,
        reason: "个人联系方式限定范围公开 (contact data is restricted)",
    },
    FieldPolicy {
        field: "office",
        needs: |_| Scope::Restricted,
        reason: "个人联系方式限定范围公开 (contact data is restricted)",
    },
    FieldPolicy {
        field: "gender",
        needs: |p| {
            if p.fictional {
                Scope::Restricted
            } else {
                Scope::Public
            }
        },
        reason: "个人信息依法保护 (personal details are protected)",
    },
    FieldPolicy {
        field: "ethnicity",
        needs: |p| {
            if p.fictional {
                Scope::Restricted
            } else {
                Scope::Public
            }
        },
        reason: "个人信息依法保护 (personal details are protected)",
    },
    FieldPolicy {
        field: "birthMonth",
        needs: |_| Scope::Restricted,
        reason: "个人信息依法保护 (personal details are protected)",
    },
    FieldPolicy {
        field: "education",
        needs: |_| Scope::Restricted,
        reason: "个人信息依法保护 (personal details are protected)",
    },
];

/// Whether an appointment's pre-appointment notice has started by now: the candidate's details
/// become public on the notice's first day in the county. Always the real day: a day named by a
/// query (`asOf`) or configured for the demo never opens a notice early.
fn notice_started(a: &entity::appointment::Model) -> bool {
    let today = crate::clock::county_day(chrono::Utc::now());
    a.notice_start.is_some_and(|start| start <= today)
}

fn candidate_details(a: &entity::appointment::Model) -> Scope {
    if notice_started(a) {
        Scope::Public
    } else {
        Scope::Restricted
    }
}

const CANDIDATE_REASON: &str =
    "任前公示开始后向社会公开 (public from the start of the pre-appointment notice)";

macro_rules! candidate_fields {
    ($($name:literal),+) => {
        &[$(FieldPolicy { field: $name, needs: candidate_details, reason: CANDIDATE_REASON }),+,
          FieldPolicy { field: "candidate", needs: candidate_details, reason: CANDIDATE_REASON },
          FieldPolicy {
              field: "inspectionReport",
              needs: |_| Scope::Restricted,
              reason: "考察材料限定范围公开 (inspection material is restricted)",
          },
          FieldPolicy {
              field: "objections",
              needs: |_| Scope::Restricted,
              reason: "反映意见限定范围公开 (objections are restricted)",
          }]
    };
}

/// Appointment: candidate details public from the notice; inspection and objections restricted.
const APPOINTMENT_GUARDED: &[FieldPolicy<entity::appointment::Model>] = candidate_fields!(
    "candidateName",
    "candidateGender",
    "candidateEthnicity",
    "candidateBirthMonth",
    "candidateEducation",
    "candidatePartyJoined",
    "candidateWorkStarted",
    "currentPost"
);

fn announced(c: &entity::disciplinary_case::Model) -> Scope {
    if c.announced {
        Scope::Public
    } else {
        Scope::Party
    }
}

/// Disciplinary case: the person's name and post are public only once the case was announced.
const DISCIPLINARY_CASE_GUARDED: &[FieldPolicy<entity::disciplinary_case::Model>] = &[
    FieldPolicy {
        field: "subjectName",
        needs: announced,
        reason: "通报曝光后向社会公开，此前党内公开 (public once announced; party-internal before)",
    },
    FieldPolicy {
        field: "postAtTime",
        needs: announced,
        reason: "通报曝光后向社会公开，此前党内公开 (public once announced; party-internal before)",
    },
    FieldPolicy {
        field: "subject",
        needs: announced,
        reason: "通报曝光后向社会公开，此前党内公开 (public once announced; party-internal before)",
    },
];

/// Power: a record.
pub const POWER: Policy<entity::power::Model> = Policy {
    type_name: "Power",
    record: true,
    public: &[
        "redactions",
        "code",
        "name",
        "category",
        "holder",
        "holderPost",
        "legalBasis",
        "duties",
        "accountability",
        "undertakingUnit",
        "carriers",
        "timing",
        "timingDays",
        "supervisionPhone",
        "riskLevel",
        "procedure",
        "source",
    ],
    guarded: &[],
};

/// Procedure: a record.
pub const PROCEDURE: Policy<entity::procedure::Model> = Policy {
    type_name: "Procedure",
    record: true,
    public: &[
        "redactions",
        "code",
        "name",
        "description",
        "steps",
        "edges",
        "svg",
        "powers",
        "source",
    ],
    guarded: &[],
};

/// ProcedureStep: a part of a record.
pub const PROCEDURE_STEP: Policy<entity::procedure_step::Model> = Policy {
    type_name: "ProcedureStep",
    record: false,
    public: &[
        "id",
        "key",
        "position",
        "name",
        "actor",
        "conditions",
        "timeLimitDays",
        "timeLimitNote",
        "riskPoints",
        "supervisionMeasures",
    ],
    guarded: &[],
};

/// Transition: a part of a record.
pub const TRANSITION: Policy<entity::procedure_edge::Model> = Policy {
    type_name: "Transition",
    record: false,
    public: &["fromStep", "toStep", "label"],
    guarded: &[],
};

/// RiskPoint: a part of a record.
pub const RISK_POINT: Policy<entity::risk_point::Model> = Policy {
    type_name: "RiskPoint",
    record: false,
    public: &["description", "level", "prevention"],
    guarded: &[],
};

/// SupervisionMeasure: a part of a record.
pub const SUPERVISION_MEASURE: Policy<entity::supervision_measure::Model> = Policy {
    type_name: "SupervisionMeasure",
    record: false,
    public: &["description", "channel"],
    guarded: &[],
};

/// Organization: a record.
pub const ORGANIZATION: Policy<entity::organization::Model> = Policy {
    type_name: "Organization",
    record: true,
    public: &[
        "redactions",
        "name",
        "shortName",
        "kind",
        "divisionCode",
        "description",
        "jurisdiction",
        "parent",
        "children",
        "posts",
        "powers",
        "source",
    ],
    guarded: &[],
};

/// Person: a record.
pub const PERSON: Policy<entity::person::Model> = Policy {
    type_name: "Person",
    record: true,
    public: &["name", "fictional", "memberships", "redactions", "source"],
    guarded: PERSON_GUARDED,
};

/// Post: a record.
pub const POST: Policy<entity::post::Model> = Policy {
    type_name: "Post",
    record: true,
    public: &[
        "redactions",
        "title",
        "isLeadership",
        "organization",
        "memberships",
        "source",
    ],
    guarded: &[],
};

/// Membership: a record.
pub const MEMBERSHIP: Policy<entity::membership::Model> = Policy {
    type_name: "Membership",
    record: true,
    public: &[
        "redactions",
        "person",
        "post",
        "startOn",
        "endOn",
        "note",
        "source",
    ],
    guarded: &[],
};

/// Source: a record.
pub const SOURCE: Policy<entity::source::Model> = Policy {
    type_name: "Source",
    record: true,
    public: &[
        "redactions",
        "issuer",
        "docNumber",
        "title",
        "issuedOn",
        "url",
    ],
    guarded: &[],
};

/// Meeting: a record.
pub const MEETING: Policy<entity::meeting::Model> = Policy {
    type_name: "Meeting",
    record: true,
    public: &[
        "label",
        "kind",
        "sessionNumber",
        "startsAt",
        "place",
        "status",
        "summary",
        "body",
        "chair",
        "attendance",
        "agenda",
        "decisions",
        "applicationsOpenOn",
        "applicationsCloseOn",
        "observerSeats",
        "observerDraw",
        "redactions",
        "source",
    ],
    guarded: MEETING_GUARDED,
};

/// Attendance: a part of a record.
pub const ATTENDANCE: Policy<entity::attendance::Model> = Policy {
    type_name: "Attendance",
    record: false,
    public: &[
        "person",
        "role",
        "present",
        "observerCategory",
        "redactions",
    ],
    guarded: ATTENDANCE_GUARDED,
};

/// AgendaItem: a part of a record.
pub const AGENDA_ITEM: Policy<entity::agenda_item::Model> = Policy {
    type_name: "AgendaItem",
    record: false,
    public: &["position", "title", "presenter", "summary"],
    guarded: &[],
};

/// Decision: a record.
pub const DECISION: Policy<entity::decision::Model> = Policy {
    type_name: "Decision",
    record: true,
    public: &[
        "kind",
        "title",
        "text",
        "result",
        "executionStatus",
        "meeting",
        "milestones",
        "redactions",
        "source",
    ],
    guarded: DECISION_GUARDED,
};

/// Milestone: a part of a record.
pub const MILESTONE: Policy<entity::milestone::Model> = Policy {
    type_name: "Milestone",
    record: false,
    public: &["position", "title", "dueOn", "doneOn", "status", "evidence"],
    guarded: &[],
};

/// Observer: a record.
pub const OBSERVER: Policy<entity::observer::Model> = Policy {
    type_name: "Observer",
    record: true,
    public: &[
        "redactions",
        "person",
        "category",
        "sinceOn",
        "note",
        "source",
    ],
    guarded: &[],
};

/// Appointment: a record.
pub const APPOINTMENT: Policy<entity::appointment::Model> = Policy {
    type_name: "Appointment",
    record: true,
    public: &[
        "stage",
        "outcome",
        "vacancyTitle",
        "requirements",
        "vacancyAnnouncedOn",
        "applicationDeadline",
        "organization",
        "post",
        "proposedPost",
        "inspectionStartedOn",
        "noticeStart",
        "noticeEnd",
        "complaintChannels",
        "objectionCount",
        "decidingMeeting",
        "decidedOn",
        "probationUntil",
        "redactions",
        "source",
    ],
    guarded: APPOINTMENT_GUARDED,
};

/// DisciplinaryCase: a record.
pub const DISCIPLINARY_CASE: Policy<entity::disciplinary_case::Model> = Policy {
    type_name: "DisciplinaryCase",
    record: true,
    public: &[
        "caseNumber",
        "rank",
        "violationCategory",
        "summary",
        "amountYuan",
        "partySanction",
        "probationYears",
        "governmentSanction",
        "decidedOn",
        "decidingBody",
        "transferredToProsecutors",
        "announced",
        "announcedOn",
        "redactions",
        "source",
    ],
    guarded: DISCIPLINARY_CASE_GUARDED,
};

/// Bulletin: a record.
pub const BULLETIN: Policy<entity::bulletin::Model> = Policy {
    type_name: "Bulletin",
    record: true,
    public: &[
        "title",
        "crawl",
        "body",
        "category",
        "related",
        "embargoUntil",
        "redactions",
        "source",
    ],
    guarded: &[],
};
