import Hummingbird

/// Header names swift-http-types does not predefine. `HTTPFields.Element` is `HTTPField`,
/// reached through the type Hummingbird re-exports.
typealias FieldName = HTTPFields.Element.Name

extension HTTPFields {
    /// The value of the header called `name` (any case), or nil.
    subscript(named name: String) -> String? {
        guard let field = FieldName(name) else { return nil }
        return self[field]
    }

    /// Sets the header called `name`; names are constants of this module, always valid.
    mutating func set(_ name: String, _ value: String) {
        guard let field = FieldName(name) else { return }
        self[field] = value
    }
}
