import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// Keys named on the command line are read as small regular files: a FIFO or a device given
/// by mistake neither hangs the command nor fills memory.
@Suite struct KeyFileTests: InProcessCommands {

    @Test func aFIFOOrADeviceAsThePublicKeyExitsTwoAtOnce() async throws {
        let folder = try TemporaryWorkspace()
        let bundle = try folder.write("bundle.zip", try VerifyCommandTests.bundle())
        let fifo = folder.root.appendingPathComponent("key.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for key in [fifo, "/dev/zero"] {
            let result = await run(["verify", bundle.path, "--public-key", key])
            #expect(result.status == 2, "\(key): \(result.err)")
            #expect(result.err.contains("not a regular file"), "\(result.err)")
        }
    }

    @Test func anOversizedPublicKeyIsRefused() async throws {
        let folder = try TemporaryWorkspace()
        let bundle = try folder.write("bundle.zip", try VerifyCommandTests.bundle())
        let key = try folder.write("big.pub", Data(repeating: 0x41, count: 65 * 1024))
        let result = await run(["verify", bundle.path, "--public-key", key.path])
        #expect(result.status == 2)
        #expect(result.err.contains("larger than"), "\(result.err)")
    }
}
