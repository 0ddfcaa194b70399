//! `/feedback`: the way back (群众意见反馈) on the portal. A visitor sends an opinion, a report
//! or a request for disclosure with the API's own `submitFeedback`, within the same budget of
//! submissions per address as any client, and follows it with `feedbackStatus` and the code and
//! secret the answer gave. Both go by POST, so that no secret is in a URL; no answer here is
//! kept by any cache.

use std::fmt::Write as _;

use axum::{Form, extract::State, http::StatusCode, response::Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::page::{self, facts, h, label, s};
use super::{Visit, private};
use crate::{access::Caller, http::AppState};

const SUBMIT: &str = "mutation($input: FeedbackInput!) {
  submitFeedback(input: $input) { code secret ticket { status receivedOn dueOn } } }";

const TRACK: &str = "query($code: String!, $secret: String!) {
  feedbackStatus(code: $code, secret: $secret) {
    code kind subject status receivedOn dueOn timeliness reply closedOn
    handlingUnit { name } steps { on action status unit { name } } } }";

/// What the form sends.
#[derive(Deserialize, Default)]
pub struct Submission {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    consent: Option<String>,
}

/// What the tracking form sends.
#[derive(Deserialize)]
pub struct Tracking {
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
}

/// The kinds a visitor may send from the portal.
const KINDS: &[&str] = &["OPINION", "COMPLAINT_REPORT", "DISCLOSURE_REQUEST"];

fn form(values: &Submission, problem: Option<&str>) -> String {
    let mut kinds = String::new();
    for kind in KINDS {
        let selected = if values.kind == *kind {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            kinds,
            "<option value=\"{kind}\"{selected}>{}</option>",
            h(&label("FeedbackKind", &json!(kind)))
        );
    }
    let problem = problem
        .map(|p| format!("<p class=\"problem\" role=\"alert\">{}</p>", h(p)))
        .unwrap_or_default();
    format!(
        "{problem}<form class=\"feedback\" action=\"/feedback\" method=\"post\">\
         <label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">{kinds}</select>\
         <label for=\"subject\">标题</label>\
         <input id=\"subject\" name=\"subject\" required maxlength=\"200\" value=\"{}\">\
         <label for=\"body\">内容</label>\
         <textarea id=\"body\" name=\"body\" required rows=\"6\">{}</textarea>\
         <label for=\"name\">姓名（可不填，匿名反映）</label>\
         <input id=\"name\" name=\"name\" value=\"{}\">\
         <label for=\"contact\">联系方式（电话或电子邮箱，可不填）</label>\
         <input id=\"contact\" name=\"contact\" value=\"{}\">\
         <p><input id=\"consent\" name=\"consent\" type=\"checkbox\" value=\"yes\"{}> \
         <label for=\"consent\">答复后同意公开问题和答复（不含个人信息）</label></p>\
         <button type=\"submit\">提交</button></form>",
        h(&values.subject),
        h(&values.body),
        h(&values.name),
        h(&values.contact),
        if values.consent.is_some() {
            " checked"
        } else {
            ""
        },
    )
}

fn tracking_form() -> String {
    "<form class=\"feedback\" action=\"/feedback/track\" method=\"post\">\
     <label for=\"code\">受理编号</label><input id=\"code\" name=\"code\" required>\
     <label for=\"secret\">查询密码</label><input id=\"secret\" name=\"secret\" required \
     autocomplete=\"off\"><button type=\"submit\">查询</button></form>"
        .to_owned()
}

fn feedback_page(title: &str, body: &str) -> String {
    page::frame(title, "/feedback", body)
}

/// `GET /feedback`.
pub async fn show() -> Response {
    let body = format!(
        "<p>意见建议、举报和依申请公开，可在这里提交；提交后请保存受理编号和查询密码，\
         用来查询办理情况和答复。</p><h2>提交</h2>{}<h2>查询办理情况</h2>{}",
        form(&Submission::default(), None),
        tracking_form()
    );
    private(StatusCode::OK, feedback_page("意见反馈", &body))
}

/// The error code and message of an answer, the message in Chinese.
fn refusal(answer: &async_graphql::Response) -> Option<(String, String)> {
    let error = answer.errors.first()?;
    let code = error
        .extensions
        .as_ref()
        .and_then(|e| e.get("code"))
        .map(|c| c.to_string().trim_matches('"').to_owned())
        .unwrap_or_default();
    let message = crate::messages::localize(&error.message, crate::messages::Lang::Zh).into_owned();
    Some((code, message))
}

