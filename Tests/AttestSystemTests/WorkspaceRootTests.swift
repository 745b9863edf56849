import AttestTestSupport
import CAttestSystem
import Foundation
import Testing

@testable import AttestSystem

#if canImport(Glibc)
import Glibc
#endif

@Suite struct WorkspacePathTests {
    @Test(arguments: [
        ("evidence/infra/lb.yaml", "evidence/infra/lb.yaml"),
        ("./evidence//infra/./lb.yaml", "evidence/infra/lb.yaml"),
        ("a", "a"),
    ])
    func relativePathsAreNormalised(_ text: String, _ normalised: String) throws {
        #expect(try WorkspacePath(text).relative == normalised)
    }

    @Test(arguments: [
        ("", WorkspacePath.TextProblem.empty),
        (".", .empty),
        ("/etc/passwd", .absolute),
        ("~/secrets", .absolute),
        ("../outside.yaml", .parentReference),
        ("evidence/../../outside.yaml", .parentReference),
        ("evidence/..", .parentReference),
        ("evidence/a\u{0}b", .controlCharacter),
        ("evidence/a\u{85}b", .controlCharacter),
        ("evidence\\infra\\lb.yaml", .windowsPath),
        ("C:/evidence/lb.yaml", .windowsPath),
        ("\\\\server\\share", .windowsPath),
    ])
    func unsafeTextIsRefused(_ text: String, _ problem: WorkspacePath.TextProblem) {
        #expect(throws: problem) { try WorkspacePath(text) }
    }

    /// Every text of up to four pieces from those that matter (separators, dots, a drive
    /// colon, C0, DEL, C1 and the non-control `U+00A0`, which shares C1's lead byte) gets the
    /// same answer as the check written component by component, as it was before the one-pass
    /// test of normal paths was added.
    @Test func everyShortTextIsJudgedAsTheComponentCheckJudgesIt() {
        let pieces = [
            "a", "é", "/", ".", "..", "\\", "~", ":", "C", "\u{1}", "\u{7f}", "\u{80}", "\u{9f}",
            "\u{a0}",
        ]
        var texts = [""]
        var layer = [""]
        for _ in 0..<4 {
            layer = layer.flatMap { text in pieces.map { text + $0 } }
            texts += layer
        }
        for text in texts {
            let answer = Result { () throws(WorkspacePath.TextProblem) in
                try WorkspacePath(text).relative
            }
            #expect(answer == Self.componentCheck(text), "\(text.debugDescription)")
        }
    }

    /// The check of a path text component by component.
    private static func componentCheck(_ text: String) -> Result<String, WorkspacePath.TextProblem>
    {
        if text.isEmpty { return .failure(.empty) }
        if text.hasPrefix("/") || text.hasPrefix("~") { return .failure(.absolute) }
        let bytes = Array(text.utf8)
        let driveLetter =
            bytes.count >= 2 && bytes[1] == UInt8(ascii: ":")
            && (Character(UnicodeScalar(bytes[0])).isASCII
                && Character(UnicodeScalar(bytes[0])).isLetter)
        if bytes.contains(UInt8(ascii: "\\")) || driveLetter { return .failure(.windowsPath) }
        if text.unicodeScalars.contains(where: {
            $0.value < 0x20 || (0x7f...0x9f).contains($0.value)
        }) {
            return .failure(.controlCharacter)
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains("..") { return .failure(.parentReference) }
        let kept = parts.filter { $0 != "." }
        if kept.isEmpty { return .failure(.empty) }
        return .success(kept.joined(separator: "/"))
    }
}

@Suite struct WorkspaceRootTests {
    let outside: TemporaryWorkspace
    let workspace: TemporaryWorkspace
    let root: WorkspaceRoot

    init() throws {
        outside = try TemporaryWorkspace()
        try outside.write("secret.txt", "top secret")
        workspace = try TemporaryWorkspace()
        root = try WorkspaceRoot(workspace.root)
    }

    private func code(_ relative: String, limit: Int = 1 << 20) -> ConfinementError.Code? {
        do {
            _ = try root.read(relative, limit: limit)
            return nil
        } catch { return error.code }
    }

