//! The demo county: 门源回族自治县 (division code 632221) during the 2011 pilot of
//! 县委权力公开透明运行, as a newcomer sees it after `cargo run`.
//!
//! It holds the bodies of the county as a tree, the leading group exactly as section 六 of the
//! implementation plan (中共门源县委, 2011-01-10) names it, the six flowcharts the plan lists as
//! real graphs, a power catalogue across every category, the meetings of 2011 with attendance,
//! agenda, decisions and their execution, the observer pool, appointments at every stage and
//! disciplinary cases, with every disclosure scope and publication state represented.
//!
//! Real names appear only as the plan gives them, in the roles it gives them (陈鹏, 马应寿, 任正德,
//! 李柏林, 董国占, 景占旭). Every other person is fictional (`fictional = true`); disciplined
//! people appear in the customary 某 form; every phone number (0970-0000xxx) and e-mail address
//! (example.org) is a placeholder. All times are fixed Beijing times of 2010–2011 stored as UTC,
//! and rows are inserted in a fixed order, so SQLite and PostgreSQL get the same rows and ids.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc, Weekday};
use entity::enums::{
    AppointmentOutcome as Out, AppointmentStage as Stage, AttendanceRole, BulletinCategory as Bc,
    Carrier, DecisionKind as Dk, DecisionResult as Dr, DisclosureTiming as Timing,
    ExecutionStatus as Ex, GovernmentSanction as Gov, MeetingKind as Mk, MeetingStatus as Ms,
    ObserverCategory as Oc, OrganizationKind as OrgKind, PartySanction as Party,
    PowerCategory as Cat, PublicationStatus, RecordKind, RiskLevel, Scope, ViolationCategory as Vc,
};
use entity::{
    agenda_item, appointment, attendance, bulletin, decision, disciplinary_case, meeting,
    membership, milestone, observer, organization, person, post, power, procedure, procedure_edge,
    procedure_step, record_audience, risk_point, source, supervision_measure,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter,
    sea_query::Expr,
};

// ---------------------------------------------------------------------------------------------
// Vocabulary shorthands for the tables below
// ---------------------------------------------------------------------------------------------

/// A calendar day as (year, month, day).
type Ymd = (i32, u32, u32);

const PUB: Scope = Scope::Public;
const PTY: Scope = Scope::Party;
const RES: Scope = Scope::Restricted;

const LOW: RiskLevel = RiskLevel::Low;
const MED: RiskLevel = RiskLevel::Medium;
const HIGH: RiskLevel = RiskLevel::High;

/// Where a record stands in the 提出 → 审核 → 审批 → 实施 procedure.
#[derive(Clone, Copy)]
enum Life {
    /// Published, version 1.
    Live,
    /// Published, then corrected (更正) on the given day: version 2.
    Revised(Ymd),
    Draft,
    Submitted,
    Approved,
    /// Published, then retracted (撤回) on the given day.
    Retracted(Ymd),
}

use Life::{Approved, Draft, Live, Retracted, Revised, Submitted};

/// The supervision phone of the leading-group office (placeholder).
const OFFICE_PHONE: &str = "0970-0000100";
/// The complaint channels every 任前公示 names.
const COMPLAINTS: &str = "12380举报电话（含短信、网站）、县委组织部干部监督科 0970-0000200、来信来访（县委组织部干部监督科）";

// ---------------------------------------------------------------------------------------------
// Small helpers: dates, times, the columns every publishable record shares
// ---------------------------------------------------------------------------------------------

fn date((y, m, d): Ymd) -> Result<NaiveDate, DbErr> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DbErr::Custom(format!("demo county: no such date {y}-{m:02}-{d:02}")))
}

fn opt_date(day: Option<Ymd>) -> Result<Option<NaiveDate>, DbErr> {
    day.map(date).transpose()
}

/// A Beijing wall-clock time (UTC+8) on `day`, as the UTC instant that is stored.
fn beijing(day: NaiveDate, hour: u32, minute: u32) -> Result<DateTime<Utc>, DbErr> {
    let local = day
        .and_hms_opt(hour, minute, 0)
        .ok_or_else(|| DbErr::Custom(format!("demo county: no such time {hour:02}:{minute:02}")))?;
    Ok(local.and_utc() - TimeDelta::hours(8))
}

/// The first working day (Monday to Friday) on or after `day`.
fn workday_from(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + TimeDelta::days(2),
        Weekday::Sun => day + TimeDelta::days(1),
        _ => day,
    }
}

/// The columns every publishable record carries.
#[derive(Clone, Copy)]
struct Meta {
    scope: Scope,
    status: PublicationStatus,
    publish_at: Option<DateTime<Utc>>,
    version: i32,
    owner: Option<i64>,
    source: Option<i64>,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
}

impl Meta {
    /// A record of `scope` whose life centres on `on`: entered two days before, published
    /// (when it is) at 10:00 that day, corrected or retracted later where its life says so.
    fn new(
        scope: Scope,
        life: Life,
        on: NaiveDate,
        owner: Option<i64>,
        source: Option<i64>,
    ) -> Result<Self, DbErr> {
        let at = beijing(on, 10, 0)?;
        let created = beijing(on - TimeDelta::days(2), 9, 0)?;
        let (status, publish_at, version, updated) = match life {
            Live => (PublicationStatus::Published, Some(at), 1, at),
            Revised(day) => (
                PublicationStatus::Published,
                Some(at),
                2,
                beijing(date(day)?, 16, 30)?,
            ),
            Draft => (PublicationStatus::Draft, None, 1, at),
            Submitted => (PublicationStatus::Submitted, None, 1, at),
            Approved => (PublicationStatus::Approved, None, 1, at),
            Retracted(day) => (
                PublicationStatus::Retracted,
                Some(at),
                1,
                beijing(date(day)?, 16, 30)?,
            ),
        };
        Ok(Self {
            scope,
            status,
            publish_at,
            version,
            owner,
            source,
            created,
            updated,
        })
    }
}

/// An ActiveModel of a publishable entity: `id` left to the database, the listed fields set,
/// and the shared columns taken from a [`Meta`].
macro_rules! record {
    ($module:ident, $meta:expr, { $($field:ident: $value:expr),* $(,)? }) => {{
        let meta: Meta = $meta;
        $module::ActiveModel {
            id: NotSet,
            $($field: Set($value),)*
            scope: Set(meta.scope),
            status: Set(meta.status),
            publish_at: Set(meta.publish_at),
            version: Set(meta.version),
            owner_org_id: Set(meta.owner),
            source_id: Set(meta.source),
            created_at: Set(meta.created),
            updated_at: Set(meta.updated),
        }
    }};
}

fn owned(text: Option<&str>) -> Option<String> {
    text.map(str::to_owned)
}

// ---------------------------------------------------------------------------------------------
// Sources: the documents behind the records
// ---------------------------------------------------------------------------------------------

struct SourceRow {
    key: &'static str,
    issuer: &'static str,
    number: Option<&'static str>,
    title: &'static str,
    issued: Option<Ymd>,
    scope: Scope,
    life: Life,
    on: Ymd,
    owner: &'static str,
    cites: Option<&'static str>,
    audience: &'static [&'static str],
}

/// Sources, in insertion order (a source cites only earlier ones). The provincial notice and
/// the implementation plan are real; the county's numbered documents are the ones the plan
/// calls for, with plausible 文号.
const SOURCES: &[SourceRow] = &[
    SourceRow {
        key: "青发24号",
        issuer: "中共青海省委",
        number: Some("青发〔2010〕24号"),
        title: "印发《青海省县委权力公开透明运行试点工作方案》的通知",
        issued: None,
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        owner: "领导小组办",
        cites: None,
        audience: &[],
    },
    SourceRow {
        key: "实施方案",
        issuer: "中共门源县委",
        number: None,
        title: "中共门源县委关于开展县委权力公开透明运行试点工作的实施方案",
        issued: Some((2011, 1, 10)),
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        owner: "县委办",
        cites: Some("青发24号"),
        audience: &[],
    },
    SourceRow {
        key: "职权意见",
        issuer: "中共门源县委",
        number: Some("门发〔2011〕6号"),
        title: "中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见",
        issued: Some((2011, 3, 10)),
        scope: PUB,
        life: Live,
        on: (2011, 3, 14),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "禁酒令通报",
        issuer: "中共门源县纪委",
        number: Some("门纪发〔2011〕5号"),
        title: "关于违反工作日禁酒令典型问题的通报",
        issued: Some((2011, 3, 30)),
        scope: PUB,
        life: Live,
        on: (2011, 3, 31),
        owner: "纪委",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "空缺预告",
        issuer: "中共门源县委组织部",
        number: Some("门组发〔2011〕7号"),
        title: "门源县科级领导空缺职位预告和考察对象述职述廉制度（试行）",
        issued: Some((2011, 3, 22)),
        scope: PUB,
        life: Live,
        on: (2011, 3, 24),
        owner: "组织部",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "领导班子规则",
        issuer: "中共门源县委",
        number: Some("门发〔2011〕9号"),
        title: "中共门源县委领导班子工作规则",
        issued: Some((2011, 4, 8)),
        scope: PTY,
        life: Live,
        on: (2011, 4, 11),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "大额资金办法",
        issuer: "中共门源县委",
        number: Some("门发〔2011〕10号"),
        title: "门源县大额资金使用管理办法",
        issued: Some((2011, 4, 15)),
        scope: PUB,
        life: Live,
        on: (2011, 4, 18),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "职权目录第一批",
        issuer: "中共门源县委办公室",
        number: Some("门办发〔2011〕9号"),
        title: "关于公布县委职权目录（第一批）的通知",
        issued: Some((2011, 4, 21)),
        scope: PUB,
        life: Retracted((2011, 4, 29)),
        on: (2011, 4, 22),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "职权目录",
        issuer: "中共门源县委",
        number: Some("门发〔2011〕11号"),
        title: "中共门源县委关于印发《县委职权目录》和职权运行流程图的通知",
        issued: Some((2011, 4, 29)),
        scope: PUB,
        life: Revised((2011, 6, 20)),
        on: (2011, 5, 3),
        owner: "领导小组办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "列席旁听",
        issuer: "中共门源县委办公室",
        number: Some("门办发〔2011〕14号"),
        title: "县委常委会列席旁听制度",
        issued: Some((2011, 5, 4)),
        scope: PUB,
        life: Live,
        on: (2011, 5, 5),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "一述双评",
        issuer: "中共门源县委",
        number: Some("门发〔2011〕13号"),
        title: "关于实行“一述双评三监督”制度的意见",
        issued: Some((2011, 5, 12)),
        scope: PUB,
        life: Live,
        on: (2011, 5, 16),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "全程记实",
        issuer: "中共门源县委组织部",
        number: Some("门组发〔2011〕15号"),
        title: "门源县干部选拔任用工作全程记实办法（试行）",
        issued: Some((2011, 6, 2)),
        scope: RES,
        life: Live,
        on: (2011, 6, 7),
        owner: "组织部",
        cites: Some("空缺预告"),
        audience: &["组织部", "纪委"],
    },
    SourceRow {
        key: "案件审理规程",
        issuer: "中共门源县纪委",
        number: None,
        title: "县纪委案件审理工作规程（内部）",
        issued: Some((2011, 2, 28)),
        scope: RES,
        life: Live,
        on: (2011, 3, 2),
        owner: "纪委",
        cites: None,
        audience: &["纪委"],
    },
    SourceRow {
        key: "社会监督员",
        issuer: "中共门源县委办公室",
        number: Some("门办发〔2011〕21号"),
        title: "县委党务工作社会监督员制度",
        issued: Some((2011, 6, 15)),
        scope: PUB,
        life: Approved,
        on: (2011, 6, 17),
        owner: "县委办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "案件通报",
        issuer: "中共门源县纪委",
        number: Some("门纪发〔2011〕12号"),
        title: "关于2011年上半年全县违纪违法案件查处情况的通报",
        issued: Some((2011, 7, 22)),
        scope: PTY,
        life: Live,
        on: (2011, 7, 25),
        owner: "纪委",
        cites: None,
        audience: &[],
    },
    SourceRow {
        key: "党务公开办法",
        issuer: "中共门源县委",
        number: None,
        title: "中共门源县委党务公开实施办法（征求意见稿）",
        issued: None,
        scope: PTY,
        life: Draft,
        on: (2011, 10, 20),
        owner: "领导小组办",
        cites: Some("实施方案"),
        audience: &[],
    },
    SourceRow {
        key: "试点总结",
        issuer: "中共门源县委",
        number: None,
        title: "门源县县委权力公开透明运行试点工作总结报告（送审稿）",
        issued: None,
        scope: PUB,
        life: Submitted,
        on: (2011, 11, 25),
        owner: "领导小组办",
        cites: Some("实施方案"),
        audience: &[],
    },
];

// ---------------------------------------------------------------------------------------------
// Organizations: the bodies of the county, as a tree
// ---------------------------------------------------------------------------------------------

struct OrgRow {
    key: &'static str,
    name: &'static str,
    short: Option<&'static str>,
    kind: OrgKind,
    parent: Option<&'static str>,
    /// Whether the body is a county-level organ (division code 632221).
    county: bool,
    description: &'static str,
    scope: Scope,
    life: Life,
    on: Ymd,
    owner: &'static str,
    source: Option<&'static str>,
    audience: &'static [&'static str],
}

const fn org(
    key: &'static str,
    name: &'static str,
    short: Option<&'static str>,
    kind: OrgKind,
    parent: Option<&'static str>,
    description: &'static str,
) -> OrgRow {
    OrgRow {
        key,
        name,
        short,
        kind,
        parent,
        county: true,
        description,
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        owner: "县委办",
        source: Some("实施方案"),
        audience: &[],
    }
}

impl OrgRow {
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        OrgRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        OrgRow { life, on, ..self }
    }
    const fn owned_by(self, owner: &'static str) -> Self {
        OrgRow { owner, ..self }
    }
    const fn township(self) -> Self {
        OrgRow {
            county: false,
            source: None,
            ..self
        }
    }
}

/// Organizations, parents before children.
const ORGANIZATIONS: &[OrgRow] = &[
    org("党代会", "中国共产党门源回族自治县代表大会", Some("县党代会"), OrgKind::PartyCongress, None,
        "县的党的领导机关，每五年举行一次。听取和审查县委、县纪委的报告，讨论和决定本县范围内的重大问题，选举县委和县纪委。试点期间探索实行党代会常任制和党代表任期制。"),
    org("全委会", "中国共产党门源回族自治县委员会全体会议", Some("县委全委会"), OrgKind::Plenary, Some("党代会"),
        "在县党代会闭会期间领导全县工作，讨论决定全县经济社会发展和党的建设中的全局性重大问题，听取和审议县委常委会工作报告。"),
    org("常委会", "中国共产党门源回族自治县委员会常务委员会", Some("县委常委会"), OrgKind::StandingCommittee, Some("全委会"),
        "在县委全委会闭会期间行使县委职权，主持经常工作。县人大常委会主任、县政协主席全程列席常委会会议。"),
    org("纪委", "中国共产党门源回族自治县纪律检查委员会", Some("县纪委"), OrgKind::DisciplineCommission, Some("党代会"),
        "县的党内监督专门机关，在县委和上级纪委双重领导下工作。县委权力公开透明运行试点工作领导小组办公室设在县纪委。"),
    org("县委办", "中共门源县委办公室", Some("县委办"), OrgKind::Department, Some("常委会"),
        "县委综合办事机构，负责县委会议组织、文电、督查、保密和机要工作，承担常委会列席旁听的组织工作。"),
    org("组织部", "中共门源县委组织部", Some("县委组织部"), OrgKind::Department, Some("常委会"),
        "主管全县党的组织建设和干部工作，承办干部选拔任用、科级领导空缺职位预告和干部监督工作。"),
    org("宣传部", "中共门源县委宣传部", Some("县委宣传部"), OrgKind::Department, Some("常委会"),
        "主管全县宣传思想工作，负责县委新闻发布和县电视台县委权力公开透明运行专栏。"),
    org("统战部", "中共门源县委统一战线工作部", Some("县委统战部"), OrgKind::Department, Some("常委会"),
        "主管全县统一战线工作，协调民族宗教工作中的重大事项。"),
    org("政法委", "中共门源县委政法委员会", Some("县委政法委"), OrgKind::Department, Some("常委会"),
        "领导和协调全县政法工作，负责维护社会稳定和社会管理综合治理。"),
    org("人大", "门源回族自治县人民代表大会常务委员会", Some("县人大常委会"), OrgKind::PeoplesCongress, None,
        "县人民代表大会的常设机关。"),
    org("政府", "门源回族自治县人民政府", Some("县政府"), OrgKind::Government, None,
        "县的国家行政机关。重大事项实行政府议决、县委审定，县委可行使否决权。"),
    org("政协", "中国人民政治协商会议门源回族自治县委员会", Some("县政协"), OrgKind::Cppcc, None,
        "县的政治协商机构，开展政治协商、民主监督和参政议政。"),
    org("领导小组", "县委权力公开透明运行试点工作领导小组", Some("领导小组"), OrgKind::LeadingGroup, Some("常委会"),
        "组长陈鹏，第一副组长马应寿，常务副组长任正德，副组长李柏林、董国占、景占旭；成员由县四大班子办公室和县委各职能部门负责同志组成。"),
    org("领导小组办", "县委权力公开透明运行试点工作领导小组办公室", Some("领导小组办公室"), OrgKind::Other, Some("纪委"),
        "设在县纪委，董国占同志兼任办公室主任，抽调人员集中办公，具体负责公开工作；下设综合组、宣传报道组、后勤保障组。")
        .owned_by("领导小组办"),
    org("综合组", "领导小组办公室综合组", Some("综合组"), OrgKind::Other, Some("领导小组办"),
        "负责职权清理汇总、制度起草、意见建议收集和督查通报。")
        .owned_by("领导小组办"),
    org("宣传组", "领导小组办公室宣传报道组", Some("宣传报道组"), OrgKind::Other, Some("领导小组办"),
        "负责门源县委权力公开透明运行网和电视专栏的内容编发。")
        .owned_by("领导小组办"),
    org("后勤组", "领导小组办公室后勤保障组", Some("后勤保障组"), OrgKind::Other, Some("领导小组办"),
        "负责集中办公人员、经费和设备保障。")
        .owned_by("领导小组办"),
    org("信访室", "县纪委信访室", None, OrgKind::Other, Some("纪委"),
        "受理党员群众来信来访和监督电话，管理问题线索。")
        .owned_by("纪委")
        .scoped(PTY, &[]),
    org("案件审理室", "县纪委案件审理室", None, OrgKind::Other, Some("纪委"),
        "审核违纪案件的事实、定性和处理意见，实行审调分离。")
        .owned_by("纪委")
        .scoped(PTY, &[]),
    org("督查室", "中共门源县委督查室", None, OrgKind::Other, Some("县委办"),
        "对县委重大决策部署的执行情况进行督促检查，按月通报。")
        .scoped(PTY, &[]),
    org("保密办", "中共门源县委保密委员会办公室", Some("县委保密办"), OrgKind::Other, Some("县委办"),
        "承担党务公开事项的保密审查。")
        .scoped(RES, &["县委办"]),
    org("干部监督科", "县委组织部干部监督科", None, OrgKind::Other, Some("组织部"),
        "受理干部选拔任用方面的举报，核查任前公示期间反映的问题。")
        .owned_by("组织部")
        .scoped(PTY, &[]),
    org("财政局", "门源回族自治县财政局", Some("县财政局"), OrgKind::Other, Some("政府"),
        "县政府工作部门，负责财政预算和大额资金的审核、拨付与监管。"),
    org("发改局", "门源回族自治县发展和改革局", Some("县发改局"), OrgKind::Other, Some("政府"),
        "县政府工作部门，负责重大项目的立项、论证和竣工验收。"),
    org("审计局", "门源回族自治县审计局", Some("县审计局"), OrgKind::Other, Some("政府"),
        "县政府工作部门，负责财政资金和重大项目的审计监督。"),
    org("浩门镇", "浩门镇", None, OrgKind::Township, None, "县城所在地，镇党委、镇政府。").township(),
    org("青石嘴镇", "青石嘴镇", None, OrgKind::Township, None, "镇党委、镇政府。").township(),
    org("泉口镇", "泉口镇", None, OrgKind::Township, None, "镇党委、镇政府。").township(),
    org("东川镇", "东川镇", None, OrgKind::Township, None, "镇党委、镇政府。").township(),
    org("仙米乡", "仙米乡", None, OrgKind::Township, None, "乡党委、乡政府。").township(),
    org("珠固乡", "珠固乡", None, OrgKind::Township, None, "乡党委、乡政府。").township(),
    org("网编部", "门源县委权力公开透明运行网编辑部", None, OrgKind::Other, Some("宣传组"),
        "2011年6月撤并入宣传报道组。")
        .owned_by("领导小组办")
        .life(Retracted((2011, 6, 1)), (2011, 2, 14)),
    org("监督员联络室", "县委党务工作社会监督员联络室", None, OrgKind::Other, Some("县委办"),
        "联系县委党务工作社会监督员，汇总监督意见。")
        .life(Approved, (2011, 6, 20)),
    org("常任制办", "县党代会常任制试点工作办公室", None, OrgKind::Other, Some("组织部"),
        "筹备党代会常任制和党代表任期制试点，承办党代表提案和“双向约见”。")
        .owned_by("组织部")
        .life(Submitted, (2011, 9, 26)),
    org("发言人办", "县委新闻发言人办公室", None, OrgKind::Other, Some("宣传部"),
        "承办县委新闻发言人制度的日常工作。")
        .life(Draft, (2011, 11, 21)),
];

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

struct PersonRow {
    name: &'static str,
    gender: Option<&'static str>,
    ethnicity: Option<&'static str>,
    birth: Option<&'static str>,
    education: Option<&'static str>,
    phone: Option<&'static str>,
    phone_public: bool,
    email: Option<&'static str>,
    office: Option<&'static str>,
    fictional: bool,
    scope: Scope,
    life: Life,
    on: Ymd,
    owner: &'static str,
    audience: &'static [&'static str],
}

/// A leader named in section 六 of the plan: name, placeholder phone, nothing else.
const fn real(name: &'static str, phone: &'static str) -> PersonRow {
    PersonRow {
        name,
        gender: None,
        ethnicity: None,
        birth: None,
        education: None,
        phone: Some(phone),
        phone_public: true,
        email: None,
        office: None,
        fictional: false,
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        owner: "县委办",
        audience: &[],
    }
}

/// A fictional person: name, gender, ethnicity, birth month, education.
const fn fict(
    name: &'static str,
    gender: &'static str,
    ethnicity: &'static str,
    birth: &'static str,
    education: &'static str,
) -> PersonRow {
    PersonRow {
        name,
        gender: Some(gender),
        ethnicity: Some(ethnicity),
        birth: Some(birth),
        education: Some(education),
        phone: None,
        phone_public: false,
        email: None,
        office: None,
        fictional: true,
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        owner: "组织部",
        audience: &[],
    }
}

impl PersonRow {
    /// A county leader: the plan makes the phone public.
    const fn leader(self, phone: &'static str, office: &'static str) -> Self {
        PersonRow {
            phone: Some(phone),
            phone_public: true,
            office: Some(office),
            owner: "县委办",
            ..self
        }
    }
    /// Contact data that stays unpublished.
    const fn contact(
        self,
        phone: &'static str,
        email: Option<&'static str>,
        office: Option<&'static str>,
    ) -> Self {
        PersonRow {
            phone: Some(phone),
            phone_public: false,
            email,
            office,
            ..self
        }
    }
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        PersonRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        PersonRow { life, on, ..self }
    }
    const fn owned_by(self, owner: &'static str) -> Self {
        PersonRow { owner, ..self }
    }
}

