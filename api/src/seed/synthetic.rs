//! A synthetic county of any size, for benchmarks and scale tests.
//!
//! [`load`] adds 合成县, a clearly fictional county (every organization's description says 合成数据,
//! every person is `fictional`, every phone number is a 0970-000xxxx placeholder and every
//! e-mail address is at example.org), next to whatever the database already holds (the demo
//! county, or an earlier synthetic county). For `N` powers it creates about `max(20, N/100)`
//! organizations in a tree, `max(50, N/10)` people with posts, memberships and an observer pool,
//! `N` powers each with its own six-step procedure, `N/4` meetings with attendance, agenda,
//! decisions and milestones, `N/20` appointments and `N/20` disciplinary cases, over 2011–2026,
//! with every disclosure scope and a few unpublished records on every publishable kind.
//!
//! Speed: all rows are inserted with multi-row `INSERT`s in one transaction. Ids are assigned
//! here, above each table's current `MAX(id)`, so children can name their parents without a
//! round trip per row; on PostgreSQL the tables are locked against concurrent writers for the
//! duration and each sequence is moved past the new maximum before the commit.
//!
//! Determinism: no randomness comes from the operating system or the clock. Every value is
//! drawn from a splitmix64 stream seeded by `N`, the table and the row number, and every time
//! is a fixed time between 2011-01-04 and 2026-10-31, so the same `N` gives the same rows (and,
//! on an empty database, the same ids) on SQLite and PostgreSQL.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use entity::enums::{
    AppointmentOutcome as Out, AppointmentStage as Stage, AttendanceRole, Carrier,
    DecisionKind as Dk, DecisionResult as Dr, DisclosureTiming as Timing, ExecutionStatus as Ex,
    GovernmentSanction as Gov, MeetingKind as Mk, MeetingStatus, ObserverCategory as Oc,
    OrganizationKind as OrgKind, PartySanction as Party, PowerCategory as Cat, PublicationStatus,
    RecordKind, RiskLevel, Scope, ViolationCategory as Vc,
};
use entity::{
    agenda_item, appointment, attendance, decision, disciplinary_case, meeting, membership,
    milestone, observer, organization, person, post, power, procedure, procedure_edge,
    procedure_step, record_audience, risk_point, source, supervision_measure,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, EntityTrait, IntoActiveModel, Iterable, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};

/// What was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyntheticCounts {
    /// Organizations (机构), in one tree under the synthetic county committee.
    pub organizations: u64,
    /// People (fictional).
    pub people: u64,
    /// Powers (职权).
    pub powers: u64,
    /// Procedures (流程图), one per power.
    pub procedures: u64,
    /// Procedure steps, six per procedure.
    pub steps: u64,
    /// Meetings (会议).
    pub meetings: u64,
    /// Decisions, four per meeting.
    pub decisions: u64,
    /// Appointments (干部任免).
    pub appointments: u64,
    /// Disciplinary cases (违纪违法问题处理).
    pub cases: u64,
}

// ---------------------------------------------------------------------------------------------
// Fixed parameters
// ---------------------------------------------------------------------------------------------

/// Bound parameters per statement: under SQLite's 32766 and PostgreSQL's 65535.
const MAX_PARAMS: usize = 30_000;

/// Powers generated and inserted per round (with their procedures), to bound memory.
const POWER_BLOCK: u64 = 5_000;

/// Every table this loader writes, parents before children.
const TABLES: [&str; 20] = [
    "sources",
    "organizations",
    "people",
    "posts",
    "memberships",
    "observers",
    "procedures",
    "procedure_steps",
    "procedure_edges",
    "risk_points",
    "supervision_measures",
    "powers",
    "meetings",
    "agenda_items",
    "attendances",
    "decisions",
    "milestones",
    "appointments",
    "disciplinary_cases",
    "record_audiences",
];

const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a calendar date"),
    }
}

/// The first day anything happens.
const FIRST_DAY: NaiveDate = ymd(2011, 1, 4);
/// The last day a record is created.
const LAST_DAY: NaiveDate = ymd(2026, 10, 15);
/// The day the synthetic county is "as of": everything is on or before it, so every
/// `publish_at` is in the past and a milestone due before it and not done is overdue.
const AS_OF: NaiveDate = ymd(2026, 10, 31);
/// The years that have a source document.
const FIRST_YEAR: i32 = 2011;
const LAST_YEAR: i32 = 2026;

/// Placeholder supervision phone.
const OFFICE_PHONE: &str = "0970-0000100";
/// What every synthetic vacancy asks of candidates.
const REQUIREMENTS: &str =
    "具有大学本科以上学历，任副科级职务满三年，年龄一般不超过45周岁（合成数据）。";
/// The inspection report of every synthetic candidate (RESTRICTED at field level).
const INSPECTION_REPORT: &str =
    "考察组听取了本人述职述廉，进行了民主测评和个别谈话，考察对象德才表现较好（合成数据）。";
/// The complaint channels every 任前公示 names (placeholders).
const COMPLAINTS: &str = "12380举报电话（含短信、网站）、合成县委组织部干部监督科 0970-0000200、来信来访（合成县委组织部干部监督科）";

// Indices of the fixed bodies at the top of the organization tree.
const ROOT: usize = 0;
const STANDING: usize = 1;
const DISCIPLINE: usize = 2;
const CONGRESS: usize = 3;
const PEOPLES: usize = 4;
const GOVERNMENT: usize = 5;
const CPPCC: usize = 6;
const LEADING: usize = 7;
/// Posts of each fixed body; other organizations have [`UNIT_POSTS`].
const BODY_POSTS: usize = 12;
const UNIT_POSTS: usize = 4;

// Streams of the random generator, one per kind of row.
const S_ORG: u64 = 1;
const S_PERSON: u64 = 2;
const S_POST: u64 = 3;
const S_MEMBERSHIP: u64 = 4;
const S_OBSERVER: u64 = 5;
const S_POWER: u64 = 6;
const S_MEETING: u64 = 7;
const S_APPOINTMENT: u64 = 8;
const S_CASE: u64 = 9;
const S_SOURCE: u64 = 10;

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, one stream per row
// ---------------------------------------------------------------------------------------------

/// A splitmix64 generator. Each row gets its own stream from (seed, table, row), so a row's
/// values do not depend on the order in which rows are generated.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64, row: u64) -> Self {
        let mut rng = Rng(seed
            ^ stream.wrapping_mul(0xA076_1D64_78BD_642F)
            ^ row.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// A number in `0..n` as an `i64`, for day and minute offsets.
    fn offset(&mut self, n: u64) -> i64 {
        i64::try_from(self.below(n)).unwrap_or(0)
    }

    /// An index into a slice of `len` items (0 when empty).
    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// One of `items`, which must not be empty.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// True with the given probability in percent.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn seed_for(powers: u64) -> u64 {
    let mut rng = Rng(powers ^ 0x5355_4E4C_6967_6874);
    rng.next()
}

// ---------------------------------------------------------------------------------------------
// Dates and times
// ---------------------------------------------------------------------------------------------

/// A Beijing wall-clock time (UTC+8), `minutes` after midnight of `day`, as the stored UTC
/// instant.
fn beijing(day: NaiveDate, minutes: i64) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc() + TimeDelta::minutes(minutes - 8 * 60)
}

/// A Beijing office-hours time (08:30–17:30) on `day`.
fn office_time(day: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    beijing(day, 8 * 60 + 30 + rng.offset(9 * 60))
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The first working day (Monday to Friday) on or after `day`.
fn workday_from(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + TimeDelta::days(2),
        Weekday::Sun => day + TimeDelta::days(1),
        _ => day,
    }
}

/// The last of `count` working days starting with the working day `start`.
fn after_working_days(start: NaiveDate, count: u32) -> NaiveDate {
    let mut day = start;
    let mut counted = 1;
    while counted < count {
        day += TimeDelta::days(1);
        if !is_weekend(day) {
            counted += 1;
        }
    }
    day
}

fn span_days() -> i64 {
    (LAST_DAY - FIRST_DAY).num_days()
}

/// The day of row `row` of `rows` spread evenly over the whole period, plus a small jitter.
fn spread_day(row: u64, rows: u64, rng: &mut Rng) -> NaiveDate {
    let span = span_days();
    let base = i64::try_from(row.saturating_mul(span as u64) / rows.max(1)).unwrap_or(0);
    FIRST_DAY + TimeDelta::days((base + rng.offset(7)).min(span))
}

/// A "YYYY-MM" month.
fn month(year: i64, month: i64) -> String {
    format!("{year:04}-{month:02}")
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the synthetic county
// ---------------------------------------------------------------------------------------------

const SCOPE_ROLLS: (u64, u64) = (70, 90);

const CATEGORIES: [Cat; 6] = [
    Cat::MajorDecision,
    Cat::Personnel,
    Cat::MajorProject,
    Cat::Incident,
    Cat::LargeFund,
    Cat::Other,
];

const CARRIERS: [Carrier; 7] = [
    Carrier::Website,
    Carrier::Tv,
    Carrier::NoticeBoard,
    Carrier::Newspaper,
    Carrier::PressConference,
    Carrier::PartyDocument,
    Carrier::Meeting,
];

const LEVELS: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];

const OBSERVER_CATEGORIES: [(Oc, &str); 6] = [
    (Oc::Expert, "专家学者"),
    (Oc::Grassroots, "基层群众"),
    (Oc::CommunityMember, "社区党员"),
    (Oc::Cadre, "机关干部"),
    (Oc::PeoplesDeputy, "人大代表"),
    (Oc::CppccMember, "政协委员"),
];

