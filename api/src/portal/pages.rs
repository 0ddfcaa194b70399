//! The portal's pages: each one query (or two) as the public, written out as HTML.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use serde_json::{Value, json};

use super::page::{self, day, facts, h, label, paragraphs, s};
use super::{Visit, html, not_found, public};
use crate::http::AppState;
use crate::record::page_path;

type Params = Query<HashMap<String, String>>;

/// A link to a record's page.
fn link(id: &Value, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", h(&page_path(s(id))), h(text))
}

/// The nodes of a connection.
fn nodes(connection: &Value) -> impl Iterator<Item = &Value> {
    connection["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|edge| &edge["node"])
}

/// A list of items, or a line saying there is none.
fn list(items: Vec<String>, none: &str) -> String {
    if items.is_empty() {
        return format!("<p class=\"none\">{}</p>", h(none));
    }
    let mut out = String::from("<ul class=\"records\">");
    for item in items {
        let _ = write!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>");
    out
}

/// The page of a list that `params` asks for (`after`: the cursor of the page before).
async fn page_of(
    state: &AppState,
    visit: &Visit,
    query: &str,
    params: &HashMap<String, String>,
) -> Result<Value, Box<Response>> {
    let after = params.get("after").filter(|a| !a.is_empty());
    public(state, visit, query, json!({ "after": after })).await
}

const HOME: &str = "query Home {
  bulletins(first: 5, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
    edges { node { id title crawl publishedAt } } }
  appointments(first: 5, filter: { stage: NOTICE }) {
    edges { node { id vacancyTitle candidateName proposedPost noticeStart noticeEnd } } }
  meetings(first: 5, orderBy: { field: STARTS_AT, direction: DESC }) {
    edges { node { id label startsAt place } } }
  decisions(first: 5) { edges { node { id title result meeting { label } } } }
}";

/// `/`: the latest publications of every part.
pub async fn home(State(state): State<AppState>, visit: Visit) -> Response {
    let data = match public(&state, &visit, HOME, json!({})).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let bulletins = nodes(&data["bulletins"])
        .map(|b| {
            format!(
                "{} <time datetime=\"{}\">{}</time><p>{}</p>",
                link(&b["id"], s(&b["title"])),
                h(&day(&b["publishedAt"])),
                h(&day(&b["publishedAt"])),
                h(s(&b["crawl"]))
            )
        })
        .collect();
    let notices = nodes(&data["appointments"])
        .map(|a| {
            format!(
                "{} <span>{}</span> <span class=\"period\">公示期 {} 至 {}</span>",
                link(&a["id"], s(&a["vacancyTitle"])),
                h(s(&a["candidateName"])),
                h(s(&a["noticeStart"])),
                h(s(&a["noticeEnd"]))
            )
        })
        .collect();
    let meetings = nodes(&data["meetings"])
        .map(|m| {
            format!(
                "{} <time datetime=\"{}\">{}</time> <span>{}</span>",
                link(&m["id"], s(&m["label"])),
                h(s(&m["startsAt"])),
                h(&day(&m["startsAt"])),
                h(s(&m["place"]))
            )
        })
        .collect();
    let decisions = nodes(&data["decisions"])
        .map(|d| {
            format!(
                "{} <span class=\"tag\">{}</span> <span>{}</span>",
                link(&d["id"], s(&d["title"])),
                h(&label("DecisionResult", &d["result"])),
                h(s(&d["meeting"]["label"]))
            )
        })
        .collect();
    let body = format!(
        "<p class=\"lead\">权力清单、运行流程、会议、决策、干部任免和纪律处分，依规公开。</p>\
         <form class=\"search\" action=\"/powers\" method=\"get\" role=\"search\">\
         <label for=\"home-q\">查找职权</label>\
         <input id=\"home-q\" name=\"keyword\" type=\"search\" placeholder=\"例如：干部\">\
         <button type=\"submit\">搜索</button></form>\
         <div class=\"columns\">\
         <section aria-labelledby=\"h-bulletins\"><h2 id=\"h-bulletins\">最新简报</h2>{}</section>\
         <section aria-labelledby=\"h-notices\"><h2 id=\"h-notices\">任前公示</h2>{}</section>\
         <section aria-labelledby=\"h-meetings\"><h2 id=\"h-meetings\">会议</h2>{}</section>\
         <section aria-labelledby=\"h-decisions\"><h2 id=\"h-decisions\">决策</h2>{}</section>\
         </div>",
        list(bulletins, "暂无简报。"),
        list(notices, "目前没有正在公示的人选。"),
        list(meetings, "暂无会议。"),
        list(decisions, "暂无决策。"),
    );
    html(&state, &visit.headers, page::frame("党务公开", "/", &body))
}

const POWERS: &str = "query Powers($filter: PowerFilter, $after: String) {
  powers(filter: $filter, first: 20, after: $after, orderBy: { field: CODE }) {
    totalCount
    edges { node { id code name category riskLevel holder { name } } }
    pageInfo { hasNextPage endCursor } } }";

