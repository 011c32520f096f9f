package dev.unstuck.sandbox;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.model.ObservationMetricData;
import com.mypurecloud.sdk.v2.model.ObservationValue;
import com.mypurecloud.sdk.v2.model.QueueObservationDataContainer;
import com.mypurecloud.sdk.v2.model.QueueObservationQuery;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryFilter;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryPredicate;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryResponse;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Java SDK 198.1.0's queue observation models read the sandbox's answer with its detail
 * list: the shape unstuck's draining reads (who waits, since when), as {@code ObservationValue} has it.
 */
class OfficialSdkObservationsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    private AnalyticsApi analytics() {
        return new AnalyticsApi(ApiClient.Builder.standard()
                .withBasePath(sandbox.baseUri().toString())
                .withAccessToken(sandbox.token("analyst", "analyst-secret"))
                .build());
    }

    private QueueObservationQueryResponse observe(List<QueueObservationQuery.MetricsEnum> metrics) throws Exception {
        return analytics().postAnalyticsQueuesObservationsQuery(new QueueObservationQuery()
                .filter(new QueueObservationQueryFilter().type(QueueObservationQueryFilter.TypeEnum.OR)
                        .predicates(List.of(new QueueObservationQueryPredicate()
                                .dimension(QueueObservationQueryPredicate.DimensionEnum.QUEUEID).value("q-support"))))
                .metrics(metrics)
                .detailMetrics(List.of(QueueObservationQuery.DetailMetricsEnum.OWAITING)));
    }

    private static QueueObservationDataContainer group(QueueObservationQueryResponse answer, String mediaType) {
        return answer.getResults().stream()
                .filter(r -> mediaType == null ? !r.getGroup().containsKey("mediaType") : mediaType.equals(r.getGroup().get("mediaType")))
                .findFirst().orElseThrow();
    }

    private static ObservationMetricData metric(QueueObservationDataContainer group, String metric) {
        return group.getData().stream().filter(d -> metric.equals(d.getMetric())).findFirst().orElseThrow();
    }

    @Test
    void theDetailListParsesAsObservationValuesOldestFirst() throws Exception {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());

        QueueObservationQueryResponse answer = observe(List.of(QueueObservationQuery.MetricsEnum.OWAITING));

        ObservationMetricData waiting = metric(group(answer, "message"), "oWaiting");
        assertThat(waiting.getStats().getCount()).isEqualTo(2);
        List<ObservationValue> observations = waiting.getObservations();
        assertThat(observations).extracting(ObservationValue::getConversationId).containsExactly("c-waiting", "c-offered");
        ObservationValue oldest = observations.get(0);
        // c-waiting arrived 5,400 s ago and entered the queue after its flow: the observation date is that moment.
        assertThat(oldest.getObservationDate().toInstant()).isBetween(now.minusSeconds(5400), now.minusSeconds(5000));
        assertThat(oldest.getSessionId()).isNotBlank();
        assertThat(oldest.getRoutingPriority()).isNotNull();
        assertThat(oldest.getParticipantName()).isNotBlank();
        assertThat(oldest.getDirection()).isEqualTo(ObservationValue.DirectionEnum.INBOUND);
        assertThat(observations.get(1).getObservationDate()).isAfter(oldest.getObservationDate());
    }

    @Test
    void otherMediaTypesAndTheUserMetricsComeInGroupsOfTheirOwn() throws Exception {
        QueueObservationQueryResponse answer = observe(List.of(QueueObservationQuery.MetricsEnum.OWAITING,
                QueueObservationQuery.MetricsEnum.OONQUEUEUSERS));

        assertThat(metric(group(answer, "voice"), "oWaiting").getStats().getCount()).isZero();
        QueueObservationDataContainer users = group(answer, null);
        assertThat(users.getGroup()).containsEntry("queueId", "q-support");
        assertThat(metric(users, "oOnQueueUsers").getStats().getCount()).isZero();
    }
}
