//! One passage of an exercise through a step of its procedure.

use sea_orm::entity::prelude::*;

/// A step of the procedure as an exercise went through it: who acted, when it entered and
/// left, and by which edge it left.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "passages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub exercise_id: i64,
    pub position: i32,
    /// The step's key in the procedure (`S3`): kept by key, so that a procedure redrawn later
    /// leaves the record of what happened as it was.
    pub step_key: String,
    pub actor: String,
    pub entered_at: DateTimeUtc,
    pub left_at: Option<DateTimeUtc>,
    /// The label of the edge it left by, to the next passage's step (同意, 补充材料), when that
    /// edge has one.
    pub left_by: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub evidence: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
