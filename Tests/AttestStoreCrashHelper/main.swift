// A test helper: starts writing a large run to a store, says "halfway" once rows are written
// inside the transaction, then waits to be killed. AttestStoreTests kills it with SIGKILL and
// checks that no partial run remains.
import AttestCore
import AttestStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: attest-store-crash-helper STORE COUNT\n".utf8))
    exit(2)
}
let now = Date()
let results = (0..<count).map { index in
    EvidenceResult(
        evidence: EvidenceID("ev-\(index)"), control: "C", status: .pass, observedAt: now,
        message: "row \(index)")
}
let run = RunRecord(
    kind: "collect", state: .collected, startedAt: now, finishedAt: now, toolVersion: "test",
    workspaceFingerprint: "crash", results: results, scores: [], controls: [])
do {
    let store = try SQLiteStore(path: arguments[1])
    _ = try store.record(run) { written in
        guard written == 2_000 else { return }
        FileHandle.standardOutput.write(Data("halfway\n".utf8))
        Thread.sleep(forTimeInterval: 120)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
