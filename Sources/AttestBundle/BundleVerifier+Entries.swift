import Crypto
import Foundation

extension BundleVerifier {
    /// What the headers alone show, nothing inflated: every entry a safe, unique, regular file
    /// whose local header agrees with the central directory, within the size limits, with no
    /// data overlapping.
    ///
    /// - Returns: the entries without problems, by their name's UTF-8 bytes (names are
    ///   compared byte for byte, as file systems and zip tools do).
    func structure(
        _ directory: ZipDirectory, into report: inout Report
    ) -> [[UInt8]: ZipEntry] {
        var usable: [[UInt8]: ZipEntry] = [:]
        var seen: Set<[UInt8]> = []
        var declaredTotal: UInt64 = 0
        for entry in directory.entries {
            declaredTotal += entry.uncompressedSize
            if let problem = problem(with: entry, seen: &seen) {
                report.problems.append(problem)
            } else {
                usable[entry.nameBytes] = entry
            }
        }
        if declaredTotal > UInt64(limits.maxTotalBytes) {
            report.problems.append(
                BundleProblem(
                    .tooLarge,
                    "the zip's entries declare \(declaredTotal) bytes in all; at most "
                        + "\(limits.maxTotalBytes)"))
        }
        report.problems += overlaps(directory)
        return usable
    }

    private func problem(with entry: ZipEntry, seen: inout Set<[UInt8]>) -> BundleProblem? {
        let name = entry.displayName
        guard let text = entry.name, BundlePath.isSafe(text) else {
            return BundleProblem(
                .unsafePath, entry: name,
                "entry '\(name)' has an unsafe path (absolute, '..', not UTF-8, or special "
                    + "characters)")
        }
        guard seen.insert(entry.nameBytes).inserted else {
            return BundleProblem(.duplicateEntry, entry: name, "entry '\(name)' appears twice")
        }
        guard entry.kind == .file else {
            let kind =
                switch entry.kind {
                case .symbolicLink: "symbolic link"
                case .directory: "directory"
                default: "special file"
                }
            return BundleProblem(.notAFile, entry: name, "entry '\(name)' is a \(kind), not a file")
        }
        guard !entry.isEncrypted, !entry.usesZIP64, entry.method == 0 || entry.method == 8 else {
            return BundleProblem(
                .unsupportedEntry, entry: name,
                "entry '\(name)' is encrypted, ZIP64 or compressed with method \(entry.method)")
        }
        guard let local = entry.local else {
            return BundleProblem(
                .headerMismatch, entry: name,
                "entry '\(name)' has no local header where the central directory says")
        }
        guard local.nameBytes == entry.nameBytes else {
            let localName = String(decoding: local.nameBytes, as: UTF8.self)
            return BundleProblem(
                .headerMismatch, entry: name,
                "entry '\(name)' is named '\(localName)' in its local header; a tool that reads "
                    + "local headers would extract another file")
        }
        guard local.method == entry.method else {
            return BundleProblem(
                .headerMismatch, entry: name,
                "entry '\(name)' has another compression method in its local header")
        }
        guard entry.uncompressedSize <= UInt64(limits.maxEntryBytes) else {
            return BundleProblem(
                .tooLarge, entry: name,
                "entry '\(name)' declares \(entry.uncompressedSize) bytes; at most "
                    + "\(limits.maxEntryBytes)")
        }
        return nil
    }

    /// Entries whose data overlap another's or the central directory: the classic way to make
    /// a small zip inflate to a lot is many entries pointing at the same data.
    private func overlaps(_ directory: ZipDirectory) -> [BundleProblem] {
        let placed = directory.entries.compactMap { entry in
            entry.local.map { (entry, $0) }
        }.sorted { $0.0.localHeaderOffset < $1.0.localHeaderOffset }
        var problems: [BundleProblem] = []
        var end: UInt64 = 0
        for (entry, local) in placed {
            let name = entry.displayName
            let dataEnd = local.dataOffset.addingReportingOverflow(entry.compressedSize)
            if entry.localHeaderOffset < end || dataEnd.overflow
                || dataEnd.partialValue > directory.centralDirectoryOffset
            {
                problems.append(
                    BundleProblem(
                        .overlappingEntries, entry: name,
                        "entry '\(name)' overlaps another entry or the central directory"))
            }
            end = max(end, dataEnd.overflow ? .max : dataEnd.partialValue)
        }
        return problems
    }