/// The values of `enum` with their Chinese labels, as `<option>`s, `chosen` selected.
fn options(name: &str, chosen: &str) -> String {
    let mut out = String::from("<option value=\"\">全部</option>");
    let all = crate::graphql::labels::all(crate::graphql::labels::Lang::Zh);
    if let Some(labels) = all.iter().find(|l| l.name == name) {
        for value in &labels.values {
            let selected = if value.value == chosen {
                " selected"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<option value=\"{}\"{selected}>{}</option>",
                h(&value.value),
                h(&value.label)
            );
        }
    }
    out
}

/// `/powers`: the power catalogue (权力清单), by category and risk, searched by keyword.
pub async fn powers(
    State(state): State<AppState>,
    Query(params): Params,
    visit: Visit,
) -> Response {
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();
    let (keyword, category, risk, after) = (
        get("keyword"),
        get("category"),
        get("riskLevel"),
        get("after"),
    );
    let mut filter = serde_json::Map::new();
    if !keyword.trim().is_empty() {
        filter.insert("keyword".into(), json!(keyword.trim()));
    }
    if !category.is_empty() {
        filter.insert("category".into(), json!(category));
    }
    if !risk.is_empty() {
        filter.insert("riskLevel".into(), json!(risk));
    }
    let variables = json!({
        "filter": filter,
        "after": (!after.is_empty()).then_some(after),
    });
    let data = match public(&state, &visit, POWERS, variables).await {
        Ok(data) => data,
        // A category or cursor that is not one is the visitor's: show the whole catalogue.
        Err(answer) if answer.status().is_server_error() => return *answer,
        Err(answer) if answer.status() == axum::http::StatusCode::TOO_MANY_REQUESTS => {
            return *answer;
        }
        Err(_) => json!({ "powers": { "totalCount": 0, "edges": [] } }),
    };
    let powers = &data["powers"];
    let mut rows = String::new();
    for p in nodes(powers) {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(s(&p["code"])),
            link(&p["id"], s(&p["name"])),
            h(&label("PowerCategory", &p["category"])),
            h(&label("RiskLevel", &p["riskLevel"])),
            h(s(&p["holder"]["name"]))
        );
    }
    let table = if rows.is_empty() {
        "<p class=\"none\">没有符合条件的职权。</p>".to_owned()
    } else {
        format!(
            "<table class=\"catalogue\"><caption>职权（共 {} 项）</caption><thead><tr>\
             <th scope=\"col\">编号</th><th scope=\"col\">名称</th><th scope=\"col\">类别</th>\
             <th scope=\"col\">风险等级</th><th scope=\"col\">行使主体</th></tr></thead>\
             <tbody>{rows}</tbody></table>",
            powers["totalCount"].as_i64().unwrap_or_default()
        )
    };
    let body = format!(
        "<form class=\"filters\" action=\"/powers\" method=\"get\" role=\"search\">\
         <label for=\"q\">关键词</label>\
         <input id=\"q\" name=\"keyword\" type=\"search\" value=\"{}\">\
         <label for=\"category\">类别</label><select id=\"category\" name=\"category\">{}</select>\
         <label for=\"risk\">风险等级</label><select id=\"risk\" name=\"riskLevel\">{}</select>\
         <button type=\"submit\">筛选</button></form>\
         <div class=\"results\" aria-live=\"polite\">{table}{}</div>",
        h(keyword),
        options("PowerCategory", category),
        options("RiskLevel", risk),
        page::next_page(
            "/powers",
            &[
                ("keyword", keyword),
                ("category", category),
                ("riskLevel", risk)
            ],
            &powers["pageInfo"]
        ),
    );
    html(
        &state,
        &visit.headers,
        page::frame("权力清单", "/powers", &body),
    )
}