    @Test func aFileInsideIsRead() throws {
        try workspace.write("evidence/a.txt", "hello")
        let read = try root.read("evidence/a.txt", limit: 100)
        #expect(String(decoding: read.data, as: UTF8.self) == "hello")
        #expect(read.path.relative == "evidence/a.txt")
    }

    @Test func aLinkToAFileOutsideIsRefused() throws {
        try workspace.link("templates/site/style.css", to: outside.root.path + "/secret.txt")
        #expect(code("templates/site/style.css") == .unsafePath)
    }

    @Test func aLinkToTheProcessEnvironmentIsRefused() throws {
        try workspace.link("templates/site/style.css", to: "/proc/self/environ")
        try workspace.link("evidence/passwd", to: "/etc/passwd")
        #expect(code("templates/site/style.css") == .unsafePath)
        #expect(code("evidence/passwd") == .unsafePath)
    }

    @Test func aFileBehindALinkedFolderOutsideIsRefused() throws {
        try workspace.link("evidence/dir", to: outside.root.path)
        #expect(code("evidence/dir/secret.txt") == .unsafePath)
        // Absent behind a link that leaves: still refused, not reported missing.
        #expect(code("evidence/dir/absent.txt") == .unsafePath)
        #expect(throws: ConfinementError.self) {
            try root.locate(WorkspacePath("evidence/dir/absent.txt"))
        }
    }

    @Test func aLinkThatClimbsOutWithDotsIsRefused() throws {
        try workspace.link("evidence/up", to: "../../..")
        #expect(code("evidence/up/etc/passwd") == .unsafePath)
    }

    @Test func aLinkInsideTheWorkspaceIsFollowed() throws {
        let target = try workspace.write("evidence/real.txt", "x")
        try workspace.link("evidence/alias.txt", to: "real.txt")
        #expect(try root.locate(WorkspacePath("evidence/alias.txt")) == .file(target))
        #expect(try root.read("evidence/alias.txt", limit: 10).data == Data("x".utf8))
    }

    @Test(arguments: [".git/config", ".attest/attest.sqlite"])
    func privateFoldersAreNeverRead(_ path: String) throws {
        try workspace.write(path, "[http] extraheader = AUTHORIZATION: basic c2VjcmV0")
        #expect(code(path) == .unsafePath)
        try workspace.link("templates/site/style.css", to: "../../" + path)
        #expect(code("templates/site/style.css") == .unsafePath)
    }

