import AttestCore
import Mustache

/// The escaping every HTML template of Attest renders with: HTML-escaped, and each value that
/// holds bidirectional formatting characters isolated (`BidiControls.isolated`), so no field
/// can reorder the page around it.
///
/// swift-mustache picks an escaping by the template's `CONTENT_TYPE` pragma, so
/// ``template(_:)`` prepends that pragma to every template text, workspace templates included:
/// a template cannot opt out.
enum IsolatingHTML: MustacheContentType {
    case escaping

    static let contentTypeName = "ATTEST_HTML"

    /// Registered with swift-mustache once per process (its registry is the library's own).
    private static let registration: Void = MustacheContentTypes.register(
        IsolatingHTML.escaping, named: contentTypeName)

    /// Parses `text` as a Mustache template that escapes with this content type.
    static func template(_ text: String) throws -> MustacheTemplate {
        _ = registration
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentTypeName)}}" + text)
    }

    /// The same escaping as the SVG Attest draws: HTML and XML share the five entities, and the
    /// characters XML forbids have no place in a page either.
    func escapeText(_ text: String) -> String { SVG.escape(text) }
}
