package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.view.AuditView;
import dev.unstuck.app.text.CsvReading;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Detection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/audit} and {@code GET /api/v1/report} over real HTTP, on an audit written beforehand. */
class AuditApiTest {
    static final Instant T = Instant.parse("2026-11-24T09:10:00Z");

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service();

    private void write(String org, String conversation, Instant at, String outcome, boolean dryRun, Detection found, String by,
                       String reason) {
        AuditEvent.Subject about = new AuditEvent.Subject(conversation, by, reason, found.queueName().orElse("Support"), dryRun, found);
        fx.db.append(new AuditEntry("run-" + conversation, org, new AuditEvent(at, about, AuditEvent.Kind.OUTCOME, outcome + " in 2 steps",
                "", "", List.of("corr-" + conversation), "", AuditEvent.Result.of(outcome), OptionalInt.empty())));
    }

    private static Detection looping(String flowId, String flowName, String queueId, String queueName, int passes) {
        return new Detection("looping", Optional.of(queueId), Optional.of(queueName), Optional.of(flowId), Optional.of(flowName), passes,
                Optional.empty());
    }

    private static Detection stuck(String queueId, String queueName, Instant waitingSince) {
        return new Detection("stuck", Optional.of(queueId), Optional.of(queueName), Optional.empty(), Optional.empty(), 1,
                Optional.of(waitingSince));
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("records").spliterator(), false).map(r -> r.path("conversationId").asText()).toList();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void filtersByQueueReasonCallerAndWindowAndPagesNewestFirstByCursor() {
        for (int i = 0; i < 5; i++) {
            write("acme", "loop-" + i, T.plusSeconds(i), "ended", false, looping("f-1", "Support loop", "q-1", "Support", 3), "watch", "looping: …");
        }
        write("acme", "stuck-1", T.plusSeconds(10), "ended", false, stuck("q-2", "Billing", T.minusSeconds(3600)), "watch", "stuck: …");
        write("acme", "manual-1", T.plusSeconds(11), "ended", false, Detection.NONE, "token:billing-backend", "INC-4711");
        write("other", "loop-x", T.plusSeconds(12), "ended", false, looping("f-1", "Support loop", "q-1", "Support", 3), "watch", "looping: …");

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/audit?org=acme&reason=looping&limit=2";
        JsonNode page = fx.get(path, fx.viewer).json();
        int pages = 1;
        seen.addAll(ids(page));
        while (!page.path("nextCursor").isNull()) {
            page = fx.get(path + "&cursor=" + q(page.path("nextCursor").asText()), fx.viewer).json();
            seen.addAll(ids(page));
            pages++;
        }

        assertThat(seen).containsExactly("loop-4", "loop-3", "loop-2", "loop-1", "loop-0");
        assertThat(pages).isEqualTo(3);
        JsonNode loop = fx.get(path, fx.viewer).json().path("records").path(0);
        assertThat(loop.path("rule").asText()).isEqualTo("looping");
        assertThat(loop.path("flowId").asText()).isEqualTo("f-1");
        assertThat(loop.path("flowName").asText()).isEqualTo("Support loop");
        assertThat(loop.path("queueId").asText()).isEqualTo("q-1");
        assertThat(loop.path("passes").asInt()).isEqualTo(3);
        assertThat(ids(fx.get("/api/v1/audit?queue=Billing", fx.viewer).json())).containsExactly("stuck-1");
        assertThat(ids(fx.get("/api/v1/audit?queue=q-2", fx.viewer).json())).containsExactly("stuck-1");
        assertThat(ids(fx.get("/api/v1/audit?reason=manual", fx.viewer).json())).containsExactly("manual-1");
        assertThat(ids(fx.get("/api/v1/audit?caller=" + q("token:billing-backend"), fx.viewer).json())).containsExactly("manual-1");
        assertThat(ids(fx.get("/api/v1/audit?org=acme&outcome=ended&since=" + T.plusSeconds(3) + "&until=" + T.plusSeconds(10),
                fx.viewer).json())).containsExactly("stuck-1", "loop-4", "loop-3");
    }

