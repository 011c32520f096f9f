package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Details filters are checked as the SDK's models shape them (enums of dimensions and metrics, a filter's
 * type, two levels of clauses): what a real org refuses is refused here with 400 and the error body. This
 * is the sandbox's own test of its HTTP surface.
 */
class FilterValidationTest {
    private static final String QUERY = "/api/v2/analytics/conversations/details/query";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.token("analyst", "analyst-secret");

    private String interval() {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());
        return now.minusSeconds(86400) + "/" + now.plusSeconds(60);
    }

    private RunningSandbox.Reply query(String filters) {
        return sandbox.post(QUERY, token, "{\"interval\": \"" + interval() + "\", " + filters + "}");
    }

    private static String segment(String dimension, String value) {
        return "\"segmentFilters\": [{\"type\": \"and\", \"predicates\": [{\"type\": \"dimension\", \"dimension\": \"" + dimension
                + "\", \"operator\": \"matches\", \"value\": \"" + value + "\"}]}]";
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("conversations").forEach(c -> ids.add(c.get("conversationId").asText()));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"conversationId", "segmentStart", "participantId", "sessionId"})
    void aSegmentFilterOnADimensionSegmentsDoNotHaveIsRefused(String dimension) {
        RunningSandbox.Reply r = query(segment(dimension, "x"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("bad.request");
        assertThat(r.json().get("messageParams").get("value").asText()).isEqualTo(dimension);
        assertThat(r.json().get("messageParams").get("allowableValues").asText()).contains("queueId", "segmentEnd", "purpose");
    }

    @Test
    void mediaTypeIsASegmentDimensionNotAConversationOne() {
        RunningSandbox.Reply conversation = query("\"conversationFilters\": [{\"type\": \"and\", \"predicates\": ["
                + "{\"type\": \"dimension\", \"dimension\": \"mediaType\", \"operator\": \"matches\", \"value\": \"message\"}]}]");
        RunningSandbox.Reply onSegments = query(segment("mediaType", "message"));

        assertThat(conversation.status()).isEqualTo(400);
        assertThat(conversation.json().get("messageParams").get("fieldType").asText()).isEqualTo("ConversationDetailQueryPredicate.dimension");
        assertThat(onSegments.status()).isEqualTo(200);
    }

    @Test
    void aMetricNotInTheEnumIsRefused() {
        RunningSandbox.Reply unknown = query("\"conversationFilters\": [{\"type\": \"and\", \"predicates\": ["
                + "{\"type\": \"metric\", \"metric\": \"tWaitingForever\", \"operator\": \"exists\"}]}]");
        RunningSandbox.Reply known = query("\"conversationFilters\": [{\"type\": \"and\", \"predicates\": ["
                + "{\"type\": \"metric\", \"metric\": \"tAcd\", \"operator\": \"exists\"}]}]");
        RunningSandbox.Reply conversationMetricOnSegments = query("\"segmentFilters\": [{\"type\": \"and\", \"predicates\": ["
                + "{\"type\": \"metric\", \"metric\": \"tAcd\", \"operator\": \"exists\"}]}]");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("messageParams").get("value").asText()).isEqualTo("tWaitingForever");
        assertThat(known.status()).isEqualTo(200);
        assertThat(conversationMetricOnSegments.status()).isEqualTo(400);
    }

    @Test
    void aFilterWithoutATypeIsRefused() {
        RunningSandbox.Reply r = query("\"segmentFilters\": [{\"predicates\": [{\"dimension\": \"queueId\", \"value\": \"q-support\"}]}]");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("messageParams").get("field").asText()).isEqualTo("segmentFilters[0].type");
    }

    @Test
    void clausesDoNotNestDeeperThanTwoLevels() {
        RunningSandbox.Reply twoLevels = query("\"segmentFilters\": [{\"type\": \"and\", \"clauses\": [{\"type\": \"or\", \"predicates\": ["
                + "{\"dimension\": \"queueId\", \"value\": \"q-support\"}, {\"dimension\": \"queueId\", \"value\": \"q-billing\"}]}]}]");
        RunningSandbox.Reply threeLevels = query("\"segmentFilters\": [{\"type\": \"and\", \"clauses\": [{\"type\": \"or\", \"clauses\": ["
                + "{\"type\": \"and\", \"predicates\": [{\"dimension\": \"queueId\", \"value\": \"q-support\"}]}]}]}]");

        assertThat(twoLevels.status()).isEqualTo(200);
        assertThat(threeLevels.status()).isEqualTo(400);
        assertThat(threeLevels.json().get("messageParams").get("field").asText()).isEqualTo("segmentFilters[0].clauses[0].clauses");
    }

    @Test
    void matchesIgnoresCase() {
        RunningSandbox.Reply upper = query(segment("queueId", "Q-SUPPORT"));
        RunningSandbox.Reply exact = query(segment("queueId", "q-support"));

        assertThat(upper.status()).isEqualTo(200);
        assertThat(ids(upper.json())).isNotEmpty().isEqualTo(ids(exact.json()));
    }
}
