package dev.unstuck.sandbox.org;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An Architect flow a web-messaging guest passes through: the inbound message flow that routes it to a
 * queue, or a queue's in-queue flow (which, misconfigured, sends it back and forth: a loop). Analytics
 * names the flow of each flow leg's session ({@code sessions[].flow}).
 *
 * @param type analytics' {@code flow.flowType} ({@code INBOUNDSHORTMESSAGE} for an inbound message flow)
 * @param divisionId the division the flow lies in (flows are division objects); empty: the home division
 */
public record Flow(String id, String name, String type, Optional<String> divisionId) {
    public static final String INBOUND_MESSAGE = "INBOUNDSHORTMESSAGE";
    /** The type a scenario's flow gets unless it says: an in-queue flow for messages (its analytics type word is UNCONFIRMED). */
    public static final String IN_QUEUE_MESSAGE = "INQUEUESHORTMESSAGE";

    /** The org's inbound message flow when the scenario names none; its id is derived from the org's, so seeds keep their ids. */
    public Flow {
        Objects.requireNonNull(divisionId, "divisionId");
    }

    public Flow(String id, String name, String type) {
        this(id, name, type, Optional.empty());
    }

    public static Flow defaultInbound(String orgId) {
        String id = UUID.nameUUIDFromBytes(("inbound-message-flow:" + orgId).getBytes(StandardCharsets.UTF_8)).toString();
        return new Flow(id, "Inbound Message Flow", INBOUND_MESSAGE);
    }

    /** A flow's id when the scenario gives none: derived from the org and the name, so no other id moves. */
    public static String idFor(String orgId, String name) {
        return UUID.nameUUIDFromBytes(("flow:" + orgId + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
