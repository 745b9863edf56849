import Foundation

/// One named part of an auditor package: the files it adds and what the README says of them.
///
/// A package is an array of sections, each made by one function of ``AuditPackage``, so a new
/// part (the period view, the exceptions register…) is one more function and one more element,
/// and the README describes every part the same way.
public struct AuditPackageSection: Sendable {
    /// A line of the README's table of contents: a path in the package (or a pattern such as
    /// `evidence/<workspace path>`) and what it is.
    public struct Listing: Hashable, Sendable {
        public var path: String
        public var about: String

        public init(path: String, about: String) {
            self.path = path
            self.about = about
        }
    }

    /// The section's heading in the README, e.g. "Traceability matrix".
    public var title: String
    /// A paragraph of Markdown: what the part is for an auditor.
    public var summary: String
    /// The README's lines for the section's files.
    public var listings: [Listing]
    /// The files, keyed by their path in the package.
    public var files: [String: Data]
    /// Evidence files the section would have packed but withheld, and why.
    public var withheld: [WithheldFile]

    public init(
        title: String, summary: String, listings: [Listing], files: [String: Data],
        withheld: [WithheldFile] = []
    ) {
        self.title = title
        self.summary = summary
        self.listings = listings
        self.files = files
        self.withheld = withheld
    }
}
