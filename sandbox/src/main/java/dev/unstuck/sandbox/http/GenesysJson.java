package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.ConversationDivisions;
import dev.unstuck.sandbox.conversation.LegKind;
import dev.unstuck.sandbox.conversation.Message;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.conversation.Segment;
import dev.unstuck.sandbox.conversation.Wrapup;
import dev.unstuck.sandbox.org.Division;
import dev.unstuck.sandbox.org.User;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Permission;
import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.Role;
import dev.unstuck.sandbox.org.RoleDivision;
import dev.unstuck.sandbox.org.Settings;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model as the Genesys Platform API shows it (fact sheet §2, §3.3): field names, nesting and which
 * fields are left out when they have no value.
 */
final class GenesysJson {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    GenesysJson(ObjectMapper json) {
        this.json = json;
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    private static void putTime(ObjectNode node, String field, Optional<Instant> at) {
        at.ifPresent(t -> node.put(field, time(t)));
    }

    private ObjectNode ref(String id, Optional<String> name, String selfUri) {
        ObjectNode n = json.createObjectNode().put("id", id);
        name.ifPresent(v -> n.put("name", v));
        n.put("selfUri", selfUri);
        return n;
    }

    private ObjectNode wrapup(Wrapup w) {
        return wrapupRest(json.createObjectNode().put("code", w.code()).put("name", w.name()), w);
    }

    /** {@code AssignedWrapupCode}. */
    ObjectNode assignedWrapup(Wrapup w) {
        return wrapupRest(json.createObjectNode().put("code", w.code()), w);
    }

    /** What both wrap-up shapes carry after the code (and name). */
    private static ObjectNode wrapupRest(ObjectNode n, Wrapup w) {
        w.notes().ifPresent(v -> n.put("notes", v));
        ArrayNode tags = n.putArray("tags");
        w.tags().forEach(tags::add);
        n.put("durationSeconds", w.durationSeconds());
        n.put("endTime", time(w.endTime()));
        return n;
    }

    /** {@code MessageConversation}: participant state at the participant level. */
    ObjectNode messageConversation(Conversation c, Org org, Settings settings) {
        ObjectNode n = json.createObjectNode().put("id", c.id());
        ArrayNode ps = n.putArray("participants");
        for (Participant p : c.participants()) {
            ps.add(messageParticipant(p, c.id(), org, settings));
        }
        n.putArray("otherMediaUris");
        n.putArray("recentTransfers");
        n.set("divisions", divisionMemberships(c, org));
        n.put("selfUri", "/api/v2/conversations/messages/" + c.id());
        return n;
    }

    /** A division as entities refer to it ({@code Division}: id, name, selfUri). */
    ObjectNode divisionRef(String divisionId, Org org) {
        return ref(divisionId, org.division(divisionId).map(Division::name), "/api/v2/authorization/divisions/" + divisionId);
    }

    /** {@code ConversationDivisionMembership} per division: the division and the conversation's entities in it (queues, users, flows). */
    private ArrayNode divisionMemberships(Conversation c, Org org) {
        ArrayNode all = json.createArrayNode();
        for (ConversationDivisions.Membership m : ConversationDivisions.of(org, c).memberships()) {
            ObjectNode d = all.addObject();
            d.set("division", divisionRef(m.divisionId(), org));
            ArrayNode entities = d.putArray("entities");
            for (ConversationDivisions.Entity e : m.entities()) {
                entities.add(ref(e.id(), Optional.empty(), switch (e.kind()) {
                    case "queue" -> "/api/v2/routing/queues/" + e.id();
                    case "user" -> "/api/v2/users/" + e.id();
                    default -> "/api/v2/flows/" + e.id();
                }));
            }
        }
        return all;
    }

