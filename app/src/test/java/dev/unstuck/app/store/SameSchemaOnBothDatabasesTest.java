package dev.unstuck.app.store;

import dev.unstuck.app.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations of SQLite and PostgreSQL end with the same schema: the same tables with the same
 * columns, each of the same kind of type and nullability. What is written once (db/migration/common)
 * cannot drift; this holds the vendor files (what must differ) to the same result.
 */
class SameSchemaOnBothDatabasesTest {
    @TempDir
    Path dir;

    @Test
    void sqliteAndPostgresqlEndWithTheSameTablesAndColumns() throws Exception {
        Map<String, Map<String, String>> sqlite;
        AuditLocation file = AuditLocation.parse(dir.resolve("audit.db").toString());
        try (AuditDatabase ignored = AuditDatabase.open(file); Connection c = DriverManager.getConnection(file.jdbcUrl())) {
            sqlite = schema(c, null);
        }

        Map<String, Map<String, String>> postgres;
        try (TestPostgres server = TestPostgres.start()) {
            AuditLocation location = server.freshSchema("audit_");
            String schema = location.jdbcUrl().replaceFirst(".*currentSchema=", "");
            try (AuditDatabase ignored = AuditDatabase.open(location); Connection c = DriverManager.getConnection(location.jdbcUrl())) {
                postgres = schema(c, schema);
            }
        }

        assertThat(sqlite).containsKeys("audit_event", "audit_run", "conversation_claim", "api_token", "idempotency_key", "web_session");
        assertThat(postgres).isEqualTo(sqlite);
    }

    /** Table -> column -> normalised type, and whether it is (part of) the primary key or else NOT NULL; Flyway's own table and SQLite's internal ones left out. */
    private static Map<String, Map<String, String>> schema(Connection c, String schema) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!table.startsWith("sqlite_") && !table.equals("flyway_schema_history")) {
                    tables.put(table, new TreeMap<>());
                }
            }
        }
        for (Map.Entry<String, Map<String, String>> table : tables.entrySet()) {
            Set<String> key = new HashSet<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, table.getKey())) {
                while (rs.next()) {
                    key.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            try (ResultSet rs = meta.getColumns(null, schema, table.getKey(), "%")) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    // A key column is never null on PostgreSQL; SQLite lets a lone non-integer key column hold NULL (its
                    // documented legacy quirk) and says so: the key is compared, not its nullability.
                    String constraint = key.contains(column) ? " PRIMARY KEY"
                            : rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "";
                    table.getValue().put(column, type(rs.getString("TYPE_NAME")) + constraint);
                }
            }
        }
        return tables;
    }

    /** SQLite stores every whole number alike; PostgreSQL's int4, int8 and (big)serial are all whole numbers. */
    private static String type(String name) {
        String t = name.toLowerCase(Locale.ROOT);
        if (t.matches("int[248]?|integer|bigint|smallint|bigserial|serial[48]?|serial")) {
            return "whole number";
        }
        if (t.equals("text") || t.startsWith("varchar") || t.startsWith("character")) {
            return "text";
        }
        return t;
    }
}
