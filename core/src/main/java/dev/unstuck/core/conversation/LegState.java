package dev.unstuck.core.conversation;

import java.util.Locale;

/**
 * A leg's state as the messaging conversation API reports it. Offers not yet answered
 * ({@code alerting}, {@code offering}, {@code contacting}, {@code dialing}) are all {@link #ALERTING}.
 */
public enum LegState {
    ALERTING, CONNECTED, PARKED, DISCONNECTED, TERMINATED, OTHER;

    public static LegState fromApi(String state) {
        String key = state == null ? "" : state.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "alerting", "offering", "contacting", "dialing" -> ALERTING;
            case "connected" -> CONNECTED;
            case "parked" -> PARKED;
            case "disconnected" -> DISCONNECTED;
            case "terminated" -> TERMINATED;
            default -> OTHER;
        };
    }

    /** True while the leg still holds something (a queue slot, an agent, a flow): it can be disconnected. */
    public boolean active() {
        return this != DISCONNECTED && this != TERMINATED;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