    private ObjectNode messageParticipant(Participant p, String conversationId, Org org, Settings settings) {
        ObjectNode n = json.createObjectNode().put("id", p.id()).put("name", p.name());
        putTime(n, "startTime", Optional.of(p.startTime()));
        putTime(n, "startAlertingTime", p.alertingTime());
        putTime(n, "connectedTime", p.connectedTime());
        putTime(n, "endTime", p.endTime());
        n.put("purpose", p.kind().purpose(settings.flowPurpose()));
        n.put("state", p.state());
        n.put("direction", "inbound");
        p.disconnectType().ifPresent(v -> n.put("disconnectType", v));
        n.put("held", false);
        n.put("wrapupRequired", p.wrapupRequired());
        p.wrapup().ifPresent(w -> n.set("wrapup", wrapup(w)));
        putTime(n, "startAcwTime", p.startAcwTime());
        putTime(n, "endAcwTime", p.endAcwTime());
        p.queueId().ifPresent(q -> n.set("queue", ref(q, org.queue(q).map(Queue::name), "/api/v2/routing/queues/" + q)));
        p.userId().ifPresent(u -> n.set("user", ref(u, org.agent(u).map(a -> a.name()), "/api/v2/users/" + u)));
        n.putObject("attributes");
        n.set("messages", messageDetails(p, conversationId));
        n.put("type", "webmessaging");
        if (p.kind() == LegKind.CUSTOMER) {
            n.put("authenticated", false);
        }
        return n;
    }

    /**
     * The messages sent on a leg as {@code MessageDetails} (SDK model): the guest's on the customer leg,
     * an agent's replies on the agent leg; no text (the API keeps it behind {@code messageURI}).
     */
    private ArrayNode messageDetails(Participant p, String conversationId) {
        ArrayNode a = json.createArrayNode();
        for (Message m : p.messages()) {
            ObjectNode n = a.addObject().put("messageId", m.id());
            n.put("messageURI", "/api/v2/conversations/messages/" + conversationId + "/messages/" + m.id());
            n.put("messageStatus", m.status());
            n.put("messageSegmentCount", 1);
            n.put("messageTime", time(m.time()));
            n.putArray("media");
            n.putArray("stickers");
        }
        return a;
    }

    /** {@code Conversation}: participants without state; state lives in {@code messages[]}. */
    ObjectNode conversation(Conversation c, Org org, Settings settings) {
        ObjectNode n = json.createObjectNode().put("id", c.id());
        putTime(n, "startTime", Optional.of(c.startTime()));
        putTime(n, "endTime", c.endTime());
        ArrayNode ps = n.putArray("participants");
        for (Participant p : c.participants()) {
            ps.add(participant(p, c.id(), org, settings));
        }
        n.put("state", c.isEnded() ? "disconnected" : "connected");
        n.putArray("recentTransfers");
        n.set("divisions", divisionMemberships(c, org));
        n.put("selfUri", "/api/v2/conversations/" + c.id());
        return n;
    }

    private ObjectNode participant(Participant p, String conversationId, Org org, Settings settings) {
        ObjectNode n = json.createObjectNode().put("id", p.id());
        putTime(n, "startTime", Optional.of(p.startTime()));
        putTime(n, "endTime", p.endTime());
        putTime(n, "connectedTime", p.connectedTime());
        n.put("name", p.name());
        p.userId().ifPresent(u -> n.put("userId", u));
        p.queueId().ifPresent(q -> {
            n.put("queueId", q);
            org.queue(q).ifPresent(queue -> n.put("queueName", queue.name()));
        });
        n.put("purpose", p.kind().purpose(settings.flowPurpose()));
        n.put("participantType", p.kind() == LegKind.CUSTOMER ? "External" : "Internal");
        n.put("wrapupRequired", p.wrapupRequired());
        p.wrapup().ifPresent(w -> n.set("wrapup", wrapup(w)));
        putTime(n, "startAcwTime", p.startAcwTime());
        putTime(n, "endAcwTime", p.endAcwTime());
        n.putObject("attributes");
        n.putArray("calls");
        n.putArray("callbacks");
        n.putArray("chats");
        n.putArray("cobrowsesessions");
        n.putArray("emails");
        ArrayNode messages = n.putArray("messages");
        ObjectNode m = messages.addObject().put("id", p.communicationId()).put("state", p.state());
        m.put("initialState", p.alertingTime().isPresent() ? Participant.ALERTING : Participant.CONNECTED);
        m.put("held", false);
        ArrayNode segments = m.putArray("segments");
        for (Segment s : p.segments()) {
            ObjectNode sn = segments.addObject();
            putTime(sn, "startTime", Optional.of(s.start()));
            putTime(sn, "endTime", s.end());
            sn.put("type", s.type());
            s.disconnectType().ifPresent(v -> sn.put("disconnectType", v));
        }
        m.put("direction", "inbound");
        p.disconnectType().ifPresent(v -> m.put("disconnectType", v));
        putTime(m, "connectedTime", p.connectedTime());
        putTime(m, "disconnectedTime", p.endTime());
        m.put("provider", "PureCloud Messaging Service");
        m.put("type", "webmessaging");
        m.set("messages", messageDetails(p, conversationId));
        p.wrapup().ifPresent(w -> m.set("wrapup", wrapup(w)));
        n.putArray("screenshares");
        n.putArray("socialExpressions");
        n.putArray("videos");
        return n;
    }

