//! What the secret ballots of an evaluation round leave behind, in four tables that name no
//! ballot and keep no time: the one-time codes of a public round, who has voted in a members'
//! round (as a hash), the counts per question and rating, and the comments.

/// A one-time code of a public round, kept as its SHA-256.
pub mod code {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evaluation_codes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code_hash: String,
        pub round_id: i64,
        pub spent: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A member who has voted in a round: the SHA-256 of the round and the token's subject.
pub mod voter {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evaluation_voters")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub round_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub voter_hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// How many ballots of a round gave `rating` to `item`.
pub mod tally {
    use crate::enums::{EvaluationItem, EvaluationRating};
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evaluation_tallies")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub round_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub item: EvaluationItem,
        #[sea_orm(primary_key, auto_increment = false)]
        pub rating: EvaluationRating,
        pub ballots: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The comment of a ballot, under a random key.
pub mod comment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evaluation_comments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub round_id: i64,
        #[sea_orm(column_type = "Text")]
        pub body: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
