package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Genesys answers into unstuck's values; lenient about fields it does not need. */
final class ApiJson {

    private ApiJson() {
    }

    static Conversation conversation(JsonNode node) {
        List<Participant> legs = new ArrayList<>();
        for (JsonNode p : node.path("participants")) {
            legs.add(participant(p));
        }
        Optional<Instant> start = instant(node.path("startTime")).or(() -> earliestStart(node));
        List<String> divisions = new ArrayList<>();
        for (JsonNode d : node.path("divisions")) {
            text(d.path("division").path("id")).ifPresent(divisions::add);
        }
        return new Conversation(node.path("id").asText(), start, instant(node.path("endTime")), legs, divisions);
    }

    private static Optional<Instant> earliestStart(JsonNode node) {
        Instant earliest = null;
        for (JsonNode p : node.path("participants")) {
            Optional<Instant> start = instant(p.path("startTime"));
            if (start.isPresent() && (earliest == null || start.get().isBefore(earliest))) {
                earliest = start.get();
            }
        }
        return Optional.ofNullable(earliest);
    }

    static Participant participant(JsonNode p) {
        String purposeText = ServerText.clean(p.path("purpose").asText(""));
        LegState state = LegState.fromApi(text(p.path("state")).orElse(firstMessageState(p)));
        boolean wrapupRequired = p.path("wrapupRequired").asBoolean(false);
        boolean wrapupDone = !p.path("wrapup").isMissingNode() && !p.path("wrapup").isNull()
                || p.path("wrapupSkipped").asBoolean(false)
                || instant(p.path("endAcwTime")).isPresent();
        boolean pending = wrapupRequired && !state.active() && !wrapupDone;
        Optional<String> queueId = text(p.path("queue").path("id")).or(() -> text(p.path("queueId")));
        Optional<String> queueName = label(p.path("queue").path("name")).or(() -> label(p.path("queueName")));
        Optional<String> userId = text(p.path("user").path("id")).or(() -> text(p.path("userId")));
        Optional<String> name = label(p.path("user").path("name")).or(() -> label(p.path("name")));
        return new Participant(p.path("id").asText(), Purpose.fromApi(purposeText), state, queueId, userId, name,
                wrapupRequired, pending, queueName, purposeText.isEmpty() ? "other" : purposeText,
                new Participant.LegTimes(instant(p.path("startTime")).or(() -> instant(p.path("messages").path(0).path("startTime"))),
                        instant(p.path("connectedTime")).or(() -> instant(p.path("messages").path(0).path("connectedTime"))),
                        instant(p.path("endTime")).or(() -> instant(p.path("messages").path(0).path("disconnectedTime"))),
                        lastMessageTime(p)));
    }

