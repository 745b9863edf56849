import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// A document at the default size limit is parsed within a small multiple of its size (before
/// the streaming readers, about 10× for JSON and SARIF and 19× for JUnit).
///
/// Each measurement runs in a child process (an exit test), so the peak resident memory
/// (`VmHWM`) is that of one collection, not of other tests running alongside. The child
/// reports its numbers on standard error; the parent checks them.
@Suite(.serialized) struct LargeInputMemoryTests {
    /// Size of the generated documents: half the default `max_bytes`, large enough for the
    /// multiple to show (it does not depend on the size) and light enough for a shared machine.
    static let size = CollectionContext.defaultMaxDocumentBytes / 2

    /// Peak memory grown while collecting, as a multiple of the document size (two decimals).
    static func measure(
        _ kind: CollectorKind, file: String, options: String, make: (Int) -> Data
    ) async -> String {
        do {
            let workspace = try TemporaryWorkspace()
            let spec = Kit.spec(kind, path: file, options: options)
            guard let collector = Kit.registry[kind] else { return "no collector" }
            // A first collection of a small document of the same kind pays the costs that do
            // not grow with the document (code paged in, runtime caches), which the multiple
            // must not count: a larger test binary would otherwise move it.
            try workspace.write(file, make(64 << 10))
            _ = await collector.collect(spec, context: Kit.context(root: workspace.root))
            let size = try { () throws -> Int in
                let data = make(LargeInputMemoryTests.size)  // released at the end of this closure
                try workspace.write(file, data)
                return data.count
            }()
            // The peak so far (generating the input) must not hide the collector's.
            guard let before = PeakMemory.reset() else { return "no /proc" }
            let result = await collector.collect(spec, context: Kit.context(root: workspace.root))
            guard let after = PeakMemory.bytes() else { return "no /proc" }
            let multiple = Double(after - before) / Double(size)
            return "\(result.status.name) \(String(format: "%.2f", multiple))"
        } catch {
            return "error \(error)"
        }
    }

    /// Checks the child's report: the expected status and a multiple within `bound`.
    static func check(_ report: String, status: String, bound: Double) {
        let parts = report.split(separator: " ")
        #expect(parts.first.map(String.init) == status, "\(report)")
        let multiple = parts.count == 2 ? Double(parts[1]) : nil
        #expect((multiple ?? .infinity) <= bound, "peak memory \(report)× the document size")
    }

    /// One child process per format, so no measurement inherits another's freed memory; the
    /// suite runs them one after the other to keep the load on a shared machine low.
    @Test func aJSONDocumentJudgedOnAFewFieldsStaysWithinThreeTimesItsSize() async {
        let outcome = await #expect(
            processExitsWith: .success, observing: [\.standardErrorContent]
        ) {
            let report = await LargeInputMemoryTests.measure(
                .json, file: "idp.json",
                options: "expect: { mfa.required: true }\nobserved_at: exported_at"
            ) { LargeDocuments.json(bytes: $0) }
            FileHandle.standardError.write(Data(report.utf8))
        }
        Self.check(
            String(decoding: outcome?.standardErrorContent ?? [], as: UTF8.self),
            status: "pass", bound: 3.0)
    }

    @Test func aSARIFLogStaysWithinThreeTimesItsSize() async {
        let outcome = await #expect(
            processExitsWith: .success, observing: [\.standardErrorContent]
        ) {
            let report = await LargeInputMemoryTests.measure(
                .sarif, file: "scan.sarif", options: "max: { error: 0 }"
            ) { LargeDocuments.sarif(bytes: $0) }
            FileHandle.standardError.write(Data(report.utf8))
        }
        Self.check(
            String(decoding: outcome?.standardErrorContent ?? [], as: UTF8.self),
            status: "pass", bound: 3.0)
    }

    @Test func aJUnitReportStaysWithinThreeTimesItsSize() async {
        let outcome = await #expect(
            processExitsWith: .success, observing: [\.standardErrorContent]
        ) {
            let report = await LargeInputMemoryTests.measure(
                .junit, file: "junit.xml", options: ""
            ) { LargeDocuments.junit(bytes: $0) }
            FileHandle.standardError.write(Data(report.utf8))
        }
        Self.check(
            String(decoding: outcome?.standardErrorContent ?? [], as: UTF8.self),
            status: "partial", bound: 3.0)
    }
}
