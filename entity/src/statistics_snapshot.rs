//! A published answer of an aggregate: the cells as first given for a closed quarter and an
//! audience, never changed after.

use sea_orm::entity::prelude::*;

/// A published answer of an aggregate.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statistics_snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The last day of the quarter the figures count up to.
    pub as_of: Date,
    /// The audience class the answer was made for: `PUBLIC` or `PARTY`.
    pub audience: String,
    /// The published cells, as JSON.
    #[sea_orm(column_type = "Text")]
    pub cells: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