    /**
     * The latest {@code messageTime} of a leg's messages, wherever the answer keeps them: the messages
     * API and the queue topic list {@code MessageDetails} in {@code participants[].messages[]}, the
     * conversation API one level down, under each message communication ({@code messages[].messages[]}).
     */
    private static Optional<Instant> lastMessageTime(JsonNode p) {
        Instant latest = null;
        for (JsonNode m : p.path("messages")) {
            List<JsonNode> details = new ArrayList<>();
            details.add(m);
            m.path("messages").forEach(details::add);
            for (JsonNode d : details) {
                Optional<Instant> at = instant(d.path("messageTime"));
                if (at.isPresent() && (latest == null || at.get().isAfter(latest))) {
                    latest = at.get();
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The generic conversation API keeps state under {@code messages[]}; the messages API on the leg. */
    private static String firstMessageState(JsonNode p) {
        return p.path("messages").path(0).path("state").asText("");
    }

    static DetailsPage detailsPage(JsonNode node) {
        List<ConversationDetail> conversations = new ArrayList<>();
        for (JsonNode c : node.path("conversations")) {
            conversations.add(conversationDetail(c));
        }
        return new DetailsPage(conversations, node.path("totalHits").asInt(conversations.size()));
    }

    static ConversationDetail conversationDetail(JsonNode c) {
        List<ConversationDetail.DetailParticipant> participants = new ArrayList<>();
        for (JsonNode p : c.path("participants")) {
            List<ConversationDetail.Segment> segments = new ArrayList<>();
            Optional<String> flowId = Optional.empty();
            Optional<String> flowName = Optional.empty();
            for (JsonNode session : p.path("sessions")) {
                // A flow leg's session names the Architect flow it ran (AnalyticsSession.flow: AnalyticsFlow).
                if (flowId.isEmpty() && flowName.isEmpty()) {
                    flowId = text(session.path("flow").path("flowId"));
                    flowName = label(session.path("flow").path("flowName"));
                }
                for (JsonNode s : session.path("segments")) {
                    Optional<Instant> start = instant(s.path("segmentStart"));
                    if (start.isEmpty()) {
                        continue;
                    }
                    segments.add(new ConversationDetail.Segment(s.path("segmentType").asText(""), start.get(),
                            instant(s.path("segmentEnd")), text(s.path("queueId")), text(s.path("disconnectType"))));
                }
            }
            String purpose = p.path("purpose").asText("");
            participants.add(new ConversationDetail.DetailParticipant(p.path("participantId").asText(""), Purpose.fromApi(purpose),
                    ServerText.clean(purpose), text(p.path("userId")), label(p.path("participantName")), segments, flowId, flowName));
        }
        return new ConversationDetail(c.path("conversationId").asText(""),
                instant(c.path("conversationStart")).orElse(Instant.EPOCH), instant(c.path("conversationEnd")), participants);
    }

    static TokenInfo tokenInfo(JsonNode node) {
        JsonNode client = node.path("OAuthClient");
        List<RoleDivision> roles = new ArrayList<>();
        for (JsonNode grant : client.path("roleDivisions")) {
            // A grant without a division is taken as the home division's, which Genesys applies by default.
            text(grant.path("roleId")).ifPresent(id -> roles.add(new RoleDivision(id, grant.path("divisionId").asText(""))));
        }
        return new TokenInfo(client.path("id").asText(""), ServerText.clean(client.path("name").asText("")),
                node.path("organization").path("id").asText(""), ServerText.clean(node.path("organization").path("name").asText("")), roles);
    }

    static OAuthClientInfo oauthClient(JsonNode node) {
        List<String> roles = new ArrayList<>();
        for (JsonNode grant : node.path("roleDivisions")) {
            text(grant.path("roleId")).filter(id -> !roles.contains(id)).ifPresent(roles::add);
        }
        for (JsonNode id : node.path("roleIds")) {
            text(id).filter(r -> !roles.contains(r)).ifPresent(roles::add);
        }
        return new OAuthClientInfo(node.path("id").asText(""), ServerText.clean(node.path("name").asText("")),
                node.path("authorizedGrantType").asText(""), node.path("state").asText(""), roles);
    }

    static RoleInfo role(JsonNode node) {
        List<String> permissions = new ArrayList<>();
        for (JsonNode permission : node.path("permissions")) {
            text(permission).filter(s -> !permissions.contains(s)).ifPresent(permissions::add);
        }
        for (JsonNode policy : node.path("permissionPolicies")) {
            String prefix = policy.path("domain").asText("") + ":" + policy.path("entityName").asText("") + ":";
            for (JsonNode action : policy.path("actionSet")) {
                String permission = prefix + action.asText("");
                if (!permissions.contains(permission)) {
                    permissions.add(permission);
                }
            }
        }
        return new RoleInfo(node.path("id").asText(""), ServerText.clean(node.path("name").asText("")), permissions);
    }

    static QueueInfo queue(JsonNode node) {
        return new QueueInfo(node.path("id").asText(""), ServerText.clean(node.path("name").asText("")), text(node.path("division").path("id")));
    }

    static DivisionInfo division(JsonNode node) {
        return new DivisionInfo(node.path("id").asText(""), ServerText.clean(node.path("name").asText("")), node.path("homeDivision").asBoolean(false));
    }

    /** A subscription answer {@code {entities[{id, state, rejectionReason?, missingPermissions?}]}}. */
    static Subscriptions subscriptions(JsonNode node) {
        List<String> permitted = new ArrayList<>();
        List<Subscriptions.Rejection> rejected = new ArrayList<>();
        for (JsonNode topic : node.path("entities")) {
            String id = topic.path("id").asText("");
            String state = topic.path("state").asText("");
            if (state.equalsIgnoreCase("Permitted")) {
                permitted.add(id);
            } else {
                List<String> missing = new ArrayList<>();
                topic.path("missingPermissions").forEach(p -> text(p).ifPresent(missing::add));
                rejected.add(new Subscriptions.Rejection(id, label(topic.path("rejectionReason")).orElse(ServerText.clean(state)), missing));
            }
        }
        return new Subscriptions(permitted, rejected);
    }

    /** ErrorBody, or the OAuth error shape {@code {error, description, error_description}}. */
    static Optional<ErrorBody> error(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        if (node.has("code") || node.has("message")) {
            Map<String, String> params = new LinkedHashMap<>();
            node.path("messageParams").properties().forEach(e -> params.put(ServerText.clean(e.getKey()),
                    ServerText.clean(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
            return Optional.of(new ErrorBody(ServerText.clean(node.path("code").asText("")), ServerText.clean(node.path("message").asText("")), params));
        }
        if (node.has("error")) {
            String description = text(node.path("error_description")).or(() -> text(node.path("description"))).orElse("");
            return Optional.of(new ErrorBody(ServerText.clean(node.path("error").asText("")), ServerText.clean(description), Map.of()));
        }
        return Optional.empty();
    }

    /** Text meant to be shown (names, reasons), cleaned of what a terminal or the audit must not get. */
    private static Optional<String> label(JsonNode node) {
        return text(node).map(ServerText::clean).filter(t -> !t.isEmpty());
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    static Optional<Instant> instant(JsonNode node) {
        try {
            return text(node).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
