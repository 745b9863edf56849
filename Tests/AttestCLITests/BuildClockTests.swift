import ArgumentParser
import Foundation
import Testing

@testable import AttestCLI

/// `--build-time`, `--created` and `SOURCE_DATE_EPOCH`: a time every output can print and every
/// id can count in whole seconds.
@Suite struct BuildClockTests {
    @Test(arguments: [
        "9223372036854775807", "-9223372036854775808", "253402300800", "-1",
    ])
    func aTimeOutsideTheYears1970To9999IsRefused(seconds: String) {
        #expect(throws: ValidationError.self) {
            _ = try BuildClock.time(option: seconds, environment: [:], name: "--created")
        }
        #expect(throws: ValidationError.self) {
            _ = try BuildClock.time(option: nil, environment: ["SOURCE_DATE_EPOCH": seconds])
        }
    }

    @Test func theFirstAndLastSecondsOfTheRangeAreAccepted() throws {
        #expect(
            try BuildClock.time(option: "0", environment: [:])
                == Date(timeIntervalSince1970: 0))
        #expect(
            try BuildClock.time(option: "253402300799", environment: [:])
                == Date(timeIntervalSince1970: 253_402_300_799))
    }
}
