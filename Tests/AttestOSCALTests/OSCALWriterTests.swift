import AttestOSCAL
import Testing

@Suite("OSCAL document writers")
struct OSCALWriterTests {
    /// A small tree using every kind of node: flags, a field with flags, a wrapped and an
    /// unwrapped group, markup-line with an insert, markup-multiline with two paragraphs.
    static let sample = OSCALDocument(
        root: .assembly(
            "catalog", flags: [OSCALFlag("uuid", "8b6a7c1e-0000-5000-8000-000000000000")],
            [
                .one(
                    .assembly(
                        "metadata",
                        [
                            .one(.line("title", "A <b> & \"c\"")),
                            .one(.text("oscal-version", "1.2.1")),
                            .group(
                                "revisions", [.assembly("revision", [.one(.text("version", "1"))])],
                                wrappedInXML: true),
                        ])),
                .group(
                    "controls",
                    [
                        .assembly(
                            "control", flags: [OSCALFlag("id", "ac-1"), OSCALFlag("class", nil)],
                            [
                                .one(.line("title", "Set {{ insert: param, ac-1_prm_1 }} now")),
                                .group(
                                    "props",
                                    [.prop("label", "yes", ns: OSCALDocument.attestNamespace)]),
                                .group(
                                    "parts",
                                    [
                                        .assembly(
                                            "part", flags: [OSCALFlag("name", "statement")],
                                            [.one(.unwrappedProse("Do <it>."))])
                                    ]),
                                .one(.prose("remarks", "First\nline.\n\n  Second.  ")),
                                .one(
                                    OSCALNode(
                                        "hash", flags: [OSCALFlag("algorithm", "SHA-256")],
                                        value: .text("ab"))),
                            ])
                    ]),
                .group("groups", []),
            ]))

    @Test("JSON puts flags first, groups as arrays, a flagged field's text under its value key")
    func jsonShape() throws {
        let text = String(decoding: try Self.sample.data(in: .json), as: UTF8.self)
        #expect(
            text == """
                {
                  "catalog": {
                    "uuid": "8b6a7c1e-0000-5000-8000-000000000000",
                    "metadata": {
                      "title": "A <b> & \\"c\\"",
                      "oscal-version": "1.2.1",
                      "revisions": [
                        {
                          "version": "1"
                        }
                      ]
                    },
                    "controls": [
                      {
                        "id": "ac-1",
                        "title": "Set {{ insert: param, ac-1_prm_1 }} now",
                        "props": [
                          {
                            "name": "label",
                            "value": "yes",
                            "ns": "https://attest.dev/ns/oscal"
                          }
                        ],
                        "parts": [
                          {
                            "name": "statement",
                            "prose": "Do <it>."
                          }
                        ],
                        "remarks": "First\\nline.\\n\\nSecond.",
                        "hash": {
                          "algorithm": "SHA-256",
                          "value": "ab"
                        }
                      }
                    ]
                  }
                }

                """)
    }

    @Test("XML writes flags as attributes, wraps only grouped lists, unwraps prose, escapes text")
    func xmlShape() throws {
        let text = String(decoding: try Self.sample.data(in: .xml), as: UTF8.self)
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8"?>
                <catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="8b6a7c1e-0000-5000-8000-000000000000">
                  <metadata>
                    <title>A &lt;b&gt; &amp; &quot;c&quot;</title>
                    <oscal-version>1.2.1</oscal-version>
                    <revisions>
                      <revision>
                        <version>1</version>
                      </revision>
                    </revisions>
                  </metadata>
                  <control id="ac-1">
                    <title>Set <insert type="param" id-ref="ac-1_prm_1"/> now</title>
                    <prop name="label" value="yes" ns="https://attest.dev/ns/oscal"/>
                    <part name="statement">
                      <p>Do &lt;it&gt;.</p>
                    </part>
                    <remarks>
                      <p>First
                line.</p>
                      <p>Second.</p>
                    </remarks>
                    <hash algorithm="SHA-256">ab</hash>
                  </control>
                </catalog>

                """)
    }

    @Test("YAML double-quotes every string, so yes, numbers and null stay strings")
    func yamlShape() throws {
        let text = String(decoding: try Self.sample.data(in: .yaml), as: UTF8.self)
        #expect(
            text == """
                ---
                catalog:
                  uuid: "8b6a7c1e-0000-5000-8000-000000000000"
                  metadata:
                    title: "A <b> & \\"c\\""
                    oscal-version: "1.2.1"
                    revisions:
                      - version: "1"
                  controls:
                    - id: "ac-1"
                      title: "Set {{ insert: param, ac-1_prm_1 }} now"
                      props:
                        - name: "label"
                          value: "yes"
                          ns: "https://attest.dev/ns/oscal"
                      parts:
                        - name: "statement"
                          prose: "Do <it>."
                      remarks: "First\\nline.\\n\\nSecond."
                      hash:
                        algorithm: "SHA-256"
                        value: "ab"

                """)
    }

    @Test("Control characters are escaped in JSON and YAML and refused in XML")
    func controlCharacters() throws {
        let document = OSCALDocument(
            root: .assembly("catalog", [.one(.text("title", "a\u{1}b\u{2028}c\u{85}"))]))
        let json = String(decoding: try document.data(in: .json), as: UTF8.self)
        #expect(json.contains(#""title": "a\u0001b\u2028c\#u{85}""#))
        let yaml = String(decoding: try document.data(in: .yaml), as: UTF8.self)
        #expect(yaml.contains(#"title: "a\x01b\u2028c\x85""#))
        #expect(throws: OSCALWriteError.self) { try document.data(in: .xml) }
        do {
            _ = try document.data(in: .xml)
        } catch {
            #expect(error.code == .unrepresentableText)
            #expect(error.detail.hasPrefix("catalog/title"))
        }
    }

    @Test("A child repeated as two single members is refused in JSON rather than overwritten")
    func duplicateMemberIsRefused() {
        let document = OSCALDocument(
            root: .assembly(
                "catalog", [.one(.line("title", "a")), .one(.line("title", "b"))]))
        do {
            _ = try document.data(in: .json)
            Issue.record("expected a duplicate-key error")
        } catch {
            #expect(error.code == .duplicateKey)
            #expect(error.detail.contains("catalog"))
        }
    }

    @Test("Braces that are not an insert stay text in XML")
    func bracesThatAreNotInsertsStayText() throws {
        let document = OSCALDocument(
            root: .assembly("catalog", [.one(.line("title", "{{ x }} and {{ insert: param, p1 }"))])
        )
        let xml = String(decoding: try document.data(in: .xml), as: UTF8.self)
        #expect(xml.contains("<title>{{ x }} and {{ insert: param, p1 }</title>"))
    }
}
