package dev.unstuck.sandbox;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.extensions.notifications.NotificationEvent;
import com.mypurecloud.sdk.v2.extensions.notifications.NotificationHandler;
import com.mypurecloud.sdk.v2.extensions.notifications.NotificationListener;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationQueryResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationWithoutAttributes;
import com.mypurecloud.sdk.v2.model.AnalyticsParticipantWithoutAttributes;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryPredicate;
import com.mypurecloud.sdk.v2.model.ConversationQuery;
import com.mypurecloud.sdk.v2.model.ObservationMetricData;
import com.mypurecloud.sdk.v2.model.PagingSpec;
import com.mypurecloud.sdk.v2.model.QueueConversationEventTopicConversation;
import com.mypurecloud.sdk.v2.model.QueueConversationMessageEventTopicMessageConversation;
import com.mypurecloud.sdk.v2.model.QueueObservationQuery;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryFilter;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryPredicate;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryResponse;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryPredicate;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The official Java SDK 198.1.0's notification handler and analytics models against the sandbox. */
class OfficialSdkNotificationsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private NotificationHandler handler;

    @AfterEach
    void stop() {
        if (handler != null) {
            handler.disconnect();
        }
    }

    private ApiClient client() {
        return ApiClient.Builder.standard()
                .withBasePath(sandbox.baseUri().toString())
                .withAccessToken(sandbox.token("analyst", "analyst-secret"))
                .build();
    }

    @Test
    void notificationHandlerHearsAGuestEnterTheQueue() throws Exception {
        List<QueueConversationMessageEventTopicMessageConversation> heard = new CopyOnWriteArrayList<>();
        handler = NotificationHandler.Builder.standard()
                .withApiClient(client())
                .withAutoConnect(true)
                .build();
        handler.addSubscription(new NotificationListener<QueueConversationMessageEventTopicMessageConversation>() {
            public String getTopic() {
                return "v2.routing.queues.q-support.conversations.messages";
            }

            public Class<QueueConversationMessageEventTopicMessageConversation> getEventBodyClass() {
                return QueueConversationMessageEventTopicMessageConversation.class;
            }

            public void onEvent(NotificationEvent<?> event) {
                heard.add((QueueConversationMessageEventTopicMessageConversation) event.getEventBody());
            }
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().anyMatch(n -> n.asBoolean()));

        sandbox.control("POST", "/conversations", "{\"id\": \"c-sdk\", \"label\": \"sdk\", \"kind\": \"waiting\", \"queue\": \"Support\"}");

        await().atMost(10, TimeUnit.SECONDS).until(() -> heard.stream().anyMatch(c -> c.getParticipants() != null
                && c.getParticipants().stream().anyMatch(p -> "acd".equals(p.getPurpose()))));
        QueueConversationMessageEventTopicMessageConversation c = heard.get(heard.size() - 1);
        assertThat(c.getId()).isEqualTo("c-sdk");
        var acd = c.getParticipants().stream().filter(p -> "acd".equals(p.getPurpose())).findFirst().orElseThrow();
        assertThat(acd.getQueue().getId()).isEqualTo("q-support");
        assertThat(acd.getState().toString()).isEqualTo("connected");
    }

    @Test
    void notificationHandlerHearsAGuestEnterTheQueueOnTheEveryMediaTopic() throws Exception {
        List<QueueConversationEventTopicConversation> heard = new CopyOnWriteArrayList<>();
        handler = NotificationHandler.Builder.standard()
                .withApiClient(client())
                .withAutoConnect(true)
                .build();
        handler.addSubscription(new NotificationListener<QueueConversationEventTopicConversation>() {
            public String getTopic() {
                return "v2.routing.queues.q-support.conversations";
            }

            public Class<QueueConversationEventTopicConversation> getEventBodyClass() {
                return QueueConversationEventTopicConversation.class;
            }

            public void onEvent(NotificationEvent<?> event) {
                heard.add((QueueConversationEventTopicConversation) event.getEventBody());
            }
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().anyMatch(n -> n.asBoolean()));

        sandbox.control("POST", "/conversations", "{\"id\": \"c-sdk\", \"label\": \"sdk\", \"kind\": \"waiting\", \"queue\": \"Support\"}");

        await().atMost(10, TimeUnit.SECONDS).until(() -> heard.stream().anyMatch(c -> c.getParticipants() != null
                && c.getParticipants().stream().anyMatch(p -> "acd".equals(p.getPurpose()))));
        QueueConversationEventTopicConversation c = heard.get(heard.size() - 1);
        assertThat(c.getId()).isEqualTo("c-sdk");
        var acd = c.getParticipants().stream().filter(p -> "acd".equals(p.getPurpose())).findFirst().orElseThrow();
        assertThat(acd.getQueueId()).isEqualTo("q-support");
        assertThat(acd.getMessages()).hasSize(1);
        assertThat(acd.getMessages().get(0).getState().toString()).isEqualTo("connected");
        assertThat(acd.getMessages().get(0).getType().toString()).isEqualTo("webmessaging");
    }

    @Test
    void analyticsModelsParseTheSandboxsAnswers() throws Exception {
        AnalyticsApi analytics = new AnalyticsApi(client());
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());
        ConversationQuery query = new ConversationQuery()
                .interval(now.minusSeconds(86400) + "/" + now.plusSeconds(60))
                .order(ConversationQuery.OrderEnum.ASC)
                .paging(new PagingSpec().pageSize(100).pageNumber(1))
                .conversationFilters(List.of(new ConversationDetailQueryFilter().type(ConversationDetailQueryFilter.TypeEnum.AND)
                        .predicates(List.of(new ConversationDetailQueryPredicate()
                                .dimension(ConversationDetailQueryPredicate.DimensionEnum.CONVERSATIONEND)
                                .operator(ConversationDetailQueryPredicate.OperatorEnum.NOTEXISTS)))))
                .segmentFilters(List.of(new SegmentDetailQueryFilter().type(SegmentDetailQueryFilter.TypeEnum.AND)
                        .predicates(List.of(
                                new SegmentDetailQueryPredicate().dimension(SegmentDetailQueryPredicate.DimensionEnum.PURPOSE).value("acd"),
                                new SegmentDetailQueryPredicate().dimension(SegmentDetailQueryPredicate.DimensionEnum.QUEUEID).value("q-support"),
                                new SegmentDetailQueryPredicate().dimension(SegmentDetailQueryPredicate.DimensionEnum.SEGMENTTYPE).value("interact"),
                                new SegmentDetailQueryPredicate().dimension(SegmentDetailQueryPredicate.DimensionEnum.SEGMENTEND)
                                        .operator(SegmentDetailQueryPredicate.OperatorEnum.NOTEXISTS)))));

        AnalyticsConversationQueryResponse response = analytics.postAnalyticsConversationsDetailsQuery(query);

        assertThat(response.getTotalHits()).isEqualTo(2);
        AnalyticsConversationWithoutAttributes waiting = response.getConversations().get(0);
        assertThat(waiting.getConversationId()).isEqualTo("c-waiting");
        AnalyticsParticipantWithoutAttributes acd = waiting.getParticipants().get(2);
        assertThat(acd.getPurpose().toString()).isEqualTo("acd");
        assertThat(acd.getSessions().get(0).getMediaType().toString()).isEqualTo("message");
        assertThat(acd.getSessions().get(0).getSegments().get(0).getSegmentType().toString()).isEqualTo("interact");
        assertThat(acd.getSessions().get(0).getSegments().get(0).getQueueId()).isEqualTo("q-support");

        QueueObservationQueryResponse observed = analytics.postAnalyticsQueuesObservationsQuery(new QueueObservationQuery()
                .filter(new QueueObservationQueryFilter().type(QueueObservationQueryFilter.TypeEnum.OR)
                        .predicates(List.of(new QueueObservationQueryPredicate()
                                .dimension(QueueObservationQueryPredicate.DimensionEnum.QUEUEID).value("q-support"))))
                .metrics(List.of(QueueObservationQuery.MetricsEnum.OWAITING, QueueObservationQuery.MetricsEnum.OINTERACTING))
                .detailMetrics(List.of(QueueObservationQuery.DetailMetricsEnum.OWAITING)));

        var messages = observed.getResults().stream().filter(r -> "message".equals(r.getGroup().get("mediaType"))).findFirst().orElseThrow();
        ObservationMetricData waitingData = messages.getData().stream()
                .filter(d -> "oWaiting".equals(d.getMetric())).findFirst().orElseThrow();
        assertThat(waitingData.getStats().getCount()).isEqualTo(2);
        assertThat(waitingData.getObservations()).extracting(com.mypurecloud.sdk.v2.model.ObservationValue::getConversationId).containsExactly("c-waiting", "c-offered");
        assertThat(messages.getGroup()).containsEntry("queueId", "q-support");
    }
}
