//! Every string a request carries, in its document or its variables, is checked once before
//! anything runs: a NUL byte, a control character or an over-long string is `BAD_USER_INPUT`
//! naming the argument, on every root field, mutation and subscription alike, so that no such
//! value reaches a resolver, a filter or the database (PostgreSQL refuses NUL in text, which
//! would otherwise surface as an internal error).

use std::collections::HashMap;

use async_graphql::{
    ErrorExtensions, Pos, Positioned, ServerResult, Variables,
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};
use async_graphql_value::{ConstValue, Value};

/// The longest string any argument may hold, in characters: the longest text field's own limit;
/// this bounds every other string (filters, search, cursors) before anything reads it.
pub const MAX_STRING_CHARS: usize = 20_000;

/// What is wrong with `text` as an input string, if anything.
pub fn fault(text: &str) -> Option<String> {
    if text.contains('\0') {
        return Some("holds a NUL character, which no text may contain".to_owned());
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Some(format!(
            "holds the control character U+{:04X}; only tab, line feed and carriage return are allowed",
            u32::from(c)
        ));
    }
    if text.chars().nth(MAX_STRING_CHARS).is_some() {
        return Some(format!("is longer than {MAX_STRING_CHARS} characters"));
    }
    None
}

/// The first bad string of `document` and `variables`, as a `BAD_USER_INPUT` error naming the
/// argument it was given for.
pub fn check(document: &ExecutableDocument, variables: &Variables) -> ServerResult<()> {
    let mut walk = Walk::default();
    for (_, operation) in document.operations.iter() {
        for definition in &operation.node.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                walk.constant(
                    &format!("${}", definition.node.name.node),
                    &default.node,
                    default.pos,
                )?;
            }
        }
        for directive in &operation.node.directives {
            walk.arguments(&directive.node.arguments, "@")?;
        }
        walk.selection_set(&operation.node.selection_set)?;
    }
    for fragment in document.fragments.values() {
        walk.selection_set(&fragment.node.selection_set)?;
    }
    for (name, value) in variables.iter() {
        let path = walk
            .used_as
            .get(name.as_str())
            .map(|(path, _)| path.clone())
            .unwrap_or_else(|| format!("${name}"));
        let pos = walk.used_as.get(name.as_str()).map(|(_, pos)| *pos);
        walk.constant(&path, value, pos.unwrap_or_default())?;
    }
    Ok(())
}

/// The walk through a document: where each variable is used, by argument path.
#[derive(Default)]
struct Walk {
    used_as: HashMap<String, (String, Pos)>,
}

impl Walk {
    fn selection_set(&mut self, set: &Positioned<SelectionSet>) -> ServerResult<()> {
        for selection in &set.node.items {
            for directive in selection.node.directives() {
                self.arguments(&directive.node.arguments, "@")?;
            }
            match &selection.node {
                Selection::Field(field) => {
                    self.arguments(&field.node.arguments, "")?;
                    self.selection_set(&field.node.selection_set)?;
                }
                Selection::InlineFragment(fragment) => {
                    self.selection_set(&fragment.node.selection_set)?;
                }
                Selection::FragmentSpread(_) => {}
            }
        }
        Ok(())
    }

    fn arguments(
        &mut self,
        arguments: &[(Positioned<async_graphql::Name>, Positioned<Value>)],
        prefix: &str,
    ) -> ServerResult<()> {
        for (name, value) in arguments {
            self.value(&format!("{prefix}{}", name.node), &value.node, value.pos)?;
        }
        Ok(())
    }

    fn value(&mut self, path: &str, value: &Value, pos: Pos) -> ServerResult<()> {
        match value {
            Value::Variable(name) => {
                self.used_as
                    .entry(name.to_string())
                    .or_insert_with(|| (path.to_owned(), pos));
            }
            Value::String(text) => refuse(path, text, pos)?,
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(&format!("{path}[{i}]"), item, pos)?;
                }
            }
            Value::Object(fields) => {
                for (name, item) in fields {
                    self.value(&format!("{path}.{name}"), item, pos)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn constant(&self, path: &str, value: &ConstValue, pos: Pos) -> ServerResult<()> {
        match value {
            ConstValue::String(text) => refuse(path, text, pos)?,
            ConstValue::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.constant(&format!("{path}[{i}]"), item, pos)?;
                }
            }
            ConstValue::Object(fields) => {
                for (name, item) in fields {
                    self.constant(&format!("{path}.{name}"), item, pos)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// `BAD_USER_INPUT` naming `path` if `text` is at fault.
fn refuse(path: &str, text: &str, pos: Pos) -> ServerResult<()> {
    match fault(text) {
        None => Ok(()),
        Some(why) => {
            let field = path.to_owned();
            Err(async_graphql::Error::new(format!("{path} {why}"))
                .extend_with(|_, ext| {
                    ext.set("code", crate::error::Code::BadUserInput.as_str());
                    ext.set("field", field.as_str());
                })
                .into_server_error(pos))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_strings_are_named_and_good_ones_pass() {
        let long = "长".repeat(MAX_STRING_CHARS + 1);
        let just = "长".repeat(MAX_STRING_CHARS);
        // (text, refused)
        let table: [(&str, bool); 12] = [
            ("门源县委", false),
            ("line one\nline two\ttabbed\r\n", false),
            ("", false),
            ("emoji 🌞 and 中文", false),
            (&just, false),
            ("a\0b", true),
            ("\0", true),
            ("bell\u{7}", true),
            ("escape\u{1b}[31m", true),
            ("delete\u{7f}", true),
            ("c1 \u{85} next line", true),
            (&long, true),
        ];
        for (text, refused) in table {
            assert_eq!(
                fault(text).is_some(),
                refused,
                "{:?}",
                text.chars().take(20).collect::<String>()
            );
        }
    }

    #[test]
    fn variables_are_named_by_the_argument_they_fill() -> Result<(), String> {
        let document = async_graphql::parser::parse_query(
            "query($q: String, $f: PowerFilter) { search(query: $q) { total } powers(filter: $f, first: 1) { totalCount } }",
        )
        .map_err(|e| e.to_string())?;
        let variables = Variables::from_json(serde_json::json!({
            "q": "fine",
            "f": { "text": ["ok", "bad\u{0}"] }
        }));
        let error = check(&document, &variables).err().ok_or("not refused")?;
        let field = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("field").cloned());
        assert_eq!(
            field,
            Some(ConstValue::String("filter.text[1]".into())),
            "{error:?}"
        );
        let literal =
            async_graphql::parser::parse_query("{ search(query: \"x\\u0000\") { total } }")
                .map_err(|e| e.to_string())?;
        let error = check(&literal, &Variables::default())
            .err()
            .ok_or("not refused")?;
        assert!(error.message.starts_with("query "), "{error:?}");
        Ok(())
    }
}
