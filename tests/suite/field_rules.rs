//! One test per field rule of DOMAIN.md, on the demo county, over HTTP.

use chrono::Utc;
use entity::enums::{PublicationStatus, Scope};
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, Set};
use serde_json::{Value, json};

/// `field` of the record `kind` with database id `id`, as seen with `token`.
async fn seen(
    app: &TestApp,
    token: Option<&str>,
    kind: &str,
    root: &str,
    id: i64,
    fields: &str,
) -> anyhow::Result<Value> {
    let query = format!(
        "query($id: ID!) {{ {root}(id: $id) {{ {fields} redactions {{ field requiredScope }} }} }}"
    );
    let (status, body) = app
        .graphql_as(token, &query, json!({ "id": app.ids().encode(kind, id) }))
        .await?;
    anyhow::ensure!(status == 200 && body.get("errors").is_none(), "{body}");
    Ok(body["data"][root].clone())
}

fn redacted(record: &Value, field: &str) -> Option<String> {
    record["redactions"]
        .as_array()?
        .iter()
        .find(|r| r["field"] == field)
        .and_then(|r| r["requiredScope"].as_str().map(str::to_owned))
}

async fn a_disciplined_persons_name_and_post_are_public_only_once_the_case_is_announced(
    backend: Backend,
) -> anyhow::Result<()> {
    use entity::disciplinary_case::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let public = Entity::find()
        .filter(Column::Scope.eq(Scope::Public))
        .filter(Column::Status.eq(PublicationStatus::Published))
        .filter(Column::PublishAt.lte(Utc::now()));
    let announced = public
        .filter(Column::Announced.eq(true))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county needs a public announced case"))?;
    // The same case before its announcement.
    let mut copy: entity::disciplinary_case::ActiveModel = announced.clone().into();
    copy.id = NotSet;
    copy.case_number = Set(format!("{}-未通报", announced.case_number));
    copy.announced = Set(false);
    copy.announced_on = Set(None);
    let silent = copy.insert(app.db()?).await?;
    let member = app.token("member", &[])?;
    let fields = "subjectName postAtTime announced";

    let a = seen(
        &app,
        None,
        "DisciplinaryCase",
        "disciplinaryCase",
        announced.id,
        fields,
    )
    .await?;
    assert_eq!(a["subjectName"], json!(announced.subject_name));
    assert_eq!(a["postAtTime"], json!(announced.post_at_time));
    assert_eq!(redacted(&a, "subjectName"), None);

    let s = seen(
        &app,
        None,
        "DisciplinaryCase",
        "disciplinaryCase",
        silent.id,
        fields,
    )
    .await?;
    assert!(
        s["subjectName"].is_null() && s["postAtTime"].is_null(),
        "{s}"
    );
    assert_eq!(redacted(&s, "subjectName").as_deref(), Some("PARTY"));
    let media = app.token("media", &[])?;
    let s = seen(
        &app,
        Some(&media),
        "DisciplinaryCase",
        "disciplinaryCase",
        silent.id,
        fields,
    )
    .await?;
    assert!(s["subjectName"].is_null(), "media saw an unannounced name");

    let s = seen(
        &app,
        Some(&member),
        "DisciplinaryCase",
        "disciplinaryCase",
        silent.id,
        fields,
    )
    .await?;
    assert_eq!(s["subjectName"], json!(silent.subject_name));
    app.stop().await?;
    Ok(())
}

async fn a_candidates_details_are_public_from_the_start_of_the_notice(
    backend: Backend,
) -> anyhow::Result<()> {
    use entity::appointment::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let today = Utc::now().date_naive();
    let rows = Entity::find()
        .filter(Column::Scope.eq(Scope::Public))
        .filter(Column::Status.eq(PublicationStatus::Published))
        .filter(Column::CandidateName.is_not_null())
        .all(app.db()?)
        .await?;
    let in_notice = rows
        .iter()
        .find(|a| a.notice_start.is_some_and(|d| d <= today))
        .ok_or_else(|| anyhow::anyhow!("the demo county needs a public appointment in notice"))?;
    // The same appointment while the candidate is still being inspected.
    let mut copy: entity::appointment::ActiveModel = in_notice.clone().into();
    copy.id = NotSet;
    copy.notice_start = Set(None);
    copy.notice_end = Set(None);
    let before = &copy.insert(app.db()?).await?;
    let fields = "candidateName candidateGender candidateEthnicity candidateBirthMonth candidateEducation candidatePartyJoined candidateWorkStarted currentPost";
    let open = seen(
        &app,
        None,
        "Appointment",
        "appointment",
        in_notice.id,
        fields,
    )
    .await?;
    assert_eq!(open["candidateName"], json!(in_notice.candidate_name));
    assert_eq!(
        open["candidateBirthMonth"],
        json!(in_notice.candidate_birth_month)
    );
    assert_eq!(redacted(&open, "candidateName"), None);

    let closed = seen(&app, None, "Appointment", "appointment", before.id, fields).await?;
    for field in [
        "candidateName",
        "candidateGender",
        "candidateBirthMonth",
        "candidateEducation",
        "currentPost",
    ] {
        assert!(
            closed[field].is_null(),
            "{field} before the notice: {closed}"
        );
        assert_eq!(
            redacted(&closed, field).as_deref(),
            Some("RESTRICTED"),
            "{field}"
        );
    }
    // Party members are not the audience of an inspection: still hidden before the notice.
    let member = app.token("member", &[])?;
    let closed = seen(
        &app,
        Some(&member),
        "Appointment",
        "appointment",
        before.id,
        fields,
    )
    .await?;
    assert!(closed["candidateName"].is_null());
    app.stop().await?;
    Ok(())
}