const MEETINGS: &str = "query Meetings($after: String) {
  meetings(first: 20, after: $after, orderBy: { field: STARTS_AT, direction: DESC }) {
    edges { node { id label kind startsAt place status body { name } } }
    pageInfo { hasNextPage endCursor } } }";

/// `/meetings`: meetings, newest first.
pub async fn meetings(
    State(state): State<AppState>,
    Query(params): Params,
    visit: Visit,
) -> Response {
    let data = match page_of(&state, &visit, MEETINGS, &params).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let items = nodes(&data["meetings"])
        .map(|m| {
            format!(
                "{} <span class=\"tag\">{}</span> <time datetime=\"{}\">{}</time> \
                 <span>{}</span> <span>{}</span>",
                link(&m["id"], s(&m["label"])),
                h(&label("MeetingKind", &m["kind"])),
                h(s(&m["startsAt"])),
                h(&day(&m["startsAt"])),
                h(s(&m["place"])),
                h(&label("MeetingStatus", &m["status"]))
            )
        })
        .collect();
    let body = format!(
        "{}{}",
        list(items, "暂无会议。"),
        page::next_page("/meetings", &[], &data["meetings"]["pageInfo"])
    );
    html(
        &state,
        &visit.headers,
        page::frame("会议公开", "/meetings", &body),
    )
}

const APPOINTMENTS: &str = "query Notices($after: String) {
  today
  appointments(first: 20, after: $after, filter: { stage: NOTICE }) {
    edges { node { id vacancyTitle candidateName candidateGender candidateEthnicity
      candidateBirthMonth candidateEducation currentPost proposedPost noticeStart noticeEnd
      complaintChannels } }
    pageInfo { hasNextPage endCursor } }
  statistics { noticePeriods { total onTime open } } }";

/// `/appointments`: pre-appointment notices (任前公示), with their period.
pub async fn appointments(
    State(state): State<AppState>,
    Query(params): Params,
    visit: Visit,
) -> Response {
    let data = match page_of(&state, &visit, APPOINTMENTS, &params).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let today = s(&data["today"]);
    let mut cards = Vec::new();
    for a in nodes(&data["appointments"]) {
        let end = s(&a["noticeEnd"]);
        let state_text = if !end.is_empty() && end < today {
            "公示期已满"
        } else {
            "公示中"
        };
        cards.push(format!(
            "<article class=\"notice\"><h2>{}</h2><p class=\"tag\">{state_text}</p>{}</article>",
            link(
                &a["id"],
                &format!("{}：{}", s(&a["vacancyTitle"]), s(&a["candidateName"]))
            ),
            facts(&[
                ("性别", s(&a["candidateGender"]).to_owned()),
                ("民族", s(&a["candidateEthnicity"]).to_owned()),
                ("出生年月", s(&a["candidateBirthMonth"]).to_owned()),
                ("学历", s(&a["candidateEducation"]).to_owned()),
                ("现任职务", s(&a["currentPost"]).to_owned()),
                ("拟任职务", s(&a["proposedPost"]).to_owned()),
                ("公示期", format!("{} 至 {}", s(&a["noticeStart"]), end)),
                ("反映渠道", s(&a["complaintChannels"]).to_owned()),
            ])
        ));
    }
    let periods = &data["statistics"]["noticePeriods"];
    let body = format!(
        "<p>公示期不少于5个工作日。已结束的公示 {} 件，其中 {} 件满5个工作日；正在公示 {} 件。</p>{}{}",
        periods["total"],
        periods["onTime"],
        periods["open"],
        if cards.is_empty() {
            "<p class=\"none\">目前没有正在公示的人选。</p>".to_owned()
        } else {
            cards.concat()
        },
        page::next_page("/appointments", &[], &data["appointments"]["pageInfo"])
    );
    html(
        &state,
        &visit.headers,
        page::frame("任前公示", "/appointments", &body),
    )
}

const BULLETINS: &str = "query Bulletins($after: String) {
  bulletins(first: 20, after: $after, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
    edges { node { id title crawl category publishedAt } }
    pageInfo { hasNextPage endCursor } } }";

