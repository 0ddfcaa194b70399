//! How the allocator gives memory back. By default mimalloc commits each arena it reserves at
//! once and gives freed pages back to the system late, so a server that streams a large
//! download keeps what the download touched. After the exports of `bench/export.sh` (the
//! synthetic county's powers, then its 100,012 procedures, 959 MB) the server held 126 MiB with
//! the defaults, and 61 MiB with arena memory committed only as used and freed memory given back
//! at once; the times stayed within the machine's spread (the README's benchmarks give them).
//!
//! mimalloc reads its options from the environment before `main` runs, and it reserves its
//! first arena then too: set later, the options reach only part of the memory (111 MiB in the
//! same download). So the command starts itself again, once, with them in its environment.

use std::ffi::OsString;

/// The settings, each as mimalloc reads it from the environment. An operator who sets one
/// keeps their value.
const SETTINGS: [(&str, &str); 2] = [
    ("MIMALLOC_ARENA_EAGER_COMMIT", "0"),
    ("MIMALLOC_PURGE_DELAY", "0"),
];

/// The settings missing from `environment`, which this process started with.
fn missing(environment: impl Fn(&str) -> Option<OsString>) -> Vec<(&'static str, &'static str)> {
    SETTINGS
        .into_iter()
        .filter(|(variable, _)| environment(variable).is_none())
        .collect()
}

/// Starts this command again in place of this process (same id, same arguments), with the
/// allocator's settings in its environment, unless they are there already. Returns only when
/// they are, or when starting again failed, in which case the process goes on with mimalloc's
/// defaults. Called first thing in [`crate::cli::main`], before any thread starts.
#[cfg(unix)]
pub fn give_memory_back() {
    use std::os::unix::process::CommandExt as _;
    let missing = missing(|variable| std::env::var_os(variable));
    if missing.is_empty() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(exe);
    if let Some(name) = args.next() {
        command.arg0(name);
    }
    // `exec` returns only on failure.
    let _failed = command.args(args).envs(missing).exec();
}

/// Elsewhere the command runs with mimalloc's defaults.
#[cfg(not(unix))]
pub fn give_memory_back() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_settings_missing_are_added() {
        assert_eq!(missing(|_| None), SETTINGS.to_vec());
        assert!(missing(|_| Some("1".into())).is_empty());
        let set = |variable: &str| (variable == "MIMALLOC_PURGE_DELAY").then(|| "5".into());
        assert_eq!(missing(set), vec![("MIMALLOC_ARENA_EAGER_COMMIT", "0")]);
    }
}
