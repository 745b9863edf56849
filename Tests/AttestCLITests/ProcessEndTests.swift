import Testing

@testable import AttestCLI

/// The `attest` executable leaves a build's model to the process exit; a command run in
/// process, as tests run it, frees its values as usual.
@Suite struct ProcessEndTests {
    final class Marker: Sendable {}

    /// Watches a marker without keeping it.
    final class Watch: @unchecked Sendable {
        weak var marker: Marker?
    }

    @Test func theExecutablesKeeperHoldsWhatACommandLeavesIt() async {
        let watch = Watch()
        let status = await ProcessEnd().holdUntilExit { () -> Int32 in
            let marker = Marker()
            watch.marker = marker
            ProcessEnd.current?.keep(marker)
            return 7
        }
        #expect(status == 7)
        #expect(watch.marker != nil)
    }

    @Test func aCommandRunInProcessKeepsNothing() {
        let watch = Watch()
        do {
            let marker = Marker()
            watch.marker = marker
            ProcessEnd.current?.keep(marker)
        }
        #expect(ProcessEnd.current == nil)
        #expect(watch.marker == nil)
    }
}
