package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.analytics.DetailRecord;
import dev.unstuck.sandbox.analytics.DetailsQuery;
import dev.unstuck.sandbox.analytics.QueueObservations;
import dev.unstuck.sandbox.analytics.Refusal;
import dev.unstuck.sandbox.conversation.Conversation;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Optional;

/**
 * The analytics endpoints (fact sheet §4), behind the same pipeline as every Genesys-facing call; the
 * asynchronous detail jobs are {@link DetailJobEndpoints}.
 */
final class AnalyticsEndpoints {
    static final List<String> DETAIL_VIEW = List.of("analytics:conversationDetail:view", "analytics:agentConversationDetail:view");
    static final String OBSERVATION_VIEW = "analytics:queueObservation:view";

    private final ObjectMapper json;
    private final DetailsQuery details;
    private final QueueObservations observations;

    AnalyticsEndpoints(ObjectMapper json) {
        this.json = json;
        this.details = new DetailsQuery(json);
        this.observations = new QueueObservations(json);
    }

    void register(Routes routes) {
        routes.api(HandlerType.POST, "/api/v2/analytics/conversations/details/query", this::query);
        routes.api(HandlerType.GET, "/api/v2/analytics/conversations/{cid}/details", this::one);
        routes.api(HandlerType.POST, "/api/v2/analytics/queues/observations/query", this::observe);
        new DetailJobEndpoints(json).register(routes);
    }

    private Answer query(Call call) {
        JsonNode body = call.body();
        call.requireAny(DETAIL_VIEW);
        DetailsQuery.Result result = details.run(body, call.world(), call.reach(DETAIL_VIEW));
        if (result instanceof DetailsQuery.Result.Page page) {
            return Answer.json(200, page.body());
        }
        if (result instanceof DetailsQuery.Result.Invalid invalid) {
            throw new PlatformError(refused(invalid.refusal()));
        }
        // The field sees a 502 from the synchronous query past about 8,000 conversations; what its body says is
        // unknown, so by default it is the platform's generic 502 and says nothing of matches. The descriptive
        // body (setting analyticsTooManyMatchesBody) is for unit tests only.
        DetailsQuery.Result.TooManyMatches tooMany = (DetailsQuery.Result.TooManyMatches) result;
        if (!call.world().settings().analytics().descriptiveTooManyBody()) {
            throw new PlatformError(ErrorBody.fault(502));
        }
        throw new PlatformError(ErrorBody.of(502, "bad.gateway", "The server received an invalid response from an upstream server. ("
                + tooMany.matches() + " conversations match; the synchronous query holds at most " + tooMany.limit() + ")"));
    }

    /** A refused analytics request: 400 {@code bad.request} with the refusal's parameters. */
    static ErrorBody refused(Refusal refusal) {
        return new ErrorBody(400, "bad.request", refusal.messageWithParams(), refusal.messageParams(), Optional.empty());
    }

    private Answer one(Call call) {
        call.requireAny(DETAIL_VIEW);
        Conversation c = call.conversation(DETAIL_VIEW);
        return DetailRecord.seenNow(call.world(), c)
                .map(r -> Answer.json(200, r.toJson(json)))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Conversation " + c.id() + " not found")));
    }

    private Answer observe(Call call) {
        JsonNode body = call.body();
        call.require(OBSERVATION_VIEW);
        QueueObservations.Result result = observations.run(body, call.world(), call.reach(List.of(OBSERVATION_VIEW)));
        if (result instanceof QueueObservations.Result.Invalid invalid) {
            throw new PlatformError(ErrorBody.badRequest(invalid.message()));
        }
        return Answer.json(200, ((QueueObservations.Result.Body) result).body());
    }
}
