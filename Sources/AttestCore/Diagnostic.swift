/// A finding about the workspace, printed like a compiler diagnostic.
///
/// Diagnostics are collected, not thrown, so one `validate` run reports every finding.
/// The `code` is a stable contract (documented in docs/diagnostics.md); the message is for people.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How serious a finding is; only errors make a workspace invalid.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary remark attached to a diagnostic, such as the first definition of a duplicate.
    public struct Note: Hashable, Sendable, Codable {
        public var message: String
        public var position: SourcePosition?

        public init(_ message: String, at position: SourcePosition? = nil) {
            self.message = message
            self.position = position
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var position: SourcePosition?
    public var notes: [Note]
    /// What to do about it, in one sentence, when the usual cause is known ("quote the value",
    /// "save the file as UTF-8"); printed on its own `hint:` line. A note says *where* something
    /// related is; a hint says *how to fix* this one.
    public var hint: String?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        at position: SourcePosition?, notes: [Note] = [], hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.position = position
        self.notes = notes
        self.hint = hint
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at position: SourcePosition?,
        notes: [Note] = [], hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: position, notes: notes, hint: hint)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at position: SourcePosition?,
        notes: [Note] = [], hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: position, notes: notes, hint: hint)
    }

    /// The same finding with `hint` set.
    public func hinted(_ hint: String?) -> Diagnostic {
        var copy = self
        copy.hint = hint
        return copy
    }
}

extension Diagnostic: Comparable {
    /// Orders by file, line, column, then code, so output is stable whatever the load order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        func key(_ d: Diagnostic) -> (String, Int, Int, String, String) {
            (
                d.position?.file ?? "", d.position?.line ?? 0, d.position?.column ?? 0,
                d.code.rawValue, d.message
            )
        }
        return key(lhs) < key(rhs)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}

/// A diagnostic can end a stage that cannot go on (a YAML syntax error ends that file's parse).
extension Diagnostic: Error {}
