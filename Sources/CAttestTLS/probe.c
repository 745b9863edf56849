#define _GNU_SOURCE
#include "attest_tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int64_t monotonic_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static int remaining_ms(int64_t deadline) {
    int64_t left = deadline - monotonic_ms();
    if (left <= 0) return 0;
    return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

static void copy_text(char *destination, size_t size, const char *source) {
    if (size == 0) return;
    snprintf(destination, size, "%s", source ? source : "");
}

/// The last OpenSSL error, or `fallback` when the queue is empty; the queue is cleared.
static void describe_openssl_error(char *destination, size_t size, const char *fallback) {
    unsigned long code = ERR_peek_last_error();
    if (code == 0) {
        copy_text(destination, size, fallback);
    } else {
        char text[200];
        ERR_error_string_n(code, text, sizeof text);
        const char *reason = ERR_reason_error_string(code);
        copy_text(destination, size, reason ? reason : text);
    }
    ERR_clear_error();
}

static int is_ip_literal(const char *name) {
    unsigned char address[16];
    return inet_pton(AF_INET, name, address) == 1 || inet_pton(AF_INET6, name, address) == 1;
}

static int set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0) return -1;
    if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return -1;
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/// Connects to the first address that answers before the deadline; -1 with `result` filled
/// when none does.
static int connect_with_deadline(
    const struct attest_tls_request *request, int64_t deadline, struct attest_tls_result *result
) {
    char port[16];
    snprintf(port, sizeof port, "%d", request->port);
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *addresses = NULL;
    int status = getaddrinfo(request->host, port, &hints, &addresses);
    if (status != 0) {
        result->outcome = ATTEST_TLS_RESOLVE_FAILED;
        copy_text(result->error, sizeof result->error, gai_strerror(status));
        return -1;
    }
    int timed_out = 0;
    int last_error = ECONNREFUSED;
    int connected = -1;
    for (struct addrinfo *address = addresses; address && connected < 0;
         address = address->ai_next) {
        if (remaining_ms(deadline) == 0) {
            timed_out = 1;
            break;
        }
        int fd = socket(address->ai_family, address->ai_socktype, address->ai_protocol);
        if (fd < 0) {
            last_error = errno;
            continue;
        }
#if defined(__APPLE__)
        int no_sigpipe = 1;
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &no_sigpipe, sizeof no_sigpipe);
#endif
        if (set_nonblocking(fd) < 0) {
            last_error = errno;
            close(fd);
            continue;
        }
        if (connect(fd, address->ai_addr, address->ai_addrlen) == 0) {
            connected = fd;
            break;
        }
        if (errno != EINPROGRESS) {
            last_error = errno;
            close(fd);
            continue;
        }
        struct pollfd waiting = {.fd = fd, .events = POLLOUT};
        int ready;
        do {
            ready = poll(&waiting, 1, remaining_ms(deadline));
        } while (ready < 0 && errno == EINTR);
        if (ready == 0) {
            timed_out = 1;
            close(fd);
            break;
        }
        int problem = 0;
        socklen_t length = sizeof problem;
        if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &problem, &length) < 0) {
            last_error = errno;
            close(fd);
            continue;
        }
        if (problem != 0) {
            last_error = problem;
            close(fd);
            continue;
        }
        connected = fd;
    }
    freeaddrinfo(addresses);
    if (connected >= 0) return connected;
    if (timed_out) {
        result->outcome = ATTEST_TLS_TIMED_OUT;
        copy_text(result->error, sizeof result->error, "timed out while connecting");
    } else {
        result->outcome = ATTEST_TLS_CONNECT_FAILED;
        copy_text(result->error, sizeof result->error, strerror(last_error));
    }
    return -1;
}

static int protocol_constant(int version) {
    switch (version) {
    case ATTEST_TLS_1_0: return TLS1_VERSION;
    case ATTEST_TLS_1_1: return TLS1_1_VERSION;
    case ATTEST_TLS_1_2: return TLS1_2_VERSION;
    case ATTEST_TLS_1_3: return TLS1_3_VERSION;
    default: return 0;
    }
}

