package dev.unstuck.app;

import dev.unstuck.app.store.AuditLocation;
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
 * A PostgreSQL for tests: the one `.ci/run` starts ({@code UNSTUCK_TEST_POSTGRES_URL}), else an
 * embedded one from Maven Central (zonky's binaries), so they run, never skip, on a machine with only a
 * JDK; and a schema of its own for each test that asks ({@link #freshSchema}), so runs never see each
 * other's rows. Registered as an extension ({@link #perClass()}) it starts before a class's tests and
 * stops after them.
 */
public final class TestPostgres implements AutoCloseable {
    private final Optional<EmbeddedPostgres> embedded;
    private final String url;

    private TestPostgres(Optional<EmbeddedPostgres> embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    /** A server for one test class: {@code @RegisterExtension static final TestPostgres postgres = perClass();} */
    public static PerClass perClass() {
        return new PerClass();
    }

    /** The server started before the class's tests and stopped after them. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private TestPostgres server;

        @Override
        public void beforeAll(ExtensionContext context) {
            server = start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            server.close();
        }

        public AuditLocation freshSchema(String prefix) throws SQLException {
            return server.freshSchema(prefix);
        }
    }

    public static TestPostgres start() {
        String given = System.getenv("UNSTUCK_TEST_POSTGRES_URL");
        if (given != null && !given.isBlank()) {
            return new TestPostgres(Optional.empty(), given);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new TestPostgres(Optional.of(pg), pg.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database's URL, its public schema (for processes started on it). */
    public String url() {
        return url;
    }

    /** A new, empty schema, as the audit location a store opens. */
    public AuditLocation freshSchema(String prefix) throws SQLException {
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
