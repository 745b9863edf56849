import AttestCore
import Foundation
import Testing

@testable import AttestEvidence

/// `none`, `count` and the root path `$`: what recipes need to judge an API's answer that is a
/// bare array (Dependabot alerts, Okta policies) or a list of which no item may match
/// (privileged pods).
@Suite struct CountAndNoneAssertionTests {
    static func judge(_ expect: String, _ json: String) throws -> [String] {
        let spec = Kit.spec(.json, path: "x.json", options: "expect: \(expect)")
        var diagnostics: [Diagnostic] = []
        let assertion = try #require(
            spec.options["expect"].flatMap {
                Assertion.expectations($0, option: "expect", diagnostics: &diagnostics)
            })
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return assertion.failures(of: try JSONReader(file: "d.json").parse(Data(json.utf8)), at: "")
    }

    static let users = #"{"users": [{"name": "ana", "mfa": true}, {"name": "ben", "mfa": false}]}"#

    @Test func noneHoldsWhenNoItemMatchesAndNamesEachItemThatDoes() throws {
        #expect(try Self.judge("{ users: { none: { name: dave } } }", Self.users) == [])
        #expect(
            try Self.judge("{ users: { none: { mfa: false } } }", Self.users)
                == ["users[1]: expected no item to match {mfa: false}"])
        #expect(try Self.judge("{ users: { none: { mfa: false } } }", #"{"users": []}"#) == [])
        #expect(
            try Self.judge("{ users: { none: { mfa: false } } }", #"{"users": 3}"#)
                == ["users: expected an array, found 3"])
    }

    @Test func countComparesTheNumberOfItems() throws {
        #expect(try Self.judge(#"{ users: { count: { "<=": 2 } } }"#, Self.users) == [])
        #expect(try Self.judge("{ users: { count: 2 } }", Self.users) == [])
        #expect(
            try Self.judge(#"{ users: { count: { "<": 2 } } }"#, Self.users)
                == ["users: expected a count < 2, found 2 items"])
        #expect(
            try Self.judge(#"{ users: { count: { ">=": 1 } } }"#, #"{"users": null}"#)
                == ["users: expected an array, found null"])
        #expect(
            try Self.judge(#"{ users: { count: { ">=": 1 } } }"#, "{}") == ["users: not found"])
    }

    @Test func theDollarPathIsTheWholeDocument() throws {
        let alerts = #"[{"number": 1}, {"number": 2}, {"number": 3}]"#
        #expect(try Self.judge(#"{ $: { count: { "<=": 3 } } }"#, alerts) == [])
        #expect(
            try Self.judge(#"{ $: { count: { "<=": 0 } } }"#, alerts)
                == ["(document): expected a count <= 0, found 3 items"])
        #expect(try Self.judge("{ $: { any: { number: 2 } } }", alerts) == [])
    }

    @Test func countTakesOnlyAComparisonOrAValue() {
        let spec = Kit.spec(.json, path: "x.json", options: "expect: { a: { count: { all: 1 } } }")
        var diagnostics: [Diagnostic] = []
        let parsed = spec.options["expect"].flatMap {
            Assertion.expectations($0, option: "expect", diagnostics: &diagnostics)
        }
        #expect(parsed == nil)
        #expect(Kit.codes(diagnostics) == ["evidence.invalid-expectation 1:23"])
    }
}
