package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Purpose;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which legs to disconnect and in which order. Pure: same conversation, same plan.
 *
 * <p>Waiting {@code acd} legs go first: ending the customer while the queue leg still waits leaves the
 * queue entry counted as waiting for minutes. Then flow legs (a looping flow would queue the guest
 * again), then unanswered agent offers, then any other leg, then the customer. Legs pending wrap-up
 * are never patched (Genesys answers 409); only a teardown ends them.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(Conversation conversation, PlanOptions options) {
        List<Participant> active = conversation.participants().stream().filter(Participant::active).toList();
        boolean wrapupPending = conversation.participants().stream().anyMatch(Participant::wrapupPending);
        if (conversation.endTime().isPresent() || active.isEmpty()) {
            if (wrapupPending && conversation.endTime().isEmpty()) {
                return options.teardownForWrapup()
                        ? new Plan.Steps(List.of(new Step.Teardown(TEARDOWN_WRAPUP)))
                        : new Plan.Skip(SkipReason.ONLY_WRAPUP_PENDING);
            }
            return new Plan.Skip(SkipReason.ALREADY_ENDED);
        }
        boolean liveAgent = active.stream().anyMatch(Planner::isLiveAgent);
        if (liveAgent && !options.force()) {
            return new Plan.Skip(SkipReason.LIVE_AGENT);
        }
        List<Step> steps = new ArrayList<>();
        active.stream()
                .sorted(Comparator.comparingInt(Planner::rank))
                .map(Step.DisconnectLeg::new)
                .forEach(steps::add);
        if (wrapupPending && options.teardownForWrapup()) {
            steps.add(new Step.Teardown(TEARDOWN_WRAPUP));
        }
        return new Plan.Steps(steps);
    }

    static final String TEARDOWN_WRAPUP = "a leg is pending wrap-up; a teardown applies the system wrap-up (policy teardownForWrapup)";

    private static boolean isLiveAgent(Participant leg) {
        return leg.purpose() == Purpose.AGENT && leg.state() == LegState.CONNECTED;
    }

    /** Stable sort keeps the order of arrival within a rank. */
    private static int rank(Participant leg) {
        return switch (leg.purpose()) {
            case ACD -> 0;
            case FLOW -> 1;
            case AGENT -> leg.state() == LegState.CONNECTED ? 3 : 2;
            case OTHER -> 4;
            case CUSTOMER -> 5;
        };
    }
}
