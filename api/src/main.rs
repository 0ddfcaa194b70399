//! The `sunlight` command; what it does is in `sunlight::cli`.

use std::process::ExitCode;

/// A request allocates and frees many small objects; mimalloc serves them faster than the
/// system allocator, and with the settings of [`sunlight::allocator`] returns memory to the
/// system as readily.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    sunlight::cli::main()
}
