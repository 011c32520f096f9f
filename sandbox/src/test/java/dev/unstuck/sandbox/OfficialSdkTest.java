package dev.unstuck.sandbox;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.ApiResponse;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.api.AuthorizationApi;
import com.mypurecloud.sdk.v2.api.ConversationsApi;
import com.mypurecloud.sdk.v2.api.OAuthApi;
import com.mypurecloud.sdk.v2.api.RoutingApi;
import com.mypurecloud.sdk.v2.api.TokensApi;
import com.mypurecloud.sdk.v2.model.AnalyticsConversation;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationAsyncQueryResponse;
import com.mypurecloud.sdk.v2.model.AsyncConversationQuery;
import com.mypurecloud.sdk.v2.model.AsyncQueryStatus;
import com.mypurecloud.sdk.v2.model.AuthzDivision;
import com.mypurecloud.sdk.v2.model.AuthzDivisionEntityListing;
import com.mypurecloud.sdk.v2.model.Conversation;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryPredicate;
import com.mypurecloud.sdk.v2.model.DataAvailabilityResponse;
import com.mypurecloud.sdk.v2.model.DomainOrganizationRole;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.Limit;
import com.mypurecloud.sdk.v2.model.MediaParticipantRequest;
import com.mypurecloud.sdk.v2.model.MessageConversation;
import com.mypurecloud.sdk.v2.model.MessageDetails;
import com.mypurecloud.sdk.v2.model.MessageMediaParticipant;
import com.mypurecloud.sdk.v2.model.OAuthClient;
import com.mypurecloud.sdk.v2.model.Queue;
import com.mypurecloud.sdk.v2.model.QueueEntityListing;
import com.mypurecloud.sdk.v2.model.RoleDivision;
import com.mypurecloud.sdk.v2.model.TokenInfo;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The official Java SDK (platform-client-v2 198.1.0) against the sandbox: the shapes must be the real
 * ones. 198.1.0 cannot log in against an http base path (it builds https://login.&lt;rest&gt;), so the token
 * comes by plain HTTP, as the fact sheet says.
 */
class OfficialSdkTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    private ApiClient client(String clientId, String secret) {
        return ApiClient.Builder.standard()
                .withBasePath(sandbox.baseUri().toString())
                .withAccessToken(sandbox.token(clientId, secret))
                .build();
    }

    /** The extension's sandbox with the divisions org loaded in place of the test org. */
    private RunningSandbox divisions() {
        extension.control().loadScenario(RunningSandbox.resource("/divisions-scenario.json"));
        return sandbox;
    }

    private ApiClient operator() {
        return client("operator", "operator-secret");
    }

    private static ErrorBody errorBody(ApiClient client, ApiException e) throws Exception {
        return client.deserialize(e.getRawBody(), ErrorBody.class);
    }

    @Test
    void readsAMessageConversationWithItsParticipants() throws Exception {
        MessageConversation c = new ConversationsApi(operator()).getConversationsMessage("c-offered");

        List<MessageMediaParticipant> ps = c.getParticipants();
        assertThat(ps).extracting(MessageMediaParticipant::getPurpose).containsExactly("customer", "workflow", "acd", "agent");
        assertThat(ps.get(2).getState()).isEqualTo(MessageMediaParticipant.StateEnum.CONNECTED);
        assertThat(ps.get(3).getState()).isEqualTo(MessageMediaParticipant.StateEnum.ALERTING);
        assertThat(ps.get(1).getDisconnectType()).isEqualTo(MessageMediaParticipant.DisconnectTypeEnum.TRANSFER);
        assertThat(ps.get(2).getQueue().getId()).isEqualTo("q-support");
        assertThat(ps.get(0).getStartTime()).isNotNull();
        assertThat(ps.get(0).getType()).isEqualTo(MessageMediaParticipant.TypeEnum.WEBMESSAGING);
    }

    @Test
    void readsAConversationWithStateUnderMessages() throws Exception {
        Conversation c = new ConversationsApi(operator()).getConversation("c-acw");

        assertThat(c.getStartTime()).isNotNull();
        assertThat(c.getParticipants()).hasSize(4);
        assertThat(c.getParticipants().get(3).getWrapupRequired()).isTrue();
        assertThat(c.getParticipants().get(3).getMessages().get(0).getState())
                .isEqualTo(com.mypurecloud.sdk.v2.model.Message.StateEnum.DISCONNECTED);
        assertThat(c.getParticipants().get(2).getQueueId()).isEqualTo("q-support");
    }

    @Test
    void readsEachLegsMessagesAsMessageDetails() throws Exception {
        sandbox.advance(60);
        sandbox.control("POST", "/conversations/c-live/actions", "{\"action\": \"customerWrites\"}");
        sandbox.control("POST", "/conversations/c-live/actions", "{\"action\": \"agentReplies\"}");
        ConversationsApi conversations = new ConversationsApi(operator());

        MessageConversation c = conversations.getConversationsMessage("c-live");

        List<MessageDetails> guest = c.getParticipants().get(0).getMessages();
        assertThat(guest).hasSize(2);
        assertThat(guest.get(0).getMessageTime()).isEqualTo(c.getParticipants().get(0).getStartTime());
        assertThat(guest.get(1).getMessageTime()).isAfter(guest.get(0).getMessageTime());
        assertThat(guest).allSatisfy(m -> {
            assertThat(m.getMessageId()).isNotBlank();
            assertThat(m.getMessageStatus()).isEqualTo(MessageDetails.MessageStatusEnum.RECEIVED);
            assertThat(m.getMessageSegmentCount()).isEqualTo(1);
            assertThat(m.getMedia()).isEmpty();
            assertThat(m.getStickers()).isEmpty();
        });
        List<MessageDetails> agent = c.getParticipants().get(3).getMessages();
        assertThat(agent).singleElement().satisfies(m -> {
            assertThat(m.getMessageStatus()).isEqualTo(MessageDetails.MessageStatusEnum.SENT);
            assertThat(m.getMessageTime()).isEqualTo(guest.get(1).getMessageTime());
        });
        Conversation generic = conversations.getConversation("c-live");
        assertThat(generic.getParticipants().get(0).getMessages().get(0).getMessages())
                .extracting(MessageDetails::getMessageId).containsExactlyElementsOf(guest.stream().map(MessageDetails::getMessageId).toList());
    }

    @Test
    void readsTokenInfoClientRoleAndQueues() throws Exception {
        ApiClient api = operator();

        TokenInfo me = new TokensApi(api).getTokensMe((Boolean) null);
        OAuthClient client = new OAuthApi(api).getOauthClient("operator");
        DomainOrganizationRole role = new AuthorizationApi(api).getAuthorizationRole("role-operator", null, null);
        QueueEntityListing queues = new RoutingApi(api).getRoutingQueues(1, 25, null, null, null, null, null, null);

        assertThat(me.getOAuthClient().getId()).isEqualTo("operator");
        assertThat(me.getOAuthClient().getRoleDivisions().get(0).getRoleId()).isEqualTo("role-operator");
        assertThat(me.getOrganization().getName()).isEqualTo("Test Org");
        assertThat(client.getAuthorizedGrantType()).isEqualTo(OAuthClient.AuthorizedGrantTypeEnum.CLIENT_CREDENTIALS);
        assertThat(client.getState()).isEqualTo(OAuthClient.StateEnum.ACTIVE);
        assertThat(role.getPermissionPolicies()).extracting(p -> p.getDomain()).contains("conversation");
        assertThat(queues.getTotal()).isEqualTo(2);
        assertThat(queues.getEntities()).extracting(q -> q.getName()).containsExactly("Support", "Billing");
    }

    @Test
    void patchesAParticipantAndTearsAConversationDown() throws Exception {
        ConversationsApi conversations = new ConversationsApi(operator());
        String acd = conversations.getConversationsMessage("c-waiting").getParticipants().get(2).getId();

        conversations.patchConversationsMessageParticipant("c-waiting", acd,
                new MediaParticipantRequest().state(MediaParticipantRequest.StateEnum.DISCONNECTED));
        conversations.postConversationDisconnect("c-waiting");

        MessageConversation after = conversations.getConversationsMessage("c-waiting");
        assertThat(after.getParticipants()).allMatch(p -> p.getState() == MessageMediaParticipant.StateEnum.DISCONNECTED);
        assertThat(conversations.getConversation("c-waiting").getEndTime()).isNotNull();
    }

    @Test
    void aTeardownGivesThePendingAgentTheSystemWrapupAsTheSdkReadsIt() throws Exception {
        ConversationsApi conversations = new ConversationsApi(operator());
        String agent = conversations.getConversationsMessage("c-acw").getParticipants().get(3).getId();

        conversations.postConversationDisconnect("c-acw");

        com.mypurecloud.sdk.v2.model.AssignedWrapupCode wrapup =
                conversations.getConversationsMessageParticipantWrapup("c-acw", agent, null);
        assertThat(wrapup.getCode()).isEqualTo("ININ-WRAP-UP-TIMEOUT");
        assertThat(wrapup.getEndTime()).isNotNull();
        assertThat(conversations.getConversationParticipantWrapupcodes("c-acw", agent))
                .extracting(c -> c.getName()).contains("Resolved");
        MessageMediaParticipant after = conversations.getConversationsMessage("c-acw").getParticipants().get(3);
        assertThat(after.getWrapup().getCode()).isEqualTo("ININ-WRAP-UP-TIMEOUT");
    }

    @Test
    void disconnectsAWholeConversationByPatch() throws Exception {
        Conversation c = new ConversationsApi(operator()).patchConversationsMessage("c-orphan",
                new Conversation().state(Conversation.StateEnum.DISCONNECTED));

        assertThat(c.getId()).isEqualTo("c-orphan");
        assertThat(c.getEndTime()).isNotNull();
    }

    @Test
    void aMissingPermissionIsAn403WithTheErrorBody() throws Exception {
        ApiClient viewer = client("viewer", "viewer-secret");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new ConversationsApi(viewer).postConversationDisconnect("c-waiting"));

        assertThat(e.getStatusCode()).isEqualTo(403);
        ErrorBody body = errorBody(viewer, e);
        assertThat(body.getCode()).isEqualTo("missing.permissions");
        assertThat(body.getMessageParams()).containsValue("conversation:communication:disconnect");
        assertThat(e.getCorrelationId()).isEqualTo(body.getContextId());
    }

    @Test
    void anUnknownConversationIsA404WithTheErrorBody() throws Exception {
        ApiClient api = operator();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new ConversationsApi(api).getConversationsMessage("00000000-0000-4000-8000-000000000000"));

        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(errorBody(api, e).getCode()).isEqualTo("not.found");
    }

    @Test
    void patchingAParticipantPendingWrapupIsA409() throws Exception {
        ApiClient api = operator();
        ConversationsApi conversations = new ConversationsApi(api);
        String agent = conversations.getConversationsMessage("c-acw").getParticipants().get(3).getId();

        ApiException e = catchThrowableOfType(ApiException.class, () -> conversations.patchConversationParticipant("c-acw", agent,
                new MediaParticipantRequest().state(MediaParticipantRequest.StateEnum.DISCONNECTED)));

        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(errorBody(api, e).getCode()).isEqualTo("general.conflict");
        assertThat(errorBody(api, e).getStatus()).isEqualTo(409);
    }

    @Test
    void pastTheRateLimitIsA429WithRetryAfter() throws Exception {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 1}");
        ApiClient api = operator();
        TokensApi tokens = new TokensApi(api);
        tokens.getTokensMe((Boolean) null);

        ApiException e = catchThrowableOfType(ApiException.class, () -> tokens.getTokensMe((Boolean) null));

        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.getHeaders()).containsKey("Retry-After");
        assertThat(errorBody(api, e).getCode()).isEqualTo("too.many.requests.retry.after");
        assertThat(errorBody(api, e).getLimit().getKey()).isEqualTo("client.credentials.token.rate.per.minute");
        assertThat(errorBody(api, e).getLimit().getNamespace()).isEqualTo(Limit.NamespaceEnum.PLATFORM_API);
    }

    @Test
    void readsDivisionsRoleDivisionsAndBothQueueListingsOfAClientWithOneDivision() throws Exception {
        RunningSandbox divided = divisions();
        ApiClient emea = ApiClient.Builder.standard().withBasePath(divided.baseUri().toString())
                .withAccessToken(divided.token("emea-only", "emea-secret")).build();

        TokenInfo me = new TokensApi(emea).getTokensMe((Boolean) null);
        AuthzDivisionEntityListing divisions = new AuthorizationApi(emea).getAuthorizationDivisions(100, 1, null, null, null, null, null, null, null);
        AuthzDivision home = new AuthorizationApi(emea).getAuthorizationDivisionsHome();
        QueueEntityListing visible = new RoutingApi(emea).getRoutingQueues(1, 100, null, null, null, null, null, null);
        QueueEntityListing all = new RoutingApi(emea).getRoutingQueuesDivisionviewsAll(100, 1, null);
        Conversation own = new ConversationsApi(emea).getConversation("c-emea");

        assertThat(me.getOAuthClient().getRoleDivisions()).extracting(RoleDivision::getRoleId, RoleDivision::getDivisionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-operator", "d-emea"));
        assertThat(divisions.getEntities()).extracting(AuthzDivision::getName).containsExactly("Home", "EMEA", "APAC");
        assertThat(divisions.getEntities()).extracting(AuthzDivision::getHomeDivision).containsExactly(true, false, false);
        assertThat(home.getId()).isEqualTo("d-home");
        assertThat(visible.getEntities()).extracting(Queue::getId).containsExactly("q-emea");
        assertThat(all.getEntities()).extracting(q -> q.getDivision().getId()).containsExactly("d-home", "d-emea", "d-apac");
        // The inbound flow (Home) and the queue (EMEA) both touched it; divisions-scenario.json judges access by any one.
        assertThat(own.getDivisions()).extracting(d -> d.getDivision().getId()).containsExactly("d-home", "d-emea");
    }

    @Test
    void aConversationOfAnotherDivisionIsA403WithTheErrorBody() throws Exception {
        RunningSandbox divided = divisions();
        ApiClient emea = ApiClient.Builder.standard().withBasePath(divided.baseUri().toString())
                .withAccessToken(divided.token("emea-only", "emea-secret")).build();

        ApiException read = catchThrowableOfType(ApiException.class, () -> new ConversationsApi(emea).getConversationsMessage("c-apac"));
        ApiException end = catchThrowableOfType(ApiException.class, () -> new ConversationsApi(emea).postConversationDisconnect("c-apac"));

        assertThat(read.getStatusCode()).isEqualTo(403);
        assertThat(errorBody(emea, read).getCode()).isEqualTo("missing.division.permission");
        assertThat(end.getStatusCode()).isEqualTo(403);
        assertThat(errorBody(emea, end).getMessageParams()).containsValue("conversation:communication:disconnect");
    }

    @Test
    void runsADetailsJobFromSubmitThroughStatesToResultsByCursor() throws Exception {
        sandbox.control("POST", "/scenario", RunningSandbox.resource("/analytics-scenario.json"));
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 10, \"analyticsJobAvailabilityLagSeconds\": 30}");
        AnalyticsApi analytics = new AnalyticsApi(client("analyst", "analyst-secret"));
        Instant now = sandbox.now();
        AsyncConversationQuery query = new AsyncConversationQuery().interval(now.minus(Duration.ofDays(1)) + "/" + now)
                .conversationFilters(List.of(new ConversationDetailQueryFilter().type(ConversationDetailQueryFilter.TypeEnum.AND)
                        .predicates(List.of(new ConversationDetailQueryPredicate()
                                .dimension(ConversationDetailQueryPredicate.DimensionEnum.CONVERSATIONEND)
                                .operator(ConversationDetailQueryPredicate.OperatorEnum.NOTEXISTS)))));

        String jobId = analytics.postAnalyticsConversationsDetailsJobs(query).getJobId();
        AsyncQueryStatus queued = analytics.getAnalyticsConversationsDetailsJob(jobId);
        sandbox.advance(10);
        AsyncQueryStatus fulfilled = analytics.getAnalyticsConversationsDetailsJob(jobId);
        List<AnalyticsConversation> all = new ArrayList<>();
        List<AnalyticsConversationAsyncQueryResponse> pages = new ArrayList<>();
        String cursor = null;
        do {
            AnalyticsConversationAsyncQueryResponse page = analytics.getAnalyticsConversationsDetailsJobResults(jobId, cursor, 2);
            pages.add(page);
            all.addAll(page.getConversations() == null ? List.of() : page.getConversations());
            cursor = page.getCursor();
        } while (cursor != null);
        analytics.deleteAnalyticsConversationsDetailsJob(jobId);

        assertThat(queued.getState()).isEqualTo(AsyncQueryStatus.StateEnum.QUEUED);
        assertThat(fulfilled.getState()).isEqualTo(AsyncQueryStatus.StateEnum.FULFILLED);
        assertThat(fulfilled.getCompletionDate()).isNotNull();
        assertThat(fulfilled.getExpirationDate()).isAfter(fulfilled.getCompletionDate());
        assertThat(pages).hasSize(2);
        // Data up to 20 s before now: the offered guest (a minute old) is in, the ended one is not.
        assertThat(all).extracting(AnalyticsConversation::getConversationId)
                .containsExactly("c-orphan", "c-waiting", "c-live", "c-offered");
        assertThat(pages.get(0).getDataAvailabilityDate().toInstant()).isEqualTo(now.plusSeconds(10).minusSeconds(30));
        assertThat(analytics.getAnalyticsConversationsDetailsJobsAvailability().getDataAvailabilityDate().toInstant())
                .isEqualTo(now.plusSeconds(10).minusSeconds(30));
        assertThat(catchThrowableOfType(ApiException.class, () -> analytics.getAnalyticsConversationsDetailsJob(jobId)).getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void aRunningJobAnswers202WithItsStatusADeletedOneSaysCancelledAndTheDataLakeIsADayBehind() throws Exception {
        sandbox.control("POST", "/scenario", RunningSandbox.resource("/analytics-scenario.json"));
        AnalyticsApi analytics = new AnalyticsApi(client("analyst", "analyst-secret"));
        Instant now = sandbox.now();
        AsyncConversationQuery query = new AsyncConversationQuery().interval(now.minus(Duration.ofDays(1)) + "/" + now).limit(10);

        String jobId = analytics.postAnalyticsConversationsDetailsJobs(query).getJobId();
        ApiResponse<AsyncQueryStatus> running = analytics.getAnalyticsConversationsDetailsJobWithHttpInfo(jobId);
        analytics.deleteAnalyticsConversationsDetailsJob(jobId);
        ApiResponse<AsyncQueryStatus> cancelled = analytics.getAnalyticsConversationsDetailsJobWithHttpInfo(jobId);
        DataAvailabilityResponse availability = analytics.getAnalyticsConversationsDetailsJobsAvailability();

        assertThat(running.getStatusCode()).isEqualTo(202);
        assertThat(running.getBody().getState()).isEqualTo(AsyncQueryStatus.StateEnum.QUEUED);
        assertThat(running.getBody().getSubmissionDate().toInstant()).isEqualTo(now);
        assertThat(running.getBody().getCompletionDate()).isNull();
        assertThat(cancelled.getStatusCode()).isEqualTo(200);
        assertThat(cancelled.getBody().getState()).isEqualTo(AsyncQueryStatus.StateEnum.CANCELLED);
        assertThat(availability.getDataAvailabilityDate().toInstant()).isEqualTo(now.minus(Duration.ofDays(1)));
    }
}
