//! SeaORM entities of Sunlight's records. No GraphQL here: the API maps these to its own types.

pub mod agenda_item;
pub mod appointment;
pub mod attendance;
pub mod bulletin;
pub mod decision;
pub mod disciplinary_case;
pub mod enums;
pub mod meeting;
pub mod membership;
pub mod meta;
pub mod milestone;
pub mod observer;
pub mod organization;
pub mod person;
pub mod post;
pub mod power;
pub mod procedure;
pub mod procedure_edge;
pub mod procedure_step;
pub mod record_audience;
pub mod record_version;
pub mod risk_point;
pub mod source;
pub mod statistics_snapshot;
pub mod supervision_measure;
