// The AttestRenderTests suites land with their module (issue 5 and 6); SwiftPM needs a source file here.
