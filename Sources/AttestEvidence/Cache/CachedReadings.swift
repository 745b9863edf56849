import AttestCore
import Foundation

extension CollectionContext {
    /// The value tree `question` reads from `file`: decoded from the run's evidence cache
    /// when it holds one for these exact bytes, made by `parse` otherwise (and then kept).
    /// Without a cache, `parse` alone, and the question (a filter's text) is never spelled.
    func document<Failure: Error>(
        _ question: @autoclosure () -> CacheQuestion, of file: ArtifactFile,
        parse: () throws(Failure) -> ConfigValue
    ) throws(Failure) -> ConfigValue {
        guard let cache else { return try parse() }
        return try cache.document(question(), of: file, parse: parse)
    }
}

extension EvidenceCache {
    /// The value tree `question` reads from `file`: decoded when the cache holds one for
    /// these exact bytes, made by `parse` otherwise (and then kept).
    func document<Failure: Error>(
        _ question: CacheQuestion, of file: ArtifactFile,
        parse: () throws(Failure) -> ConfigValue
    ) throws(Failure) -> ConfigValue {
        let name = file.path.relative
        return try reading(
            question, of: file,
            decode: { (reader: inout CacheReader) throws(CacheReader.Damaged) in
                try reader.value(file: name)
            },
            encode: { writer, value in writer.value(value, file: name) }, make: parse)
    }
}

extension KeepFilter {
    /// The filter as text for a cache question: equal texts keep the same parts. `*` keeps
    /// everything; `{…}[…]` the keys (each `length:key=filter`, in order) and the items.
    var cacheText: String {
        switch self {
        case .everything: return "*"
        case .parts(let keys, let items):
            var text = "{"
            if let keys {
                for key in keys.keys.sorted() {
                    text += "\(key.utf8.count):\(key)=\(keys[key]?.cacheText ?? "")"
                }
            } else {
                text += "*"
            }
            return text + "}[" + (items?.cacheText ?? "*") + "]"
        }
    }
}

extension Optional<KeepFilter> {
    /// ``KeepFilter/cacheText``, and `-` for no filter (nothing kept).
    var cacheText: String { map(\.cacheText) ?? "-" }
}

extension CollectionContext {
    /// The totals of the JUnit report `file`, from the run's evidence cache when it holds
    /// them for these exact bytes.
    func junitReport(
        of file: ArtifactFile, parse: () throws(JUnitReport.ParseError) -> JUnitReport
    ) throws(JUnitReport.ParseError) -> JUnitReport {
        guard let cache else { return try parse() }
        return try cache.reading(
            CacheQuestion(kind: "junit"), of: file,
            decode: { (reader: inout CacheReader) throws(CacheReader.Damaged) in
                try JUnitReport(from: &reader)
            },
            encode: { writer, report in
                report.write(to: &writer)
                return true
            }, make: parse)
    }
}

extension JUnitReport {
    /// The four totals, then 1 and the timestamp's bits, or 0 without one.
    func write(to writer: inout CacheWriter) {
        for total in [tests, failures, errors, skipped] { writer.count(total) }
        if let timestamp {
            writer.byte(1)
            writer.word(timestamp.timeIntervalSinceReferenceDate.bitPattern)
        } else {
            writer.byte(0)
        }
    }

    init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        self.init(
            tests: try reader.number(), failures: try reader.number(),
            errors: try reader.number(), skipped: try reader.number())
        switch try reader.byte() {
        case 0: timestamp = nil
        case 1:
            timestamp = Date(timeIntervalSinceReferenceDate: Double(bitPattern: try reader.word()))
        default: throw CacheReader.Damaged()
        }
    }
}
