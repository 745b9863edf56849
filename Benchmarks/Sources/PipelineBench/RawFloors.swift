import CSQLiteBench
import Crypto
import Foundation
import RawYAMLFloor
import Synchronization

#if canImport(FoundationXML)
import FoundationXML
#endif

#if canImport(Glibc)
import Glibc
#endif

/// What the machine can do for each phase, measured in the same run as the build: the least
/// work any implementation must do, with nothing of Attest's.
enum RawFloors {
    /// Seconds `body` takes on a monotonic clock.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Load: libyaml's event loop over every input YAML file (read, parse, discard events).
    static func yaml(_ files: [URL]) -> (seconds: Double, events: Int) {
        var events = 0
        let seconds = time {
            for file in files { events += RawYAMLEvents.parse(fileAt: file) ?? 0 }
        }
        return (seconds, events)
    }

    /// Collect: read each evidence file whole and hash it with SHA-256 (swift-crypto, as the
    /// collectors do), one file after the other.
    static func hash(_ files: [URL]) -> (seconds: Double, bytes: Int) {
        var bytes = 0
        var digests = 0
        let seconds = time {
            for file in files {
                guard let data = try? Data(contentsOf: file) else { continue }
                bytes += data.count
                digests &+= Int(SHA256.hash(data: data).withUnsafeBytes { $0[0] })
            }
        }
        if digests == -1 { print("") }  // keeps the digests alive
        return (seconds, bytes)
    }

    /// Collect, the work a cold build cannot skip: read and hash every evidence file as
    /// ``hash(_:)`` does, then parse it with a plain library, events or objects discarded
    /// (libyaml for `.yaml`, `JSONSerialization` for `.json` and `.sarif`, Foundation's
    /// libxml2-based `XMLParser` for `.xml`; other files are only hashed), and verify one
    /// Ed25519 signature per attestation file (a fixed message and key: the cost of a verify,
    /// not the attestation's own). One file after the other, like the other floors.
    ///
    /// Not one of the floors (which count read and hash only); printed beside them to
    /// show how much of collection is parsing and verifying that any implementation pays.
    static func collectWork(
        _ files: [URL], attestations: Int
    ) -> (seconds: Double, parsed: Int, verified: Int, byKind: [String: Double]) {
        let key = Curve25519.Signing.PrivateKey()
        let message = Data("attested statement".utf8)
        let signature = (try? key.signature(for: message)) ?? Data()
        var parsed = 0
        var verified = 0
        var digests = 0
        var byKind: [String: Double] = [:]
        let seconds = time {
            for file in files {
                var data = Data()
                byKind["read + SHA-256", default: 0] += time {
                    data = (try? Data(contentsOf: file)) ?? Data()
                    digests &+= Int(SHA256.hash(data: data).withUnsafeBytes { $0[0] })
                }
                let kind = file.pathExtension
                byKind[kind, default: 0] += time {
                    switch kind {
                    case "yaml":
                        if RawYAMLEvents.parse([UInt8](data)) != nil { parsed += 1 }
                    case "json", "sarif":
                        if (try? JSONSerialization.jsonObject(with: data)) != nil { parsed += 1 }
                    case "xml":
                        if XMLParser(data: data).parse() { parsed += 1 }
                    default: break
                    }
                }
            }
            byKind["Ed25519 verify"] = time {
                for _ in 0..<attestations
                where key.publicKey.isValidSignature(signature, for: message) {
                    verified += 1
                }
            }
        }
        if digests == -1 { print("") }  // keeps the digests alive
        return (seconds, parsed, verified, byKind)
    }

    /// ``collectWork(_:attestations:)``'s work spread over every core (file `i` to worker
    /// `i mod cores`, the verifies likewise), wall seconds: the least time any implementation
    /// parsing with these libraries needs on this machine, however well it uses the cores.
    static func collectWorkOnEveryCore(_ files: [URL], attestations: Int) -> Double {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let key = Curve25519.Signing.PrivateKey()
        let message = Data("attested statement".utf8)
        let signature = (try? key.signature(for: message)) ?? Data()
        let total = Atomic<Int>(0)
        let seconds = time {
            DispatchQueue.concurrentPerform(iterations: cores) { worker in
                var done = 0
                for index in stride(from: worker, to: files.count, by: cores) {
                    let file = files[index]
                    let data = (try? Data(contentsOf: file)) ?? Data()
                    done &+= Int(SHA256.hash(data: data).withUnsafeBytes { $0[0] })
                    switch file.pathExtension {
                    case "yaml": done &+= RawYAMLEvents.parse([UInt8](data)) ?? 0
                    case "json", "sarif":
                        if (try? JSONSerialization.jsonObject(with: data)) != nil { done &+= 1 }
                    case "xml": if XMLParser(data: data).parse() { done &+= 1 }
                    default: break
                    }
                }
                for _ in stride(from: worker, to: attestations, by: cores)
                where key.publicKey.isValidSignature(signature, for: message) {
                    done &+= 1
                }
                total.wrappingAdd(done, ordering: .relaxed)
            }
        }
        if total.load(ordering: .relaxed) == -1 { print("") }  // keeps the work alive
        return seconds
    }

    /// Whether two output folders hold the same files with the same bytes. One pair of files
    /// is held at a time: the builds' peak memory is measured with `wait4`, and a child
    /// started from a large parent is charged the parent's pages it was forked with.
    static func sameFiles(_ first: URL, _ second: URL) -> Bool {
        func paths(_ folder: URL) -> Set<String> {
            var result: Set<String> = []
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
                else { continue }
                result.insert(String(url.path.dropFirst(folder.path.count)))
            }
            return result
        }
        let files = paths(first)
        guard files == paths(second) else { return false }
        return files.allSatisfy { path in
            let one = try? Data(contentsOf: URL(fileURLWithPath: first.path + path))
            let other = try? Data(contentsOf: URL(fileURLWithPath: second.path + path))
            return one != nil && one == other
        }
    }

    /// Render: the build's output read into memory first, then written to a new folder (the
    /// folders made, each file opened, written whole and closed).
    static func write(
        output: URL, to destination: URL, cpu: inout Double
    ) throws -> (seconds: Double, bytes: Int) {
        var folders: [String] = []
        var files: [(String, Data)] = []
        let walker = FileManager.default.enumerator(
            at: output, includingPropertiesForKeys: [.isDirectoryKey])
        let prefix = output.standardizedFileURL.path.count + 1
        while let url = walker?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(prefix))
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                folders.append(relative)
            } else {
                files.append((relative, try Data(contentsOf: url)))
            }
        }
        try? FileManager.default.removeItem(at: destination)
        let bytes = files.reduce(0) { $0 + $1.1.count }
        let cpuBefore = processCPU()
        defer { cpu += processCPU() - cpuBefore }
        let seconds = try time {
            try FileManager.default.createDirectory(
                at: destination, withIntermediateDirectories: true)
            for folder in folders {
                mkdir(destination.appendingPathComponent(folder).path, 0o755)
            }
            for (path, data) in files {
                let descriptor = open(
                    destination.appendingPathComponent(path).path, O_WRONLY | O_CREAT | O_TRUNC,
                    0o644)
                guard descriptor >= 0 else {
                    throw FloorError(description: "cannot create \(path)")
                }
                defer { close(descriptor) }
                try data.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(
                            descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        guard written > 0 else { throw FloorError(description: "write \(path)") }
                        offset += written
                    }
                }
            }
        }
        return (seconds, bytes)
    }

    struct FloorError: Error, CustomStringConvertible {
        var description: String
    }
}
