import AttestCore
import Foundation

/// `manifest.json`: who a bundle is for, under which NDA, and the hash and size of every other
/// entry. `manifest.sig` signs its exact bytes.
public struct BundleManifest: Codable, Hashable, Sendable {
    public static let currentFormatVersion = 1

    public struct Entry: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int
    }

    public var formatVersion: Int
    public var bundleID: String
    public var recipient: String
    public var ndaReference: String
    public var frameworks: [String]
    /// ISO 8601 times.
    public var created: String
    public var expires: String?
    public var runID: Int64?
    public var workspaceFingerprint: String
    public var toolVersion: String
    /// SHA-256 of the signing public key (also published on the trust center).
    public var signerFingerprint: String
    /// Every entry but `manifest.json` and `manifest.sig`, sorted by path.
    public var entries: [Entry]
    /// Evidence files left out, and why (absent when none was).
    public var withheld: [WithheldFile]?
    /// Per framework, the internal controls its score counts that the bundle does not show,
    /// and the percentage points they carry (absent in bundles made before it was stated).
    public var withheldControls: [WithheldControls]?
    /// What the bundle is: absent for an NDA report bundle (`attest bundle`), `auditor-package`
    /// for an auditor package (`attest audit-package`). Optional, so manifests written before it
    /// existed still read, and readers that predate it ignore it.
    public var kind: Kind?
    /// The highest visibility of the content inside, which says who it is for: absent for an
    /// NDA bundle (`nda` at most); `internal` for an auditor package, made for the company's own
    /// auditor under engagement.
    public var audience: Visibility?

    /// The kind of a bundle, kept as text so a kind this version does not know still reads.
    public struct Kind: RawRepresentable, Codable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        /// An auditor package (`attest audit-package`).
        public static let auditorPackage = Kind(rawValue: "auditor-package")
    }

    /// What a framework's withheld internal controls carry of its score.
    public struct WithheldControls: Codable, Hashable, Sendable {
        public var framework: String
        /// How many internal controls behind the score were withheld.
        public var controls: Int
        /// Percentage points of `percent` they carry: `percent` minus the framework's % with
        /// them scoring 0.
        public var points: Double
        /// The framework's %, as the bundle's reports print it.
        public var percent: Double

        public init(framework: String, controls: Int, points: Double, percent: Double) {
            self.framework = framework
            self.controls = controls
            self.points = points
            self.percent = percent
        }
    }

    public init(
        formatVersion: Int, bundleID: String, recipient: String, ndaReference: String,
        frameworks: [String],
        created: String, expires: String?, runID: Int64?, workspaceFingerprint: String,
        toolVersion: String,
        signerFingerprint: String, entries: [Entry], withheld: [WithheldFile]? = nil,
        withheldControls: [WithheldControls]? = nil, kind: Kind? = nil, audience: Visibility? = nil
    ) {
        self.withheldControls = withheldControls
        self.kind = kind
        self.audience = audience
        self.formatVersion = formatVersion
        self.bundleID = bundleID
        self.recipient = recipient
        self.ndaReference = ndaReference
        self.frameworks = frameworks
        self.created = created
        self.expires = expires
        self.runID = runID
        self.workspaceFingerprint = workspaceFingerprint
        self.toolVersion = toolVersion
        self.signerFingerprint = signerFingerprint
        self.entries = entries
        self.withheld = withheld
    }

    /// The exact bytes written and signed: sorted keys, two-space indentation, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    static let manifestPath = "manifest.json"
    static let signaturePath = "manifest.sig"
    static let signerKeyPath = "signer.pub"
    static let readmePath = "README.txt"
}
