import AttestCore
import AttestSystem

/// The collectors available to a run, one per `collector:` kind.
public struct CollectorRegistry: Sendable {
    private var collectors: [CollectorKind: any Collector]

    /// The ten built-in collectors.
    ///
    /// - Parameters:
    ///   - loadYAML: Parses a YAML file for the yaml and attestation collectors (the CLI passes
    ///     AttestCatalog's reader; this module has no YAML library of its own).
    ///   - redactor: Hides secrets in the output of commands and external collectors and in
    ///     the URLs of http evidence.
    public init(loadYAML: @escaping DocumentLoader, redactor: SecretRedactor = .standard) {
        self.init(collectors: [
            FileCollector(), CommandCollector(redactor: redactor), JSONCollector(),
            YAMLCollector(load: loadYAML), JUnitCollector(), SARIFCollector(),
            HTTPCollector(redactor: redactor), TLSCollector(),
            AttestationCollector(load: loadYAML), ExternalCollector(redactor: redactor),
        ])
    }

    /// A registry of exactly `collectors`; a later collector of the same kind replaces an
    /// earlier one (tests and embedders swap in their own).
    public init(collectors: [any Collector]) {
        var byKind: [CollectorKind: any Collector] = [:]
        for collector in collectors { byKind[collector.kind] = collector }
        self.collectors = byKind
    }

    /// The collector for `kind`, if registered.
    public subscript(kind: CollectorKind) -> (any Collector)? { collectors[kind] }

    /// The kinds registered, in declaration order.
    public var kinds: [CollectorKind] { CollectorKind.allCases.filter { collectors[$0] != nil } }

    /// Checks the options of every spec with its collector, for `attest validate`.
    ///
    /// - Returns: Diagnostics sorted by position; an unregistered kind is itself a diagnostic.
    public func validate(_ specs: [EvidenceSpec]) -> [Diagnostic] {
        // Each spec is checked alone: on every core.
        specs.concurrentMap { spec -> [Diagnostic] in
            guard let collector = collectors[spec.collector] else {
                return [
                    .error(
                        .evidenceUnknownCollector,
                        "no collector is registered for '\(spec.collector.rawValue)'",
                        at: spec.position)
                ]
            }
            return collector.validate(spec)
        }.flatMap { $0 }.sorted()
    }
}
