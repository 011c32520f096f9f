package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.genesys.GenesysId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness as "this replica can serve" (the audit takes a real write, its SQLite file is still the
 * one opened), the orgs' own state in {@code /api/v1/orgs}, the metrics a first scrape shows and their
 * bounded labels, and resuming on a timer what a run that died left begun.
 */
class ServiceHealthTest {
    private static final Pattern LABEL_VALUE = Pattern.compile("=\"([^\"]*)\"");

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service().startedByTheTest();

    private ServiceFixture serve(boolean watch) throws Exception {
        fx.start(watch);
        return fx;
    }

    private ServiceFixture.Answer readyz() {
        return fx.call("GET", "/readyz", Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void turnsUnreadyWhenTheAuditFileIsDeletedUnderItButStaysAlive() throws Exception {
        serve(false);
        assertThat(readyz().status()).as(readyz().body()).isEqualTo(200);

        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(fx.home.resolve("audit.db" + suffix));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> readyz().status() == 503);
        assertThat(readyz().json().path("problems").toString()).contains("was deleted under the service");
        assertThat(gauge(fx.scrape(), "unstuck_audit_up")).isEqualTo(0);
        assertThat(fx.call("GET", "/healthz", Optional.empty(), Optional.empty(), Map.of()).status()).as("liveness").isEqualTo(200);
    }

    @Test
    void turnsUnreadyWhileTheAuditTakesNoWriteAndReadyAgainOnceItDoes() throws Exception {
        serve(false);
        assertThat(readyz().status()).isEqualTo(200);

        sql("ALTER TABLE audit_run RENAME TO audit_run_moved"); // the heartbeat write fails, a ping would still pass
        await().atMost(Duration.ofSeconds(10)).until(() -> readyz().status() == 503);
        assertThat(readyz().json().path("status").asText()).isEqualTo("not ready");
        assertThat(readyz().json().path("problems").get(0).asText()).startsWith("audit: ");

        sql("ALTER TABLE audit_run_moved RENAME TO audit_run");
        await().atMost(Duration.ofSeconds(10)).until(() -> readyz().status() == 200);
    }

    @Test
    void listsEachOrgsRegionByItsNameAndWhetherItIsUp() throws Exception {
        serve(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> org().path("credentials").asText().equals("ok"));
        JsonNode org = org();
        assertThat(org.path("region").asText()).isEqualTo(fx.sandboxUri().toString().replaceFirst("/$", ""));
        assertThat(org.path("up").asBoolean()).isTrue();
        assertThat(org.path("problem").isNull()).isTrue();
    }

    @Test
    void staysReadyWhileGenesysDoesNotAnswerAndShowsTheOrgDownWithTheReason() throws Exception {
        serve(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> org().path("up").asBoolean());

        fx.control.faults("{\"status\": 503, \"errorRate\": 1, \"pathPattern\": \"/api/v2/tokens/me\"}");

        await().atMost(Duration.ofSeconds(60)).until(() -> org().path("problem").asText().startsWith("Genesys Cloud does not answer"));
        assertThat(org().path("up").asBoolean()).isFalse();
        assertThat(gauge(fx.scrape(), "unstuck_org_up{org=\"acme\"}")).isEqualTo(0);
        assertThat(readyz().status()).as("every replica sees the same outage: none leaves the load balancer").isEqualTo(200);

        fx.control.clearFaults();
        await().atMost(Duration.ofSeconds(60)).until(() -> org().path("up").asBoolean());
    }

    @Test
    void aFirstScrapeHasEveryGaugeAndNoLabelCarriesAnIdEvenAfterAReconnect() throws Exception {
        serve(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> org().path("channelConnected").asBoolean() && org().path("following").asInt() > 0);
        fx.get("/api/v1/orgs/acme/queues", fx.viewer);

        String first = fx.scrape();
        assertThat(first).contains("unstuck_guests_now{org=\"acme\",queue=\"Support\",reason=");
        assertThat(first).containsPattern("unstuck_build_info\\{java=\"[^\"]+\",version=\"[^\"]+\"} 1");
        assertThat(gauge(first, "unstuck_audit_up")).isEqualTo(1);
        assertThat(gauge(first, "unstuck_org_up{org=\"acme\"}")).isEqualTo(1);
        assertThat(first).contains("unstuck_http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/orgs/{org}/queues\",status=\"200\"}");

        int channels = fx.control.channels().size();
        fx.control.dropChannels(Optional.empty());
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.control.channels().size() > channels && org().path("channelConnected").asBoolean());
        String after = fx.scrape();
        assertThat(after).contains("endpoint=\"/api/v2/notifications/channels/{id}/subscriptions\"");
        Matcher values = LABEL_VALUE.matcher(after);
        while (values.find()) {
            String value = values.group(1);
            assertThat(value).as("a label value").doesNotContain("streaming-").doesNotContain("/conversations/messages/c");
            assertThat(GenesysId.PATTERN.matcher(value).find()).as("an id in label value " + value).isFalse();
        }
    }

    @Test
    void finishesOnItsTimerTheEndingARunThatDiedLeftBegunAndAuditsTheResume() throws Exception {
        serve(false);
        String id = fx.guest("waiting").id();
        // A sweep on another host claimed the conversation, then died: its lease lapsed long ago.
        sql("INSERT INTO audit_run (run_id, command, caller, host, pid, pid_started, started_at, alive_until)"
                + " VALUES ('dead-sweep', 'sweep', 'ops', 'another-host', 1, 0, 0, 0)");
        sql("INSERT INTO conversation_claim (org, conversation_id, purpose, holder, claimed_at) VALUES ('acme', '" + id + "', 'run', 'dead-sweep', 0)");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.guest("waiting").ended()
                && audit().stream().anyMatch(e -> e.kind().equals(AuditEvent.Kind.OUTCOME) && e.subject().conversationId().equals(id)));
        assertThat(audit()).anyMatch(e -> e.kind().equals(AuditEvent.Kind.RESUME) && e.subject().conversationId().equals(id)
                && e.summary().contains("dead-sweep"));
        assertThat(sqlCount("SELECT count(*) FROM conversation_claim WHERE purpose = 'run'")).as("the dead run's claim is released").isZero();
    }

    @Test
    void genesysPathsBecomeTemplatesWhateverIdsTheyCarry() {
        assertThat(ServiceMetrics.endpoint("/api/v2/notifications/channels/streaming-0-7f3a9c/subscriptions"))
                .isEqualTo("/api/v2/notifications/channels/{id}/subscriptions");
        assertThat(ServiceMetrics.endpoint("/api/v2/conversations/messages/4b1c0d3e-1111-2222-3333-444455556666/participants/p-1?x=1"))
                .isEqualTo("/api/v2/conversations/messages/{id}/participants/{id}");
        assertThat(ServiceMetrics.endpoint("/oauth/token")).isEqualTo("/oauth/token");
    }

    private JsonNode org() {
        return fx.get("/api/v1/orgs", fx.viewer).json().path("orgs").get(0);
    }

    private List<AuditEvent> audit() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(fx.home.resolve("audit.db").toString()))) {
            return db.query(AuditQuery.all(10_000)).stream().map(AuditEntry::event).toList();
        }
    }

    private long sqlCount(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fx.home.resolve("audit.db")); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fx.home.resolve("audit.db")); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute(statement);
        }
    }

    static double gauge(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + scrape));
    }
}
