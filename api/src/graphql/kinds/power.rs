//! Powers (权力清单): what the API declares of this kind, in one place: its feed and field policies,
//! its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use entity::enums::RecordKind;
use sea_orm::ActiveValue::{self, Set};

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, phone};
use crate::graphql::enums::{Carrier, DisclosureTiming, PowerCategory, RiskLevel, Scope};
use crate::graphql::{
    filters::{PowerFilter, PowerOrder},
    kinds::{Feed, Kind, Policies, References},
};

pub use crate::graphql::types::Power;

impl Kind for entity::power::Entity {
    const LIST: &'static str = "powers";
    const FEED: Feed = Feed {
        title: "权力清单",
        untitled: "职权",
        selection: "title: name summary: duties",
    };
    const POLICIES: Policies = &[&policy::POWER];
    const REFERENCES: References = &[
        ("holderOrganization", RecordKind::Organization),
        ("holderPost", RecordKind::Post),
        ("procedure", RecordKind::Procedure),
    ];
    type Input = PowerInput;
}

/// Fields of a power (职权).
#[derive(InputObject)]
pub struct PowerInput {
    /// Code in the catalogue, unique.
    pub code: Option<String>,
    /// Name, e.g. 县管科级领导干部任免权.
    pub name: Option<String>,
    /// Category.
    pub category: Option<PowerCategory>,
    /// The organization holding the power.
    pub holder_organization: Option<ID>,
    /// The post holding the power, if one does.
    pub holder_post: MaybeUndefined<ID>,
    /// Legal basis (依据).
    pub legal_basis: Option<String>,
    /// Duties (责任事项).
    pub duties: Option<String>,
    /// Accountability cases (追责情形).
    pub accountability: Option<String>,
    /// Undertaking unit (承办单位).
    pub undertaking_unit: Option<String>,
    /// Disclosure carriers (公开载体), at least one.
    pub carriers: Option<Vec<Carrier>>,
    /// Disclosure timing (公开时间).
    pub timing: Option<DisclosureTiming>,
    /// For WITHIN_WORKING_DAYS: the number of working days, 1 to 365.
    pub timing_days: MaybeUndefined<i32>,
    /// Supervision phone (监督电话).
    pub supervision_phone: MaybeUndefined<String>,
    /// Risk level.
    pub risk_level: Option<RiskLevel>,
    /// Its procedure (流程图).
    pub procedure: MaybeUndefined<ID>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// Documents on the record, in order, each uploaded first (`POST /documents`); replaces
    /// the stored list.
    pub attachments: Option<Vec<crate::graphql::edit::AttachmentInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::power::Entity> for PowerInput {
    fn apply(self, a: &mut entity::power::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.code, "input.code", self.code, 64)?;
        if let ActiveValue::Set(code) = &a.code {
            w.plan.checks.push(crate::store::edit::Check::Unique {
                path: "input.code".into(),
                table: "powers",
                column: "code",
                value: code.clone(),
            });
        }
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.set(&mut a.category, self.category.map(Into::into));
        w.id(
            &mut a.holder_org_id,
            "input.holderOrganization",
            RecordKind::Organization,
            self.holder_organization,
        )?;
        w.opt_id(
            &mut a.holder_post_id,
            "input.holderPost",
            RecordKind::Post,
            self.holder_post,
        )?;
        w.text(
            &mut a.legal_basis,
            "input.legalBasis",
            self.legal_basis,
            MAX_TEXT,
        )?;
        w.text(&mut a.duties, "input.duties", self.duties, MAX_TEXT)?;
        w.text(
            &mut a.accountability,
            "input.accountability",
            self.accountability,
            MAX_TEXT,
        )?;
        w.text(
            &mut a.undertaking_unit,
            "input.undertakingUnit",
            self.undertaking_unit,
            MAX_NAME,
        )?;
        if let Some(carriers) = self.carriers {
            let mut names: Vec<String> = Vec::new();
            for c in carriers {
                let value = sea_orm::ActiveEnum::to_value(&entity::enums::Carrier::from(c));
                if !names.contains(&value) {
                    names.push(value);
                }
            }
            a.carriers = Set(names.join(","));
        }
        w.set(&mut a.timing, self.timing.map(Into::into));
        let days = w.number("input.timingDays", self.timing_days, 1..=365)?;
        w.set_opt(&mut a.timing_days, days);
        let phone = phone("input.supervisionPhone", self.supervision_phone)?;
        w.opt_text(
            &mut a.supervision_phone,
            "input.supervisionPhone",
            phone,
            32,
        )?;
        w.set(&mut a.risk_level, self.risk_level.map(Into::into));
        w.opt_id(
            &mut a.procedure_id,
            "input.procedure",
            RecordKind::Procedure,
            self.procedure,
        )?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "PowerQueries": entity::power::Entity => Power;
    /// The power catalogue (权力清单).
    powers(filter: PowerFilter, order_by: PowerOrder);
    /// One power by id.
    power(id);
}

crate::graphql::edit::writes! {
    "PowerWrites": entity::power::Entity, PowerInput, "Power", "power",
    create_power, update_power, correct_power
}

crate::store::edit::editable! {
    power: "power" requires [
        ("input.code", "code"), ("input.name", "name"), ("input.category", "category"),
        ("input.holderOrganization", "holder_org_id"), ("input.legalBasis", "legal_basis"),
        ("input.duties", "duties"), ("input.accountability", "accountability"),
        ("input.undertakingUnit", "undertaking_unit"), ("input.carriers", "carriers"),
        ("input.timing", "timing"), ("input.riskLevel", "risk_level"),
    ] rules crate::store::rules::power
}

impl crate::search::Searchable for entity::power::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::POWER,
            &[
                ("name", Some(m.name.clone()), true),
                ("code", Some(m.code.clone()), true),
                ("legalBasis", Some(m.legal_basis.clone()), false),
                ("duties", Some(m.duties.clone()), false),
                ("accountability", Some(m.accountability.clone()), false),
                ("undertakingUnit", Some(m.undertaking_unit.clone()), false),
            ],
        )
    }
}
