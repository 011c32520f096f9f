package dev.unstuck.app.demo;

import dev.unstuck.core.engine.Conversation;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Inspection;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.PlanOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The demo's job, apart from how it is shown: pick the conversations that have been open longer
 * than the demo's maximum wait (as an operator would from a report) and end them with the engine,
 * which re-reads each one and leaves live agents alone.
 */
public final class DemoRun {
    /** The demo's threshold: open longer than this counts as stuck. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final SandboxControl sandbox;
    private final Engine engine;

    public DemoRun(SandboxControl sandbox, Engine engine) {
        this.sandbox = sandbox;
        this.engine = engine;
    }

    public record Candidate(String id, String label, Duration age) {}

    public record Result(List<Candidate> candidates, List<Outcome> outcomes, int openConversations) {}

    public Result run(Instant now, EndRequest request, BiConsumer<Candidate, Outcome> progress) {
        List<Candidate> candidates = new ArrayList<>();
        int open = 0;
        for (SandboxControl.GuestInfo guest : sandbox.conversations()) {
            if (guest.ended()) {
                continue;
            }
            open++;
            Inspection inspection = engine.inspect(guest.id(), new PlanOptions(false, false));
            if (inspection instanceof Inspection.Found found) {
                Conversation c = found.conversation();
                Duration age = c.startTime().map(start -> Duration.between(start, now)).orElse(Duration.ZERO);
                if (c.endTime().isEmpty() && age.compareTo(MAX_WAIT) > 0) {
                    candidates.add(new Candidate(guest.id(), guest.label(), age));
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Outcome outcome = engine.end(candidate.id(), request);
            outcomes.add(outcome);
            progress.accept(candidate, outcome);
        }
        return new Result(List.copyOf(candidates), List.copyOf(outcomes), open);
    }
}
