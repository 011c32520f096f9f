package dev.unstuck.sandbox.conversation;

/** What a participant is in a web messaging conversation; each shows its own {@code purpose}. */
public enum LegKind {
    CUSTOMER,
    /** The inbound message flow; its purpose is the {@code flowPurpose} setting (UNCONFIRMED in Genesys). */
    FLOW,
    ACD,
    AGENT;

    public String purpose(String flowPurpose) {
        return switch (this) {
            case CUSTOMER -> "customer";
            case FLOW -> flowPurpose;
            case ACD -> "acd";
            case AGENT -> "agent";
        };
    }
}