const PEOPLE: &[PersonRow] = &[
    // The leading group as section 六 of the plan names it.
    real("陈鹏", "0970-0000001"),
    real("马应寿", "0970-0000002"),
    real("任正德", "0970-0000003"),
    real("李柏林", "0970-0000004"),
    real("董国占", "0970-0000005"),
    real("景占旭", "0970-0000006"),
    // Fictional county leaders.
    fict("赵建华", "男", "汉族", "1963-05", "大学本科").leader("0970-0000007", "县委机关办公楼"),
    fict("韩明德", "男", "回族", "1964-11", "中央党校大学")
        .leader("0970-0000008", "县委机关办公楼"),
    fict("王立新", "男", "汉族", "1966-02", "大学本科").leader("0970-0000009", "县政府办公楼"),
    fict("孙海燕", "女", "汉族", "1970-08", "研究生").leader("0970-0000010", "县委机关办公楼"),
    fict("冶成福", "男", "回族", "1967-04", "大学本科").leader("0970-0000011", "县政府办公楼"),
    fict("贾建国", "男", "汉族", "1965-09", "大学本科").leader("0970-0000012", "县政府办公楼"),
    fict("才让加", "男", "藏族", "1969-01", "大学本科").leader("0970-0000013", "县政府办公楼"),
    fict("马文清", "男", "回族", "1956-09", "大专").leader("0970-0000014", "县人大常委会办公楼"),
    fict("祁永福", "男", "土族", "1957-12", "大专").leader("0970-0000015", "县政协办公楼"),
    // Fictional staff of the county organs.
    fict("马占林", "男", "回族", "1968-03", "大学本科").contact(
        "0970-0000021",
        Some("ma.zhanlin@example.org"),
        Some("县纪委"),
    ),
    fict("张德明", "男", "汉族", "1969-07", "大学本科").contact(
        "0970-0000022",
        Some("zhang.deming@example.org"),
        Some("县委组织部"),
    ),
    fict("李秀英", "女", "汉族", "1975-10", "大学本科")
        .contact(
            "0970-0000023",
            Some("li.xiuying@example.org"),
            Some("领导小组办公室综合组"),
        )
        .owned_by("领导小组办"),
    fict("才让卓玛", "女", "藏族", "1980-04", "大学本科")
        .contact(
            "0970-0000024",
            Some("cairang.zhuoma@example.org"),
            Some("领导小组办公室宣传报道组"),
        )
        .owned_by("领导小组办"),
    fict("鲁永刚", "男", "土族", "1972-01", "大专")
        .contact("0970-0000025", None, Some("领导小组办公室后勤保障组"))
        .owned_by("领导小组办")
        .scoped(PTY, &[]),
    fict("冶秀兰", "女", "回族", "1970-09", "大学本科").contact(
        "0970-0000026",
        Some("ye.xiulan@example.org"),
        Some("县财政局"),
    ),
    fict("贺建军", "男", "汉族", "1968-12", "大学本科").contact(
        "0970-0000027",
        Some("he.jianjun@example.org"),
        Some("县发展和改革局"),
    ),
    fict("杨建民", "男", "汉族", "1971-06", "大学本科")
        .contact("0970-0000028", None, Some("县纪委案件审理室"))
        .owned_by("纪委")
        .scoped(PTY, &[]),
    fict("马建忠", "男", "回族", "1966-10", "大学本科").contact(
        "0970-0000031",
        None,
        Some("浩门镇"),
    ),
    fict("李国栋", "男", "汉族", "1970-03", "大学本科").contact(
        "0970-0000032",
        None,
        Some("青石嘴镇"),
    ),
    fict("祁德全", "男", "土族", "1968-08", "大专").contact("0970-0000033", None, Some("泉口镇")),
    fict("多杰才旦", "男", "藏族", "1971-12", "大学本科").contact(
        "0970-0000034",
        None,
        Some("东川镇"),
    ),
    fict("索南才让", "男", "藏族", "1969-05", "大专").contact("0970-0000035", None, Some("仙米乡")),
    fict("何海龙", "男", "汉族", "1973-02", "大学本科").contact(
        "0970-0000036",
        None,
        Some("珠固乡"),
    ),
    // Fictional candidates of appointments.
    fict("马国庆", "男", "回族", "1976-10", "大学本科")
        .contact("0970-0000041", None, None)
        .scoped(RES, &["组织部"]),
    fict("李静", "女", "汉族", "1979-03", "大学本科").contact("0970-0000042", None, None),
    fict("韩永平", "男", "回族", "1977-08", "大专").contact("0970-0000043", None, None),
    fict("马秀芳", "女", "回族", "1977-05", "大学本科").contact("0970-0000044", None, None),
    fict("王海军", "男", "汉族", "1972-09", "大学本科").contact("0970-0000045", None, None),
    fict("才让多杰", "男", "藏族", "1974-11", "大学本科").contact("0970-0000046", None, None),
    fict("刘玉梅", "女", "汉族", "1978-01", "大学本科")
        .contact("0970-0000047", None, None)
        .life(Revised((2011, 3, 21)), (2011, 3, 14)),
    fict("周建平", "男", "汉族", "1976-05", "大学本科")
        .contact("0970-0000048", None, None)
        .scoped(RES, &["组织部", "纪委"]),
    fict("马丽", "女", "回族", "1974-12", "研究生")
        .contact("0970-0000049", None, None)
        .scoped(PTY, &[]),
    fict("吕振华", "男", "土族", "1975-03", "大学本科")
        .contact("0970-0000050", None, None)
        .scoped(RES, &["组织部", "@吕振华"]),
    fict("赵文博", "男", "汉族", "1975-06", "大学本科").contact("0970-0000051", None, None),
    fict("祁海英", "女", "土族", "1978-07", "大学本科").contact("0970-0000052", None, None),
    // Fictional members of the observer pool.
    fict("白振东", "男", "汉族", "1962-08", "研究生")
        .contact("0970-0000301", Some("bai.zhendong@example.org"), None)
        .owned_by("县委办"),
    fict("马晓梅", "女", "回族", "1971-03", "博士研究生")
        .contact("0970-0000302", Some("ma.xiaomei@example.org"), None)
        .owned_by("县委办"),
    fict("韩占福", "男", "回族", "1960-06", "初中")
        .contact("0970-0000303", None, None)
        .owned_by("县委办"),
    fict("桑杰", "男", "藏族", "1968-09", "小学")
        .contact("0970-0000304", None, None)
        .owned_by("县委办")
        .scoped(RES, &["领导小组办", "县委办"]),
    fict("刘桂兰", "女", "汉族", "1955-02", "高中")
        .contact("0970-0000305", None, None)
        .owned_by("县委办")
        .scoped(PTY, &[]),
    fict("马玉珍", "女", "回族", "1965-07", "中专")
        .contact("0970-0000306", None, None)
        .owned_by("县委办")
        .scoped(PTY, &[]),
    fict("郭志强", "男", "汉族", "1978-11", "大学本科")
        .contact("0970-0000307", Some("guo.zhiqiang@example.org"), None)
        .owned_by("县委办"),
    fict("李红霞", "女", "土族", "1982-05", "大学本科")
        .contact("0970-0000308", Some("li.hongxia@example.org"), None)
        .owned_by("县委办"),
    fict("祁明", "男", "土族", "1969-04", "大专")
        .contact("0970-0000309", None, None)
        .owned_by("县委办"),
    fict("冶桂英", "女", "回族", "1972-12", "高中")
        .contact("0970-0000310", None, None)
        .owned_by("县委办"),
    fict("赵德胜", "男", "汉族", "1963-10", "大学本科")
        .contact("0970-0000311", Some("zhao.desheng@example.org"), None)
        .owned_by("县委办"),
    fict("韩玉兰", "女", "撒拉族", "1970-06", "大学本科")
        .contact("0970-0000312", Some("han.yulan@example.org"), None)
        .owned_by("县委办"),
    fict("杨秀", "女", "汉族", "1985-03", "高中")
        .contact("0970-0000313", None, None)
        .owned_by("县委办")
        .life(Draft, (2011, 11, 18)),
    fict("王建平", "男", "汉族", "1966-01", "研究生")
        .contact("0970-0000314", Some("wang.jianping@example.org"), None)
        .owned_by("县委办")
        .life(Submitted, (2011, 11, 8)),
    fict("陈志远", "男", "汉族", "1958-04", "高中")
        .contact("0970-0000315", None, None)
        .owned_by("县委办")
        .scoped(PTY, &[])
        .life(Retracted((2011, 10, 10)), (2011, 5, 9)),
    fict("金海", "男", "回族", "1980-08", "大学本科")
        .contact("0970-0000316", None, None)
        .owned_by("县委办")
        .life(Approved, (2011, 11, 21)),
    // Fictional subjects of disciplinary cases: never public.
    fict("马永福", "男", "回族", "1970-02", "中专")
        .owned_by("纪委")
        .scoped(RES, &["纪委"]),
    fict("陈德录", "男", "汉族", "1964-07", "初中")
        .owned_by("纪委")
        .scoped(RES, &["纪委"]),
    fict("刘建林", "男", "汉族", "1981-11", "大专")
        .owned_by("纪委")
        .scoped(RES, &["纪委", "审计局"]),
];

// ---------------------------------------------------------------------------------------------
// Posts and memberships
// ---------------------------------------------------------------------------------------------

struct PostRow {
    key: &'static str,
    org: &'static str,
    title: &'static str,
    leadership: bool,
    position: i32,
    scope: Scope,
    life: Life,
    on: Ymd,
    audience: &'static [&'static str],
}

const fn post(key: &'static str, org: &'static str, title: &'static str, position: i32) -> PostRow {
    PostRow {
        key,
        org,
        title,
        leadership: true,
        position,
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        audience: &[],
    }
}

impl PostRow {
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        PostRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        PostRow { life, on, ..self }
    }
    const fn staff(self) -> Self {
        PostRow {
            leadership: false,
            ..self
        }
    }
}

const POSTS: &[PostRow] = &[
    post("县委书记", "常委会", "县委书记", 1),
    post("县委副书记甲", "常委会", "县委副书记", 2),
    post("县委副书记乙", "常委会", "县委副书记", 3),
    post("常委·组织部", "常委会", "县委常委", 4),
    post("常委·纪委", "常委会", "县委常委", 5),
    post("常委·宣传部", "常委会", "县委常委", 6),
    post("常委·政法委", "常委会", "县委常委", 7),
    post("常委·统战部", "常委会", "县委常委", 8),
    post("常委·常务副县长", "常委会", "县委常委", 9),
    post("常委·县委办", "常委会", "县委常委", 10),
    post("常委·副县长", "常委会", "县委常委", 11),
    post("纪委书记", "纪委", "县纪委书记", 1),
    post("纪委副书记", "纪委", "县纪委副书记", 2),
    post("县委办主任", "县委办", "县委办公室主任", 1),
    post("组织部部长", "组织部", "县委组织部部长", 1),
    post("组织部常务副部长", "组织部", "县委组织部常务副部长", 2),
    post("宣传部部长", "宣传部", "县委宣传部部长", 1),
    post("宣传部副部长", "宣传部", "县委宣传部副部长", 2),
    post("统战部部长", "统战部", "县委统战部部长", 1),
    post("统战部副部长", "统战部", "县委统战部副部长", 2),
    post("政法委书记", "政法委", "县委政法委书记", 1),
    post("人大主任", "人大", "县人大常委会主任", 1),
    post("县长", "政府", "县长", 1),
    post("常务副县长", "政府", "常务副县长", 2),
    post("副县长甲", "政府", "副县长", 3),
    post("副县长乙", "政府", "副县长", 4),
    post("副县长丙", "政府", "副县长", 5),
    post("政协主席", "政协", "县政协主席", 1),
    post("组长", "领导小组", "组长", 1),
    post("第一副组长", "领导小组", "第一副组长", 2),
    post("常务副组长", "领导小组", "常务副组长", 3),
    post("副组长甲", "领导小组", "副组长", 4),
    post("副组长乙", "领导小组", "副组长", 5),
    post("副组长丙", "领导小组", "副组长", 6),
    post("办公室主任", "领导小组办", "领导小组办公室主任", 1),
    post(
        "办公室常务副主任",
        "领导小组办",
        "领导小组办公室常务副主任",
        2,
    ),
    post("综合组组长", "综合组", "综合组组长", 1).scoped(PTY, &[]),
    post("宣传组组长", "宣传组", "宣传报道组组长", 1).scoped(PTY, &[]),
    post("后勤组组长", "后勤组", "后勤保障组组长", 1).scoped(PTY, &[]),
    post("财政局局长", "财政局", "县财政局局长", 1),
    post("发改局局长", "发改局", "县发展和改革局局长", 1),
    post("干部监督科科长", "干部监督科", "干部监督科科长", 1),
    post("审理室主任", "案件审理室", "案件审理室主任", 1).scoped(PTY, &[]),
    post("保密办主任", "保密办", "县委保密委员会办公室主任", 1).scoped(RES, &["县委办"]),
    post("浩门镇党委书记", "浩门镇", "镇党委书记", 1),
    post("浩门镇党委副书记", "浩门镇", "镇党委副书记", 2),
    post("青石嘴镇党委书记", "青石嘴镇", "镇党委书记", 1),
    post("泉口镇党委书记", "泉口镇", "镇党委书记", 1),
    post("泉口镇镇长", "泉口镇", "镇党委副书记、镇长", 2),
    post("东川镇党委书记", "东川镇", "镇党委书记", 1),
    post("东川镇副镇长", "东川镇", "副镇长", 3),
    post("仙米乡党委书记", "仙米乡", "乡党委书记", 1),
    post("珠固乡党委书记", "珠固乡", "乡党委书记", 1),
    post("网编部主编", "网编部", "主编", 1)
        .staff()
        .life(Retracted((2011, 6, 1)), (2011, 2, 14)),
    post("监督员联络室主任", "监督员联络室", "联络室主任", 1).life(Approved, (2011, 6, 20)),
    post("常任制办主任", "常任制办", "办公室主任", 1).life(Submitted, (2011, 9, 26)),
    post("新闻发言人", "发言人办", "县委新闻发言人", 1).life(Draft, (2011, 11, 21)),
];

struct MemberRow {
    person: &'static str,
    post: &'static str,
    start: Ymd,
    end: Option<Ymd>,
    note: Option<&'static str>,
    scope: Scope,
    life: Life,
    on: Ymd,
    owner: &'static str,
    source: Option<&'static str>,
    audience: &'static [&'static str],
}

/// Where the plan is the only record of a real leader's post.
const PER_PLAN: &str = "据《实施方案》（2011年1月10日）所载职务填列，起始日期为该文件日期";

const fn seat(person: &'static str, post: &'static str, start: Ymd) -> MemberRow {
    MemberRow {
        person,
        post,
        start,
        end: None,
        note: None,
        scope: PUB,
        life: Live,
        on: (2011, 1, 12),
        owner: "组织部",
        source: None,
        audience: &[],
    }
}

/// A post the plan gives a real leader.
const fn per_plan(person: &'static str, post: &'static str) -> MemberRow {
    MemberRow {
        note: Some(PER_PLAN),
        source: Some("实施方案"),
        ..seat(person, post, (2011, 1, 10))
    }
}

impl MemberRow {
    const fn note(self, note: &'static str) -> Self {
        MemberRow {
            note: Some(note),
            ..self
        }
    }
    const fn ended(self, end: Ymd) -> Self {
        MemberRow {
            end: Some(end),
            ..self
        }
    }
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        MemberRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        MemberRow { life, on, ..self }
    }
    const fn group(self) -> Self {
        MemberRow {
            owner: "领导小组办",
            source: Some("实施方案"),
            ..self
        }
    }
}

const MEMBERSHIPS: &[MemberRow] = &[
    per_plan("陈鹏", "县委书记")
        .note("州委常委、县委书记；据《实施方案》（2011年1月10日）所载职务填列"),
    per_plan("马应寿", "县委副书记甲"),
    per_plan("马应寿", "县长"),
    per_plan("任正德", "县委副书记乙"),
    per_plan("李柏林", "常委·组织部"),
    per_plan("李柏林", "组织部部长"),
    per_plan("董国占", "常委·纪委"),
    per_plan("董国占", "纪委书记"),
    per_plan("景占旭", "常委·宣传部"),
    per_plan("景占旭", "宣传部部长"),
    per_plan("陈鹏", "组长").group(),
    per_plan("马应寿", "第一副组长").group(),
    per_plan("任正德", "常务副组长").group(),
    per_plan("李柏林", "副组长甲").group(),
    per_plan("董国占", "副组长乙").group(),
    per_plan("景占旭", "副组长丙").group(),
    per_plan("董国占", "办公室主任")
        .group()
        .note("兼任；据《实施方案》（2011年1月10日）"),
    seat("赵建华", "常委·政法委", (2008, 12, 15)),
    seat("赵建华", "政法委书记", (2008, 12, 15)),
    seat("韩明德", "常委·统战部", (2009, 3, 20)),
    seat("韩明德", "统战部部长", (2009, 3, 20)),
    seat("王立新", "常委·常务副县长", (2007, 1, 18)),
    seat("王立新", "常务副县长", (2007, 1, 18)),
    seat("孙海燕", "常委·县委办", (2010, 6, 8)),
    seat("孙海燕", "县委办主任", (2010, 6, 8)),
    seat("孙海燕", "保密办主任", (2010, 6, 8))
        .note("兼任")
        .scoped(RES, &["县委办"]),
    seat("冶成福", "常委·副县长", (2009, 11, 10)),
    seat("冶成福", "副县长甲", (2009, 11, 10)),
    seat("贾建国", "副县长乙", (2008, 1, 22)),
    seat("才让加", "副县长丙", (2010, 2, 5)),
    seat("马文清", "人大主任", (2007, 1, 20)),
    seat("祁永福", "政协主席", (2007, 1, 19)),
    seat("马占林", "纪委副书记", (2009, 5, 12)),
    seat("马占林", "办公室常务副主任", (2011, 1, 12))
        .group()
        .note("负责领导小组办公室日常工作")
        .scoped(PTY, &[]),
    seat("张德明", "组织部常务副部长", (2010, 3, 18)),
    seat("李秀英", "综合组组长", (2011, 1, 14))
        .group()
        .note("抽调集中办公")
        .scoped(PTY, &[]),
    seat("才让卓玛", "宣传组组长", (2011, 1, 14))
        .group()
        .note("抽调集中办公")
        .scoped(PTY, &[]),
    seat("鲁永刚", "后勤组组长", (2011, 1, 14))
        .group()
        .scoped(PTY, &[]),
    seat("才让卓玛", "网编部主编", (2011, 2, 14))
        .group()
        .ended((2011, 5, 31))
        .life(Retracted((2011, 6, 1)), (2011, 2, 14)),
    seat("冶秀兰", "财政局局长", (2009, 8, 1)),
    seat("贺建军", "发改局局长", (2008, 6, 16)),
    seat("杨建民", "审理室主任", (2010, 4, 20)).scoped(PTY, &[]),
    seat("马建忠", "浩门镇党委书记", (2009, 9, 1)),
    seat("李国栋", "青石嘴镇党委书记", (2008, 11, 20)),
    seat("祁德全", "泉口镇镇长", (2008, 12, 20)).ended((2011, 8, 29)),
    seat("祁德全", "泉口镇党委书记", (2011, 8, 30))
        .note("经县委十二届十三次全体（扩大）会议票决")
        .life(Live, (2011, 9, 1)),
    seat("多杰才旦", "东川镇党委书记", (2010, 1, 15)),
    seat("索南才让", "仙米乡党委书记", (2009, 4, 8)),
    seat("何海龙", "珠固乡党委书记", (2010, 12, 2)),
    seat("赵文博", "干部监督科科长", (2011, 9, 26))
        .note("试用期一年")
        .life(Live, (2011, 9, 28)),
    seat("马秀芳", "统战部副部长", (2011, 11, 7)).life(Approved, (2011, 11, 8)),
    seat("张德明", "常任制办主任", (2011, 9, 26))
        .note("兼任")
        .life(Submitted, (2011, 9, 27)),
    seat("李静", "浩门镇党委副书记", (2011, 11, 28)).life(Draft, (2011, 11, 17)),
];

// ---------------------------------------------------------------------------------------------
// Procedures: the flowcharts as graphs
// ---------------------------------------------------------------------------------------------

/// A 风险点: level, description, prevention measure.
type Risk = (RiskLevel, &'static str, &'static str);
/// A supervision measure: description and, where there is one, the channel.
type Watch = (&'static str, Option<&'static str>);
/// An edge: from step key, to step key, label ("" for none).
type Edge = (&'static str, &'static str, &'static str);

struct StepRow {
    key: &'static str,
    name: &'static str,
    actor: &'static str,
    conditions: Option<&'static str>,
    days: Option<i32>,
    note: Option<&'static str>,
    risks: &'static [Risk],
    watch: &'static [Watch],
}

#[allow(clippy::too_many_arguments)]
const fn step(
    key: &'static str,
    name: &'static str,
    actor: &'static str,
    conditions: Option<&'static str>,
    days: Option<i32>,
    note: Option<&'static str>,
    risks: &'static [Risk],
    watch: &'static [Watch],
) -> StepRow {
    StepRow {
        key,
        name,
        actor,
        conditions,
        days,
        note,
        risks,
        watch,
    }
}

struct ProcRow {
    code: &'static str,
    name: &'static str,
    description: &'static str,
    scope: Scope,
    life: Life,
    on: Ymd,
    owner: &'static str,
    source: Option<&'static str>,
    audience: &'static [&'static str],
    steps: &'static [StepRow],
    edges: &'static [Edge],
}

