package dev.unstuck.app.service;

import dev.unstuck.generated.ApiClient;
import dev.unstuck.generated.ApiException;
import dev.unstuck.generated.api.EndingsApi;
import dev.unstuck.generated.api.MetaApi;
import dev.unstuck.generated.model.Conversation;
import dev.unstuck.generated.model.EndRequest;
import dev.unstuck.generated.model.Outcome;
import dev.unstuck.generated.model.Problem;
import dev.unstuck.generated.model.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A Java client generated from the service's openapi.json (openapi-generator, java.net.http; see
 * app/pom.xml) ends a conversation on a running service and sandbox: the document is one a generator
 * can use, with readable method names and typed answers.
 */
class OpenApiClientTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service();

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + fx.service.port());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void aGeneratedClientInspectsThenEndsAConversationQueueLegFirst() throws Exception {
        String id = fx.guest("waiting").id();
        EndingsApi endings = new EndingsApi(client(fx.operator));

        Conversation before = endings.inspectConversation("acme", id, false);
        Outcome outcome = endings.endConversation("acme", id, new EndRequest().reason("INC-42 from a generated client"), "inc-42");

        assertThat(before.getPlan().getAction()).hasToString("end");
        assertThat(outcome.getConversationId()).isEqualTo(id);
        assertThat(outcome.getOutcome()).startsWith("ended");
        assertThat(outcome.getSkipReason()).isNull();
        assertThat(outcome.getTookMs()).isNotNegative();
        assertThat(outcome.getSteps()).isNotEmpty().allSatisfy(step -> assertThat(step.getStatus()).isBetween(200, 299));
        assertThat(outcome.getSteps()).extracting(Step::getPath).first().asString()
                .contains(before.getLegs().stream().filter(l -> "acd".equals(l.getPurpose())).findFirst().orElseThrow().getParticipantId());
        assertThat(fx.control.ended("waiting")).isTrue();
    }

    @Test
    void aRefusalReachesTheGeneratedClientAsTheDocumentedProblem() throws Exception {
        String id = fx.guest("waiting").id();
        ApiClient viewer = client(fx.viewer);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> new EndingsApi(viewer)
                .endConversation("acme", id, new EndRequest().reason("INC-43"), null));
        Problem problem = viewer.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);

        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(problem.getStatus()).isEqualTo(403);
        assertThat(problem.getCode()).isEqualTo("missing.role");
        assertThat(problem.getRequestId()).isNotBlank();
        assertThat(fx.control.ended("waiting")).isFalse();
    }

    @Test
    void theGeneratedClientFetchesTheDocumentWithoutAToken() throws Exception {
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri("http://127.0.0.1:" + fx.service.port());

        Object document = new MetaApi(anonymous).getOpenApiDocument();

        assertThat(document).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) document).get("openapi")).isEqualTo("3.1.0");
    }
}
