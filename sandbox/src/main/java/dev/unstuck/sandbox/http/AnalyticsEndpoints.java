package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.analytics.DetailRecord;
import dev.unstuck.sandbox.analytics.DetailsQuery;
import dev.unstuck.sandbox.analytics.QueueObservations;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Optional;

/** The analytics endpoints (fact sheet §4), behind the same pipeline as every Genesys-facing call. */
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

    void register(Javalin app, GenesysApi api) {
        api.api(app, HandlerType.POST, "/api/v2/analytics/conversations/details/query", this::query);
        api.api(app, HandlerType.GET, "/api/v2/analytics/conversations/{cid}/details", this::one);
        api.api(app, HandlerType.POST, "/api/v2/analytics/queues/observations/query", this::observe);
    }

    private Answer query(Call call) {
        Call.Body body = call.body();
        if (body.problem().isPresent()) {
            return body.problem().get();
        }
        Optional<Answer> denied = call.requireAny(DETAIL_VIEW);
        if (denied.isPresent()) {
            return denied.get();
        }
        DetailsQuery.Result result = details.run(body.node().orElseThrow(), call.world());
        if (result instanceof DetailsQuery.Result.Page page) {
            return Answer.json(200, page.body());
        }
        if (result instanceof DetailsQuery.Result.Invalid invalid) {
            return Answer.error(ErrorBody.badRequest(invalid.message()));
        }
        // The field sees a 502 from the synchronous query past about 8,000 conversations.
        DetailsQuery.Result.TooManyMatches tooMany = (DetailsQuery.Result.TooManyMatches) result;
        return Answer.error(ErrorBody.of(502, "bad.gateway", "The server received an invalid response from an upstream server. ("
                + tooMany.matches() + " conversations match; the synchronous query holds at most " + tooMany.limit() + ")"));
    }

    private Answer one(Call call) {
        Optional<Answer> denied = call.requireAny(DETAIL_VIEW);
        if (denied.isPresent()) {
            return denied.get();
        }
        return call.world().conversation(call.path("cid"))
                .map(c -> Answer.json(200, new DetailRecord(c, call.world().settings().flowPurpose(),
                        call.world().org().homeDivisionId()).toJson(json)))
                .orElseGet(() -> Answer.error(ErrorBody.notFound("Conversation " + call.path("cid") + " not found")));
    }

    private Answer observe(Call call) {
        Call.Body body = call.body();
        if (body.problem().isPresent()) {
            return body.problem().get();
        }
        Optional<Answer> denied = call.require(OBSERVATION_VIEW);
        if (denied.isPresent()) {
            return denied.get();
        }
        QueueObservations.Result result = observations.run(body.node().orElseThrow(), call.world());
        if (result instanceof QueueObservations.Result.Invalid invalid) {
            return Answer.error(ErrorBody.badRequest(invalid.message()));
        }
        return Answer.json(200, ((QueueObservations.Result.Body) result).body());
    }
}
