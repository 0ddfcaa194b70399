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
use async_graphql::Value;
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

/// Writes `value`, as the API returned it for `columns`, as JSON: an object's fields in the
/// order of the columns (the engine fills them in the order they resolve), a field the answer
/// lacks as `null`, each referenced record as its id, and a list item by item. It is written
/// straight from the engine's answer, with no copy of the record in between.
pub fn write_json(value: &Value, columns: &[Column], out: &mut Vec<u8>) {
    match value {
        Value::List(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json(item, columns, out);
            }
            out.push(b']');
        }
        Value::Object(fields) => {
            out.push(b'{');
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_key(&column.name, out);
                out.push(b':');
                write_shaped(fields.get(column.name.as_str()), &column.shape, out);
            }
            out.push(b'}');
        }
        other => write_value(other, out),
    }
}

/// A column's value as JSON, by its shape.
fn write_shaped(value: Option<&Value>, shape: &Shape, out: &mut Vec<u8>) {
    match (shape, value) {
        (_, None) => out.extend_from_slice(b"null"),
        (Shape::Value, Some(value)) => write_value(value, out),
        (Shape::Reference, Some(Value::Object(record))) => {
            write_shaped(record.get("id"), &Shape::Value, out);
        }
        (Shape::Reference, Some(_)) => out.extend_from_slice(b"null"),
        (Shape::Nested(inner), Some(value)) => write_json(value, inner, out),
    }
}

/// A value as the API gives it, as JSON.
fn write_value(value: &Value, out: &mut Vec<u8>) {
    // A value made of JSON parts always serializes.
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.extend_from_slice(b"null");
    }
}

/// An object key as JSON.
fn write_key(key: &str, out: &mut Vec<u8>) {
    if serde_json::to_writer(&mut *out, key).is_err() {
        out.extend_from_slice(b"\"\"");
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

/// The CSV cell of a column, by its shape: a referenced record's id, parts as JSON text.
fn shaped_cell<'a>(value: Option<&'a Value>, shape: &Shape) -> Cow<'a, str> {
    match (shape, value) {
        (_, None) => Cow::Borrowed(""),
        (Shape::Value, Some(value)) => cell(value),
        (Shape::Reference, Some(Value::Object(record))) => {
            record.get("id").map_or(Cow::Borrowed(""), cell)
        }
        (Shape::Reference, Some(_)) => Cow::Borrowed(""),
        (Shape::Nested(inner), Some(value @ (Value::List(_) | Value::Object(_)))) => {
            let mut json = Vec::new();
            write_json(value, inner, &mut json);
            Cow::Owned(String::from_utf8(json).unwrap_or_default())
        }
        (Shape::Nested(_), Some(value)) => cell(value),
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

/// One record, as the API returned it for `columns`, as a CSV row: a cell per column, in
/// their order.
pub fn csv_record(record: &Value, columns: &[Column], out: &mut Vec<u8>) {
    match record {
        Value::Object(fields) => csv_row(
            columns
                .iter()
                .map(|c| shaped_cell(fields.get(c.name.as_str()), &c.shape)),
            out,
        ),
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
    fn records_are_written_in_column_order_with_references_as_ids() {
        let column = |name: &str, shape: Shape| Column {
            name: name.into(),
            shape,
        };
        let columns = vec![
            column("id", Shape::Value),
            column("holder", Shape::Reference),
            column("post", Shape::Reference),
            column(
                "attendance",
                Shape::Nested(vec![
                    column("person", Shape::Reference),
                    column("present", Shape::Value),
                ]),
            ),
            column("steps", Shape::Nested(vec![column("name", Shape::Value)])),
            column("carriers", Shape::Value),
            column("days", Shape::Value),
            column("note", Shape::Value),
            column("absent", Shape::Value),
        ];
        // As the engine answers: fields in the order they resolved, references as objects.
        let answer = serde_json::json!({
            "note": "say \"hi\", twice\n门源",
            "holder": { "id": "O1" }, "id": "P1", "post": null,
            "attendance": [{ "present": true, "person": { "id": "X" } },
                           { "person": null, "present": false }],
            "steps": null,
            "carriers": ["PAPER", "ONLINE"],
            "days": 15
        });
        let Ok(value) = Value::from_json(answer) else {
            panic!("not a value")
        };
        let mut json = Vec::new();
        write_json(&value, &columns, &mut json);
        assert_eq!(
            String::from_utf8_lossy(&json),
            r#"{"id":"P1","holder":"O1","post":null,"attendance":[{"person":"X","present":true},{"person":null,"present":false}],"steps":null,"carriers":["PAPER","ONLINE"],"days":15,"note":"say \"hi\", twice\n门源","absent":null}"#
        );
        let mut csv = Vec::new();
        csv_record(&value, &columns, &mut csv);
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "P1,O1,,\"[{\"\"person\"\":\"\"X\"\",\"\"present\"\":true},{\"\"person\"\":null,\"\"present\"\":false}]\",,\"[\"\"PAPER\"\",\"\"ONLINE\"\"]\",15,\"say \"\"hi\"\", twice\n门源\",\r\n"
        );
    }
}
