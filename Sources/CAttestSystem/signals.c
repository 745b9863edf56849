// Termination signals for the attest executable: the handler only records the signal in a pipe,
// and a thread of attest reads it and does the rest (see AttestCLI's SignalHandling.swift).
#include "attest_system.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/// The write end of the pipe the termination handler writes to (-1 before installation).
static volatile sig_atomic_t termination_pipe_write_end = -1;

/// Async-signal-safe: writes the signal's number as one byte, and nothing else.
static void write_signal_number(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    ssize_t written = write((int)termination_pipe_write_end, &byte, 1);
    (void)written;
    errno = saved;
}

int attest_signal_pipe(const int *signals, int count) {
    if (termination_pipe_write_end >= 0) {
        errno = EBUSY;
        return -1;
    }
    int ends[2];
    if (pipe(ends) != 0) return -1;
    for (int index = 0; index < 2; index++) fcntl(ends[index], F_SETFD, FD_CLOEXEC);
    // A burst of signals must never block the handler.
    fcntl(ends[1], F_SETFL, O_NONBLOCK);
    termination_pipe_write_end = ends[1];
    for (int index = 0; index < count; index++) {
        struct sigaction current;
        if (sigaction(signals[index], NULL, &current) != 0) continue;
        if (current.sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = write_signal_number;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(signals[index], &action, NULL);
    }
    return ends[0];
}
