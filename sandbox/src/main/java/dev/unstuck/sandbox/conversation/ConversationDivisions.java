package dev.unstuck.sandbox.conversation;

import dev.unstuck.sandbox.org.Agent;
import dev.unstuck.sandbox.org.Flow;
import dev.unstuck.sandbox.org.Org;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The divisions a conversation lies in: "transactional objects automatically associate with the divisions
 * they encounter as they move through the system" (help center, Divisions overview), so a conversation is
 * in the division of every flow, queue and agent that touched it ({@code ConversationDivisionMembership}:
 * "the entities on the conversation within the division … users, queues, work flows"). Ordered by first
 * touch; each with the entities that put it there.
 */
public record ConversationDivisions(List<Membership> memberships) {

    /** One division and the entities of the conversation in it. */
    public record Membership(String divisionId, List<Entity> entities) {
        public Membership {
            entities = List.copyOf(entities);
        }
    }

    /** An entity that touched the conversation: {@code kind} is {@code queue}, {@code user} or {@code flow}. */
    public record Entity(String id, String kind) {}

    public ConversationDivisions {
        memberships = List.copyOf(memberships);
    }

    /** Built from the legs the conversation has (or had by a moment: pass those legs), and its queue. */
    public static ConversationDivisions of(Org org, String queueId, List<Participant> legs) {
        Map<String, List<Entity>> byDivision = new LinkedHashMap<>();
        for (Participant p : legs) {
            p.flow().ifPresent(f -> add(byDivision, divisionOf(org, f), new Entity(f.id(), "flow")));
            p.queueId().ifPresent(q -> add(byDivision, org.divisionOfQueue(q), new Entity(q, "queue")));
            p.userId().ifPresent(u -> add(byDivision, org.agent(u).flatMap(Agent::divisionId).orElse(org.homeDivision().id()),
                    new Entity(u, "user")));
        }
        add(byDivision, org.divisionOfQueue(queueId), new Entity(queueId, "queue"));
        List<Membership> memberships = new ArrayList<>();
        byDivision.forEach((division, entities) -> memberships.add(new Membership(division, entities)));
        return new ConversationDivisions(memberships);
    }

    public static ConversationDivisions of(Org org, Conversation c) {
        return of(org, c.queueId(), c.participants());
    }

    public List<String> ids() {
        return memberships.stream().map(Membership::divisionId).toList();
    }

    private static String divisionOf(Org org, Flow flow) {
        return flow.divisionId().orElse(org.homeDivision().id());
    }

    private static void add(Map<String, List<Entity>> byDivision, String division, Entity entity) {
        List<Entity> entities = byDivision.computeIfAbsent(division, d -> new ArrayList<>());
        if (!entities.contains(entity)) {
            entities.add(entity);
        }
    }
}
