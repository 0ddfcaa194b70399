//! Sunlight: a GraphQL open-data API for the Menyuan County Party committee's transparency
//! pilot (县委权力公开透明运行). It serves powers, procedures, meetings, appointments and
//! disciplinary outcomes, and filters records and fields per caller.

// The root query merges one object per kind of record; laying out its future needs more than
// the default depth of the compiler's queries in release builds.
#![recursion_limit = "256"]

pub mod access;
pub mod access_log;
pub mod allocator;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod doctor;
pub mod documents;
pub mod error;
pub mod export;
pub mod flow;
pub mod graphql;
pub mod http;
pub mod ids;
pub mod loaders;
pub mod messages;
pub mod notify;
pub mod picture;
pub mod portal;
pub mod progress;
pub mod record;
pub mod search;
pub mod seed;
pub mod server;
pub mod store;
pub mod telemetry;
pub mod xml;