/// A step of a category's flowchart: name, actor, conditions, time limit in working days.
type StepText = (&'static str, &'static str, &'static str, i32);

/// What differs between the categories of power.
struct CategoryText {
    label: &'static str,
    powers: [&'static str; 5],
    steps: [StepText; 6],
}

const CATEGORY_TEXT: [CategoryText; 6] = [
    CategoryText {
        label: "重大决策",
        powers: [
            "重大决策事项研究决定权",
            "重大政策措施审定权",
            "发展规划建议审议权",
            "重要工作部署决定权",
            "涉及群众切身利益事项决策权",
        ],
        steps: [
            (
                "提出动议",
                "承办单位",
                "依据职权目录提出决策事项，说明依据和理由",
                3,
            ),
            (
                "调研论证",
                "承办单位、县委政策研究室",
                "开展调查研究、专家论证和风险评估",
                15,
            ),
            (
                "征求意见",
                "县委办公室",
                "通过公开栏、网站公开征求党员群众意见，时间不少于7日",
                7,
            ),
            ("集体讨论决定", "县委常委会", "实行票决制，书记末位表态", 1),
            (
                "公开决策结果",
                "县委办公室、承办单位",
                "决定作出后按公开时限在公开载体上公布",
                7,
            ),
            (
                "执行与评估",
                "承办单位、县委督查室",
                "跟踪督办执行情况，开展决策后评估",
                30,
            ),
        ],
    },
    CategoryText {
        label: "重要人事任免",
        powers: [
            "科级领导干部任免权",
            "后备干部推荐权",
            "干部交流轮岗决定权",
            "干部试用期考核权",
            "领导班子调整配备建议权",
        ],
        steps: [
            (
                "分析研判与动议",
                "县委组织部",
                "根据职数和班子结构提出动议",
                5,
            ),
            (
                "民主推荐",
                "县委组织部",
                "召开推荐会议，进行个别谈话推荐",
                10,
            ),
            ("组织考察", "考察组", "全面考察德能勤绩廉，听取述职述廉", 15),
            (
                "常委会讨论决定",
                "县委常委会",
                "无记名投票表决，超过应到会成员半数同意",
                1,
            ),
            (
                "任前公示",
                "县委组织部",
                "公示期不少于5个工作日，公布12380举报电话",
                5,
            ),
            (
                "任职与试用期考核",
                "县委组织部",
                "试用期一年，期满考核合格的正式任职",
                250,
            ),
        ],
    },
    CategoryText {
        label: "重大项目建设",
        powers: [
            "重大项目立项审定权",
            "政府投资项目安排决定权",
            "项目招标方式核准权",
            "项目建设调度权",
            "项目竣工验收组织权",
        ],
        steps: [
            (
                "项目申报",
                "项目单位、县发展和改革局",
                "符合规划和产业政策，材料齐全",
                10,
            ),
            (
                "可行性研究与评审",
                "项目单位、评审机构",
                "组织专家评审，评审意见随案公开",
                20,
            ),
            (
                "公开征求意见",
                "县发展和改革局",
                "涉及群众利益的项目公开征求意见",
                10,
            ),
            (
                "县委常委会审定",
                "县委常委会",
                "集体讨论决定，形成会议纪要",
                1,
            ),
            (
                "招标投标与实施",
                "项目单位",
                "依法公开招标，公示中标结果",
                60,
            ),
            (
                "竣工验收与审计",
                "县审计局、项目单位",
                "竣工决算审计，验收结果公开",
                30,
            ),
        ],
    },
    CategoryText {
        label: "重大事件处置",
        powers: [
            "突发事件应急处置决定权",
            "重大事件信息发布权",
            "应急预案启动权",
            "善后处置方案审定权",
            "事件责任调查处理权",
        ],
        steps: [
            (
                "事件报告",
                "事发单位、乡镇",
                "事发后1小时内报告县委、县政府值班室",
                1,
            ),
            (
                "研判与启动预案",
                "县应急指挥部",
                "研判事件等级，启动相应预案",
                1,
            ),
            ("现场处置", "现场指挥部", "组织力量控制事态、救援群众", 3),
            (
                "处置方案审定",
                "县委常委会（书记专题会议）",
                "集体研究重大处置措施",
                1,
            ),
            (
                "信息发布",
                "县委宣传部",
                "及时、准确发布权威信息，回应社会关切",
                1,
            ),
            (
                "善后与责任调查",
                "县纪委、有关部门",
                "查明原因，依纪依法追究责任",
                30,
            ),
        ],
    },
    CategoryText {
        label: "大额资金使用",
        powers: [
            "大额资金使用审批权",
            "专项资金分配决定权",
            "预算调整审定权",
            "惠民资金发放监督权",
            "预算外支出审批权",
        ],
        steps: [
            ("用款申请", "用款单位", "说明用途、依据和预算安排", 3),
            ("财政审核", "县财政局", "审核资金来源、标准和额度", 5),
            ("分管领导审签", "分管县级领导", "签署审核意见", 2),
            (
                "集体研究决定",
                "县委常委会（县政府常务会议）",
                "大额资金一律集体研究决定",
                1,
            ),
            (
                "资金拨付与公示",
                "县财政局、用款单位",
                "按进度拨付，使用情况公示",
                10,
            ),
            ("审计监督", "县审计局", "年度审计，审计结果公开", 60),
        ],
    },
    CategoryText {
        label: "其他事项",
        powers: [
            "党务公开事项审定权",
            "表彰奖励评审权",
            "信访事项督办权",
            "机构编制事项审核权",
            "目标责任考核权",
        ],
        steps: [
            ("受理", "承办单位", "登记事项，一次性告知所需材料", 2),
            ("审核", "承办单位主要负责人", "审核材料是否真实、完整", 3),
            ("征求意见", "有关部门", "听取有关部门和群众意见", 5),
            ("审批", "分管县委领导", "重要事项报县委书记审定", 2),
            ("办理与公开", "承办单位", "按公开时限和载体公开办理结果", 7),
            ("归档与评议", "县委督查室", "资料归档，开展群众评议", 10),
        ],
    },
];

/// Risk points by step position: description, prevention.
const RISKS: [(&str, &str); 6] = [
    (
        "动议环节把关不严，应提出事项不提出或选择性提出",
        "对照职权目录建立事项台账，领导小组办公室按季度核对",
    ),
    (
        "调研论证流于形式，论证意见不客观、不全面",
        "实行专家论证和风险评估制度，论证意见随案公开",
    ),
    (
        "征求意见范围过窄、时间不足，意见采纳不反馈",
        "明确征求意见最短时限，意见采纳情况公开反馈",
    ),
    (
        "个人或少数人决定重大事项，会前酝酿不充分",
        "严格执行集体讨论和票决制，会议记录存档备查",
    ),
    (
        "公开不及时、不全面，公开载体单一",
        "建立公开时限提醒制度，逾期未公开的予以通报",
    ),
    (
        "执行走样、监督缺位，结果不评估",
        "纳入督查督办和目标考核，执行情况定期公开",
    ),
];

const LEGAL_BASES: [&str; 9] = [
    "《中国共产党章程》",
    "《中国共产党地方委员会工作条例》",
    "《中国共产党党内监督条例》",
    "《中国共产党党务公开条例（试行）》",
    "《党政领导干部选拔任用工作条例》",
    "《中华人民共和国预算法》",
    "《中华人民共和国招标投标法》",
    "《中华人民共和国突发事件应对法》",
    "《中共合成县委关于进一步规范县委全委会、常委会及成员职权的意见》（合成数据）",
];

const ACCOUNTABILITY: [&str; 4] = [
    "不按规定程序行使职权、造成不良影响的，依照有关规定追究直接责任人和领导责任。",
    "应公开未公开或公开内容不实的，责令限期改正并予以通报。",
    "个人决定重大事项或违反集体决策程序的，依纪依规追究责任。",
    "因失职失责造成重大损失的，依纪依法追究责任；涉嫌犯罪的移送司法机关。",
];

const TOPICS: [&str; 18] = [
    "年度重点工作安排",
    "县委权力公开透明运行工作",
    "干部任免事项",
    "重大项目建设推进",
    "大额资金使用方案",
    "突发事件处置工作",
    "党风廉政建设责任制落实",
    "农牧民增收工作",
    "城镇建设总体规划",
    "教育卫生事业发展",
    "生态保护工作",
    "基层组织建设",
    "信访工作",
    "扶贫开发工作",
    "民族团结进步创建",
    "财政预算执行情况",
    "安全生产工作",
    "党务公开目录调整",
];

const MILESTONES: [&str; 4] = [
    "制定实施方案并明确责任单位",
    "完成阶段性任务",
    "督查督办落实情况",
    "完成并报告执行结果",
];

const ABSENCE_REASONS: [&str; 5] = [
    "因公出差",
    "参加上级会议",
    "因病请假",
    "外出学习培训",
    "下乡督导工作",
];

const PLACES: [&str; 5] = [
    "合成县委常委会议室",
    "合成县委第一会议室",
    "合成县政府常务会议室",
    "合成县行政中心三楼会议室",
    "合成县委党校报告厅",
];

const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "马", "韩", "祁", "冶", "铁", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "曹", "彭",
    "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋",
];
const GIVEN_FIRST: [&str; 20] = [
    "建", "志", "永", "国", "文", "海", "明", "玉", "春", "晓", "德", "学", "秀", "红", "金", "福",
    "占", "正", "生", "有",
];
const GIVEN_MALE: [&str; 12] = [
    "军", "平", "华", "林", "山", "成", "龙", "强", "辉", "宏", "忠", "民",
];
const GIVEN_FEMALE: [&str; 10] = ["英", "梅", "芳", "兰", "青", "云", "琴", "莲", "霞", "娟"];
const ETHNICITIES: [&str; 6] = ["汉族", "回族", "藏族", "土族", "蒙古族", "撒拉族"];
const EDUCATIONS: [&str; 4] = ["大学本科", "研究生", "大学专科", "中央党校大学"];

const PARTY_DEPARTMENTS: [&str; 16] = [
    "办公室",
    "组织部",
    "宣传部",
    "统一战线工作部",
    "政法委员会",
    "政策研究室",
    "机构编制委员会办公室",
    "老干部局",
    "党校",
    "直属机关工作委员会",
    "农村工作办公室",
    "督查室",
    "保密委员会办公室",
    "党史研究室",
    "巡察工作领导小组办公室",
    "网络安全和信息化委员会办公室",
];
const BUREAUS: [&str; 20] = [
    "发展和改革局",
    "财政局",
    "教育局",
    "卫生健康局",
    "住房和城乡建设局",
    "自然资源局",
    "农业农村局",
    "水利局",
    "交通运输局",
    "民政局",
    "人力资源和社会保障局",
    "审计局",
    "统计局",
    "市场监督管理局",
    "应急管理局",
    "生态环境局",
    "文化旅游局",
    "林业和草原局",
    "民族宗教事务局",
    "司法局",
];
const PLACE_FIRST: [&str; 20] = [
    "青", "石", "河", "草", "金", "银", "东", "西", "南", "北", "新", "泉", "红", "白", "黑", "柳",
    "杨", "沙", "马", "龙",
];
const PLACE_SECOND: [&str; 20] = [
    "源", "滩", "川", "沟", "山", "湾", "台", "岭", "峡", "堡", "庄", "坪", "原", "湖", "寺", "口",
    "园", "泽", "屯", "营",
];

/// The title of post `position` (from 0) of an organization of `kind` named `short`.
fn post_title(kind: OrgKind, short: &str, position: usize) -> String {
    let fixed = |titles: &[&str]| {
        titles
            .get(position)
            .or(titles.last())
            .map_or_else(|| "干部".to_owned(), |t| (*t).to_owned())
    };
    let unit = |head: &str, fourth: &str| match position {
        0 => head.to_owned(),
        1 | 2 => format!("副{head}"),
        _ => fourth.to_owned(),
    };
    // "县委组织部（二）" is headed like "县委组织部".
    let base = short.split('（').next().unwrap_or(short);
    match kind {
        OrgKind::Plenary => fixed(&["县委书记", "县委副书记", "县委副书记", "县委委员"]),
        OrgKind::StandingCommittee => fixed(&[
            "县委书记",
            "县委副书记、县长",
            "县委专职副书记",
            "县委常委、纪委书记",
            "县委常委、组织部部长",
            "县委常委、宣传部部长",
            "县委常委、统战部部长",
            "县委常委、政法委书记",
            "县委常委、常务副县长",
            "县委常委、县委办公室主任",
            "县委常委、副县长",
            "县委常委、人武部政委",
        ]),
        OrgKind::DisciplineCommission => {
            fixed(&["纪委书记", "纪委副书记", "纪委副书记", "纪委常委"])
        }
        OrgKind::PartyCongress => fixed(&["党代会常任制联络办主任", "党代会代表"]),
        OrgKind::PeoplesCongress => fixed(&[
            "人大常委会主任",
            "人大常委会副主任",
            "人大常委会副主任",
            "人大常委会委员",
        ]),
        OrgKind::Government => fixed(&["县长", "常务副县长", "副县长", "副县长", "政府党组成员"]),
        OrgKind::Cppcc => fixed(&["政协主席", "政协副主席", "政协副主席", "政协常委"]),
        OrgKind::LeadingGroup => fixed(&["组长", "副组长", "副组长", "办公室主任", "成员"]),
        OrgKind::Department => {
            let head = if base.ends_with('部') {
                "部长"
            } else if base.ends_with("委员会") {
                "书记"
            } else if base.ends_with("党校") {
                "校长"
            } else if base.ends_with('局') {
                "局长"
            } else {
                "主任"
            };
            unit(head, "科长")
        }
        OrgKind::Township => {
            let head = if base.ends_with('乡') {
                "乡长"
            } else {
                "镇长"
            };
            fixed(&["党委书记", "党委副书记", head, "纪委书记"])
        }
        OrgKind::Other if base.ends_with("党支部") => {
            fixed(&["书记", "副书记", "组织委员", "宣传委员"])
        }
        OrgKind::Other => unit(
            if base.ends_with('局') {
                "局长"
            } else {
                "主任"
            },
            "股长",
        ),
    }
}

/// A person's name: surname and one or two given characters.
fn person_name(rng: &mut Rng, female: bool) -> String {
    let mut name = String::with_capacity(9);
    name.push_str(rng.pick(&SURNAMES));
    name.push_str(rng.pick(&GIVEN_FIRST));
    if rng.chance(70) {
        name.push_str(rng.pick(if female { &GIVEN_FEMALE } else { &GIVEN_MALE }));
    }
    name
}

/// Chinese numerals for a small count.
fn cn_number(n: usize) -> &'static str {
    const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    NUMS.get(n.saturating_sub(1)).copied().unwrap_or("十")
}

