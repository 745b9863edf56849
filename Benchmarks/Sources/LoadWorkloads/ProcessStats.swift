import CMallocStats
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Resident memory and CPU time of this process, read from Linux's `/proc/self`.
public enum ProcessStats {
    /// Peak resident set size so far (`VmHWM`), in bytes; nil where `/proc` is missing.
    public static var peakResidentBytes: Int? { statusField("VmHWM") }

    /// Current resident set size (`VmRSS`), in bytes.
    public static var residentBytes: Int? { statusField("VmRSS") }

    /// Resets the peak resident size to the current one (writes 5 to `/proc/self/clear_refs`),
    /// so the next `peakResidentBytes` is the peak of what runs in between.
    ///
    /// - Returns: whether the kernel accepted the reset.
    @discardableResult
    public static func resetPeakResident() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else {
            return false
        }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// CPU time used by every thread of the process so far, in seconds.
    public static var cpuSeconds: Double {
        #if canImport(Glibc)
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        #else
        return Double(clock()) / Double(CLOCKS_PER_SEC)
        #endif
    }

    /// Bytes the allocator has handed out and not had back (glibc `mallinfo2().uordblks`);
    /// nil off glibc. Unlike the resident size, it does not count freed memory the allocator
    /// keeps, so it tells a leak from fragmentation.
    public static var heapInUseBytes: Int? {
        #if canImport(Glibc)
        return Int(attest_bench_heap_in_use())
        #else
        return nil
        #endif
    }

    /// Returns free heap memory to the system (glibc `malloc_trim(0)`); the resident size after
    /// it is what the process really holds.
    public static func trimHeap() {
        attest_bench_trim_heap()
    }

    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return nil
        }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let number = line.dropFirst(name.count + 1).filter(\.isNumber)
            return Int(number).map { $0 * 1024 }  // reported in kB
        }
        return nil
    }
}
