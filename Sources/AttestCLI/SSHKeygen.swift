import Foundation

/// Signs with an OpenSSH private key by running the real `ssh-keygen -Y sign -n attest`:
/// OpenSSH decrypts its own key files (and asks for a passphrase on the terminal, or uses the
/// agent), so Attest never parses or holds an OpenSSH private key.
enum SSHKeygen {
    /// An armored SSHSIG is a few hundred bytes.
    static let maxOutputBytes = 64 * 1024

    /// The armored signature of `message` made with the key at `key`.
    ///
    /// - Throws: `UnreadableInput` when ssh-keygen is missing, fails, or prints no signature.
    static func sign(_ message: Data, key: String) throws -> String {
        guard FileManager.default.fileExists(atPath: key) else {
            throw UnreadableInput(description: "cannot read the key \(key): it does not exist")
        }
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":")
        guard
            let executable = search.map({ URL(fileURLWithPath: String($0)) })
                .map({ $0.appendingPathComponent("ssh-keygen") })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw UnreadableInput(
                description: "ssh-keygen is not on PATH; install OpenSSH to sign with --ssh-key")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-Y", "sign", "-n", "attest", "-f", key]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch {
            throw UnreadableInput(description: "cannot run ssh-keygen: \(error)")
        }
        // ssh-keygen reads the whole message before it writes, so this cannot deadlock; the
        // message is a few kilobytes at most.
        try? input.fileHandleForWriting.write(contentsOf: message)
        try? input.fileHandleForWriting.close()
        let data = (try? output.fileHandleForReading.read(upToCount: maxOutputBytes)) ?? nil
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data,
            let text = String(data: data, encoding: .utf8), !text.isEmpty
        else {
            throw UnreadableInput(
                description: "ssh-keygen -Y sign failed (status \(process.terminationStatus))")
        }
        return text
    }
}