/// A client context as `request` asks; NULL with `result` filled on failure.
static SSL_CTX *make_context(
    const struct attest_tls_request *request, struct attest_tls_result *result
) {
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (!context) goto failed;
    if (request->legacy) {
        SSL_CTX_set_security_level(context, 0);
        if (SSL_CTX_set_cipher_list(context, "ALL:@SECLEVEL=0") != 1) goto failed;
    }
    if (!SSL_CTX_set_min_proto_version(context, protocol_constant(request->min_version)))
        goto failed;
    if (!SSL_CTX_set_max_proto_version(context, protocol_constant(request->max_version)))
        goto failed;
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_max_cert_list(context, request->max_chain_bytes);
    if (request->ca_pem && request->ca_pem_length > 0) {
        X509_STORE *store = SSL_CTX_get_cert_store(context);
        BIO *pem = BIO_new_mem_buf(request->ca_pem, (int)request->ca_pem_length);
        if (!pem) goto failed;
        int loaded = 0;
        X509 *certificate;
        while ((certificate = PEM_read_bio_X509(pem, NULL, NULL, NULL)) != NULL) {
            if (X509_STORE_add_cert(store, certificate) == 1) loaded += 1;
            X509_free(certificate);
        }
        BIO_free(pem);
        ERR_clear_error();
        if (loaded == 0) {
            result->outcome = ATTEST_TLS_SETUP_FAILED;
            copy_text(result->error, sizeof result->error, "ca_file holds no PEM certificate");
            SSL_CTX_free(context);
            return NULL;
        }
    } else if (SSL_CTX_set_default_verify_paths(context) != 1) {
        goto failed;
    }
    return context;
failed:
    result->outcome = ATTEST_TLS_SETUP_FAILED;
    describe_openssl_error(result->error, sizeof result->error, "cannot set up TLS");
    SSL_CTX_free(context);
    return NULL;
}

static void print_name(X509_NAME *name, char *destination, size_t size) {
    BIO *text = BIO_new(BIO_s_mem());
    if (!text) return;
    X509_NAME_print_ex(text, name, 0, XN_FLAG_RFC2253);
    int length = BIO_read(text, destination, (int)size - 1);
    destination[length > 0 ? length : 0] = 0;
    BIO_free(text);
}

static int64_t seconds_since_1970(const ASN1_TIME *time) {
    struct tm parts;
    memset(&parts, 0, sizeof parts);
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1) return 0;
    return (int64_t)timegm(&parts);
}

static void read_certificate(SSL *ssl, struct attest_tls_result *result) {
    X509 *leaf = SSL_get1_peer_certificate(ssl);
    if (!leaf) return;
    result->has_certificate = 1;
    result->not_before = seconds_since_1970(X509_get0_notBefore(leaf));
    result->not_after = seconds_since_1970(X509_get0_notAfter(leaf));
    unsigned int length = 0;
    unsigned char digest[EVP_MAX_MD_SIZE];
    if (X509_digest(leaf, EVP_sha256(), digest, &length) == 1 && length == 32) {
        memcpy(result->fingerprint, digest, 32);
    }
    print_name(X509_get_subject_name(leaf), result->subject, sizeof result->subject);
    print_name(X509_get_issuer_name(leaf), result->issuer, sizeof result->issuer);
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    result->chain_length = chain ? sk_X509_num(chain) : 1;
    X509_free(leaf);
}

