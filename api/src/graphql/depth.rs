//! The depth limit, on the data and not on the schema's description of itself. Every GraphQL
//! tool asks for the schema with the standard introspection query, whose type references nest
//! `ofType` eight or nine levels down; counted as data, it is refused as nested too deep. Here
//! a field counts one level, except `ofType` inside `__schema` or `__type`: a type reference
//! has one `ofType` and wraps a type at most a few times, so that chain never fans out, while
//! every other nesting of introspection (`fields { type { fields … } }`) still counts.

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql_value::Name;

/// The depth of the deepest operation of `document`, fragments followed.
pub fn depth(document: &ExecutableDocument) -> usize {
    let mut walk = Walk {
        fragments: &document.fragments,
        visiting: Vec::new(),
        memo: HashMap::new(),
    };
    document
        .operations
        .iter()
        .map(|(_, op)| walk.set(&op.node.selection_set.node, false))
        .max()
        .unwrap_or(0)
}

struct Walk<'a> {
    fragments: &'a HashMap<Name, async_graphql::Positioned<FragmentDefinition>>,
    visiting: Vec<&'a str>,
    /// The depth below each fragment, inside introspection or not, measured once: a fragment
    /// spread many times over costs one walk, so no document makes this walk long.
    memo: HashMap<(&'a str, bool), usize>,
}

impl<'a> Walk<'a> {
    /// The depth below `set`; `schema` says whether it lies inside `__schema` or `__type`.
    fn set(&mut self, set: &'a SelectionSet, schema: bool) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let inside = schema || name == "__schema" || name == "__type";
                    let own = usize::from(!(schema && name == "ofType"));
                    own + self.set(&field.node.selection_set.node, inside)
                }
                Selection::InlineFragment(fragment) => {
                    self.set(&fragment.node.selection_set.node, schema)
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    if let Some(below) = self.memo.get(&(name, schema)) {
                        return *below;
                    }
                    // A cycle is invalid anyway: validation reports it.
                    if self.visiting.contains(&name) {
                        return 0;
                    }
                    let Some(fragment) = self.fragments.get(name) else {
                        return 0;
                    };
                    self.visiting.push(name);
                    let below = self.set(&fragment.node.selection_set.node, schema);
                    self.visiting.pop();
                    self.memo.insert((name, schema), below);
                    below
                }
            })
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(query: &str) -> usize {
        async_graphql::parser::parse_query(query).map_or(usize::MAX, |d| depth(&d))
    }

    #[test]
    fn introspection_type_references_do_not_count_their_of_type() {
        let reference = "fragment R on __Type { kind name ofType { kind name ofType { kind name \
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name \
            ofType { kind name ofType { kind name } } } } } } } } }";
        let query = format!(
            "query {{ __schema {{ types {{ fields {{ type {{ ...R }} args {{ type {{ ...R }} }} }} }} }} }} {reference}"
        );
        assert_eq!(measure(&query), 6);
        // Fanning out through the schema still counts every level.
        let fan = format!(
            "{{ __schema {{ types {{ {} name{} }} }} }}",
            "fields { type { ".repeat(6),
            " } }".repeat(6)
        );
        assert_eq!(measure(&fan), 15);
        // Data counts every level, `ofType` or not.
        assert_eq!(measure("{ a { b { ofType { c } } } }"), 4);
        assert_eq!(measure("{ a { ...F } } fragment F on A { b { c } }"), 3);
        assert_eq!(measure("{ a { ...F } } fragment F on A { b { ...F } }"), 2);
        // A fragment bomb (each level spreads the next twice, 40 levels: 2^40 paths) is
        // measured in one walk per fragment; without the memo this would never finish.
        let mut bomb = String::from("{ ...F0 }");
        for i in 0..40 {
            bomb.push_str(&format!(
                " fragment F{i} on Query {{ a {{ ...F{} ...F{} }} }}",
                i + 1,
                i + 1
            ));
        }
        bomb.push_str(" fragment F40 on Query { a }");
        assert_eq!(measure(&bomb), 41);
    }
}