/// `POST /feedback`: sends the submission as the public.
pub async fn submit(
    State(state): State<AppState>,
    visit: Visit,
    Form(values): Form<Submission>,
) -> Response {
    let kind = if KINDS.contains(&values.kind.as_str()) {
        values.kind.clone()
    } else {
        "OPINION".to_owned()
    };
    let optional = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    let input = json!({
        "kind": kind,
        "subject": values.subject.trim(),
        "body": values.body,
        "name": optional(&values.name),
        "contact": optional(&values.contact),
        "publishConsent": values.consent.is_some(),
    });
    let address = state.limiter.client_address(visit.peer, &visit.headers);
    let answer = crate::http::run_submission_as(
        &state,
        Caller::public(),
        SUBMIT,
        json!({ "input": input }),
        address,
    )
    .await;
    if let Some((code, message)) = refusal(&answer) {
        let status = match code.as_str() {
            "RATE_LIMITED" => StatusCode::TOO_MANY_REQUESTS,
            "BAD_USER_INPUT" => StatusCode::UNPROCESSABLE_ENTITY,
            "UNAVAILABLE" => StatusCode::SERVICE_UNAVAILABLE,
            _ => {
                tracing::error!(%code, %message, "a portal submission failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let body = form(&values, Some(&format!("未能提交：{message}")));
        return private(status, feedback_page("意见反馈", &body));
    }
    let data = answer.data.into_json().unwrap_or_default();
    let sent = &data["submitFeedback"];
    let body = format!(
        "<p role=\"status\">已收到。请保存下面的受理编号和查询密码：查询密码只显示这一次。</p>{}\
         <h2>查询办理情况</h2>{}",
        facts(&[
            ("受理编号", s(&sent["code"]).to_owned()),
            ("查询密码", s(&sent["secret"]).to_owned()),
            ("状态", label("FeedbackStatus", &sent["ticket"]["status"])),
            ("收到日期", s(&sent["ticket"]["receivedOn"]).to_owned()),
            ("答复期限", s(&sent["ticket"]["dueOn"]).to_owned()),
        ]),
        tracking_form()
    );
    private(StatusCode::OK, feedback_page("已收到", &body))
}

/// `POST /feedback/track`: where a submission stands, for whoever holds its code and secret.
pub async fn track(
    State(state): State<AppState>,
    visit: Visit,
    Form(tracking): Form<Tracking>,
) -> Response {
    let address = state.limiter.client_address(visit.peer, &visit.headers);
    if crate::http::limit(&state, &Caller::public(), address).is_err() {
        return private(
            StatusCode::TOO_MANY_REQUESTS,
            feedback_page("访问过于频繁", "<p>请稍后再试。</p>"),
        );
    }
    let answer = crate::http::run_as(
        &state,
        Caller::public(),
        TRACK,
        json!({ "code": tracking.code.trim(), "secret": tracking.secret.trim() }),
        "portal",
    )
    .await;
    let ticket = match refusal(&answer) {
        None => answer.data.into_json().unwrap_or_default()["feedbackStatus"].clone(),
        Some(_) => Value::Null,
    };
    if !ticket.is_object() {
        // A wrong secret and an unknown code are the same answer.
        let body = format!(
            "<p role=\"alert\">没有找到：请核对受理编号和查询密码。</p>{}",
            tracking_form()
        );
        return private(StatusCode::OK, feedback_page("查询办理情况", &body));
    }
    let mut steps = String::new();
    for step in ticket["steps"].as_array().into_iter().flatten() {
        let _ = write!(
            steps,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(s(&step["on"])),
            h(s(&step["action"])),
            h(&label("FeedbackStatus", &step["status"])),
            h(s(&step["unit"]["name"]))
        );
    }
    let body = format!(
        "{}<h2>办理过程</h2><table><thead><tr><th scope=\"col\">日期</th><th scope=\"col\">环节</th>\
         <th scope=\"col\">状态</th><th scope=\"col\">单位</th></tr></thead><tbody>{steps}</tbody></table>\
         {}<h2>查询另一件</h2>{}",
        facts(&[
            ("受理编号", s(&ticket["code"]).to_owned()),
            ("类型", label("FeedbackKind", &ticket["kind"])),
            ("标题", s(&ticket["subject"]).to_owned()),
            ("状态", label("FeedbackStatus", &ticket["status"])),
            ("是否按期", label("Timeliness", &ticket["timeliness"])),
            ("收到日期", s(&ticket["receivedOn"]).to_owned()),
            ("答复期限", s(&ticket["dueOn"]).to_owned()),
            ("承办单位", s(&ticket["handlingUnit"]["name"]).to_owned()),
            ("办结日期", s(&ticket["closedOn"]).to_owned()),
        ]),
        page::paragraphs(s(&ticket["reply"])),
        tracking_form()
    );
    private(StatusCode::OK, feedback_page("办理情况", &body))
}