/// `/bulletins`: bulletins (简报), newest first.
pub async fn bulletins(
    State(state): State<AppState>,
    Query(params): Params,
    visit: Visit,
) -> Response {
    let data = match page_of(&state, &visit, BULLETINS, &params).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let items = nodes(&data["bulletins"])
        .map(|b| {
            format!(
                "{} <span class=\"tag\">{}</span> <time datetime=\"{}\">{}</time><p>{}</p>",
                link(&b["id"], s(&b["title"])),
                h(&label("BulletinCategory", &b["category"])),
                h(s(&b["publishedAt"])),
                h(&day(&b["publishedAt"])),
                h(s(&b["crawl"]))
            )
        })
        .collect();
    let body = format!(
        "<p><a href=\"/tv\">电视字幕</a> · <a href=\"/feeds/bulletins.atom\">订阅（Atom）</a></p>{}{}",
        list(items, "暂无简报。"),
        page::next_page("/bulletins", &[], &data["bulletins"]["pageInfo"])
    );
    html(
        &state,
        &visit.headers,
        page::frame("公开简报", "/bulletins", &body),
    )
}

const STATISTICS: &str = "query Statistics {
  statistics {
    asOf
    powersByCategory { key count }
    meetingsByYear { key count }
    disciplinaryOutcomes {
      asOf
      total { display }
      byPartySanction { key count display }
      byYear { key count display } } } }";

/// `/statistics`: figures as charts, disciplinary outcomes with the API's own suppression.
pub async fn statistics(State(state): State<AppState>, visit: Visit) -> Response {
    let data = match public(&state, &visit, STATISTICS, json!({})).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let stats = &data["statistics"];
    let counts = |rows: &Value, enum_name: Option<&str>| -> Vec<(String, Option<i64>, String)> {
        rows.as_array()
            .into_iter()
            .flatten()
            .map(|row| {
                let name = match enum_name {
                    Some(e) => label(e, &row["key"]),
                    None => s(&row["key"]).to_owned(),
                };
                let count = row["count"].as_i64();
                let shown = match row["display"].as_str() {
                    Some(display) => display.to_owned(),
                    None => count.map(|c| c.to_string()).unwrap_or_default(),
                };
                (name, count, shown)
            })
            .collect()
    };
    let outcomes = &stats["disciplinaryOutcomes"];
    let body = format!(
        "<p>统计截至 {}。纪律处分按季度汇总（截至 {}），共 {} 件；人数过少的格子不显示具体数字，以免识别到个人。</p>{}{}{}{}",
        h(s(&stats["asOf"])),
        h(s(&outcomes["asOf"])),
        h(s(&outcomes["total"]["display"])),
        page::bars(
            "纪律处分：按党纪处分种类",
            &counts(&outcomes["byPartySanction"], Some("PartySanction"))
        ),
        page::bars("纪律处分：按年份", &counts(&outcomes["byYear"], None)),
        page::bars(
            "职权：按类别",
            &counts(&stats["powersByCategory"], Some("PowerCategory"))
        ),
        page::bars("会议：按年份", &counts(&stats["meetingsByYear"], None)),
    );
    html(
        &state,
        &visit.headers,
        page::frame("统计", "/statistics", &body),
    )
}

const KIND_OF: &str = "query Kind($id: ID!) { node(id: $id) { __typename } }";

const POWER: &str = "query Power($id: ID!) { power(id: $id) {
  id code name category riskLevel legalBasis duties accountability undertakingUnit timing
  timingDays supervisionPhone publishedAt updatedAt
  holder { id name } procedure { id name }
}
exercises(filter: { power: $id }, first: 20) {
  edges { node { id title startedAt progress } } } }";

const MEETING: &str = "query Meeting($id: ID!) { meeting(id: $id) {
  id label kind startsAt place status summary publishedAt updatedAt
  body { id name }
  agenda { position title summary }
  attendance { person { name } role present }
  decisions { id title result votesFor votesAgainst votesAbstain executionStatus
    milestones { title dueOn doneOn status } } } }";

const BULLETIN: &str = "query Bulletin($id: ID!) { bulletin(id: $id) {
  id title crawl body category publishedAt updatedAt } }";

