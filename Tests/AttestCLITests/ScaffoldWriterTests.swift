import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `ScaffoldWriter.place`: a file that appears at a destination path between the check and
/// the placing is never replaced, and the files already placed are taken back.
@Suite struct ScaffoldWriterTests {
    @Test func aFileThatAppearsMeanwhileIsKeptAndNothingElseStays() throws {
        let folder = try TemporaryWorkspace()
        let writer = ScaffoldWriter(destination: folder.root, force: false)
        let files = [("a.txt", "ours a\n"), ("b/c.txt", "ours c\n"), ("z.txt", "ours z\n")]
        try writer.check(files.map(\.0))
        let staging = try writer.stage(files.map { (path: $0.0, text: $0.1) })
        // Someone writes z.txt after the check: placing a.txt and b/c.txt succeeds first.
        try folder.write("z.txt", "theirs\n")
        #expect(throws: UnreadableInput.self) {
            try writer.place(staging, paths: files.map(\.0))
        }
        #expect(try folder.text("z.txt") == "theirs\n")
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.root.appendingPathComponent("a.txt").path))
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.root.appendingPathComponent("b/c.txt").path))
        // The staging folder is gone too.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.root.path)
        #expect(left.sorted() == ["b", "z.txt"])
    }
}