const PROCEDURES: &[ProcRow] = &[
    ProcRow {
        code: "LC-01",
        name: "县委权力公开透明运行流程图",
        description: "县委及其职能部门行使职权、公开运行的通用流程：按照提出、审核（含保密审查）、审批、实施的程序公开权力运行过程和结果，收集党员群众意见建议，限时反馈并评议考核。",
        scope: PUB,
        life: Live,
        on: (2011, 5, 3),
        owner: "领导小组办",
        source: Some("职权目录"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "公开事项提出",
                "承办单位",
                Some(
                    "依据《县委职权目录》明确公开内容、公开范围、公开时间和公开载体，填写《县委权力公开事项审批表》",
                ),
                Some(3),
                Some("事项形成后3个工作日内"),
                &[(
                    MED,
                    "应公开事项不提出或选择性公开，以“涉密”为由规避公开",
                    "对照职权目录逐项建立公开台账，领导小组办公室按季度核对",
                )],
                &[("领导小组办公室按季度检查公开台账", None)],
            ),
            step(
                "S2",
                "部门审核",
                "承办单位主要负责人",
                Some("审核公开内容是否真实、准确、完整"),
                Some(2),
                None,
                &[(
                    LOW,
                    "审核流于形式，公开内容与实际不符",
                    "实行审核签字责任制，谁审核谁负责",
                )],
                &[],
            ),
            step(
                "S3",
                "保密审查",
                "县委办公室（县委保密委员会办公室）",
                Some("涉及党和国家秘密的不予公开；涉及依法受到保护的个人信息的，依法处理后公开"),
                Some(3),
                None,
                &[(
                    HIGH,
                    "保密审查不严导致泄密，或审查过宽导致应公开未公开",
                    "执行“先审查、后公开”和“一事一审”，不予公开事项说明理由并报领导小组办公室备案",
                )],
                &[("不予公开事项备案审查", None)],
            ),
            step(
                "S4",
                "分管领导审批",
                "分管县委领导",
                Some("重要事项报县委书记审定"),
                Some(2),
                None,
                &[(
                    MED,
                    "审批把关不严或拖延审批",
                    "明确审批时限，超时未批的由领导小组办公室督办",
                )],
                &[],
            ),
            step(
                "S5",
                "公开实施",
                "领导小组办公室宣传报道组、承办单位",
                Some(
                    "通过门源县委权力公开透明运行网、县电视台专栏、公开栏、新闻发布会或党内文件、会议等载体公开",
                ),
                Some(7),
                Some("审批后7个工作日内"),
                &[(
                    MED,
                    "公开不及时、不全面，公开载体单一",
                    "建立公开时限提醒制度，逾期未公开的予以通报",
                )],
                &[
                    ("县委党务工作社会监督员监督公开情况", None),
                    ("监督电话", Some(OFFICE_PHONE)),
                ],
            ),
            step(
                "S6",
                "意见收集",
                "领导小组办公室综合组",
                Some("通过监督电话、手机短信平台、网站留言和意见箱收集党员群众的意见建议"),
                None,
                Some("常态化"),
                &[(
                    LOW,
                    "意见建议收集不全或压件不办",
                    "意见建议统一登记编号，件件有记录",
                )],
                &[(
                    "网站留言办理情况定期公开",
                    Some("门源县委权力公开透明运行网"),
                )],
            ),
            step(
                "S7",
                "反馈办理",
                "承办单位",
                Some("对党员群众的意见建议和反映的问题核实办理"),
                Some(15),
                Some("15个工作日内答复"),
                &[(
                    MED,
                    "办理敷衍塞责，答复不及时",
                    "实行限时办结和办理结果回访制度",
                )],
                &[("领导小组办公室跟踪督办", None)],
            ),
            step(
                "S8",
                "评议考核",
                "县委权力公开透明运行试点工作领导小组",
                Some("定期组织党员群众评议，结果纳入年度目标责任综合考核"),
                None,
                Some("每半年一次"),
                &[(LOW, "评议走过场", "评议结果公开，并与评先评优挂钩")],
                &[],
            ),
            step(
                "S9",
                "立卷归档",
                "县委办公室",
                Some("公开事项审批表、公开内容和反馈办理材料立卷归档"),
                Some(10),
                None,
                &[],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", "同意"),
            ("S2", "S1", "补充材料"),
            ("S3", "S4", "通过保密审查"),
            ("S3", "S1", "补充材料"),
            ("S3", "S9", "不同意（不予公开，备案）"),
            ("S4", "S5", "同意"),
            ("S4", "S1", "不同意"),
            ("S5", "S6", ""),
            ("S6", "S7", "有意见建议"),
            ("S6", "S8", "无异议"),
            ("S7", "S5", "需更正公开"),
            ("S7", "S8", "办结"),
            ("S8", "S9", ""),
        ],
    },
    ProcRow {
        code: "LC-02",
        name: "县委重大事项决策流程图",
        description: "县委全委会、常委会对全县经济社会发展重大问题、涉及群众切身利益的重大事项作出决策的程序：调查研究、征求意见和听证、合法性审查和风险评估、集体讨论票决、公开、督查和问责。",
        scope: PUB,
        life: Live,
        on: (2011, 5, 3),
        owner: "领导小组办",
        source: Some("职权目录"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "议题提出",
                "县委常委、县委各部门、县政府党组",
                Some("属于《县委职权目录》所列重大决策事项"),
                None,
                None,
                &[(
                    MED,
                    "以个人意见代替议题程序，临时动议",
                    "议题须经县委书记审定，除紧急情况外不得临时动议",
                )],
                &[],
            ),
            step(
                "S2",
                "调查研究",
                "议题承办单位",
                Some("深入调查研究，提出两个以上备选方案"),
                Some(15),
                None,
                &[(
                    MED,
                    "调研不深入，方案论证不充分",
                    "重大决策事项须附调研报告和方案比选说明",
                )],
                &[],
            ),
            step(
                "S3",
                "征求意见和听证",
                "议题承办单位、领导小组办公室",
                Some("涉及群众切身利益的事项公开征求意见或举行听证；专业性强的组织专家论证"),
                Some(10),
                Some("公开征求意见不少于10日"),
                &[(
                    HIGH,
                    "应听证未听证，征求意见流于形式",
                    "执行重大事务决策听证咨询制度，意见采纳情况随决策一并公开",
                )],
                &[("邀请人大代表、政协委员、群众代表参加听证", None)],
            ),
            step(
                "S4",
                "合法性审查和风险评估",
                "县委政法委、县政府法制办",
                Some("对决策事项进行合法性审查和社会稳定风险评估"),
                Some(5),
                None,
                &[(
                    HIGH,
                    "未经风险评估即提交决策",
                    "未经合法性审查和风险评估的议题不得上会",
                )],
                &[],
            ),
            step(
                "S5",
                "确定议题",
                "县委书记",
                Some("书记审定上会议题，会议材料会前3天送达与会人员"),
                Some(3),
                Some("会前3天送达材料"),
                &[(
                    HIGH,
                    "书记个人决定议题、压议题或临时增加议题",
                    "议题清单会前告知全体常委，会议材料提前送达",
                )],
                &[("县纪委监督议题确定程序", None)],
            ),
            step(
                "S6",
                "会议讨论",
                "县委常委会",
                Some(
                    "应到会常委半数以上到会方可开会；县人大常委会主任、县政协主席列席，根据议题邀请党员群众代表旁听",
                ),
                None,
                None,
                &[(
                    HIGH,
                    "“一言堂”，主要负责同志末位表态制度不落实",
                    "执行书记末位表态制，与会成员逐一发表意见并记录在案",
                )],
                &[
                    ("列席、旁听人员可书面提出意见建议", None),
                    ("会议全程记录，纪要存档备查", None),
                ],
            ),
            step(
                "S7",
                "表决",
                "县委常委会",
                Some("实行票决制，赞成票超过应到会常委半数为通过"),
                None,
                None,
                &[(
                    MED,
                    "表决程序不规范",
                    "无记名投票或逐项表决，表决结果当场宣布并记录",
                )],
                &[],
            ),
            step(
                "S8",
                "全委会审议",
                "县委全委会",
                Some("属于全委会职权的全局性重大问题，提交全委会审议表决"),
                None,
                None,
                &[(
                    LOW,
                    "应提交全委会的事项由常委会代行",
                    "依据职权目录划分全委会和常委会职权",
                )],
                &[],
            ),
            step(
                "S9",
                "决策公开",
                "县委办公室、领导小组办公室",
                Some("除涉密事项外，决策结果和依据向社会公开"),
                Some(7),
                Some("作出决策后7个工作日内"),
                &[(MED, "决策公开不及时", "纳入公开时限提醒和考核")],
                &[(
                    "门源县委权力公开透明运行网公开",
                    Some("门源县委权力公开透明运行网"),
                )],
            ),
            step(
                "S10",
                "组织实施",
                "责任单位",
                Some("按照决策分解任务，明确责任人和完成时限"),
                None,
                None,
                &[(
                    MED,
                    "执行不力或擅自改变决策",
                    "建立决策执行台账，重大变更须报常委会研究",
                )],
                &[],
            ),
            step(
                "S11",
                "督查反馈",
                "县委督查室",
                Some("跟踪督办，定期通报执行进度"),
                Some(30),
                Some("每月通报一次"),
                &[(LOW, "督查不力，通报不及时", "督查结果纳入年度目标责任考核")],
                &[("执行情况定期公开", Some("门源县委权力公开透明运行网"))],
            ),
            step(
                "S12",
                "评估问责",
                "县纪委、县委督查室",
                Some("评估决策执行效果，对决策失误和执行不力的追究责任"),
                None,
                None,
                &[(
                    MED,
                    "问责不到位",
                    "按照《关于实行党政领导干部问责的暂行规定》追究责任",
                )],
                &[("监督电话", Some(OFFICE_PHONE))],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", ""),
            ("S3", "S4", ""),
            ("S4", "S5", "通过审查评估"),
            ("S4", "S2", "补充材料"),
            ("S5", "S6", "同意上会"),
            ("S5", "S2", "补充材料"),
            ("S6", "S7", ""),
            ("S7", "S9", "同意"),
            ("S7", "S8", "提交全委会"),
            ("S7", "S2", "补充材料（暂缓决定）"),
            ("S7", "S1", "不同意"),
            ("S8", "S9", "通过"),
            ("S9", "S10", ""),
            ("S10", "S11", ""),
            ("S11", "S10", "督促整改"),
            ("S11", "S12", "执行完毕"),
        ],
    },
    ProcRow {
        code: "LC-03",
        name: "干部任免流程图",
        description: "县委管理干部的选拔任用程序：动议、空缺职位预告、民主推荐、确定考察对象、考察（述职述廉）、酝酿、常委会讨论决定、任前公示、任职、试用期考核。",
        scope: PUB,
        life: Revised((2011, 6, 20)),
        on: (2011, 5, 3),
        owner: "组织部",
        source: Some("职权目录"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "动议",
                "县委组织部",
                Some(
                    "根据领导班子建设需要和职位空缺情况提出启动选拔任用工作的意见，向县委书记、副书记报告",
                ),
                None,
                None,
                &[(
                    HIGH,
                    "临时动议、突击提拔、因人设岗",
                    "动议在县委书记、副书记、组织部部长、纪委书记范围内酝酿，纳入全程记实",
                )],
                &[],
            ),
            step(
                "S2",
                "空缺职位预告",
                "县委组织部",
                Some("科级领导空缺职位通过网站、公开栏预告职位名称和任职条件"),
                Some(5),
                Some("预告期不少于5个工作日"),
                &[(
                    MED,
                    "任职条件“量身定做”",
                    "任职条件依据《党政领导干部选拔任用工作条例》设定，预告前经部务会审定",
                )],
                &[("预告同时公布举报电话", Some("12380"))],
            ),
            step(
                "S3",
                "民主推荐",
                "县委组织部",
                Some("会议推荐与个别谈话推荐相结合"),
                None,
                None,
                &[(
                    HIGH,
                    "拉票、以票取人",
                    "严肃选人用人纪律，推荐票不作为唯一依据",
                )],
                &[("县纪委派员监督推荐过程", None)],
            ),
            step(
                "S4",
                "确定考察对象",
                "县委组织部部务会、县委书记办公会",
                Some("根据推荐情况差额确定考察对象"),
                Some(3),
                None,
                &[(
                    MED,
                    "随意确定考察对象",
                    "考察对象原则上差额产生，确定过程记实",
                )],
                &[],
            ),
            step(
                "S5",
                "组织考察（述职述廉）",
                "县委组织部考察组",
                Some("考察对象述职述廉，民主测评、个别谈话、实地走访，征求县纪委廉政意见"),
                Some(15),
                None,
                &[(
                    HIGH,
                    "考察失真失实，“带病提拔”",
                    "实行考察责任制，考察组对考察材料真实性负责，县纪委出具廉政意见",
                )],
                &[("考察预告，接受干部群众监督", Some("12380"))],
            ),
            step(
                "S6",
                "酝酿",
                "县委书记、副书记、组织部部长、纪委书记",
                Some("讨论决定前充分酝酿"),
                None,
                None,
                &[(
                    MED,
                    "酝酿范围过窄，个人说了算",
                    "酝酿情况记入干部选拔任用工作全程记实",
                )],
                &[],
            ),
            step(
                "S7",
                "讨论决定",
                "县委常委会",
                Some("应到会常委三分之二以上到会，无记名投票表决，赞成票超过应到会成员半数为通过"),
                None,
                None,
                &[(
                    HIGH,
                    "会前打招呼、会上临时提名",
                    "实行常委会票决制，未经考察的人选不得上会",
                )],
                &[("县人大常委会主任、县政协主席列席", None)],
            ),
            step(
                "S8",
                "任前公示",
                "县委组织部",
                Some(
                    "公示拟任人选姓名、性别、民族、出生年月、学历、入党和参加工作时间、现任职务和拟任职务",
                ),
                Some(5),
                Some("不少于5个工作日"),
                &[(
                    MED,
                    "公示走过场，对反映问题不核查",
                    "公示期间反映的问题由干部监督科限期核查并向举报人反馈",
                )],
                &[
                    ("举报电话", Some("12380")),
                    ("县委组织部干部监督科", Some("0970-0000200")),
                ],
            ),
            step(
                "S9",
                "任职",
                "县委、县委组织部",
                Some("发文任职，进行任职谈话和廉政谈话"),
                Some(10),
                None,
                &[(LOW, "任职谈话走过场", "任职谈话与廉政谈话同时进行并记录")],
                &[],
            ),
            step(
                "S10",
                "试用期考核",
                "县委组织部",
                Some("提拔担任非选举产生的领导职务的，试用期一年；期满考核合格的正式任职"),
                None,
                Some("试用期一年"),
                &[(LOW, "试用期考核流于形式", "考核不合格的免去试任职务")],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", ""),
            ("S3", "S4", ""),
            ("S4", "S5", ""),
            ("S5", "S6", "考察合格"),
            ("S5", "S4", "考察不合格（另行确定考察对象）"),
            ("S6", "S7", ""),
            ("S7", "S8", "同意"),
            ("S7", "S5", "补充材料（补充考察）"),
            ("S7", "S1", "不同意"),
            ("S8", "S9", "公示无异议"),
            ("S8", "S5", "反映问题需核查"),
            ("S9", "S10", ""),
        ],
    },
    ProcRow {
        code: "LC-04",
        name: "重大工程项目建设公开实施流程图",
        description: "总投资500万元以上政府投资项目从申报到审计的公开实施程序，实行政府议决、县委审定，项目、招标、资金拨付和审计结果全程公开。",
        scope: PUB,
        life: Live,
        on: (2011, 5, 3),
        owner: "领导小组办",
        source: Some("职权目录"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "项目申报",
                "项目建设单位",
                Some("符合国民经济和社会发展规划、城乡规划和土地利用总体规划"),
                None,
                None,
                &[(
                    MED,
                    "项目未纳入规划或重复建设",
                    "县发展和改革局对照规划审核",
                )],
                &[],
            ),
            step(
                "S2",
                "可行性论证",
                "县发展和改革局",
                Some("组织专家进行可行性研究论证，开展环境影响评价和社会稳定风险评估"),
                Some(20),
                None,
                &[(
                    HIGH,
                    "论证流于形式",
                    "邀请县外专家参与论证，论证意见随项目公开",
                )],
                &[],
            ),
            step(
                "S3",
                "县政府常务会议议决",
                "县人民政府",
                Some("县政府常务会议研究提出意见"),
                None,
                None,
                &[(
                    MED,
                    "政府议决与县委决策职责不清",
                    "实行政府议决权与县委否决权分离制衡",
                )],
                &[],
            ),
            step(
                "S4",
                "县委常委会决策",
                "县委常委会",
                Some("总投资500万元以上的项目须经常委会集体研究决定"),
                None,
                None,
                &[(
                    HIGH,
                    "个人决定项目，或化整为零规避集体决策",
                    "项目拆分须说明理由，县纪委全程监督",
                )],
                &[("县人大常委会主任、县政协主席列席", None)],
            ),
            step(
                "S5",
                "项目公示",
                "县发展和改革局",
                Some("公示项目名称、建设内容、投资规模、资金来源和建设单位"),
                Some(7),
                Some("公示不少于7日"),
                &[(LOW, "公示内容不全", "按统一格式公示")],
                &[("公开栏、网站公示", Some("门源县委权力公开透明运行网"))],
            ),
            step(
                "S6",
                "招标投标",
                "项目建设单位、县招投标管理部门",
                Some("依法公开招标，中标结果公示3日"),
                Some(20),
                None,
                &[(
                    HIGH,
                    "围标串标、规避招标、领导干部插手工程",
                    "进场公开交易，实行领导干部插手工程建设登记报告制度",
                )],
                &[("县纪委、县监察局派员现场监督", None)],
            ),
            step(
                "S7",
                "建设实施",
                "项目建设单位、监理单位",
                Some("实行项目法人制、招标投标制、工程监理制和合同管理制"),
                None,
                None,
                &[(
                    MED,
                    "擅自变更设计、增加投资",
                    "设计变更超过原投资10%的重新报批",
                )],
                &[],
            ),
            step(
                "S8",
                "资金拨付",
                "县财政局",
                Some("按工程进度和监理签证拨付，实行国库集中支付"),
                Some(10),
                None,
                &[(HIGH, "超进度拨款、截留挪用", "资金拨付情况按季度公开")],
                &[],
            ),
            step(
                "S9",
                "竣工验收",
                "县发展和改革局牵头",
                Some("组织有关部门和专家验收"),
                Some(15),
                None,
                &[(MED, "验收把关不严", "验收结果公示")],
                &[],
            ),
            step(
                "S10",
                "审计及结果公开",
                "县审计局、领导小组办公室",
                Some("竣工决算审计，审计结果和整改情况公开"),
                Some(30),
                None,
                &[(
                    MED,
                    "审计发现问题整改不到位",
                    "审计结果和整改情况报县委常委会并公开",
                )],
                &[("监督电话", Some(OFFICE_PHONE))],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", "论证可行"),
            ("S2", "S1", "补充材料"),
            ("S3", "S4", "提请县委审定"),
            ("S4", "S5", "同意"),
            ("S4", "S2", "补充材料"),
            ("S4", "S1", "不同意（否决）"),
            ("S5", "S6", ""),
            ("S6", "S7", ""),
            ("S7", "S8", "按进度申请拨款"),
            ("S8", "S7", "继续施工"),
            ("S7", "S9", "完工"),
            ("S9", "S10", "验收合格"),
            ("S9", "S7", "验收不合格（整改）"),
        ],
    },
    ProcRow {
        code: "LC-05",
        name: "重大事件处置流程图",
        description: "自然灾害、事故灾难、群体性事件等重大事件的报告、研判、决策指挥、现场处置、信息发布、善后和问责程序。",
        scope: PUB,
        life: Live,
        on: (2011, 5, 3),
        owner: "领导小组办",
        source: Some("职权目录"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "信息报告",
                "事发地乡镇党委政府、有关部门",
                Some("发生重大事件后立即向县委、县政府总值班室报告"),
                None,
                Some("1小时内口头报告，2小时内书面报告"),
                &[(
                    HIGH,
                    "迟报、漏报、瞒报",
                    "实行信息报告责任追究，迟报瞒报的严肃追责",
                )],
                &[],
            ),
            step(
                "S2",
                "研判定级",
                "县委办公室、县政府办公室（县应急办）",
                Some("研判事件性质和等级，提出启动应急预案的建议"),
                None,
                Some("接报后1小时内"),
                &[(MED, "研判失误，响应等级偏低", "会同专业部门会商研判")],
                &[],
            ),
            step(
                "S3",
                "县委决策指挥",
                "县委常委会（紧急情况下县委书记、县长临机决策）",
                Some("启动应急预案，成立现场指挥部"),
                None,
                Some("立即"),
                &[(
                    HIGH,
                    "临机处置权滥用",
                    "临机决策事后24小时内向县委常委会报告并记录在案",
                )],
                &[],
            ),
            step(
                "S4",
                "现场处置",
                "现场指挥部、有关部门和乡镇",
                Some("开展救援、疏导、安置和维护秩序"),
                None,
                None,
                &[(
                    HIGH,
                    "处置不当激化矛盾",
                    "坚持依法处置、以人为本，严禁滥用警力",
                )],
                &[],
            ),
            step(
                "S5",
                "信息发布",
                "县委宣传部（县委新闻发言人）",
                Some("及时、准确发布权威信息，回应社会关切"),
                None,
                Some("首次发布不迟于事件发生后24小时"),
                &[(
                    MED,
                    "信息发布滞后，引发谣言",
                    "实行县委新闻发言人制度，统一口径及时发布",
                )],
                &[("媒体和网络舆论监督", None)],
            ),
            step(
                "S6",
                "续报上级",
                "县委办公室、县政府办公室",
                Some("向州委、州政府续报处置进展"),
                None,
                None,
                &[(LOW, "续报不及时", "指定专人负责续报")],
                &[],
            ),
            step(
                "S7",
                "善后恢复",
                "县人民政府及有关部门",
                Some("伤员救治、群众安置、损失补偿和恢复重建"),
                None,
                None,
                &[(
                    MED,
                    "救助资金物资发放不公开、不公平",
                    "救助对象和标准张榜公示",
                )],
                &[("救助资金物资发放公示", Some("公开栏"))],
            ),
            step(
                "S8",
                "调查评估",
                "调查组（县纪委、县监察局及有关部门）",
                Some("查明原因，评估损失和处置效果"),
                Some(30),
                None,
                &[(MED, "调查不彻底", "调查报告报县委常委会审定")],
                &[],
            ),
            step(
                "S9",
                "责任追究",
                "县纪委、县监察局",
                Some("对失职渎职的依纪依法追究责任，结果公开"),
                None,
                None,
                &[(MED, "问责避重就轻", "追责结果通报曝光")],
                &[("监督电话", Some(OFFICE_PHONE))],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", "较大及以上事件"),
            ("S2", "S4", "一般事件（部门按预案处置）"),
            ("S3", "S2", "补充材料（核实现场情况）"),
            ("S3", "S4", "同意启动预案"),
            ("S4", "S3", "事态升级"),
            ("S4", "S5", ""),
            ("S5", "S6", ""),
            ("S6", "S4", "需继续处置"),
            ("S6", "S7", "处置结束"),
            ("S7", "S8", ""),
            ("S8", "S9", "同意调查报告（存在失职渎职）"),
            ("S9", "S8", "补充材料（补充调查）"),
        ],
    },
    ProcRow {
        code: "LC-06",
        name: "大额资金使用程序流程图",
        description: "单笔50万元以上（含）大额资金的申请、审核、议决、审定、公示、拨付、监管和审计程序；县政府议决，县委常委会审定并可行使否决权。",
        scope: PUB,
        life: Live,
        on: (2011, 5, 3),
        owner: "领导小组办",
        source: Some("大额资金办法"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "用款申请",
                "用款单位",
                Some("提出资金使用申请，附预算依据、使用方案和绩效目标"),
                None,
                None,
                &[(MED, "虚报项目、套取资金", "申请须经单位领导班子集体研究")],
                &[],
            ),
            step(
                "S2",
                "主管部门审核",
                "主管部门",
                Some("审核用款必要性和方案可行性"),
                Some(5),
                None,
                &[(LOW, "审核把关不严", "主管部门负责人签字负责")],
                &[],
            ),
            step(
                "S3",
                "财政审核",
                "县财政局",
                Some("审核资金来源、预算安排和支出标准"),
                Some(5),
                None,
                &[(
                    MED,
                    "超预算安排资金",
                    "严格执行预算，预算调整按规定程序报批",
                )],
                &[],
            ),
            step(
                "S4",
                "县政府常务会议议决",
                "县人民政府",
                Some("单笔20万元以上的由县政府常务会议集体研究"),
                None,
                None,
                &[(MED, "化整为零规避集体决策", "同一事项分次申请的累计计算")],
                &[],
            ),
            step(
                "S5",
                "县委常委会审定",
                "县委常委会",
                Some("单笔50万元以上（含）的提交县委常委会审定，县委可行使否决权"),
                None,
                None,
                &[(
                    HIGH,
                    "个人审批大额资金",
                    "大额资金一律集体决策，会议纪要载明表决情况",
                )],
                &[("县人大常委会主任、县政协主席列席", None)],
            ),
            step(
                "S6",
                "资金使用公示",
                "县财政局、领导小组办公室",
                Some("公开资金用途、金额、审批程序和受益对象"),
                Some(7),
                Some("审定后7个工作日内"),
                &[(LOW, "公示内容不全", "按统一格式公示")],
                &[("公开栏、网站公示", Some("门源县委权力公开透明运行网"))],
            ),
            step(
                "S7",
                "资金拨付",
                "县财政局",
                Some("实行国库集中支付，按进度拨付"),
                Some(10),
                None,
                &[(
                    HIGH,
                    "截留、挪用、滞留资金",
                    "国库集中支付，资金直达用款单位或受益人",
                )],
                &[],
            ),
            step(
                "S8",
                "使用监管",
                "县财政局、主管部门",
                Some("跟踪检查资金使用情况"),
                None,
                Some("每季度检查一次"),
                &[(MED, "改变资金用途", "发现改变用途的立即停拨并追回")],
                &[],
            ),
            step(
                "S9",
                "审计和绩效评价",
                "县审计局",
                Some("审计资金使用情况并评价绩效"),
                Some(30),
                None,
                &[(
                    MED,
                    "审计发现问题不整改",
                    "审计结果公开，整改情况报县委常委会",
                )],
                &[],
            ),
            step(
                "S10",
                "结果公开和问责",
                "县纪委、领导小组办公室",
                Some("公开资金使用结果，对违规使用资金的追究责任"),
                None,
                None,
                &[],
                &[("监督电话", Some(OFFICE_PHONE))],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", "同意"),
            ("S2", "S1", "补充材料"),
            ("S3", "S4", "同意"),
            ("S3", "S1", "不同意"),
            ("S4", "S5", "50万元以上（提请县委审定）"),
            ("S4", "S6", "50万元以下（同意）"),
            ("S5", "S6", "同意"),
            ("S5", "S3", "补充材料"),
            ("S5", "S1", "不同意（否决）"),
            ("S6", "S7", ""),
            ("S7", "S8", ""),
            ("S8", "S9", ""),
            ("S9", "S10", ""),
        ],
    },
    ProcRow {
        code: "LC-07",
        name: "县委常委会会议列席旁听流程",
        description: "从会议列席人员资料库中邀请专家学者、基层群众、社区党员、机关干部、人大代表、政协委员列席旁听县委常委会会议的程序。",
        scope: PUB,
        life: Live,
        on: (2011, 5, 9),
        owner: "县委办",
        source: Some("列席旁听"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "确定旁听议题",
                "县委办公室",
                Some("除涉密和干部任免议题外，涉及民情民意的议题原则上开放旁听"),
                None,
                Some("会前7天"),
                &[(MED, "随意限制旁听议题", "不开放旁听的议题说明理由")],
                &[],
            ),
            step(
                "S2",
                "发布旁听公告",
                "县委办公室",
                Some("在网站、公开栏发布会议时间、议题和报名方式"),
                Some(2),
                Some("会前5天"),
                &[(LOW, "公告不及时", "纳入公开时限提醒")],
                &[],
            ),
            step(
                "S3",
                "确定旁听人员",
                "县委办公室",
                Some("从会议列席人员资料库中分类抽选，结合自愿报名"),
                Some(2),
                None,
                &[(
                    MED,
                    "只邀请“熟面孔”",
                    "按六类人员分类随机抽选，同一人一年内旁听不超过3次",
                )],
                &[("抽选过程由县纪委派员监督", None)],
            ),
            step(
                "S4",
                "列席旁听",
                "旁听人员",
                Some("遵守会议纪律，可书面提出意见建议"),
                None,
                None,
                &[(LOW, "旁听人员泄露会议涉密内容", "旁听前签订保密承诺书")],
                &[],
            ),
            step(
                "S5",
                "意见反馈",
                "县委办公室",
                Some("旁听人员意见建议整理后报县委，反馈采纳情况"),
                Some(10),
                Some("10个工作日内反馈"),
                &[],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", "开放旁听"),
            ("S2", "S3", ""),
            ("S3", "S4", "审核通过"),
            ("S3", "S2", "报名不足（补充公告）"),
            ("S4", "S5", ""),
        ],
    },
    ProcRow {
        code: "LC-08",
        name: "违纪违法案件查处和通报流程",
        description: "县纪委查处党员干部违纪违法案件并公开处理结果的程序。",
        scope: PTY,
        life: Live,
        on: (2011, 5, 3),
        owner: "纪委",
        source: Some("案件审理规程"),
        audience: &[],
        steps: &[
            step(
                "S1",
                "线索受理",
                "县纪委信访室",
                Some("受理信访举报和有关部门移送的问题线索"),
                None,
                None,
                &[(MED, "压案不查、线索流失", "问题线索集体排查、统一管理")],
                &[("信访举报电话", Some("0970-0000101"))],
            ),
            step(
                "S2",
                "初步核实",
                "县纪委",
                Some("经批准对问题线索进行初核"),
                Some(30),
                None,
                &[(HIGH, "初核泄密、说情干扰", "实行初核回避和说情登记制度")],
                &[],
            ),
            step(
                "S3",
                "立案",
                "县纪委常委会",
                Some("有违纪事实、需要追究党纪责任的予以立案"),
                None,
                None,
                &[(MED, "应立案不立案", "初核结论集体研究")],
                &[],
            ),
            step(
                "S4",
                "调查取证",
                "县纪委调查组",
                Some("依纪依法调查取证"),
                Some(90),
                Some("一般3个月"),
                &[(
                    HIGH,
                    "违规取证、侵犯被调查人权利",
                    "执行《中国共产党纪律检查机关案件检查工作条例》，全程记录",
                )],
                &[],
            ),
            step(
                "S5",
                "案件审理",
                "县纪委案件审理室",
                Some("审核事实、定性和处理意见，听取被审查人陈述申辩"),
                Some(30),
                None,
                &[(MED, "定性不准、处理畸轻畸重", "审调分离，集体审议")],
                &[],
            ),
            step(
                "S6",
                "审议决定",
                "县纪委常委会（涉及县管干部的报县委常委会）",
                Some("集体审议，作出处分决定"),
                None,
                None,
                &[(MED, "个人决定处分", "集体审议并记录表决情况")],
                &[],
            ),
            step(
                "S7",
                "宣布执行",
                "县纪委、受处分人所在单位党组织",
                Some("向本人宣布处分决定，办理处分手续"),
                Some(30),
                None,
                &[(LOW, "处分执行不到位", "处分执行情况回访")],
                &[],
            ),
            step(
                "S8",
                "通报曝光",
                "县纪委、领导小组办公室",
                Some("严重违纪违法问题的处理结果予以通报，典型案件公开曝光"),
                Some(10),
                None,
                &[(MED, "应通报不通报", "按季度公开查处情况统计")],
                &[],
            ),
            step(
                "S9",
                "移送司法机关",
                "县纪委",
                Some("涉嫌犯罪的移送司法机关依法处理"),
                None,
                None,
                &[],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", "有违纪事实"),
            ("S2", "S1", "了结（无违纪事实）"),
            ("S3", "S4", ""),
            ("S4", "S5", ""),
            ("S5", "S4", "补充材料（补充调查）"),
            ("S5", "S6", "事实清楚"),
            ("S6", "S7", "同意"),
            ("S6", "S5", "不同意（重新审理）"),
            ("S6", "S9", "涉嫌犯罪"),
            ("S7", "S8", ""),
        ],
    },
    ProcRow {
        code: "LC-09",
        name: "党务公开保密审查流程",
        description: "党务公开事项发布前的保密审查程序。",
        scope: RES,
        life: Live,
        on: (2011, 5, 3),
        owner: "县委办",
        source: None,
        audience: &["县委办", "领导小组办"],
        steps: &[
            step(
                "S1",
                "送审",
                "承办单位",
                Some("填写保密审查单，附拟公开内容"),
                Some(1),
                None,
                &[],
                &[],
            ),
            step(
                "S2",
                "初审",
                "县委保密委员会办公室",
                Some("对照保密事项范围审查"),
                Some(2),
                None,
                &[(HIGH, "漏审、错审", "双人审查，签字负责")],
                &[],
            ),
            step(
                "S3",
                "复审",
                "县委办公室分管领导",
                Some("疑难事项报县委保密委员会"),
                Some(2),
                None,
                &[(MED, "复审把关不严", "复审意见书面签署")],
                &[],
            ),
            step(
                "S4",
                "审查结论备案",
                "县委保密委员会办公室",
                Some("出具审查结论并备案"),
                Some(1),
                None,
                &[(LOW, "备案材料不全", "按月检查备案台账")],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S4", "同意公开"),
            ("S2", "S3", "存疑"),
            ("S3", "S4", "同意"),
            ("S3", "S1", "不同意（修改后再送）"),
        ],
    },
    ProcRow {
        code: "LC-10",
        name: "县委委员与县党代表“双向约见”流程",
        description: "县委委员与县党代表相互约见、交流意见和办理反馈的程序。",
        scope: PUB,
        life: Draft,
        on: (2011, 10, 17),
        owner: "组织部",
        source: None,
        audience: &[],
        steps: &[
            step(
                "S1",
                "提出约见",
                "县委委员或县党代表",
                Some("填写约见登记表，写明约见事由"),
                None,
                None,
                &[(LOW, "约见事由不明确", "约见前由组织部协助明确事由")],
                &[],
            ),
            step(
                "S2",
                "安排约见",
                "县委组织部",
                Some("确定约见时间、地点"),
                Some(10),
                Some("10个工作日内安排"),
                &[(MED, "拖延安排或拒绝约见", "约见安排情况定期通报")],
                &[],
            ),
            step(
                "S3",
                "约见交流",
                "约见双方",
                Some("组织部派员记录约见内容"),
                None,
                None,
                &[],
                &[],
            ),
            step(
                "S4",
                "办理反馈",
                "县委组织部、有关单位",
                Some("对约见中提出的问题交办并反馈"),
                Some(20),
                Some("20个工作日内反馈"),
                &[(MED, "办理不落实", "纳入年度考核")],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S1", "补充材料"),
            ("S2", "S3", ""),
            ("S3", "S4", ""),
        ],
    },
    ProcRow {
        code: "LC-11",
        name: "县党代表提案办理流程",
        description: "县党代表提案的提交、审查立案、交办、办理答复和满意度测评程序。",
        scope: PUB,
        life: Submitted,
        on: (2011, 10, 17),
        owner: "组织部",
        source: None,
        audience: &[],
        steps: &[
            step(
                "S1",
                "提案提交",
                "县党代表",
                Some("5名以上党代表联名提出"),
                None,
                None,
                &[],
                &[],
            ),
            step(
                "S2",
                "审查立案",
                "县委组织部",
                Some("不符合立案条件的转为意见建议办理"),
                Some(5),
                None,
                &[(LOW, "随意不予立案", "不予立案的说明理由")],
                &[],
            ),
            step(
                "S3",
                "交办",
                "县委办公室",
                Some("确定主办和协办单位"),
                Some(3),
                None,
                &[],
                &[],
            ),
            step(
                "S4",
                "办理答复",
                "承办单位",
                Some("书面答复提案人"),
                Some(60),
                Some("3个月内答复"),
                &[(
                    MED,
                    "答复敷衍，重答复轻落实",
                    "办理结果公开，接受党代表评议",
                )],
                &[],
            ),
            step(
                "S5",
                "满意度测评",
                "提案人",
                Some("不满意的重新办理"),
                None,
                None,
                &[],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", "立案"),
            ("S2", "S1", "不予立案（补充材料）"),
            ("S3", "S4", ""),
            ("S4", "S5", ""),
            ("S5", "S4", "不满意（重新办理）"),
        ],
    },
    ProcRow {
        code: "LC-12",
        name: "重大事务决策听证咨询流程",
        description: "涉及群众切身利益的重大事务在决策前举行听证咨询的程序。",
        scope: PUB,
        life: Approved,
        on: (2011, 11, 14),
        owner: "县委办",
        source: None,
        audience: &[],
        steps: &[
            step(
                "S1",
                "确定听证事项",
                "县委办公室",
                Some("涉及群众切身利益的重大事务"),
                None,
                None,
                &[(MED, "应听证事项不听证", "听证事项目录化管理")],
                &[],
            ),
            step(
                "S2",
                "发布听证公告",
                "县委办公室",
                Some("公告听证事项、时间和报名方式"),
                Some(10),
                Some("会前10日"),
                &[],
                &[],
            ),
            step(
                "S3",
                "遴选听证代表",
                "县委办公室",
                Some("从会议列席人员资料库和报名人员中遴选，利害关系人代表不少于三分之一"),
                Some(5),
                None,
                &[(MED, "听证代表代表性不足", "代表名单会前公布")],
                &[],
            ),
            step(
                "S4",
                "举行听证会",
                "听证主持人",
                Some("方案说明、代表发言、质询辩论"),
                None,
                None,
                &[],
                &[("新闻媒体旁听报道", None)],
            ),
            step(
                "S5",
                "形成听证报告",
                "县委办公室",
                Some("听证报告作为决策的重要依据，采纳情况公开"),
                Some(5),
                None,
                &[(LOW, "听证意见不采纳也不说明", "未采纳的意见说明理由")],
                &[],
            ),
        ],
        edges: &[
            ("S1", "S2", ""),
            ("S2", "S3", ""),
            ("S3", "S4", ""),
            ("S4", "S5", ""),
        ],
    },
];

// ---------------------------------------------------------------------------------------------
// Powers: the catalogue (职权目录)
// ---------------------------------------------------------------------------------------------

const OPEN_ALL: &[Carrier] = &[Carrier::Website, Carrier::Tv, Carrier::NoticeBoard];
const OPEN_PRESS: &[Carrier] = &[
    Carrier::Website,
    Carrier::Tv,
    Carrier::NoticeBoard,
    Carrier::PressConference,
];
const OPEN_NEWS: &[Carrier] = &[
    Carrier::Website,
    Carrier::Tv,
    Carrier::Newspaper,
    Carrier::PartyDocument,
];
const OPEN_WEB_DOC: &[Carrier] = &[
    Carrier::Website,
    Carrier::NoticeBoard,
    Carrier::PartyDocument,
];
const OPEN_URGENT: &[Carrier] = &[Carrier::Website, Carrier::Tv, Carrier::PressConference];
const IN_PARTY: &[Carrier] = &[Carrier::PartyDocument, Carrier::Meeting];
const IN_PARTY_WEB: &[Carrier] = &[Carrier::Website, Carrier::PartyDocument, Carrier::Meeting];

struct PowerRow {
    name: &'static str,
    category: Cat,
    holder: &'static str,
    post: Option<&'static str>,
    procedure: &'static str,
    risk: RiskLevel,
    basis: &'static str,
    duties: &'static str,
    accountability: &'static str,
    unit: &'static str,
    carriers: &'static [Carrier],
    timing: Timing,
    days: Option<i32>,
    phone: Option<&'static str>,
    scope: Scope,
    life: Life,
    on: Ymd,
    audience: &'static [&'static str],
}

#[allow(clippy::too_many_arguments)]
const fn power(
    name: &'static str,
    category: Cat,
    holder: &'static str,
    procedure: &'static str,
    risk: RiskLevel,
    basis: &'static str,
    duties: &'static str,
    accountability: &'static str,
    unit: &'static str,
    carriers: &'static [Carrier],
    timing: Timing,
    days: Option<i32>,
) -> PowerRow {
    PowerRow {
        name,
        category,
        holder,
        post: None,
        procedure,
        risk,
        basis,
        duties,
        accountability,
        unit,
        carriers,
        timing,
        days,
        phone: Some(OFFICE_PHONE),
        scope: PUB,
        life: Live,
        on: (2011, 5, 3),
        audience: &[],
    }
}

impl PowerRow {
    const fn held_by(self, post: &'static str) -> Self {
        PowerRow {
            post: Some(post),
            ..self
        }
    }
    const fn phone(self, phone: &'static str) -> Self {
        PowerRow {
            phone: Some(phone),
            ..self
        }
    }
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        PowerRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        PowerRow { life, on, ..self }
    }
}

const DAYS_5: Option<i32> = Some(5);
const DAYS_7: Option<i32> = Some(7);

/// The catalogue; codes MYXW-ZQ-001… follow this order.
const POWERS: &[PowerRow] = &[
    // 重大决策
    power("县党代会听取和审查县委、县纪委工作报告的权力", Cat::MajorDecision, "党代会", "LC-02", LOW,
        "《中国共产党章程》第二十五条；《中国共产党地方委员会工作条例（试行）》",
        "按期召开县党代会，听取和审查县委、县纪委工作报告，作出决议。",
        "不按期召开党代会或不向党代会报告工作的，追究县委主要负责同志责任。",
        "县委办公室、县委组织部", OPEN_NEWS, Timing::WithinWorkingDays, DAYS_7),
    power("县党代会讨论决定全县重大问题的权力", Cat::MajorDecision, "党代会", "LC-02", LOW,
        "《中国共产党章程》第二十五条",
        "讨论全县经济社会发展和党的建设中的重大问题并作出决议；试点实行党代会常任制，闭会期间听取党代表意见。",
        "以常委会决定代替党代会决议的，予以纠正。",
        "县委办公室", OPEN_NEWS, Timing::WithinWorkingDays, DAYS_7),
    power("县委全委会对全县经济社会发展重大问题的决策权", Cat::MajorDecision, "全委会", "LC-02", MED,
        "《中国共产党章程》；《中国共产党地方委员会工作条例（试行）》；《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》",
        "讨论决定全县“十二五”规划建议、年度重点工作等全局性重大问题，实行表决制。",
        "应由全委会决定的事项由常委会或个人决定的，追究主要责任人责任。",
        "县委办公室", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("县委全委会听取和审议县委常委会工作报告的权力", Cat::MajorDecision, "全委会", "LC-02", LOW,
        "《中国共产党地方委员会工作条例（试行）》",
        "每年至少两次听取和审议常委会工作报告，对常委会成员进行民主评议。",
        "常委会不按规定报告工作的，责令改正。",
        "县委办公室", IN_PARTY, Timing::Periodic, None)
        .scoped(PTY, &[]),
    power("县委常委会贯彻落实上级党委重大决策部署的研究决定权", Cat::MajorDecision, "常委会", "LC-02", MED,
        "《中国共产党章程》；《中国共产党地方委员会工作条例（试行）》",
        "结合门源实际研究部署贯彻落实中央、省委、州委重大决策的措施。",
        "贯彻上级决策部署不力、搞“上有政策、下有对策”的，依照《关于实行党政领导干部问责的暂行规定》问责。",
        "县委办公室", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("涉及群众切身利益的重大政策措施决策权", Cat::MajorDecision, "常委会", "LC-02", HIGH,
        "《中国共产党地方委员会工作条例（试行）》；《中华人民共和国民族区域自治法》；《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》",
        "对扶贫开发、农牧民增收、社会保障、城镇建设等重大政策措施，决策前公开征求意见或举行听证，集体讨论决定。",
        "未经听证、风险评估即作出决策，造成重大损失或恶劣影响的，追究决策责任。",
        "县委办公室、县委政研室", OPEN_PRESS, Timing::WithinWorkingDays, DAYS_7),
    power("全县国民经济和社会发展规划建议审议权", Cat::MajorDecision, "常委会", "LC-02", MED,
        "《中国共产党地方委员会工作条例（试行）》",
        "审议全县国民经济和社会发展规划及年度计划建议，提请县委全委会审议。",
        "规划建议未经集体讨论的，予以纠正。",
        "县发展和改革局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("党的建设和党风廉政建设重大事项决定权", Cat::MajorDecision, "常委会", "LC-02", MED,
        "《中国共产党章程》；《中国共产党党内监督条例（试行）》；《中国共产党党员领导干部廉洁从政若干准则》",
        "研究决定基层组织建设、党风廉政建设责任制、工作日禁酒令等党的建设重大事项。",
        "党风廉政建设责任制落实不力的，按照责任制规定追究责任。",
        "县委组织部、县纪委", IN_PARTY_WEB, Timing::WithinWorkingDays, DAYS_7),
    power("县委对县政府议决重大事项的否决权", Cat::MajorDecision, "常委会", "LC-02", HIGH,
        "《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》；《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》",
        "实行政府议决权与县委否决权分离制衡：县政府常务会议议决的重大事项报县委常委会审定，县委可予否决并说明理由。",
        "越过县政府议决程序直接决定行政事项，或否决不说明理由的，予以纠正。",
        "县委办公室", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("县委书记召集和主持常委会会议、确定会议议题的权力", Cat::MajorDecision, "常委会", "LC-02", HIGH,
        "《中国共产党地方委员会工作条例（试行）》；《中共门源县委领导班子工作规则》",
        "召集和主持常委会会议，审定上会议题；执行书记末位表态制，不得以个人意见代替集体决定。",
        "个人决定重大问题、压议题或临时动议的，依照有关规定追究责任。",
        "县委办公室", OPEN_ALL, Timing::WithinWorkingDays, DAYS_5)
        .held_by("县委书记"),
    power("城镇建设总体规划和重大城建政策审定权", Cat::MajorDecision, "常委会", "LC-02", MED,
        "《中华人民共和国城乡规划法》；《中国共产党地方委员会工作条例（试行）》",
        "审定浩门镇等城镇总体规划修编和重大城建政策，规划草案公示不少于30日。",
        "擅自变更规划的，追究有关人员责任。",
        "县住房和城乡建设局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    // 重要人事任免
    power("县管科级领导干部任免权", Cat::Personnel, "常委会", "LC-03", HIGH,
        "《党政领导干部选拔任用工作条例》；《党政领导干部选拔任用工作责任追究办法（试行）》",
        "按照动议、民主推荐、考察、酝酿、讨论决定、任前公示、任职的程序选拔任用科级领导干部，常委会票决。",
        "违反程序任用干部、临时动议、突击提拔或“带病提拔”的，依照责任追究办法追究责任。",
        "县委组织部", OPEN_ALL, Timing::WithinWorkingDays, Some(3))
        .phone("12380"),
    power("县委全委会对乡镇党政正职和县直部门主要负责人拟任人选的票决权", Cat::Personnel, "全委会", "LC-03", HIGH,
        "《党政领导干部选拔任用工作条例》；《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》",
        "乡镇党政正职和县直部门主要负责人拟任人选提交全委会无记名投票表决。",
        "规避全委会票决的，任用决定无效并追究责任。",
        "县委组织部", OPEN_ALL, Timing::WithinWorkingDays, Some(3))
        .phone("12380"),
    power("县级领导干部推荐提名权", Cat::Personnel, "常委会", "LC-03", MED,
        "《党政领导干部选拔任用工作条例》",
        "按照州委要求向州委推荐县级领导干部人选，推荐情况记实存档。",
        "推荐失察失误的，追究推荐责任。",
        "县委组织部", IN_PARTY, Timing::Periodic, None)
        .phone("12380")
        .scoped(PTY, &[]),
    power("向县人大常委会、县政府、县政协推荐重要干部人选的权力", Cat::Personnel, "常委会", "LC-03", MED,
        "《中国共产党章程》；《党政领导干部选拔任用工作条例》",
        "依法向县人大及其常委会推荐国家机关领导人员人选，向县政协推荐领导人员人选。",
        "推荐人选未经集体讨论的，予以纠正。",
        "县委组织部", OPEN_ALL, Timing::WithinWorkingDays, DAYS_5)
        .phone("12380"),
    power("干部考察权", Cat::Personnel, "组织部", "LC-03", HIGH,
        "《党政领导干部选拔任用工作条例》；《门源县科级领导空缺职位预告和考察对象述职述廉制度（试行）》",
        "组织考察对象述职述廉，开展民主测评、个别谈话，征求纪委廉政意见，形成考察材料。",
        "考察失真失实造成用人失误的，追究考察组和有关人员责任。",
        "县委组织部", OPEN_ALL, Timing::WithinWorkingDays, DAYS_5)
        .held_by("组织部部长")
        .phone("12380"),
    power("科级领导空缺职位预告权", Cat::Personnel, "组织部", "LC-03", LOW,
        "《门源县科级领导空缺职位预告和考察对象述职述廉制度（试行）》",
        "科级领导职位空缺后及时预告职位名称、任职条件和报名方式。",
        "应预告未预告的，责令改正。",
        "县委组织部", OPEN_ALL, Timing::WithinWorkingDays, DAYS_5)
        .phone("12380"),
    power("县委管理干部评优表彰决定权", Cat::Personnel, "常委会", "LC-03", MED,
        "《中国共产党章程》；《党政领导干部考核工作暂行规定》",
        "决定县委管理干部的评优表彰，表彰人选公示不少于5个工作日。",
        "弄虚作假骗取表彰的，撤销表彰并追究责任。",
        "县委组织部", OPEN_WEB_DOC, Timing::WithinWorkingDays, DAYS_7),
    power("县管干部交流轮岗决定权", Cat::Personnel, "常委会", "LC-03", MED,
        "《党政领导干部交流工作规定》；《党政领导干部选拔任用工作条例》",
        "对任职满一定年限的县管干部和重要岗位干部实行交流轮岗。",
        "借交流之名变相提拔的，予以纠正。",
        "县委组织部", OPEN_ALL, Timing::WithinWorkingDays, DAYS_5)
        .phone("12380"),
    power("干部选拔任用工作全程记实权", Cat::Personnel, "组织部", "LC-03", MED,
        "《门源县干部选拔任用工作全程记实办法（试行）》",
        "对动议、推荐、考察、酝酿、讨论决定各环节全程记实，记实材料存档备查。",
        "记实不全或篡改记实材料的，追究有关人员责任。",
        "县委组织部", IN_PARTY, Timing::Standing, None)
        .phone("12380")
        .scoped(RES, &["组织部", "纪委"]),
    // 重大项目建设
    power("重大工程项目建设决策权", Cat::MajorProject, "常委会", "LC-04", HIGH,
        "《中华人民共和国招标投标法》；《国务院关于投资体制改革的决定》；《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》",
        "总投资500万元以上政府投资项目经论证、评估、县政府常务会议议决后，由县委常委会集体研究决定。",
        "未经集体决策擅自上马项目，或化整为零规避集体决策的，追究决策者责任。",
        "县发展和改革局", OPEN_PRESS, Timing::WithinWorkingDays, DAYS_7),
    power("浩门镇城镇基础设施建设项目审定权", Cat::MajorProject, "常委会", "LC-04", MED,
        "《中华人民共和国城乡规划法》；《中华人民共和国招标投标法》",
        "审定浩门镇街道改造、给排水、集中供热等基础设施项目年度计划。",
        "项目建设违反规划或招投标规定的，追究有关人员责任。",
        "县住房和城乡建设局、浩门镇", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("扶贫开发整村推进项目审定权", Cat::MajorProject, "常委会", "LC-04", HIGH,
        "《中国农村扶贫开发纲要（2001－2010年）》；《财政扶贫资金管理办法》",
        "审定年度整村推进项目村和建设内容，项目村、建设内容和资金安排在村务公开栏公示。",
        "虚报项目、挤占挪用扶贫资金的，依纪依法处理。",
        "县扶贫开发局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("游牧民定居工程建设项目决策权", Cat::MajorProject, "常委会", "LC-04", MED,
        "国家和青海省关于游牧民定居工程的有关规定",
        "确定年度游牧民定居点选址、建设户数和补助标准，补助对象张榜公示。",
        "补助对象弄虚作假、优亲厚友的，追究有关人员责任。",
        "县农牧局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("农牧区水利和抗旱基础设施建设项目决策权", Cat::MajorProject, "常委会", "LC-04", MED,
        "《中华人民共和国水法》；《中华人民共和国抗旱条例》",
        "审定农田水利、人畜饮水和抗旱水源工程年度建设计划。",
        "工程质量低劣、资金使用违规的，追究有关人员责任。",
        "县水务局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("招商引资重大项目准入决策权", Cat::MajorProject, "常委会", "LC-04", MED,
        "《国务院关于投资体制改革的决定》；《中华人民共和国环境影响评价法》",
        "对投资额较大或涉及资源开发、生态保护的招商引资项目进行准入审查和集体决策。",
        "违规承诺优惠政策或引进高污染项目的，追究有关人员责任。",
        "县经济商务局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("重大项目前期论证组织权", Cat::MajorProject, "发改局", "LC-04", LOW,
        "《国务院关于投资体制改革的决定》",
        "组织重大项目可行性研究、专家论证和社会稳定风险评估，出具论证意见。",
        "论证走过场、出具虚假意见的，追究有关人员责任。",
        "县发展和改革局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7)
        .phone("0970-0000104"),
    power("重大项目建设监督检查权", Cat::MajorProject, "纪委", "LC-04", LOW,
        "《中国共产党党内监督条例（试行）》；《中华人民共和国审计法》",
        "对重大项目招标投标、资金拨付和工程质量进行监督检查，受理举报。",
        "监督失职的，追究有关人员责任。",
        "县纪委、县审计局", OPEN_ALL, Timing::Periodic, None),
    // 重大事件处置
    power("重大突发事件应急处置决策权", Cat::Incident, "常委会", "LC-05", HIGH,
        "《中华人民共和国突发事件应对法》；《国家突发公共事件总体应急预案》",
        "决定启动应急预案，统一领导和指挥重大突发事件的应急处置。",
        "迟报、瞒报或处置不力造成严重后果的，依照《关于实行党政领导干部问责的暂行规定》问责。",
        "县委办公室、县政府应急办", OPEN_URGENT, Timing::Immediate, None),
    power("紧急情况下的临机处置权", Cat::Incident, "常委会", "LC-05", HIGH,
        "《中华人民共和国突发事件应对法》；《中共门源县委领导班子工作规则》",
        "紧急情况下来不及召开常委会的，由县委书记临机决策，事后24小时内向常委会报告。",
        "滥用临机处置权或事后不报告的，追究责任。",
        "县委办公室", OPEN_URGENT, Timing::Immediate, None)
        .held_by("县委书记"),
    power("维护社会稳定重大事项协调处置权", Cat::Incident, "政法委", "LC-05", HIGH,
        "《中华人民共和国突发事件应对法》；社会治安综合治理有关规定",
        "协调处置影响社会稳定的重大事项，组织开展矛盾纠纷排查化解。",
        "排查化解不力引发重大事件的，追究有关人员责任。",
        "县委政法委", IN_PARTY, Timing::Standing, None)
        .phone("0970-0000105")
        .scoped(RES, &["政法委", "常委会"]),
    power("抗旱防汛等自然灾害救灾决策权", Cat::Incident, "常委会", "LC-05", MED,
        "《中华人民共和国防洪法》；《中华人民共和国抗旱条例》；《自然灾害救助条例》",
        "决定启动抗旱防汛应急响应，安排救灾资金物资，救助对象和标准张榜公示。",
        "救灾资金物资发放不公、截留挪用的，依纪依法处理。",
        "县水务局、县民政局", OPEN_URGENT, Timing::Immediate, None),
    power("突发事件新闻发布和舆情应对权", Cat::Incident, "宣传部", "LC-05", MED,
        "《中华人民共和国突发事件应对法》；《中华人民共和国政府信息公开条例》",
        "实行县委新闻发言人制度，及时发布权威信息，回应社会关切。",
        "信息发布不及时、不准确造成不良影响的，追究有关人员责任。",
        "县委宣传部", OPEN_URGENT, Timing::Immediate, None)
        .held_by("宣传部部长"),
    power("群体性事件处置协调权", Cat::Incident, "政法委", "LC-05", HIGH,
        "《中华人民共和国突发事件应对法》；《信访条例》",
        "协调有关部门和乡镇依法处置群体性事件，做好群众工作。",
        "处置不当激化矛盾的，追究有关人员责任。",
        "县委政法委、县信访局", IN_PARTY_WEB, Timing::Immediate, None)
        .phone("0970-0000105")
        .scoped(PTY, &[]),
    power("重大决策社会稳定风险评估审核权", Cat::Incident, "政法委", "LC-05", MED,
        "社会稳定风险评估有关规定；《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》",
        "审核重大决策、重大项目的社会稳定风险评估报告，提出是否实施的意见。",
        "应评估未评估或评估走过场的，追究有关人员责任。",
        "县委政法委", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7)
        .phone("0970-0000105"),
    power("重大事件责任调查和追究权", Cat::Incident, "纪委", "LC-05", MED,
        "《关于实行党政领导干部问责的暂行规定》；《中国共产党纪律处分条例》",
        "参与重大事件调查，对失职渎职的党员干部依纪追究责任，结果公开。",
        "追责避重就轻的，追究有关人员责任。",
        "县纪委、县监察局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7)
        .phone("0970-0000101"),
    // 大额资金使用
    power("大额资金使用审批权", Cat::LargeFund, "常委会", "LC-06", HIGH,
        "《中华人民共和国预算法》；《财政违法行为处罚处分条例》；《门源县大额资金使用管理办法》",
        "单笔50万元以上（含）的大额资金，经县政府常务会议议决后提交县委常委会审定，审定结果公示。",
        "个人审批或化整为零规避集体决策的，依照《财政违法行为处罚处分条例》和有关规定追究责任。",
        "县财政局", OPEN_WEB_DOC, Timing::WithinWorkingDays, DAYS_7)
        .life(Revised((2011, 6, 20)), (2011, 5, 3)),
    power("县本级财政预算安排建议审定权", Cat::LargeFund, "常委会", "LC-06", MED,
        "《中华人民共和国预算法》；《中国共产党地方委员会工作条例（试行）》",
        "审定县本级年度财政预算安排建议，提请县人民代表大会审议。",
        "预算安排违反规定的，予以纠正。",
        "县财政局", OPEN_ALL, Timing::Periodic, None),
    power("扶贫、惠农、救灾等专项资金分配方案审定权", Cat::LargeFund, "常委会", "LC-06", HIGH,
        "《财政扶贫资金管理办法》；《自然灾害救助条例》",
        "审定专项资金分配方案，分配结果和受益对象张榜公示。",
        "截留、挤占、挪用专项资金的，依纪依法处理。",
        "县财政局、县扶贫开发局", OPEN_ALL, Timing::WithinWorkingDays, DAYS_7),
    power("预算执行中追加支出审定权", Cat::LargeFund, "常委会", "LC-06", MED,
        "《中华人民共和国预算法》",
        "审定预算执行中单笔50万元以上的追加支出，按规定报县人大常委会审查。",
        "擅自追加支出的，追究有关人员责任。",
        "县财政局", OPEN_WEB_DOC, Timing::WithinWorkingDays, DAYS_7),
    power("县委机关经费支出审批权", Cat::LargeFund, "县委办", "LC-06", LOW,
        "县委机关财务管理制度",
        "审批县委机关日常经费支出。",
        "违规支出的，追究有关人员责任。",
        "县委办公室", OPEN_WEB_DOC, Timing::Periodic, None)
        .life(Retracted((2011, 6, 20)), (2011, 5, 3)),
    power("大额资金拨付执行权", Cat::LargeFund, "财政局", "LC-06", MED,
        "《中华人民共和国预算法》；《财政违法行为处罚处分条例》",
        "依据县委常委会审定结果，通过国库集中支付拨付大额资金，拨付情况按季度公开。",
        "未经审定拨付或超进度拨付的，追究有关人员责任。",
        "县财政局", OPEN_WEB_DOC, Timing::Periodic, None)
        .phone("0970-0000103"),
    power("大额资金使用审计监督权", Cat::LargeFund, "审计局", "LC-06", LOW,
        "《中华人民共和国审计法》",
        "对大额资金使用情况进行审计和绩效评价，审计结果公开。",
        "审计中隐瞒问题的，追究有关人员责任。",
        "县审计局", OPEN_ALL, Timing::Periodic, None),
    // 其他
    power("党内情况通报权", Cat::Other, "常委会", "LC-01", LOW,
        "《中国共产党党员权利保障条例》；《关于党的基层组织实行党务公开的意见》",
        "定期向全县党组织和党员通报县委重要工作和党内重要情况。",
        "应通报不通报的，责令改正。",
        "县委办公室", IN_PARTY, Timing::Periodic, None)
        .scoped(PTY, &[]),
    power("党员违纪案件查处权", Cat::Other, "纪委", "LC-08", HIGH,
        "《中国共产党纪律检查机关案件检查工作条例》；《中国共产党纪律处分条例》",
        "受理问题线索，依纪依法初核、立案、调查、审理，作出处分决定。",
        "压案不查、以案谋私的，严肃追究责任。",
        "县纪委", IN_PARTY, Timing::WithinWorkingDays, Some(10))
        .phone("0970-0000101")
        .scoped(PTY, &[]),
    power("严重违纪违法问题处理结果公开权", Cat::Other, "纪委", "LC-08", MED,
        "《关于党的基层组织实行党务公开的意见》；《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》",
        "对严重违纪违法问题的处理结果予以通报，典型案件公开曝光，按季度公开查处情况统计。",
        "应通报不通报的，追究有关人员责任。",
        "县纪委", OPEN_ALL, Timing::WithinWorkingDays, Some(10))
        .phone("0970-0000101"),
    power("对县委常委会成员的监督权", Cat::Other, "纪委", "LC-01", MED,
        "《中国共产党党内监督条例（试行）》",
        "监督常委会成员执行民主集中制和廉洁自律情况，组织县级领导干部公开述职述廉。",
        "监督失职的，追究有关人员责任。",
        "县纪委", OPEN_ALL, Timing::Periodic, None),
    power("县委新闻发言人发布权", Cat::Other, "宣传部", "LC-01", LOW,
        "《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》",
        "定期发布县委重要工作和权力公开透明运行情况，回应社会关切。",
        "发布不实信息的，追究有关人员责任。",
        "县委宣传部", OPEN_PRESS, Timing::Periodic, None)
        .life(Draft, (2011, 11, 21)),
    power("县委常委会会议列席旁听组织权", Cat::Other, "县委办", "LC-07", LOW,
        "《县委常委会列席旁听制度》",
        "确定开放旁听议题，从会议列席人员资料库中邀请旁听人员，反馈意见采纳情况。",
        "无故限制旁听的，责令改正。",
        "县委办公室", OPEN_ALL, Timing::WithinWorkingDays, DAYS_5)
        .phone("0970-0000102"),
    power("县党代表提案受理办理权", Cat::Other, "组织部", "LC-11", LOW,
        "《中国共产党章程》；《中国共产党党员权利保障条例》",
        "受理党代表提案，交办并督促答复，办理结果公开。",
        "提案办理敷衍塞责的，追究有关人员责任。",
        "县委组织部", IN_PARTY_WEB, Timing::WithinWorkingDays, Some(20))
        .life(Submitted, (2011, 10, 17)),
    power("“一述双评三监督”组织实施权", Cat::Other, "常委会", "LC-01", MED,
        "《关于实行“一述双评三监督”制度的意见》；《中国共产党党内监督条例（试行）》",
        "组织县委书记、副书记公开述职述廉，常委书面述职述廉，开展党内评和党外评。",
        "述职述廉走过场的，责令改正。",
        "县纪委、县委组织部", OPEN_ALL, Timing::Periodic, None)
        .life(Approved, (2011, 11, 21)),
    power("民族宗教重大事项协调权", Cat::Other, "统战部", "LC-02", HIGH,
        "《中华人民共和国民族区域自治法》；《宗教事务条例》",
        "协调处理涉及民族团结和宗教事务的重大事项。",
        "协调处理不当造成不良影响的，追究有关人员责任。",
        "县委统战部、县民族宗教事务局", IN_PARTY, Timing::Standing, None)
        .scoped(RES, &["统战部", "常委会"]),
    power("党务公开保密审查权", Cat::Other, "保密办", "LC-09", MED,
        "《中华人民共和国保守国家秘密法》；《关于党的基层组织实行党务公开的意见》",
        "对拟公开的党务信息进行保密审查，出具审查结论。",
        "审查失职导致泄密或应公开未公开的，追究有关人员责任。",
        "县委保密委员会办公室", IN_PARTY, Timing::Standing, None)
        .phone("0970-0000102")
        .scoped(RES, &["县委办", "领导小组办"]),
];

// ---------------------------------------------------------------------------------------------
// The observer pool (会议列席人员资料库)
// ---------------------------------------------------------------------------------------------

struct ObserverRow {
    person: &'static str,
    category: Oc,
    since: Ymd,
    note: &'static str,
    scope: Scope,
    life: Life,
    on: Ymd,
    audience: &'static [&'static str],
}

const fn pool(person: &'static str, category: Oc, note: &'static str) -> ObserverRow {
    ObserverRow {
        person,
        category,
        since: (2011, 5, 9),
        note,
        scope: PUB,
        life: Live,
        on: (2011, 5, 9),
        audience: &[],
    }
}

impl ObserverRow {
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        ObserverRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, since: Ymd) -> Self {
        ObserverRow {
            life,
            since,
            on: since,
            ..self
        }
    }
}

const OBSERVERS: &[ObserverRow] = &[
    pool(
        "白振东",
        Oc::Expert,
        "州委党校副教授，研究方向为基层党建和党内民主",
    ),
    pool(
        "马晓梅",
        Oc::Expert,
        "高校法学副教授，研究方向为行政法和政府信息公开",
    ),
    pool("韩占福", Oc::Grassroots, "浩门镇农民，油菜种植户"),
    pool("桑杰", Oc::Grassroots, "珠固乡牧民；本人要求不公开个人信息")
        .scoped(RES, &["领导小组办", "县委办"]),
    pool("刘桂兰", Oc::CommunityMember, "浩门镇某社区党员，退休教师").scoped(PTY, &[]),
    pool("马玉珍", Oc::CommunityMember, "浩门镇某社区党支部委员").scoped(PTY, &[]),
    pool("郭志强", Oc::Cadre, "县农牧局干部"),
    pool("李红霞", Oc::Cadre, "县民政局干部"),
    pool(
        "祁明",
        Oc::PeoplesDeputy,
        "县人大代表，东川镇某村党支部书记",
    ),
    pool("冶桂英", Oc::PeoplesDeputy, "县人大代表，个体工商户"),
    pool(
        "赵德胜",
        Oc::CppccMember,
        "县政协委员，民营企业负责人（油菜籽加工）",
    ),
    pool("韩玉兰", Oc::CppccMember, "县政协委员，县人民医院医生"),
    pool("杨秀", Oc::Grassroots, "青石嘴镇农民，拟新增入库").life(Draft, (2011, 11, 18)),
    pool("王建平", Oc::Expert, "省内高校经济学教授，拟新增入库").life(Submitted, (2011, 11, 8)),
    pool(
        "陈志远",
        Oc::CommunityMember,
        "浩门镇某社区党员；因迁居外地退出资料库",
    )
    .scoped(PTY, &[])
    .life(Retracted((2011, 10, 10)), (2011, 5, 9)),
    pool("金海", Oc::Cadre, "县交通运输局干部，拟新增入库").life(Approved, (2011, 11, 21)),
];

// ---------------------------------------------------------------------------------------------
// Meetings, with attendance, agenda, decisions and milestones
// ---------------------------------------------------------------------------------------------

/// The standing committee of the 12th county committee (fictional members after the six the plan names).
const SC: &[&str] = &[
    "陈鹏",
    "马应寿",
    "任正德",
    "李柏林",
    "董国占",
    "景占旭",
    "赵建华",
    "韩明德",
    "王立新",
    "孙海燕",
    "冶成福",
];
/// The plenary: the standing committee and (fictional) other members of the county committee.
const PLENARY: &[&str] = &[
    "陈鹏",
    "马应寿",
    "任正德",
    "李柏林",
    "董国占",
    "景占旭",
    "赵建华",
    "韩明德",
    "王立新",
    "孙海燕",
    "冶成福",
    "马建忠",
    "李国栋",
    "祁德全",
    "多杰才旦",
    "索南才让",
    "何海龙",
    "冶秀兰",
    "贺建军",
];
/// The leading group: the six leaders the plan names and three member heads of offices.
const LG: &[&str] = &[
    "陈鹏",
    "马应寿",
    "任正德",
    "李柏林",
    "董国占",
    "景占旭",
    "孙海燕",
    "张德明",
    "马占林",
];
/// Staff of the leading-group office, attending without a vote.
const LG_STAFF: &[&str] = &["李秀英", "才让卓玛", "鲁永刚"];
/// The county government's executive meeting.
const GOV: &[&str] = &["马应寿", "王立新", "冶成福", "贾建国", "才让加"];
/// 列席 of every standing-committee meeting: the 人大 chair and the 政协 chair.
const SC_GUESTS: &[&str] = &["马文清", "祁永福"];
const SC_GUESTS_FINANCE: &[&str] = &["马文清", "祁永福", "冶秀兰"];

/// A milestone: title, due, done, status, evidence.
type Milestone = (&'static str, Ymd, Option<Ymd>, Ex, Option<&'static str>);

/// Votes against and abstaining; those for are the members present minus these.
type Vote = Option<(i32, i32)>;
const UNANIMOUS: Vote = Some((0, 0));
const NO_VOTE: Vote = None;

struct Dec {
    kind: Dk,
    title: &'static str,
    text: &'static str,
    vote: Vote,
    result: Dr,
    execution: Ex,
    milestones: &'static [Milestone],
    /// The meeting's scope and life unless set.
    scope: Option<Scope>,
    life: Option<Life>,
    audience: &'static [&'static str],
}

const fn dec(
    kind: Dk,
    title: &'static str,
    text: &'static str,
    vote: Vote,
    result: Dr,
    execution: Ex,
    milestones: &'static [Milestone],
) -> Dec {
    Dec {
        kind,
        title,
        text,
        vote,
        result,
        execution,
        milestones,
        scope: None,
        life: None,
        audience: &[],
    }
}

impl Dec {
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        Dec {
            scope: Some(scope),
            audience,
            ..self
        }
    }
    const fn life(self, life: Life) -> Self {
        Dec {
            life: Some(life),
            ..self
        }
    }
}

struct Item {
    title: &'static str,
    presenter: Option<&'static str>,
    summary: &'static str,
    decisions: &'static [Dec],
}

const fn item(
    title: &'static str,
    presenter: Option<&'static str>,
    summary: &'static str,
    decisions: &'static [Dec],
) -> Item {
    Item {
        title,
        presenter,
        summary,
        decisions,
    }
}

struct MeetingRow {
    key: &'static str,
    body: &'static str,
    kind: Mk,
    label: &'static str,
    session: Option<i32>,
    day: Ymd,
    at: (u32, u32),
    place: &'static str,
    chair: &'static str,
    state: Ms,
    summary: &'static str,
    minutes: &'static str,
    members: &'static [&'static str],
    absent: &'static [(&'static str, &'static str)],
    guests: &'static [&'static str],
    observers: &'static [&'static str],
    scope: Scope,
    life: Life,
    /// Publication day; by default the first working day five days after the meeting.
    publish: Option<Ymd>,
    audience: &'static [&'static str],
    agenda: &'static [Item],
}

/// A held meeting of the standing committee, chaired by the county party secretary.
#[allow(clippy::too_many_arguments)]
const fn standing(
    key: &'static str,
    session: i32,
    label: &'static str,
    day: Ymd,
    summary: &'static str,
    minutes: &'static str,
    absent: &'static [(&'static str, &'static str)],
    observers: &'static [&'static str],
    agenda: &'static [Item],
) -> MeetingRow {
    MeetingRow {
        key,
        body: "常委会",
        kind: Mk::StandingCommittee,
        label,
        session: Some(session),
        day,
        at: (9, 0),
        place: "县委常委会议室",
        chair: "陈鹏",
        state: Ms::Held,
        summary,
        minutes,
        members: SC,
        absent,
        guests: SC_GUESTS,
        observers,
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda,
    }
}

