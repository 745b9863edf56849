import AttestCore

extension EvidenceSpec {
    /// The `timeout:` option when it is a valid duration, else `fallback`.
    ///
    /// Read by the runner for every kind, so its deadline around a collector matches the
    /// timeout the collector itself applies (command, http and external take `timeout:`).
    func timeout(default fallback: Duration) -> Duration {
        guard let text = options["timeout"]?.scalar, let span = TimeSpan(parsing: text) else {
            return fallback
        }
        return .seconds(span.seconds)
    }
}
