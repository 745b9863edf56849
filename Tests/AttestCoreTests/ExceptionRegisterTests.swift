import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Which failing results an exception covers, judged at a moment: by control, by evidence,
/// inside its period and before it expires; and the findings about the register.
@Suite struct ExceptionRegisterTests {
    typealias F = GraphFactory

    static func at(_ text: String) -> Date {
        Timestamp.instant(text, zoneRequired: true) ?? Date(timeIntervalSince1970: 0)
    }

    static func exception(
        _ id: ExceptionID, control: ControlID? = nil, evidence: EvidenceID? = nil,
        from: String = "2026-06-01", to: String = "2026-06-30", remediation: String = "2026-06-20",
        expires: String = "2026-06-30"
    ) -> Exception {
        Exception(
            id: id, control: control.map { ControlReference($0, at: F.position(2)) },
            evidence: evidence.map { EvidenceReference($0, at: F.position(3)) }, from: from,
            to: to, description: "d", owner: "o", managementResponse: "fixing it",
            remediationDate: remediation, approvedBy: "jdoe", expires: expires,
            position: F.position(1), expiresPosition: F.position(9))
    }

    /// C-1 has e-1 (fail) and e-2 (pass); C-2 has e-3 (partial 0.5).
    static func register(_ exceptions: [Exception], now: Date) -> ExceptionRegister {
        let framework = F.framework(
            "demo", [F.requirement("D1", [F.requirement("D1.1"), F.requirement("D1.2")])])
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [framework],
                controls: [
                    F.control("C-1", satisfies: ["demo/D1.1"], evidence: ["e-1", "e-2"]),
                    F.control("C-2", satisfies: ["demo/D1.2"], evidence: ["e-3"]),
                ]))
        func result(
            _ id: EvidenceID, _ control: ControlID, _ status: EvidenceStatus
        )
            -> EvidenceResult
        {
            EvidenceResult(
                evidence: id, control: control, status: status, observedAt: now, message: "m")
        }
        let scores = Scores(
            graph: graph,
            results: [
                "e-1": result("e-1", "C-1", .fail), "e-2": result("e-2", "C-1", .pass),
                "e-3": result("e-3", "C-2", .partial(0.5)),
            ], now: now, expiringWithin: .days(30))
        return ExceptionRegister(exceptions, scores: scores, now: now)
    }

    static let midPeriod = at("2026-06-10T12:00:00Z")

    @Test func anExceptionOnAControlCoversItsFailingEvidenceOnly() {
        let register = Self.register([Self.exception("EX-1", control: "C-1")], now: Self.midPeriod)
        #expect(register.exception(covering: "e-1")?.id == "EX-1")
        #expect(register.exception(covering: "e-2") == nil)  // passes: nothing to cover
        #expect(register.exception(covering: "e-3") == nil)  // another control
        #expect(register.entries.first?.failing.map(\.evidence) == ["e-1"])
        #expect(register.entries.first?.state == .open)
    }

    @Test func anExceptionOnAnEvidenceItemCoversThatItemOnly() {
        let register = Self.register([Self.exception("EX-1", evidence: "e-3")], now: Self.midPeriod)
        #expect(register.exception(covering: "e-3")?.id == "EX-1")
        #expect(register.exception(covering: "e-1") == nil)
        // partial counts as failing.
        #expect(register.entries.first?.failing.map(\.status) == [.partial(0.5)])
    }

    @Test(arguments: [
        ("2026-05-31T23:59:59Z", false), ("2026-06-01T00:00:00Z", true),
        ("2026-06-30T23:59:59Z", true), ("2026-07-01T00:00:00Z", false),
    ])
    func thePeriodIncludesBothOfItsDays(_ now: String, _ covered: Bool) {
        // Expires well after the period, so only the period decides.
        let register = Self.register(
            [Self.exception("EX-1", control: "C-1", expires: "2026-12-31")], now: Self.at(now))
        #expect((register.exception(covering: "e-1") != nil) == covered)
        #expect(register.entries.first?.state == (covered ? .open : .outsidePeriod))
    }

    @Test func anExpiredExceptionCoversNothingAndIsAnErrorFromTheDayAfterItsExpiry() {
        let exception = Self.exception("EX-1", control: "C-1", expires: "2026-06-15")
        let lastDay = Self.register([exception], now: Self.at("2026-06-15T23:59:59Z"))
        #expect(lastDay.exception(covering: "e-1")?.id == "EX-1")
        #expect(!lastDay.diagnostics.contains { $0.code == .exceptionExpired })
        let after = Self.register([exception], now: Self.at("2026-06-16T00:00:00Z"))
        #expect(after.exception(covering: "e-1") == nil)
        #expect(after.entries.first?.state == .expired)
        let finding = after.diagnostics.first { $0.code == .exceptionExpired }
        #expect(finding?.severity == .error)
        #expect(finding?.position == F.position(9))
        #expect(
            ExceptionRegister.expiryDiagnostics([exception], now: Self.at("2026-06-16T00:00:00Z"))
                .map(\.code) == [.exceptionExpired])
    }

    @Test func aRemediationDayPassedWhileTheResultStillFailsIsAWarning() {
        let exception = Self.exception("EX-1", control: "C-1", remediation: "2026-06-10")
        let onTheDay = Self.register([exception], now: Self.at("2026-06-10T23:59:59Z"))
        #expect(!onTheDay.diagnostics.contains { $0.code == .exceptionRemediationPast })
        let after = Self.register([exception], now: Self.at("2026-06-11T00:00:00Z"))
        let finding = after.diagnostics.first { $0.code == .exceptionRemediationPast }
        #expect(finding?.severity == .warning)
        #expect(finding?.position == F.position(1))
        // Past its remediation day but naming only a passing result: no warning.
        let fixed = Self.register(
            [Self.exception("EX-2", evidence: "e-2", remediation: "2026-06-10")],
            now: Self.at("2026-06-11T00:00:00Z"))
        #expect(!fixed.diagnostics.contains { $0.code == .exceptionRemediationPast })
    }

    @Test func anOpenExceptionCoveringNothingThatFailsIsANote() {
        let register = Self.register([Self.exception("EX-1", evidence: "e-2")], now: Self.midPeriod)
        #expect(register.diagnostics.map(\.code) == [.exceptionUnused])
        #expect(register.diagnostics.first?.severity == .note)
    }

    @Test func whenTwoOpenExceptionsNameOneResultTheFirstByIDCoversIt() {
        let register = Self.register(
            [Self.exception("EX-B", evidence: "e-1"), Self.exception("EX-A", control: "C-1")],
            now: Self.midPeriod)
        #expect(register.exception(covering: "e-1")?.id == "EX-A")
        #expect(register.entries.map(\.exception.id) == ["EX-A", "EX-B"])
    }
}
