import AttestCore
import GRDB

extension SQLiteStore {
    /// The `application_id` in the header of every Attest store: "ATST".
    static let applicationID: UInt32 = 0x4154_5354

    /// The schema version this Attest writes: the number of its last migration, which stores it
    /// as `user_version`, so a store from a newer Attest is recognised from its header alone.
    static let schemaVersion: UInt32 = 6

    /// The tables of the first schema ("v1"), which identify a store written before stores
    /// carried the application id.
    static let firstSchemaTables: Set<String> = [
        "grdb_migrations", "runs", "evidence_results", "scores", "run_controls", "disclosures",
    ]
    static let firstMigration = "v1: runs, evidence results, scores, controls, disclosures"

    /// The store's schema, one named migration per change; never edit a shipped migration.
    /// Each migration after v1 ends by setting `user_version` to its number.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text).notNull()
                t.column("tool_version", .text).notNull()
                t.column("workspace_fingerprint", .text).notNull()
                // Builds are reproducible: the same inputs and build time give the same id,
                // and a build already recorded is not recorded again.
                t.column("build_id", .text).unique()
            }
            try db.create(table: "evidence_results") { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("evidence_id", .text).notNull()
                t.column("control_id", .text).notNull()
                t.column("status", .text).notNull()
                t.column("score", .double).notNull()
                t.column("observed_at", .text).notNull()
                t.column("expires_at", .text)
                t.column("sha256", .text)
                t.column("message", .text).notNull()
                t.column("artifacts", .text).notNull()  // JSON array of {path, sha256}
                t.primaryKey(["run_id", "evidence_id"])
            }
            try db.create(table: "scores") { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("node", .text).notNull()  // "soc2" or "soc2/CC6"
                t.column("numerator", .double).notNull()
                t.column("denominator", .double).notNull()
                t.column("inherited_numerator", .double).notNull()
                t.column("leaves", .integer).notNull()
                t.column("covered", .integer).notNull()
                t.column("inherited", .integer).notNull()
                t.column("gaps", .integer).notNull()
                t.column("excluded", .integer).notNull()
                t.primaryKey(["run_id", "node"])
            }
            try db.create(index: "scores_by_node", on: "scores", columns: ["node", "run_id"])
            try db.create(table: "run_controls") { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("control_id", .text).notNull()
                t.column("title", .text).notNull()
                t.column("visibility", .text).notNull()
                t.column("score", .double).notNull()
                t.primaryKey(["run_id", "control_id"])
            }
            try db.create(table: "disclosures") { t in
                t.primaryKey("id", .text)
                t.column("recipient", .text).notNull()
                t.column("nda_reference", .text).notNull()
                t.column("frameworks", .text).notNull()  // JSON array of ids
                t.column("sha256", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("expires_at", .text)
                t.column("run_id", .integer).references("runs", onDelete: .setNull)
            }
        }
        migrator.registerMigration("v2: run states") { db in
            // Runs recorded before states existed were all taken as published: keep them so.
            try db.alter(table: "runs") { t in
                t.add(column: "state", .text).notNull().defaults(to: RunState.collected.rawValue)
            }
            try db.execute(
                sql: "UPDATE runs SET state = ? WHERE kind = 'build'",
                arguments: [RunState.published.rawValue])
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        migrator.registerMigration("v3: store identity") { db in
            // Recognised from the header without opening it as a database (`StoreFileHeader`);
            // the table says the same to a person reading the file with `sqlite3`.
            try db.execute(sql: "PRAGMA application_id = \(SQLiteStore.applicationID)")
            try db.create(table: "attest_store") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.execute(
                sql: "INSERT INTO attest_store (key, value) VALUES ('format', 'attest-store')")
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        migrator.registerMigration("v4-provenance") { db in
            // Where each result's date came from and what it observed; results recorded before
            // read back as `assumed`, which is what they were.
            try db.alter(table: "evidence_results") { t in
                t.add(column: "date_source", .text).notNull()
                    .defaults(to: DateSource.assumed.rawValue)
                t.add(column: "target", .text)
                t.add(column: "signer", .text)
                t.add(column: "collector", .text)
            }
            // The workspace's git revision (`-dirty` when it had uncommitted changes) and the
            // CI run or job that made the run.
            try db.alter(table: "runs") { t in
                t.add(column: "revision", .text)
                t.add(column: "ci_url", .text)
            }
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        migrator.registerMigration("v5-run-scope") { db in
            // Needs only the runs table of v1. A run recorded before it has
            // `scope_recorded = 0`, so its exclusions read as unknown rather than as none.
            try db.alter(table: "runs") { t in
                t.add(column: "scope_recorded", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "run_exclusions") { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("requirement", .text).notNull()  // "gdpr/Art.27"
                t.column("justification", .text).notNull()
                t.column("visibility", .text).notNull()
                t.primaryKey(["run_id", "requirement"])
            }
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        migrator.registerMigration("v6-access") { db in
            // The portal's access requests with their NDA acceptance (docs/portal.md), and
            // what each disclosed bundle held and under which request.
            try db.create(table: "access_requests") { t in
                t.primaryKey("id", .text)
                t.column("created_at", .text).notNull()
                t.column("name", .text).notNull()
                t.column("email", .text).notNull()
                t.column("company", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("locale", .text).notNull()
                t.column("documents", .text).notNull()  // JSON array of document ids
                t.column("nda_sha256", .text).notNull()
                t.column("ip_address", .text).notNull()
                t.column("user_agent", .text).notNull()
                t.column("status", .text).notNull()
                t.column("decided_at", .text)
                t.column("decided_by", .text)
                t.column("expires_at", .text)
            }
            try db.create(
                index: "access_requests_by_status", on: "access_requests",
                columns: ["status", "created_at"])
            try db.alter(table: "disclosures") { t in
                t.add(column: "documents", .text).notNull().defaults(to: "[]")
                t.add(column: "access_request_id", .text)
            }
            try db.execute(sql: "PRAGMA user_version = 6")
        }
        return migrator
    }
}
