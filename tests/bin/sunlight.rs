//! The `sunlight` command as the suite runs it in a process of its own: the same command line,
//! built with the suite, so that tests can kill it, time it and read its exit status.

fn main() -> std::process::ExitCode {
    sunlight::cli::main()
}
