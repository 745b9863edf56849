import Foundation

/// Whether a test that needs a real local service or tool (openssl, moto, aws, ssh-keygen…) may
/// run here.
///
/// Use it as a trait condition: `@Test(.enabled(if: LocalService.available("openssl")))`.
/// Outside CI a missing tool skips the test, visibly (Swift Testing reports it as skipped).
/// Under `CI=true` the condition is always true, so a missing tool makes the test run and fail
/// instead of hiding behind a skip: CI installs everything the suite needs (.ci/run).
public enum LocalService {
    /// True when every named executable is on `PATH`, or when running under `CI=true`.
    public static func available(_ executables: String...) -> Bool {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return executables.allSatisfy { path(of: $0) != nil }
    }

    /// The absolute path of an executable found on `PATH`, or nil.
    public static func path(of executable: String) -> URL? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(executable)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
