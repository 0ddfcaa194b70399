//! Display labels of every enum value of the schema, in Chinese and in English, so that a
//! frontend loads them once (`enumLabels`) and never keeps its own table of 三重一大
//! categories, sanctions or states. The kinds of records are labelled from the list of kinds
//! (each kind's Chinese noun and its English one); a test walks the schema and fails on any
//! enum or value without both labels.

use async_graphql::{Enum, SimpleObject};
use entity::enums::RecordKind;
use sea_orm::Iterable as _;

/// A language of the labels.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default, Debug)]
pub enum Lang {
    /// 中文 (Chinese).
    ///
    /// 中文.
    #[default]
    Zh,
    /// 英文 (English).
    ///
    /// English.
    En,
}

/// The labels of one enum of the schema.
#[derive(SimpleObject, Debug)]
pub struct EnumLabels {
    /// The enum's name in the schema, e.g. `PartySanction`.
    #[graphql(name = "enum")]
    pub name: String,
    /// Each value and its label, in the schema's order.
    pub values: Vec<ValueLabel>,
}

/// One value of an enum and how to show it.
#[derive(SimpleObject, Debug)]
pub struct ValueLabel {
    /// The value as the schema spells it, e.g. `SERIOUS_WARNING`.
    pub value: String,
    /// How to show it, e.g. 严重警告.
    pub label: String,
}

/// `(value, 中文, English)`.
type Values = &'static [(&'static str, &'static str, &'static str)];

