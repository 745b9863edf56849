// SwiftPM needs a source file here; the collector suites live beside it.
