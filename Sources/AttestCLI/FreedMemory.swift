import CAttestSystem

/// Hands memory a phase has freed back to the system.
///
/// glibc's allocator keeps what a thread frees in that thread's arena for its next
/// allocations, so after collection has read and parsed every evidence file on every core the
/// process holds more than it uses. `malloc_trim` returns the free pages of every arena. On the
/// scale-1 workspace the build's peak did not move measurably (docs/benchmarks.md, "Memory");
/// it is kept because it costs milliseconds and keeps a long build's resident size near what
/// it uses between phases. Elsewhere (macOS) it does nothing.
enum FreedMemory {
    /// Returns the free pages of every allocator arena to the system; cheap (milliseconds)
    /// next to the phases it separates.
    static func release() {
        attest_release_free_memory()
    }
}
