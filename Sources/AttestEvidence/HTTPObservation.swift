import AttestCore
import Foundation

/// What the http collector saw, in the form that is hashed and recorded: everything its
/// verdict needs (status, headers, body) and nothing the request carried.
///
/// The body is kept as base64 of the bytes received (at most the run's output cap), so the
/// JSON, and so the hash, is the same after a round trip whatever the body holds. URLs are
/// stored as the collector shows them (credentials redacted). `Set-Cookie` is not kept: a
/// session is not evidence and may be a secret.
struct HTTPObservation: RecordedObservation, Hashable {
    /// A body of up to 6 MiB fits in a recording (base64 grows it by a third).
    static let maxRecordingBytes = 8 << 20

    /// When the request was sent, whole seconds UTC.
    var observedAt: String
    /// The URL asked for, redacted.
    var url: String
    /// The URL that answered, after redirects, redacted.
    var finalURL: String
    var status: Int
    var contentType: String?
    /// Response headers, names lower-cased, without `set-cookie`.
    var headers: [String: String]
    var bodyBase64: String
    /// The body was longer than the cap; only its first bytes were kept.
    var bodyTruncated: Bool

    enum CodingKeys: String, CodingKey {
        case url, status, headers
        case observedAt = "observed_at"
        case finalURL = "final_url"
        case contentType = "content_type"
        case bodyBase64 = "body_base64"
        case bodyTruncated = "body_truncated"
    }

    /// Results name an http item by the URL asked for.
    var target: String { url }

    /// The observation of `snapshot`, a response to `shownURL` received at `date`.
    init(_ snapshot: HTTPSnapshot, shownURL: String, finalURL: String, at date: Date) {
        observedAt = Timestamp.format(date)
        url = shownURL
        self.finalURL = finalURL
        status = snapshot.status
        contentType = snapshot.headers["content-type"]
        headers = snapshot.headers.filter { $0.key != "set-cookie" }
        bodyBase64 = snapshot.body.base64EncodedString()
        bodyTruncated = snapshot.bodyTruncated
    }

    /// Whether `secret` appears anywhere in what would be recorded, read as received (before
    /// JSON escapes or base64 could hide it from a search of the file): the URLs, the
    /// headers' names and values, and the body.
    func mentions(_ secret: String) -> Bool {
        guard !secret.isEmpty else { return false }
        let texts = [url, finalURL, contentType ?? ""] + headers.keys + headers.values
        if texts.contains(where: { $0.contains(secret) }) { return true }
        return Data(base64Encoded: bodyBase64)?.contains(Data(secret.utf8)) ?? false
    }

    /// The response as the verdict reads it; nil when the body is not base64.
    var snapshot: HTTPSnapshot? {
        guard let body = Data(base64Encoded: bodyBase64) else { return nil }
        return HTTPSnapshot(
            status: status, headers: headers, body: body, bodyTruncated: bodyTruncated,
            finalURL: URL(string: finalURL))
    }
}