async fn minutes_vote_counts_and_absence_reasons_are_party_internal(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let query = "{ meetings(first: 100) { edges { node { minutes redactions { field requiredScope }
        attendance { present absenceReason redactions { field requiredScope } }
        decisions { votesFor votesAgainst votesAbstain redactions { field requiredScope } } } } } }";
    let public = app.data(query, json!({})).await?;
    let member = app.token("member", &[])?;
    let (_, party) = app.graphql_as(Some(&member), query, json!({})).await?;
    let nodes = |v: &Value| -> Vec<Value> {
        v["meetings"]["edges"]
            .as_array()
            .map(|e| e.iter().map(|x| x["node"].clone()).collect())
            .unwrap_or_default()
    };
    let (public, party) = (nodes(&public), nodes(&party["data"]));
    assert!(!public.is_empty());
    let text = serde_json::to_string(&public)?;
    assert!(
        !text.contains("\"minutes\":\""),
        "minutes reached the public"
    );
    assert!(
        !text.contains("\"absenceReason\":\""),
        "an absence reason reached the public"
    );
    assert!(
        !text.contains("\"votesFor\":1") && !text.contains("\"votesFor\":2"),
        "votes reached the public"
    );
    assert_eq!(redacted(&public[0], "minutes").as_deref(), Some("PARTY"));

    let text = serde_json::to_string(&party)?;
    assert!(text.contains("\"minutes\":\""), "a member sees no minutes");
    assert!(
        text.contains("\"absenceReason\":\""),
        "a member sees no absence reason"
    );
    assert!(
        party
            .iter()
            .flat_map(|m| m["decisions"].as_array().cloned().unwrap_or_default())
            .any(|d| d["votesFor"].is_number())
    );
    app.stop().await?;
    Ok(())
}

async fn inspection_material_and_objections_are_restricted(backend: Backend) -> anyhow::Result<()> {
    use entity::appointment::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let row = Entity::find()
        .filter(Column::Scope.eq(Scope::Public))
        .filter(Column::Status.eq(PublicationStatus::Published))
        .filter(Column::InspectionReport.is_not_null())
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public appointment with an inspection report"))?;
    let fields = "inspectionReport objections";
    for token in [
        None,
        Some(app.token("member", &[])?),
        Some(app.token("media", &[])?),
    ] {
        let a = seen(
            &app,
            token.as_deref(),
            "Appointment",
            "appointment",
            row.id,
            fields,
        )
        .await?;
        assert!(
            a["inspectionReport"].is_null() && a["objections"].is_null(),
            "{a}"
        );
        assert_eq!(
            redacted(&a, "inspectionReport").as_deref(),
            Some("RESTRICTED")
        );
    }
    let supervisor = app.token("supervisor", &[])?;
    let a = seen(
        &app,
        Some(&supervisor),
        "Appointment",
        "appointment",
        row.id,
        fields,
    )
    .await?;
    assert_eq!(a["inspectionReport"], json!(row.inspection_report));
    app.stop().await?;
    Ok(())
}

async fn contact_data_is_restricted_except_the_leaders_published_phones(
    backend: Backend,
) -> anyhow::Result<()> {
    use entity::person::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let visible = Entity::find()
        .filter(Column::Scope.eq(Scope::Public))
        .filter(Column::Status.eq(PublicationStatus::Published));
    let leader = visible
        .clone()
        .filter(Column::PhonePublic.eq(true))
        .filter(Column::Phone.is_not_null())
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no leader with a published phone"))?;
    let other = visible
        .filter(Column::PhonePublic.eq(false))
        .filter(Column::Phone.is_not_null())
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no person with a private phone"))?;
    let fields = "phone email office";
    let l = seen(&app, None, "Person", "person", leader.id, fields).await?;
    assert_eq!(l["phone"], json!(leader.phone));
    assert!(l["email"].is_null() && l["office"].is_null());
    let o = seen(&app, None, "Person", "person", other.id, fields).await?;
    assert!(o["phone"].is_null(), "{o}");
    assert_eq!(redacted(&o, "phone").as_deref(), Some("RESTRICTED"));
    let member = app.token("member", &[])?;
    let o = seen(&app, Some(&member), "Person", "person", other.id, fields).await?;
    assert!(o["phone"].is_null(), "a member saw a private phone");
    let admin = app.token("admin", &[])?;
    let o = seen(&app, Some(&admin), "Person", "person", other.id, fields).await?;
    assert_eq!(o["phone"], json!(other.phone));
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    a_disciplined_persons_name_and_post_are_public_only_once_the_case_is_announced,
    a_candidates_details_are_public_from_the_start_of_the_notice,
    minutes_vote_counts_and_absence_reasons_are_party_internal,
    inspection_material_and_objections_are_restricted,
    contact_data_is_restricted_except_the_leaders_published_phones,
);