impl MeetingRow {
    const fn guests(self, guests: &'static [&'static str]) -> Self {
        MeetingRow { guests, ..self }
    }
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        MeetingRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life) -> Self {
        MeetingRow { life, ..self }
    }
}

const MEETINGS: &[MeetingRow] = &[
    standing("M81", 81, "第十二届县委第八十一次常委会会议", (2011, 1, 5),
        "研究部署县委权力公开透明运行试点工作，审议试点工作实施方案，成立领导小组。",
        "会议传达学习了省委《青海省县委权力公开透明运行试点工作方案》，原则通过《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》，决定成立县委权力公开透明运行试点工作领导小组。会议要求按照“夯实基础、突出重点、完善制度、扎实推进、务求实效”的总体要求，把试点工作作为一项政治任务抓紧抓好。",
        &[("冶成福", "因公外出（赴西宁参加全省农牧业工作会议）")],
        &[],
        &[
            item("传达学习省委《青海省县委权力公开透明运行试点工作方案》", Some("董国占"),
                "传达青发〔2010〕24号文件精神。门源县被省纪委、省委组织部确定为全省两个试点县之一。", &[]),
            item("审议《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》", Some("董国占"),
                "实施方案明确总体要求、目标任务、工作原则、八项主要任务和四个阶段的工作步骤。", &[
                dec(Dk::Decision, "原则通过县委权力公开透明运行试点工作实施方案",
                    "会议原则通过《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》。试点工作自2010年12月开始至2011年11月结束，分启动动员、职权清理、公开运行、总结完善四个阶段推进。由县委办公室根据会议意见修改后印发。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("印发实施方案", (2011, 1, 10), Some((2011, 1, 10)), Ex::Completed, Some("实施方案已于2011年1月10日印发各党委、党组，县委各部门，各群众团体。")),
                        ("召开全县动员大会", (2011, 1, 20), Some((2011, 1, 18)), Ex::Completed, Some("全县试点工作动员大会于1月18日召开。")),
                    ]),
            ]),
            item("研究成立县委权力公开透明运行试点工作领导小组", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于成立县委权力公开透明运行试点工作领导小组的决定",
                    "成立县委权力公开透明运行试点工作领导小组，陈鹏同志任组长，马应寿同志任第一副组长，任正德同志任常务副组长，李柏林、董国占、景占旭同志任副组长，成员由县四大班子办公室和县委各职能部门负责同志组成。领导小组办公室设在县纪委，董国占同志兼任办公室主任，下设综合组、宣传报道组、后勤保障组。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("抽调人员集中办公", (2011, 1, 15), Some((2011, 1, 14)), Ex::Completed, Some("从县直单位抽调8名同志到领导小组办公室集中办公。")),
                    ]),
            ]),
        ]),
    MeetingRow {
        key: "LG1",
        body: "领导小组",
        kind: Mk::LeadingGroup,
        label: "县委权力公开透明运行试点工作领导小组第一次会议",
        session: Some(1),
        day: (2011, 1, 12),
        at: (15, 0),
        place: "县纪委会议室",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "安排部署职权清理和公开载体建设工作。",
        minutes: "会议听取了领导小组办公室关于试点工作前期准备情况的汇报，对职权清理工作进行分工，研究公开载体建设。会议要求各成员单位明确一名分管领导和一名联络员，按时报送职权清单。",
        members: LG,
        absent: &[],
        guests: LG_STAFF,
        observers: &[],
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("安排部署县委职权清理工作", Some("董国占"), "县委各职能部门对照党内法规梳理职权、依据和运行程序。", &[
                dec(Dk::Determination, "关于县委职权清理工作分工的决定",
                    "各职能部门于2月底前报送本部门职权清单及依据，领导小组办公室汇总审核，4月底前完成县委职权目录编制和职权运行流程图绘制。",
                    NO_VOTE, Dr::Adopted, Ex::Completed, &[
                        ("各部门报送职权清单", (2011, 2, 28), Some((2011, 3, 4)), Ex::Completed, Some("各部门职权清单于3月4日全部报齐，较要求推迟4天。")),
                        ("完成职权目录编制和流程图绘制", (2011, 4, 30), Some((2011, 4, 28)), Ex::Completed, Some("《县委职权目录》经县委十二届十二次全体会议审议通过。")),
                    ]),
            ]),
            item("研究公开载体建设", Some("景占旭"), "开通门源县委权力公开透明运行网，在县电视台开辟专栏，在各乡镇和县直单位设立公开栏。", &[
                dec(Dk::Decision, "关于开通门源县委权力公开透明运行网和电视专栏的决策",
                    "开通“门源县委权力公开透明运行网”，在县电视台开辟县委权力公开透明运行专栏，在各乡镇、县直各单位设立公开栏，由领导小组办公室宣传报道组负责内容编发。",
                    NO_VOTE, Dr::Adopted, Ex::Completed, &[
                        ("网站试运行", (2011, 4, 30), Some((2011, 4, 29)), Ex::Completed, Some("门源县委权力公开透明运行网4月29日试运行。")),
                        ("电视专栏开播", (2011, 5, 15), Some((2011, 5, 13)), Ex::Completed, Some("县电视台专栏5月13日首播，每周五播出。")),
                        ("设立乡镇和县直单位公开栏", (2011, 5, 31), Some((2011, 5, 27)), Ex::Completed, Some("各乡镇和县直单位公开栏全部设立。")),
                    ]),
            ]),
        ],
    },
    MeetingRow {
        key: "动员大会",
        body: "领导小组",
        kind: Mk::Other,
        label: "全县县委权力公开透明运行试点工作动员大会",
        session: None,
        day: (2011, 1, 18),
        at: (9, 30),
        place: "县会议中心",
        chair: "任正德",
        state: Ms::Held,
        summary: "动员部署县委权力公开透明运行试点工作。",
        minutes: "领导小组组长作动员讲话，领导小组副组长、办公室主任对试点工作作具体安排部署。县四大班子领导，各乡镇、县直各单位主要负责同志参加会议。",
        members: LG,
        absent: &[],
        guests: &["马文清", "祁永福", "马建忠", "李国栋", "祁德全", "多杰才旦", "索南才让", "何海龙"],
        observers: &[],
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("动员讲话", Some("陈鹏"), "", &[]),
            item("安排部署试点工作", Some("董国占"), "明确四个阶段的时间节点和各成员单位职责。", &[]),
        ],
    },
    standing("M82", 82, "第十二届县委第八十二次常委会会议", (2011, 1, 27),
        "研究2011年县本级财政预算安排、春节期间安全稳定和党风廉政建设工作。",
        "会议同意2011年县本级财政预算安排建议，提请县人民代表大会审议；对春节期间安全稳定和困难群众慰问工作作出安排；原则通过《2011年全县党风廉政建设和反腐败工作要点》。",
        &[],
        &[],
        &[
            item("研究2011年县本级财政预算安排建议", Some("王立新"), "", &[
                dec(Dk::Decision, "关于2011年县本级财政预算安排的建议",
                    "同意县政府提出的2011年县本级财政预算安排建议，支出重点向扶贫开发、农牧民增收、游牧民定居和城镇建设倾斜，压缩一般性支出，提请县人民代表大会审议。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("提请县人民代表大会审议", (2011, 2, 28), Some((2011, 2, 24)), Ex::Completed, Some("预算草案经县人民代表大会审议批准。")),
                    ]),
            ]),
            item("研究春节期间安全稳定和困难群众慰问工作", Some("赵建华"), "", &[
                dec(Dk::Determination, "关于做好2011年春节期间安全稳定和困难群众慰问工作的决定",
                    "春节期间实行县级领导带班值班制度，开展矛盾纠纷排查和安全生产检查；由县民政局会同各乡镇对城乡低保户、五保户和重点优抚对象走访慰问，慰问金发放名单在村（社区）公开栏公示。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("慰问金发放到户", (2011, 2, 1), Some((2011, 1, 31)), Ex::Completed, Some("慰问金已发放到户，名单在各村（社区）公示。")),
                    ]),
            ]),
            item("审议《2011年全县党风廉政建设和反腐败工作要点》", Some("董国占"), "", &[
                dec(Dk::Decision, "原则通过2011年全县党风廉政建设和反腐败工作要点",
                    "会议原则通过工作要点，要求严格执行党风廉政建设责任制和工作日禁酒令，把县委权力公开透明运行作为从源头上预防腐败的重要举措。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("签订党风廉政建设责任书", (2011, 3, 31), Some((2011, 3, 25)), Ex::Completed, Some("县委与各乡镇、县直单位签订责任书。")),
                        ("开展工作日禁酒令专项检查", (2011, 6, 30), Some((2011, 6, 28)), Ex::Completed, Some("开展明察暗访4次，通报违反禁酒令问题。")),
                        ("年度党风廉政建设责任制考核", (2011, 12, 31), None, Ex::NotStarted, None),
                    ]),
            ]),
        ]),
    standing("M83", 83, "第十二届县委第八十三次常委会会议", (2011, 2, 15),
        "研究干部任免事项、春耕生产和春耕农资储备资金。",
        "会议决定才让多杰同志拟任县农牧局副局长，按程序进行任前公示；对春耕生产和农牧民增收工作作出部署；同意安排春耕化肥储备周转资金。",
        &[],
        &[],
        &[
            item("研究干部任免事项", Some("李柏林"), "对经民主推荐、组织考察的人选进行讨论。", &[
                dec(Dk::Determination, "关于才让多杰同志拟任职务的决定",
                    "经民主推荐、组织考察和酝酿，常委会无记名投票表决，决定才让多杰同志拟任县农牧局副局长，按规定进行任前公示，试用期一年。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("研究2011年春耕生产和农牧民增收工作", Some("王立新"), "", &[
                dec(Dk::Decision, "关于做好2011年春耕生产和农牧民增收工作的决策",
                    "落实油菜、青稞、马铃薯等作物种植面积，及时发放良种补贴和农资综合补贴，组织农牧民劳务输出培训。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("良种补贴发放到户", (2011, 4, 15), Some((2011, 4, 12)), Ex::Completed, Some("补贴资金通过“一卡通”发放到户，名单在村务公开栏公示。")),
                        ("完成春播", (2011, 5, 10), Some((2011, 5, 8)), Ex::Completed, None),
                    ]),
            ]),
            item("研究春耕农资储备资金", Some("冶秀兰"), "", &[
                dec(Dk::Determination, "关于安排春耕化肥储备周转资金的决定",
                    "同意从县本级财政安排春耕化肥储备周转资金120万元，由县供销联社承储，春播结束后收回。",
                    UNANIMOUS, Dr::Adopted, Ex::Overdue, &[
                        ("资金拨付", (2011, 3, 10), Some((2011, 3, 8)), Ex::Completed, Some("国库集中支付。")),
                        ("周转资金收回", (2011, 7, 31), None, Ex::Overdue, Some("截至10月底已收回96万元，尚余24万元未收回，县财政局已下达催收通知。")),
                    ]),
            ]),
        ])
        .guests(SC_GUESTS_FINANCE),
    MeetingRow {
        key: "全委11",
        body: "全委会",
        kind: Mk::Plenary,
        label: "中共门源县委十二届十一次全体（扩大）会议",
        session: Some(11),
        day: (2011, 2, 18),
        at: (9, 0),
        place: "县会议中心",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "听取和审议县委常委会工作报告，审议“十二五”规划纲要草案和推进试点工作的决议。",
        minutes: "全会审议通过了县委常委会工作报告和关于推进县委权力公开透明运行试点工作的决议，同意将《门源县国民经济和社会发展第十二个五年规划纲要（草案）》提请县人民代表大会审议。",
        members: PLENARY,
        absent: &[("何海龙", "因公外出（参加州委党校中青年干部培训班）")],
        guests: &["马文清", "祁永福", "张德明", "马占林"],
        observers: &[],
        scope: PTY,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("听取和审议县委常委会2010年工作报告", Some("陈鹏"), "", &[
                dec(Dk::Resolution, "关于县委常委会工作报告的决议",
                    "全会同意县委常委会所作的工作报告，对常委会2010年的工作给予肯定，要求常委会认真落实全会提出的意见和建议。",
                    Some((0, 1)), Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("审议《门源县国民经济和社会发展第十二个五年规划纲要（草案）》", Some("马应寿"), "", &[
                dec(Dk::Decision, "关于同意将“十二五”规划纲要草案提请县人民代表大会审议的决定",
                    "全会同意《门源县国民经济和社会发展第十二个五年规划纲要（草案）》，提请县人民代表大会审议。规划提出加快发展特色农牧业、生态旅游和城镇建设，持续增加农牧民收入。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("提请县人民代表大会审议", (2011, 3, 1), Some((2011, 2, 24)), Ex::Completed, Some("规划纲要经县人民代表大会审议批准。")),
                    ])
                    .scoped(PUB, &[]),
            ]),
            item("审议关于推进县委权力公开透明运行试点工作的决议", Some("董国占"), "", &[
                dec(Dk::Resolution, "关于贯彻省委部署推进县委权力公开透明运行试点工作的决议",
                    "全会要求全县各级党组织按照实施方案，完成职权清理、公开运行和总结完善各阶段任务，让权力在阳光下运行。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("完成职权清理阶段任务", (2011, 4, 30), Some((2011, 4, 28)), Ex::Completed, Some("职权目录和流程图经县委全委会审议通过。")),
                        ("完成公开运行阶段任务", (2011, 10, 31), Some((2011, 10, 26)), Ex::Completed, Some("县委常委会听取公开运行阶段工作汇报。")),
                        ("完成总结完善阶段任务并形成专题报告", (2011, 11, 30), None, Ex::InProgress, Some("总结报告送审稿已提交领导小组。")),
                    ]),
            ]),
        ],
    },
    standing("M84", 84, "第十二届县委第八十四次常委会会议", (2011, 3, 8),
        "审议规范县委全委会、常委会及成员职权的意见，研究干部任免和扶贫开发整村推进项目。",
        "会议审议通过《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》；决定刘玉梅同志平职交流任职；确定2011年扶贫开发整村推进项目村。",
        &[("赵建华", "因公外出（赴州参加全州政法工作会议）")],
        &[],
        &[
            item("审议《中共门源县委关于进一步规范县委全委会、常委会及成员职权的意见》", Some("任正德"),
                "明确党代会、全委会、常委会及其成员、县委各职能部门的职责和权限。", &[
                dec(Dk::Decision, "通过《关于进一步规范县委全委会、常委会及成员职权的意见》",
                    "会议审议通过该意见，明确划分党代会、县委全委会、县委常委会及其成员和县委各职能部门的职责权限，对县委书记职权作出专门规范。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("印发", (2011, 3, 15), Some((2011, 3, 10)), Ex::Completed, Some("以门发〔2011〕6号印发。")),
                    ]),
            ]),
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于刘玉梅同志职务调整的决定",
                    "决定刘玉梅同志任县文化体育局副局长（平职交流），按规定进行任前公示。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("研究2011年扶贫开发整村推进项目", Some("马应寿"), "", &[
                dec(Dk::Decision, "关于2011年扶贫开发整村推进项目安排的决策",
                    "确定2011年在珠固、仙米、东川等乡镇12个贫困村实施整村推进，重点建设村道、人畜饮水和暖棚养殖，项目村和资金安排在村务公开栏公示。",
                    UNANIMOUS, Dr::Adopted, Ex::Overdue, &[
                        ("项目村公示", (2011, 4, 15), Some((2011, 4, 11)), Ex::Completed, None),
                        ("项目开工", (2011, 6, 30), Some((2011, 6, 20)), Ex::Completed, None),
                        ("项目竣工验收", (2011, 10, 31), None, Ex::Overdue, Some("12个村中9个村已完成验收，3个村因雨季延误尚未完工。")),
                    ]),
            ]),
        ]),
    standing("M85", 85, "第十二届县委第八十五次常委会会议", (2011, 3, 29),
        "研究抗旱保苗、游牧民定居工程和县政府办公楼维修改造项目。",
        "会议决定启动抗旱应急响应；通过2011年游牧民定居工程实施方案；对县政府提请的办公楼维修改造项目，会议认为不符合厉行节约要求，县委行使否决权，不予同意。",
        &[],
        &[],
        &[
            item("研究全县抗旱保苗工作", Some("冶成福"), "", &[
                dec(Dk::Decision, "关于开展抗旱保苗工作的决策",
                    "启动抗旱四级应急响应，安排抗旱资金80万元，组织机电井、提灌站抗旱浇灌，受旱乡镇实行县级领导包片责任制。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("抗旱资金下达", (2011, 4, 5), Some((2011, 4, 2)), Ex::Completed, Some("资金分配表已在网站公开。")),
                    ]),
            ]),
            item("研究2011年游牧民定居工程实施方案", Some("王立新"), "", &[
                dec(Dk::Decision, "关于2011年游牧民定居工程实施方案的决策",
                    "2011年在皇城、苏吉滩、珠固等乡实施游牧民定居工程，建设户数和补助标准按省州下达计划执行，补助对象张榜公示。（4月15日更正：实施乡镇增加珠固乡。）",
                    UNANIMOUS, Dr::Adopted, Ex::Overdue, &[
                        ("定居点选址和规划", (2011, 5, 31), Some((2011, 5, 26)), Ex::Completed, None),
                        ("主体工程完工", (2011, 10, 15), None, Ex::Overdue, Some("主体工程完工约占78%，其余因建材运输受阻推迟。")),
                        ("入住验收", (2011, 12, 31), None, Ex::NotStarted, None),
                    ])
                    .life(Revised((2011, 4, 15))),
            ]),
            item("审议县政府关于县政府办公楼维修改造项目的请示", Some("王立新"), "县政府常务会议议决后报县委审定。", &[
                dec(Dk::Determination, "关于县政府办公楼维修改造项目的决定",
                    "该项目未列入年度投资计划，不符合厉行节约要求，县委行使否决权，不予同意。",
                    Some((8, 1)), Dr::Rejected, Ex::NotStarted, &[]),
            ]),
        ]),
    standing("M86", 86, "第十二届县委第八十六次常委会会议", (2011, 4, 20),
        "审议县委职权目录和职权运行流程图，研究浩门镇城镇建设和城镇建设配套资金。",
        "会议原则通过《县委职权目录》和六类职权运行流程图，提请县委全委会审议；确定2011年浩门镇城镇建设重点项目；同意安排城镇基础设施建设县级配套资金500万元。",
        &[("韩明德", "病假")],
        &[],
        &[
            item("审议《县委职权目录》和职权运行流程图", Some("董国占"), "领导小组办公室汇总各部门职权清单，逐项审核形成职权目录和六类流程图。", &[
                dec(Dk::Decision, "原则通过《县委职权目录》和职权运行流程图",
                    "会议原则通过《县委职权目录》和县委权力公开透明运行、重大事项决策、干部任免、重大工程项目建设、重大事件处置、大额资金使用六类流程图，提请县委全委会审议。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("研究2011年浩门镇城镇建设重点项目", Some("马应寿"), "", &[
                dec(Dk::Decision, "关于2011年浩门镇城镇建设重点项目的决策",
                    "实施浩门镇街道改造、给排水管网和集中供热改造等项目；集中供热改造涉及群众切身利益，决策前举行听证。",
                    UNANIMOUS, Dr::Adopted, Ex::Overdue, &[
                        ("街道改造工程招标", (2011, 5, 31), Some((2011, 6, 10)), Ex::Completed, Some("推迟10天完成招标，中标结果已公示。")),
                        ("给排水管网完工", (2011, 9, 30), Some((2011, 9, 28)), Ex::Completed, None),
                        ("集中供热改造一期完工", (2011, 10, 15), None, Ex::Overdue, Some("听证后方案调整，一期工程推迟开工。")),
                    ]),
            ]),
            item("研究城镇建设配套资金", Some("冶秀兰"), "", &[
                dec(Dk::Determination, "关于安排城镇基础设施建设县级配套资金的决定",
                    "同意安排浩门镇城镇基础设施建设县级配套资金500万元，按工程进度拨付，拨付情况按季度公开。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("第一批资金拨付", (2011, 6, 30), Some((2011, 6, 24)), Ex::Completed, Some("拨付200万元。")),
                        ("第二批资金拨付", (2011, 10, 31), Some((2011, 10, 27)), Ex::Completed, Some("拨付200万元。")),
                        ("决算审计", (2011, 12, 31), None, Ex::NotStarted, None),
                    ]),
            ]),
        ])
        .guests(SC_GUESTS_FINANCE),
    MeetingRow {
        key: "全委12",
        body: "全委会",
        kind: Mk::Plenary,
        label: "中共门源县委十二届十二次全体会议",
        session: Some(12),
        day: (2011, 4, 28),
        at: (9, 0),
        place: "县会议中心",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "审议通过《中共门源县委职权目录》和《中共门源县委领导班子工作规则》。",
        minutes: "全会审议通过《中共门源县委职权目录》，决定张贴公示并在网上公开；审议通过《中共门源县委领导班子工作规则》。",
        members: PLENARY,
        absent: &[],
        guests: SC_GUESTS,
        observers: &[],
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("审议《中共门源县委职权目录》", Some("董国占"), "", &[
                dec(Dk::Resolution, "关于审议通过《中共门源县委职权目录》的决议",
                    "全会审议通过《中共门源县委职权目录》，职权目录和流程图张贴公示并在网上公开，接受党员群众监督。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("职权目录和流程图公开", (2011, 5, 10), Some((2011, 5, 6)), Ex::Completed, Some("已在门源县委权力公开透明运行网和各乡镇公开栏公布。")),
                    ]),
            ]),
            item("审议《中共门源县委领导班子工作规则》", Some("任正德"), "", &[
                dec(Dk::Decision, "通过《中共门源县委领导班子工作规则》",
                    "全会审议通过工作规则，对集体领导和个人分工负责、议事决策程序和书记末位表态作出规定。",
                    Some((0, 1)), Dr::Adopted, Ex::Completed, &[])
                    .scoped(PTY, &[]),
            ]),
        ],
    },
    MeetingRow {
        key: "LG2",
        body: "领导小组",
        kind: Mk::LeadingGroup,
        label: "县委权力公开透明运行试点工作领导小组第二次会议",
        session: Some(2),
        day: (2011, 5, 6),
        at: (15, 0),
        place: "县纪委会议室",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "部署公开运行阶段工作，研究公开县级领导干部手机号码。",
        minutes: "会议决定自5月1日起全面转入公开运行阶段，推动“开门开会”，设立县委党务工作社会监督员，建立手机短信监督平台；决定向社会公开县委书记、县长及各县级领导的手机号码。",
        members: LG,
        absent: &[("孙海燕", "因公外出（赴州委办公室汇报工作）")],
        guests: LG_STAFF,
        observers: &[],
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("部署公开运行阶段工作", Some("董国占"), "", &[
                dec(Dk::Decision, "关于全面转入公开运行阶段的工作安排",
                    "自5月1日起全面转入公开运行阶段：推动“开门开会”，建立会议列席人员资料库，设立县委党务工作社会监督员，建立党务政务公开和领导干部廉洁自律监督手机短信平台。",
                    NO_VOTE, Dr::Adopted, Ex::Overdue, &[
                        ("开通门源县委权力公开透明运行网", (2011, 5, 10), Some((2011, 5, 9)), Ex::Completed, None),
                        ("聘请县委党务工作社会监督员", (2011, 6, 30), Some((2011, 6, 29)), Ex::Completed, Some("聘请社会监督员20名。")),
                        ("开通手机短信监督平台", (2011, 7, 31), None, Ex::Overdue, Some("平台已完成采购，因运营商接口调试尚未开通。")),
                    ]),
            ]),
            item("研究公开县级领导干部手机号码", Some("景占旭"), "", &[
                dec(Dk::Determination, "关于向社会公开县级领导干部手机号码的决定",
                    "在门源县委权力公开透明运行网、电视专栏和各乡镇公开栏公布县委书记、县长及各县级领导的手机号码，接受党员群众监督。",
                    NO_VOTE, Dr::Adopted, Ex::Completed, &[
                        ("公布手机号码", (2011, 5, 20), Some((2011, 5, 18)), Ex::Completed, None),
                    ]),
            ]),
        ],
    },
    standing("M87", 87, "第十二届县委第八十七次常委会会议", (2011, 5, 18),
        "首次邀请会议列席人员资料库成员旁听。研究农牧民增收、油菜花文化旅游节筹备和列席人员资料库建设。",
        "会议研究了促进农牧民持续增收的措施和门源油菜花文化旅游节筹备工作，决定建立县委常委会会议列席人员资料库。旁听人员就劳务输出培训和旅游节期间农牧民增收提出了意见建议，会议要求有关部门吸收采纳。",
        &[("王立新", "因公外出（赴省财政厅汇报项目资金）")],
        &["白振东", "韩占福", "祁明", "赵德胜"],
        &[
            item("研究促进农牧民持续增收工作", Some("冶成福"), "", &[
                dec(Dk::Decision, "关于促进农牧民持续增收的若干措施",
                    "大力发展油菜、青稞、马铃薯等特色种植和牦牛、藏羊养殖，扩大劳务输出，支持农牧民专业合作社发展。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("劳务输出技能培训", (2011, 8, 31), Some((2011, 8, 25)), Ex::Completed, Some("培训农牧民1500人次。")),
                        ("专业合作社扶持资金兑现", (2011, 11, 30), None, Ex::InProgress, None),
                    ]),
            ]),
            item("研究2011年门源油菜花文化旅游节筹备工作", Some("景占旭"), "", &[
                dec(Dk::Decision, "关于举办2011年门源油菜花文化旅游节的决策",
                    "7月下旬举办门源油菜花文化旅游节，坚持节俭办节，节庆活动经费和赞助收支情况向社会公开。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("举办旅游节", (2011, 7, 31), Some((2011, 7, 26)), Ex::Completed, None),
                        ("公开收支情况", (2011, 8, 31), Some((2011, 8, 30)), Ex::Completed, Some("收支情况已在网站公开。")),
                    ]),
            ]),
            item("研究县委常委会列席旁听工作", Some("孙海燕"), "", &[
                dec(Dk::Determination, "关于建立县委常委会会议列席人员资料库的决定",
                    "按照专家学者、基层群众、社区党员、机关干部、人大代表、政协委员六类建立会议列席人员资料库，根据会议内容分类邀请列席旁听。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
        ]),
    standing("M88", 88, "第十二届县委第八十八次常委会会议", (2011, 6, 8),
        "研究干部任免事项、防汛工作和防汛物资储备资金。",
        "会议决定王海军同志拟任县民政局局长；对2011年防汛工作作出部署；同意安排防汛物资储备资金60万元。",
        &[],
        &["马玉珍", "郭志强"],
        &[
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于王海军同志拟任职务的决定",
                    "经民主推荐、组织考察和酝酿，常委会无记名投票表决，决定王海军同志拟任县民政局局长，按规定进行任前公示，试用期一年。",
                    Some((0, 1)), Dr::Adopted, Ex::Completed, &[])
                    .scoped(PUB, &[]),
            ]),
            item("研究2011年防汛工作", Some("冶成福"), "", &[
                dec(Dk::Decision, "关于做好2011年防汛工作的决策",
                    "落实防汛行政首长负责制，对大通河及主要支流重点河段、病险水库开展隐患排查，汛期实行24小时值班。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("重点河段隐患排查", (2011, 6, 20), Some((2011, 6, 18)), Ex::Completed, Some("排查隐患23处，已整改20处，其余3处落实度汛措施。")),
                    ])
                    .scoped(PUB, &[]),
            ]),
            item("研究防汛物资储备资金", Some("冶秀兰"), "", &[
                dec(Dk::Determination, "关于安排防汛物资储备资金的决定",
                    "同意安排防汛物资储备资金60万元，由县水务局按防汛预案采购储备，采购结果公开。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("物资采购入库", (2011, 6, 30), Some((2011, 6, 27)), Ex::Completed, Some("政府采购，结果已公示。")),
                    ]),
            ]),
        ])
        .guests(SC_GUESTS_FINANCE)
        .scoped(PTY, &[]),
    standing("M89", 89, "第十二届县委第八十九次常委会会议", (2011, 6, 28),
        "研究纪念建党90周年表彰、干部任免和聘请县委党务工作社会监督员。",
        "会议决定表彰一批先进基层党组织、优秀共产党员和优秀党务工作者；决定祁海英同志拟任县卫生局副局长；决定聘请县委党务工作社会监督员20名。",
        &[("孙海燕", "因公外出（赴省委办公厅参加培训）")],
        &["刘桂兰", "李红霞"],
        &[
            item("研究纪念建党90周年暨创先争优表彰事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于表彰先进基层党组织、优秀共产党员和优秀党务工作者的决定",
                    "表彰先进基层党组织、优秀共产党员和优秀党务工作者，表彰名单经公示无异议后在纪念建党90周年大会上颁发。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("召开纪念大会并颁奖", (2011, 7, 1), Some((2011, 6, 30)), Ex::Completed, None),
                    ])
                    .scoped(PTY, &[]),
            ]),
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于祁海英同志拟任职务的决定",
                    "决定祁海英同志拟任县卫生局副局长，按规定进行任前公示，试用期一年。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("研究聘请县委党务工作社会监督员", Some("董国占"), "", &[
                dec(Dk::Determination, "关于聘请县委党务工作社会监督员的决定",
                    "从党代表、人大代表、政协委员和基层党员群众中聘请县委党务工作社会监督员20名，聘期两年。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
        ]),
    MeetingRow {
        key: "听证会",
        body: "常委会",
        kind: Mk::Special,
        label: "县委重大事务决策听证会（浩门镇集中供热改造工程）",
        session: None,
        day: (2011, 7, 5),
        at: (15, 0),
        place: "县委第一会议室",
        chair: "任正德",
        state: Ms::Held,
        summary: "就浩门镇集中供热改造工程方案和供热价格听取群众代表意见。",
        minutes: "县发展和改革局介绍了工程方案和供热价格测算，听证代表逐一发表意见。多数代表赞成实施改造，建议分期实施、对低保户和五保户减免供热费。听证意见报县委常委会作为决策依据。",
        members: &["任正德", "王立新", "冶成福"],
        absent: &[],
        guests: &["贺建军", "冶秀兰"],
        observers: &["白振东", "马晓梅", "韩占福", "刘桂兰", "冶桂英", "赵德胜", "韩玉兰"],
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("县发展和改革局说明工程方案和供热价格测算", Some("贺建军"), "", &[]),
            item("听证代表发表意见", None, "", &[]),
            item("形成听证意见", Some("任正德"), "", &[
                dec(Dk::Decision, "浩门镇集中供热改造工程听证意见",
                    "多数听证代表赞成实施改造；建议工程分两期实施，供热价格按成本监审结果核定，对低保户、五保户减免供热费。听证意见提交县委常委会决策。",
                    NO_VOTE, Dr::Adopted, Ex::Completed, &[]),
            ]),
        ],
    },
    MeetingRow {
        key: "供热专题",
        body: "常委会",
        kind: Mk::Special,
        label: "县委常委会专题会议（研究浩门镇集中供热价格）",
        session: None,
        day: (2011, 7, 12),
        at: (15, 0),
        place: "县委常委会议室",
        chair: "陈鹏",
        state: Ms::Cancelled,
        summary: "原定研究浩门镇集中供热价格方案。因听证意见需进一步论证，会议取消，议题并入第九十次常委会会议。",
        minutes: "",
        members: SC,
        absent: &[],
        guests: SC_GUESTS,
        observers: &[],
        scope: PUB,
        life: Live,
        publish: Some((2011, 7, 8)),
        audience: &[],
        agenda: &[item("研究浩门镇集中供热价格方案", Some("王立新"), "", &[])],
    },
    MeetingRow {
        key: "政府常务12",
        body: "政府",
        kind: Mk::GovernmentExecutive,
        label: "县人民政府2011年第十二次常务会议",
        session: Some(12),
        day: (2011, 7, 14),
        at: (9, 0),
        place: "县政府常务会议室",
        chair: "马应寿",
        state: Ms::Held,
        summary: "议决浩门镇集中供热改造工程实施方案。",
        minutes: "会议研究了听证意见，议决浩门镇集中供热改造工程分两期实施，提请县委常委会审定。",
        members: GOV,
        absent: &[],
        guests: &["贺建军", "冶秀兰"],
        observers: &[],
        scope: PUB,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("议决浩门镇集中供热改造工程实施方案", Some("贺建军"), "", &[
                dec(Dk::Decision, "关于浩门镇集中供热改造工程实施方案的议决意见",
                    "采纳听证意见，工程分两期实施，一期改造县城老城区管网和热源；低保户、五保户供热费减免。提请县委常委会审定。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
        ],
    },
    standing("M90", 90, "第十二届县委第九十次常委会会议", (2011, 7, 20),
        "审定浩门镇集中供热改造工程，研究游牧民定居工程配套资金和油菜花文化旅游节安全保障。",
        "会议审定县政府议决的浩门镇集中供热改造工程实施方案；同意安排游牧民定居工程县级配套资金300万元；对旅游节期间安全保障工作作出安排。（8月2日更正：配套资金第二批拨付时限由10月底更正为11月底。）",
        &[],
        &["桑杰", "韩玉兰", "马晓梅"],
        &[
            item("审定浩门镇集中供热改造工程实施方案", Some("贺建军"), "县政府常务会议议决后报县委审定。", &[
                dec(Dk::Decision, "关于浩门镇集中供热改造工程的决策",
                    "同意县政府议决意见，工程分两期实施，一期投资由上级补助和县级配套解决；供热价格按成本监审结果核定，低保户、五保户供热费减免。",
                    UNANIMOUS, Dr::Adopted, Ex::Overdue, &[
                        ("一期工程招标", (2011, 8, 31), Some((2011, 9, 6)), Ex::Completed, Some("推迟6天完成招标。")),
                        ("一期工程试运行", (2011, 10, 15), None, Ex::Overdue, Some("管网铺设完成约85%，试运行推迟至11月下旬。")),
                    ]),
            ]),
            item("研究游牧民定居工程县级配套资金", Some("冶秀兰"), "", &[
                dec(Dk::Determination, "关于安排游牧民定居工程县级配套资金的决定",
                    "同意安排游牧民定居工程县级配套资金300万元，分两批拨付，补助对象和标准张榜公示。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("第一批拨付", (2011, 8, 15), Some((2011, 8, 12)), Ex::Completed, Some("拨付150万元。")),
                        ("第二批拨付", (2011, 11, 30), None, Ex::NotStarted, None),
                    ])
                    .life(Revised((2011, 8, 2))),
            ]),
            item("研究油菜花文化旅游节期间安全保障工作", Some("赵建华"), "", &[
                dec(Dk::Determination, "关于做好油菜花文化旅游节期间安全保障工作的决定",
                    "旅游节期间加强交通疏导、食品安全和景区安全管理，公安、交通、卫生等部门实行联合值守。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
        ])
        .guests(&["马文清", "祁永福", "贺建军", "冶秀兰"])
        .life(Revised((2011, 8, 2))),
    MeetingRow {
        key: "全委13",
        body: "全委会",
        kind: Mk::Plenary,
        label: "中共门源县委十二届十三次全体（扩大）会议",
        session: Some(13),
        day: (2011, 7, 28),
        at: (9, 0),
        place: "县会议中心",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "听取县委常委会上半年工作情况报告，票决泉口镇党委书记拟任人选。",
        minutes: "全会听取和审议了县委常委会上半年工作情况报告；对泉口镇党委书记拟任人选进行无记名投票表决，祁德全同志获得通过。",
        members: PLENARY,
        absent: &[("祁德全", "涉及本人事项，按规定回避")],
        guests: &["马文清", "祁永福", "张德明", "马占林"],
        observers: &[],
        scope: PTY,
        life: Live,
        publish: None,
        audience: &[],
        agenda: &[
            item("听取县委常委会上半年工作情况报告", Some("陈鹏"), "", &[
                dec(Dk::Resolution, "关于县委常委会上半年工作情况报告的决议",
                    "全会同意常委会上半年工作情况报告，要求下半年全面完成公开运行阶段各项任务。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("票决泉口镇党委书记拟任人选", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于祁德全同志任泉口镇党委书记的决定",
                    "经全会无记名投票表决，祁德全同志任泉口镇党委书记，不再担任泉口镇镇长职务。",
                    Some((1, 0)), Dr::Adopted, Ex::Completed, &[
                        ("发文任职", (2011, 8, 31), Some((2011, 8, 30)), Ex::Completed, None),
                    ])
                    .scoped(PUB, &[]),
            ]),
        ],
    },
    standing("M91", 91, "第十二届县委第九十一次常委会会议", (2011, 8, 10),
        "听取上半年县委权力公开透明运行工作汇报，研究违纪案件处理意见和干部任免事项。",
        "会议听取了领导小组办公室关于上半年试点工作的汇报，同意县纪委对有关违纪问题的处理意见，决定周建平同志拟任县水务局副局长。",
        &[],
        &["郭志强", "冶桂英"],
        &[
            item("听取上半年县委权力公开透明运行工作情况汇报", Some("董国占"), "", &[
                dec(Dk::Decision, "关于进一步深化县委权力公开透明运行工作的意见",
                    "针对公开内容不够具体、群众知晓率不高等问题，要求各部门细化公开内容，扩大“开门开会”范围，年内县委常委会开放旁听的议题不少于三分之一。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("开放旁听议题达到三分之一", (2011, 11, 30), None, Ex::InProgress, None),
                    ])
                    .scoped(PUB, &[]),
            ]),
            item("研究违纪案件处理意见", Some("董国占"), "", &[
                dec(Dk::Determination, "关于上半年有关违纪案件处理意见的决定",
                    "听取县纪委关于上半年查处违纪违法案件情况的汇报，同意县纪委对有关党员干部的处理意见，要求对典型案件通报曝光。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[])
                    .scoped(RES, &["纪委", "常委会"]),
            ]),
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于周建平同志拟任职务的决定",
                    "决定周建平同志拟任县水务局副局长，按规定进行任前公示。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[])
                    .scoped(PUB, &[])
                    .life(Retracted((2011, 8, 31))),
            ]),
        ])
        .scoped(PTY, &[]),
    standing("M92", 92, "第十二届县委第九十二次常委会会议", (2011, 8, 30),
        "研究扶贫开发整村推进进度、秋季农牧业生产和草原防火，研究干部任免事项。",
        "会议要求加快扶贫开发整村推进项目进度；对秋季农牧业生产和草原防火作出部署；根据任前公示期间反映问题的核查结果，决定取消一名拟任人选的拟任资格。",
        &[("韩明德", "因公外出（参加全省民族团结进步工作会议）")],
        &[],
        &[
            item("研究加快扶贫开发整村推进项目进度", Some("马应寿"), "", &[
                dec(Dk::Determination, "关于加快扶贫开发整村推进项目进度的决定",
                    "对进度滞后的项目村实行县级领导包村督办，10月底前完成全部项目验收。",
                    UNANIMOUS, Dr::Adopted, Ex::Overdue, &[
                        ("滞后项目村完成验收", (2011, 10, 31), None, Ex::Overdue, Some("仍有3个村未完成验收。")),
                    ]),
            ]),
            item("研究秋季农牧业生产和草原防火工作", Some("冶成福"), "", &[
                dec(Dk::Decision, "关于做好秋季农牧业生产和草原防火工作的决策",
                    "抓好油菜、青稞收割和秋季牲畜出栏，落实草原防火责任制，防火期内严格野外用火管理。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于取消周建平同志拟任资格的决定",
                    "任前公示期间收到反映周建平同志问题的来信3件，经县委组织部、县纪委核查，反映的部分问题属实，决定取消其拟任县水务局副局长资格。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[])
                    .scoped(RES, &["组织部", "纪委"]),
            ]),
        ]),
    standing("M93", 93, "第十二届县委第九十三次常委会会议", (2011, 9, 14),
        "研究干部任免事项和国庆期间安全生产、值班工作。",
        "会议决定赵文博同志拟任县委组织部干部监督科科长，另有一名人选暂缓研究；对国庆期间安全生产和值班工作作出安排。",
        &[],
        &["刘桂兰", "祁明"],
        &[
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于赵文博同志拟任职务的决定",
                    "决定赵文博同志拟任县委组织部干部监督科科长，按规定进行任前公示，试用期一年。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
                dec(Dk::Determination, "关于马丽同志拟任职务的意见",
                    "会议决定暂缓研究，待其个人有关事项报告核实后再议。",
                    NO_VOTE, Dr::Deferred, Ex::NotStarted, &[])
                    .scoped(PTY, &[]),
            ]),
            item("研究国庆期间安全生产和值班工作", Some("王立新"), "", &[
                dec(Dk::Determination, "关于做好国庆期间安全生产和值班工作的决定",
                    "国庆期间实行县级领导带班和24小时值班制度，开展安全生产大检查。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("安全生产大检查", (2011, 9, 28), Some((2011, 9, 27)), Ex::Completed, None),
                    ]),
            ]),
        ]),
    MeetingRow {
        key: "党代表座谈会",
        body: "党代会",
        kind: Mk::PartyCongress,
        label: "县第十二次党代会代表座谈会",
        session: None,
        day: (2011, 9, 20),
        at: (15, 0),
        place: "县委第一会议室",
        chair: "任正德",
        state: Ms::Held,
        summary: "通报试点工作进展，征集党代表提案，研究建立党代表提案和“双向约见”制度。",
        minutes: "座谈会通报了县委权力公开透明运行试点工作进展，征集党代表提案和意见建议，与会代表同意建立党代表提案制度和县委委员与县党代表“双向约见”制度。",
        members: &["任正德", "李柏林", "马建忠", "李国栋", "祁德全", "多杰才旦", "索南才让", "何海龙"],
        absent: &[("索南才让", "因公外出（仙米乡草原防火检查）")],
        guests: &["张德明"],
        observers: &["刘桂兰", "马玉珍"],
        scope: PTY,
        life: Approved,
        publish: None,
        audience: &[],
        agenda: &[
            item("通报县委权力公开透明运行试点工作进展", Some("李柏林"), "", &[]),
            item("征集党代表提案和意见建议", Some("任正德"), "", &[
                dec(Dk::Determination, "关于建立党代表提案制度和“双向约见”制度的意见",
                    "与会党代表同意建立党代表提案制度和县委委员与县党代表“双向约见”制度，由县委组织部起草具体办法报县委常委会审定。",
                    NO_VOTE, Dr::Adopted, Ex::InProgress, &[
                        ("起草提案办理和双向约见办法", (2011, 10, 31), Some((2011, 10, 14)), Ex::Completed, None),
                        ("提案办理答复", (2011, 11, 20), None, Ex::Overdue, Some("收到提案16件，已答复11件。")),
                    ]),
            ]),
        ],
    },
    MeetingRow {
        key: "维稳专题",
        body: "常委会",
        kind: Mk::Special,
        label: "县委常委会维护稳定工作专题会议",
        session: None,
        day: (2011, 9, 27),
        at: (16, 0),
        place: "县委常委会议室",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "研究国庆期间及秋季维护社会稳定工作。",
        minutes: "会议分析了当前全县社会稳定形势，对国庆期间及秋季矛盾纠纷排查化解、重点人员稳控和应急值守作出部署。",
        members: &["陈鹏", "马应寿", "任正德", "董国占", "景占旭", "赵建华", "韩明德"],
        absent: &[],
        guests: &[],
        observers: &[],
        scope: RES,
        life: Live,
        publish: None,
        audience: &["政法委", "常委会"],
        agenda: &[
            item("分析全县社会稳定形势", Some("赵建华"), "", &[]),
            item("部署国庆期间及秋季维稳工作", Some("赵建华"), "", &[
                dec(Dk::Decision, "关于做好国庆期间及秋季社会稳定工作的部署",
                    "开展矛盾纠纷集中排查化解，落实乡镇和部门维稳责任，国庆期间实行县级领导包片、24小时应急值守。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("矛盾纠纷集中排查", (2011, 9, 30), Some((2011, 9, 29)), Ex::Completed, None),
                    ]),
            ]),
        ],
    },
    standing("M94", 94, "第十二届县委第九十四次常委会会议", (2011, 10, 12),
        "研究冬季取暖补贴资金、党代表提案办理和县人民医院门诊综合楼建设项目。",
        "会议同意安排城乡困难群众冬季取暖补贴资金186万元；要求认真办理党代表提案；县人民医院门诊综合楼建设项目资金来源尚未落实，决定暂缓决策，补充材料后再议。",
        &[("冶成福", "病假")],
        &["白振东", "韩玉兰", "李红霞"],
        &[
            item("研究城乡困难群众冬季取暖补贴资金", Some("冶秀兰"), "", &[
                dec(Dk::Determination, "关于安排城乡困难群众冬季取暖补贴资金的决定",
                    "安排冬季取暖补贴资金186万元，发放对象为城乡低保户、五保户和重点优抚对象，发放名单在村（社区）公开栏公示。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[
                        ("补贴发放到户", (2011, 11, 15), Some((2011, 11, 10)), Ex::Completed, Some("通过“一卡通”发放，名单已公示。")),
                    ]),
            ]),
            item("研究党代表提案办理工作", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于办理县党代表提案的决定",
                    "党代表提案由县委办公室交办，承办单位在规定时限内书面答复，办理结果公开。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[]),
            ]),
            item("研究县人民医院门诊综合楼建设项目", Some("王立新"), "", &[
                dec(Dk::Decision, "关于县人民医院门诊综合楼建设项目的决策",
                    "项目资金来源尚未落实，会议决定暂缓决策，由县发展和改革局补充资金筹措方案后再议。",
                    NO_VOTE, Dr::Deferred, Ex::NotStarted, &[]),
            ]),
        ])
        .guests(SC_GUESTS_FINANCE),
    standing("M95", 95, "第十二届县委第九十五次常委会会议", (2011, 10, 26),
        "研究干部任免事项，听取公开运行阶段工作情况汇报，续议县人民医院门诊综合楼建设项目。",
        "会议决定马秀芳同志平职交流任县委统战部副部长；听取了公开运行阶段工作情况汇报，决定11月转入总结完善阶段；县人民医院门诊综合楼建设项目资金已落实，同意实施。",
        &[],
        &["马晓梅", "冶桂英"],
        &[
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于马秀芳同志职务调整的决定",
                    "决定马秀芳同志任县委统战部副部长（平职交流），按规定进行任前公示。",
                    UNANIMOUS, Dr::Adopted, Ex::Completed, &[]),
            ]),
            item("听取公开运行阶段工作情况汇报", Some("董国占"), "", &[
                dec(Dk::Decision, "关于转入总结完善阶段的决定",
                    "公开运行阶段各项任务基本完成，自11月1日起转入总结完善阶段，全面总结试点经验，形成专题报告。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("形成试点工作总结报告", (2011, 11, 25), None, Ex::InProgress, Some("总结报告送审稿正在修改。")),
                    ]),
            ]),
            item("续议县人民医院门诊综合楼建设项目", Some("王立新"), "县发展和改革局已补充资金筹措方案。", &[
                dec(Dk::Decision, "关于县人民医院门诊综合楼建设项目的决策（续议）",
                    "项目资金已落实，同意实施，按重大工程项目建设公开实施流程组织项目公示和公开招标。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("项目公示", (2011, 11, 10), Some((2011, 11, 8)), Ex::Completed, None),
                        ("公开招标", (2011, 12, 31), None, Ex::NotStarted, None),
                    ]),
            ]),
        ]),
    MeetingRow {
        key: "LG3",
        body: "领导小组",
        kind: Mk::LeadingGroup,
        label: "县委权力公开透明运行试点工作领导小组第三次会议",
        session: Some(3),
        day: (2011, 11, 10),
        at: (15, 0),
        place: "县纪委会议室",
        chair: "陈鹏",
        state: Ms::Held,
        summary: "部署总结完善阶段工作。",
        minutes: "会议对总结完善阶段工作作出安排，要求找准试点中存在的问题，完善县委权力公开透明运行制度和县委决策制度，形成专题报告报省纪委、省委组织部、州委和州纪委、州委组织部。",
        members: LG,
        absent: &[],
        guests: LG_STAFF,
        observers: &[],
        scope: PUB,
        life: Submitted,
        publish: None,
        audience: &[],
        agenda: &[
            item("部署总结完善阶段工作", Some("董国占"), "", &[
                dec(Dk::Decision, "关于做好试点工作总结完善阶段工作的安排",
                    "各成员单位11月20日前报送试点工作总结，领导小组办公室汇总形成专题报告，11月底前上报。",
                    NO_VOTE, Dr::Adopted, Ex::InProgress, &[
                        ("成员单位报送总结", (2011, 11, 20), Some((2011, 11, 18)), Ex::Completed, None),
                        ("专题报告上报", (2011, 11, 30), None, Ex::InProgress, None),
                    ]),
            ]),
        ],
    },
    standing("M96", 96, "第十二届县委第九十六次常委会会议", (2011, 11, 16),
        "研究干部任免事项，审议试点工作总结报告，安排年底前重点工作。",
        "会议决定李静同志拟任浩门镇党委副书记、韩永平同志拟任青石嘴镇副镇长，按规定进行任前公示；原则通过试点工作总结报告送审稿；对年底前重点工作作出安排。",
        &[("孙海燕", "病假")],
        &["韩占福", "郭志强", "赵德胜"],
        &[
            item("研究干部任免事项", Some("李柏林"), "", &[
                dec(Dk::Determination, "关于李静、韩永平同志拟任职务的决定",
                    "决定李静同志拟任浩门镇党委副书记，韩永平同志拟任青石嘴镇副镇长，按规定进行任前公示。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[
                        ("任前公示", (2011, 11, 25), None, Ex::InProgress, Some("公示期为11月21日至25日。")),
                        ("发文任职", (2011, 12, 2), None, Ex::NotStarted, None),
                    ]),
            ]),
            item("审议试点工作总结报告", Some("董国占"), "", &[
                dec(Dk::Decision, "原则通过县委权力公开透明运行试点工作总结报告",
                    "会议原则通过总结报告送审稿，要求根据会议意见修改完善后报送省纪委、省委组织部和州委。",
                    UNANIMOUS, Dr::Adopted, Ex::InProgress, &[])
                    .life(Submitted),
            ]),
            item("安排年底前重点工作", Some("马应寿"), "", &[
                dec(Dk::Determination, "关于抓好年底前重点工作的决定",
                    "全力抓好游牧民定居工程入住、集中供热一期试运行、扶贫项目验收和冬季安全稳定工作，逾期未完成的事项由县委督查室专项督办。",
                    UNANIMOUS, Dr::Adopted, Ex::NotStarted, &[])
                    .life(Draft),
            ]),
        ]),
    MeetingRow {
        key: "M97",
        body: "常委会",
        kind: Mk::StandingCommittee,
        label: "第十二届县委第九十七次常委会会议",
        session: Some(97),
        day: (2011, 12, 7),
        at: (9, 0),
        place: "县委常委会议室",
        chair: "陈鹏",
        state: Ms::Scheduled,
        summary: "拟研究全年工作总结、县委常委会专题民主生活会准备工作和2012年经济工作思路。",
        minutes: "",
        members: SC,
        absent: &[],
        guests: SC_GUESTS,
        observers: &[],
        scope: PUB,
        life: Draft,
        publish: Some((2011, 11, 30)),
        audience: &[],
        agenda: &[
            item("研究2011年全年工作总结", Some("陈鹏"), "", &[]),
            item("研究县委常委会专题民主生活会准备工作", Some("任正德"), "", &[]),
            item("研究2012年经济工作思路", Some("马应寿"), "", &[]),
        ],
    },
];