// ---------------------------------------------------------------------------------------------
// The columns every publishable record shares
// ---------------------------------------------------------------------------------------------

/// The columns every publishable record carries (`version` is always 1).
#[derive(Clone, Copy)]
struct Meta {
    scope: Scope,
    status: PublicationStatus,
    publish_at: Option<DateTime<Utc>>,
    owner: i64,
    source: Option<i64>,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
}

/// A Model of a publishable entity: the listed fields, and the shared columns from a [`Meta`].
macro_rules! record {
    ($module:ident, $meta:expr, { $($field:ident: $value:expr),* $(,)? }) => {{
        let meta: Meta = $meta;
        $module::Model {
            $($field: $value,)*
            scope: meta.scope,
            status: meta.status,
            publish_at: meta.publish_at,
            version: 1,
            owner_org_id: Some(meta.owner),
            source_id: meta.source,
            created_at: meta.created,
            updated_at: meta.updated,
        }
    }};
}

// ---------------------------------------------------------------------------------------------
// Database plumbing
// ---------------------------------------------------------------------------------------------

async fn max_id(txn: &DatabaseTransaction, table: &str) -> Result<i64, DbErr> {
    let statement = Statement::from_string(
        txn.get_database_backend(),
        format!("SELECT COALESCE(MAX(id), 0) AS max_id FROM {table}"),
    );
    match txn.query_one_raw(statement).await? {
        Some(row) => row.try_get::<i64>("", "max_id"),
        None => Ok(0),
    }
}

/// Inserts `rows` with multi-row INSERTs of at most [`MAX_PARAMS`] parameters; returns the
/// number of rows the database reports written.
/// Whether every migration is applied to `db`.
async fn fully_migrated(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    use migration::MigratorTrait as _;
    let applied = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM seaql_migrations",
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    Ok(usize::try_from(applied).unwrap_or(0) >= migration::Migrator::migrations().len())
}

async fn insert_all<A, M>(txn: &DatabaseTransaction, rows: Vec<M>) -> Result<u64, DbErr>
where
    A: ActiveModelTrait + Send,
    M: IntoActiveModel<A> + Send,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter()
        .count()
        .max(1);
    let chunk = (MAX_PARAMS / columns).max(1);
    let expected = rows.len() as u64;
    let mut written = 0;
    let mut rows = rows.into_iter();
    loop {
        let mut batch: Vec<A> = rows
            .by_ref()
            .take(chunk)
            .map(IntoActiveModel::into_active_model)
            .collect();
        if batch.is_empty() {
            break;
        }
        // A column null in every row is left out, and so takes its default: a database
        // migrated up to an earlier version, without that column, takes the rows as well.
        for column in <<A::Entity as EntityTrait>::Column as Iterable>::iter() {
            let null = |a: &A| a.get(column).into_value().is_some_and(|v| v == v.as_null());
            if batch.iter().all(null) {
                for a in &mut batch {
                    a.not_set(column);
                }
            }
        }
        written += <A::Entity as EntityTrait>::insert_many(batch)
            .exec_without_returning(txn)
            .await?;
    }
    if written != expected {
        return Err(DbErr::Custom(format!(
            "synthetic county: {expected} rows given, {written} written"
        )));
    }
    Ok(written)
}

/// The first id of each table: one past its current maximum.
struct FirstIds {
    sources: i64,
    organizations: i64,
    people: i64,
    posts: i64,
    memberships: i64,
    observers: i64,
    procedures: i64,
    steps: i64,
    edges: i64,
    risks: i64,
    measures: i64,
    powers: i64,
    meetings: i64,
    agenda: i64,
    attendances: i64,
    decisions: i64,
    milestones: i64,
    appointments: i64,
    cases: i64,
    audiences: i64,
}

impl FirstIds {
    async fn read(txn: &DatabaseTransaction) -> Result<Self, DbErr> {
        let mut next = [0i64; TABLES.len()];
        for (slot, table) in next.iter_mut().zip(TABLES) {
            *slot = max_id(txn, table).await? + 1;
        }
        let [
            sources,
            organizations,
            people,
            posts,
            memberships,
            observers,
            procedures,
            steps,
            edges,
            risks,
            measures,
            powers,
            meetings,
            agenda,
            attendances,
            decisions,
            milestones,
            appointments,
            cases,
            audiences,
        ] = next;
        Ok(Self {
            sources,
            organizations,
            people,
            posts,
            memberships,
            observers,
            procedures,
            steps,
            edges,
            risks,
            measures,
            powers,
            meetings,
            agenda,
            attendances,
            decisions,
            milestones,
            appointments,
            cases,
            audiences,
        })
    }
}

/// Row `row` of a table whose first new id is `first`.
fn id_of(first: i64, row: u64) -> i64 {
    first + i64::try_from(row).unwrap_or(i64::MAX / 2)
}

fn row_of(index: usize) -> u64 {
    index as u64
}

// ---------------------------------------------------------------------------------------------
// The county being built
// ---------------------------------------------------------------------------------------------

/// A post: its id, organization index, title and holder (person index).
struct PostPlan {
    id: i64,
    org: usize,
    position: usize,
    title: String,
    holder: Option<usize>,
}

/// A person's particulars, as a candidate's notice repeats them.
struct PersonPlan {
    id: i64,
    name: String,
    gender: &'static str,
    ethnicity: &'static str,
    birth_year: i64,
    birth_month: i64,
    education: &'static str,
    phone_public: bool,
}

struct County {
    seed: u64,
    /// The jurisdiction every organization belongs to, if any.
    jurisdiction: Option<i64>,
    ids: FirstIds,
    horizon: DateTime<Utc>,
    org_ids: Vec<i64>,
    org_short: Vec<String>,
    org_kinds: Vec<OrgKind>,
    /// Index of the synthetic 组织部, owner of appointments.
    organization_department: usize,
    people: Vec<PersonPlan>,
    posts: Vec<PostPlan>,
    /// Post indices of each organization, in position order.
    posts_by_org: Vec<Vec<usize>>,
    /// Distinct person ids holding a post of each organization, in post order.
    holders_by_org: Vec<Vec<i64>>,
    /// The observer pool: person id and category.
    observers: Vec<(i64, Oc)>,
    /// The source of each year from [`FIRST_YEAR`].
    sources: Vec<i64>,
    audiences: Vec<record_audience::Model>,
    counts: SyntheticCounts,
}

impl County {
    fn org_id(&self, index: usize) -> i64 {
        self.org_ids
            .get(index)
            .copied()
            .unwrap_or(self.ids.organizations)
    }

    fn source_for(&self, at: DateTime<Utc>) -> Option<i64> {
        let year = (at + TimeDelta::hours(8))
            .year()
            .clamp(FIRST_YEAR, LAST_YEAR);
        usize::try_from(year - FIRST_YEAR)
            .ok()
            .and_then(|i| self.sources.get(i))
            .copied()
    }

    /// Scope, publication state and timestamps of a record created at `created`: about 70%
    /// PUBLIC, 20% PARTY, 10% RESTRICTED (with one audience organization); about 95% PUBLISHED
    /// a few days after creation, the rest DRAFT or SUBMITTED.
    fn meta(
        &mut self,
        rng: &mut Rng,
        kind: RecordKind,
        record: i64,
        owner: usize,
        created: DateTime<Utc>,
    ) -> Meta {
        let roll = rng.below(100);
        let scope = if roll < SCOPE_ROLLS.0 {
            Scope::Public
        } else if roll < SCOPE_ROLLS.1 {
            Scope::Party
        } else {
            Scope::Restricted
        };
        if scope == Scope::Restricted {
            let audience = rng.index(self.org_ids.len());
            self.add_audience(kind, record, audience);
        }
        let roll = rng.below(100);
        let (status, publish_at, updated) = if roll < 95 {
            let publish = created + TimeDelta::minutes(120 + rng.offset(10 * 24 * 60));
            let updated = if rng.chance(50) {
                publish
            } else {
                (publish + TimeDelta::days(1 + rng.offset(400))).min(self.horizon)
            };
            (PublicationStatus::Published, Some(publish), updated)
        } else {
            let status = if roll < 98 {
                PublicationStatus::Draft
            } else {
                PublicationStatus::Submitted
            };
            let updated = created + TimeDelta::minutes(30 + rng.offset(3 * 24 * 60));
            (status, None, updated.min(self.horizon))
        };
        Meta {
            scope,
            status,
            publish_at,
            owner: self.org_id(owner),
            source: self.source_for(created),
            created,
            updated,
        }
    }