    /// The manifest against the zip: every listed path safe, listed once, present, with the
    /// size the zip declares; every zip entry listed.
    ///
    /// - Returns: the listed entries to hash, in the manifest's order.
    func listing(
        _ manifest: BundleManifest, _ entries: [[UInt8]: ZipEntry], into report: inout Report
    ) -> [(BundleManifest.Entry, ZipEntry)] {
        let own: Set<String> = [BundleManifest.manifestPath, BundleManifest.signaturePath]
        var listed: Set<[UInt8]> = []
        var toHash: [(BundleManifest.Entry, ZipEntry)] = []
        for item in manifest.entries {
            let path = item.path
            guard BundlePath.isSafe(path), !own.contains(path) else {
                report.problems.append(
                    BundleProblem(
                        .unsafePath, entry: path, "manifest lists the unsafe path '\(path)'"))
                continue
            }
            guard listed.insert(Array(path.utf8)).inserted else {
                report.problems.append(
                    BundleProblem(.listedTwice, entry: path, "manifest lists '\(path)' twice"))
                continue
            }
            guard let entry = entries[Array(path.utf8)] else {
                report.problems.append(
                    BundleProblem(
                        .missingEntry, entry: path, "entry '\(path)' is listed but missing"))
                continue
            }
            guard item.size >= 0, UInt64(item.size) == entry.uncompressedSize else {
                report.problems.append(
                    BundleProblem(
                        .sizeMismatch, entry: path,
                        "entry '\(path)' has \(entry.uncompressedSize) bytes, the manifest says "
                            + "\(item.size)"))
                continue
            }
            toHash.append((item, entry))
        }
        let unlisted = entries.values.filter {
            !listed.contains($0.nameBytes) && !own.contains($0.displayName)
        }
        for entry in unlisted.sorted(by: { $0.index < $1.index }) {
            report.problems.append(
                BundleProblem(
                    .unlistedEntry, entry: entry.displayName,
                    "entry '\(entry.displayName)' is not listed in the manifest"))
        }
        return toHash
    }

    /// Streams `entry` through SHA-256 and compares with the manifest.
    func hash(
        _ listed: BundleManifest.Entry, _ entry: ZipEntry, in directory: ZipDirectory,
        into report: inout Report
    ) {
        var hasher = SHA256()
        do {
            try directory.stream(entry) { hasher.update(data: $0) }
        } catch {
            report.problems.append(unreadable(entry, error))
            return
        }
        if hasher.finalize().hex != listed.sha256 {
            report.problems.append(
                BundleProblem(
                    .hashMismatch, entry: listed.path,
                    "entry '\(listed.path)' does not match its SHA-256 in the manifest"))
        }
    }

    /// The whole of a small entry, at most `limit` bytes (its declared size is checked first).
    func read(
        _ entry: ZipEntry, limit: Int, in directory: ZipDirectory, into report: inout Report
    ) -> Data? {
        guard entry.uncompressedSize <= UInt64(limit) else {
            report.problems.append(
                BundleProblem(
                    .tooLarge, entry: entry.displayName,
                    "entry '\(entry.displayName)' declares \(entry.uncompressedSize) bytes; at "
                        + "most \(limit)"))
            return nil
        }
        var data = Data()
        do {
            try directory.stream(entry) { data.append($0) }
        } catch {
            report.problems.append(unreadable(entry, error))
            return nil
        }
        return data
    }

    private func unreadable(_ entry: ZipEntry, _ error: any Error) -> BundleProblem {
        let detail =
            switch error {
            case let failure as ZipEntryFailure: failure.detail
            case let failure as BundleError: failure.detail
            default: "cannot be read: \(error)"
            }
        return BundleProblem(
            .unreadableEntry, entry: entry.displayName, "entry '\(entry.displayName)' \(detail)")
    }
}
