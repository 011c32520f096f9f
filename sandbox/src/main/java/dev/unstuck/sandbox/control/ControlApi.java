package dev.unstuck.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.ScenarioException;
import dev.unstuck.sandbox.analytics.DetailJobs;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.GuestAction;
import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.conversation.Outcome;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.http.Faults;
import dev.unstuck.sandbox.http.RequestLog;
import dev.unstuck.sandbox.org.Agent;
import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.Settings;
import dev.unstuck.sandbox.scenario.GuestReader;
import dev.unstuck.sandbox.scenario.Scenario;
import dev.unstuck.sandbox.scenario.ScenarioNode;
import dev.unstuck.sandbox.scenario.ScenarioReader;
import dev.unstuck.sandbox.scenario.SettingsReader;
import dev.unstuck.sandbox.world.State;
import dev.unstuck.sandbox.world.World;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code /sandbox/v1}: the door tests, demos and users use to set the stage and watch it. No
 * authentication. Errors are {@code {"status", "message"}}.
 */
public final class ControlApi {
    private static final String BASE = "/sandbox/v1";

    private final State state;
    private final Faults faults;
    private final RequestLog log;
    private final ObjectMapper json;
    private final ControlJson control;
    private final ScenarioReader reader;

    public ControlApi(State state, Faults faults, RequestLog log, ObjectMapper json) {
        this.state = state;
        this.faults = faults;
        this.log = log;
        this.json = json;
        this.control = new ControlJson(json);
        this.reader = new ScenarioReader(json);
    }

