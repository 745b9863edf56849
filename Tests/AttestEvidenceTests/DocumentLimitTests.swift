import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// The json, yaml, sarif and junit collectors refuse a document larger than their limit: the
/// run's default (`CollectionContext.maxDocumentBytes`) or the item's own `max_bytes:`.
@Suite struct DocumentLimitTests {
    /// A valid document of each kind, padded with whitespace to 2,000 bytes.
    static func document(_ kind: CollectorKind) -> (file: String, text: String) {
        let (file, text): (String, String) =
            switch kind {
            case .json: ("doc.json", #"{"a": 1}"#)
            case .yaml: ("doc.yaml", "a: 1")
            case .sarif: ("scan.sarif", #"{"version": "2.1.0", "runs": [{"results": []}]}"#)
            default: ("junit.xml", #"<testsuite tests="1"><testcase name="a"/></testsuite>"#)
            }
        return (file, text + String(repeating: " ", count: 2_000 - text.utf8.count))
    }

    static func context(_ root: URL, maxDocumentBytes: Int) -> CollectionContext {
        CollectionContext(workspaceRoot: root, now: Kit.now, maxDocumentBytes: maxDocumentBytes)
    }

    @Test(arguments: [CollectorKind.json, .yaml, .sarif, .junit])
    func aDocumentOverTheRunsLimitIsAnError(_ kind: CollectorKind) async throws {
        let workspace = try TemporaryWorkspace()
        let (file, text) = Self.document(kind)
        try workspace.write(file, text)
        let collector = try #require(Kit.registry[kind])
        let result = await collector.collect(
            Kit.spec(kind, path: file),
            context: Self.context(workspace.root, maxDocumentBytes: 1_999))
        #expect(result.status == .error)
        #expect(result.message == "\(file) is 2000 bytes, more than the limit of 1999")
        let within = await collector.collect(
            Kit.spec(kind, path: file),
            context: Self.context(workspace.root, maxDocumentBytes: 2_000))
        #expect(within.status != .error, "\(within.message)")
    }

    @Test(arguments: [CollectorKind.json, .yaml, .sarif, .junit])
    func maxBytesOverridesTheRunsLimit(_ kind: CollectorKind) async throws {
        let workspace = try TemporaryWorkspace()
        let (file, text) = Self.document(kind)
        try workspace.write(file, text)
        let collector = try #require(Kit.registry[kind])
        let context = Self.context(workspace.root, maxDocumentBytes: 100)
        let raised = await collector.collect(
            Kit.spec(kind, path: file, options: "max_bytes: 2KiB"), context: context)
        #expect(raised.status != .error, "\(raised.message)")
        let lowered = await collector.collect(
            Kit.spec(kind, path: file, options: "max_bytes: 1000"),
            context: Self.context(workspace.root, maxDocumentBytes: 1 << 20))
        #expect(lowered.message == "\(file) is 2000 bytes, more than the limit of 1000")
    }

    @Test(arguments: [
        ("max_bytes: 0", false), ("max_bytes: 2GiB", false), ("max_bytes: lots", false),
        ("max_bytes: -5", false), ("max_bytes: 1.5MiB", false), ("max_bytes: 1GiB", true),
        ("max_bytes: 512KiB", true), ("max_bytes: 32 MiB", true), ("max_bytes: 1048576", true),
    ])
    func maxBytesIsASizeUpToOneGibibyte(_ options: String, _ valid: Bool) {
        for kind in [CollectorKind.json, .yaml, .sarif, .junit] {
            let diagnostics = Kit.registry.validate([Kit.spec(kind, path: "f", options: options)])
            #expect(
                Kit.codes(diagnostics) == (valid ? [] : ["evidence.invalid-option 1:12"]),
                "\(kind)")
        }
    }

    @Test(arguments: [
        ("1", 1), ("1048576", 1 << 20), ("512KiB", 512 << 10), ("32MiB", 32 << 20),
        ("1 GiB", 1 << 30),
    ])
    func sizesAreReadInBinaryUnits(_ text: String, _ bytes: Int) {
        #expect(ByteLimit.parse(text) == bytes)
    }
}
