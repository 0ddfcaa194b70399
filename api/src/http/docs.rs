//! `GET /api/docs`: the API's documentation as one HTML page, written from the schema itself
//! (the same introspection every GraphQL tool reads), so it always matches the running
//! version: every root field with its arguments and an example query, every type, field,
//! argument and enum value with its description, and each enum value's Chinese label.
//! `GET /schema.graphql` serves the schema as SDL.

use std::{collections::BTreeMap, fmt::Write as _, sync::OnceLock};

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::Value;

use super::AppState;
use crate::xml::escape as h;

const INTROSPECTION: &str = "{ __schema {
  queryType { name } mutationType { name } subscriptionType { name }
  types { kind name description
    fields { name description isDeprecated args { name description type { ...T } defaultValue }
      type { ...T } }
    inputFields { name description type { ...T } defaultValue }
    enumValues { name description }
    possibleTypes { name } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name } } } } }";

/// `GET /api/docs`.
pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    static PAGE: OnceLock<String> = OnceLock::new();
    let body = match PAGE.get() {
        Some(body) => body,
        None => {
            let response = state.schema.execute(INTROSPECTION).await;
            let json = match response.data.into_json() {
                Ok(json) if response.errors.is_empty() => json,
                _ => {
                    tracing::error!(errors = ?response.errors, "cannot introspect the schema");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            };
            PAGE.get_or_init(|| render(&json["__schema"]))
        }
    };
    answer(&headers, "text/html; charset=utf-8", body.as_bytes())
}

/// `GET /schema.graphql`.
pub async fn sdl(headers: HeaderMap) -> Response {
    static SDL: OnceLock<String> = OnceLock::new();
    let sdl = SDL.get_or_init(crate::graphql::sdl);
    answer(&headers, "text/plain; charset=utf-8", sdl.as_bytes())
}

fn answer(headers: &HeaderMap, media: &'static str, body: &'static [u8]) -> Response {
    super::validators::shared(headers, media, body, None, "public, max-age=3600")
}

/// A type reference as SDL writes it: `[Power!]!`.
fn type_ref(t: &Value) -> String {
    match t["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_ref(&t["ofType"])),
        Some("LIST") => format!("[{}]", type_ref(&t["ofType"])),
        _ => t["name"].as_str().unwrap_or_default().to_owned(),
    }
}

/// The named type under a reference.
fn named(t: &Value) -> &str {
    match t["kind"].as_str() {
        Some("NON_NULL" | "LIST") => named(&t["ofType"]),
        _ => t["name"].as_str().unwrap_or_default(),
    }
}

/// A type reference linked to its type's section.
fn type_link(t: &Value) -> String {
    let name = named(t);
    let text = h(&type_ref(t));
    format!("<a href=\"#{}\"><code>{text}</code></a>", h(name))
}

fn description(value: &Value) -> String {
    value["description"]
        .as_str()
        .map(|d| {
            d.split("\n\n")
                .map(|p| format!("<p>{}</p>", h(p)))
                .collect::<String>()
        })
        .unwrap_or_default()
}