    /// A PUBLIC, PUBLISHED record (the top of the tree, which every caller must see).
    fn public_meta(&self, owner: usize, created: DateTime<Utc>) -> Meta {
        Meta {
            scope: Scope::Public,
            status: PublicationStatus::Published,
            publish_at: Some(created + TimeDelta::hours(2)),
            owner: self.org_id(owner),
            source: self.source_for(created),
            created,
            updated: created + TimeDelta::hours(2),
        }
    }

    fn add_audience(&mut self, kind: RecordKind, record: i64, org: usize) {
        let id = id_of(self.ids.audiences, row_of(self.audiences.len()));
        let organization_id = Some(self.org_id(org));
        self.audiences.push(record_audience::Model {
            id,
            record_kind: kind,
            record_id: record,
            organization_id,
            person_id: None,
        });
    }

    // -----------------------------------------------------------------------------------------
    // Sources
    // -----------------------------------------------------------------------------------------

    async fn sources(&mut self, txn: &DatabaseTransaction) -> Result<(), DbErr> {
        let mut rows = Vec::new();
        for (i, year) in (FIRST_YEAR..=LAST_YEAR).enumerate() {
            let id = id_of(self.ids.sources, row_of(i));
            self.sources.push(id);
            let mut rng = Rng::new(self.seed, S_SOURCE, row_of(i));
            let issued = workday_from(ymd(year, 1, 10));
            let created = office_time(issued, &mut rng);
            let mut meta = self.meta(&mut rng, RecordKind::Source, id, ROOT, created);
            meta.source = None;
            rows.push(record!(source, meta, {
                id: id,
                issuer: "中共合成县委".to_owned(),
                doc_number: Some(format!("合发〔{year}〕1号")),
                title: format!("中共合成县委关于{year}年度县委权力公开透明运行工作的通知（合成数据）"),
                issued_on: Some(issued),
                url: Some(format!("https://example.org/synthetic/{year}/notice.html")),
            }));
        }
        insert_all::<source::ActiveModel, _>(txn, rows).await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Organizations, people, posts, memberships, observers
    // -----------------------------------------------------------------------------------------

    /// Name, short name, kind, parent index and division code of organization `index`.
    fn plan_organization(
        index: usize,
        counters: &mut [usize; 3],
        shorts: &[String],
    ) -> (String, String, OrgKind, Option<usize>, Option<String>) {
        const COUNTY_CODE: &str = "999999";
        let fixed = |name: &str, short: &str, kind, parent| {
            (
                name.to_owned(),
                short.to_owned(),
                kind,
                parent,
                Some(COUNTY_CODE.to_owned()),
            )
        };
        match index {
            ROOT => fixed("中共合成县委员会", "合成县委", OrgKind::Plenary, None),
            STANDING => fixed(
                "中共合成县委员会常务委员会",
                "县委常委会",
                OrgKind::StandingCommittee,
                Some(ROOT),
            ),
            DISCIPLINE => fixed(
                "中共合成县纪律检查委员会",
                "县纪委",
                OrgKind::DisciplineCommission,
                Some(ROOT),
            ),
            CONGRESS => fixed(
                "中国共产党合成县代表大会",
                "县党代会",
                OrgKind::PartyCongress,
                Some(ROOT),
            ),
            PEOPLES => fixed(
                "合成县人民代表大会常务委员会",
                "县人大常委会",
                OrgKind::PeoplesCongress,
                Some(ROOT),
            ),
            GOVERNMENT => fixed("合成县人民政府", "县政府", OrgKind::Government, Some(ROOT)),
            CPPCC => fixed(
                "中国人民政治协商会议合成县委员会",
                "县政协",
                OrgKind::Cppcc,
                Some(ROOT),
            ),
            LEADING => fixed(
                "中共合成县委权力公开透明运行工作领导小组",
                "领导小组",
                OrgKind::LeadingGroup,
                Some(STANDING),
            ),
            _ => {
                let j = index - (LEADING + 1);
                let repeat = |k: usize, len: usize| {
                    if k < len {
                        String::new()
                    } else {
                        format!("（{}）", cn_number(k / len + 1))
                    }
                };
                match j % 5 {
                    0 => {
                        let k = counters[0];
                        counters[0] += 1;
                        let base = PARTY_DEPARTMENTS[k % PARTY_DEPARTMENTS.len()];
                        let tail = repeat(k, PARTY_DEPARTMENTS.len());
                        (
                            format!("中共合成县委{base}{tail}"),
                            format!("县委{base}{tail}"),
                            OrgKind::Department,
                            Some(ROOT),
                            Some(COUNTY_CODE.to_owned()),
                        )
                    }
                    1 => {
                        let k = counters[1];
                        counters[1] += 1;
                        let base = BUREAUS[k % BUREAUS.len()];
                        let tail = repeat(k, BUREAUS.len());
                        (
                            format!("合成县{base}{tail}"),
                            format!("县{base}{tail}"),
                            OrgKind::Other,
                            Some(GOVERNMENT),
                            Some(COUNTY_CODE.to_owned()),
                        )
                    }
                    2 | 3 => {
                        let k = counters[2];
                        counters[2] += 1;
                        let a = PLACE_FIRST[k % PLACE_FIRST.len()];
                        let b = PLACE_SECOND[(k / PLACE_FIRST.len() + k) % PLACE_SECOND.len()];
                        let suffix = if k.is_multiple_of(3) { "乡" } else { "镇" };
                        let short = format!("{a}{b}{suffix}");
                        (
                            format!("中共合成县{short}委员会"),
                            short,
                            OrgKind::Township,
                            Some(ROOT),
                            Some(format!("{COUNTY_CODE}{:03}", 100 + k % 900)),
                        )
                    }
                    _ => {
                        // A unit under the township just created.
                        let parent = index - 1;
                        let parent_short = shorts.get(parent).map_or("", String::as_str);
                        (
                            format!("中共合成县{parent_short}机关党支部"),
                            format!("{parent_short}机关党支部"),
                            OrgKind::Other,
                            Some(parent),
                            None,
                        )
                    }
                }
            }
        }
    }

    async fn directory(
        &mut self,
        txn: &DatabaseTransaction,
        org_count: usize,
        people_count: usize,
    ) -> Result<(), DbErr> {
        // Organizations, parents first.
        let mut counters = [0usize; 3];
        let mut plans = Vec::with_capacity(org_count);
        for index in 0..org_count {
            let plan = Self::plan_organization(index, &mut counters, &self.org_short);
            self.org_short.push(plan.1.clone());
            self.org_kinds.push(plan.2);
            if plan.2 == OrgKind::Department && plan.0.ends_with("组织部") {
                self.organization_department = index;
            }
            plans.push(plan);
        }
        let mut rows = Vec::with_capacity(org_count);
        for (index, (name, short, kind, parent, code)) in plans.into_iter().enumerate() {
            let id = self.org_id(index);
            let mut rng = Rng::new(self.seed, S_ORG, row_of(index));
            let created = office_time(FIRST_DAY + TimeDelta::days(rng.offset(20)), &mut rng);
            let meta = if index <= LEADING {
                self.public_meta(index, created)
            } else {
                self.meta(&mut rng, RecordKind::Organization, id, index, created)
            };
            rows.push(record!(organization, meta, {
                id: id,
                description: Some(format!("合成数据：{name}，用于基准测试和规模测试，并非真实机构。")),
                name: name,
                short_name: Some(short),
                kind: kind,
                parent_id: parent.map(|p| self.org_id(p)),
                division_code: code,
                jurisdiction_id: self.jurisdiction,
            }));
        }
        self.counts.organizations = insert_all::<organization::ActiveModel, _>(txn, rows).await?;

        // Posts, and who holds them: holders cycle over all but the observer pool.
        let observer_count = (people_count / 10).max(6);
        let holder_pool = (people_count - observer_count).max(1);
        let mut filled = 0usize;
        self.posts_by_org = vec![Vec::new(); org_count];
        self.holders_by_org = vec![Vec::new(); org_count];
        for org in 0..org_count {
            let kind = self.org_kinds[org];
            let count = if org <= LEADING {
                BODY_POSTS
            } else {
                UNIT_POSTS
            };
            for position in 0..count {
                let vacant = org > LEADING && position == count - 1 && org.is_multiple_of(3);
                let holder = (!vacant).then(|| {
                    filled += 1;
                    (filled - 1) % holder_pool
                });
                self.posts_by_org[org].push(self.posts.len());
                self.posts.push(PostPlan {
                    id: id_of(self.ids.posts, row_of(self.posts.len())),
                    org,
                    position,
                    title: post_title(kind, &self.org_short[org], position),
                    holder,
                });
            }
        }

        // People: owner is the organization of their first post.
        let mut first_post: Vec<Option<usize>> = vec![None; people_count];
        for (index, post) in self.posts.iter().enumerate() {
            if let Some(h) = post.holder
                && let Some(slot) = first_post.get_mut(h)
                && slot.is_none()
            {
                *slot = Some(index);
            }
        }
        let mut rows = Vec::with_capacity(people_count);
        for (j, first) in first_post.iter().enumerate() {
            let id = id_of(self.ids.people, row_of(j));
            let mut rng = Rng::new(self.seed, S_PERSON, row_of(j));
            let owner = first
                .and_then(|p| self.posts.get(p))
                .map_or(ROOT, |p| p.org);
            let leader = first
                .and_then(|p| self.posts.get(p))
                .is_some_and(|p| p.org <= LEADING && p.position < 3);
            let female = rng.chance(30);
            let plan = PersonPlan {
                id,
                name: person_name(&mut rng, female),
                gender: if female { "女" } else { "男" },
                ethnicity: rng.pick(&ETHNICITIES),
                birth_year: 1962 + rng.offset(30),
                birth_month: 1 + rng.offset(12),
                education: rng.pick(&EDUCATIONS),
                phone_public: leader,
            };
            let created = office_time(
                spread_day(row_of(j), row_of(people_count) * 4, &mut rng),
                &mut rng,
            );
            let meta = self.meta(&mut rng, RecordKind::Person, id, owner, created);
            rows.push(record!(person, meta, {
                id: id,
                name: plan.name.clone(),
                gender: Some(plan.gender.to_owned()),
                ethnicity: Some(plan.ethnicity.to_owned()),
                birth_month: Some(month(plan.birth_year, plan.birth_month)),
                education: Some(plan.education.to_owned()),
                phone: Some(format!("0970-000{:04}", 1000 + j % 9000)),
                phone_public: plan.phone_public,
                email: Some(format!("synthetic.{j}@example.org")),
                office: Some(format!("合成县行政中心{}号楼{}室", 1 + j % 5, 101 + j % 400)),
                fictional: true,
            }));
            self.people.push(plan);
        }
        self.counts.people = insert_all::<person::ActiveModel, _>(txn, rows).await?;

        let mut rows = Vec::with_capacity(self.posts.len());
        let mut memberships = Vec::new();
        let mut held_before = vec![false; people_count];
        for index in 0..self.posts.len() {
            let (post_id, org, position, title, holder) = {
                let p = &self.posts[index];
                (p.id, p.org, p.position, p.title.clone(), p.holder)
            };
            let mut rng = Rng::new(self.seed, S_POST, row_of(index));
            let created = office_time(FIRST_DAY + TimeDelta::days(10 + rng.offset(30)), &mut rng);
            let meta = if org <= LEADING {
                self.public_meta(org, created)
            } else {
                self.meta(&mut rng, RecordKind::Post, post_id, org, created)
            };
            rows.push(record!(post, meta, {
                id: post_id,
                organization_id: self.org_id(org),
                title: title,
                is_leadership: position < 3,
                position: i32::try_from(position + 1).unwrap_or(i32::MAX),
            }));
            if let Some(h) = holder {
                let person_id = id_of(self.ids.people, row_of(h));
                if !self.holders_by_org[org].contains(&person_id) {
                    self.holders_by_org[org].push(person_id);
                }
                let concurrent = held_before.get(h).copied().unwrap_or(false);
                if let Some(seen) = held_before.get_mut(h) {
                    *seen = true;
                }
                let mid = id_of(self.ids.memberships, row_of(memberships.len()));
                let mut rng = Rng::new(self.seed, S_MEMBERSHIP, row_of(memberships.len()));
                let start = workday_from(FIRST_DAY + TimeDelta::days(rng.offset(3650)));
                let created = office_time(start, &mut rng);
                let meta = self.meta(&mut rng, RecordKind::Membership, mid, org, created);
                memberships.push(record!(membership, meta, {
                    id: mid,
                    person_id: person_id,
                    post_id: post_id,
                    start_on: start,
                    end_on: None,
                    note: concurrent.then(|| "兼任".to_owned()),
                }));
            }
        }
        insert_all::<post::ActiveModel, _>(txn, rows).await?;
        insert_all::<membership::ActiveModel, _>(txn, memberships).await?;

        // The observer pool: the people who hold no post.
        let mut rows = Vec::with_capacity(observer_count);
        for k in 0..observer_count {
            let j = people_count - observer_count + k;
            let person_id = id_of(self.ids.people, row_of(j));
            let (category, label) = OBSERVER_CATEGORIES[k % OBSERVER_CATEGORIES.len()];
            let id = id_of(self.ids.observers, row_of(k));
            let mut rng = Rng::new(self.seed, S_OBSERVER, row_of(k));
            let since = workday_from(FIRST_DAY + TimeDelta::days(30 + rng.offset(2000)));
            let created = office_time(since, &mut rng);
            let meta = self.meta(&mut rng, RecordKind::Observer, id, LEADING, created);
            rows.push(record!(observer, meta, {
                id: id,
                person_id: person_id,
                category: category,
                since_on: since,
                note: Some(format!("会议列席人员资料库（{label}）")),
            }));
            self.observers.push((person_id, category));
        }
        insert_all::<observer::ActiveModel, _>(txn, rows).await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Powers and their procedures
    // -----------------------------------------------------------------------------------------

    async fn powers(&mut self, txn: &DatabaseTransaction, count: u64) -> Result<(), DbErr> {
        let mut start = 0;
        while start < count {
            let end = (start + POWER_BLOCK).min(count);
            self.power_block(txn, start, end, count).await?;
            start = end;
        }
        Ok(())
    }

    async fn power_block(
        &mut self,
        txn: &DatabaseTransaction,
        start: u64,
        end: u64,
        count: u64,
    ) -> Result<(), DbErr> {
        let size = usize::try_from(end - start).unwrap_or(0);
        let mut procedures = Vec::with_capacity(size);
        let mut steps = Vec::with_capacity(size * 6);
        let mut edges = Vec::with_capacity(size * 6);
        let mut risks = Vec::with_capacity(size * 2);
        let mut measures = Vec::with_capacity(size);
        let mut powers = Vec::with_capacity(size);
        let org_count = self.org_ids.len();
        for i in start..end {
            let mut rng = Rng::new(self.seed, S_POWER, i);
            let number = i + 1;
            let power_id = id_of(self.ids.powers, i);
            let procedure_id = id_of(self.ids.procedures, i);
            let category_index = usize::try_from(i % 6).unwrap_or(0);
            let category = CATEGORIES[category_index];
            let text = &CATEGORY_TEXT[category_index];
            let holder = rng.index(org_count);
            let holder_name = self.org_short[holder].clone();
            let phrase = rng.pick(&text.powers);
            let name = format!("县委职权事项第{number}号：{holder_name}{phrase}");
            let created = office_time(spread_day(i, count, &mut rng), &mut rng);

            // The procedure: six steps in a chain, a 不同意 edge back from S4 to S2.
            let procedure_meta = self.meta(
                &mut rng,
                RecordKind::Procedure,
                procedure_id,
                holder,
                created,
            );
            procedures.push(record!(procedure, procedure_meta, {
                id: procedure_id,
                code: format!("SYN-LC-{procedure_id:08}"),
                name: format!("县委职权事项第{number}号运行流程图"),
                description: Some(format!(
                    "{holder_name}行使“{phrase}”的{}流程：按照{}的顺序运行，{}环节不同意的退回{}环节（合成数据）。",
                    text.label,
                    text.steps.iter().map(|s| s.0).collect::<Vec<_>>().join("、"),
                    text.steps[3].0,
                    text.steps[1].0,
                )),
            }));
            let first_step = id_of(self.ids.steps, i * 6);
            for (k, (step_name, actor, conditions, days)) in text.steps.iter().enumerate() {
                let days = if *days > 3 {
                    *days + rng.offset(3) as i32
                } else {
                    *days
                };
                steps.push(procedure_step::Model {
                    id: first_step + k as i64,
                    procedure_id,
                    key: format!("S{}", k + 1),
                    position: k as i32 + 1,
                    name: (*step_name).to_owned(),
                    actor: (*actor).to_owned(),
                    conditions: Some((*conditions).to_owned()),
                    time_limit_days: Some(days),
                    time_limit_note: (k == 0).then(|| format!("收到事项后{days}个工作日内")),
                });
            }
            let first_edge = id_of(self.ids.edges, i * 6);
            for k in 0..5 {
                edges.push(procedure_edge::Model {
                    id: first_edge + k,
                    procedure_id,
                    from_step_id: first_step + k,
                    to_step_id: first_step + k + 1,
                    label: Some("同意".to_owned()),
                });
            }
            edges.push(procedure_edge::Model {
                id: first_edge + 5,
                procedure_id,
                from_step_id: first_step + 3,
                to_step_id: first_step + 1,
                label: Some("不同意".to_owned()),
            });
            let a = rng.index(6);
            let b = (a + 1 + rng.index(5)) % 6;
            let first_risk = id_of(self.ids.risks, i * 2);
            let mut highest = RiskLevel::Low;
            for (r, step) in [a, b].into_iter().enumerate() {
                let level = rng.pick(&LEVELS);
                highest = highest.max(level);
                let (description, prevention) = RISKS[step];
                risks.push(risk_point::Model {
                    id: first_risk + r as i64,
                    step_id: first_step + step as i64,
                    description: description.to_owned(),
                    level,
                    prevention: prevention.to_owned(),
                });
            }
            measures.push(supervision_measure::Model {
                id: id_of(self.ids.measures, i),
                step_id: first_step + 3,
                description: "县纪委派员列席，决定事项及表决情况记录存档备查".to_owned(),
                channel: Some(OFFICE_PHONE.to_owned()),
            });

            // The power itself.
            let mut carriers = Vec::with_capacity(3);
            let mask = 1 + rng.below(127);
            for (bit, carrier) in CARRIERS.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    carriers.push(carrier.to_value());
                }
            }
            let (timing, timing_days) = match rng.below(4) {
                0 | 1 => (
                    Timing::WithinWorkingDays,
                    Some(rng.pick(&[5, 7, 10, 15, 20])),
                ),
                2 => (Timing::Periodic, None),
                _ => (
                    if rng.chance(50) {
                        Timing::Immediate
                    } else {
                        Timing::Standing
                    },
                    None,
                ),
            };
            let holder_post = if rng.chance(25) {
                self.posts_by_org[holder]
                    .first()
                    .and_then(|&p| self.posts.get(p))
                    .map(|p| p.id)
            } else {
                None
            };
            let unit = if rng.chance(60) {
                holder_name.clone()
            } else {
                self.org_short[rng.index(org_count)].clone()
            };
            let basis_a = rng.pick(&LEGAL_BASES);
            let basis_b = rng.pick(&LEGAL_BASES);
            let legal_basis = if basis_a == basis_b {
                basis_a.to_owned()
            } else {
                format!("{basis_a}；{basis_b}")
            };
            let mut power_meta = procedure_meta;
            if power_meta.scope == Scope::Restricted {
                let audience = rng.index(org_count);
                self.add_audience(RecordKind::Power, power_id, audience);
            }
            power_meta.owner = self.org_id(holder);
            powers.push(record!(power, power_meta, {
                id: power_id,
                code: format!("SYN-ZQ-{power_id:08}"),
                name: name,
                category: category,
                holder_org_id: self.org_id(holder),
                holder_post_id: holder_post,
                legal_basis: legal_basis,
                duties: format!(
                    "依照法定权限和程序行使{phrase}，{}等环节按流程图运行，运行过程和结果按规定公开，接受党员群众监督。",
                    text.steps[0].0
                ),
                accountability: rng.pick(&ACCOUNTABILITY).to_owned(),
                undertaking_unit: unit,
                carriers: carriers.join(","),
                timing: timing,
                timing_days: timing_days,
                supervision_phone: Some(OFFICE_PHONE.to_owned()),
                risk_level: highest,
                procedure_id: Some(procedure_id),
            }));
        }
        self.counts.procedures += insert_all::<procedure::ActiveModel, _>(txn, procedures).await?;
        self.counts.steps += insert_all::<procedure_step::ActiveModel, _>(txn, steps).await?;
        insert_all::<procedure_edge::ActiveModel, _>(txn, edges).await?;
        insert_all::<risk_point::ActiveModel, _>(txn, risks).await?;
        insert_all::<supervision_measure::ActiveModel, _>(txn, measures).await?;
        self.counts.powers += insert_all::<power::ActiveModel, _>(txn, powers).await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Meetings
    // -----------------------------------------------------------------------------------------

    /// The day of meeting `m` of `count`: evenly spread, on a working day.
    fn meeting_day(m: u64, count: u64) -> NaiveDate {
        let span = span_days() - 10;
        let offset = i64::try_from(m.saturating_mul(span as u64) / count.max(1)).unwrap_or(0);
        workday_from(FIRST_DAY + TimeDelta::days(offset))
    }

    /// The standing-committee meeting on or just before `day`, if there are meetings.
    fn standing_meeting_before(day: NaiveDate, count: u64) -> Option<u64> {
        if count == 0 {
            return None;
        }
        let span = (span_days() - 10).max(1);
        let offset = (day - FIRST_DAY).num_days().clamp(0, span);
        let m = (u64::try_from(offset).unwrap_or(0) * count / span as u64).min(count - 1);
        // Slots 0 to 11 of every 20 are standing-committee meetings.
        Some(if m % 20 > 11 { m - (m % 20 - 11) } else { m })
    }

    /// Body, kind and label class of meeting `m`.
    fn meeting_body(m: u64) -> (usize, Mk, usize) {
        match m % 20 {
            0..=11 => (STANDING, Mk::StandingCommittee, 0),
            12 | 13 => (ROOT, Mk::Plenary, 1),
            14 => (CONGRESS, Mk::PartyCongress, 2),
            15 | 16 => (LEADING, Mk::LeadingGroup, 3),
            17 | 18 => (GOVERNMENT, Mk::GovernmentExecutive, 4),
            _ if (m / 20).is_multiple_of(2) => (STANDING, Mk::Special, 5),
            _ => (DISCIPLINE, Mk::Other, 6),
        }
    }

    fn roster(&self, org: usize) -> Vec<i64> {
        match self.holders_by_org.get(org) {
            Some(holders) if !holders.is_empty() => holders.clone(),
            _ => self.people.iter().take(BODY_POSTS).map(|p| p.id).collect(),
        }
    }

    async fn meetings(&mut self, txn: &DatabaseTransaction, count: u64) -> Result<(), DbErr> {
        let size = usize::try_from(count).unwrap_or(0);
        let mut meetings = Vec::with_capacity(size);
        let mut attendances = Vec::with_capacity(size * 7);
        let mut agenda = Vec::with_capacity(size * 3);
        let mut decisions = Vec::with_capacity(size * 4);
        let mut milestones = Vec::with_capacity(size * 6);
        let mut sessions = [0usize; 7];
        let rosters: Vec<Vec<i64>> = (0..=LEADING).map(|o| self.roster(o)).collect();
        let non_voting: Vec<i64> = [PEOPLES, CPPCC]
            .iter()
            .filter_map(|&o| rosters.get(o).and_then(|r| r.first()).copied())
            .collect();
        let as_of = AS_OF;
        for m in 0..count {
            let mut rng = Rng::new(self.seed, S_MEETING, m);
            let id = id_of(self.ids.meetings, m);
            let (body, kind, class) = Self::meeting_body(m);
            sessions[class] += 1;
            let session = sessions[class];
            let label = match class {
                0 => format!("中共合成县委第{session}次常委会会议"),
                1 => format!("中共合成县委第{session}次全体会议"),
                2 => format!("中国共产党合成县代表大会第{session}次会议"),
                3 => format!("合成县委权力公开透明运行工作领导小组第{session}次会议"),
                4 => format!("合成县人民政府第{session}次常务会议"),
                5 => format!("中共合成县委第{session}次专题会议"),
                _ => format!("中共合成县纪委第{session}次常委会议"),
            };
            let day = Self::meeting_day(m, count);
            let starts_at = beijing(day, if rng.chance(60) { 9 * 60 } else { 15 * 60 });
            let roster = rosters.get(body).cloned().unwrap_or_default();
            let chair = roster.first().copied();

            // Attendance: the chair, members (a few absent with a reason), perhaps a 列席
            // attendee and an observer from the pool; 5 to 9 people.
            let size = 5 + rng.index(5);
            let with_non_voting = !non_voting.is_empty() && rng.chance(50);
            let with_observer = !self.observers.is_empty() && rng.chance(40);
            let extra = usize::from(with_non_voting) + usize::from(with_observer);
            let members = (size - extra).min(roster.len());
            let first_attendance = id_of(self.ids.attendances, row_of(attendances.len()));
            let mut people: Vec<i64> = Vec::with_capacity(size);
            let mut present_voters = 0i32;
            let mut present_members: Vec<i64> = Vec::with_capacity(size);
            let rotate = rng.index(roster.len().saturating_sub(1).max(1));
            for t in 0..members {
                let person_id = if t == 0 {
                    roster[0]
                } else {
                    roster[1 + (rotate + t - 1) % (roster.len() - 1)]
                };
                if people.contains(&person_id) {
                    continue;
                }
                let absent = t > 0 && rng.chance(10);
                people.push(person_id);
                if !absent {
                    present_voters += 1;
                    present_members.push(person_id);
                }
                attendances.push(attendance::Model {
                    id: first_attendance + (people.len() as i64 - 1),
                    meeting_id: id,
                    person_id,
                    role: AttendanceRole::Member,
                    present: !absent,
                    absence_reason: absent.then(|| rng.pick(&ABSENCE_REASONS).to_owned()),
                    observer_category: None,
                });
            }
            if with_non_voting {
                let person_id = rng.pick(&non_voting);
                if !people.contains(&person_id) {
                    people.push(person_id);
                    attendances.push(attendance::Model {
                        id: first_attendance + (people.len() as i64 - 1),
                        meeting_id: id,
                        person_id,
                        role: AttendanceRole::NonVoting,
                        present: true,
                        absence_reason: None,
                        observer_category: None,
                    });
                }
            }
            if with_observer {
                let (person_id, category) = rng.pick(&self.observers);
                if !people.contains(&person_id) {
                    people.push(person_id);
                    attendances.push(attendance::Model {
                        id: first_attendance + (people.len() as i64 - 1),
                        meeting_id: id,
                        person_id,
                        role: AttendanceRole::Observer,
                        present: true,
                        absence_reason: None,
                        observer_category: Some(category),
                    });
                }
            }

            // Agenda: three items.
            let topics: Vec<&str> = {
                let first = rng.index(TOPICS.len());
                // A step below half the list keeps the three topics distinct.
                let step = 1 + rng.index(TOPICS.len() / 2 - 1);
                (0..3)
                    .map(|k| TOPICS[(first + k * step) % TOPICS.len()])
                    .collect()
            };
            let first_item = id_of(self.ids.agenda, row_of(agenda.len()));
            for (k, topic) in topics.iter().enumerate() {
                let presenter = if present_members.is_empty() {
                    chair
                } else {
                    Some(rng.pick(&present_members))
                };
                agenda.push(agenda_item::Model {
                    id: first_item + k as i64,
                    meeting_id: id,
                    position: k as i32 + 1,
                    title: format!("研究{topic}"),
                    presenter_id: presenter,
                    summary: Some(format!("听取关于{topic}的汇报并进行讨论。")),
                });
            }

            let created = starts_at + TimeDelta::hours(3 + rng.offset(45));
            let meta = self.meta(&mut rng, RecordKind::Meeting, id, body, created);
            meetings.push(record!(meeting, meta, {
                id: id,
                body_id: self.org_id(body),
                kind: kind,
                label: label.clone(),
                session_number: Some(i32::try_from(session).unwrap_or(i32::MAX)),
                starts_at: starts_at,
                place: rng.pick(&PLACES).to_owned(),
                chair_id: chair,
                meeting_status: MeetingStatus::Held,
                summary: Some(format!("会议研究了{}等议题。", topics.join("、"))),
                minutes: Some(format!(
                    "{label}纪要：会议应到{}人，实到{present_voters}人。会议研究了{}，形成决定事项四项（合成数据）。",
                    members,
                    topics.join("、"),
                )),
                applications_open_on: None,
                applications_close_on: None,
                observer_seats: None,
            }));

            // Decisions: four, each with one or two milestones.
            for k in 0..4u64 {
                let decision_id = id_of(self.ids.decisions, row_of(decisions.len()));
                let topic = topics[usize::try_from(k.min(2)).unwrap_or(0)];
                let decision_kind = match kind {
                    Mk::Plenary | Mk::PartyCongress if k == 0 => Dk::Resolution,
                    _ => [Dk::Decision, Dk::Determination, Dk::Determination]
                        [usize::try_from((m + k) % 3).unwrap_or(0)],
                };
                let title = match decision_kind {
                    Dk::Decision => format!("{topic}决策事项"),
                    Dk::Determination => format!("关于{topic}的决定"),
                    Dk::Resolution => format!("关于{topic}的决议"),
                };
                let roll = rng.below(100);
                let result = if roll < 90 {
                    Dr::Adopted
                } else if roll < 94 {
                    Dr::Rejected
                } else {
                    Dr::Deferred
                };
                let (votes_for, votes_against, votes_abstain) =
                    if result == Dr::Deferred || !rng.chance(60) {
                        (None, None, None)
                    } else if result == Dr::Adopted {
                        let against = rng.offset(2) as i32;
                        let abstain = rng.offset(2) as i32;
                        let against = against.min(present_voters / 3);
                        let abstain = abstain.min(present_voters / 3);
                        (
                            Some(present_voters - against - abstain),
                            Some(against),
                            Some(abstain),
                        )
                    } else {
                        let yes = present_voters / 3;
                        (Some(yes), Some(present_voters - yes), Some(0))
                    };

                // Milestones.
                let mut statuses = Vec::with_capacity(2);
                let pieces = if result == Dr::Adopted {
                    1 + rng.below(2)
                } else {
                    1
                };
                for p in 0..pieces {
                    let milestone_id = id_of(self.ids.milestones, row_of(milestones.len()));
                    let due = day + TimeDelta::days(30 * (p as i64 + 1) + rng.offset(60));
                    let (title, done_on, status, evidence) = if result != Dr::Adopted {
                        let done = (day + TimeDelta::days(20)).min(as_of);
                        (
                            "修改完善后重新提请审议".to_owned(),
                            Some(done),
                            Ex::Completed,
                            Some("重新提请审议的会议通知（合成数据）".to_owned()),
                        )
                    } else if due < as_of {
                        if rng.chance(90) {
                            let done = (due - TimeDelta::days(rng.offset(20)))
                                .max(day + TimeDelta::days(1));
                            (
                                MILESTONES[usize::try_from(p * 2 + rng.below(2)).unwrap_or(0)
                                    % MILESTONES.len()]
                                .to_owned(),
                                Some(done),
                                Ex::Completed,
                                Some(format!(
                                    "合成县委督查室核查报告第{}号（合成数据）",
                                    decision_id
                                )),
                            )
                        } else {
                            (
                                MILESTONES[usize::try_from(p * 2).unwrap_or(0) % MILESTONES.len()]
                                    .to_owned(),
                                None,
                                Ex::Overdue,
                                None,
                            )
                        }
                    } else {
                        (
                            MILESTONES[usize::try_from(p * 2).unwrap_or(0) % MILESTONES.len()]
                                .to_owned(),
                            None,
                            if rng.chance(70) {
                                Ex::InProgress
                            } else {
                                Ex::NotStarted
                            },
                            None,
                        )
                    };
                    statuses.push(status);
                    milestones.push(milestone::Model {
                        id: milestone_id,
                        decision_id,
                        position: p as i32 + 1,
                        title,
                        due_on: due,
                        done_on,
                        status,
                        evidence,
                    });
                }
                let execution_status = if result != Dr::Adopted {
                    Ex::NotStarted
                } else if statuses.contains(&Ex::Overdue) {
                    Ex::Overdue
                } else if statuses.iter().all(|s| *s == Ex::Completed) {
                    Ex::Completed
                } else if statuses
                    .iter()
                    .any(|s| *s == Ex::InProgress || *s == Ex::Completed)
                {
                    Ex::InProgress
                } else {
                    Ex::NotStarted
                };
                let created = starts_at + TimeDelta::hours(4 + rng.offset(48));
                let meta = self.meta(&mut rng, RecordKind::Decision, decision_id, body, created);
                decisions.push(record!(decision, meta, {
                    id: decision_id,
                    meeting_id: id,
                    agenda_item_id: Some(first_item + k.min(2) as i64),
                    kind: decision_kind,
                    title: title,
                    text: format!(
                        "{label}研究了{topic}，{}。（合成数据）",
                        match result {
                            Dr::Adopted => "会议同意有关方案，责成承办单位抓好落实",
                            Dr::Rejected => "会议未通过有关方案，责成承办单位修改完善",
                            Dr::Deferred => "会议决定暂缓审议，待进一步调研后再提请审议",
                        }
                    ),
                    votes_for: votes_for,
                    votes_against: votes_against,
                    votes_abstain: votes_abstain,
                    result: result,
                    execution_status: execution_status,
                }));
            }
        }
        // Columns that synthetic meetings leave empty are left out of the statement, so that
        // the loader also fills a database migrated before they existed.
        let meetings: Vec<meeting::ActiveModel> = meetings
            .into_iter()
            .map(|m| meeting::ActiveModel {
                applications_open_on: sea_orm::ActiveValue::NotSet,
                applications_close_on: sea_orm::ActiveValue::NotSet,
                observer_seats: sea_orm::ActiveValue::NotSet,
                ..m.into_active_model()
            })
            .collect();
        self.counts.meetings = insert_all::<meeting::ActiveModel, _>(txn, meetings).await?;
        insert_all::<agenda_item::ActiveModel, _>(txn, agenda).await?;
        insert_all::<attendance::ActiveModel, _>(txn, attendances).await?;
        self.counts.decisions = insert_all::<decision::ActiveModel, _>(txn, decisions).await?;
        insert_all::<milestone::ActiveModel, _>(txn, milestones).await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Appointments
    // -----------------------------------------------------------------------------------------

    async fn appointments(
        &mut self,
        txn: &DatabaseTransaction,
        count: u64,
        meeting_count: u64,
    ) -> Result<(), DbErr> {
        const STAGES: [Stage; 6] = [
            Stage::VacancyAnnounced,
            Stage::Inspection,
            Stage::Notice,
            Stage::Decided,
            Stage::Probation,
            Stage::Closed,
        ];
        let org_count = self.org_ids.len();
        let units = org_count.saturating_sub(LEADING + 1).max(1);
        let mut rows = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        for k in 0..count {
            let mut rng = Rng::new(self.seed, S_APPOINTMENT, k);
            let id = id_of(self.ids.appointments, k);
            let stage = STAGES[usize::try_from(k % 6).unwrap_or(0)];
            let turn = (k / 6) % 3;
            let outcome = match stage {
                Stage::VacancyAnnounced | Stage::Inspection | Stage::Notice => Out::Pending,
                Stage::Decided => [Out::Appointed, Out::Withdrawn, Out::Postponed][turn as usize],
                Stage::Probation => Out::Appointed,
                Stage::Closed => [Out::Appointed, Out::Appointed, Out::Withdrawn][turn as usize],
            };
            let org = (LEADING + 1 + rng.index(units)).min(org_count - 1);
            let post = self.posts_by_org[org]
                .get(1)
                .or(self.posts_by_org[org].first())
                .and_then(|&p| self.posts.get(p))
                .map(|p| (p.id, p.title.clone()));
            let proposed_title = post.as_ref().map_or("副职负责人", |p| p.1.as_str());
            let vacancy_title = format!("{}{}", self.org_short[org], proposed_title);
            let candidate_index = rng.index(self.people.len());
            let current_org = rng.index(org_count);
            let current_post = format!(
                "{}{}",
                self.org_short[current_org],
                post_title(
                    self.org_kinds[current_org],
                    &self.org_short[current_org],
                    1 + rng.index(2)
                )
            );

            // When each step happened: decided appointments hang on a standing-committee
            // meeting; pending ones are recent.
            let decided = matches!(stage, Stage::Decided | Stage::Probation | Stage::Closed);
            let (announced, deciding_meeting, decided_on) = if decided {
                let target = match stage {
                    Stage::Probation => AS_OF - TimeDelta::days(30 + rng.offset(220)),
                    Stage::Decided => AS_OF - TimeDelta::days(20 + rng.offset(60)),
                    _ => {
                        FIRST_DAY
                            + TimeDelta::days(90 + rng.offset((span_days() - 500).max(1) as u64))
                    }
                };
                let meeting = Self::standing_meeting_before(target, meeting_count);
                let day = meeting.map_or(workday_from(target), |m| {
                    Self::meeting_day(m, meeting_count)
                });
                (
                    day - TimeDelta::days(60 + rng.offset(20)),
                    meeting.map(|m| id_of(self.ids.meetings, m)),
                    Some(day),
                )
            } else {
                (AS_OF - TimeDelta::days(40 + rng.offset(80)), None, None)
            };
            let announced = workday_from(announced);
            let deadline = announced + TimeDelta::days(10);
            let has_candidate = stage != Stage::VacancyAnnounced;
            let inspection_started =
                has_candidate.then(|| workday_from(deadline + TimeDelta::days(5)));
            let has_notice = !matches!(stage, Stage::VacancyAnnounced | Stage::Inspection);
            let notice_start = has_notice.then(|| workday_from(announced + TimeDelta::days(30)));
            let notice_days = 5 + u32::try_from(rng.below(3)).unwrap_or(0);
            let notice_end = notice_start.map(|s| after_working_days(s, notice_days));
            let objection_count = if has_notice && rng.chance(10) {
                1 + rng.offset(3) as i32
            } else {
                0
            };
            let probation_until = match (stage, outcome, decided_on) {
                (Stage::Probation | Stage::Closed, Out::Appointed, Some(day)) => {
                    Some(day + TimeDelta::days(365))
                }
                _ => None,
            };
            let created = office_time(announced - TimeDelta::days(2), &mut rng);
            let owner = self.organization_department;
            let meta = self.meta(&mut rng, RecordKind::Appointment, id, owner, created);
            let candidate = &self.people[candidate_index];
            let text = |value: String| has_candidate.then_some(value);
            let objections = (objection_count > 0).then(|| {
                format!("公示期间收到反映{objection_count}件，经核查不影响任用（合成数据）。")
            });
            rows.push(record!(appointment, meta, {
                id: id,
                organization_id: self.org_id(org),
                post_id: post.map(|p| p.0),
                stage: stage,
                outcome: outcome,
                vacancy_title: vacancy_title.clone(),
                requirements: Some(REQUIREMENTS.to_owned()),
                vacancy_announced_on: Some(announced),
                application_deadline: Some(deadline),
                candidate_id: has_candidate.then_some(candidate.id),
                candidate_name: text(candidate.name.clone()),
                candidate_gender: text(candidate.gender.to_owned()),
                candidate_ethnicity: text(candidate.ethnicity.to_owned()),
                candidate_birth_month: text(month(candidate.birth_year, candidate.birth_month)),
                candidate_education: text(candidate.education.to_owned()),
                candidate_party_joined: text(month(candidate.birth_year + 22 + rng.offset(6), 7)),
                candidate_work_started: text(month(candidate.birth_year + 21 + rng.offset(3), 8)),
                current_post: text(current_post),
                proposed_post: text(vacancy_title),
                inspection_started_on: inspection_started,
                inspection_report: has_candidate.then(|| INSPECTION_REPORT.to_owned()),
                notice_start: notice_start,
                notice_end: notice_end,
                complaint_channels: has_notice.then(|| COMPLAINTS.to_owned()),
                objections: objections,
                objection_count: objection_count,
                deciding_meeting_id: deciding_meeting,
                decided_on: decided_on,
                probation_until: probation_until,
            }));
        }
        self.counts.appointments = insert_all::<appointment::ActiveModel, _>(txn, rows).await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Disciplinary cases
    // -----------------------------------------------------------------------------------------

    async fn cases(&mut self, txn: &DatabaseTransaction, count: u64) -> Result<(), DbErr> {
        const VIOLATIONS: [Vc; 6] = [
            Vc::Political,
            Vc::Organizational,
            Vc::Integrity,
            Vc::Masses,
            Vc::Work,
            Vc::Life,
        ];
        const PARTY: [Option<Party>; 6] = [
            Some(Party::Warning),
            Some(Party::SeriousWarning),
            Some(Party::RemovalFromPost),
            Some(Party::Probation),
            Some(Party::Expulsion),
            None,
        ];
        const GOV: [Option<Gov>; 7] = [
            Some(Gov::Warning),
            Some(Gov::Demerit),
            Some(Gov::MajorDemerit),
            Some(Gov::Demotion),
            Some(Gov::Dismissal),
            Some(Gov::Expulsion),
            None,
        ];
        const RANKS: [&str; 5] = ["一般干部", "科员", "副科级", "正科级", "副县级"];
        const SUMMARIES: [&str; 6] = [
            "在重大问题上发表与中央精神不一致的言论，对抗组织审查",
            "违反民主集中制原则，个人决定重大事项，不如实报告个人有关事项",
            "利用职务便利为他人谋取利益，收受礼金",
            "在惠民资金发放中优亲厚友，侵害群众利益",
            "工作严重不负责任，违反工作日禁酒令，造成不良影响",
            "生活作风问题，造成不良社会影响",
        ];
        let org_count = self.org_ids.len();
        let mut rows = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        for k in 0..count {
            let mut rng = Rng::new(self.seed, S_CASE, k);
            let id = id_of(self.ids.cases, k);
            let category_index = usize::try_from(k % 6).unwrap_or(0);
            let mut party = PARTY[usize::try_from((k * 7 + k / 6) % 6).unwrap_or(0)];
            let government = GOV[usize::try_from((k * 5 + k / 7) % 7).unwrap_or(0)];
            if party.is_none() && government.is_none() {
                party = Some(Party::Warning);
            }
            let decided = workday_from(spread_day(k, count, &mut rng));
            let announced = rng.chance(40);
            let announced_on =
                announced.then(|| (decided + TimeDelta::days(3 + rng.offset(27))).min(AS_OF));
            let severe = matches!(party, Some(Party::Expulsion))
                || matches!(government, Some(Gov::Dismissal | Gov::Expulsion));
            let amount = matches!(VIOLATIONS[category_index], Vc::Integrity | Vc::Masses)
                .then(|| 1_000 * (1 + rng.offset(500)));
            let org = rng.index(org_count);
            let created = office_time(decided + TimeDelta::days(1), &mut rng);
            let meta = self.meta(
                &mut rng,
                RecordKind::DisciplinaryCase,
                id,
                DISCIPLINE,
                created,
            );
            let surname = rng.pick(&SURNAMES);
            let subject_name = if k.is_multiple_of(2) {
                format!("{surname}某某")
            } else {
                format!("{surname}某")
            };
            let post_at_time = format!(
                "{}{}",
                self.org_short[org],
                post_title(self.org_kinds[org], &self.org_short[org], 1 + rng.index(3))
            );
            let probation_years =
                matches!(party, Some(Party::Probation)).then(|| 1 + rng.offset(2) as i32);
            rows.push(record!(disciplinary_case, meta, {
                id: id,
                case_number: format!("合纪案〔{}〕{}号", decided.year(), k + 1),
                subject_name: subject_name,
                subject_id: None,
                post_at_time: post_at_time,
                rank: rng.pick(&RANKS).to_owned(),
                violation_category: VIOLATIONS[category_index],
                summary: format!("{}（合成数据）。", SUMMARIES[category_index]),
                amount_yuan: amount,
                party_sanction: party,
                probation_years: probation_years,
                government_sanction: government,
                decided_on: decided,
                deciding_body_id: Some(self.org_id(DISCIPLINE)),
                transferred_to_prosecutors: severe && rng.chance(50),
                announced: announced,
                announced_on: announced_on,
            }));
        }
        self.counts.cases = insert_all::<disciplinary_case::ActiveModel, _>(txn, rows).await?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/// Adds a synthetic county of `powers` powers to the database (which may already hold the demo county).
///
/// Everything is written in one transaction: a failure leaves nothing behind. On PostgreSQL the
/// tables written are locked against other writers (readers go on) until the commit, and every
/// sequence is moved past the new maximum id.
pub async fn load(db: &DatabaseConnection, powers: u64) -> Result<SyntheticCounts, DbErr> {
    let counts = load_county(db, powers, seed_for(powers), None).await?;
    finish(db).await?;
    Ok(counts)
}

/// What a synthetic province holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProvinceCounts {
    /// Counties.
    pub counties: u32,
    /// Powers per county.
    pub powers_per_county: u64,
    /// The records of every kind together.
    pub records: u64,
    /// Each kind, summed over the counties.
    pub counts: SyntheticCounts,
}

/// The records of every kind a county of `powers` powers holds, roughly: powers and their
/// procedures, a meeting per four powers with four decisions each, appointments and cases
/// (one per twenty powers each), organizations, people, and their posts and memberships.
pub fn records_per_county(powers: u64) -> u64 {
    let orgs = (powers / 100).max(20);
    let people = (powers / 10).max(50);
    powers * 2 + powers / 4 * 5 + powers / 20 * 2 + orgs + people * 3
}

/// Adds a synthetic province of about `records` records of every kind together, in `counties`
/// counties (合成省 99, 合成州 9901, counties 990101 …), each a synthetic county of the same
/// size in its own jurisdiction and transaction, with its own seed. The search index is built
/// and the planner's statistics gathered once, at the end.
pub async fn load_province(
    db: &DatabaseConnection,
    records: u64,
    counties: u32,
) -> anyhow::Result<ProvinceCounts> {
    anyhow::ensure!(
        (1..=99).contains(&counties),
        "a synthetic province has 1 to 99 counties"
    );
    let per_county = records / u64::from(counties);
    // The largest county size whose records stay within each county's share.
    let mut powers = 1;
    while records_per_county(powers * 2) <= per_county {
        powers *= 2;
    }
    let mut step = powers / 2;
    while step > 0 {
        if records_per_county(powers + step) <= per_county {
            powers += step;
        }
        step /= 2;
    }
    let mut entries = vec![
        super::jurisdictions::Entry {
            division_code: "99".to_owned(),
            name: "合成省（合成数据）".to_owned(),
            level: entity::enums::JurisdictionLevel::Province,
            parent: None,
        },
        super::jurisdictions::Entry {
            division_code: "9901".to_owned(),
            name: "合成州（合成数据）".to_owned(),
            level: entity::enums::JurisdictionLevel::Prefecture,
            parent: Some("99".to_owned()),
        },
    ];
    entries.extend((1..=counties).map(|k| super::jurisdictions::Entry {
        division_code: format!("9901{k:02}"),
        name: format!("合成{k:02}县（合成数据）"),
        level: entity::enums::JurisdictionLevel::County,
        parent: Some("9901".to_owned()),
    }));
    let ids = {
        let txn = crate::db::begin_write(db).await?;
        let ids = super::jurisdictions::write(&txn, &entries).await?;
        txn.commit().await?;
        ids
    };
    let mut total = ProvinceCounts {
        counties,
        powers_per_county: powers,
        records: 0,
        counts: SyntheticCounts::default(),
    };
    for k in 1..=counties {
        let code = format!("9901{k:02}");
        let jurisdiction = ids.get(&code).copied();
        let seed = seed_for(powers ^ (u64::from(k) << 40));
        let counts = load_county(db, powers, seed, jurisdiction).await?;
        total.counts.add(&counts);
        tracing::info!(county = code, ?counts, "loaded a synthetic county");
    }
    total.records = total.counts.records();
    finish(db).await?;
    Ok(total)
}

impl SyntheticCounts {
    fn add(&mut self, other: &Self) {
        self.organizations += other.organizations;
        self.people += other.people;
        self.powers += other.powers;
        self.procedures += other.procedures;
        self.steps += other.steps;
        self.meetings += other.meetings;
        self.decisions += other.decisions;
        self.appointments += other.appointments;
        self.cases += other.cases;
    }

    /// The records of every kind counted (steps are parts of procedures, not records).
    pub fn records(&self) -> u64 {
        self.organizations
            + self.people
            + self.powers
            + self.procedures
            + self.meetings
            + self.decisions
            + self.appointments
            + self.cases
    }
}

/// One synthetic county, in one transaction, without the search index and the statistics.
async fn load_county(
    db: &DatabaseConnection,
    powers: u64,
    seed: u64,
    jurisdiction: Option<i64>,
) -> Result<SyntheticCounts, DbErr> {
    let backend = db.get_database_backend();
    let txn = if backend == DbBackend::Sqlite {
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?
    } else {
        db.begin().await?
    };
    if backend == DbBackend::Postgres {
        // A bulk load is not a request: the statement timeout that guards requests does not
        // apply to its long statements (this transaction only).
        txn.execute_unprepared("SET LOCAL statement_timeout = 0")
            .await?;
        // Serialize with the demo loader, then keep writers out while ids are assigned here.
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(632221)")
            .await?;
        txn.execute_unprepared(&format!(
            "LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE",
            TABLES.join(", ")
        ))
        .await?;
    }
    let ids = FirstIds::read(&txn).await?;

    let org_count = usize::try_from((powers / 100).max(20)).unwrap_or(20);
    let people_count = usize::try_from((powers / 10).max(50)).unwrap_or(50);
    // Every id is known before anything is written: the organizations' ids are needed first,
    // by the sources' owner and by the audiences of RESTRICTED records.
    let org_ids = (0..org_count)
        .map(|index| id_of(ids.organizations, row_of(index)))
        .collect();
    let mut county = County {
        seed,
        jurisdiction,
        ids,
        horizon: beijing(AS_OF, 17 * 60),
        org_ids,
        org_short: Vec::with_capacity(org_count),
        org_kinds: Vec::with_capacity(org_count),
        organization_department: ROOT,
        people: Vec::with_capacity(people_count),
        posts: Vec::new(),
        posts_by_org: Vec::new(),
        holders_by_org: Vec::new(),
        observers: Vec::new(),
        sources: Vec::new(),
        audiences: Vec::new(),
        counts: SyntheticCounts::default(),
    };
    county.sources(&txn).await?;
    county.directory(&txn, org_count, people_count).await?;
    county.powers(&txn, powers).await?;
    let meeting_count = powers / 4;
    county.meetings(&txn, meeting_count).await?;
    county
        .appointments(&txn, powers / 20, meeting_count)
        .await?;
    county.cases(&txn, powers / 20).await?;
    let audiences = std::mem::take(&mut county.audiences);
    insert_all::<record_audience::ActiveModel, _>(&txn, audiences).await?;
    // Until the index is built again, the next start builds it: the records are never left
    // unsearchable by a load stopped here.
    if fully_migrated(&txn).await? {
        crate::search::invalidate(&txn).await?;
    }

    if backend == DbBackend::Postgres {
        for table in TABLES {
            txn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    txn.commit().await?;
    Ok(county.counts)
}

/// After a bulk load: the search index built again, and the planner's statistics.
async fn finish(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    // A database migrated only part of the way (as a test of data from an earlier version
    // builds) is indexed by the start that migrates it the rest of the way.
    let txn = crate::db::begin_write(db).await?;
    if backend == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL statement_timeout = 0")
            .await?;
    }
    if fully_migrated(&txn).await? {
        crate::search::rebuild(&txn).await?;
    }
    txn.commit().await?;
    // A bulk load leaves the planner's statistics behind: without them PostgreSQL scans whole
    // tables for a page of twenty. ANALYZE of a large database runs past a request's statement
    // timeout, so it runs in a transaction of its own without one.
    let analyze = db.begin().await?;
    if backend == DbBackend::Postgres {
        analyze
            .execute_unprepared("SET LOCAL statement_timeout = 0")
            .await?;
    }
    analyze.execute_unprepared("ANALYZE").await?;
    analyze.commit().await?;
    Ok(())
}
