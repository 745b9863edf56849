import AttestCLI
import Foundation

exit(await AttestMain.run(Array(CommandLine.arguments.dropFirst())))