    /// `locate` walks a path without links itself and leaves everything else to the full
    /// resolution: both must answer alike for every kind of entry on every kind of path.
    @Test func locateAnswersAsTheFullResolutionDoes() throws {
        try workspace.write("evidence/a.txt", "a")
        try workspace.write("evidence/sub/b.txt", "b")
        try workspace.write("deep/x/y/z.txt", "z")
        try workspace.write(".git/config", "token")
        try workspace.write(".attest/store", "rows")
        try workspace.link("evidence/alias.txt", to: "a.txt")
        try workspace.link("evidence/subalias", to: "sub")
        try workspace.link("evidence/out", to: outside.root.path)
        try workspace.link("evidence/updir", to: "../..")
        try workspace.link("evidence/dangling", to: "nowhere")
        try workspace.link("evidence/git", to: "../.git")
        #expect(mkfifo(workspace.root.appendingPathComponent("evidence/pipe").path, 0o600) == 0)
        let paths = [
            "evidence/a.txt", "evidence/sub", "evidence/sub/b.txt", "deep/x/y/z.txt", "deep/x",
            "evidence/alias.txt", "evidence/subalias/b.txt", "evidence/subalias/none",
            "evidence/out/secret.txt", "evidence/out/absent", "evidence/out",
            "evidence/updir/etc", "evidence/dangling", "evidence/dangling/x", "evidence/git/config",
            ".git/config", ".git", ".attest/store", "evidence/pipe", "evidence/none.txt",
            "nope/deeper/x", "evidence/sub/none/x", "evidence/a.txt/child", "deep/x/y/z.txt/q",
        ]
        func answer(_ find: () throws(ConfinementError) -> WorkspaceRoot.Entry) -> String {
            do { return "\(try find())" } catch { return "error \(error.code)" }
        }
        // The paths with no link, private folder or special file on the way: the only ones
        // the looks without links must decide themselves.
        let plain: Set = [
            "evidence/a.txt", "evidence/sub", "evidence/sub/b.txt", "deep/x/y/z.txt", "deep/x",
            "evidence/none.txt", "nope/deeper/x", "evidence/sub/none/x",
        ]
        for text in paths {
            let path = try WorkspacePath(text)
            let walked = answer { () throws(ConfinementError) in try root.locate(path) }
            let resolved = answer { () throws(ConfinementError) in
                try root.locateByResolving(path)
            }
            #expect(walked == resolved, "\(text)")
            // Both looks without links: by one openat2 and by an lstat per component. Each
            // answers exactly the plain paths, as the full resolution does.
            for oneCall in [true, false] {
                let look = root.locateWithoutLinks(path, oneCall: oneCall)
                #expect((look != nil) == plain.contains(text), "\(text), one call: \(oneCall)")
                if let look { #expect("\(look)" == resolved, "\(text), one call: \(oneCall)") }
            }
        }
        // The looks of many paths at once, from one descriptor of the folder and each folder
        // opened once for consecutive paths, answer as `locate` does, error for error, in any
        // order; the look from the folders decides exactly the plain paths.
        let all = try paths.map { try WorkspacePath($0) }
        var generator = SystemRandomNumberGenerator()
        for order in [all, all.sorted { $0.relative < $1.relative }]
            + (0..<20).map({ _ in all.shuffled(using: &generator) })
        {
            for (path, kind) in zip(order, root.kinds(of: order)) {
                let located = answer { () throws(ConfinementError) in try root.locate(path) }
                switch kind {
                case .success(let kind):
                    #expect(
                        located.hasPrefix(kind == .missing ? "missing" : "\(kind)("), "\(path)")
                case .failure(let error): #expect(located == "error \(error.code)", "\(path)")
                }
            }
        }
        #if os(Linux)
        let folder = attest_open_folder_for_looks(root.realPath)
        #expect(folder >= 0)
        defer { close(folder) }
        var looker = WorkspaceRoot.FolderLooker(root: folder)
        defer { looker.close() }
        for path in all + all.reversed() {
            let look = looker.kind(of: path)
            #expect((look != nil) == plain.contains(path.relative), "\(path) from its folder")
        }
        #endif
    }

