import CLibXML2
import Foundation

/// Validates `trust-center.xml` against its XSD with libxml2, offline (`XML_PARSE_NONET`, no
/// entity substitution). An invalid document is an error with libxml2's messages and lines.
public final class TrustCenterXMLValidator: @unchecked Sendable {
    private let schema: xmlSchemaPtr

    /// Parses the schema at `schemaURL` once; `validate` can then run many times.
    public init(schemaURL: URL) throws(RenderError) {
        xmlInitParser()
        // Schema imports and includes never reach the network, whatever a workspace's XSD says.
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        let sink = XMLErrorSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        // Route libxml2's messages to the sink (not standard error) while the schema loads.
        xmlSetStructuredErrorFunc(context, XMLErrorSink.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        guard let parser = xmlSchemaNewParserCtxt(schemaURL.path) else {
            throw RenderError(code: .invalidXML, detail: "cannot open the schema \(schemaURL.path)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, XMLErrorSink.handler, context)
        guard let schema = withExtendedLifetime(sink, { xmlSchemaParse(parser) }) else {
            throw RenderError(
                code: .invalidXML,
                detail: "the schema \(schemaURL.path) is invalid: \(sink.summary)")
        }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// Throws `RenderError(code: .invalidXML)` listing libxml2's findings when `document` is not
    /// well-formed or not valid.
    public func validate(_ document: Data, name: String = "trust-center.xml") throws(RenderError) {
        guard document.count < Int(Int32.max) else {
            throw RenderError(code: .invalidXML, detail: "\(name) is larger than libxml2 can read")
        }
        let sink = XMLErrorSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        // Parse errors go to the sink, so the first one (not libxml2's last) is reported.
        xmlSetStructuredErrorFunc(context, XMLErrorSink.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        guard let parser = xmlNewParserCtxt() else {
            throw RenderError(code: .invalidXML, detail: "libxml2: no parser")
        }
        defer { xmlFreeParserCtxt(parser) }
        let parsed: xmlDocPtr? = document.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else {
                return nil
            }
            return xmlCtxtReadMemory(
                parser, base, Int32(bytes.count), name, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        }
        guard let parsed else {
            let first =
                sink.messages.first
                ?? xmlCtxtGetLastError(parser).map { XMLErrorSink.describe($0.pointee) }
                ?? "unknown error"
            throw RenderError(code: .invalidXML, detail: "\(name) is not well-formed: \(first)")
        }
        defer { xmlFreeDoc(parsed) }
        guard let validator = xmlSchemaNewValidCtxt(schema) else {
            throw RenderError(code: .invalidXML, detail: "libxml2: no validation context")
        }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(validator, XMLErrorSink.handler, context)
        let status = withExtendedLifetime(sink) { xmlSchemaValidateDoc(validator, parsed) }
        guard status == 0 else {
            throw RenderError(
                code: .invalidXML, detail: "\(name) does not match its schema: \(sink.summary)")
        }
    }
}

/// Collects libxml2's structured errors; passed to the C callback through its context pointer,
/// so no global state is involved.
final class XMLErrorSink {
    private(set) var messages: [String] = []

    var summary: String {
        messages.isEmpty ? "no detail from libxml2" : messages.prefix(10).joined(separator: "; ")
    }

    static func describe(_ error: xmlError) -> String {
        let message =
            error.message.map { String(cString: $0) }?.trimmingCharacters(
                in: .whitespacesAndNewlines) ?? "error"
        return error.line > 0 ? "line \(error.line): \(message)" : message
    }

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let sink = Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue()
        sink.messages.append(describe(error.pointee))
    }
}
