package dev.unstuck.core.detect;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Recheck;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.GenesysClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Confirms that the conversations the engine ended did end, as Genesys tells it: every leg disconnected
 * (agent offers included), not merely "no queue leg waits". One analytics query per hundred; a
 * conversation analytics does not show ended is read; one still open is finished (an agent offer that
 * arrived after the engine's look rings on after the guest is gone) by the engine once more, which looks
 * first and keeps its rules (never a live agent, never a leg pending wrap-up), then read again. What is
 * still open after that is reported as not ended.
 */
final class Verification {

    /** The request that finishes one conversation, given why it is still open. */
    interface Finisher {
        EndRequest request(Finding finding, String why);
    }

    /**
     * @param handled the handled guests, a not-ended one's outcome now {@link Outcome.Failed} with {@link Cause.StillActive}
     * @param confirmed of those the engine ended, how many Genesys shows ended
     * @param notEnded the ones it does not, by id
     */
    record Result(List<SweepReport.Handled> handled, int confirmed, List<String> notEnded) {
    }

    private final GenesysClient client;
    private final Engine engine;
    private final AnalyticsScan scan;
    private final Clock clock;
    private final int parallelism;

    Verification(GenesysClient client, Engine engine, AnalyticsScan scan, Clock clock, int parallelism) {
        this.client = client;
        this.engine = engine;
        this.scan = scan;
        this.clock = clock;
        this.parallelism = Math.max(1, parallelism);
    }

    Result run(List<SweepReport.Handled> handled, Finisher finisher) {
        List<SweepReport.Handled> claimed = handled.stream().filter(Verification::claimsEnded).toList();
        if (claimed.isEmpty()) {
            return new Result(handled, 0, List.of());
        }
        Instant earliest = claimed.stream().map(h -> h.finding().guest().start()).min(Instant::compareTo).orElseThrow();
        Set<String> ended = new HashSet<>();
        for (ConversationDetail d : scan.byIds(claimed.stream().map(h -> h.finding().conversationId()).toList(), earliest,
                clock.instant().plusSeconds(1))) {
            if (d.end().isPresent()) {
                ended.add(d.conversationId());
            }
        }
        List<Supplier<Optional<SweepReport.Handled>>> checks = new ArrayList<>();
        for (SweepReport.Handled h : claimed) {
            if (!ended.contains(h.finding().conversationId())) {
                // Verification keeps the acts' reserved share of the budget (ClientSettings.reservedForActsPercent).
                checks.add(() -> client.acting(() -> readAndFinish(h, finisher)));
            }
        }
        List<Optional<SweepReport.Handled>> open = checks.isEmpty() ? List.of()
                : InParallel.all(checks, parallelism, "unstuck-verify", "the verification");
        List<SweepReport.Handled> result = new ArrayList<>(handled);
        List<String> notEnded = new ArrayList<>();
        for (Optional<SweepReport.Handled> still : open) {
            still.ifPresent(h -> {
                notEnded.add(h.finding().conversationId());
                result.replaceAll(before -> before.finding().conversationId().equals(h.finding().conversationId()) ? h : before);
            });
        }
        return new Result(result, claimed.size() - notEnded.size(), notEnded);
    }

    /** Empty when Genesys shows it ended (after finishing it if need be); else the entry, as not ended. */
    private Optional<SweepReport.Handled> readAndFinish(SweepReport.Handled h, Finisher finisher) {
        String id = h.finding().conversationId();
        Optional<Conversation> now = client.conversation(id);
        if (now.isEmpty() || now.get().ended()) {
            return Optional.empty();
        }
        String why = "Genesys still shows " + now.get().describe() + " after the steps";
        Outcome again = engine.end(id, finisher.request(h.finding(), why), Recheck.NONE);
        if (again instanceof Outcome.Ended e) {
            if (e.alreadyEnded() || engine.policy().verifyEach()) {
                return Optional.empty();
            }
            Optional<Conversation> after = client.conversation(id);
            if (after.isEmpty() || after.get().ended()) {
                return Optional.empty();
            }
            why = "Genesys still shows " + after.get().describe() + " after finishing";
        } else {
            why = why + "; finishing it: " + again.summary();
        }
        Outcome first = h.outcome();
        List<String> ids = new ArrayList<>(first.correlationIds());
        again.correlationIds().stream().filter(c -> !ids.contains(c)).forEach(ids::add);
        return Optional.of(new SweepReport.Handled(h.finding(),
                new Outcome.Failed(id, new Cause.StillActive(why), first.steps(), first.took(), ids)));
    }

    private static boolean claimsEnded(SweepReport.Handled h) {
        return h.outcome() instanceof Outcome.Ended e && !e.alreadyEnded();
    }
}
