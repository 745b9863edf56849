import AttestCore
import AttestSystem
import Foundation

/// A live observation saved for later builds: dated, hashed, and read back as what it is.
///
/// `attest collect --record DIR` writes one per live evidence item; an evidence spec that names
/// it with `recording:` is then judged on it instead of observing the system again, with the
/// recording's own `observed_at` (date source `live`), and every message says
/// "recorded <date>", so a recording never passes for a fresh observation. The `sha256` is the
/// SHA-256 of the observation's canonical JSON (sorted keys): a recording whose observation
/// was edited no longer matches it and is an `error`. The hash proves integrity, not
/// authorship: whoever can write the workspace can write a new recording, which is why the
/// observation's date and target are inside the hashed part and shown in every report.
/// One format for every live collector (tls, http): only the observation differs, and it says
/// its own date and target (`RecordedObservation`), so the checks below hold for all of them.
struct Recording<Observation: RecordedObservation>: Codable, Sendable {
    /// "attest-recording/1".
    var format: String
    var collector: String
    var evidence: String
    var target: String
    var observedAt: String
    var observation: Observation
    var sha256: String

    static var currentFormat: String { "attest-recording/1" }
    /// Recordings are small; anything larger is refused before it is parsed.
    static var maxBytes: Int { Observation.maxRecordingBytes }

    enum CodingKeys: String, CodingKey {
        case format, collector, evidence, target, observation, sha256
        case observedAt = "observed_at"
    }

    /// A recording of `observation` for `spec`.
    init(_ observation: Observation, spec: EvidenceSpec) {
        format = Self.currentFormat
        collector = spec.collector.rawValue
        evidence = spec.id.rawValue
        target = observation.target
        observedAt = observation.observedAt
        self.observation = observation
        sha256 = ContentHash.sha256(observation.canonicalJSON)
    }

    /// The file's bytes: pretty-printed, sorted keys, ending with a newline.
    var fileContents: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// Reads and checks a recording: its format, its hash, and that its envelope agrees with
    /// the hashed observation.
    ///
    /// - Returns: The recording, or why it cannot be trusted.
    static func verified(_ data: Data) -> Result<Recording, RecordingProblem> {
        let recording: Recording
        do {
            recording = try JSONDecoder().decode(Recording.self, from: data)
        } catch {
            return .failure(
                RecordingProblem(message: "not a recording (\(Self.reason(error)))"))
        }
        guard recording.format == currentFormat else {
            return .failure(
                RecordingProblem(
                    message: "unknown recording format '\(recording.format)' "
                        + "(expected \(currentFormat))"))
        }
        let computed = ContentHash.sha256(recording.observation.canonicalJSON)
        guard computed == recording.sha256 else {
            return .failure(
                RecordingProblem(
                    message:
                        "tampered recording: its observation hashes to \(computed.prefix(12))…,"
                        + " the recording says \(recording.sha256.prefix(12))…"))
        }
        guard recording.observedAt == recording.observation.observedAt,
            recording.target == recording.observation.target,
            recording.observation.observedDate != nil
        else {
            return .failure(
                RecordingProblem(
                    message: "tampered recording: its date or target disagrees with the hashed "
                        + "observation"))
        }
        return .success(recording)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "'\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        default: "invalid JSON"
        }
    }
}

/// What a live collector records: an observation that carries its own date and target, with
/// a canonical JSON form that is hashed.
protocol RecordedObservation: Codable, Sendable {
    /// When it was observed, whole seconds UTC (`2026-12-05T18:00:00Z`).
    var observedAt: String { get }
    /// What was observed, as results name their target.
    var target: String { get }
    /// The bytes hashed: sorted keys, no whitespace, no escaped slashes, nulls omitted.
    var canonicalJSON: Data { get }
    /// The largest recording file read back for this kind of observation.
    static var maxRecordingBytes: Int { get }
}

extension RecordedObservation {
    /// `observedAt` as a date; nil when a recording holds something else.
    var observedDate: Date? { Timestamp.instant(observedAt, zoneRequired: true, dayAllowed: false) }

    var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings, numbers, booleans and nested objects: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// Why a recording cannot be trusted; an `error` result.
struct RecordingProblem: Error, Sendable {
    var message: String
}

/// A recording read back for an evidence item, checked as far as every kind of observation
/// allows: the file (confined), its format and hash, that this collector made it, and that it
/// is not dated after the run. The collector adds its own mismatches (target, options) and
/// refuses the replay while any remain.
struct RecordingReplay<Observation: RecordedObservation> {
    var file: ArtifactFile
    var recording: Recording<Observation>
    var mismatches: [String]
    /// The observation's own date, or the run's time when it holds none (then a mismatch).
    var observedAt: Date

    /// Why a recording could not be used at all.
    enum Failure: Error {
        /// The file could not be read: judged as any unreadable evidence file is.
        case file(ArtifactFile.Problem)
        /// The file was read but is not a recording that can be trusted.
        case untrusted(String, Artifact)
    }

    /// Reads the recording at `path` for `spec`, in a run at `now`.
    static func read(
        _ path: WorkspacePath, for spec: EvidenceSpec, in root: URL, now: Date
    ) -> Result<Self, Failure> {
        let file: ArtifactFile
        switch ArtifactFile.read(path, in: root, limit: Observation.maxRecordingBytes) {
        case .success(let read): file = read
        case .failure(let problem): return .failure(.file(problem))
        }
        let recording: Recording<Observation>
        switch Recording<Observation>.verified(file.data) {
        case .success(let verified): recording = verified
        case .failure(let problem): return .failure(.untrusted(problem.message, file.artifact))
        }
        var mismatches: [String] = []
        if recording.collector != spec.collector.rawValue {
            mismatches.append("is a \(recording.collector) recording")
        }
        let observedAt = recording.observation.observedDate ?? now
        if observedAt > now {
            mismatches.append("is dated \(recording.observation.observedAt), after this run")
        }
        return .success(
            Self(file: file, recording: recording, mismatches: mismatches, observedAt: observedAt))
    }
}
