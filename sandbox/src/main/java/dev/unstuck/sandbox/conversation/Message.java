package dev.unstuck.sandbox.conversation;

import java.time.Instant;

/**
 * One message sent on a leg's communication: the guest's on the customer leg ({@code received}), an
 * agent's reply on the agent leg ({@code sent}). The API shows them as {@code MessageDetails}; the
 * text itself is not modelled (the API does not show it there either).
 */
public record Message(String id, Instant time, String status) {
    public static final String RECEIVED = "received";
    public static final String SENT = "sent";
}