    @Test
    void exportsTheFilteredAuditAsCsvWithAHeaderRowAndQuotedFields() {
        write("acme", "c1", T, "ended", false, looping("f-1", "Support, \"main\" loop", "q-1", "Support", 4), "watch", "looping: a, b");
        write("acme", "c2", T.plusSeconds(1), "ended", false, Detection.NONE, "token:billing-backend", "INC-4711\nsecond line");
        write("other", "c3", T.plusSeconds(2), "ended", false, Detection.NONE, "ops", "x");

        HttpResponse<String> byParameter = fx.getRaw("/api/v1/audit?org=acme&format=csv", fx.viewer, Map.of());
        HttpResponse<String> byAccept = fx.getRaw("/api/v1/audit?org=acme", fx.viewer, Map.of("Accept", "text/csv"));

        assertThat(byParameter.statusCode()).isEqualTo(200);
        assertThat(byParameter.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(byAccept.body()).isEqualTo(byParameter.body());
        List<List<String>> rows = CsvReading.parse(byParameter.body());
        List<String> header = rows.get(0);
        assertThat(header).containsExactlyElementsOf(AuditView.FIELDS);
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r).hasSize(header.size()));
        Map<String, String> newest = row(header, rows.get(1));
        Map<String, String> oldest = row(header, rows.get(2));
        assertThat(newest).containsEntry("conversationId", "c2").containsEntry("rule", "manual")
                .containsEntry("reason", "INC-4711\nsecond line").containsEntry("requestedBy", "token:billing-backend");
        assertThat(oldest).containsEntry("conversationId", "c1").containsEntry("rule", "looping")
                .containsEntry("flowName", "Support, \"main\" loop").containsEntry("flowId", "f-1").containsEntry("queueId", "q-1")
                .containsEntry("passes", "4").containsEntry("reason", "looping: a, b").containsEntry("correlationIds", "corr-c1");

