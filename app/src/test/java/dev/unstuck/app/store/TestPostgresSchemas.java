package dev.unstuck.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A PostgreSQL for the store's tests: the one `.ci/run` starts ({@code UNSTUCK_TEST_POSTGRES_URL}), else an
 * embedded one from Maven Central (zonky's binaries), so they run, never skip, on a machine with only a
 * JDK; and a schema of its own for each test, so runs never see each other's rows. Registered as an
 * extension ({@link #perClass()}) it starts before a class's tests and stops after them.
 */
final class TestPostgresSchemas implements AutoCloseable {
    private final Optional<EmbeddedPostgres> embedded;
    private final String url;

    private TestPostgresSchemas(Optional<EmbeddedPostgres> embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    /** A server for one test class: {@code @RegisterExtension static final TestPostgresSchemas postgres = perClass();} */
    static PerClass perClass() {
        return new PerClass();
    }

    /** The server started before the class's tests and stopped after them. */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private TestPostgresSchemas server;

        @Override
        public void beforeAll(ExtensionContext context) {
            server = start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            server.close();
        }

        AuditLocation freshSchema(String prefix) throws SQLException {
            return server.freshSchema(prefix);
        }
    }

    static TestPostgresSchemas start() {
        String given = System.getenv("UNSTUCK_TEST_POSTGRES_URL");
        if (given != null && !given.isBlank()) {
            return new TestPostgresSchemas(Optional.empty(), given);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new TestPostgresSchemas(Optional.of(pg), pg.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty schema, as the audit location a store opens. */
    AuditLocation freshSchema(String prefix) throws SQLException {
        String schema = prefix + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return AuditLocation.parse(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Override
    public void close() {
        embedded.ifPresent(pg -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // The tests are over.
            }
        });
    }
}
