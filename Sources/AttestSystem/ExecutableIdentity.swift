import CAttestSystem

/// Which build of Attest is running, for what it keeps between runs: an entry made by one
/// build is never read by another, whose parsers may differ.
public enum ExecutableIdentity {
    /// The GNU build ID of the executable (or library) holding Attest's code: the linker's
    /// digest of it, so any change to the code changes it. Nil where there is none (a system
    /// without ELF, a link without `--build-id`); what depends on it is then not kept.
    public static let buildID: [UInt8]? = {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = attest_build_id(&bytes, Int32(bytes.count))
        guard count > 0 else { return nil }
        return Array(bytes.prefix(Int(count)))
    }()
}
