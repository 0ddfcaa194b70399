//! A draw of observers (旁听) among the applicants to a meeting: public, with its seed, so that
//! every applicant can check their place.

use sea_orm::entity::prelude::*;

/// The draw of one meeting.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hearing_draws")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: i64,
    /// The seed announced before the draw: applicants are ranked by the SHA-256 of the seed, a
    /// colon and their tracking code, lowest first.
    pub seed: String,
    pub seats: i32,
    pub applicants: i32,
    pub selected: i32,
    pub drawn_on: Date,
    pub drawn_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
