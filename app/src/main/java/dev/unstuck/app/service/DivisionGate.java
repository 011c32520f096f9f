package dev.unstuck.app.service;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.QueueInfo;

import java.util.List;
import java.util.Optional;

/**
 * Whether a person signed in with Genesys Cloud may end a conversation: their roles must grant
 * {@code conversation:communication:disconnect} in the conversation's division, as Genesys would judge
 * their own call. The division is that of the queue holding the guest (every conversation also passes
 * the inbound flow's division, which says nothing of who owns the guest), else the divisions Genesys
 * lists for the conversation. Machines (tokens, JWTs) are judged by their role alone.
 */
final class DivisionGate {
    static final String PERMISSION = "conversation:communication:disconnect";

    private DivisionGate() {
    }

    /** Throws 403 when the caller is a person whose roles do not reach the conversation's division. */
    static void mayEnd(Caller caller, OrgRuntime org, String conversationId) {
        if (caller.person().isEmpty()) {
            return;
        }
        List<String> allowed = caller.person().get().endDivisions();
        Optional<Conversation> conversation;
        try {
            conversation = org.client().conversation(conversationId);
        } catch (GenesysException e) {
            throw new ApiProblem(502, "genesys.unavailable", "could not read the conversation's division from Genesys: " + e.getMessage());
        }
        if (conversation.isEmpty()) {
            return; // the engine answers "not found" with its own look
        }
        List<String> divisions = conversation.get().queueId().flatMap(queueId -> queueDivision(org, queueId)).map(List::of)
                .orElse(conversation.get().divisionIds());
        if (divisions.stream().noneMatch(allowed::contains)) {
            throw ApiProblem.forbidden("your Genesys Cloud roles do not grant " + PERMISSION + " in the division of this conversation ("
                    + (divisions.isEmpty() ? "none listed" : String.join(", ", divisions)) + "); ask an admin to grant it there");
        }
    }

    /** The queue's division as the queue listing (routing:queue:view) gives it; empty when the service cannot read it. */
    private static Optional<String> queueDivision(OrgRuntime org, String queueId) {
        try {
            return org.client().queues().stream().filter(q -> q.id().equals(queueId)).findFirst().flatMap(QueueInfo::divisionId);
        } catch (GenesysException e) {
            return Optional.empty();
        }
    }
}
