package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.notify.Channel;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.notify.TopicRules;
import dev.unstuck.sandbox.org.Permission;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The notifications API (fact sheet §5). The endpoints need no permission; each topic needs its own
 * ({@link TopicRules}). A topic the client may not see is Rejected (with {@code ignoreErrors=true}) or
 * fails the request with 403 naming the permission; an unknown topic is Rejected or 400.
 */
record NotificationEndpoints(Channels channels, ObjectMapper json) {
    private static final String BASE = "/api/v2/notifications/channels";

    void register(Routes routes) {
        routes.api(HandlerType.GET, "/api/v2/notifications/availabletopics", this::availableTopics);
        routes.api(HandlerType.POST, BASE, this::create);
        routes.api(HandlerType.GET, BASE, this::list);
        routes.api(HandlerType.HEAD, BASE + "/{channelId}", call -> {
            own(call);
            return Answer.empty(200);
        });
        routes.api(HandlerType.GET, BASE + "/{channelId}/subscriptions", call ->
                Answer.json(200, listing(own(call).topics().stream().map(t -> permitted(t)).toList())));
        routes.api(HandlerType.POST, BASE + "/{channelId}/subscriptions", call -> subscribe(call, false));
        routes.api(HandlerType.PUT, BASE + "/{channelId}/subscriptions", call -> subscribe(call, true));
        routes.api(HandlerType.DELETE, BASE + "/{channelId}/subscriptions", call -> {
            channels.unsubscribeAll(own(call));
            return Answer.empty(204);
        });
    }

    private Answer create(Call call) {
        Channel c = channels.create(call.caller().client().id(), call.caller().token().value(), call.world().now(),
                call.caller().token().expiresAt());
        return Answer.json(200, channelJson(c, call));
    }

    private Answer list(Call call) {
        ObjectNode n = json.createObjectNode();
        ArrayNode entities = n.putArray("entities");
        // Per token: "Channel Ids for other access tokens will not be shown".
        channels.forToken(call.caller().token().value()).forEach(c -> entities.add(channelJson(c, call)));
        return Answer.json(200, n);
    }

    private ObjectNode channelJson(Channel c, Call call) {
        ObjectNode n = json.createObjectNode();
        n.put("connectUri", "ws://127.0.0.1:" + call.ctx().port() + "/channels/" + c.id());
        n.put("id", c.id());
        n.put("expires", c.expires().toString());
        return n;
    }

    /** The caller's own channel named in the path; another client's channel is as unknown as a missing one. */
    private Channel own(Call call) {
        return channels.find(call.path("channelId")).filter(c -> c.clientId().equals(call.caller().client().id()))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Channel " + call.path("channelId") + " not found")));
    }

    private Answer subscribe(Call call, boolean replace) {
        Channel channel = own(call);
        JsonNode body;
        try {
            body = json.readTree(call.ctx().body().isBlank() ? "[]" : call.ctx().body());
        } catch (java.io.IOException e) {
            throw new PlatformError(ErrorBody.badRequest("The request body could not be parsed as JSON."));
        }
        if (body == null || !body.isArray()) {
            throw new PlatformError(ErrorBody.badRequest("The body must be a list of topics: [{\"id\": \"v2....\"}]"));
        }
        boolean ignoreErrors = Boolean.parseBoolean(call.ctx().queryParam("ignoreErrors"));
        List<String> permittedTopics = new ArrayList<>();
        List<ObjectNode> entities = new ArrayList<>();
        for (JsonNode t : body) {
            String topic = t.path("id").asText("");
            Optional<String> permission = TopicRules.permissionFor(topic);
            if (permission.isEmpty()) {
                if (!ignoreErrors) {
                    throw new PlatformError(ErrorBody.badRequest("Invalid topic: " + topic
                            + " (the sandbox serves v2.routing.queues.{id}.conversations[.messages] and v2.detail.events.conversation.{id}.{event}; no wildcards)"));
                }
                entities.add(rejected(topic, "Topic not found", List.of()));
            } else if (!call.caller().grants().allowsIn(call.caller().client(), Permission.parse(permission.get()),
                    divisionOf(topic, call))) {
                if (!ignoreErrors) {
                    throw new PlatformError(ErrorBody.missingPermission(permission.get()));
                }
                entities.add(rejected(topic, "Missing permission: " + permission.get(), List.of(permission.get())));
            } else {
                permittedTopics.add(topic);
                entities.add(permitted(topic));
            }
        }
        if (!channels.subscribe(channel, new ArrayList<>(new LinkedHashSet<>(permittedTopics)), replace, call.world().now())) {
            throw new PlatformError(ErrorBody.badRequest("A channel holds at most " + Channels.MAX_TOPICS_PER_CHANNEL + " topics"));
        }
        return Answer.json(200, listing(entities));
    }