    public void register(RoutesConfig app) {
        route(app, HandlerType.POST, "/scenario", this::loadScenario);
        route(app, HandlerType.GET, "/scenario", (ctx, world) -> Reply.ok(summary(world)));
        route(app, HandlerType.GET, "/conversations", (ctx, world) -> Reply.ok(conversations(world)));
        route(app, HandlerType.GET, "/conversations/{id}", this::oneConversation);
        route(app, HandlerType.POST, "/conversations", this::addGuest);
        route(app, HandlerType.POST, "/conversations/{id}/actions", this::act);
        route(app, HandlerType.GET, "/clock", (ctx, world) -> Reply.ok(clock(world)));
        route(app, HandlerType.POST, "/clock/advance", this::advance);
        route(app, HandlerType.GET, "/queues/stats", (ctx, world) -> Reply.ok(queueStats(world)));
        route(app, HandlerType.GET, "/requests", (ctx, world) -> Reply.ok(requests()));
        route(app, HandlerType.DELETE, "/requests", (ctx, world) -> {
            log.clear();
            return Reply.noContent();
        });
        route(app, HandlerType.GET, "/faults", (ctx, world) -> Reply.ok(faultsJson()));
        route(app, HandlerType.PUT, "/faults", this::setFaults);
        route(app, HandlerType.DELETE, "/faults", (ctx, world) -> {
            faults.clear();
            return Reply.noContent();
        });
        route(app, HandlerType.GET, "/settings", (ctx, world) -> Reply.ok(json.valueToTree(world.settings())));
        route(app, HandlerType.PATCH, "/settings", this::changeSettings);
        route(app, HandlerType.GET, "/analytics/jobs", (ctx, world) -> Reply.ok(DetailJobs.list(world, json)));
        route(app, HandlerType.POST, "/analytics/jobs/{id}/fail", this::failJob);
        route(app, HandlerType.POST, "/tokens/revoke", (ctx, world) ->
                Reply.ok(json.createObjectNode().put("revoked", world.tokens().revokeAll(world.now()))));
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
            route(app, method, "/*", (ctx, world) -> control.problem(404, "no control call " + ctx.method() + " " + ctx.path()
                    + " (see docs/sandbox.md, \"Control API\")"));
        }
    }

    private void route(RoutesConfig app, HandlerType method, String path, BiFunction<Context, World, Reply> handler) {
        app.addHttpHandler(method, BASE + path, ctx -> {
            Reply reply;
            if (path.equals("/scenario") && method == HandlerType.POST) {
                reply = handler.apply(ctx, null);
            } else {
                reply = state.locked(world -> handler.apply(ctx, world));
            }
            control.send(ctx, reply);
        });
    }

    // ---- scenario -------------------------------------------------------------------------------

    private Reply loadScenario(Context ctx, World ignored) {
        Scenario scenario;
        try {
            scenario = reader.read(ctx.body());
        } catch (ScenarioException e) {
            return control.problem(400, e.getMessage());
        }
        World world = state.load(scenario);
        return Reply.ok(state.locked(w -> summary(world)));
    }

    private ObjectNode summary(World world) {
        ObjectNode n = json.createObjectNode();
        n.putObject("org").put("id", world.org().id()).put("name", world.org().name());
        ArrayNode divisions = n.putArray("divisions");
        world.org().divisions().forEach(d -> divisions.addObject().put("id", d.id()).put("name", d.name()).put("home", d.home()));
        ArrayNode queues = n.putArray("queues");
        world.org().queues().forEach(q -> queues.addObject().put("id", q.id()).put("name", q.name()).put("divisionId", q.divisionId()));
        ArrayNode agents = n.putArray("agents");
        world.org().agents().forEach(a -> agents.addObject().put("id", a.id()).put("name", a.name()));
        ArrayNode clients = n.putArray("clients");
        world.org().clients().forEach(c -> clients.addObject().put("id", c.id()).put("name", c.name()));
        ArrayNode roles = n.putArray("roles");
        world.org().roles().forEach(r -> roles.addObject().put("id", r.id()).put("name", r.name()));
        ArrayNode conversations = n.putArray("conversations");
        world.conversations().forEach(c -> conversations.addObject().put("id", c.id()).put("label", c.label())
                .put("kind", c.kind().label()).put("queueId", c.queueId()));
        return n;
    }

    // ---- conversations --------------------------------------------------------------------------

    private ArrayNode conversations(World world) {
        ArrayNode a = json.createArrayNode();
        world.conversations().forEach(c -> a.add(conversation(c, world)));
        return a;
    }

    private Reply oneConversation(Context ctx, World world) {
        return world.conversation(ctx.pathParam("id")).map(c -> Reply.ok(conversation(c, world)))
                .orElseGet(() -> control.problem(404, "no conversation " + ctx.pathParam("id")));
    }

    private ObjectNode conversation(Conversation c, World world) {
        Instant now = world.now();
        ObjectNode n = json.createObjectNode().put("id", c.id()).put("label", c.label()).put("kind", c.kind().label())
                .put("queueId", c.queueId()).put("ended", c.isEnded()).put("waiting", c.isWaiting(now))
                .put("lingering", c.isLingering(now)).put("analyticsFrozen", c.analyticsFrozen().isPresent())
                .put("flowPasses", c.flowPasses())
                .put("ageSeconds", Duration.between(c.startTime(), now).toSeconds());
        ArrayNode ps = n.putArray("participants");
        for (Participant p : c.participants()) {
            ObjectNode pn = ps.addObject().put("id", p.id()).put("purpose", p.kind().purpose(world.settings().flowPurpose()))
                    .put("state", p.state());
            p.disconnectType().ifPresent(v -> pn.put("disconnectType", v));
            p.queueId().ifPresent(v -> pn.put("queueId", v));
            p.userId().ifPresent(v -> pn.put("userId", v));
            pn.put("wrapupRequired", p.wrapupRequired()).put("pendingWrapup", p.pendingWrapup());
            p.wrapup().ifPresent(w -> pn.put("wrapupCode", w.code()));
            pn.put("messages", p.messages().size());
            p.messages().stream().reduce((a, b) -> b).ifPresent(m -> pn.put("lastMessageTime", m.time().toString()));
        }
        return n;
    }

    private Reply addGuest(Context ctx, World world) {
        Optional<JsonNode> body = control.body(ctx);
        if (body.isEmpty()) {
            return control.problem(400, "the body must be a guest entry (a JSON object), see docs/sandbox.md");
        }
        List<GuestSpec> specs;
        try {
            specs = GuestReader.read(new ScenarioNode(body.get(), "guest"), world.org(), world.settings(),
                    "guest-" + (world.conversations().size() + 1));
        } catch (ScenarioException e) {
            return control.problem(400, e.getMessage());
        }
        for (GuestSpec s : specs) {
            if (world.hasLabel(s.label())) {
                return control.problem(409, "guest.label: \"" + s.label() + "\" is already in use");
            }
            if (s.id().flatMap(world::conversation).isPresent()) {
                return control.problem(409, "guest.id: \"" + s.id().get() + "\" is already in use");
            }
        }
        List<Conversation> added = world.addGuests(specs);
        if (added.size() == 1) {
            return new Reply(201, json.createObjectNode().put("id", added.get(0).id()).put("label", added.get(0).label()));
        }
        ArrayNode a = json.createArrayNode();
        added.forEach(c -> a.addObject().put("id", c.id()).put("label", c.label()));
        return new Reply(201, a);
    }

    private Reply act(Context ctx, World world) {
        Optional<Conversation> c = world.conversation(ctx.pathParam("id"));
        if (c.isEmpty()) {
            return control.problem(404, "no conversation " + ctx.pathParam("id"));
        }
        Optional<JsonNode> body = control.body(ctx);
        if (body.isEmpty()) {
            return control.problem(400, "the body must be {\"action\": A, \"agent\": name-or-id, \"when\": \"now\"|\"afterNextRead\"}");
        }
        String actionName = body.get().path("action").asText("");
        Optional<GuestAction> action = GuestAction.fromWireName(actionName);
        if (action.isEmpty()) {
            return control.problem(400, "action: unknown action \"" + actionName + "\" (expected one of " + GuestAction.wireNames() + ")");
        }
        String when = body.get().path("when").asText("now");
        if (!when.equals("now") && !when.equals("afterNextRead")) {
            return control.problem(400, "when: \"" + when + "\" is not one of now, afterNextRead");
        }
        Optional<Agent> agent;
        if (body.get().hasNonNull("agent")) {
            String ref = body.get().get("agent").asText();
            agent = world.org().agent(ref);
            if (agent.isEmpty()) {
                return control.problem(400, "agent: no agent named \"" + ref + "\"");
            }
        } else {
            agent = world.org().agents().stream().findFirst();
        }
        boolean needsAgent = action.get() == GuestAction.OFFER_AGENT || action.get() == GuestAction.CONNECT_AGENT;
        if (needsAgent && agent.isEmpty()) {
            return control.problem(400, "agent: the scenario has no agents");
        }
        if (when.equals("afterNextRead")) {
            world.afterNextRead(c.get().id(), () -> world.lifecycle().act(c.get(), action.get(), agent));
            return new Reply(202, json.createObjectNode().put("id", c.get().id()).put("action", actionName)
                    .put("when", when));
        }
        Outcome outcome = world.lifecycle().act(c.get(), action.get(), agent);
        if (outcome instanceof Outcome.Conflict conflict) {
            return control.problem(409, actionName + ": " + conflict.reason());
        }
        return Reply.ok(conversation(c.get(), world));
    }

    // ---- clock, queues, requests, faults, settings -------------------------------------------------

    private ObjectNode clock(World world) {
        return json.createObjectNode().put("now", world.now().toString())
                .put("mode", state.clock().mode().name().toLowerCase());
    }

    private Reply advance(Context ctx, World world) {
        Optional<JsonNode> body = control.body(ctx);
        JsonNode seconds = body.map(b -> b.get("seconds")).orElse(null);
        if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0) {
            return control.problem(400, "seconds: expected a number of seconds, 0 or more");
        }
        Duration step = Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
        if (!state.clock().advance(step)) {
            return control.problem(409, "the clock is real; start the sandbox with --clock manual to move it");
        }
        world.catchUp();
        return Reply.ok(clock(world));
    }

    private ArrayNode queueStats(World world) {
        Instant now = world.now();
        ArrayNode a = json.createArrayNode();
        for (Queue q : world.org().queues()) {
            List<Conversation> inQueue = world.conversations().stream().filter(c -> c.queueId().equals(q.id())).toList();
            a.addObject().put("queueId", q.id()).put("name", q.name())
                    .put("waiting", inQueue.stream().filter(c -> c.isWaiting(now)).count())
                    .put("lingering", inQueue.stream().filter(c -> c.isLingering(now)).count());
        }
        return a;
    }

    private ArrayNode requests() {
        ArrayNode a = json.createArrayNode();
        for (RequestLog.Entry e : log.entries()) {
            a.addObject().put("time", e.time().toString()).put("method", e.method()).put("path", e.path())
                    .put("status", e.status()).put("clientId", e.clientId()).put("correlationId", e.correlationId());
        }
        return a;
    }

    private ObjectNode faultsJson() {
        ObjectNode n = json.createObjectNode();
        faults.current().ifPresent(f -> {
            n.put("status", f.status());
            f.count().ifPresent(c -> n.put("count", c));
            f.pathPattern().ifPresent(p -> n.put("pathPattern", p.pattern()));
            n.put("errorRate", f.errorRate()).put("latencyMs", f.latencyMs());
            n.put("kind", f.kind().wire()).put("holdMs", f.holdMs());
        });
        return n;
    }

    private Reply setFaults(Context ctx, World world) {
        Optional<JsonNode> body = control.body(ctx);
        if (body.isEmpty()) {
            return control.problem(400, "the body must be {\"status\", \"count\", \"pathPattern\", \"errorRate\", \"latencyMs\", \"kind\", \"holdMs\"}");
        }
        ScenarioNode node = new ScenarioNode(body.get(), "faults");
        try {
            node.allowOnly(Set.of("status", "count", "pathPattern", "errorRate", "latencyMs", "kind", "holdMs"));
            Optional<String> kindText = node.text("kind");
            if (kindText.isPresent() && Faults.Kind.fromWire(kindText.get()).isEmpty()) {
                return control.problem(400, "faults.kind: expected one of " + Faults.Kind.allowed() + ", not \"" + kindText.get() + "\"");
            }
            Faults.Kind kind = kindText.flatMap(Faults.Kind::fromWire).orElse(Faults.Kind.ERROR);
            // A proxy's HTML page may come with any status (a captive portal answers 200); errors are errors.
            int status = node.number("status", kind == Faults.Kind.HTML ? 200 : 400, 599).orElse(503L).intValue();
            Optional<Integer> count = node.number("count", 0, Integer.MAX_VALUE).map(Long::intValue);
            Optional<Pattern> pattern = node.text("pathPattern").map(Pattern::compile);
            double rate = node.decimal("errorRate", 0, 1).orElse(0.0);
            long latency = node.number("latencyMs", 0, 60_000).orElse(0L);
            long hold = node.number("holdMs", 0, 600_000).orElse(Faults.DEFAULT_HOLD_MS);
            faults.set(new Faults.Spec(status, count, pattern, rate, latency, kind, hold), world.seed());
        } catch (ScenarioException e) {
            return control.problem(400, e.getMessage());
        } catch (PatternSyntaxException e) {
            return control.problem(400, "faults.pathPattern: not a regular expression (" + e.getDescription() + ")");
        }
        return Reply.ok(faultsJson());
    }

    /** The job turns FAILED with this message, as a platform job does when its query fails. */
    private Reply failJob(Context ctx, World world) {
        String message = control.body(ctx).map(b -> b.path("message").asText("")).filter(m -> !m.isBlank())
                .orElse("The query failed (sandbox control)");
        return DetailJobs.fail(ctx.pathParam("id"), message, world)
                ? Reply.ok(json.createObjectNode().put("jobId", ctx.pathParam("id")).put("state", "FAILED"))
                : control.problem(404, "no analytics job " + ctx.pathParam("id"));
    }

    private Reply changeSettings(Context ctx, World world) {
        Optional<JsonNode> body = control.body(ctx);
        if (body.isEmpty()) {
            return control.problem(400, "the body must be a JSON object of settings, see docs/sandbox.md");
        }
        try {
            Settings changed = SettingsReader.apply(world.settings(), new ScenarioNode(body.get(), "settings"));
            world.changeSettings(changed);
            return Reply.ok(json.valueToTree(changed));
        } catch (ScenarioException e) {
            return control.problem(400, e.getMessage());
        }
    }
}