        HttpResponse<String> paged = fx.getRaw("/api/v1/audit?org=acme&format=csv&limit=1", fx.viewer, Map.of());
        assertThat(CsvReading.parse(paged.body())).hasSize(2);
        String next = paged.headers().firstValue("X-Next-Cursor").orElseThrow();
        HttpResponse<String> rest = fx.getRaw("/api/v1/audit?org=acme&format=csv&limit=1&cursor=" + q(next), fx.viewer, Map.of());
        assertThat(row(header, CsvReading.parse(rest.body()).get(1))).containsEntry("conversationId", "c1");
        assertThat(rest.headers().firstValue("X-Next-Cursor")).isEmpty();
    }

    private static Map<String, String> row(List<String> header, List<String> fields) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            out.put(header.get(i), fields.get(i));
        }
        return out;
    }

    @Test
    void theEndingsFeedAsksForOutcomesOnlyAndGetsJustAsManyEvenBehindManyOtherRows() {
        write("acme", "old-ending", T, "ended", false, Detection.NONE, "watch", "stuck: …");
        for (int i = 0; i < 40; i++) {
            AuditEvent.Subject about = new AuditEvent.Subject("busy", "watch", "stuck: …", "Support", false, Detection.NONE);
            fx.db.append(new AuditEntry("run-busy", "acme", AuditEvent.plan(T.plusSeconds(1 + i), about, "PATCH …", "", List.of())));
        }
        write("acme", "new-ending", T.plusSeconds(60), "skipped", false, Detection.NONE, "watch", "stuck: …");

        JsonNode page = fx.get("/api/v1/audit?kind=outcome&limit=2", fx.viewer).json();

        assertThat(page.path("records")).extracting(r -> r.path("kind").asText()).containsExactly("outcome", "outcome");
        assertThat(ids(page)).containsExactly("new-ending", "old-ending");
        assertThat(page.path("nextCursor").isNull()).as("nothing more of that kind").isTrue();
        assertThat(ids(fx.get("/api/v1/audit?kind=plan&limit=1000", fx.viewer).json())).hasSize(40).containsOnly("busy");
    }

    @Test
    void badAuditFiltersGet400InTheDocumentedShape() {
        for (String query : List.of("cursor=nope", "format=xml", "since=yesterday", "limit=0", "limit=5000", "kind=ending")) {
            ServiceFixture.Answer a = fx.get("/api/v1/audit?" + query, fx.viewer);
            assertThat(a.status()).as(query).isEqualTo(400);
            assertThat(a.json().path("code").asText()).as(query).isEqualTo("bad.request");
            assertThat(a.json().path("message").asText()).as(query).isNotBlank();
        }
    }

    @Test
    void theReportNamesLoopsByFlowAndQueueOverdueByHourAndEndingsByHour() {
        write("acme", "a", T, "planned", true, looping("f-1", "Support loop", "q-1", "Support", 3), "ops", "looping: …");
        write("acme", "a", T.plusSeconds(60), "ended", false, looping("f-1", "Support loop", "q-1", "Support", 4), "watch", "looping: …");
        write("acme", "b", T.plusSeconds(120), "ended", false, looping("f-1", "Support loop", "q-1", "Support", 5), "watch", "looping: …");
        write("acme", "s1", T, "ended", false, stuck("q-2", "Billing", Instant.parse("2026-11-24T02:05:00Z")), "watch", "stuck: …");
        write("acme", "m1", T.plusSeconds(3600), "ended", false, Detection.NONE, "token:billing-backend", "INC-1");

        JsonNode report = fx.get("/api/v1/report?org=acme&since=2026-11-24T00:00:00Z&until=2026-11-25T00:00:00Z", fx.viewer).json();

        assertThat(report.path("org").asText()).isEqualTo("acme");
        assertThat(report.path("since").asText()).isEqualTo("2026-11-24T00:00:00Z");
        assertThat(report.path("until").asText()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(fields(report)).containsExactly("org", "since", "until", "loops", "overdue", "endingsByHour", "analyticsGhosts");
        assertThat(report.path("loops")).singleElement().satisfies(l -> {
            assertThat(fields(l)).containsExactly("flowId", "flowName", "queueId", "queueName", "guests", "bounces");
            assertThat(l.path("flowId").asText()).isEqualTo("f-1");
            assertThat(l.path("flowName").asText()).isEqualTo("Support loop");
            assertThat(l.path("queueId").asText()).isEqualTo("q-1");
            assertThat(l.path("queueName").asText()).isEqualTo("Support");
            assertThat(l.path("guests").asLong()).isEqualTo(2);
            assertThat(l.path("bounces").asLong()).isEqualTo(9);
        });
        assertThat(report.path("overdue")).singleElement().satisfies(o -> {
            assertThat(fields(o)).containsExactly("queueId", "queueName", "hourOfDay", "guests");
            assertThat(o.path("queueName").asText()).isEqualTo("Billing");
            assertThat(o.path("hourOfDay").asInt()).isEqualTo(2);
            assertThat(o.path("guests").asLong()).isEqualTo(1);
        });
        assertThat(report.path("endingsByHour")).hasSize(3);
        assertThat(fields(report.path("endingsByHour").path(0))).containsExactly("hour", "reason", "count");
        assertThat(StreamSupport.stream(report.path("endingsByHour").spliterator(), false)
                .map(e -> e.path("hour").asText() + " " + e.path("reason").asText() + " " + e.path("count").asLong()))
                .containsExactly("2026-11-24T09:00:00Z looping 2", "2026-11-24T09:00:00Z stuck 1", "2026-11-24T10:00:00Z manual 1");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theReportTakesADurationAndRefusesBadWindowsAndUnknownOrgs() {
        ServiceFixture.Answer week = fx.get("/api/v1/report?org=acme&since=7d", fx.viewer);
        assertThat(week.status()).isEqualTo(200);
        Instant since = Instant.parse(week.json().path("since").asText());
        Instant until = Instant.parse(week.json().path("until").asText());
        assertThat(java.time.Duration.between(since, until)).isEqualTo(java.time.Duration.ofDays(7));

        for (String query : List.of("org=acme&since=fortnight", "org=acme&since=7d&until=later", "since=7d",
                "org=acme&since=2026-11-25T00:00:00Z&until=2026-11-24T00:00:00Z")) {
            ServiceFixture.Answer a = fx.get("/api/v1/report?" + query, fx.viewer);
            assertThat(a.status()).as(query).isEqualTo(400);
            assertThat(a.json().path("code").asText()).as(query).isEqualTo("bad.request");
        }
        assertThat(fx.get("/api/v1/report?org=nope&since=7d", fx.viewer).status()).isEqualTo(404);
        assertThat(fx.call("GET", "/api/v1/report?org=acme", Optional.empty(), Optional.empty(), Map.of()).status()).isEqualTo(401);
    }
}
