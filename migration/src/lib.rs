//! Sunlight's schema migrations: one code path for SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod common;
mod m20261129_000001_create_directory;
mod m20261129_000002_create_powers_and_procedures;
mod m20261129_000003_create_meetings;
mod m20261129_000004_create_appointments;
mod m20261129_000005_create_disciplinary_cases;
mod m20261129_000006_create_meta;
mod m20261129_000007_create_search;
mod m20261129_000008_create_audit_log;
mod m20261129_000009_create_access_log;
mod m20261129_000010_create_record_versions;
mod m20261129_000011_create_changes;
mod m20261129_000012_create_bulletins;
mod m20261203_000013_record_actor_persons;
mod m20261203_000014_keep_version_audiences;
mod m20261203_000015_codes_unique_within_owner;
mod m20261203_000016_create_audit_checkpoints;
mod m20261203_000017_create_statistics_snapshots;
mod m20261203_000018_opaque_ids;
mod m20261203_000019_keep_the_audit_head;
mod m20261204_000020_create_social_supervisors;
mod m20261204_000021_create_exercises;
mod m20261204_000022_create_documents;
mod m20261205_000023_create_feedback;
mod m20261205_000024_create_inspection_reports;
mod m20261205_000025_create_duty_reports;
mod m20261206_000026_create_evaluations;
mod m20261206_000027_create_notifications;
mod m20261206_000028_hearing_windows;
mod m20261206_000029_create_follows;
mod m20261206_000030_disclosure_outcomes;
mod m20261206_000031_create_jurisdictions;
mod m20261207_000032_audit_turn;
mod m20261207_000033_audit_append;
mod m20261207_000034_search_newest_first;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_directory::Migration),
            Box::new(m20261129_000002_create_powers_and_procedures::Migration),
            Box::new(m20261129_000003_create_meetings::Migration),
            Box::new(m20261129_000004_create_appointments::Migration),
            Box::new(m20261129_000005_create_disciplinary_cases::Migration),
            Box::new(m20261129_000006_create_meta::Migration),
            Box::new(m20261129_000007_create_search::Migration),
            Box::new(m20261129_000008_create_audit_log::Migration),
            Box::new(m20261129_000009_create_access_log::Migration),
            Box::new(m20261129_000010_create_record_versions::Migration),
            Box::new(m20261129_000011_create_changes::Migration),
            Box::new(m20261129_000012_create_bulletins::Migration),
            Box::new(m20261203_000013_record_actor_persons::Migration),
            Box::new(m20261203_000014_keep_version_audiences::Migration),
            Box::new(m20261203_000015_codes_unique_within_owner::Migration),
            Box::new(m20261203_000016_create_audit_checkpoints::Migration),
            Box::new(m20261203_000017_create_statistics_snapshots::Migration),
            Box::new(m20261203_000018_opaque_ids::Migration),
            Box::new(m20261203_000019_keep_the_audit_head::Migration),
            Box::new(m20261204_000020_create_social_supervisors::Migration),
            Box::new(m20261204_000021_create_exercises::Migration),
            Box::new(m20261204_000022_create_documents::Migration),
            Box::new(m20261205_000023_create_feedback::Migration),
            Box::new(m20261205_000024_create_inspection_reports::Migration),
            Box::new(m20261205_000025_create_duty_reports::Migration),
            Box::new(m20261206_000026_create_evaluations::Migration),
            Box::new(m20261206_000027_create_notifications::Migration),
            Box::new(m20261206_000028_hearing_windows::Migration),
            Box::new(m20261206_000029_create_follows::Migration),
            Box::new(m20261206_000030_disclosure_outcomes::Migration),
            Box::new(m20261206_000031_create_jurisdictions::Migration),
            Box::new(m20261207_000032_audit_turn::Migration),
            Box::new(m20261207_000033_audit_append::Migration),
            Box::new(m20261207_000034_search_newest_first::Migration),
        ]
    }
}
