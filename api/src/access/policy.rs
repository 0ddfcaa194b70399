//! Field policies: for each GraphQL type, the fields that need more than PUBLIC, in one table per
//! type. A field the caller may not see is `null` and is named in the object's `redactions`.

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

/// A record the caller may see, with the widest scope of content the caller may see on it.
#[derive(Clone, Debug)]
pub struct Scoped<M> {
    /// The row.
    pub model: M,
    /// What the caller may see on this record.
    pub clearance: Scope,
    /// Where a non-public field served from this record is noted, when the request keeps an
    /// access log (see [`crate::access_log`]).
    pub witness: Option<Witness>,
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
            model,
            clearance,
            witness: None,
        }
    }

    /// `value` if the caller may see `field` on this record, else `None`. A value served from
    /// a field that needs more than PUBLIC is noted in the request's access log.
    ///
    /// A field with no entry in `table` is PUBLIC.
    pub fn field<T: Presence>(
        &self,
        table: &[FieldPolicy<M>],
        field: &str,
        value: impl FnOnce(&M) -> T,
    ) -> Option<T> {
        let needs = table
            .iter()
            .find(|p| p.field == field)
            .map(|p| (p.needs)(&self.model));
        if needs.is_some_and(|n| n > self.clearance) {
            return None;
        }
        let value = value(&self.model);
        if let Some(witness) = &self.witness
            && needs.is_some_and(|n| n > Scope::Public)
            && value.present()
        {
            witness.note();
        }
        Some(value)
    }

    /// Every field of `table` hidden from the caller on this record.
    pub fn redactions(&self, table: &[FieldPolicy<M>]) -> Vec<Redaction> {
        table
            .iter()
            .filter_map(|p| {
                let required = (p.needs)(&self.model);
                (required > self.clearance).then_some(Redaction {
                    field: p.field,
                    required,
                    reason: p.reason,
                })
            })
            .collect()
    }
}

/// Meeting: minutes are party-internal.
pub const MEETING: &[FieldPolicy<entity::meeting::Model>] = &[FieldPolicy {
    field: "minutes",
    needs: |_| Scope::Party,
    reason: "会议纪要党内公开 (meeting minutes are party-internal)",
}];

/// Decision: vote counts are party-internal.
pub const DECISION: &[FieldPolicy<entity::decision::Model>] = &[
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
pub const ATTENDANCE: &[FieldPolicy<entity::attendance::Model>] = &[FieldPolicy {
    field: "absenceReason",
    needs: |_| Scope::Party,
    reason: "缺席原因党内公开 (absence reasons are party-internal)",
}];

/// Person: contact data is restricted, except leaders' phone numbers that the plan publishes.
pub const PERSON: &[FieldPolicy<entity::person::Model>] = &[
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
/// become public on the notice's first day.
fn notice_started(a: &entity::appointment::Model) -> bool {
    let today = chrono::Utc::now().date_naive();
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
pub const APPOINTMENT: &[FieldPolicy<entity::appointment::Model>] = candidate_fields!(
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
pub const DISCIPLINARY_CASE: &[FieldPolicy<entity::disciplinary_case::Model>] = &[
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
