import AttestCLI
import AttestTestSupport
import Foundation
import Testing
import ZIPFoundation

/// The document library through `attest build` (the site's "Documents" section and copied
/// files) and `attest bundle --document`, on a copy of the canary workspace.
@Suite struct DocumentLibraryCommandTests: InProcessCommands {
    /// `printf '# Public whitepaper\n\nHow we protect customer data, in short.\n' | sha256sum`.
    static let whitepaperSHA256 =
        "a74cd629a1201e8b6741ee14f03711dba0825268470fadb85a1fa0a3f5580238"
    static let whitepaper = "# Public whitepaper\n\nHow we protect customer data, in short.\n"
    /// Strings that must never reach the site.
    static let canaries = ["CANARY-NDA", "CANARY-INTERNAL", "CANARY-EXPIRED"]

    /// A copy of the canary workspace with an expired public document and an expired nda one
    /// added by an included file; the caller removes the folder.
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-documents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        try Data(
            """
            schema: 1
            documents:
              - id: expired-public
                file: documents/expired.md
                title: CANARY-EXPIRED-public-title
                visibility: public
                expires: 2026-05-31
              - id: expired-nda
                file: documents/expired.md
                title: CANARY-EXPIRED-nda-title
                expires: 2026-05-31

            """.utf8
        ).write(to: workspace.appendingPathComponent("controls/library/expired-documents.yaml"))
        try Data("CANARY-EXPIRED-content\n".utf8).write(
            to: workspace.appendingPathComponent("documents/expired.md"))
        return folder
    }

    func build(_ folder: URL, at time: String, out: String = "out") async -> Int32 {
        let result = await run([
            "build", "--workspace", folder.appendingPathComponent("ws").path,
            "--out", folder.appendingPathComponent(out).path,
            "--store", folder.appendingPathComponent("s.sqlite").path,
            "--build-time", time, "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        return result.status
    }

    /// Every file under `folder`, by relative path.
    func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true
            else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            result[String(path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func theBuildCopiesOnlyPublicUnexpiredDocumentsAndNamesNDAOnesByTitle() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(await build(folder, at: "2026-06-01T00:00:00Z") == 0)
        let site = try files(folder.appendingPathComponent("out/site"))
        let copied = site.keys.filter { $0.hasPrefix("documents/") }.sorted()
        #expect(copied == ["documents/public-paper/whitepaper.md"])
        #expect(site["documents/public-paper/whitepaper.md"] == Data(Self.whitepaper.utf8))
        for (path, data) in site {
            let text = String(decoding: data, as: UTF8.self)
            for canary in Self.canaries {
                #expect(!text.contains(canary), "\(canary) in \(path)")
            }
            #expect(!text.contains("CANARY-NDA-file-pentest"), "\(path)")
        }

        struct Site: Decodable {
            struct Entry: Decodable {
                var id: String
                var access: String
                var path: String?
                var size: Int?
                var sha256: String?
                var description: [String: String]?
            }
            var documents: [Entry]?
        }
        let json = try JSONDecoder().decode(
            Site.self, from: try #require(site["trust-center.json"]))
        let documents = try #require(json.documents)
        #expect(documents.map(\.id) == ["public-paper", "nda-report"])
        #expect(documents.map(\.access) == ["public", "nda"])
        #expect(documents[0].sha256 == Self.whitepaperSHA256)
        #expect(documents[0].size == Self.whitepaper.utf8.count)
        #expect(documents[0].path == "documents/public-paper/whitepaper.md")
        #expect(documents[1].path == nil && documents[1].sha256 == nil)
        #expect(documents[1].description == nil)

        let page = String(decoding: try #require(site["en/index.html"]), as: UTF8.self)
        let start = try #require(page.range(of: #"<section id="documents""#))
        let end = try #require(
            page.range(of: "</section>", range: start.upperBound..<page.endIndex))
        let section = page[start.lowerBound..<end.upperBound]
        #expect(section.contains(#"<details class="fold">"#))
        #expect(section.contains(#"href="../documents/public-paper/whitepaper.md""#))
        #expect(section.contains(Self.whitepaperSHA256))
        // The hostile public title stays text.
        #expect(section.contains("Public &lt;script&gt;alert(5)&lt;/script&gt; paper"))
        #expect(section.contains("Penetration test summary"))
        #expect(section.contains(##"<a href="#report-request">"##))
        let french = String(decoding: try #require(site["fr/index.html"]), as: UTF8.self)
        #expect(
            french.contains("Synthèse du test d'intrusion")
                || french.contains("Synthèse du test d&#39;intrusion"))
    }

    @Test func aBundleCarriesAnNDADocumentThatVerifyChecks() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(await build(folder, at: "2026-06-01T00:00:00Z") == 0)
        let keys = folder.appendingPathComponent("keys")
        #expect(await run(["keygen", "--out", keys.path]).status == 0)
        let zip = folder.appendingPathComponent("b.zip")
        let made = await bundle(folder, zip: zip, documents: ["nda-report", "public-paper"])
        #expect(made.status == 0, "\(made.err)")
        let archive = try Archive(url: zip, accessMode: .read)
        var packed: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            packed[entry.path] = data
        }
        #expect(
            packed["documents/nda-report/CANARY-NDA-file-pentest.md"]
                == Data("# CANARY-NDA-document-content\n".utf8))
        #expect(packed["documents/public-paper/whitepaper.md"] == Data(Self.whitepaper.utf8))
        let manifest = String(decoding: try #require(packed["manifest.json"]), as: UTF8.self)
        #expect(manifest.contains("documents/nda-report/CANARY-NDA-file-pentest.md"))
        let verified = await run([
            "verify", zip.path, "--public-key",
            keys.appendingPathComponent("attest-bundle.pub").path,
            "--check-time", "2026-06-01T00:00:00Z",
        ])
        #expect(verified.status == 0, "\(verified.out)\(verified.err)")
    }

    @Test(arguments: [
        ("CANARY-INTERNAL-document-id", "bundle.document-internal"),
        ("expired-nda", "bundle.document-expired"),
        ("expired-public", "bundle.document-expired"),
        ("no-such-document", "bundle.document-unknown"),
    ])
    func aBundleRefusesAnInternalExpiredOrUnknownDocument(id: String, code: String) async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(await build(folder, at: "2026-06-01T00:00:00Z") == 0)
        let keys = folder.appendingPathComponent("keys")
        #expect(await run(["keygen", "--out", keys.path]).status == 0)
        let zip = folder.appendingPathComponent("b.zip")
        let refused = await bundle(folder, zip: zip, documents: [id])
        #expect(refused.status == 2)
        #expect(refused.err.contains(code))
        #expect(!FileManager.default.fileExists(atPath: zip.path))
    }

    func bundle(
        _ folder: URL, zip: URL, documents: [String]
    ) async -> (status: Int32, out: String, err: String) {
        await run(
            [
                "bundle", "--workspace", folder.appendingPathComponent("ws").path, "--store",
                folder.appendingPathComponent("s.sqlite").path, "--recipient", "Acme Corp",
                "--nda-ref", "NDA-1", "--framework", "demo", "--key",
                folder.appendingPathComponent("keys/attest-bundle.key").path,
                "--out", zip.path, "--created", "2026-06-01T00:00:00Z",
            ] + documents.flatMap { ["--document", $0] })
    }
}
