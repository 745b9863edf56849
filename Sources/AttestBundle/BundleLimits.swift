/// How much a bundle may hold. The writer refuses to exceed them and the verifier refuses a zip
/// that declares more before inflating a byte, so a hostile bundle cannot make `attest verify`
/// spend memory or time out of proportion to what a real bundle needs.
public struct BundleLimits: Hashable, Sendable {
    /// Entries in the zip, `manifest.json` and `manifest.sig` included.
    public var maxEntries: Int
    /// Uncompressed bytes of one entry.
    public var maxEntryBytes: Int
    /// Uncompressed bytes of all entries together.
    public var maxTotalBytes: Int
    /// `manifest.json`, read whole before its signature is checked.
    public var maxManifestBytes: Int

    public init(
        maxEntries: Int = 10_000, maxEntryBytes: Int = 512 << 20, maxTotalBytes: Int = 1 << 30,
        maxManifestBytes: Int = 16 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxManifestBytes = maxManifestBytes
    }

    /// The limits `attest bundle` and `attest verify` use.
    public static let standard = BundleLimits()

    /// `manifest.sig` (base64 of 64 bytes and a newline) and `signer.pub` (a PEM of 44 bytes)
    /// are tiny; anything much larger is not one.
    static let maxSmallFileBytes = 4096
}