    private ObjectNode namedOrg(Org org) {
        return json.createObjectNode().put("id", org.id()).put("name", org.name());
    }

    private ArrayNode roleDivisions(OAuthClient client, Org org) {
        ArrayNode a = json.createArrayNode();
        for (RoleDivision grant : client.roleDivisions()) {
            a.addObject().put("roleId", grant.roleId()).put("divisionId", grant.divisionId());
        }
        return a;
    }

    /** {@code TokenInfo}; the key is {@code OAuthClient}, as the platform spells it. */
    ObjectNode tokenInfo(OAuthClient client, Org org) {
        ObjectNode n = json.createObjectNode();
        n.set("organization", namedOrg(org));
        n.set("homeOrganization", namedOrg(org));
        n.putArray("authorizedScope");
        ObjectNode c = n.putObject("OAuthClient").put("id", client.id()).put("name", client.name());
        c.put("authorizedGrantType", client.grantType());
        c.putArray("scope");
        c.set("roleDivisions", roleDivisions(client, org));
        c.put("state", client.state());
        c.set("organization", namedOrg(org));
        return n;
    }

    /** {@code OAuthClient}, without its secret. */
    ObjectNode oauthClient(OAuthClient client, Org org, Settings settings) {
        ObjectNode n = json.createObjectNode().put("id", client.id()).put("name", client.name());
        n.put("accessTokenValiditySeconds", client.accessTokenValiditySeconds().orElse(settings.tokenLifetimeSeconds()));
        n.put("description", "");
        n.putArray("registeredRedirectUri");
        ArrayNode roleIds = n.putArray("roleIds");
        client.roleIds().forEach(roleIds::add);
        n.put("authorizedGrantType", client.grantType());
        n.putArray("scope");
        n.set("roleDivisions", roleDivisions(client, org));
        n.put("state", client.state());
        n.put("selfUri", "/api/v2/oauth/clients/" + client.id());
        return n;
    }

    /** {@code DomainOrganizationRole}: the permissions as strings and grouped into policies. */
    ObjectNode role(Role role) {
        ObjectNode n = json.createObjectNode().put("id", role.id()).put("name", role.name());
        n.put("description", role.description());
        ArrayNode permissions = n.putArray("permissions");
        role.permissions().forEach(p -> permissions.add(p.toString()));
        n.putArray("unusedPermissions");
        Map<String, List<String>> policies = new LinkedHashMap<>();
        for (Permission p : role.permissions()) {
            policies.computeIfAbsent(p.domain() + ":" + p.entity(), k -> new java.util.ArrayList<>()).add(p.action());
        }
        ArrayNode ps = n.putArray("permissionPolicies");
        policies.forEach((key, actions) -> {
            String[] de = key.split(":", 2);
            ObjectNode policy = ps.addObject().put("domain", de[0]).put("entityName", de[1]);
            policy.put("policyName", "default").put("allowConditions", false);
            ArrayNode set = policy.putArray("actionSet");
            actions.forEach(set::add);
        });
        n.put("userCount", 0);
        n.put("roleNeedsUpdate", false);
        n.put("base", false);
        n.put("default", false);
        n.put("selfUri", "/api/v2/authorization/roles/" + role.id());
        return n;
    }

    ObjectNode queue(Queue q, Org org) {
        ObjectNode n = json.createObjectNode().put("id", q.id()).put("name", q.name());
        n.set("division", divisionRef(q.divisionId(), org));
        n.put("memberCount", org.agents().size());
        n.put("userMemberCount", org.agents().size());
        n.put("joinedMemberCount", org.agents().size());
        n.put("selfUri", "/api/v2/routing/queues/" + q.id());
        return n;
    }