/// Every enum of the schema but the two lists of kinds, with the labels of its values.
const TABLE: &[(&str, Values)] = &[
    (
        "AggregateAudience",
        &[
            ("PUBLIC", "社会公众", "The public"),
            ("PARTY", "党员", "Party members"),
        ],
    ),
    (
        "AppointmentOrderField",
        &[
            ("ID", "编号", "Id"),
            ("VACANCY_TITLE", "职位名称", "Vacancy title"),
            ("UPDATED_AT", "更新时间", "Last change"),
        ],
    ),
    (
        "AppointmentOutcome",
        &[
            ("PENDING", "待定", "Pending"),
            ("APPOINTED", "已任命", "Appointed"),
            ("WITHDRAWN", "已撤回", "Withdrawn"),
            ("POSTPONED", "暂缓", "Postponed"),
        ],
    ),
    (
        "AppointmentStage",
        &[
            ("VACANCY_ANNOUNCED", "空缺职位预告", "Vacancy announced"),
            ("INSPECTION", "组织考察", "Inspection"),
            ("NOTICE", "任前公示", "Pre-appointment notice"),
            ("DECIDED", "讨论决定", "Decided"),
            ("PROBATION", "试用期", "Probation"),
            ("CLOSED", "已办结", "Closed"),
        ],
    ),
    (
        "AttendanceRole",
        &[
            ("MEMBER", "出席成员", "Member"),
            ("NON_VOTING", "列席", "Attending without a vote"),
            ("OBSERVER", "旁听", "Observer"),
        ],
    ),
    (
        "BulletinCategory",
        &[
            ("MEETING_DECISION", "会议决策", "Meeting decision"),
            ("APPOINTMENT", "干部任免", "Appointment"),
            ("DISCIPLINE", "执纪问责", "Discipline"),
            ("GENERAL", "综合", "General"),
        ],
    ),
    (
        "BulletinOrderField",
        &[
            ("ID", "编号", "Id"),
            ("PUBLISHED_AT", "发布时间", "Publication time"),
            ("UPDATED_AT", "更新时间", "Last change"),
        ],
    ),
    (
        "Carrier",
        &[
            ("WEBSITE", "网站", "Website"),
            ("TV", "电视", "Television"),
            ("NOTICE_BOARD", "公开栏", "Notice board"),
            ("NEWSPAPER", "报刊", "Newspaper"),
            ("PRESS_CONFERENCE", "新闻发布会", "Press conference"),
            ("PARTY_DOCUMENT", "党内文件", "Party document"),
            ("MEETING", "会议", "Meeting"),
        ],
    ),
    (
        "ChangeAction",
        &[
            ("CREATED", "创建", "Created"),
            ("UPDATED", "修改", "Updated"),
            ("SUBMITTED", "提交审核", "Submitted for review"),
            ("SENT_BACK", "退回修改", "Sent back"),
            ("APPROVED", "审核通过", "Approved"),
            ("PUBLISHED", "公开", "Published"),
            ("SCHEDULED", "定时公开", "Scheduled"),
            ("CORRECTED", "更正", "Corrected"),
            ("IMPORTED", "随数据导入", "Loaded with the data"),
        ],
    ),
    (
        "ChangeOperation",
        &[
            ("UPSERT", "新增或更新", "Added or changed"),
            ("REMOVE", "移除", "Removed"),
        ],
    ),
    (
        "DecisionKind",
        &[
            ("DECISION", "决策", "Decision"),
            ("DETERMINATION", "决定", "Determination"),
            ("RESOLUTION", "决议", "Resolution"),
        ],
    ),
    (
        "DecisionResult",
        &[
            ("ADOPTED", "通过", "Adopted"),
            ("REJECTED", "未通过", "Rejected"),
            ("DEFERRED", "暂缓表决", "Deferred"),
        ],
    ),
    (
        "DisciplinaryCaseOrderField",
        &[
            ("ID", "编号", "Id"),
            ("DECIDED_ON", "处理日期", "Date of the decision"),
            ("CASE_NUMBER", "案号", "Case number"),
            ("UPDATED_AT", "更新时间", "Last change"),
        ],
    ),
    (
        "DisclosureTiming",
        &[
            ("WITHIN_WORKING_DAYS", "限时公开", "Within working days"),
            ("PERIODIC", "定期公开", "Periodically"),
            ("IMMEDIATE", "即时公开", "Immediately"),
            ("STANDING", "长期公开", "Standing"),
        ],
    ),
    (
        "DisclosureOutcome",
        &[
            ("GRANTED", "予以公开", "Granted"),
            ("PARTLY_GRANTED", "部分公开", "Partly granted"),
            ("REFUSED", "不予公开", "Refused"),
            ("NOT_HELD", "信息不存在", "Not held"),
            ("NOT_OURS", "非本机关负责公开", "Not this body's"),
        ],
    ),
    (
        "DocumentRole",
        &[
            ("DECISION_TEXT", "决定全文", "Text of the decision"),
            ("NOTICE", "通知公告", "Notice"),
            ("MINUTES", "会议纪要", "Minutes"),
            ("REPORT", "报告", "Report"),
            ("EVIDENCE", "佐证材料", "Evidence"),
            ("OTHER", "其他", "Other"),
        ],
    ),
    (
        "DutyReportForm",
        &[
            ("ORAL_PUBLIC", "公开述职", "Oral, in public"),
            ("WRITTEN", "书面述职", "Written"),
        ],
    ),
    (
        "EvaluationAudience",
        &[
            ("PARTY_MEMBERS", "党内评", "Party members"),
            ("PUBLIC", "党外评", "The public"),
        ],
    ),
    (
        "EvaluationItem",
        &[
            ("DUTIES", "履职尽责", "Performance of duties"),
            ("INTEGRITY", "廉洁自律", "Integrity"),
            ("CONDUCT", "工作作风", "Way of working"),
            ("OPENNESS", "党务公开", "Openness of party affairs"),
        ],
    ),
    (
        "EvaluationRating",
        &[
            ("SATISFIED", "满意", "Satisfied"),
            ("BASICALLY_SATISFIED", "基本满意", "Basically satisfied"),
            ("DISSATISFIED", "不满意", "Dissatisfied"),
        ],
    ),
    (
        "ExecutionStatus",
        &[
            ("NOT_STARTED", "未开始", "Not started"),
            ("IN_PROGRESS", "进行中", "In progress"),
            ("COMPLETED", "已完成", "Completed"),
            ("OVERDUE", "超期", "Overdue"),
        ],
    ),
    (
        "FeedbackChannel",
        &[
            ("WEB", "网站", "Web"),
            ("SMS", "手机短信", "SMS"),
            ("PHONE", "电话", "Phone"),
            ("LETTER", "信件", "Letter"),
            ("IN_PERSON", "来访", "In person"),
        ],
    ),
    (
        "FeedbackKind",
        &[
            ("OPINION", "意见建议", "Opinion"),
            ("COMPLAINT_REPORT", "举报", "Report"),
            ("DISCLOSURE_REQUEST", "依申请公开", "Request for disclosure"),
            ("HEARING_REQUEST", "旁听申请", "Application to attend"),
            ("PROPOSAL", "党代表提案", "Proposal"),
        ],
    ),
    (
        "FeedbackStatus",
        &[
            ("RECEIVED", "已收到", "Received"),
            ("ACCEPTED", "已受理", "Accepted"),
            ("ASSIGNED", "已交办", "Assigned"),
            ("ANSWERED", "已答复", "Answered"),
            ("TRANSFERRED", "已转办", "Transferred"),
            ("REJECTED", "不予受理", "Rejected"),
            ("WITHDRAWN", "已撤回", "Withdrawn"),
        ],
    ),
    (
        "GovernmentSanction",
        &[
            ("WARNING", "警告", "Warning"),
            ("DEMERIT", "记过", "Demerit"),
            ("MAJOR_DEMERIT", "记大过", "Major demerit"),
            ("DEMOTION", "降级", "Demotion"),
            ("DISMISSAL", "撤职", "Dismissal from post"),
            ("EXPULSION", "开除", "Expulsion"),
        ],
    ),
    (
        "JurisdictionLevel",
        &[
            ("PROVINCE", "省级", "Province"),
            ("PREFECTURE", "地级", "Prefecture"),
            ("COUNTY", "县级", "County"),
        ],
    ),
    (
        "Lang",
        &[("ZH", "中文", "Chinese"), ("EN", "英文", "English")],
    ),
    (
        "MeetingKind",
        &[
            (
                "STANDING_COMMITTEE",
                "常委会会议",
                "Standing committee meeting",
            ),
            ("PLENARY", "全委会会议", "Plenary session"),
            ("PARTY_CONGRESS", "党代表大会", "Party congress"),
            ("LEADING_GROUP", "领导小组会议", "Leading group meeting"),
            (
                "GOVERNMENT_EXECUTIVE",
                "政府常务会议",
                "Government executive meeting",
            ),
            ("SPECIAL", "专题会议", "Special meeting"),
            ("HEARING", "重大事务决策听证会", "Hearing"),
            ("OTHER", "其他会议", "Other meeting"),
        ],
    ),
    (
        "MeetingOrderField",
        &[
            ("ID", "编号", "Id"),
            ("STARTS_AT", "开始时间", "Start"),
            ("UPDATED_AT", "更新时间", "Last change"),
        ],
    ),
    (
        "MeetingStatus",
        &[
            ("SCHEDULED", "已安排", "Scheduled"),
            ("HELD", "已召开", "Held"),
            ("CANCELLED", "已取消", "Cancelled"),
        ],
    ),
    (
        "ObserverCategory",
        &[
            ("EXPERT", "专家学者", "Expert"),
            ("GRASSROOTS", "基层群众", "Member of the public"),
            ("COMMUNITY_MEMBER", "社区党员", "Community party member"),
            ("CADRE", "机关干部", "Official"),
            ("PEOPLES_DEPUTY", "人大代表", "People's congress deputy"),
            ("CPPCC_MEMBER", "政协委员", "CPPCC member"),
        ],
    ),
    (
        "OrderDirection",
        &[("ASC", "升序", "Ascending"), ("DESC", "降序", "Descending")],
    ),
    (
        "OrganizationKind",
        &[
            ("PARTY_CONGRESS", "党代会", "Party congress"),
            ("PLENARY", "全委会", "Plenary committee"),
            ("STANDING_COMMITTEE", "常委会", "Standing committee"),
            ("DISCIPLINE_COMMISSION", "纪委", "Discipline commission"),
            ("DEPARTMENT", "县委职能部门", "Committee department"),
            ("PEOPLES_CONGRESS", "人大", "People's congress"),
            ("GOVERNMENT", "政府", "Government"),
            ("CPPCC", "政协", "CPPCC"),
            ("LEADING_GROUP", "领导小组", "Leading group"),
            ("TOWNSHIP", "乡镇", "Township"),
            ("OTHER", "其他", "Other"),
        ],
    ),
    (
        "OrganizationOrderField",
        &[
            ("ID", "编号", "Id"),
            ("NAME", "名称", "Name"),
            ("UPDATED_AT", "更新时间", "Last change"),
        ],
    ),
    (
        "PartySanction",
        &[
            ("WARNING", "警告", "Warning"),
            ("SERIOUS_WARNING", "严重警告", "Serious warning"),
            (
                "REMOVAL_FROM_POST",
                "撤销党内职务",
                "Removal from party posts",
            ),
            ("PROBATION", "留党察看", "Party probation"),
            ("EXPULSION", "开除党籍", "Expulsion from the party"),
        ],
    ),
    (
        "PowerCategory",
        &[
            ("MAJOR_DECISION", "重大决策", "Major decision"),
            ("PERSONNEL", "重要人事任免", "Key appointment"),
            ("MAJOR_PROJECT", "重大项目建设", "Major project"),
            ("INCIDENT", "重大事件处置", "Major incident"),
            ("LARGE_FUND", "大额资金使用", "Large spending"),
            ("OTHER", "其他", "Other"),
        ],
    ),
    (
        "PowerOrderField",
        &[
            ("ID", "编号", "Id"),
            ("CODE", "编码", "Code"),
            ("NAME", "名称", "Name"),
            ("UPDATED_AT", "更新时间", "Last change"),
        ],
    ),
    (
        "ProcedureOrderField",
        &[
            ("ID", "编号", "Id"),
            ("CODE", "编码", "Code"),
            ("NAME", "名称", "Name"),
        ],
    ),
    (
        "PublicationStatus",
        &[
            ("DRAFT", "草稿", "Draft"),
            ("SUBMITTED", "待审核", "Submitted"),
            ("APPROVED", "已审核", "Approved"),
            ("PUBLISHED", "已公开", "Published"),
            ("RETRACTED", "已撤回", "Retracted"),
        ],
    ),
    (
        "RiskLevel",
        &[
            ("LOW", "低", "Low"),
            ("MEDIUM", "中", "Medium"),
            ("HIGH", "高", "High"),
        ],
    ),
    (
        "Scope",
        &[
            ("PUBLIC", "向社会公开", "Public"),
            ("PARTY", "党内公开", "Party-internal"),
            ("RESTRICTED", "特定范围公开", "Restricted"),
        ],
    ),
    (
        "Timeliness",
        &[
            ("ON_TIME", "办理中", "On time"),
            ("OVERDUE", "超期", "Overdue"),
            ("LONG_OVERDUE", "严重超期", "Long overdue"),
            ("CLOSED_ON_TIME", "按期办结", "Closed on time"),
            ("CLOSED_LATE", "超期办结", "Closed late"),
        ],
    ),
    (
        "ViewerRole",
        &[
            ("PUBLIC", "社会公众", "The public"),
            ("MEDIA", "媒体", "Media"),
            ("MEMBER", "党员", "Party member"),
            ("OFFICIAL", "干部", "Official"),
            ("EDITOR", "编辑", "Editor"),
            ("REVIEWER", "审核人", "Reviewer"),
            ("SUPERVISOR", "监督人员", "Supervisor"),
            ("ADMIN", "管理员", "Administrator"),
        ],
    ),
    (
        "ViolationCategory",
        &[
            ("POLITICAL", "政治纪律", "Political discipline"),
            ("ORGANIZATIONAL", "组织纪律", "Organizational discipline"),
            ("INTEGRITY", "廉洁纪律", "Integrity discipline"),
            ("MASSES", "群众纪律", "Discipline towards the public"),
            ("WORK", "工作纪律", "Work discipline"),
            ("LIFE", "生活纪律", "Discipline in private life"),
        ],
    ),
    (
        "WithheldReason",
        &[
            (
                "FEWER_THAN_THRESHOLD",
                "数量过少，不予公布",
                "Too few to publish",
            ),
            (
                "PREVENTS_DERIVATION",
                "为防推算而隐去",
                "Withheld so that no small count can be worked out",
            ),
            ("GROUPED", "合并显示", "Shown grouped"),
            (
                "TOO_FEW_TO_PUBLISH",
                "案件过少，不予公布",
                "Too few cases to publish",
            ),
            (
                "WHOLE_ONLY",
                "仅公布全域数字",
                "Published for the whole only",
            ),
        ],
    ),
];

