import AttestCLI
import Foundation

exit(await AttestMain.main(Array(CommandLine.arguments.dropFirst())))
