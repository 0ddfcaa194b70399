//! What an export selects of a type, read from the schema's own description, and how a record
//! becomes a line of JSON or a row of CSV.
//!
//! The rules, applied to every field of the record's type that takes no required argument:
//! - a scalar or enum (or a list of them) is a column;
//! - another record (a type implementing `Node`) is a column holding its global id, `null`
//!   where the caller may not see it, exactly as the API would return `null`;
//! - a list of other records (a reverse relation) is left out: those records' own export names
//!   this one;
//! - any other object or list of objects (a meeting's attendance, a procedure's steps, the
//!   redactions) is nested, its fields chosen by the same rules;
//! - `versions` is left out: the history of corrections is the API's to serve.

use std::{borrow::Cow, collections::HashMap};

use anyhow::{Context as _, bail};
use async_graphql::{Name, Value};
use serde_json::Value as Json;

use crate::graphql::SunlightSchema;

/// Fields never exported: the correction history of each record.
const LEFT_OUT: &[&str] = &["versions"];

/// How deep parts nest (a procedure's steps, and each step's risk points, go two deep).
const MAX_NESTING: usize = 4;

/// How a column's value is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// As the API gives it: a scalar, an enum, or a list of them.
    Value,
    /// Another record: its global id.
    Reference,
    /// Parts of the record: objects (or a list of them) with columns of their own.
    Nested(Vec<Column>),
}

/// A column of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The GraphQL field name.
    pub name: String,
    /// How its value is written.
    pub shape: Shape,
}