/// Drives the handshake on a non-blocking socket until it completes, fails or the deadline
/// passes.
static void handshake(SSL *ssl, int fd, int64_t deadline, struct attest_tls_result *result) {
    for (;;) {
        ERR_clear_error();
        errno = 0;
        int status = SSL_connect(ssl);
        if (status == 1) {
            result->outcome = ATTEST_TLS_HANDSHAKE;
            return;
        }
        int error = SSL_get_error(ssl, status);
        short events;
        if (error == SSL_ERROR_WANT_READ) {
            events = POLLIN;
        } else if (error == SSL_ERROR_WANT_WRITE) {
            events = POLLOUT;
        } else {
            result->outcome = ATTEST_TLS_HANDSHAKE_FAILED;
            if (error == SSL_ERROR_SYSCALL && ERR_peek_last_error() == 0) {
                copy_text(
                    result->error, sizeof result->error,
                    errno != 0 ? strerror(errno) : "the server closed the connection");
                ERR_clear_error();
            } else {
                describe_openssl_error(result->error, sizeof result->error, "handshake failed");
            }
            return;
        }
        int left = remaining_ms(deadline);
        if (left == 0) break;
        struct pollfd waiting = {.fd = fd, .events = events};
        int ready;
        do {
            ready = poll(&waiting, 1, remaining_ms(deadline));
        } while (ready < 0 && errno == EINTR);
        if (ready == 0) break;
        if (ready < 0) {
            result->outcome = ATTEST_TLS_HANDSHAKE_FAILED;
            copy_text(result->error, sizeof result->error, strerror(errno));
            return;
        }
    }
    result->outcome = ATTEST_TLS_TIMED_OUT;
    copy_text(result->error, sizeof result->error, "timed out during the TLS handshake");
}

void attest_tls_probe(const struct attest_tls_request *request, struct attest_tls_result *result) {
    memset(result, 0, sizeof *result);
    int64_t deadline = monotonic_ms() + (request->timeout_ms > 0 ? request->timeout_ms : 1);

    // A server closing mid-handshake must not kill the process with SIGPIPE: block it on this
    // thread and discard any that arrived before restoring the mask.
    sigset_t pipe_only, previous;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigset_t pending_before;
    sigpending(&pending_before);
    int pipe_was_pending = sigismember(&pending_before, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);

    SSL_CTX *context = NULL;
    SSL *ssl = NULL;
    int fd = -1;
    context = make_context(request, result);
    if (!context) goto done;
    fd = connect_with_deadline(request, deadline, result);
    if (fd < 0) goto done;
    ssl = SSL_new(context);
    if (!ssl || SSL_set_fd(ssl, fd) != 1) {
        result->outcome = ATTEST_TLS_SETUP_FAILED;
        describe_openssl_error(result->error, sizeof result->error, "cannot set up TLS");
        goto done;
    }
    const char *name = request->server_name;
    if (name && name[0] != 0) {
        int literal = is_ip_literal(name);
        if (!literal) SSL_set_tlsext_host_name(ssl, name);
        if (request->check_hostname) {
            SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            int named = literal
                ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name)
                : SSL_set1_host(ssl, name);
            if (named != 1) {
                result->outcome = ATTEST_TLS_SETUP_FAILED;
                copy_text(result->error, sizeof result->error, "invalid server name");
                goto done;
            }
        }
    }
    handshake(ssl, fd, deadline, result);
    if (result->outcome != ATTEST_TLS_HANDSHAKE) goto done;
    copy_text(result->protocol, sizeof result->protocol, SSL_get_version(ssl));
    copy_text(
        result->cipher, sizeof result->cipher, SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
    result->verify_code = SSL_get_verify_result(ssl);
    copy_text(
        result->verify_error, sizeof result->verify_error,
        X509_verify_cert_error_string(result->verify_code));
    read_certificate(ssl, result);
    SSL_shutdown(ssl);  // one non-blocking attempt: a courtesy, never waited for

done:
    if (ssl) SSL_free(ssl);
    if (fd >= 0) close(fd);
    if (context) SSL_CTX_free(context);
    ERR_clear_error();
#if defined(__linux__)
    if (!pipe_was_pending) {
        sigset_t pending;
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE)) {
            struct timespec zero = {0, 0};
            sigtimedwait(&pipe_only, NULL, &zero);
        }
    }
#else
    (void)pipe_was_pending;
#endif
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
}
