import AttestTestSupport
import Foundation
import Synchronization
import Testing

@testable import AttestSystem

#if canImport(Glibc)
import Glibc
#endif

/// The folder Attest keeps its evidence cache in: only this user's, no links, files written
/// whole.
@Suite struct PrivateFolderTests {
    static func mode(_ url: URL) -> mode_t {
        var status = stat()
        _ = lstat(url.path, &status)
        return status.st_mode & 0o777
    }

    @Test func aMissingFolderIsMadePrivateWithItsParents() throws {
        let scratch = try TemporaryWorkspace()
        let url = scratch.root.appendingPathComponent("home/.cache/attest")
        let folder = try PrivateFolder(url)
        #expect(Self.mode(url) == 0o700)
        #expect(Self.mode(url.deletingLastPathComponent()) == 0o700)
        #expect(try folder.create("key", with: Data("first".utf8)))
        #expect(try !folder.create("key", with: Data("second".utf8)))
        #expect(try folder.read("key", limit: 100) == Data("first".utf8))
        #expect(Self.mode(url.appendingPathComponent("key")) == 0o600)
        try folder.replace("pack", with: Data("one".utf8))
        try folder.replace("pack", with: Data("two".utf8))
        #expect(try folder.read("pack", limit: 100) == Data("two".utf8))
        #expect(try folder.read("absent", limit: 100) == nil)
        // Nothing but the two files is left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() == [
                "key", "pack",
            ])
    }

    @Test(arguments: [0o770, 0o750, 0o705, 0o702, 0o755, 0o777] as [mode_t])
    func aFolderOthersCanUseIsRefused(_ mode: mode_t) throws {
        let scratch = try TemporaryWorkspace()
        let url = scratch.root.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        #expect(chmod(url.path, mode) == 0)
        #expect(throws: PrivateFolderError.self) { try PrivateFolder(url) }
        do {
            _ = try PrivateFolder(url)
        } catch {
            #expect(error.reason.contains("chmod 700"), "\(error)")
        }
    }

    @Test func aLinkedFolderOrFileIsRefused() throws {
        let scratch = try TemporaryWorkspace()
        let real = scratch.root.appendingPathComponent("real")
        _ = try PrivateFolder(real)
        try FileManager.default.createSymbolicLink(
            at: scratch.root.appendingPathComponent("link"), withDestinationURL: real)
        #expect(throws: PrivateFolderError.self) {
            try PrivateFolder(scratch.root.appendingPathComponent("link"))
        }
        let folder = try PrivateFolder(real)
        try scratch.write("secret.txt", "a secret of the workspace")
        #expect(chmod(scratch.root.appendingPathComponent("secret.txt").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            at: real.appendingPathComponent("pack"),
            withDestinationURL: scratch.root.appendingPathComponent("secret.txt"))
        #expect(throws: PrivateFolderError.self) { try folder.read("pack", limit: 100) }
    }

    @Test func aFileOthersCanReadOrOfAnotherKindIsRefused() throws {
        let scratch = try TemporaryWorkspace()
        let url = scratch.root.appendingPathComponent("cache")
        let folder = try PrivateFolder(url)
        try Data("x".utf8).write(to: url.appendingPathComponent("open"))
        #expect(chmod(url.appendingPathComponent("open").path, 0o644) == 0)
        #expect(throws: PrivateFolderError.self) { try folder.read("open", limit: 100) }
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("sub"), withIntermediateDirectories: false)
        #expect(throws: PrivateFolderError.self) { try folder.read("sub", limit: 100) }
        try folder.replace("big", with: Data(count: 101))
        #expect(throws: PrivateFolderError.self) { try folder.read("big", limit: 100) }
        #expect(try folder.read("big", limit: 101)?.count == 101)
    }

    /// A FIFO in the folder (only this user can put one there) is refused at once: opening it
    /// for reading must not wait for a writer, or a build would hang on its cache.
    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let scratch = try TemporaryWorkspace()
        let url = scratch.root.appendingPathComponent("cache")
        let folder = try PrivateFolder(url)
        let fifo = url.appendingPathComponent("pack").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<String?>(nil)
        Thread.detachNewThread {
            let said: String
            do {
                said = "read \(try folder.read("pack", limit: 100)?.count ?? -1) bytes"
            } catch {
                said = "\(error)"
            }
            outcome.withLock { $0 = said }
            done.signal()
        }
        let finished = done.wait(timeout: .now() + 5) == .success
        if !finished {
            // Let the blocked open return, so the thread ends.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            _ = done.wait(timeout: .now() + 5)
        }
        #expect(finished, "reading a FIFO waited for a writer")
        let said = outcome.withLock { $0 } ?? ""
        #expect(said.hasSuffix("is not a regular file"), "\(said)")
    }
}
