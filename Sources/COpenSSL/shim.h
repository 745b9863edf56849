// The system OpenSSL (Debian: libssl-dev, OpenSSL 3), used only by the C shim CAttestTLS:
// Swift never touches OpenSSL's macros.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
