//! Jurisdictions in SQL: which rows lie within one. Jurisdictions are public, so these narrow
//! what a caller sees and never widen it.

use sea_orm::{
    Condition,
    sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, SimpleExpr},
};

/// The ids of the jurisdiction `id` and of those within it, down to the counties of a
/// province (two levels below), as a subquery.
pub fn within(id: i64) -> SelectStatement {
    let children = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("jurisdictions"))
        .and_where(Expr::col(Alias::new("parent_id")).eq(id))
        .to_owned();
    Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("jurisdictions"))
        .cond_where(
            Condition::any()
                .add(Expr::col(Alias::new("id")).eq(id))
                .add(Expr::col(Alias::new("parent_id")).eq(id))
                .add(Expr::col(Alias::new("parent_id")).in_subquery(children)),
        )
        .to_owned()
}

/// Rows of `table` whose `column` names an organization of the jurisdiction `id` or of one
/// within it.
pub fn owned_within(table: &'static str, column: &'static str, id: i64) -> SimpleExpr {
    let organizations = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("organizations"))
        .and_where(Expr::col(Alias::new("jurisdiction_id")).in_subquery(within(id)))
        .to_owned();
    Expr::col((Alias::new(table), Alias::new(column))).in_subquery(organizations)
}
