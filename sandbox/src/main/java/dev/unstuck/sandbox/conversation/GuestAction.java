package dev.unstuck.sandbox.conversation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Things the control API can make happen to a guest's conversation. */
public enum GuestAction {
    CONNECT_AGENT("connectAgent"),
    OFFER_AGENT("offerAgent"),
    AGENT_DISCONNECTS("agentDisconnects"),
    CUSTOMER_LEAVES("customerLeaves"),
    REQUEUE("requeue"),
    /** The alerting agent rejects (or lets the offer time out): the guest stays in the queue. */
    AGENT_REJECTS("agentRejects"),
    /** The guest writes a message (on the customer leg). */
    CUSTOMER_WRITES("customerWrites"),
    /** The connected agent replies (a message on the agent leg). */
    AGENT_REPLIES("agentReplies"),
    /** Analytics stops taking the conversation's changes: what it shows now it shows for ever (ending it then makes a ghost). */
    FREEZE_ANALYTICS("freezeAnalytics");

    private final String wireName;

    GuestAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<GuestAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(GuestAction::wireName).collect(Collectors.joining(", "));
    }
}