// ---------------------------------------------------------------------------------------------
// Appointments (干部任免)
// ---------------------------------------------------------------------------------------------

struct ApptRow {
    org: &'static str,
    post: Option<&'static str>,
    stage: Stage,
    outcome: Out,
    vacancy: &'static str,
    requirements: Option<&'static str>,
    announced: Option<Ymd>,
    deadline: Option<Ymd>,
    /// A fictional person of [`PEOPLE`]; the candidate_* snapshot is taken from that row.
    candidate: Option<&'static str>,
    party_joined: Option<&'static str>,
    work_started: Option<&'static str>,
    current_post: Option<&'static str>,
    proposed_post: Option<&'static str>,
    inspection_started: Option<Ymd>,
    inspection_report: Option<&'static str>,
    notice: Option<(Ymd, Ymd)>,
    objections: Option<&'static str>,
    objection_count: i32,
    meeting: Option<&'static str>,
    decided: Option<Ymd>,
    probation_until: Option<Ymd>,
    scope: Scope,
    life: Life,
    on: Ymd,
    audience: &'static [&'static str],
}

/// A vacancy announcement (科级领导空缺职位预告), before any candidate.
const fn vacancy(
    org: &'static str,
    post: Option<&'static str>,
    title: &'static str,
    requirements: &'static str,
    announced: Ymd,
    deadline: Ymd,
) -> ApptRow {
    ApptRow {
        org,
        post,
        stage: Stage::VacancyAnnounced,
        outcome: Out::Pending,
        vacancy: title,
        requirements: Some(requirements),
        announced: Some(announced),
        deadline: Some(deadline),
        candidate: None,
        party_joined: None,
        work_started: None,
        current_post: None,
        proposed_post: None,
        inspection_started: None,
        inspection_report: None,
        notice: None,
        objections: None,
        objection_count: 0,
        meeting: None,
        decided: None,
        probation_until: None,
        scope: PUB,
        life: Live,
        on: announced,
        audience: &[],
    }
}

