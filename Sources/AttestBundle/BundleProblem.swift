/// Why a bundle is not valid: a stable code, the entry concerned, and a detail for people.
///
/// Details quote names from the bundle as they are, control characters included: whoever
/// prints them must make them inert first (the CLI does, with `TerminalText`).
public struct BundleProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// An absolute or `..` path, a backslash, a control character, or not UTF-8.
        case unsafePath = "bundle.unsafe-path"
        /// Two zip entries with one name.
        case duplicateEntry = "bundle.duplicate-entry"
        /// A link, folder or other non-file entry.
        case notAFile = "bundle.not-a-file"
        /// The local header disagrees with the central directory (name or method), or is
        /// missing: tools that read one or the other would see different files.
        case headerMismatch = "bundle.header-mismatch"
        /// Encryption, ZIP64, or a compression method other than stored and deflate.
        case unsupportedEntry = "bundle.unsupported-entry"
        /// More entries or bytes than ``BundleLimits`` allow, declared before any is inflated.
        case tooLarge = "bundle.too-large"
        /// Two entries' data overlap, or an entry's data runs into the central directory.
        case overlappingEntries = "bundle.overlapping-entries"
        /// `manifest.json` or `manifest.sig` is missing.
        case manifestMissing = "bundle.manifest-missing"
        /// The signature does not verify over `manifest.json` with the key.
        case badSignature = "bundle.bad-signature"
        /// The signer is not the expected one (another fingerprint, or no usable `signer.pub`).
        case untrustedSigner = "bundle.untrusted-signer"
        /// `manifest.json` is not a bundle manifest this version reads, or contradicts itself.
        case invalidManifest = "bundle.invalid-manifest"
        /// The manifest lists one path twice.
        case listedTwice = "bundle.listed-twice"
        /// An entry the manifest lists is not in the zip.
        case missingEntry = "bundle.missing-entry"
        /// A zip entry the manifest does not list.
        case unlistedEntry = "bundle.unlisted-entry"
        /// The zip declares another size than the manifest.
        case sizeMismatch = "bundle.size-mismatch"
        /// An entry's SHA-256 is not the manifest's.
        case hashMismatch = "bundle.hash-mismatch"
        /// An entry's data cannot be read as declared (damaged, truncated, inflates to more).
        case unreadableEntry = "bundle.unreadable-entry"
        /// Past the manifest's `expires`.
        case expired = "bundle.expired"
    }

    public var code: Code
    /// The entry concerned, as named in the zip or the manifest; nil for the whole bundle.
    public var entry: String?
    public var detail: String

    public init(_ code: Code, entry: String? = nil, _ detail: String) {
        self.code = code
        self.entry = entry
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}
