import CLibYAMLBench
import Foundation

/// The baseline: libyaml's own parser over the same bytes, with every event discarded.
///
/// This is the floor any libyaml-based loader pays; the loader's throughput is compared with it.
public enum RawYAMLEvents {
    /// Reads the file into memory (as the loader does) and parses it to the end.
    ///
    /// - Returns: the number of events, or nil when the file cannot be read or is not YAML.
    public static func parse(fileAt url: URL) -> Int? {
        guard let bytes = readFile(url) else { return nil }
        return parse(bytes)
    }

    /// Parses `bytes` to the end of the stream, discarding events.
    ///
    /// - Returns: the number of events, or nil on a libyaml error.
    public static func parse(_ bytes: [UInt8]) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return 0 }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
        }
    }

    /// Reads a whole file the way `ParsedFile.read` does: `FileHandle`, `Data`, then `[UInt8]`.
    public static func readFile(_ url: URL) -> [UInt8]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 32 << 20 + 1) else { return nil }
        return [UInt8](data)
    }
}
