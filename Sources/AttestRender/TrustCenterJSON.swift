import Foundation

/// `trust-center.json`: the public trust center as JSON, documented in
/// docs/trust-center-json.md. Keys sorted, two-space indentation, a final newline.
public enum TrustCenterJSONWriter {
    public static func document(_ center: PublicTrustCenter) throws(RenderError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(center) + Data("\n".utf8)
        } catch {
            throw RenderError(code: .io, detail: "cannot encode trust-center.json: \(error)")
        }
    }
}
