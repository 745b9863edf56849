#ifndef CMALLOCSTATS_H
#define CMALLOCSTATS_H
#include <stddef.h>

/// Bytes handed out by malloc and not freed (glibc mallinfo2().uordblks); 0 elsewhere.
size_t attest_bench_heap_in_use(void);
/// Returns free heap memory to the system (glibc malloc_trim(0)); does nothing elsewhere.
void attest_bench_trim_heap(void);

#endif
