//! SeaORM entities of Sunlight's records. No GraphQL here: the API maps these to its own types.

pub mod agenda_item;
pub mod attachment;
pub mod attendance;
pub mod document;
pub mod document_upload;
pub mod enums;
pub mod meta;
pub mod milestone;
pub mod passage;
pub mod procedure_edge;
pub mod procedure_step;
pub mod record_audience;
pub mod record_version;
pub mod risk_point;
pub mod statistics_snapshot;
pub mod supervision_measure;

/// Calls the macro at the path in braces with `[$($args)*]` and then the list of every kind of
/// record, each as `Kind: module, "table", "Its records, in a word.";`: the one list of kinds. The entity modules, the
/// `RecordKind` vocabulary and everything the API does over every kind are generated from it,
/// so a kind added here (with its entity module and, in the API, its declaration module) is
/// added everywhere at once.
#[macro_export]
macro_rules! kinds {
    ({$($callback:tt)+} [$($args:tt)*]) => {
        $($callback)+! {
            [$($args)*]
            Source: source, "sources", "Source documents.";
            Organization: organization, "organizations", "Organizations.";
            Person: person, "people", "People.";
            Post: post, "posts", "Posts.";
            Membership: membership, "memberships", "Memberships.";
            Power: power, "powers", "Powers.";
            Procedure: procedure, "procedures", "Procedures.";
            Meeting: meeting, "meetings", "Meetings.";
            Decision: decision, "decisions", "Decisions.";
            Observer: observer, "observers", "Observers.";
            Appointment: appointment, "appointments", "Appointments.";
            DisciplinaryCase: disciplinary_case, "disciplinary_cases", "Disciplinary cases.";
            Bulletin: bulletin, "bulletins", "Bulletins.";
            SocialSupervisor: social_supervisor, "social_supervisors", "Public supervisors.";
            Exercise: exercise, "exercises", "Exercises of powers.";
        }
    };
}

/// The entity module of every kind of record.
macro_rules! kind_modules {
    ([] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        $(pub mod $module;)+
    };
}
kinds!({kind_modules} []);
