extension DiagnosticCode {
    // XML input (OSCAL XML catalogs, profiles and mapping collections).

    /// The file is not well-formed XML.
    public static let xmlSyntax: Self = "xml.syntax"
    /// The file declares an entity in a document type declaration; entities are refused so that
    /// nothing outside the file is read and no expansion can exhaust memory.
    public static let xmlEntityDeclaration: Self = "xml.entity-declaration"
    /// The file is larger than the limit for one file.
    public static let xmlFileTooLarge: Self = "xml.file-too-large"
    /// Elements are nested deeper than the limit.
    public static let xmlTooDeep: Self = "xml.too-deep"
}