const INTROSPECTION: &str = "{ __schema { queryType { name } types { name kind
    interfaces { name }
    fields { name args { type { kind } }
      type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

/// The types of the schema, as introspection describes them.
pub struct Types {
    by_name: HashMap<String, Json>,
}

/// A field's type, unwrapped: whether it is a list, and the named type and its kind.
struct FieldType {
    list: bool,
    kind: String,
    name: String,
}

fn field_type(mut ty: &Json) -> FieldType {
    let mut list = false;
    while ty["name"].is_null() && !ty["ofType"].is_null() {
        list |= ty["kind"] == "LIST";
        ty = &ty["ofType"];
    }
    FieldType {
        list,
        kind: ty["kind"].as_str().unwrap_or_default().to_owned(),
        name: ty["name"].as_str().unwrap_or_default().to_owned(),
    }
}

impl Types {
    /// Reads the types of `schema` through introspection, which needs no data.
    pub async fn read(schema: &SunlightSchema) -> anyhow::Result<Self> {
        let response = schema.execute(INTROSPECTION).await;
        if !response.errors.is_empty() {
            bail!("cannot introspect the schema: {:?}", response.errors);
        }
        let data = response.data.into_json()?;
        let by_name = data["__schema"]["types"]
            .as_array()
            .context("introspection lists no types")?
            .iter()
            .filter_map(|t| Some((t["name"].as_str()?.to_owned(), t.clone())))
            .collect();
        Ok(Self { by_name })
    }

    fn fields(&self, type_name: &str) -> anyhow::Result<&[Json]> {
        self.by_name
            .get(type_name)
            .and_then(|t| t["fields"].as_array())
            .map(Vec::as_slice)
            .with_context(|| format!("the schema has no object type {type_name}"))
    }

    /// Whether `type_name` is a record: `Node` or a type implementing it.
    fn is_record(&self, type_name: &str) -> bool {
        // A jurisdiction is named by its id, as a record is.
        type_name == "Node"
            || type_name == "Jurisdiction"
            || self.by_name.get(type_name).is_some_and(|t| {
                t["interfaces"]
                    .as_array()
                    .is_some_and(|i| i.iter().any(|i| i["name"] == "Node"))
            })
    }

    /// Checks that the root field `field` lists records of `type_name` as a connection.
    pub fn check_list(&self, field: &str, type_name: &str) -> anyhow::Result<()> {
        let found = self
            .fields("Query")?
            .iter()
            .find(|f| f["name"] == field)
            .map(|f| field_type(&f["type"]).name);
        match found {
            Some(name) if name == format!("{type_name}Connection") => Ok(()),
            _ => bail!("the schema has no list `{field}` of {type_name} for its export"),
        }
    }

    /// The columns of `type_name`.
    pub fn columns(&self, type_name: &str) -> anyhow::Result<Vec<Column>> {
        self.columns_at(type_name, 0)
    }

    fn columns_at(&self, type_name: &str, depth: usize) -> anyhow::Result<Vec<Column>> {
        let mut columns = Vec::new();
        for field in self.fields(type_name)? {
            let name = field["name"].as_str().unwrap_or_default();
            let required_args = field["args"]
                .as_array()
                .is_some_and(|args| args.iter().any(|a| a["type"]["kind"] == "NON_NULL"));
            if required_args || LEFT_OUT.contains(&name) {
                continue;
            }
            let ty = field_type(&field["type"]);
            let shape = match ty.kind.as_str() {
                "SCALAR" | "ENUM" => Shape::Value,
                "OBJECT" | "INTERFACE" if self.is_record(&ty.name) => {
                    if ty.list {
                        continue;
                    }
                    Shape::Reference
                }
                "OBJECT" if depth < MAX_NESTING => {
                    Shape::Nested(self.columns_at(&ty.name, depth + 1)?)
                }
                _ => continue,
            };
            columns.push(Column {
                name: name.to_owned(),
                shape,
            });
        }
        Ok(columns)
    }
}

/// The GraphQL selection of `columns`.
pub fn selection(columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| match &c.shape {
            Shape::Value => c.name.clone(),
            Shape::Reference => format!("{} {{ id }}", c.name),
            Shape::Nested(inner) => format!("{} {{ {} }}", c.name, selection(inner)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rewrites `value`, as the API returned it for `columns`, into the exported form: the fields
/// in the order of the columns (the engine fills them in the order they resolve), each
/// referenced record as its id.
pub fn arrange(value: Value, columns: &[Column]) -> Value {
    match value {
        Value::List(items) => Value::List(items.into_iter().map(|i| arrange(i, columns)).collect()),
        Value::Object(mut fields) => Value::Object(
            columns
                .iter()
                .map(|column| {
                    let field = fields
                        .swap_remove(column.name.as_str())
                        .unwrap_or(Value::Null);
                    let field = match (&column.shape, field) {
                        (Shape::Value, field) => field,
                        (Shape::Reference, Value::Object(mut record)) => {
                            record.swap_remove("id").unwrap_or(Value::Null)
                        }
                        (Shape::Reference, _) => Value::Null,
                        (Shape::Nested(inner), field) => arrange(field, inner),
                    };
                    (Name::new(&column.name), field)
                })
                .collect(),
        ),
        other => other,
    }
}

/// The text of one CSV cell: strings as they are, numbers and booleans as in JSON, an empty
/// cell for `null`, and JSON text for lists and objects.
fn cell(value: &Value) -> Cow<'_, str> {
    match value {
        Value::Null => Cow::Borrowed(""),
        Value::String(s) => Cow::Borrowed(s),
        Value::Enum(name) => Cow::Borrowed(name.as_str()),
        Value::Number(n) => Cow::Owned(n.to_string()),
        Value::Boolean(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        other => Cow::Owned(serde_json::to_string(other).unwrap_or_default()),
    }
}

/// One CSV row (RFC 4180): cells joined by commas, a cell quoted when it holds a comma, a
/// quote, a carriage return or a line feed (quotes doubled inside), the row ended by CRLF.
pub fn csv_row<'a>(cells: impl Iterator<Item = Cow<'a, str>>, out: &mut Vec<u8>) {
    for (i, text) in cells.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if text.contains([',', '"', '\r', '\n']) {
            out.push(b'"');
            out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(text.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// One exported record as a CSV row, its columns in the order of the record's fields.
pub fn csv_record(record: &Value, out: &mut Vec<u8>) {
    match record {
        Value::Object(fields) => csv_row(fields.values().map(cell), out),
        other => csv_row(std::iter::once(cell(other)), out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> String {
        let mut out = Vec::new();
        csv_row(cells.iter().map(|c| Cow::Borrowed(*c)), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(row(&["a", "b c", "门源"]), "a,b c,门源\r\n");
        assert_eq!(
            row(&["a,b", "say \"hi\"", "two\nlines", "cr\r"]),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n"
        );
        assert_eq!(row(&["", ""]), ",\r\n");
    }

    #[tokio::test]
    async fn every_kind_selects_its_fields_and_references_as_ids() -> anyhow::Result<()> {
        let types = Types::read(&crate::graphql::build(None)).await?;
        let power = types.columns("Power")?;
        let shape = |columns: &[Column], name: &str| {
            columns
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.shape.clone())
        };
        assert_eq!(shape(&power, "id"), Some(Shape::Value));
        assert_eq!(shape(&power, "holder"), Some(Shape::Reference));
        assert_eq!(shape(&power, "carriers"), Some(Shape::Value));
        assert_eq!(shape(&power, "versions"), None);
        let meeting = types.columns("Meeting")?;
        // A meeting's decisions are exported as decisions, each naming its meeting.
        assert_eq!(shape(&meeting, "decisions"), None);
        let Some(Shape::Nested(attendance)) = shape(&meeting, "attendance") else {
            anyhow::bail!("attendance is not nested: {meeting:?}");
        };
        assert_eq!(shape(&attendance, "person"), Some(Shape::Reference));
        assert_eq!(shape(&attendance, "absenceReason"), Some(Shape::Value));
        assert!(selection(&meeting).contains("attendance { person { id } role present"));
        let organization = types.columns("Organization")?;
        assert_eq!(shape(&organization, "parent"), Some(Shape::Reference));
        assert_eq!(shape(&organization, "children"), None);
        for record in <entity::enums::RecordKind as sea_orm::Iterable>::iter() {
            let type_name = crate::store::name_of(record);
            types.check_list(super::super::list_field(record), type_name)?;
            assert!(!types.columns(type_name)?.is_empty());
        }
        Ok(())
    }

    #[test]
    fn references_become_ids() {
        let columns = vec![
            Column {
                name: "id".into(),
                shape: Shape::Value,
            },
            Column {
                name: "holder".into(),
                shape: Shape::Reference,
            },
            Column {
                name: "attendance".into(),
                shape: Shape::Nested(vec![Column {
                    name: "person".into(),
                    shape: Shape::Reference,
                }]),
            },
        ];
        let json = serde_json::json!({
            "holder": { "id": "O1" }, "id": "P1",
            "attendance": [{ "person": { "id": "X" } }, { "person": null }]
        });
        let value = arrange(Value::from_json(json).unwrap_or(Value::Null), &columns);
        assert_eq!(
            value.clone().into_json().unwrap_or_default(),
            serde_json::json!({ "id": "P1", "holder": "O1",
                "attendance": [{ "person": "X" }, { "person": null }] })
        );
        let Value::Object(fields) = value else {
            panic!("not an object")
        };
        let names: Vec<&str> = fields.keys().map(|k| k.as_str()).collect();
        assert_eq!(names, ["id", "holder", "attendance"]);
    }
}