/// A candidate under inspection: who, joined the party, started work, current and proposed post.
#[allow(clippy::too_many_arguments)]
const fn candidacy(
    org: &'static str,
    title: &'static str,
    candidate: &'static str,
    party_joined: &'static str,
    work_started: &'static str,
    current_post: &'static str,
    proposed_post: &'static str,
    inspection_started: Ymd,
    inspection_report: &'static str,
) -> ApptRow {
    ApptRow {
        stage: Stage::Inspection,
        requirements: None,
        announced: None,
        deadline: None,
        candidate: Some(candidate),
        party_joined: Some(party_joined),
        work_started: Some(work_started),
        current_post: Some(current_post),
        proposed_post: Some(proposed_post),
        inspection_started: Some(inspection_started),
        inspection_report: Some(inspection_report),
        on: inspection_started,
        ..vacancy(org, None, title, "", inspection_started, inspection_started)
    }
}

impl ApptRow {
    const fn post(self, post: &'static str) -> Self {
        ApptRow {
            post: Some(post),
            ..self
        }
    }
    const fn announced(self, requirements: &'static str, announced: Ymd, deadline: Ymd) -> Self {
        ApptRow {
            requirements: Some(requirements),
            announced: Some(announced),
            deadline: Some(deadline),
            ..self
        }
    }
    /// Discussed by `meeting` on `decided`, then noticed from `start` to `end` (published on `start`).
    const fn noticed(self, meeting: &'static str, decided: Ymd, start: Ymd, end: Ymd) -> Self {
        ApptRow {
            stage: Stage::Notice,
            meeting: Some(meeting),
            decided: Some(decided),
            notice: Some((start, end)),
            on: start,
            ..self
        }
    }
    const fn objections(self, count: i32, text: &'static str) -> Self {
        ApptRow {
            objection_count: count,
            objections: Some(text),
            ..self
        }
    }
    const fn outcome(self, stage: Stage, outcome: Out) -> Self {
        ApptRow {
            stage,
            outcome,
            ..self
        }
    }
    const fn probation(self, until: Ymd) -> Self {
        ApptRow {
            stage: Stage::Probation,
            outcome: Out::Appointed,
            probation_until: Some(until),
            ..self
        }
    }
    const fn decided_by(self, meeting: &'static str, decided: Ymd) -> Self {
        ApptRow {
            meeting: Some(meeting),
            decided: Some(decided),
            ..self
        }
    }
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        ApptRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        ApptRow { life, on, ..self }
    }
}

