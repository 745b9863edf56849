import AttestCLI
import Foundation

#if Mimalloc && canImport(CMimalloc)
import CMimalloc

// The executable allocates with mimalloc: linked before the C library, its `malloc` and
// `free` serve the whole process, with less CPU for a large build than glibc's
// (docs/architecture.md, "The allocator"). Asking its version keeps the link.
_ = mi_version()
#endif

exit(await AttestMain.main(Array(CommandLine.arguments.dropFirst())))
