/// Sizes and seed of a generated workspace; equal configurations write byte-identical files.
public struct GeneratorConfiguration: Hashable, Sendable, CustomStringConvertible {
    /// Seed of the pseudo-random choices (ids, texts, tags, references).
    public var seed: UInt64
    /// Framework catalogs written to `controls/frameworks/`.
    public var frameworks: Int
    /// Requirements of each framework, as trees of depth 2–3.
    public var requirementsPerFramework: Int
    /// Controls in the workspace, spread over `controlFiles` files in `controls/library/`.
    public var controls: Int
    public var controlFiles: Int
    /// Evidence specifications of each control.
    public var evidencePerControl: Int
    /// Mapping files in `controls/mappings/`, each between two frameworks.
    public var mappingFiles: Int
    public var relationsPerMapping: Int
    /// Whether the evidence files are written too (`evidence/`, `keys/`): the specs then use
    /// only the collectors that read files (file, json, yaml, junit, sarif, attestation), so a
    /// build collects real bytes without processes or the network.
    public var evidenceFiles: Bool

    public init(
        seed: UInt64 = 0xA77E_57BE_4C4D, frameworks: Int = 50,
        requirementsPerFramework: Int = 1_000,
        controls: Int = 10_000, controlFiles: Int = 100, evidencePerControl: Int = 3,
        mappingFiles: Int = 25, relationsPerMapping: Int = 200, evidenceFiles: Bool = false
    ) {
        precondition(frameworks >= 2, "mappings need two frameworks")
        precondition(requirementsPerFramework >= 2, "a tree of depth 2 needs two requirements")
        precondition(controls >= 1 && controlFiles >= 1 && controlFiles <= controls)
        self.seed = seed
        self.frameworks = frameworks
        self.requirementsPerFramework = requirementsPerFramework
        self.controls = controls
        self.controlFiles = controlFiles
        self.evidencePerControl = evidencePerControl
        self.mappingFiles = mappingFiles
        self.relationsPerMapping = relationsPerMapping
        self.evidenceFiles = evidenceFiles
    }

    /// The workload of the benchmarks: 50 frameworks × 1,000 requirements, 10,000 controls in
    /// 100 files, 30,000 evidence specs, 25 mapping files of 200 relations.
    public static let `default` = GeneratorConfiguration()

    /// The workload of the scoring and store benchmarks: the default workspace with 10 evidence
    /// specs per control, so 100,000 evidence specs (and results) over 10,000 controls.
    public static let scoring = GeneratorConfiguration(evidencePerControl: 10)

    /// The workload of the whole-pipeline benchmark (PipelineBench): the `scoring` workspace
    /// whose 100,000 evidence specs read files the generator writes too (about 0.9 GB).
    public static let pipeline = GeneratorConfiguration(evidencePerControl: 10, evidenceFiles: true)

    /// The pipeline workload scaled by `factor` (frameworks, controls, files and relations).
    public static func pipelineScaled(_ factor: Double) -> GeneratorConfiguration {
        var configuration = scaled(factor)
        configuration.evidencePerControl = pipeline.evidencePerControl
        configuration.evidenceFiles = true
        return configuration
    }

    /// A workspace small enough for tests and for `valgrind --tool=callgrind`.
    public static let small = GeneratorConfiguration(
        frameworks: 5, requirementsPerFramework: 100, controls: 300, controlFiles: 6,
        mappingFiles: 3,
        relationsPerMapping: 40)

    /// The default workload scaled by `factor` (frameworks, controls, files and relations; the
    /// depth and width of each framework tree stay the same).
    public static func scaled(_ factor: Double) -> GeneratorConfiguration {
        func scale(_ value: Int, minimum: Int) -> Int {
            max(minimum, Int((Double(value) * factor).rounded()))
        }
        let base = GeneratorConfiguration.default
        let controls = scale(base.controls, minimum: 1)
        return GeneratorConfiguration(
            seed: base.seed, frameworks: scale(base.frameworks, minimum: 2),
            requirementsPerFramework: base.requirementsPerFramework, controls: controls,
            controlFiles: min(controls, scale(base.controlFiles, minimum: 1)),
            evidencePerControl: base.evidencePerControl,
            mappingFiles: scale(base.mappingFiles, minimum: 1),
            relationsPerMapping: base.relationsPerMapping)
    }

    public var description: String {
        "\(frameworks) frameworks × \(requirementsPerFramework) requirements, \(controls) controls in "
            + "\(controlFiles) files (\(evidencePerControl) evidence each), \(mappingFiles) mapping files × "
            + "\(relationsPerMapping) relations, seed \(seed)"
            + (evidenceFiles ? ", with evidence files" : "")
    }
}
