// Keeping the environment of attest from the programs it runs (see docs/collectors.md,
// "Environment"): the variables a command is not given must not be readable through
// /proc/<attest pid>/environ either.
#define _GNU_SOURCE
#include "attest_system.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

extern char **environ;

int attest_set_not_dumpable(void) {
#if defined(__linux__)
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#else
    return 0;
#endif
}

#if defined(__linux__)
/// Reads `env_start` and `env_end` (fields 50 and 51 of /proc/self/stat, Linux 3.5 and later):
/// the block of the initial stack that /proc/<pid>/environ shows. Returns 0 on success.
static int initial_environment_block(unsigned long *start, unsigned long *end) {
    char buffer[4096];
    int descriptor = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return -1;
    ssize_t length = read(descriptor, buffer, sizeof buffer - 1);
    close(descriptor);
    if (length <= 0) return -1;
    buffer[length] = '\0';
    // Field 2, the command name, is in parentheses and may hold spaces: count from the last ')'.
    char *cursor = strrchr(buffer, ')');
    if (cursor == NULL) return -1;
    cursor++;
    unsigned long values[2] = {0, 0};
    for (int field = 3; field <= 51; field++) {
        while (*cursor == ' ') cursor++;
        if (*cursor == '\0') return -1;
        char *next = NULL;
        unsigned long value = strtoul(cursor, &next, 10);
        if (next == cursor) return -1;
        if (field >= 50) values[field - 50] = value;
        cursor = next;
    }
    if (values[0] == 0 || values[1] <= values[0]) return -1;
    *start = values[0];
    *end = values[1];
    return 0;
}
#endif

int attest_wipe_initial_environment(void) {
    size_t count = 0;
    while (environ != NULL && environ[count] != NULL) count++;
    char **copy = calloc(count + 1, sizeof(char *));
    if (copy == NULL) return -1;
    for (size_t index = 0; index < count; index++) {
        copy[index] = strdup(environ[index]);
        if (copy[index] == NULL) {
            for (size_t freed = 0; freed < index; freed++) free(copy[freed]);
            free(copy);
            errno = ENOMEM;
            return -1;
        }
    }
    char **original = environ;
    environ = copy;
#if defined(__linux__)
    unsigned long start = 0;
    unsigned long end = 0;
    // The block is trusted only if it holds the first variable, as it does when the kernel
    // laid out the stack (a parsing mistake must not wipe unrelated memory).
    if (initial_environment_block(&start, &end) == 0
        && (count == 0
            || ((unsigned long)original[0] >= start && (unsigned long)original[0] < end))) {
        memset((void *)start, 0, end - start);
        return 0;
    }
#endif
    // Without the block's bounds, wipe the strings the original array pointed at.
    for (size_t index = 0; index < count; index++) {
        memset(original[index], 0, strlen(original[index]));
    }
    return 0;
}