const DECISION: &str = "query Decision($id: ID!) { node(id: $id) { ... on Decision {
  id title text kind result votesFor votesAgainst votesAbstain executionStatus publishedAt
  meeting { id label }
  milestones { title dueOn doneOn status } } } }";

const APPOINTMENT: &str = "query Appointment($id: ID!) { appointment(id: $id) {
  id vacancyTitle requirements stage outcome candidateName candidateGender candidateEthnicity
  candidateBirthMonth candidateEducation currentPost proposedPost noticeStart noticeEnd
  complaintChannels decidedOn publishedAt organization { id name } } }";

/// Writes a record's page from its query's data: its title, its section and its body.
type Render = fn(&Value) -> (String, &'static str, String);

/// `/records/{id}`: the page of any record the public sees, at a URL as stable as its id.
pub async fn record(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visit: Visit,
) -> Response {
    let ids = json!({ "id": id });
    // An id that is not one is the same as a record that is not public.
    let kind = match public(&state, &visit, KIND_OF, ids.clone()).await {
        Ok(data) => s(&data["node"]["__typename"]).to_owned(),
        Err(answer) if answer.status().is_server_error() => return *answer,
        Err(answer) if answer.status() == axum::http::StatusCode::TOO_MANY_REQUESTS => {
            return *answer;
        }
        Err(_) => return not_found(),
    };
    let (query, render): (&str, Render) = match kind.as_str() {
        "" => return not_found(),
        "Power" => (POWER, power_page),
        "Meeting" => (MEETING, meeting_page),
        "Bulletin" => (BULLETIN, bulletin_page),
        "Decision" => (DECISION, decision_page),
        "Appointment" => (APPOINTMENT, appointment_page),
        _ => return other_record(&state, &visit, &kind, ids).await,
    };
    let data = match public(&state, &visit, query, ids).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let (title, section, body) = render(&data);
    html(&state, &visit.headers, page::frame(&title, section, &body))
}

fn dates(record: &Value) -> String {
    format!(
        "<p class=\"dates\">发布于 <time datetime=\"{}\">{}</time> · 更新于 <time datetime=\"{}\">{}</time></p>",
        h(s(&record["publishedAt"])),
        h(&day(&record["publishedAt"])),
        h(s(&record["updatedAt"])),
        h(&day(&record["updatedAt"]))
    )
}

fn power_page(data: &Value) -> (String, &'static str, String) {
    let p = &data["power"];
    let mut body = facts(&[
        ("编号", s(&p["code"]).to_owned()),
        ("类别", label("PowerCategory", &p["category"])),
        ("风险等级", label("RiskLevel", &p["riskLevel"])),
        ("行使主体", s(&p["holder"]["name"]).to_owned()),
        ("承办单位", s(&p["undertakingUnit"]).to_owned()),
        ("公开时限", label("DisclosureTiming", &p["timing"])),
        ("监督电话", s(&p["supervisionPhone"]).to_owned()),
    ]);
    for (heading, field) in [
        ("职责", "duties"),
        ("法规依据", "legalBasis"),
        ("责任追究", "accountability"),
    ] {
        let text = s(&p[field]);
        if !text.is_empty() {
            let _ = write!(body, "<h2>{heading}</h2>{}", paragraphs(text));
        }
    }
    let procedure = &p["procedure"];
    if procedure.is_object() {
        let name = s(&procedure["name"]);
        let _ = write!(
            body,
            "<h2>运行流程图</h2><figure class=\"flowchart\"><img src=\"/procedures/{}.svg\" \
             alt=\"{}的流程图\"><figcaption>{}</figcaption></figure>",
            h(s(&procedure["id"])),
            h(name),
            h(name)
        );
    }
    let exercises = nodes(&data["exercises"])
        .map(|e| {
            format!(
                "{} <span class=\"tag\">{}</span> <span>{}</span>",
                link(&e["id"], s(&e["title"])),
                h(&label("ExecutionStatus", &e["progress"])),
                h(&day(&e["startedAt"]))
            )
        })
        .collect();
    let _ = write!(
        body,
        "<h2>运行实例</h2>{}{}",
        list(exercises, "暂无公开的运行实例。"),
        dates(p)
    );
    (s(&p["name"]).to_owned(), "/powers", body)
}

fn decision_rows(decisions: &Value) -> String {
    let mut out = String::new();
    for d in decisions.as_array().into_iter().flatten() {
        let votes = match (d["votesFor"].as_i64(), d["votesAgainst"].as_i64()) {
            (Some(f), Some(a)) => format!(
                "赞成 {f}，反对 {a}，弃权 {}",
                d["votesAbstain"].as_i64().unwrap_or_default()
            ),
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<li>{} <span class=\"tag\">{}</span> <span class=\"tag\">执行：{}</span> <span>{}</span></li>",
            link(&d["id"], s(&d["title"])),
            h(&label("DecisionResult", &d["result"])),
            h(&label("ExecutionStatus", &d["executionStatus"])),
            h(&votes)
        );
    }
    if out.is_empty() {
        "<p class=\"none\">没有公开的决策。</p>".to_owned()
    } else {
        format!("<ul class=\"records\">{out}</ul>")
    }
}

fn meeting_page(data: &Value) -> (String, &'static str, String) {
    let m = &data["meeting"];
    let mut body = facts(&[
        ("会议类型", label("MeetingKind", &m["kind"])),
        ("时间", day(&m["startsAt"])),
        ("地点", s(&m["place"]).to_owned()),
        ("状态", label("MeetingStatus", &m["status"])),
        ("召集机构", s(&m["body"]["name"]).to_owned()),
    ]);
    body.push_str(&paragraphs(s(&m["summary"])));
    body.push_str("<h2>议程</h2><ol class=\"agenda\">");
    for item in m["agenda"].as_array().into_iter().flatten() {
        let _ = write!(
            body,
            "<li><strong>{}</strong>{}</li>",
            h(s(&item["title"])),
            paragraphs(s(&item["summary"]))
        );
    }
    body.push_str("</ol><h2>出席情况</h2><table class=\"attendance\"><thead><tr>\
         <th scope=\"col\">姓名</th><th scope=\"col\">身份</th><th scope=\"col\">出席</th></tr></thead><tbody>");
    for a in m["attendance"].as_array().into_iter().flatten() {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(s(&a["person"]["name"])),
            h(&label("AttendanceRole", &a["role"])),
            if a["present"] == Value::Bool(true) {
                "出席"
            } else {
                "缺席"
            }
        );
    }
    let _ = write!(
        body,
        "</tbody></table><h2>决策及执行</h2>{}{}",
        decision_rows(&m["decisions"]),
        dates(m)
    );
    (s(&m["label"]).to_owned(), "/meetings", body)
}

