package dev.unstuck.core.conversation;

import java.util.Locale;
import java.util.Set;

/**
 * What a leg is for. The conversation API's {@code purpose} is a free string; these are the groups the
 * planner orders by.
 */
public enum Purpose {
    CUSTOMER, FLOW, ACD, AGENT, OTHER;

    private static final Set<String> CUSTOMERS = Set.of("customer", "external");
    private static final Set<String> FLOWS = Set.of("workflow", "ivr", "flow", "inbound", "botflow", "voicesurveyflow");
    private static final Set<String> AGENTS = Set.of("agent", "user");

    /** Maps the API's purpose string (documented: agent, user, customer, external, acd, ivr; analytics adds workflow, botflow, inbound…). */
    public static Purpose fromApi(String purpose) {
        String key = purpose == null ? "" : purpose.trim().toLowerCase(Locale.ROOT);
        if (CUSTOMERS.contains(key)) {
            return CUSTOMER;
        }
        if (FLOWS.contains(key)) {
            return FLOW;
        }
        if ("acd".equals(key)) {
            return ACD;
        }
        if (AGENTS.contains(key)) {
            return AGENT;
        }
        return OTHER;
    }

    /** The lower-case word used in compact state texts and tables. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