/// An example selection of `type_name`, `depth` levels deep: its fields that need no
/// argument, scalars first, a connection through its nodes.
fn selection(types: &BTreeMap<&str, &Value>, type_name: &str, depth: usize) -> String {
    let Some(ty) = types.get(type_name) else {
        return String::new();
    };
    let fields: Vec<&Value> = ty["fields"]
        .as_array()
        .map(|f| f.iter().collect())
        .unwrap_or_default();
    if type_name.ends_with("Connection")
        && depth > 0
        && let Some(node) = fields.iter().find(|f| f["name"] == "nodes")
    {
        let inner = selection(types, named(&node["type"]), depth - 1);
        return format!("{{ totalCount nodes {inner} }}");
    }
    let free = |f: &&&Value| {
        f["args"]
            .as_array()
            .is_none_or(|a| a.iter().all(|a| a["type"]["kind"] != "NON_NULL"))
    };
    let mut picked: Vec<String> = fields
        .iter()
        .filter(free)
        .filter(|f| {
            let kind = types
                .get(named(&f["type"]))
                .and_then(|t| t["kind"].as_str())
                .unwrap_or("SCALAR");
            matches!(kind, "SCALAR" | "ENUM")
        })
        .take(4)
        .map(|f| f["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    if depth > 0
        && let Some(object) = fields.iter().filter(free).find(|f| {
            types
                .get(named(&f["type"]))
                .is_some_and(|t| t["kind"] == "OBJECT")
        })
    {
        let inner = selection(types, named(&object["type"]), depth - 1);
        if !inner.is_empty() {
            picked.push(format!(
                "{} {inner}",
                object["name"].as_str().unwrap_or_default()
            ));
        }
    }
    if picked.is_empty() {
        return String::from("{ __typename }");
    }
    format!("{{ {} }}", picked.join(" "))
}

/// An example operation of the root field `field` of `operation`.
fn example(types: &BTreeMap<&str, &Value>, operation: &str, field: &Value) -> String {
    let name = field["name"].as_str().unwrap_or_default();
    let required: Vec<&Value> = field["args"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["type"]["kind"] == "NON_NULL" && a["defaultValue"].is_null())
        .collect();
    let declared: Vec<String> = required
        .iter()
        .map(|a| {
            format!(
                "${}: {}",
                a["name"].as_str().unwrap_or_default(),
                type_ref(&a["type"])
            )
        })
        .collect();
    let passed: Vec<String> = required
        .iter()
        .map(|a| {
            let arg = a["name"].as_str().unwrap_or_default();
            format!("{arg}: ${arg}")
        })
        .collect();
    let returned = named(&field["type"]);
    let inner = match types.get(returned).and_then(|t| t["kind"].as_str()) {
        Some("OBJECT" | "INTERFACE" | "UNION") => {
            if types.get(returned).is_some_and(|t| t["kind"] == "OBJECT") {
                format!(" {}", selection(types, returned, 2))
            } else {
                " { __typename ... on Node { id } }".to_owned()
            }
        }
        _ => String::new(),
    };
    let head = if declared.is_empty() {
        operation.to_owned()
    } else {
        format!("{operation}({})", declared.join(", "))
    };
    let call = if passed.is_empty() {
        name.to_owned()
    } else {
        format!("{name}({})", passed.join(", "))
    };
    format!("{head} {{ {call}{inner} }}")
}

fn fields_table(
    types: &BTreeMap<&str, &Value>,
    fields: &[Value],
    operation: Option<&str>,
) -> String {
    let mut out = String::from(
        "<table><thead><tr><th scope=\"col\">field</th><th scope=\"col\">type</th>\
         <th scope=\"col\">description</th></tr></thead><tbody>",
    );
    for field in fields {
        let name = field["name"].as_str().unwrap_or_default();
        let mut args = String::new();
        for arg in field["args"].as_array().into_iter().flatten() {
            let default = arg["defaultValue"]
                .as_str()
                .map(|d| format!(" = {}", h(d)))
                .unwrap_or_default();
            let _ = write!(
                args,
                "<li><code>{}</code>: {}{default}{}</li>",
                h(arg["name"].as_str().unwrap_or_default()),
                type_link(&arg["type"]),
                arg["description"]
                    .as_str()
                    .map(|d| format!(" — {}", h(d)))
                    .unwrap_or_default()
            );
        }
        let args = if args.is_empty() {
            String::new()
        } else {
            format!("<ul class=\"args\">{args}</ul>")
        };
        let example = operation
            .map(|op| format!("<pre><code>{}</code></pre>", h(&example(types, op, field))))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr id=\"{}-{}\"><td><code>{}</code></td><td>{}</td><td>{}{args}{example}</td></tr>",
            h(operation.unwrap_or("field")),
            h(name),
            h(name),
            type_link(&field["type"]),
            description(field)
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn render(schema: &Value) -> String {
    let all: Vec<&Value> = schema["types"]
        .as_array()
        .map(|t| t.iter().collect())
        .unwrap_or_default();
    let types: BTreeMap<&str, &Value> = all
        .iter()
        .filter_map(|t| Some((t["name"].as_str()?, *t)))
        .filter(|(name, _)| !name.starts_with("__"))
        .collect();
    let roots = [
        ("query", schema["queryType"]["name"].as_str()),
        ("mutation", schema["mutationType"]["name"].as_str()),
        ("subscription", schema["subscriptionType"]["name"].as_str()),
    ];
    let mut body = String::new();
    let mut contents = String::new();
    for (operation, root) in roots {
        let Some(root) = root else { continue };
        let Some(ty) = types.get(root) else { continue };
        let fields = ty["fields"].as_array().cloned().unwrap_or_default();
        let _ = write!(
            contents,
            "<li><a href=\"#{root}\">{root}</a> ({} fields)</li>",
            fields.len()
        );
        let _ = write!(
            body,
            "<section id=\"{root}\"><h2>{root}</h2>{}{}</section>",
            description(ty),
            fields_table(&types, &fields, Some(operation))
        );
    }
    for (heading, kind) in [
        ("Objects", "OBJECT"),
        ("Interfaces", "INTERFACE"),
        ("Input objects", "INPUT_OBJECT"),
        ("Enums", "ENUM"),
        ("Scalars", "SCALAR"),
    ] {
        let of_kind: Vec<&&Value> = types
            .values()
            .filter(|t| t["kind"] == kind)
            .filter(|t| !roots.iter().any(|(_, r)| *r == t["name"].as_str()))
            .collect();
        let _ = write!(
            contents,
            "<li><a href=\"#{kind}\">{heading}</a> ({})</li>",
            of_kind.len()
        );
        let _ = write!(body, "<h2 id=\"{kind}\">{heading}</h2>");
        for ty in of_kind {
            let name = ty["name"].as_str().unwrap_or_default();
            let _ = write!(
                body,
                "<section id=\"{}\"><h3>{}</h3>{}",
                h(name),
                h(name),
                description(ty)
            );
            match kind {
                "ENUM" => {
                    body.push_str(
                        "<table><thead><tr><th scope=\"col\">value</th><th scope=\"col\">中文</th>\
                         <th scope=\"col\">description</th></tr></thead><tbody>",
                    );
                    for value in ty["enumValues"].as_array().into_iter().flatten() {
                        let v = value["name"].as_str().unwrap_or_default();
                        let label = crate::graphql::labels::label(
                            name,
                            v,
                            crate::graphql::labels::Lang::Zh,
                        )
                        .unwrap_or_default();
                        let _ = write!(
                            body,
                            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                            h(v),
                            h(&label),
                            description(value)
                        );
                    }
                    body.push_str("</tbody></table>");
                }
                "INPUT_OBJECT" => {
                    let fields = ty["inputFields"].as_array().cloned().unwrap_or_default();
                    body.push_str(&fields_table(&types, &fields, None));
                }
                "INTERFACE" => {
                    let fields = ty["fields"].as_array().cloned().unwrap_or_default();
                    body.push_str(&fields_table(&types, &fields, None));
                    let possible: Vec<String> = ty["possibleTypes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|p| p["name"].as_str())
                        .map(|p| format!("<a href=\"#{}\">{}</a>", h(p), h(p)))
                        .collect();
                    let _ = write!(body, "<p>Implemented by {}.</p>", possible.join(", "));
                }
                "OBJECT" => {
                    let fields = ty["fields"].as_array().cloned().unwrap_or_default();
                    body.push_str(&fields_table(&types, &fields, None));
                }
                _ => {}
            }
            body.push_str("</section>");
        }
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Sunlight API · 接口文档</title>\n<link rel=\"stylesheet\" href=\"/assets/portal.css\">\n\
         </head>\n<body>\n<main id=\"main\" class=\"docs\">\n<h1>Sunlight API · 接口文档</h1>\n\
         <p>One endpoint, <code>POST /graphql</code> (or <code>GET</code> for queries), and \
         subscriptions over WebSocket at <code>/graphql/ws</code>. Try any example in \
         <a href=\"/graphql\">GraphiQL</a>; the whole schema is at \
         <a href=\"/schema.graphql\">/schema.graphql</a>. Without a token you are the public; \
         send <code>Authorization: Bearer …</code> for a token's scope.</p>\n\
         <nav aria-label=\"Contents\"><ul>{contents}</ul></nav>\n{body}\n</main>\n</body>\n</html>\n"
    )
}
