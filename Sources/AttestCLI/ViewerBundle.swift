import AttestBundle
import AttestCore
import AttestEvidence
import AttestRender
import AttestStore
import AttestSystem
import Crypto
import Foundation

/// One recipient's signed, watermarked bundle of the latest run's reports, documents and
/// optionally evidence, logged in the store's disclosures.
///
/// `attest bundle` makes one by hand; the portal makes one per download, for the viewer its
/// grant names, so `attest verify` on the file names who received it.
struct ViewerBundle {
    /// Who receives it and under which NDA, printed on every page and in the manifest.
    var recipient: String
    var ndaReference: String
    var frameworks: [FrameworkID]
    var documents: [String] = []
    var includeEvidence = false
    var validity: TimeSpan?
    /// The portal request it is downloaded under; nil for a bundle made by hand.
    var accessRequestID: String?

    struct Made {
        var bundleID: String
        var bytes: Data
        var sha256: String
        var entryCount: Int
        var withheld: [WithheldFile]
        /// False when the same bundle (same inputs, same time) was already logged.
        var logged: Bool
    }

    /// Makes the bundle at `time` from the store's latest run, signs it with `signingKey` and
    /// logs it in the store's disclosures.
    func make(
        session: WorkspaceSession, store: any ScoreStore,
        signingKey: Curve25519.Signing.PrivateKey, time: Date
    ) throws -> Made {
        guard let run = try store.runs(limit: 1).first else {
            throw UnreadableInput(
                description:
                    "the store has no run yet; run `attest collect` or `attest build` first")
        }
        let results = try store.results(run: run.id)
        let scores = Scores(
            graph: session.graph, results: results.aged(by: session.graph, now: time), now: time,
            expiringWithin: session.manifest.expiringWithin)
        let fingerprint = session.fingerprint
        let bundleID = BundleContents.bundleID(
            recipient: recipient, ndaReference: ndaReference, frameworks: frameworks,
            created: time, runID: run.id, workspaceFingerprint: fingerprint)
        let build = BuildInfo(
            id: run.buildID ?? "run-\(run.id)", time: time, toolVersion: AttestVersion.current,
            revision: run.revision, ciURL: run.ciURL.flatMap(CIRun.validated))
        let contents = BundleContents(
            graph: session.graph, scores: scores, build: build,
            templates: TemplateSet(workspaceRoot: session.root))
        let watermark = BundleContents.watermark(
            recipient: recipient, ndaReference: ndaReference, bundleID: bundleID)
        var files = try contents.reportFiles(frameworks: frameworks, watermark: watermark)
        var withheld: [WithheldFile] = []
        if !documents.isEmpty || includeEvidence {
            let root: WorkspaceRoot
            do { root = try WorkspaceRoot(session.root) } catch {
                throw UnreadableInput(description: error.description)
            }
            if !documents.isEmpty {
                let read = try BundleDocuments.read(
                    documents, from: session.graph.manifest.documents, root: root, now: time)
                files.merge(read) { report, _ in report }
            }
            if includeEvidence {
                // The reports, README, key and manifest need room too.
                let reserved = files.values.reduce(0) { $0 + $1.count } + (1 << 20)
                let evidence = BundleEvidence.read(
                    contents.evidenceArtifacts(for: frameworks), from: root,
                    budget: BundleLimits.standard.maxTotalBytes - reserved)
                files.merge(evidence.files) { report, _ in report }
                withheld = evidence.withheld
            }
        }
        let expiry = validity.map { time.addingTimeInterval(TimeInterval($0.seconds)) }
        let manifest = BundleManifest(
            formatVersion: BundleManifest.currentFormatVersion, bundleID: bundleID,
            recipient: recipient, ndaReference: ndaReference,
            frameworks: frameworks.map(\.rawValue), created: PublicProjection.isoDate(time),
            expires: expiry.map(PublicProjection.isoDate), runID: run.id,
            workspaceFingerprint: fingerprint, toolVersion: AttestVersion.current,
            signerFingerprint: "", entries: [], withheld: withheld.isEmpty ? nil : withheld,
            withheldControls: contents.withheldControls(frameworks: frameworks))
        let bytes = try BundleWriter(signingKey: signingKey).write(manifest: manifest, files: files)
        let sha256 = Hex.encode(SHA256.hash(data: bytes))
        var logged = true
        do {
            try store.record(
                Disclosure(
                    id: bundleID, recipient: recipient, ndaReference: ndaReference,
                    frameworks: frameworks, sha256: sha256, createdAt: time, expiresAt: expiry,
                    runID: run.id, documents: documents.sorted(),
                    accessRequestID: accessRequestID))
        } catch {
            guard error.code == .invalidRecord else { throw error }
            logged = false
        }
        return Made(
            bundleID: bundleID, bytes: bytes, sha256: sha256, entryCount: files.count + 4,
            withheld: withheld, logged: logged)
    }
}