fn milestones(rows: &Value) -> String {
    let mut out = String::new();
    for row in rows.as_array().into_iter().flatten() {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(s(&row["title"])),
            h(s(&row["dueOn"])),
            h(s(&row["doneOn"])),
            h(&label("ExecutionStatus", &row["status"]))
        );
    }
    if out.is_empty() {
        return String::new();
    }
    format!(
        "<h2>执行进度</h2><table><thead><tr><th scope=\"col\">事项</th><th scope=\"col\">期限</th>\
         <th scope=\"col\">完成日期</th><th scope=\"col\">状态</th></tr></thead><tbody>{out}</tbody></table>"
    )
}

fn decision_page(data: &Value) -> (String, &'static str, String) {
    let d = &data["node"];
    let mut body = facts(&[
        ("类型", label("DecisionKind", &d["kind"])),
        ("结果", label("DecisionResult", &d["result"])),
        ("执行情况", label("ExecutionStatus", &d["executionStatus"])),
    ]);
    if d["meeting"].is_object() {
        let _ = write!(
            body,
            "<p>会议：{}</p>",
            link(&d["meeting"]["id"], s(&d["meeting"]["label"]))
        );
    }
    body.push_str(&paragraphs(s(&d["text"])));
    body.push_str(&milestones(&d["milestones"]));
    body.push_str(&dates(d));
    (s(&d["title"]).to_owned(), "/meetings", body)
}

fn bulletin_page(data: &Value) -> (String, &'static str, String) {
    let b = &data["bulletin"];
    let body = format!(
        "{}<p class=\"crawl\">{}</p>{}{}",
        facts(&[("栏目", label("BulletinCategory", &b["category"]))]),
        h(s(&b["crawl"])),
        paragraphs(s(&b["body"])),
        dates(b)
    );
    (s(&b["title"]).to_owned(), "/bulletins", body)
}

