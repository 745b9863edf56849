import CAttestSystem

/// Hands memory a phase has freed back to the system.
///
/// glibc's allocator keeps what a thread frees in that thread's arena for its next
/// allocations; after collection has read and parsed 100,000 evidence files on every core,
/// those arenas held about 130 MB more than the build still used, and that difference was the
/// build's peak (docs/benchmarks.md, "Memory"). `malloc_trim` returns the free pages of every
/// arena. Elsewhere (macOS) it does nothing.
enum FreedMemory {
    /// Returns the free pages of every allocator arena to the system; cheap (milliseconds)
    /// next to the phases it separates.
    static func release() {
        attest_release_free_memory()
    }
}