    /**
     * {@code GET /api/v2/notifications/availabletopics} ("Requires no permissions"): the topics the sandbox
     * serves, in their templated form; {@code expand=requiresPermissions} adds the permission each needs
     * (the sandbox's choice, see TopicRules) and {@code expand=transports} the transport.
     */
    private Answer availableTopics(Call call) {
        List<String> expand = call.ctx().queryParams("expand").stream()
                .flatMap(e -> java.util.Arrays.stream(e.split(","))).map(String::trim).toList();
        ObjectNode out = json.createObjectNode();
        ArrayNode entities = out.putArray("entities");
        java.util.Map<String, String> topics = new java.util.LinkedHashMap<>();
        topics.put(TopicRules.queueTopic("{id}"), "Message conversations of a queue, whole, on every participant change");
        topics.put(TopicRules.queueConversationsTopic("{id}"), "Conversations of a queue, every media, whole, on every participant change");
        for (String kind : TopicRules.DETAIL_KINDS) {
            topics.put(TopicRules.detailTopic("{id}", kind), "Detail event " + kind + " of one conversation");
        }
        topics.forEach((id, description) -> {
            ObjectNode t = entities.addObject().put("id", id).put("description", description);
            if (expand.contains("requiresPermissions")) {
                TopicRules.permissionFor(id).ifPresent(p -> t.putArray("requiresPermissions").add(p));
                t.put("requiresDivisionPermissions", true);
            }
            if (expand.contains("transports")) {
                t.putArray("transports").add("All");
            }
            t.putArray("topicParameters").add("id");
        });
        return Answer.json(200, out);
    }

    /** A topic lies in the division of its queue, or of its conversation's queue (the home division when unknown). */
    private static String divisionOf(String topic, Call call) {
        return divisionOf(topic, call.world());
    }

    private static String divisionOf(String topic, dev.unstuck.sandbox.world.World world) {
        var org = world.org();
        return TopicRules.queueIdOf(topic).map(org::divisionOfQueue)
                .or(() -> TopicRules.conversationIdOf(topic).flatMap(world::conversation).map(c -> org.divisionOfQueue(c.queueId())))
                .orElse(org.homeDivision().id());
    }

    /** Why the client may not subscribe to the topic (unknown, or a permission it lacks there); empty when it may. */
    static Optional<String> refusal(dev.unstuck.sandbox.world.World world, dev.unstuck.sandbox.org.OAuthClient client, String topic) {
        Optional<String> permission = TopicRules.permissionFor(topic);
        if (permission.isEmpty()) {
            return Optional.of("Invalid topic: " + topic);
        }
        if (!world.org().allowsIn(client, Permission.parse(permission.get()), divisionOf(topic, world))) {
            return Optional.of("Missing permission " + permission.get() + " for topic " + topic);
        }
        return Optional.empty();
    }

    private ObjectNode permitted(String topic) {
        ObjectNode n = json.createObjectNode();
        n.put("id", topic);
        n.put("state", "Permitted");
        n.put("selfUri", "/api/v2/notifications/availabletopics/" + topic);
        return n;
    }

    private ObjectNode rejected(String topic, String reason, List<String> missing) {
        ObjectNode n = json.createObjectNode();
        n.put("id", topic);
        n.put("state", "Rejected");
        n.put("rejectionReason", reason);
        missing.forEach(n.putArray("missingPermissions")::add);
        return n;
    }

    private ObjectNode listing(List<ObjectNode> entities) {
        ObjectNode n = json.createObjectNode();
        ArrayNode a = n.putArray("entities");
        entities.forEach(a::add);
        return n;
    }
}
