import AttestCore

/// What a visitor typed in the request form, once validated: every field trimmed, bounded and
/// free of control characters, the e-mail address well formed, the documents among those on
/// offer.
struct RequestDetails: Hashable, Sendable {
    var name: String
    var email: String
    var company: String
    var reason: String
    var documents: [String]

    static let maxName = 200
    static let maxCompany = 200
    static let maxReason = 2000

    /// A field's problem, shown beside it.
    enum Problem: String, Sendable {
        case required, tooLong = "too_long", email, control, documents
    }

    /// The form's fields, as sent.
    struct Input: Sendable {
        var name = ""
        var email = ""
        var company = ""
        var reason = ""
        var documents: [String] = []

        init(_ form: FormData) {
            name = form["name"] ?? ""
            email = form["email"] ?? ""
            company = form["company"] ?? ""
            reason = form["reason"] ?? ""
            documents = form.all("documents")
        }

        init() {}
    }

    /// Validates `input`; on failure, the problem of each field by its name.
    static func validate(
        _ input: Input, offered: [RequestableDocument]
    ) -> Result<RequestDetails, Failure> {
        var problems: [String: Problem] = [:]
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = input.email.trimmingCharacters(in: .whitespacesAndNewlines)
        let company = input.company.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        problems["name"] = lineProblem(name, max: maxName)
        problems["company"] = lineProblem(company, max: maxCompany)
        problems["reason"] = textProblem(reason, max: maxReason)
        if let problem = lineProblem(email, max: EmailAddress.maxLength) {
            problems["email"] = problem
        } else if !EmailAddress.isValid(email) {
            problems["email"] = .email
        }
        let known = Set(offered.map(\.id))
        var documents: [String] = []
        for id in input.documents where !documents.contains(id) {
            guard known.contains(id) else {
                problems["documents"] = .documents
                break
            }
            documents.append(id)
        }
        if !offered.isEmpty && documents.isEmpty { problems["documents"] = .documents }
        guard problems.isEmpty else { return .failure(Failure(problems: problems)) }
        return .success(
            RequestDetails(
                name: name, email: email, company: company, reason: reason, documents: documents))
    }

    struct Failure: Error {
        var problems: [String: Problem]
    }

    /// A one-line field: required, bounded, no control character at all.
    private static func lineProblem(_ text: String, max: Int) -> Problem? {
        if text.isEmpty { return .required }
        if text.count > max { return .tooLong }
        if text.unicodeScalars.contains(where: isControl) { return .control }
        return nil
    }

    /// The reason: lines and tabs allowed, other controls not.
    private static func textProblem(_ text: String, max: Int) -> Problem? {
        if text.isEmpty { return .required }
        if text.count > max { return .tooLong }
        if text.unicodeScalars.contains(where: {
            isControl($0) && !"\n\r\t".unicodeScalars.contains($0)
        }) {
            return .control
        }
        return nil
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
            || (0x2028...0x2029).contains(scalar.value)
            // Bidirectional overrides and isolates, which can disguise a name.
            || (0x202a...0x202e).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
