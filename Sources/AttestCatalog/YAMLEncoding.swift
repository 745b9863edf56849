/// Recognises text that is not UTF-8 but another Unicode encoding, before libyaml sees it.
///
/// Windows editors often save "Unicode" files as UTF-16. libyaml, told to read UTF-8, would
/// stop at the first byte with "invalid leading UTF-8 octet", and the file's line, quoted
/// under the finding, would be its raw bytes. Named here, the finding can say what the file is
/// and how to fix it.
enum YAMLEncoding {
    /// How many leading bytes are looked at for NUL bytes when there is no byte-order mark.
    static let sampleSize = 4_096

    /// The encoding `bytes` are in when it is UTF-16 or UTF-32 (with or without a byte-order
    /// mark), such as "UTF-16 little-endian with a byte-order mark"; nil otherwise.
    ///
    /// Without a mark, the pattern of NUL bytes around the first character decides, as YAML
    /// 1.2 §5.2 does; failing that, a sample where a quarter or more of the bytes are NUL is
    /// reported as UTF-16 or UTF-32 (text never holds that many NULs).
    ///
    /// - Complexity: O(min(n, `sampleSize`)).
    static func foreign(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
        }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 big-endian with a byte-order mark" }
        if starts([0xFF, 0xFE, 0x00, 0x00]) {
            return "UTF-32 little-endian with a byte-order mark"
        }
        if starts([0xFE, 0xFF]) { return "UTF-16 big-endian with a byte-order mark" }
        if starts([0xFF, 0xFE]) { return "UTF-16 little-endian with a byte-order mark" }
        guard bytes.count >= 2 else { return nil }
        let sample = UnsafeBufferPointer(rebasing: bytes.prefix(sampleSize))
        if sample.count >= 4, sample[0] == 0, sample[1] == 0, sample[2] == 0, sample[3] != 0 {
            return "UTF-32 big-endian"
        }
        if sample.count >= 4, sample[0] != 0, sample[1] == 0, sample[2] == 0, sample[3] == 0 {
            return "UTF-32 little-endian"
        }
        if sample[0] == 0, sample[1] != 0 { return "UTF-16 big-endian" }
        if sample[0] != 0, sample[1] == 0 { return "UTF-16 little-endian" }
        let nuls = sample.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        return nuls * 4 >= sample.count ? "UTF-16 or UTF-32" : nil
    }

    static let hint =
        "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8); "
        + "Attest reads YAML in UTF-8 only"
}
