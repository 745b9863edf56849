import AttestCore

/// The view of `request.mustache`: the form, its values re-filled and its errors beside them.
struct RequestFormView {
    struct Field {
        var name: String
        var label: String
        var type: String
        var autocomplete: String
        var maxLength: Int
        var multiline: Bool
        var value: String
        var error: String?
    }

    struct Document {
        var id: String
        var title: String
        var checked: Bool
    }

    var lang: String
    var title: String
    var label: [String: String]
    var action: String
    var csrf: String
    var fields: [Field]
    var hasDocuments: Bool
    var documents: [Document]
    var documentsError: String?
}

/// The view of `agreement.mustache`: the agreement, its hash, a summary, the signed fields.
struct AgreementView {
    struct Hidden {
        var name: String
        var value: String
    }

    var lang: String
    var title: String
    var label: [String: String]
    var action: String
    var csrf: String
    var agreement: String
    var sha256: String
    var name: String
    var email: String
    var company: String
    var documents: [String]
    var hidden: [Hidden]
    var error: String?
}

/// The view of `grant.mustache`.
struct GrantView {
    var lang: String
    var title: String
    var label: [String: String]
    var viewerName: String
    var expiresAt: String
    var expiresText: String
    var documents: [String]
    var downloadHref: String
}

extension PortalPages {
    /// The request form for `input`, with `problems` shown beside their fields.
    func requestForm(
        locale: String, csrf: String, input: RequestDetails.Input,
        problems: [String: RequestDetails.Problem], documents: [RequestableDocument]
    ) -> String {
        func error(_ field: String) -> String? {
            problems[field].map { label("error_" + $0.rawValue, locale) }
        }
        func field(
            _ name: String, _ type: String, _ autocomplete: String, _ max: Int, _ value: String,
            multiline: Bool = false
        ) -> RequestFormView.Field {
            RequestFormView.Field(
                name: name, label: label("field_" + name, locale), type: type,
                autocomplete: autocomplete, maxLength: max, multiline: multiline, value: value,
                error: error(name))
        }
        let view = RequestFormView(
            lang: locale, title: label("request_title", locale), label: labelMap(locale),
            action: "/\(locale)/\(PortalPaths.requestPage)", csrf: csrf,
            fields: [
                field("name", "text", "name", RequestDetails.maxName, input.name),
                field("email", "email", "email", EmailAddress.maxLength, input.email),
                field(
                    "company", "text", "organization", RequestDetails.maxCompany, input.company),
                field(
                    "reason", "text", "off", RequestDetails.maxReason, input.reason, multiline: true
                ),
            ],
            hasDocuments: !documents.isEmpty,
            documents: documents.map {
                RequestFormView.Document(
                    id: $0.id, title: $0.title(in: locale),
                    checked: input.documents.contains($0.id))
            },
            documentsError: error("documents"))
        return render("request", view)
    }
}