    /**
     * {@code User} as {@code GET /api/v2/users/me} answers it; with {@code authorization}, its {@code UserAuthorization}:
     * the roles granted and every permission they hold (as the platform lists them, {@code domain:entity:action}).
     */
    ObjectNode user(User u, Org org, boolean authorization) {
        ObjectNode n = json.createObjectNode().put("id", u.id()).put("name", u.name());
        n.set("division", divisionRef(u.divisionId(), org));
        n.put("email", u.email());
        n.put("username", u.email());
        n.put("state", "active");
        n.put("version", 1);
        n.put("acdAutoAnswer", false);
        n.put("selfUri", "/api/v2/users/" + u.id());
        if (authorization) {
            ObjectNode auth = n.putObject("authorization");
            ArrayNode roles = auth.putArray("roles");
            java.util.Set<String> permissions = new java.util.TreeSet<>();
            for (String roleId : u.roleIds()) {
                org.role(roleId).ifPresent(r -> {
                    roles.addObject().put("id", r.id()).put("name", r.name());
                    r.permissions().forEach(p -> permissions.add(p.toString()));
                });
            }
            auth.putArray("unusedRoles");
            ArrayNode list = auth.putArray("permissions");
            permissions.forEach(list::add);
            auth.putArray("permissionPolicies");
        }
        return n;
    }

    /** {@code AuthzDivision}, as {@code GET /api/v2/authorization/divisions} lists it. */
    ObjectNode division(Division d) {
        ObjectNode n = json.createObjectNode().put("id", d.id()).put("name", d.name());
        n.put("description", "");
        n.put("homeDivision", d.home());
        n.put("selfUri", "/api/v2/authorization/divisions/" + d.id());
        return n;
    }

    /** {@code AuthzDivisionEntityListing}: one page of divisions with the platform's paging fields. */
    ObjectNode divisionListing(List<Division> all, int pageSize, int pageNumber) {
        return listing(all, pageSize, pageNumber, this::division);
    }

    /** The simplified queues of {@code divisionviews/all}: id, name, division. */
    ObjectNode queueDigest(List<Queue> all, Org org, int pageSize, int pageNumber) {
        ObjectNode n = listing(all, pageSize, pageNumber, q -> {
            ObjectNode e = json.createObjectNode().put("id", q.id()).put("name", q.name());
            e.set("division", divisionRef(q.divisionId(), org));
            e.put("selfUri", "/api/v2/routing/queues/" + q.id());
            return e;
        });
        return n;
    }

    private <T> ObjectNode listing(List<T> all, int pageSize, int pageNumber, java.util.function.Function<T, ObjectNode> entity) {
        int total = all.size();
        int pageCount = Math.max(1, (total + pageSize - 1) / pageSize);
        ObjectNode n = json.createObjectNode();
        ArrayNode entities = n.putArray("entities");
        all.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).forEach(e -> entities.add(entity.apply(e)));
        n.put("pageSize", pageSize).put("pageNumber", pageNumber).put("total", total).put("pageCount", pageCount);
        return n;
    }

    /** {@code QueueEntityListing} with the platform's paging fields. */
    ObjectNode queueListing(List<Queue> all, Org org, int pageSize, int pageNumber) {
        int total = all.size();
        int pageCount = Math.max(1, (total + pageSize - 1) / pageSize);
        ObjectNode n = json.createObjectNode();
        ArrayNode entities = n.putArray("entities");
        all.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).forEach(q -> entities.add(queue(q, org)));
        n.put("pageSize", pageSize).put("pageNumber", pageNumber).put("total", total).put("pageCount", pageCount);
        String base = "/api/v2/routing/queues?pageSize=" + pageSize + "&pageNumber=";
        n.put("firstUri", base + 1);
        n.put("selfUri", base + pageNumber);
        n.put("lastUri", base + pageCount);
        if (pageNumber < pageCount) {
            n.put("nextUri", base + (pageNumber + 1));
        }
        if (pageNumber > 1) {
            n.put("previousUri", base + (pageNumber - 1));
        }
        return n;
    }
}
