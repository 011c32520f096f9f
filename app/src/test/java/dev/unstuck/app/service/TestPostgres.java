package dev.unstuck.app.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A PostgreSQL for a test: the one .ci/run starts ({@code UNSTUCK_TEST_POSTGRES_URL}), else an embedded
 * one from Maven Central (zonky's binaries), so the test runs, never skips, on a machine with only a JDK.
 */
final class TestPostgres implements AutoCloseable {
    private final Optional<EmbeddedPostgres> embedded;
    private final String url;

    TestPostgres() {
        String given = System.getenv("UNSTUCK_TEST_POSTGRES_URL");
        if (given != null && !given.isBlank()) {
            embedded = Optional.empty();
            url = given;
        } else {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                embedded = Optional.of(pg);
                url = pg.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        embedded.ifPresent(pg -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // The test is over.
            }
        });
    }
}
