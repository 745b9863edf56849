import ArgumentParser
import AttestCatalog
import AttestCore
import AttestEvidence
import AttestRender
import AttestSystem
import Foundation

/// `attest sample`: draws a reproducible random sample of the rows of a population evidence.
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a reproducible random sample from a population evidence (CSV, JSON, YAML).",
        discussion: """
            Prints the seed, the population file's SHA-256 and row count, the sample size and \
            the rows chosen, and writes the sample as CSV (to --out, else to standard output, \
            the summary then going to standard error). The same seed, file and size always \
            give the same rows: docs/audit.md describes the algorithm and \
            scripts/redraw-sample.py redraws a sample independently.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The evidence whose file holds the population.")
    var evidence: String

    @Option(help: "How many rows to draw (default: the lower bound for --frequency).")
    var size: Int?

    @Option(help: "The seed, 0 to 18446744073709551615 (default: drawn at random and printed).")
    var seed: String?

    @Option(
        help: ArgumentHelp(
            "Sample size from the control's frequency when --size is absent.",
            valueName: ControlFrequency.allCases.map(\.rawValue).joined(separator: "|")))
    var frequency: ControlFrequency?

    @Option(help: "For JSON and YAML: the path of the list in the document, e.g. leavers.")
    var rows: String?

    @Option(help: "Write the sample CSV to this file.")
    var out: String?

    func run() async throws {
        let console = Console.current
        let chosenSize = try sampleSize()
        let chosenSeed = try parsedSeed()
        let session = try WorkspaceSession(options: options, console: console)
        guard let spec = session.graph.evidence[EvidenceID(evidence)] else {
            throw ValidationError("no evidence '\(evidence)' in the workspace")
        }
        let reader = PopulationReader(
            root: try WorkspaceRoot(session.root),
            loadYAML: { data, display in try YAMLDocument.evidence(data, display: display) })
        let population = try reader.read(spec, rows: rows)
        let sample = Sample(population: population, size: chosenSize, seed: chosenSeed.value)
        let csv = SampleTable.table(sample).text

        let lines = summary(sample, seedIsDrawn: chosenSeed.isDrawn)
        if let out {
            try write(csv, to: out)
            for line in lines { console.out(line) }
            console.out("written: \(out)")
        } else {
            for line in lines { console.err(line) }
            console.writeOut(csv)
        }
    }

    /// `--size`, else the lower bound of `--frequency`'s range.
    private func sampleSize() throws -> Int {
        if let size {
            guard size >= 1 else { throw ValidationError("--size must be at least 1") }
            return size
        }
        guard let frequency else {
            throw ValidationError("give --size N or --frequency (annual, quarterly, …)")
        }
        return frequency.sampleSizes.lowerBound
    }

    private func parsedSeed() throws -> (value: UInt64, isDrawn: Bool) {
        guard let seed else { return (UInt64.random(in: .min ... .max), true) }
        guard seed.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = UInt64(seed)
        else {
            throw ValidationError(
                "--seed must be a whole number from 0 to 18446744073709551615: \(seed)")
        }
        return (value, false)
    }

    private func summary(_ sample: Sample, seedIsDrawn: Bool) -> [String] {
        let population = sample.population
        var lines = [
            "population: \(population.path) (evidence \(population.evidence))",
            "sha256: \(population.sha256)",
            "rows: \(population.rows.count)",
            "seed: \(sample.seed)"
                + (seedIsDrawn ? " (drawn at random; pass --seed \(sample.seed) to redraw)" : ""),
        ]
        var sizeLine = "size: \(sample.rows.count)"
        if let frequency, size == nil {
            let range = frequency.sampleSizes
            let bounds =
                range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
            sizeLine += " (\(frequency.rawValue): \(bounds); the lower bound is taken)"
        }
        if population.rows.isEmpty {
            sizeLine += " — the population has no rows, so there is nothing to sample"
        } else if sample.isWholePopulation {
            sizeLine +=
                " — the size asked (\(sample.requestedSize)) is not smaller than the population "
                + "(\(population.rows.count)), so every row is taken"
        }
        lines.append(sizeLine)
        if let frequency, size != nil, !frequency.sampleSizes.contains(sample.requestedSize) {
            lines.append(
                "note: --size \(sample.requestedSize) is outside the usual range for a "
                    + "\(frequency.rawValue) control (\(frequency.sampleSizes.lowerBound)–"
                    + "\(frequency.sampleSizes.upperBound))")
        }
        lines.append(
            "sample: "
                + (sample.rows.isEmpty
                    ? "none"
                    : sample.isWholePopulation
                        ? "every row (1–\(population.rows.count))"
                        : "rows " + sample.rows.map { String($0.number) }.joined(separator: ", ")))
        return lines
    }

    private func write(_ text: String, to path: String) throws {
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: destination, options: .atomic)
        } catch {
            throw UnreadableInput(
                description: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

extension ControlFrequency: ExpressibleByArgument {}