const APPOINTMENTS: &[ApptRow] = &[
    vacancy("宣传部", Some("宣传部副部长"), "县委宣传部副部长",
        "中共党员；大学本科以上学历；现任副科级领导职务2年以上或正科级非领导职务；年龄40周岁以下；具有较强的文字综合和新闻宣传工作能力。",
        (2011, 11, 14), (2011, 11, 25)),
    vacancy("东川镇", Some("东川镇副镇长"), "东川镇副镇长",
        "大专以上学历；在乡镇工作3年以上，熟悉农牧业和扶贫开发工作；年龄35周岁以下；通晓藏语者优先。",
        (2011, 12, 5), (2011, 12, 14))
        .life(Draft, (2011, 11, 28)),
    candidacy("泉口镇", "泉口镇党委副书记、镇长", "马国庆", "2000-06", "1998-07", "县农牧局副局长",
        "泉口镇党委副书记，提名为镇长候选人", (2011, 10, 17),
        "述职述廉：2008年任县农牧局副局长以来，分管草原畜牧业和农牧民增收工作，组织实施牲畜良种补贴和草原建设项目。述廉部分如实报告了个人有关事项。民主测评称职率92%。考察组认为该同志熟悉农牧业工作，组织协调能力较强，不足是工作方法有时简单。县纪委廉政意见：未发现违纪问题。")
        .post("泉口镇镇长")
        .announced("中共党员；大学本科以上学历；副科级领导职务3年以上；具有乡镇或农牧部门工作经历。",
            (2011, 9, 5), (2011, 9, 14))
        .scoped(PTY, &[])
        .life(Live, (2011, 10, 19)),
    candidacy("浩门镇", "浩门镇党委副书记", "李静", "2003-05", "2001-08", "县委组织部组织科科长",
        "浩门镇党委副书记", (2011, 10, 24),
        "述职述廉：任组织科科长以来，牵头基层党组织分类定级和创先争优活动，工作扎实。述廉部分报告了个人有关事项，无违反廉洁自律规定的情况。民主测评称职率95%。县纪委廉政意见：未发现违纪问题。")
        .post("浩门镇党委副书记")
        .noticed("M96", (2011, 11, 16), (2011, 11, 21), (2011, 11, 25)),
    candidacy("青石嘴镇", "青石嘴镇副镇长", "韩永平", "2001-07", "1997-09", "青石嘴镇党政办公室主任",
        "青石嘴镇副镇长", (2011, 10, 24),
        "述职述廉：长期在乡镇工作，熟悉村级组织和群众工作，参与2009年村级组织换届工作。述廉部分报告了个人有关事项。民主测评称职率88%。考察组认为该同志吃苦耐劳，不足是工作方法有时简单。县纪委廉政意见：未发现违纪问题。")
        .noticed("M96", (2011, 11, 16), (2011, 11, 21), (2011, 11, 25))
        .objections(2, "公示期间收到来信2件，反映该同志在2009年村级组织换届工作中方法简单、与个别群众发生争执。县委组织部干部监督科正在核查，核查结果将向反映人反馈。"),
    candidacy("统战部", "县委统战部副部长", "马秀芳", "2002-06", "1999-08", "县民族宗教事务局副局长",
        "县委统战部副部长（平职交流）", (2011, 10, 10),
        "述职述廉：任县民族宗教事务局副局长以来，分管民族团结进步创建工作。述廉部分报告了个人有关事项，无违反廉洁自律规定的情况。民主测评称职率94%。")
        .post("统战部副部长")
        .noticed("M95", (2011, 10, 26), (2011, 10, 31), (2011, 11, 4))
        .outcome(Stage::Decided, Out::Appointed),
    candidacy("政府", "县民政局局长", "王海军", "1995-06", "1993-07", "县民政局副局长", "县民政局局长", (2011, 5, 16),
        "述职述廉：任县民政局副局长以来，分管城乡低保和救灾工作，推行低保对象张榜公示。述廉部分报告了个人有关事项，无违反廉洁自律规定的情况。民主测评称职率93%。县纪委廉政意见：未发现违纪问题。")
        .noticed("M88", (2011, 6, 8), (2011, 6, 13), (2011, 6, 17))
        .probation((2012, 6, 19)),
    candidacy("政府", "县农牧局副局长", "才让多杰", "1999-07", "1996-09", "县农牧局草原工作站站长", "县农牧局副局长",
        (2011, 1, 17),
        "述职述廉：任草原工作站站长以来，组织实施草原建设和鼠虫害防治项目，成绩突出。述廉部分报告了个人有关事项。民主测评称职率96%。县纪委廉政意见：未发现违纪问题。")
        .noticed("M83", (2011, 2, 15), (2011, 2, 21), (2011, 2, 25))
        .probation((2012, 2, 28)),
    candidacy("政府", "县文化体育局副局长", "刘玉梅", "2001-05", "1999-07", "县委宣传部办公室主任",
        "县文化体育局副局长（平职交流）", (2011, 2, 21),
        "述职述廉：在县委宣传部工作期间承担综合文字和精神文明创建工作。述廉部分报告了个人有关事项。民主测评称职率91%。")
        .noticed("M84", (2011, 3, 8), (2011, 3, 14), (2011, 3, 18))
        .outcome(Stage::Closed, Out::Appointed)
        .life(Revised((2011, 3, 21)), (2011, 3, 14)),
    candidacy("政府", "县水务局副局长", "周建平", "2000-12", "1998-08", "县水务局水利工作站站长", "县水务局副局长",
        (2011, 7, 18),
        "述职述廉：任水利工作站站长以来，负责农田水利和人畜饮水工程建设管理。述廉部分称无违反廉洁自律规定的情况。民主测评称职率85%。")
        .noticed("M91", (2011, 8, 10), (2011, 8, 15), (2011, 8, 19))
        .objections(3, "公示期间收到来信3件，反映该同志在农田水利项目验收中收受施工方礼金、违规接受宴请等问题。经县委组织部、县纪委核查，收受礼金问题属实，已移交县纪委另案处理。")
        .outcome(Stage::Closed, Out::Withdrawn)
        .decided_by("M92", (2011, 8, 30))
        .scoped(RES, &["组织部", "纪委"])
        .life(Live, (2011, 8, 31)),
    candidacy("政府", "县教育局局长", "马丽", "1998-06", "1996-08", "县教育局副局长", "县教育局局长", (2011, 8, 22),
        "述职述廉：任县教育局副局长以来，分管中小学布局调整和“两基”巩固工作。民主测评称职率90%。考察期间，其个人有关事项报告中的房产情况需进一步核实。")
        .outcome(Stage::Decided, Out::Postponed)
        .decided_by("M93", (2011, 9, 14))
        .scoped(PTY, &[])
        .life(Approved, (2011, 9, 19)),
    candidacy("政法委", "县委政法委副书记", "吕振华", "1998-07", "1996-08", "县司法局副局长", "县委政法委副书记",
        (2011, 10, 10),
        "考察期间，本人以家庭原因书面申请退出考察，经县委组织部部务会研究同意。")
        .outcome(Stage::Inspection, Out::Withdrawn)
        .scoped(RES, &["组织部", "@吕振华"])
        .life(Submitted, (2011, 10, 20)),
    candidacy("干部监督科", "县委组织部干部监督科科长", "赵文博", "1998-07", "1996-08", "县委组织部干部监督科副科长",
        "县委组织部干部监督科科长", (2011, 8, 22),
        "述职述廉：任干部监督科副科长以来，参与受理干部选拔任用举报和任前公示核查工作。述廉部分报告了个人有关事项，无违反廉洁自律规定的情况。民主测评称职率97%。县纪委廉政意见：未发现违纪问题。")
        .post("干部监督科科长")
        .announced("中共党员；大学本科以上学历；副科级领导职务2年以上；熟悉干部监督工作。", (2011, 7, 25), (2011, 8, 3))
        .noticed("M93", (2011, 9, 14), (2011, 9, 19), (2011, 9, 23))
        .probation((2012, 9, 25)),
    candidacy("政府", "县卫生局副局长", "祁海英", "2004-06", "2000-08", "县人民医院副院长", "县卫生局副局长", (2011, 6, 7),
        "述职述廉：任县人民医院副院长以来，分管医疗质量和新型农村合作医疗报销工作。述廉部分报告了个人有关事项。民主测评称职率92%。县纪委廉政意见：未发现违纪问题。")
        .noticed("M89", (2011, 6, 28), (2011, 7, 4), (2011, 7, 8))
        .life(Retracted((2011, 7, 5)), (2011, 7, 4)),
    candidacy("政府", "县卫生局副局长", "祁海英", "2004-06", "2000-08", "县人民医院副院长", "县卫生局副局长", (2011, 6, 7),
        "述职述廉：任县人民医院副院长以来，分管医疗质量和新型农村合作医疗报销工作。述廉部分报告了个人有关事项。民主测评称职率92%。县纪委廉政意见：未发现违纪问题。")
        .noticed("M89", (2011, 6, 28), (2011, 7, 6), (2011, 7, 12))
        .probation((2012, 7, 17)),
];

// ---------------------------------------------------------------------------------------------
// Disciplinary cases (违纪违法问题处理); case numbers follow this order. As in any county, most
// cases are never announced one by one (通报 is kept for the instructive ones): they are PARTY
// records, counted in the public aggregate but not on the public list.
// ---------------------------------------------------------------------------------------------

struct CaseRow {
    subject: &'static str,
    person: Option<&'static str>,
    post: &'static str,
    rank: &'static str,
    category: Vc,
    summary: &'static str,
    amount: Option<i64>,
    party: Option<Party>,
    years: Option<i32>,
    government: Option<Gov>,
    decided: Ymd,
    prosecuted: bool,
    announced: Option<Ymd>,
    scope: Scope,
    life: Life,
    on: Ymd,
    source: Option<&'static str>,
    audience: &'static [&'static str],
}

#[allow(clippy::too_many_arguments)]
const fn case(
    subject: &'static str,
    post: &'static str,
    rank: &'static str,
    category: Vc,
    summary: &'static str,
    party: Option<Party>,
    government: Option<Gov>,
    decided: Ymd,
) -> CaseRow {
    CaseRow {
        subject,
        person: None,
        post,
        rank,
        category,
        summary,
        amount: None,
        party,
        years: None,
        government,
        decided,
        prosecuted: false,
        announced: None,
        scope: PTY,
        life: Live,
        on: decided,
        source: None,
        audience: &[],
    }
}

impl CaseRow {
    const fn amount(self, yuan: i64) -> Self {
        CaseRow {
            amount: Some(yuan),
            ..self
        }
    }
    const fn probation_years(self, years: i32) -> Self {
        CaseRow {
            years: Some(years),
            ..self
        }
    }
    const fn subject(self, person: &'static str) -> Self {
        CaseRow {
            person: Some(person),
            ..self
        }
    }
    const fn prosecuted(self) -> Self {
        CaseRow {
            prosecuted: true,
            ..self
        }
    }
    /// Announced (通报) on `day`: public from then on.
    const fn announced(self, day: Ymd) -> Self {
        CaseRow {
            announced: Some(day),
            scope: PUB,
            on: day,
            ..self
        }
    }
    const fn scoped(self, scope: Scope, audience: &'static [&'static str]) -> Self {
        CaseRow {
            scope,
            audience,
            ..self
        }
    }
    const fn life(self, life: Life, on: Ymd) -> Self {
        CaseRow { life, on, ..self }
    }
    const fn source(self, source: &'static str) -> Self {
        CaseRow {
            source: Some(source),
            ..self
        }
    }
}

const CASES: &[CaseRow] = &[
    case("韩某", "某乡人民政府干部", "一般干部", Vc::Work,
        "违反工作日禁酒令，工作日午间饮酒，下午上班时间酒后到岗，造成不良影响。",
        Some(Party::Warning), Some(Gov::Warning), (2011, 3, 18))
        .announced((2011, 3, 30))
        .source("禁酒令通报"),
    case("白某", "某乡某村党支部副书记", "村干部", Vc::Work,
        "春耕生产期间擅离职守，未按要求组织村民做好防灾准备，工作作风漂浮。",
        Some(Party::Warning), None, (2011, 4, 8))
        .life(Live, (2011, 4, 14)),
    case("马某某", "某乡畜牧兽医站站长", "股级干部", Vc::Integrity,
        "利用职务便利，截留挪用牲畜良种补贴资金3.2万元用于个人开支。",
        Some(Party::Probation), Some(Gov::Dismissal), (2011, 4, 22))
        .probation_years(2)
        .amount(32_000)
        .subject("马永福")
        .announced((2011, 5, 10)),
    case("鲁某", "某镇人民政府干部", "一般干部", Vc::Work,
        "在农村低保年审工作中不认真核实，致使不符合条件人员享受低保。",
        Some(Party::Warning), None, (2011, 5, 13))
        .announced((2011, 5, 20))
        .life(Retracted((2011, 8, 5)), (2011, 5, 20)),
    case("李某", "某镇某村党支部书记", "村干部", Vc::Integrity,
        "虚报农村危房改造户数，套取危房改造补助资金5.6万元。",
        Some(Party::Expulsion), None, (2011, 5, 20))
        .amount(56_000)
        .prosecuted()
        .announced((2011, 7, 22))
        .source("案件通报"),
    case("沈某", "某镇人民政府干部", "一般干部", Vc::Work,
        "上班时间玩电脑游戏，经明察暗访发现，造成不良影响。",
        Some(Party::Warning), Some(Gov::Warning), (2011, 6, 3))
        .life(Live, (2011, 6, 9)),
    case("张某某", "县某局副局长", "副科级", Vc::Work,
        "在某乡村道路工程监管中严重不负责任，未按规定组织验收即签字同意拨付工程款，造成经济损失16.8万元（8月1日更正：原公布损失金额18万元有误）。",
        Some(Party::SeriousWarning), Some(Gov::MajorDemerit), (2011, 6, 10))
        .amount(168_000)
        .announced((2011, 7, 22))
        .source("案件通报")
        .life(Revised((2011, 8, 1)), (2011, 7, 22)),
    case("苏某", "某乡某村村委会委员", "村干部", Vc::Masses,
        "在惠农补贴发放中工作方法简单粗暴，与群众发生争执，造成不良影响。",
        Some(Party::Warning), None, (2011, 6, 24))
        .life(Live, (2011, 6, 30)),
    case("杨某某", "某镇副镇长", "副科级", Vc::Work,
        "防汛值班期间擅离职守，致使汛情信息未能及时上报。",
        Some(Party::Warning), Some(Gov::Demerit), (2011, 7, 8))
        .life(Live, (2011, 7, 15)),
    case("王某", "某镇党委委员、副镇长", "副科级", Vc::Political,
        "在组织调查其违规发放救灾物资问题期间，与他人串供、转移证据，对抗组织审查。",
        Some(Party::Probation), Some(Gov::Dismissal), (2011, 7, 15))
        .probation_years(1)
        .scoped(RES, &["纪委", "组织部"])
        .life(Live, (2011, 7, 20)),
    case("赵某", "县民政局工作人员", "一般干部", Vc::Masses,
        "在城乡低保审核中优亲厚友，违规为不符合条件的亲属办理低保，多领低保金1.8万元已全部追回。",
        Some(Party::Warning), Some(Gov::Demerit), (2011, 7, 29))
        .amount(18_000)
        .announced((2011, 8, 15)),
    case("祁某某", "县某局局长", "正科级", Vc::Organizational,
        "违反干部选拔任用规定，在机构调整前突击提拔干部3名。",
        Some(Party::RemovalFromPost), Some(Gov::Demotion), (2011, 8, 5))
        .life(Live, (2011, 8, 10)),
    case("罗某", "某乡财政所副所长", "股级干部", Vc::Integrity,
        "违规收受管理服务对象礼金4000元，案发后已上交。",
        Some(Party::SeriousWarning), Some(Gov::Demerit), (2011, 8, 12))
        .amount(4_000)
        .life(Live, (2011, 8, 18)),
    case("冶某某", "某乡林业站工作人员", "一般干部", Vc::Masses,
        "在兑现退耕还林补助中吃拿卡要，收受群众好处费2400元。",
        Some(Party::SeriousWarning), Some(Gov::Demerit), (2011, 8, 19))
        .amount(2_400)
        .life(Live, (2011, 8, 24)),
    case("孙某", "县某中学副校长", "副科级", Vc::Life,
        "生活作风不检点，造成不良社会影响。",
        Some(Party::Probation), Some(Gov::Demotion), (2011, 8, 26))
        .probation_years(1)
        .scoped(RES, &["纪委"])
        .life(Live, (2011, 8, 31)),
    case("陈某某", "某乡某村党支部委员、村委会主任", "村干部", Vc::Integrity,
        "侵吞村集体草场承包费8.7万元。",
        Some(Party::Expulsion), None, (2011, 9, 9))
        .amount(87_000)
        .subject("陈德录")
        .prosecuted()
        .announced((2011, 9, 20)),
    case("邓某", "县某局工作人员", "一般干部", Vc::Work,
        "办理群众事项推诿扯皮，超期未办结，经群众投诉查实。",
        Some(Party::Warning), Some(Gov::Demerit), (2011, 9, 16))
        .life(Live, (2011, 9, 22)),
    case("刘某", "县某局出纳", "一般干部", Vc::Integrity,
        "利用管理单位资金的便利，挪用公款12万元用于个人赌博。",
        Some(Party::Expulsion), Some(Gov::Expulsion), (2011, 9, 23))
        .amount(120_000)
        .subject("刘建林")
        .prosecuted()
        .announced((2011, 10, 14)),
    case("周某", "县某局干部", "一般干部", Vc::Life,
        "多次参与赌博，经批评教育仍不改正。",
        Some(Party::SeriousWarning), Some(Gov::MajorDemerit), (2011, 10, 14))
        .life(Live, (2011, 10, 19)),
    case("何某某", "县某局副局长", "副科级", Vc::Organizational,
        "不如实报告个人有关事项，隐瞒房产2处。",
        Some(Party::Warning), None, (2011, 10, 21))
        .scoped(RES, &["纪委", "组织部"])
        .life(Draft, (2011, 10, 26)),
    case("魏某", "某镇某村党支部书记", "村干部", Vc::Masses,
        "在低保评议中优亲厚友，为不符合条件的亲属申报低保，已予纠正。",
        Some(Party::SeriousWarning), None, (2011, 10, 28))
        .life(Live, (2011, 11, 3)),
    case("马某", "某乡财政所所长", "股级干部", Vc::Integrity,
        "违反规定向本所人员发放津贴补贴4.6万元。",
        Some(Party::SeriousWarning), Some(Gov::Demerit), (2011, 11, 4))
        .amount(46_000)
        .scoped(PUB, &[])
        .life(Approved, (2011, 11, 9)),
    case("吕某", "县某局工作人员（非中共党员）", "一般干部", Vc::Work,
        "违反工作日禁酒令，工作日饮酒后驾驶公务车辆。",
        None, Some(Gov::Demotion), (2011, 11, 11))
        .scoped(PUB, &[])
        .life(Submitted, (2011, 11, 16)),
    case("谢某", "某乡某村村委会主任", "村干部", Vc::Integrity,
        "违规使用村集体资金公款吃喝3800元，已全部退赔。",
        Some(Party::Warning), None, (2011, 11, 18))
        .amount(3_800)
        .life(Live, (2011, 11, 24)),
    case("彭某", "县某局股长", "股级干部", Vc::Organizational,
        "违反请示报告制度，未按规定请假擅自外出。",
        Some(Party::Warning), Some(Gov::Warning), (2011, 11, 25))
        .life(Live, (2011, 12, 1)),
];

// ---------------------------------------------------------------------------------------------
// Bulletins of the TV column (电视专栏), section 四.6 of the plan
// ---------------------------------------------------------------------------------------------

/// What a demo bulletin reports on: a decision by its title, or a case by its number.
#[derive(Clone, Copy)]
enum About {
    Decision(&'static str),
    Case(i64),
    Nothing,
}

/// When a demo bulletin is shown: on a day of 2011, or some hours after the county is loaded
/// (scheduled, so that the media embargo can be seen).
#[derive(Clone, Copy)]
enum When {
    On(Life, Ymd),
    HoursFromLoad(i64),
}

struct BulletinRow {
    title: &'static str,
    crawl: &'static str,
    body: &'static str,
    category: Bc,
    about: About,
    scope: Scope,
    audience: &'static [&'static str],
    when: When,
}

