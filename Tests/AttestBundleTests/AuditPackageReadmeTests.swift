import Testing

@testable import AttestBundle

/// Names the workspace chose (organisation, framework) written into an auditor package's
/// README.md: plain text, never a link, an image or HTML a Markdown viewer would render.
@Suite struct AuditPackageReadmeTests {
    @Test func markdownAndHTMLInANameAreEscaped() {
        #expect(
            AuditPackageReadme.text("Evil [click](https://x.example) <img src=x> *Co*_")
                == #"Evil \[click\]\(https://x.example\) &lt;img src=x&gt; \*Co\*\_"#)
    }

    @Test func aLineBreakInANameCannotStartAHeadingOrAList() {
        #expect(AuditPackageReadme.text("Org\n# Heading\r\n- item") == ##"Org \# Heading \- item"##)
    }

    @Test func plainNamesAreUnchanged() {
        #expect(AuditPackageReadme.text("Acme SAS, Lyon") == "Acme SAS, Lyon")
    }
}
