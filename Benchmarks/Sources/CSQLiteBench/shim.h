// The system libsqlite3 (Debian: libsqlite3-dev), the same library GRDB links, for the raw
// C-API baseline of the store-write benchmark only.
#include <sqlite3.h>