const BULLETINS: &[BulletinRow] = &[
    BulletinRow {
        title: "县委常委会原则通过县委权力公开透明运行试点工作实施方案",
        crawl: "县委常委会原则通过权力公开透明运行试点实施方案，试点至2011年11月",
        body: "1月5日，第十二届县委第八十一次常委会会议原则通过《中共门源县委关于开展县委权力公开透明运行试点工作的实施方案》。试点工作自2010年12月开始至2011年11月结束，分启动动员、职权清理、公开运行、总结完善四个阶段推进。",
        category: Bc::MeetingDecision,
        about: About::Decision("原则通过县委权力公开透明运行试点工作实施方案"),
        scope: PUB,
        audience: &[],
        when: When::On(Live, (2011, 1, 10)),
    },
    BulletinRow {
        title: "县电视台县委权力公开透明运行专栏今日开播",
        crawl: "县委权力公开透明运行专栏今日开播，每周五播出",
        body: "按照县委关于开通门源县委权力公开透明运行网和电视专栏的决策，县电视台开辟的县委权力公开透明运行专栏今日首播，此后每周五播出，及时报道县委权力公开透明运行情况。",
        category: Bc::General,
        about: About::Decision("关于开通门源县委权力公开透明运行网和电视专栏的决策"),
        scope: PUB,
        audience: &[],
        when: When::On(Live, (2011, 5, 13)),
    },
    BulletinRow {
        title: "违纪问题通报：某乡干部违反工作日禁酒令",
        crawl: "通报：某乡人民政府干部韩某违反工作日禁酒令，受到党内警告、政务警告处分",
        body: "2011年3月18日，经研究决定，给予某乡人民政府干部韩某党内警告、政务警告处分。韩某违反工作日禁酒令，工作日午间饮酒，下午上班时间酒后到岗，造成不良影响。",
        category: Bc::Discipline,
        about: About::Case(1),
        scope: PUB,
        audience: &[],
        when: When::On(Live, (2011, 3, 30)),
    },
    BulletinRow {
        title: "党内通报：2011年全县党风廉政建设和反腐败工作要点",
        crawl: "县委常委会原则通过2011年党风廉政建设和反腐败工作要点（党内）",
        body: "县委常委会会议原则通过2011年全县党风廉政建设和反腐败工作要点，要求严格执行党风廉政建设责任制和工作日禁酒令。本条供党内会议和党员电教播放，不在电视专栏播出。",
        category: Bc::MeetingDecision,
        about: About::Decision("原则通过2011年全县党风廉政建设和反腐败工作要点"),
        scope: PTY,
        audience: &[],
        when: When::On(Live, (2011, 1, 28)),
    },
    BulletinRow {
        title: "专栏编发安排：违纪违法问题通报的播出审核",
        crawl: "违纪违法问题通报播出前须经县纪委审核",
        body: "电视专栏播出违纪违法问题通报前，由宣传报道组将稿件送县纪委审核，核对处分决定、通报范围和当事人信息，审核通过后方可播出。本条限领导小组办公室和县纪委掌握。",
        category: Bc::General,
        about: About::Nothing,
        scope: RES,
        audience: &["领导小组办", "纪委"],
        when: When::On(Live, (2011, 5, 10)),
    },
    BulletinRow {
        title: "专栏稿件：县委职权目录编制完成",
        crawl: "县委职权目录编制完成，职权运行流程图同步绘制",
        body: "各职能部门职权清单全部报齐，领导小组办公室汇总审核，完成县委职权目录编制和职权运行流程图绘制。稿件待审核后播出。",
        category: Bc::General,
        about: About::Decision("关于县委职权清理工作分工的决定"),
        scope: PUB,
        audience: &[],
        when: When::On(Draft, (2011, 4, 28)),
    },
    BulletinRow {
        title: "专栏预告：县委权力公开透明运行试点工作进入总结完善阶段",
        crawl: "下期专栏：试点工作总结完善，听取党员群众意见建议",
        body: "按照实施方案，试点工作第四阶段为总结完善阶段，全面总结试点工作情况，找准运行中存在的问题，完善县委权力公开透明运行制度和县委决策制度。下期专栏将介绍总结完善阶段的安排，并公布意见建议的反映渠道。",
        category: Bc::General,
        about: About::Nothing,
        scope: PUB,
        audience: &[],
        when: When::HoursFromLoad(12),
    },
];

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/// Loads the demo county into an empty database, inside the caller's transaction.
pub(crate) async fn load(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    let mut demo = Demo::new(txn);
    demo.sources().await?;
    demo.organizations().await?;
    demo.owners().await?;
    demo.people().await?;
    demo.posts().await?;
    demo.memberships().await?;
    demo.procedures().await?;
    demo.powers().await?;
    demo.observers().await?;
    demo.meetings().await?;
    demo.appointments().await?;
    demo.cases().await?;
    demo.bulletins().await?;
    demo.audiences().await
}

fn find(map: &HashMap<&'static str, i64>, what: &str, key: &str) -> Result<i64, DbErr> {
    map.get(key)
        .copied()
        .ok_or_else(|| DbErr::Custom(format!("demo county: unknown {what} `{key}`")))
}

/// The load in progress: the ids of the rows inserted so far, by the keys the tables use.
struct Demo<'a> {
    txn: &'a DatabaseTransaction,
    sources: HashMap<&'static str, i64>,
    orgs: HashMap<&'static str, i64>,
    people: HashMap<&'static str, i64>,
    posts: HashMap<&'static str, i64>,
    procedures: HashMap<&'static str, i64>,
    meetings: HashMap<&'static str, i64>,
    /// RESTRICTED records and their audiences, written once every organization and person exists.
    restricted: Vec<(RecordKind, i64, &'static [&'static str])>,
}

impl<'a> Demo<'a> {
    fn new(txn: &'a DatabaseTransaction) -> Self {
        Self {
            txn,
            sources: HashMap::new(),
            orgs: HashMap::new(),
            people: HashMap::new(),
            posts: HashMap::new(),
            procedures: HashMap::new(),
            meetings: HashMap::new(),
            restricted: Vec::new(),
        }
    }

    fn org(&self, key: &str) -> Result<i64, DbErr> {
        find(&self.orgs, "organization", key)
    }

    fn person(&self, key: &str) -> Result<i64, DbErr> {
        find(&self.people, "person", key)
    }

    fn source(&self, key: Option<&str>) -> Result<Option<i64>, DbErr> {
        key.map(|key| find(&self.sources, "source", key))
            .transpose()
    }

    /// Notes the audience of a RESTRICTED record; every RESTRICTED record must have one.
    fn restrict(
        &mut self,
        kind: RecordKind,
        id: i64,
        scope: Scope,
        audience: &'static [&'static str],
    ) -> Result<(), DbErr> {
        if scope != Scope::Restricted {
            return Ok(());
        }
        if audience.is_empty() {
            return Err(DbErr::Custom(format!(
                "demo county: RESTRICTED {kind:?} {id} has no audience"
            )));
        }
        self.restricted.push((kind, id, audience));
        Ok(())
    }

    async fn sources(&mut self) -> Result<(), DbErr> {
        for row in SOURCES {
            // The owner is set once organizations exist (sources come first).
            let meta = Meta::new(
                row.scope,
                row.life,
                date(row.on)?,
                None,
                self.source(row.cites)?,
            )?;
            let model = record!(source, meta, {
                issuer: row.issuer.to_owned(),
                doc_number: owned(row.number),
                title: row.title.to_owned(),
                issued_on: opt_date(row.issued)?,
                url: None,
            })
            .insert(self.txn)
            .await?;
            self.sources.insert(row.key, model.id);
            self.restrict(RecordKind::Source, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn organizations(&mut self) -> Result<(), DbErr> {
        for row in ORGANIZATIONS {
            let parent = row.parent.map(|key| self.org(key)).transpose()?;
            let meta = Meta::new(
                row.scope,
                row.life,
                date(row.on)?,
                None,
                self.source(row.source)?,
            )?;
            let model = record!(organization, meta, {
                name: row.name.to_owned(),
                short_name: owned(row.short),
                kind: row.kind,
                parent_id: parent,
                division_code: row.county.then(|| "632221".to_owned()),
                description: Some(row.description.to_owned()),
            })
            .insert(self.txn)
            .await?;
            self.orgs.insert(row.key, model.id);
            self.restrict(RecordKind::Organization, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    /// Owners of sources and organizations, now that every organization exists.
    async fn owners(&mut self) -> Result<(), DbErr> {
        for row in SOURCES {
            source::Entity::update_many()
                .col_expr(
                    source::Column::OwnerOrgId,
                    Expr::value(self.org(row.owner)?),
                )
                .filter(source::Column::Id.eq(find(&self.sources, "source", row.key)?))
                .exec(self.txn)
                .await?;
        }
        for row in ORGANIZATIONS {
            organization::Entity::update_many()
                .col_expr(
                    organization::Column::OwnerOrgId,
                    Expr::value(self.org(row.owner)?),
                )
                .filter(organization::Column::Id.eq(self.org(row.key)?))
                .exec(self.txn)
                .await?;
        }
        Ok(())
    }

    async fn people(&mut self) -> Result<(), DbErr> {
        let plan = self.source(Some("实施方案"))?;
        for row in PEOPLE {
            let source = if row.fictional { None } else { plan };
            let meta = Meta::new(
                row.scope,
                row.life,
                date(row.on)?,
                Some(self.org(row.owner)?),
                source,
            )?;
            let model = record!(person, meta, {
                name: row.name.to_owned(),
                gender: owned(row.gender),
                ethnicity: owned(row.ethnicity),
                birth_month: owned(row.birth),
                education: owned(row.education),
                phone: owned(row.phone),
                phone_public: row.phone_public,
                email: owned(row.email),
                office: owned(row.office),
                fictional: row.fictional,
            })
            .insert(self.txn)
            .await?;
            if self.people.insert(row.name, model.id).is_some() {
                return Err(DbErr::Custom(format!(
                    "demo county: two people named {}",
                    row.name
                )));
            }
            self.restrict(RecordKind::Person, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn posts(&mut self) -> Result<(), DbErr> {
        for row in POSTS {
            let org = self.org(row.org)?;
            let source = match row.org {
                "领导小组" | "领导小组办" | "综合组" | "宣传组" | "后勤组" => {
                    self.source(Some("实施方案"))?
                }
                _ => None,
            };
            let meta = Meta::new(row.scope, row.life, date(row.on)?, Some(org), source)?;
            let model = record!(post, meta, {
                organization_id: org,
                title: row.title.to_owned(),
                is_leadership: row.leadership,
                position: row.position,
            })
            .insert(self.txn)
            .await?;
            self.posts.insert(row.key, model.id);
            self.restrict(RecordKind::Post, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn memberships(&mut self) -> Result<(), DbErr> {
        for row in MEMBERSHIPS {
            let meta = Meta::new(
                row.scope,
                row.life,
                date(row.on)?,
                Some(self.org(row.owner)?),
                self.source(row.source)?,
            )?;
            let model = record!(membership, meta, {
                person_id: self.person(row.person)?,
                post_id: find(&self.posts, "post", row.post)?,
                start_on: date(row.start)?,
                end_on: opt_date(row.end)?,
                note: owned(row.note),
            })
            .insert(self.txn)
            .await?;
            self.restrict(RecordKind::Membership, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn procedures(&mut self) -> Result<(), DbErr> {
        for row in PROCEDURES {
            let meta = Meta::new(
                row.scope,
                row.life,
                date(row.on)?,
                Some(self.org(row.owner)?),
                self.source(row.source)?,
            )?;
            let model = record!(procedure, meta, {
                code: row.code.to_owned(),
                name: row.name.to_owned(),
                description: Some(row.description.to_owned()),
            })
            .insert(self.txn)
            .await?;
            self.procedures.insert(row.code, model.id);
            self.restrict(RecordKind::Procedure, model.id, row.scope, row.audience)?;

            let mut steps = HashMap::new();
            let mut risks = Vec::new();
            let mut watches = Vec::new();
            for (position, step) in (1..).zip(row.steps) {
                let step_id = procedure_step::ActiveModel {
                    id: NotSet,
                    procedure_id: Set(model.id),
                    key: Set(step.key.to_owned()),
                    position: Set(position),
                    name: Set(step.name.to_owned()),
                    actor: Set(step.actor.to_owned()),
                    conditions: Set(owned(step.conditions)),
                    time_limit_days: Set(step.days),
                    time_limit_note: Set(owned(step.note)),
                }
                .insert(self.txn)
                .await?
                .id;
                steps.insert(step.key, step_id);
                for &(level, description, prevention) in step.risks {
                    risks.push(risk_point::ActiveModel {
                        id: NotSet,
                        step_id: Set(step_id),
                        description: Set(description.to_owned()),
                        level: Set(level),
                        prevention: Set(prevention.to_owned()),
                    });
                }
                for &(description, channel) in step.watch {
                    watches.push(supervision_measure::ActiveModel {
                        id: NotSet,
                        step_id: Set(step_id),
                        description: Set(description.to_owned()),
                        channel: Set(owned(channel)),
                    });
                }
            }
            let mut edges = Vec::new();
            for &(from, to, label) in row.edges {
                edges.push(procedure_edge::ActiveModel {
                    id: NotSet,
                    procedure_id: Set(model.id),
                    from_step_id: Set(find(&steps, "step", from)?),
                    to_step_id: Set(find(&steps, "step", to)?),
                    label: Set((!label.is_empty()).then(|| label.to_owned())),
                });
            }
            procedure_edge::Entity::insert_many(edges)
                .exec(self.txn)
                .await?;
            risk_point::Entity::insert_many(risks)
                .exec(self.txn)
                .await?;
            supervision_measure::Entity::insert_many(watches)
                .exec(self.txn)
                .await?;
        }
        Ok(())
    }

    async fn powers(&mut self) -> Result<(), DbErr> {
        let owner = self.org("领导小组办")?;
        for (number, row) in (1..).zip(POWERS) {
            let source = match row.life {
                Draft | Submitted | Approved => None,
                Live | Revised(_) | Retracted(_) => self.source(Some("职权目录"))?,
            };
            let meta = Meta::new(row.scope, row.life, date(row.on)?, Some(owner), source)?;
            let carriers: Vec<String> = row.carriers.iter().map(ActiveEnum::to_value).collect();
            let model = record!(power, meta, {
                code: format!("MYXW-ZQ-{number:03}"),
                name: row.name.to_owned(),
                category: row.category,
                holder_org_id: self.org(row.holder)?,
                holder_post_id: row.post.map(|key| find(&self.posts, "post", key)).transpose()?,
                legal_basis: row.basis.to_owned(),
                duties: row.duties.to_owned(),
                accountability: row.accountability.to_owned(),
                undertaking_unit: row.unit.to_owned(),
                carriers: carriers.join(","),
                timing: row.timing,
                timing_days: row.days,
                supervision_phone: owned(row.phone),
                risk_level: row.risk,
                procedure_id: Some(find(&self.procedures, "procedure", row.procedure)?),
            })
            .insert(self.txn)
            .await?;
            self.restrict(RecordKind::Power, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn observers(&mut self) -> Result<(), DbErr> {
        let owner = self.org("县委办")?;
        let rules = self.source(Some("列席旁听"))?;
        for row in OBSERVERS {
            let meta = Meta::new(row.scope, row.life, date(row.on)?, Some(owner), rules)?;
            let model = record!(observer, meta, {
                person_id: self.person(row.person)?,
                category: row.category,
                since_on: date(row.since)?,
                note: Some(row.note.to_owned()),
            })
            .insert(self.txn)
            .await?;
            self.restrict(RecordKind::Observer, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn meetings(&mut self) -> Result<(), DbErr> {
        let categories: HashMap<&str, Oc> = OBSERVERS
            .iter()
            .map(|row| (row.person, row.category))
            .collect();
        for row in MEETINGS {
            let day = date(row.day)?;
            let publish = match row.publish {
                Some(on) => date(on)?,
                None => workday_from(day + TimeDelta::days(5)),
            };
            let owner = match row.body {
                "领导小组" => "领导小组办",
                "政府" => "政府",
                "党代会" => "组织部",
                _ => "县委办",
            };
            let source = if !row.observers.is_empty() {
                self.source(Some("列席旁听"))?
            } else if row.body == "领导小组" {
                self.source(Some("实施方案"))?
            } else {
                None
            };
            let meta = Meta::new(row.scope, row.life, publish, Some(self.org(owner)?), source)?;
            let held = row.state == Ms::Held;
            let model = record!(meeting, meta, {
                body_id: self.org(row.body)?,
                kind: row.kind,
                label: row.label.to_owned(),
                session_number: row.session,
                starts_at: beijing(day, row.at.0, row.at.1)?,
                place: row.place.to_owned(),
                chair_id: Some(self.person(row.chair)?),
                meeting_status: row.state,
                summary: Some(row.summary.to_owned()),
                minutes: held.then(|| minutes(row)),
            })
            .insert(self.txn)
            .await?;
            self.meetings.insert(row.key, model.id);
            self.restrict(RecordKind::Meeting, model.id, row.scope, row.audience)?;

            if held {
                self.attendance(row, model.id, &categories).await?;
            }
            let present = i32::try_from(row.members.len() - row.absent.len())
                .map_err(|_| DbErr::Custom("demo county: too many members".to_owned()))?;
            for (position, item) in (1..).zip(row.agenda) {
                let item_id = agenda_item::ActiveModel {
                    id: NotSet,
                    meeting_id: Set(model.id),
                    position: Set(position),
                    title: Set(item.title.to_owned()),
                    presenter_id: Set(item.presenter.map(|name| self.person(name)).transpose()?),
                    summary: Set((!item.summary.is_empty()).then(|| item.summary.to_owned())),
                }
                .insert(self.txn)
                .await?
                .id;
                for dec in item.decisions {
                    self.decision(row, model.id, item_id, publish, present, dec)
                        .await?;
                }
            }
        }
        Ok(())
    }

    async fn attendance(
        &self,
        row: &MeetingRow,
        meeting_id: i64,
        categories: &HashMap<&str, Oc>,
    ) -> Result<(), DbErr> {
        let mut rows = Vec::new();
        for (name, _) in row.absent {
            if !row.members.contains(name) {
                return Err(DbErr::Custom(format!(
                    "demo county: {name} is absent from {} but no member",
                    row.label
                )));
            }
        }
        let seat =
            |person_id, role, present, reason: Option<&str>, category| attendance::ActiveModel {
                id: NotSet,
                meeting_id: Set(meeting_id),
                person_id: Set(person_id),
                role: Set(role),
                present: Set(present),
                absence_reason: Set(owned(reason)),
                observer_category: Set(category),
            };
        for name in row.members {
            let reason = row
                .absent
                .iter()
                .find(|(absent, _)| absent == name)
                .map(|&(_, reason)| reason);
            rows.push(seat(
                self.person(name)?,
                AttendanceRole::Member,
                reason.is_none(),
                reason,
                None,
            ));
        }
        for name in row.guests {
            rows.push(seat(
                self.person(name)?,
                AttendanceRole::NonVoting,
                true,
                None,
                None,
            ));
        }
        for name in row.observers {
            let category = categories.get(name).copied().ok_or_else(|| {
                DbErr::Custom(format!("demo county: {name} is not in the observer pool"))
            })?;
            rows.push(seat(
                self.person(name)?,
                AttendanceRole::Observer,
                true,
                None,
                Some(category),
            ));
        }
        attendance::Entity::insert_many(rows).exec(self.txn).await?;
        Ok(())
    }

    async fn decision(
        &mut self,
        row: &MeetingRow,
        meeting_id: i64,
        item_id: i64,
        publish: NaiveDate,
        present: i32,
        dec: &'static Dec,
    ) -> Result<(), DbErr> {
        let scope = dec.scope.unwrap_or(row.scope);
        let audience = if dec.audience.is_empty() {
            row.audience
        } else {
            dec.audience
        };
        let life = dec.life.unwrap_or(row.life);
        let owner = match row.body {
            "领导小组" => "领导小组办",
            "政府" => "政府",
            "党代会" => "组织部",
            _ => "县委办",
        };
        let meta = Meta::new(scope, life, publish, Some(self.org(owner)?), None)?;
        let (votes_for, against, abstain) = match dec.vote {
            Some((against, abstain)) => (
                Some(present - against - abstain),
                Some(against),
                Some(abstain),
            ),
            None => (None, None, None),
        };
        let model = record!(decision, meta, {
            meeting_id: meeting_id,
            agenda_item_id: Some(item_id),
            kind: dec.kind,
            title: dec.title.to_owned(),
            text: dec.text.to_owned(),
            votes_for: votes_for,
            votes_against: against,
            votes_abstain: abstain,
            result: dec.result,
            execution_status: dec.execution,
        })
        .insert(self.txn)
        .await?;
        self.restrict(RecordKind::Decision, model.id, scope, audience)?;
        let mut milestones = Vec::new();
        for (position, &(title, due, done, status, evidence)) in (1..).zip(dec.milestones) {
            milestones.push(milestone::ActiveModel {
                id: NotSet,
                decision_id: Set(model.id),
                position: Set(position),
                title: Set(title.to_owned()),
                due_on: Set(date(due)?),
                done_on: Set(opt_date(done)?),
                status: Set(status),
                evidence: Set(owned(evidence)),
            });
        }
        milestone::Entity::insert_many(milestones)
            .exec(self.txn)
            .await?;
        Ok(())
    }

    async fn appointments(&mut self) -> Result<(), DbErr> {
        let people: HashMap<&str, &PersonRow> = PEOPLE.iter().map(|row| (row.name, row)).collect();
        let owner = self.org("组织部")?;
        for row in APPOINTMENTS {
            let source = if row.announced.is_some() {
                self.source(Some("空缺预告"))?
            } else {
                None
            };
            let meta = Meta::new(row.scope, row.life, date(row.on)?, Some(owner), source)?;
            let candidate = match row.candidate {
                Some(name) => Some(*people.get(name).ok_or_else(|| {
                    DbErr::Custom(format!("demo county: unknown candidate {name}"))
                })?),
                None => None,
            };
            let snapshot = |field: fn(&PersonRow) -> Option<&'static str>| {
                candidate.and_then(field).map(str::to_owned)
            };
            let model = record!(appointment, meta, {
                organization_id: self.org(row.org)?,
                post_id: row.post.map(|key| find(&self.posts, "post", key)).transpose()?,
                stage: row.stage,
                outcome: row.outcome,
                vacancy_title: row.vacancy.to_owned(),
                requirements: owned(row.requirements),
                vacancy_announced_on: opt_date(row.announced)?,
                application_deadline: opt_date(row.deadline)?,
                candidate_id: row.candidate.map(|name| self.person(name)).transpose()?,
                candidate_name: snapshot(|p| Some(p.name)),
                candidate_gender: snapshot(|p| p.gender),
                candidate_ethnicity: snapshot(|p| p.ethnicity),
                candidate_birth_month: snapshot(|p| p.birth),
                candidate_education: snapshot(|p| p.education),
                candidate_party_joined: owned(row.party_joined),
                candidate_work_started: owned(row.work_started),
                current_post: owned(row.current_post),
                proposed_post: owned(row.proposed_post),
                inspection_started_on: opt_date(row.inspection_started)?,
                inspection_report: owned(row.inspection_report),
                notice_start: opt_date(row.notice.map(|(start, _)| start))?,
                notice_end: opt_date(row.notice.map(|(_, end)| end))?,
                complaint_channels: row.notice.map(|_| COMPLAINTS.to_owned()),
                objections: owned(row.objections),
                objection_count: row.objection_count,
                deciding_meeting_id: row.meeting.map(|key| find(&self.meetings, "meeting", key)).transpose()?,
                decided_on: opt_date(row.decided)?,
                probation_until: opt_date(row.probation_until)?,
            })
            .insert(self.txn)
            .await?;
            self.restrict(RecordKind::Appointment, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn cases(&mut self) -> Result<(), DbErr> {
        let commission = self.org("纪委")?;
        for (number, row) in (1..).zip(CASES) {
            let meta = Meta::new(
                row.scope,
                row.life,
                date(row.on)?,
                Some(commission),
                self.source(row.source)?,
            )?;
            let model = record!(disciplinary_case, meta, {
                case_number: format!("门纪案〔2011〕{number}号"),
                subject_name: row.subject.to_owned(),
                subject_id: row.person.map(|name| self.person(name)).transpose()?,
                post_at_time: row.post.to_owned(),
                rank: row.rank.to_owned(),
                violation_category: row.category,
                summary: row.summary.to_owned(),
                amount_yuan: row.amount,
                party_sanction: row.party,
                probation_years: row.years,
                government_sanction: row.government,
                decided_on: date(row.decided)?,
                deciding_body_id: Some(commission),
                transferred_to_prosecutors: row.prosecuted,
                announced: row.announced.is_some(),
                announced_on: opt_date(row.announced)?,
            })
            .insert(self.txn)
            .await?;
            self.restrict(
                RecordKind::DisciplinaryCase,
                model.id,
                row.scope,
                row.audience,
            )?;
        }
        Ok(())
    }

    /// The TV column's bulletins, owned by the 宣传报道组 that edits the column.
    async fn bulletins(&mut self) -> Result<(), DbErr> {
        let owner = self.org("宣传组")?;
        for row in BULLETINS {
            let related = match row.about {
                About::Decision(title) => decision::Entity::find()
                    .filter(decision::Column::Title.eq(title))
                    .one(self.txn)
                    .await?
                    .map(|d| (RecordKind::Decision, d.id)),
                About::Case(number) => disciplinary_case::Entity::find()
                    .filter(
                        disciplinary_case::Column::CaseNumber
                            .eq(format!("门纪案〔2011〕{number}号")),
                    )
                    .one(self.txn)
                    .await?
                    .map(|c| (RecordKind::DisciplinaryCase, c.id)),
                About::Nothing => None,
            };
            if related.is_none() && !matches!(row.about, About::Nothing) {
                return Err(DbErr::Custom(format!(
                    "demo county: bulletin `{}` names no record",
                    row.title
                )));
            }
            let meta = match row.when {
                When::On(life, on) => Meta::new(row.scope, life, date(on)?, Some(owner), None)?,
                When::HoursFromLoad(hours) => {
                    let now = Utc::now();
                    Meta {
                        scope: row.scope,
                        status: PublicationStatus::Published,
                        publish_at: Some(now + TimeDelta::hours(hours)),
                        version: 1,
                        owner: Some(owner),
                        source: None,
                        created: now,
                        updated: now,
                    }
                }
            };
            let model = record!(bulletin, meta, {
                title: row.title.to_owned(),
                crawl: row.crawl.to_owned(),
                body: row.body.to_owned(),
                category: row.category,
                related_kind: related.map(|(kind, _)| kind),
                related_id: related.map(|(_, id)| id),
            })
            .insert(self.txn)
            .await?;
            self.restrict(RecordKind::Bulletin, model.id, row.scope, row.audience)?;
        }
        Ok(())
    }

    async fn audiences(&mut self) -> Result<(), DbErr> {
        let mut rows = Vec::new();
        for &(kind, record_id, audience) in &self.restricted {
            for member in audience {
                let (organization_id, person_id) = match member.strip_prefix('@') {
                    Some(name) => (None, Some(self.person(name)?)),
                    None => (Some(self.org(member)?), None),
                };
                rows.push(record_audience::ActiveModel {
                    id: NotSet,
                    record_kind: Set(kind),
                    record_id: Set(record_id),
                    organization_id: Set(organization_id),
                    person_id: Set(person_id),
                });
            }
        }
        record_audience::Entity::insert_many(rows)
            .exec(self.txn)
            .await?;
        Ok(())
    }
}

/// The 纪要 of a held meeting: who chaired and attended, then what the table says was agreed.
fn minutes(row: &MeetingRow) -> String {
    let mut text = format!(
        "会议由{}同志主持。应到{}人，实到{}人",
        row.chair,
        row.members.len(),
        row.members.len() - row.absent.len()
    );
    if !row.absent.is_empty() {
        let absent: Vec<String> = row
            .absent
            .iter()
            .map(|(name, reason)| format!("{name}同志未出席：{reason}"))
            .collect();
        text.push('；');
        text.push_str(&absent.join("；"));
    }
    text.push('。');
    if !row.guests.is_empty() {
        text.push_str(&row.guests.join("、"));
        text.push_str("同志列席会议。");
    }
    if !row.observers.is_empty() {
        text.push_str(&format!(
            "邀请会议列席人员资料库成员{}名旁听会议。",
            row.observers.len()
        ));
    }
    text.push_str(row.minutes);
    text
}
