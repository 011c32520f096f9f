package dev.unstuck.app.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** With --management-port, probes and scrapers use a port of their own and the API's port serves only the API. */
class ManagementPortTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service().withManagementPort();

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        assertThat(fx.service.managementPort()).isPresent().get().isNotEqualTo(fx.service.port());
        assertThat(fx.management("/healthz").status()).isEqualTo(200);
        // A series registered when the org is bound, not one that waits for the first Genesys call (a race).
        assertThat(fx.management("/metrics").body()).contains("unstuck_genesys_rate_limited_total{org=\"acme\"}");
        assertThat(fx.management("/api/v1/orgs").status()).as("no API on the management port").isEqualTo(404);
        assertThat(fx.call("GET", "/healthz", Optional.empty(), Optional.empty(), Map.of()).status()).isEqualTo(404);
        assertThat(fx.get("/api/v1/orgs", fx.viewer).status()).isEqualTo(200);
    }
}