fn appointment_page(data: &Value) -> (String, &'static str, String) {
    let a = &data["appointment"];
    let mut body = facts(&[
        ("阶段", label("AppointmentStage", &a["stage"])),
        ("结果", label("AppointmentOutcome", &a["outcome"])),
        ("单位", s(&a["organization"]["name"]).to_owned()),
        ("人选", s(&a["candidateName"]).to_owned()),
        ("性别", s(&a["candidateGender"]).to_owned()),
        ("民族", s(&a["candidateEthnicity"]).to_owned()),
        ("出生年月", s(&a["candidateBirthMonth"]).to_owned()),
        ("学历", s(&a["candidateEducation"]).to_owned()),
        ("现任职务", s(&a["currentPost"]).to_owned()),
        ("拟任职务", s(&a["proposedPost"]).to_owned()),
        (
            "公示期",
            match (a["noticeStart"].as_str(), a["noticeEnd"].as_str()) {
                (Some(from), Some(to)) => format!("{from} 至 {to}"),
                _ => String::new(),
            },
        ),
        ("反映渠道", s(&a["complaintChannels"]).to_owned()),
        ("决定日期", s(&a["decidedOn"]).to_owned()),
    ]);
    let requirements = s(&a["requirements"]);
    if !requirements.is_empty() {
        let _ = write!(body, "<h2>任职条件</h2>{}", paragraphs(requirements));
    }
    body.push_str(&dates(a));
    (s(&a["vacancyTitle"]).to_owned(), "/appointments", body)
}

/// The page of a record of another kind: its title and summary as its feed entry has them.
async fn other_record(state: &AppState, visit: &Visit, kind: &str, ids: Value) -> Response {
    use sea_orm::Iterable as _;
    let Some(record_kind) =
        entity::enums::RecordKind::iter().find(|k| crate::store::name_of(*k) == kind)
    else {
        return not_found();
    };
    let feed = crate::graphql::kinds::feed(record_kind);
    let query = format!(
        "query Record($id: ID!) {{ node(id: $id) {{ ... on {kind} {{ {} publishedAt updatedAt }} }} }}",
        feed.selection
    );
    let data = match public(state, visit, &query, ids).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let node = &data["node"];
    let title = node["title"].as_str().unwrap_or(feed.untitled);
    let body = format!(
        "{}{}{}",
        facts(&[("类别", feed.title.to_owned())]),
        paragraphs(s(&node["summary"])),
        dates(node)
    );
    html(state, &visit.headers, page::frame(title, "", &body))
}

/// `/tv`: the bulletin ticker for the TV column, full screen at 1920×1080. The latest crawls
/// are on the page; `tv.js` adds each bulletin the moment it is published.
pub async fn tv(State(state): State<AppState>, visit: Visit) -> Response {
    let data = match public(&state, &visit, BULLETINS, json!({ "after": null })).await {
        Ok(data) => data,
        Err(answer) => return *answer,
    };
    let items: String = nodes(&data["bulletins"])
        .take(10)
        .map(|b| {
            format!(
                "<li data-id=\"{}\"><strong>{}</strong> {}</li>",
                h(s(&b["id"])),
                h(s(&b["title"])),
                h(s(&b["crawl"]))
            )
        })
        .collect();
    let body = format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=1920, initial-scale=1\">\n\
         <title>党务公开 · 电视字幕</title>\n<link rel=\"stylesheet\" href=\"/assets/portal.css\">\n\
         <link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\n\
         <script src=\"/assets/tv.js\" defer></script>\n</head>\n<body class=\"tv\">\n\
         <main id=\"main\">\n<h1>党务公开</h1>\n<p class=\"clock\" id=\"clock\" aria-live=\"off\"></p>\n\
         <section class=\"latest\" aria-labelledby=\"tv-latest\"><h2 id=\"tv-latest\">最新发布</h2>\
         <p id=\"now\" class=\"now\" aria-live=\"polite\"></p></section>\n\
         <section class=\"crawl\" aria-label=\"滚动字幕\"><ul id=\"ticker\">{items}</ul></section>\n\
         </main>\n</body>\n</html>\n"
    );
    html(&state, &visit.headers, body)
}
