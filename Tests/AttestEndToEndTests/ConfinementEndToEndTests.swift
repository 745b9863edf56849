import AttestTestSupport
import Foundation
import Testing

/// Every kind of file Attest reads on a workspace's behalf, planted as a link to a secret
/// outside the workspace: `validate` blames it where it is named, `build` refuses to run, and
/// the secret reaches no output, no store and no message.
@Suite struct ConfinementEndToEndTests {
    /// A link planted in a copy of the canary workspace, and where validate must blame it.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case template, partial, locale, scopeManifest, publicKey, catalog, include, evidence

        var testDescription: String { rawValue }

        /// The workspace file that becomes a link to `secret`.
        var linkPath: String {
            switch self {
            case .template: "templates/site/style.css"
            case .partial: "templates/site/partials/footer.mustache"
            case .locale: "templates/locales/en.yaml"
            case .scopeManifest: "evidence/oauth/public.yaml"
            case .publicKey: "keys/bundle.pub"
            case .catalog: "controls/frameworks/demo.yaml"
            case .include: "controls/library/more.yaml"
            case .evidence: "evidence/policy.md"
            }
        }

        /// `file:line:col` of the diagnostic (positions in the canary workspace).
        var blamed: String {
            switch self {
            case .template, .partial, .locale, .catalog: "\(linkPath):1:1"
            case .scopeManifest: "attest.yaml:57:17"
            case .publicKey: "attest.yaml:78:13"
            case .include: "attest.yaml:11:11"
            case .evidence: "controls/library/controls.yaml:9:9"
            }
        }
    }

    struct Planted {
        let folder: URL
        let workspace: URL
        let secret: String

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// The canary workspace copied to a scratch folder, with `kind`'s file replaced by a link
    /// to a secret (a YAML document, so it would parse if it were read).
    func plant(_ kind: Kind) throws -> Planted {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-confinement-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        let secret = "OUTSIDE-SECRET-\(UUID().uuidString)"
        let secretFile = folder.appendingPathComponent("secret.yaml")
        try Data("schema: 1\nsecret: \(secret)\n".utf8).write(to: secretFile)
        if kind == .publicKey {
            let manifest = workspace.appendingPathComponent("attest.yaml")
            let text = try String(contentsOf: manifest, encoding: .utf8)
            try Data((text + "public_key: keys/bundle.pub\n").utf8).write(to: manifest)
        }
        let link = workspace.appendingPathComponent(kind.linkPath)
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createDirectory(
            at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: link.path, withDestinationPath: secretFile.path)
        return Planted(folder: folder, workspace: workspace, secret: secret)
    }

    /// Every byte under `folder` (and the store beside it), as text.
    func everything(in folder: URL) -> String {
        var text = ""
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            guard attributes?[.type] as? FileAttributeType == .typeRegular,
                url.lastPathComponent != "secret.yaml"
            else { continue }
            text += String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
        }
        return text
    }

    @Test(arguments: Kind.allCases)
    func validateBlamesALinkOutOfTheWorkspaceWhereItIsNamed(_ kind: Kind) async throws {
        let planted = try plant(kind)
        defer { planted.remove() }
        let result = try await AttestBinary.run(["validate", "--workspace", planted.workspace.path])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains("\(kind.blamed): error: "),
            "\(result.standardError)")
        #expect(result.standardError.contains("[workspace.unsafe-path]"))
        #expect(!result.standardError.contains(planted.secret))
        #expect(!result.standardOutput.contains(planted.secret))
    }

    @Test(arguments: Kind.allCases)
    func buildRefusesALinkOutOfTheWorkspaceAndPublishesNothingOfIt(_ kind: Kind) async throws {
        let planted = try plant(kind)
        defer { planted.remove() }
        let out = planted.folder.appendingPathComponent("out")
        let result = try await AttestBinary.run([
            "build", "--workspace", planted.workspace.path, "--out", out.path, "--store",
            planted.folder.appendingPathComponent("store.sqlite").path, "--quiet",
        ])
        #expect(result.status != 0)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!everything(in: planted.folder).contains(planted.secret))
        #expect(!result.standardError.contains(planted.secret))
    }

    /// The case that put a CI token on a public page: the stylesheet is a link to the build's
    /// own environment.
    @Test func aStylesheetLinkedToTheProcessEnvironmentPublishesNoSecret() async throws {
        let planted = try plant(.template)
        defer { planted.remove() }
        let link = planted.workspace.appendingPathComponent("templates/site/style.css")
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(
            atPath: link.path, withDestinationPath: "/proc/self/environ")
        let token = "CI-TOKEN-\(UUID().uuidString)"
        let out = planted.folder.appendingPathComponent("out")
        let result = try await AttestBinary.run(
            [
                "build", "--workspace", planted.workspace.path, "--out", out.path, "--store",
                planted.folder.appendingPathComponent("store.sqlite").path, "--quiet",
            ], environment: ["ATTEST_TEST_CI_TOKEN": token])
        #expect(result.status != 0)
        #expect(result.standardError.contains("[workspace.unsafe-path]"))
        #expect(!everything(in: planted.folder).contains(token))
        #expect(!result.standardError.contains(token))
    }
}
