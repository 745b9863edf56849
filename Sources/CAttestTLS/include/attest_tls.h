#ifndef ATTEST_TLS_H
#define ATTEST_TLS_H

// One TLS handshake with the system OpenSSL, bounded by a deadline, reporting what was
// negotiated and what the server presented. The header names no OpenSSL type, so Swift sees
// plain C structs only.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How a probe ended.
enum attest_tls_outcome {
    /// The handshake completed; every field of the result is filled.
    ATTEST_TLS_HANDSHAKE = 0,
    /// The host name could not be resolved.
    ATTEST_TLS_RESOLVE_FAILED = 1,
    /// No TCP connection (refused, unreachable).
    ATTEST_TLS_CONNECT_FAILED = 2,
    /// The deadline passed while connecting or during the handshake.
    ATTEST_TLS_TIMED_OUT = 3,
    /// The TCP connection was made but the TLS handshake failed (no common version or cipher,
    /// alert, not TLS at all).
    ATTEST_TLS_HANDSHAKE_FAILED = 4,
    /// The probe could not be set up (bad trust anchors, out of memory).
    ATTEST_TLS_SETUP_FAILED = 5,
};

/// TLS protocol versions, as the probe pins them.
enum attest_tls_version {
    ATTEST_TLS_ANY = 0,
    ATTEST_TLS_1_0 = 10,
    ATTEST_TLS_1_1 = 11,
    ATTEST_TLS_1_2 = 12,
    ATTEST_TLS_1_3 = 13,
};

/// What to probe.
struct attest_tls_request {
    const char *host;
    int port;
    /// SNI and the name the certificate is checked against; NULL or empty: none sent.
    const char *server_name;
    /// Pinned versions; ATTEST_TLS_ANY leaves OpenSSL's defaults.
    int min_version;
    int max_version;
    /// Nonzero: security level 0 and every cipher, so a server speaking TLS 1.0/1.1 with old
    /// ciphers still completes a handshake (for probing what it accepts, never for trust).
    int legacy;
    /// Whole milliseconds for resolving, connecting and the handshake together.
    int timeout_ms;
    /// PEM trust anchors replacing the system store; NULL: the system store.
    const char *ca_pem;
    size_t ca_pem_length;
    /// Nonzero: the certificate must match server_name.
    int check_hostname;
    /// The largest certificate chain accepted from the server, in bytes.
    long max_chain_bytes;
};

/// What a probe saw. Strings are NUL-terminated and truncated to fit.
struct attest_tls_result {
    int outcome;
    /// Why the probe did not complete a handshake (errno text, OpenSSL's error string).
    char error[256];
    /// The negotiated protocol ("TLSv1.3") and cipher suite.
    char protocol[32];
    char cipher[128];
    /// X509_V_OK (0) when the chain verified (and the name matched), else OpenSSL's code.
    long verify_code;
    char verify_error[160];
    /// 1 when the server presented a certificate.
    int has_certificate;
    /// The leaf's validity, in seconds since 1970 UTC.
    int64_t not_before;
    int64_t not_after;
    /// SHA-256 of the leaf's DER encoding.
    unsigned char fingerprint[32];
    char subject[256];
    char issuer[256];
    /// Certificates the server sent (leaf included).
    int chain_length;
};

/// Runs one handshake as `request` says and fills `result`; never blocks past the deadline
/// except in name resolution (getaddrinfo has no timeout: callers bound it themselves).
void attest_tls_probe(const struct attest_tls_request *request, struct attest_tls_result *result);

#ifdef __cplusplus
}
#endif

#endif
