//! Sunlight's integration suite: one binary, a module per area. Every test that touches a
//! database runs twice, on SQLite and on PostgreSQL.

mod as_of;
mod atom;
mod attacks;
mod audit;
mod backup;
mod bad_input;
mod batching;
mod browse;
mod bulletins;
mod cache;
mod changes;
mod demo_county;
mod doctor;
mod documents;
mod endpoint;
mod evaluations;
mod export;
mod faults;
mod feedback;
mod field_rules;
mod hearings;
mod leaks;
mod logs;
mod notifications;
mod paging;
mod pictures;
mod schema_file;
mod search;
mod snapshots;
mod startup;
mod statistics;
mod subscriptions;
mod tokens;
mod workflow;
mod writes;