/// The Chinese and English labels of a kind of record: its Chinese noun (as its feed names
/// an entry without a title) and its English one (as messages name it).
fn kind_label(kind: RecordKind) -> (&'static str, &'static str) {
    (
        super::kinds::feed(kind).untitled,
        crate::store::with_record!(kind, E => <E as crate::store::edit::Editable>::NOUN),
    )
}

/// The labels of every enum of the schema in `lang`, enums by name.
pub fn all(lang: Lang) -> Vec<EnumLabels> {
    let pick = |zh: &str, en: &str| match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    };
    let kinds = || {
        RecordKind::iter()
            .map(|kind| {
                let (zh, en) = kind_label(kind);
                ValueLabel {
                    value: screaming(crate::store::name_of(kind)),
                    label: pick(zh, &capitalized(en)),
                }
            })
            .collect::<Vec<_>>()
    };
    let mut out: Vec<EnumLabels> = TABLE
        .iter()
        .map(|(name, values)| EnumLabels {
            name: (*name).to_owned(),
            values: values
                .iter()
                .map(|(value, zh, en)| ValueLabel {
                    value: (*value).to_owned(),
                    label: pick(zh, en),
                })
                .collect(),
        })
        .collect();
    out.push(EnumLabels {
        name: "RecordKind".into(),
        values: kinds(),
    });
    out.push(EnumLabels {
        name: "SearchKind".into(),
        values: kinds(),
    });
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// A type name as an enum value: `DisciplinaryCase` → `DISCIPLINARY_CASE`.
fn screaming(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of `value` of the enum `name` in `lang`, if the table has it.
pub fn label(name: &str, value: &str, lang: Lang) -> Option<String> {
    all(lang)
        .into_iter()
        .find(|e| e.name == name)?
        .values
        .into_iter()
        .find(|v| v.value == value)
        .map(|v| v.label)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Every enum of the schema and its values, read from the schema's own text.
    fn schema_enums() -> BTreeMap<String, Vec<String>> {
        let sdl = crate::graphql::sdl();
        let mut out = BTreeMap::new();
        let mut current: Option<(String, Vec<String>)> = None;
        for line in sdl.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("enum ") {
                let name = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                current = Some((name, Vec::new()));
            } else if line == "}" {
                if let Some((name, values)) = current.take() {
                    out.insert(name, values);
                }
            } else if let Some((_, values)) = current.as_mut()
                && !line.is_empty()
                && !line.starts_with('"')
                && line
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            {
                values.push(line.to_owned());
            }
        }
        out
    }

    #[test]
    fn every_value_of_every_enum_has_both_labels() {
        let schema = schema_enums();
        assert!(schema.len() >= 30, "{schema:?}");
        for lang in [Lang::Zh, Lang::En] {
            let labels: BTreeMap<String, Vec<(String, String)>> = all(lang)
                .into_iter()
                .map(|e| {
                    (
                        e.name,
                        e.values.into_iter().map(|v| (v.value, v.label)).collect(),
                    )
                })
                .collect();
            for (name, values) in &schema {
                let Some(labelled) = labels.get(name) else {
                    panic!("{name} has no labels");
                };
                let listed: Vec<&String> = labelled.iter().map(|(v, _)| v).collect();
                let expected: Vec<&String> = values.iter().collect();
                assert_eq!(listed, expected, "{name}: values and labels differ");
                for (value, label) in labelled {
                    assert!(
                        !label.trim().is_empty(),
                        "{name}.{value} has no {lang:?} label"
                    );
                }
            }
            for name in labels.keys() {
                assert!(
                    schema.contains_key(name),
                    "{name} is labelled but not in the schema"
                );
            }
        }
    }

    #[tokio::test]
    async fn every_enum_value_says_its_labels_in_its_description() -> anyhow::Result<()> {
        let schema = crate::graphql::build(None);
        let response = schema
            .execute("{ __schema { types { name kind enumValues { name description } } } }")
            .await;
        anyhow::ensure!(response.errors.is_empty(), "{:?}", response.errors);
        let data = response.data.into_json()?;
        let mut missing = Vec::new();
        let mut seen = 0;
        for ty in data["__schema"]["types"].as_array().into_iter().flatten() {
            let name = ty["name"].as_str().unwrap_or_default();
            if ty["kind"] != "ENUM" || name.starts_with("__") {
                continue;
            }
            for value in ty["enumValues"].as_array().into_iter().flatten() {
                let v = value["name"].as_str().unwrap_or_default();
                let description = value["description"].as_str().unwrap_or_default();
                seen += 1;
                for lang in [Lang::Zh, Lang::En] {
                    let label = label(name, v, lang).unwrap_or_default();
                    if label.is_empty() || !description.contains(&label) {
                        missing.push(format!("{name}.{v}: {description:?} lacks {label:?}"));
                    }
                }
            }
        }
        assert!(seen > 150, "only {seen} values");
        assert!(missing.is_empty(), "{missing:#?}");
        Ok(())
    }

    #[test]
    fn a_sanction_reads_in_either_language() {
        assert_eq!(
            label("PartySanction", "SERIOUS_WARNING", Lang::Zh).as_deref(),
            Some("严重警告")
        );
        assert_eq!(
            label("RecordKind", "EXERCISE", Lang::En).as_deref(),
            Some("Exercise of a power")
        );
        assert_eq!(
            label("RecordKind", "EXERCISE", Lang::Zh).as_deref(),
            Some("权力运行实例")
        );
    }
}
