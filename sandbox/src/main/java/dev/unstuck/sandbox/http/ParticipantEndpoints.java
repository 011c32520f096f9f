package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.conversation.ParticipantChange;
import dev.unstuck.sandbox.conversation.Wrapup;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One leg of a conversation: change its state (end it), read and give its wrap-up. */
record ParticipantEndpoints(ObjectMapper json, GenesysJson views) {
    static final String WRAPUP = "conversation:participant:wrapup";
    static final String RECORD = "conversation:call:record";
    private static final List<String> WRAPUP_CODES = List.of("Resolved", "Abandoned", "Follow-up");

    void register(Routes routes) {
        for (String base : List.of(ConversationEndpoints.MESSAGES, ConversationEndpoints.CONVERSATIONS)) {
            routes.api(HandlerType.PATCH, base + "/{cid}/participants/{pid}", this::patch);
            routes.api(HandlerType.GET, base + "/{cid}/participants/{pid}/wrapup", this::wrapup);
            routes.api(HandlerType.GET, base + "/{cid}/participants/{pid}/wrapupcodes", this::wrapupCodes);
        }
        routes.api(HandlerType.POST, ConversationEndpoints.MESSAGES + "/{cid}/participants/{pid}/communications/{commId}/wrapup",
                this::postWrapup);
    }

    private Answer patch(Call call) {
        JsonNode node = call.body();
        Optional<String> wanted = Optional.empty();
        if (node.hasNonNull("state")) {
            String s = node.get("state").asText();
            if (!ErrorBody.PARTICIPANT_STATES.contains(s)) {
                throw new PlatformError(ErrorBody.invalidValue(s, "MediaParticipantRequest.state", ErrorBody.PARTICIPANT_STATES));
            }
            if (!s.equals(Participant.CONNECTED) && !s.equals(Participant.DISCONNECTED)) {
                throw new PlatformError(ErrorBody.badRequest("Possible values for state are: 'connected' and 'disconnected'."));
            }
            wanted = Optional.of(s);
        }
        Optional<Wrapup> wrapup = Optional.empty();
        if (node.hasNonNull("wrapup")) {
            wrapup = Optional.of(readWrapup(node.get("wrapup"), call.world().now())
                    .orElseThrow(() -> new PlatformError(ErrorBody.badRequest("wrapup must be an object with a code"))));
        }
        List<String> needed;
        if (wanted.filter(Participant.DISCONNECTED::equals).isPresent()) {
            needed = List.of(ConversationEndpoints.DISCONNECT);
        } else if (wrapup.isPresent()) {
            needed = List.of(WRAPUP);
        } else if (node.hasNonNull("recording")) {
            needed = List.of(RECORD);
        } else {
            needed = List.of(WRAPUP, RECORD, ConversationEndpoints.DISCONNECT);
        }
        if (needed.size() == 1) {
            call.require(needed.get(0));
        } else {
            call.requireAny(needed);
        }
        Conversation c = call.conversation(needed);
        Participant p = c.participant(call.path("pid")).orElseThrow(() -> new PlatformError(
                ErrorBody.notFound("Participant " + call.path("pid") + " not found in conversation " + c.id())));
        call.applied(call.world().lifecycle().patchParticipant(c, p, new ParticipantChange(wanted, wrapup)));
        return Answer.empty(202);
    }

    private Optional<Wrapup> readWrapup(JsonNode w, Instant now) {
        if (!w.isObject() || !w.hasNonNull("code")) {
            return Optional.empty();
        }
        List<String> tags = new ArrayList<>();
        w.path("tags").forEach(t -> tags.add(t.asText()));
        return Optional.of(new Wrapup(w.get("code").asText(), w.path("name").asText(w.get("code").asText()),
                Optional.ofNullable(w.get("notes")).filter(JsonNode::isTextual).map(JsonNode::asText), tags,
                w.path("durationSeconds").asInt(0), now));
    }

    private Answer postWrapup(Call call) {
        Wrapup wrapup = readWrapup(call.body(), call.world().now())
                .orElseThrow(() -> new PlatformError(ErrorBody.badRequest("The wrap-up must have a code")));
        call.require(WRAPUP);
        Conversation c = call.conversation(List.of(WRAPUP));
        Participant p = c.participant(call.path("pid"))
                .filter(x -> x.communicationId().equals(call.path("commId")))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Communication " + call.path("commId") + " not found")));
        if (p.wrapup().isPresent()) {
            throw new PlatformError(ErrorBody.conflict(call.world().settings().conflictCode(), "The wrap-up has already been given"));
        }
        call.applied(call.world().lifecycle().patchParticipant(c, p, new ParticipantChange(Optional.empty(), Optional.of(wrapup))));
        return Answer.empty(202);
    }

    private Participant participant(Call call) {
        return call.conversation().participant(call.path("pid"))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Participant " + call.path("pid") + " not found")));
    }

    private Answer wrapup(Call call) {
        return participant(call).wrapup().map(w -> Answer.json(200, views.assignedWrapup(w)))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("The participant has no wrap-up yet")));
    }

    private Answer wrapupCodes(Call call) {
        participant(call);
        ArrayNode codes = json.createArrayNode();
        for (String name : WRAPUP_CODES) {
            String id = UUID.nameUUIDFromBytes(("wrapup:" + name).getBytes(StandardCharsets.UTF_8)).toString();
            codes.addObject().put("id", id).put("name", name).put("selfUri", "/api/v2/routing/wrapupcodes/" + id);
        }
        return Answer.json(200, codes);
    }
}
