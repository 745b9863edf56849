import Foundation

/// Generated evidence documents of a given size, for memory tests (no checked-in giant files).
enum LargeDocuments {
    /// An identity export: `{"exported_at": …, "mfa": {"required": true}, "users": [ … ]}`.
    static func json(bytes: Int) -> Data {
        var text = Data(
            #"{"exported_at": "2026-05-01T00:00:00Z", "mfa": {"required": true}, "users": ["#.utf8)
        var index = 0
        while text.count < bytes - 200 {
            if index > 0 { text.append(contentsOf: ",\n".utf8) }
            text.append(
                contentsOf: (#"{"id": \#(index), "name": "user-\#(index)", "email": "user\#(index)@example.com", "#
                    + #""mfa": true, "roles": ["reader", "auditor"], "last_login": "2026-04-30"}"#)
                    .utf8)
            index += 1
        }
        text.append(contentsOf: "]}\n".utf8)
        return text
    }

    /// A SARIF log with one run and many results, each with a location and a message.
    static func sarif(bytes: Int) -> Data {
        var text = Data(
            (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "scan", "rules": ["#
                + #"{"id": "R1", "defaultConfiguration": {"level": "error"}}]}}, "results": ["#)
                .utf8)
        var index = 0
        while text.count < bytes - 200 {
            if index > 0 { text.append(contentsOf: ",\n".utf8) }
            text.append(
                contentsOf: (#"{"ruleId": "R1", "level": "\#(index % 3 == 0 ? "warning" : "note")", "#
                    + #""message": {"text": "Finding number \#(index) in a generated log"}, "#
                    + #""locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/"#
                    + #"file\#(index).swift"}, "region": {"startLine": \#(index % 500 + 1)}}}]}"#)
                    .utf8)
            index += 1
        }
        text.append(contentsOf: "]}]}\n".utf8)
        return text
    }

    /// A JUnit report with one suite of many test cases (a failure every 100th).
    static func junit(bytes: Int) -> Data {
        var text = Data(
            (#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<testsuites>\n"
                + #"<testsuite name="generated">"# + "\n").utf8)
        var index = 0
        while text.count < bytes - 200 {
            if index % 100 == 99 {
                text.append(
                    contentsOf: (#"<testcase classname="Suite\#(index / 1000)" name="test\#(index)" time="0.01">"#
                        + #"<failure message="expected">assertion failed</failure></testcase>"#
                        + "\n")
                        .utf8)
            } else {
                text.append(
                    contentsOf: (#"<testcase classname="Suite\#(index / 1000)" "#
                        + #"name="test\#(index)" time="0.01"/>"# + "\n").utf8)
            }
            index += 1
        }
        text.append(contentsOf: "</testsuite>\n</testsuites>\n".utf8)
        return text
    }
}