    /// The byte scan for private folders against the rule in words: some component, split at
    /// "/", is ".git" or ".attest".
    @Test func aPrivateFolderIsFoundAsAnyComponentAndOnlyAsAWholeOne() {
        let pieces = [".git", ".attest", "git", ".gi", ".gitx", "x.git", ".attes", "a", "", "b.c"]
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    for text in [first, "\(first)/\(second)", "\(first)/\(second)/\(third)"] {
                        let expected = text.split(separator: "/", omittingEmptySubsequences: false)
                            .contains { WorkspaceRoot.privateFolders.contains(String($0)) }
                        #expect(WorkspaceRoot.entersPrivateFolder(text) == expected, "\(text)")
                    }
                }
            }
        }
    }

    /// The opening without links, by one openat2 for the folder and by an openat per folder:
    /// each opens exactly the plain regular files, with their bytes, and leaves every other
    /// path to the full resolution.
    @Test func bothOpeningsWithoutLinksOpenExactlyThePlainFiles() throws {
        try workspace.write("evidence/a.txt", "a")
        try workspace.write("deep/x/y/z.txt", "zed")
        try workspace.write("top.txt", "top")
        try workspace.write(".git/config", "token")
        try workspace.link("evidence/alias.txt", to: "a.txt")
        try workspace.link("evidence/deeplink", to: "../deep")
        try workspace.link("evidence/out", to: outside.root.path)
        #expect(mkfifo(workspace.root.appendingPathComponent("evidence/pipe").path, 0o600) == 0)
        let plain = ["evidence/a.txt": "a", "deep/x/y/z.txt": "zed", "top.txt": "top"]
        let others = [
            "evidence/alias.txt", "evidence/deeplink/x/y/z.txt", "evidence/out/secret.txt",
            ".git/config", "evidence/pipe", "evidence/none.txt", "none/x.txt", "evidence",
            "evidence/a.txt/child",
        ]
        for oneCall in [true, false] {
            for (text, contents) in plain {
                let file = try root.openWithoutLinks(
                    try WorkspacePath(text), limit: 100, oneCall: oneCall)
                let data = try file?.readAll()
                #expect(data.map { String(decoding: $0, as: UTF8.self) } == contents, "\(text)")
            }
            for text in others {
                let file = try root.openWithoutLinks(
                    try WorkspacePath(text), limit: 100, oneCall: oneCall)
                #expect(file == nil, "\(text), one call: \(oneCall)")
            }
        }
    }

    @Test func anAbsentFileIsMissing() throws {
        #expect(code("evidence/none.txt") == .missing)
        #expect(try root.locate(WorkspacePath("evidence/none.txt")) == .missing)
    }

    @Test func aFolderIsNotAFile() throws {
        try workspace.write("evidence/sub/a.txt", "x")
        #expect(code("evidence/sub") == .notRegularFile)
    }

    @Test func aFIFOIsRefusedWithoutHanging() throws {
        try FileManager.default.createDirectory(
            at: workspace.root.appendingPathComponent("evidence"),
            withIntermediateDirectories: true)
        #expect(mkfifo(workspace.root.appendingPathComponent("evidence/pipe").path, 0o600) == 0)
        #expect(code("evidence/pipe") == .notRegularFile)
    }

    @Test func aLinkToADeviceIsRefused() throws {
        try workspace.link("evidence/zero", to: "/dev/zero")
        #expect(code("evidence/zero", limit: 10) == .unsafePath)
    }

    @Test func aFileOverTheLimitIsRefused() throws {
        try workspace.write("evidence/big.txt", String(repeating: "a", count: 101))
        #expect(code("evidence/big.txt", limit: 100) == .tooLarge)
        #expect(code("evidence/big.txt", limit: 101) == nil)
    }

    @Test func aFileThatGrowsAfterOpeningIsCutAtTheLimit() throws {
        let url = try workspace.write("evidence/growing.txt", "small")
        let file = try root.open(WorkspacePath("evidence/growing.txt"), limit: 100)
        try Data(repeating: 0x61, count: 1000).write(to: url)
        #expect(throws: ConfinementError.self) { try file.readAll() }
    }

    @Test func aPathTextThatLeavesIsRefusedBeforeTheDisk() {
        #expect(code("../secret.txt") == .unsafePath)
        #expect(code("/etc/passwd") == .unsafePath)
    }

    /// An attacker swaps a folder on the resolved path for a link out of the workspace, and
    /// back, while Attest reads through it: whatever the timing, the outside bytes are never
    /// returned.
    @Test func aFolderSwappedForALinkDuringTheReadNeverLeaksTheOutsideFile() async throws {
        try workspace.write("evidence/real/secret.txt", "inside")
        let real = workspace.root.appendingPathComponent("evidence/real").path
        let stash = workspace.root.appendingPathComponent("evidence/stash").path
        let target = outside.root.path
        let flipper = Task.detached {
            while !Task.isCancelled {
                rename(real, stash)
                symlink(target, real)
                usleep(50)
                unlink(real)
                rename(stash, real)
            }
        }
        defer { flipper.cancel() }
        var leaks = 0
        var reads = 0
        for _ in 0..<20000 {
            guard let read = try? root.read("evidence/real/secret.txt", limit: 100) else {
                continue
            }
            reads += 1
            if read.data == Data("top secret".utf8) { leaks += 1 }
        }
        #expect(reads > 0)
        #expect(leaks == 0)
    }

    // MARK: - The walk without links (one component at a time, nothing followed)

    /// The file itself is swapped for a link out of the workspace and back while it is read:
    /// the walk never follows it, and the full resolution refuses it.
    @Test func aFileSwappedForALinkOutDuringTheReadNeverLeaksTheOutsideFile() async throws {
        try workspace.write("evidence/deep/er/report.txt", "inside")
        let file = workspace.root.appendingPathComponent("evidence/deep/er/report.txt").path
        let stash = workspace.root.appendingPathComponent("evidence/deep/er/stash.txt").path
        let secret = outside.root.appendingPathComponent("secret.txt").path
        let flipper = Task.detached {
            while !Task.isCancelled {
                rename(file, stash)
                symlink(secret, file)
                usleep(20)
                unlink(file)
                rename(stash, file)
            }
        }
        defer { flipper.cancel() }
        var leaks = 0
        var reads = 0
        for _ in 0..<20000 {
            guard let read = try? root.read("evidence/deep/er/report.txt", limit: 100) else {
                continue
            }
            reads += 1
            if read.data != Data("inside".utf8) { leaks += 1 }
        }
        #expect(reads > 0)
        #expect(leaks == 0)
    }

    /// A folder in the middle of the path (not the first one) is replaced by a link out of the
    /// workspace, and back, between the checks and the open of every read.
    @Test func aNestedFolderReplacedByALinkOutNeverLeaksTheOutsideFile() async throws {
        try workspace.write("evidence/a/b/secret.txt", "inside")
        let folder = workspace.root.appendingPathComponent("evidence/a/b").path
        let stash = workspace.root.appendingPathComponent("evidence/a/stash").path
        let target = outside.root.path
        let flipper = Task.detached {
            while !Task.isCancelled {
                rename(folder, stash)
                symlink(target, folder)
                usleep(20)
                unlink(folder)
                rename(stash, folder)
            }
        }
        defer { flipper.cancel() }
        var leaks = 0
        for _ in 0..<20000 {
            if let read = try? root.read("evidence/a/b/secret.txt", limit: 100),
                read.data != Data("inside".utf8)
            {
                leaks += 1
            }
        }
        #expect(leaks == 0)
    }

    /// Once a folder is replaced by a link out for good, the next read is refused: nothing of a
    /// folder seen earlier is trusted later.
    @Test func aFolderReplacedByALinkOutAfterAReadIsRefusedOnTheNextRead() throws {
        try workspace.write("evidence/a/secret.txt", "inside")
        try outside.write("secret.txt", "top secret")
        #expect(try root.read("evidence/a/secret.txt", limit: 100).data == Data("inside".utf8))
        let folder = workspace.root.appendingPathComponent("evidence/a")
        try FileManager.default.removeItem(at: folder)
        try workspace.link("evidence/a", to: outside.root.path)
        #expect(code("evidence/a/secret.txt") == .unsafePath)
    }

    /// Links at each place on the path: out of the workspace refused, inside followed, `..` in
    /// a link's target judged where it lands, private folders refused through a link.
    @Test(arguments: [
        ("links/out.txt", ConfinementError.Code?.some(.unsafePath)),
        ("links/out-folder/secret.txt", .some(.unsafePath)),
        ("links/climb/secret.txt", .some(.unsafePath)),
        ("links/dots-inside.txt", nil),
        ("links/in-folder/a.txt", nil),
        ("links/chain.txt", nil),
        ("links/chain-out.txt", .some(.unsafePath)),
        ("links/git/config", .some(.unsafePath)),
        ("sub/.git/config", .some(.unsafePath)),
        ("links/self", .some(.missing)),
    ])
    func linksAnywhereOnThePathAreResolvedAndJudged(
        _ path: String, _ expected: ConfinementError.Code?
    ) throws {
        try workspace.write("evidence/a.txt", "hello")
        try workspace.write("sub/.git/config", "token")
        try workspace.link(
            "links/out.txt", to: outside.root.appendingPathComponent("secret.txt").path)
        try workspace.link("links/out-folder", to: outside.root.path)
        let climb = String(repeating: "../", count: workspace.root.pathComponents.count)
        try workspace.link("links/climb", to: climb + outside.root.path.dropFirst())
        try workspace.link("links/dots-inside.txt", to: "../evidence/../evidence/a.txt")
        try workspace.link("links/in-folder", to: "../evidence")
        try workspace.link("links/chain.txt", to: "dots-inside.txt")
        try workspace.link("links/chain-out.txt", to: "out.txt")
        try workspace.link("links/git", to: "../sub/.git")
        try workspace.link("links/self", to: "self")
        #expect(code(path) == expected)
    }
}
