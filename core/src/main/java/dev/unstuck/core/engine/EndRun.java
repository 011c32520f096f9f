package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.genesys.CallRecord;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@link Engine#end} call: its steps, correlation ids and the loop look → plan → act → verify.
 *
 * <p>Every act is followed by a re-read: after a 409 (the state moved under us, e.g. an agent
 * answered), before the customer leg (the last chance to notice a live agent), and to verify the
 * conversation ended. A re-read's plan decides what happens next, so a live agent found at any point
 * ends the run as skipped, not cut off.
 *
 * <p>The audit is a write-ahead journal: the conversation is claimed first, every act's intent is
 * recorded before its HTTP call and its completion after, and the outcome releases the claim. A run
 * that stops anywhere leaves a claim and perhaps an intent without completion; the next run takes the
 * claim over, records those acts as of unknown result and finishes the ending (look, plan, act).
 */
final class EndRun {

    private enum Act { DONE, RECHECK, CONFLICT, UNKNOWN, FAILED }

    private final GenesysClient client;
    private final AuditSink audit;
    private final EnginePolicy policy;
    private final Clock clock;
    private final String id;
    private final EndRequest request;
    private final Recheck recheck;
    private final PlanOptions options;
    private final long started = System.nanoTime();
    private final List<StepResult> steps = new ArrayList<>();
    private final List<String> correlationIds = new ArrayList<>();
    private String stateBefore = "";
    private String stateNow = "";
    private String queue = "";
    private Optional<java.time.Instant> endedAt = Optional.empty();
    private GenesysException lastFailure;

    EndRun(GenesysClient client, AuditSink audit, EnginePolicy policy, Clock clock, String id, EndRequest request, Recheck recheck) {
        this.client = client;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
        this.id = id;
        this.request = request;
        this.recheck = recheck;
        this.options = policy.planOptions(request.force());
    }

    void observe(CallRecord call) {
        if (call.hasCorrelationId() && !correlationIds.contains(call.correlationId())) {
            correlationIds.add(call.correlationId());
        }
    }

    Outcome execute() {
        try {
            if (!request.dryRun()) {
                Claim claim = audit.claim(id);
                if (claim instanceof Claim.Held held) {
                    return finish(skipped(SkipReason.IN_HAND_ELSEWHERE));
                }
                if (claim instanceof Claim.TakenOver takenOver) {
                    resume(takenOver.previous());
                }
            }
            return run();
        } catch (GenesysException e) {
            return finish(failed(causeOf(e)));
        }
    }

    /** The stopped run's acts that never got an answer are closed as unknown before anything else is done. */
    private void resume(Unfinished previous) {
        for (Unfinished.OpenAct act : previous.openActs()) {
            record(AuditEvent.unknownCompletion(clock.instant(), subject(), act.call() + " -> unknown (run " + previous.runId()
                    + " stopped before the answer; Genesys may have applied it)", "", act.actId()));
        }
        record(AuditEvent.resume(clock.instant(), subject(), "resuming the ending begun by run " + previous.runId() + " ("
                + previous.openActs().size() + " act" + (previous.openActs().size() == 1 ? "" : "s") + " of unknown result); looking again"
                + (previous.reason().isEmpty() ? "" : "; it was ending it for: " + previous.reason())));
    }

    private Outcome run() {
        Optional<Conversation> look = read();
        if (look.isEmpty()) {
            return finish(new Outcome.NotFound(id, took(), correlationIds));
        }
        Conversation conversation = look.get();
        queue = queueOf(conversation);
        stateBefore = stateNow;
        Plan plan = Planner.plan(conversation, options);
        Optional<String> objection = plan instanceof Plan.Steps ? recheck.objection(conversation) : Optional.empty();
        if (objection.isPresent() && endingElsewhere(conversation)) {
            // Another sweep, watch or person took its queue or flow leg away between detection and this look:
            // acting now would race them for the same legs, and leaving it is not a failure.
            plan("skip: someone else is ending it (" + objection.get() + ")", stateBefore);
            return finish(skipped(SkipReason.ENDING_ELSEWHERE));
        }
        if (objection.isPresent()) {
            plan("skip: " + objection.get(), stateBefore);
            return finish(skipped(SkipReason.NO_LONGER_STUCK));
        }
        plan(describe(plan), stateBefore);
        if (request.dryRun()) {
            return finish(new Outcome.Planned(id, plan, stateBefore, took(), correlationIds));
        }
        int replans = 0;
        // Each round either makes progress (a step succeeded) or counts as a re-plan; this bounds the rest.
        for (int round = 0; round < 4 * (policy.maxReplans() + 1) + 8; round++) {
            if (plan instanceof Plan.Skip skip) {
                return finish(afterSkip(skip.reason()));
            }
            Act act = act(((Plan.Steps) plan).steps());
            if (act == Act.FAILED) {
                return finish(failed(causeOf(lastFailure)));
            }
            if (act == Act.DONE && !policy.verifyEach()) {
                return finish(ended());
            }
            Optional<Conversation> again = read();
            if (again.isEmpty()) {
                return finish(ended());
            }
            plan = Planner.plan(again.get(), options);
            if (act == Act.CONFLICT && recheck != Recheck.NONE && plan instanceof Plan.Steps
                    && steps.stream().noneMatch(StepResult::succeeded) && endingElsewhere(again.get())) {
                // Our first PATCH met a leg someone else had just disconnected: they are ending it, not us.
                plan("skip: someone else is ending it (" + stateNow + ")", stateNow);
                return finish(skipped(SkipReason.ENDING_ELSEWHERE));
            }
            if (plan instanceof Plan.Steps && act != Act.RECHECK) {
                replans++;
                String why = act == Act.CONFLICT
                        ? "Genesys answered 409 " + replans + " time(s); the conversation still has legs to end"
                        : act == Act.UNKNOWN
                        ? "a step got no answer in time " + replans + " time(s); the conversation still has legs to end"
                        : "every step succeeded but the conversation is still active (" + stateNow + ")";
                if (replans > policy.maxReplans() && act == Act.UNKNOWN) {
                    return finish(failed(causeOf(lastFailure)));
                }
                if (replans > policy.maxReplans()) {
                    return finish(lastResort(why, act == Act.CONFLICT));
                }
                plan("re-plan (" + why + "): " + describe(plan), stateNow);
            }
        }
        return finish(failed(new Cause.StillActive("gave up after too many rounds: " + stateNow)));
    }

    private Act act(List<Step> planned) {
        boolean acted = false;
        for (Step step : planned) {
            if (policy.recheckBeforeCustomer() && acted && step instanceof Step.DisconnectLeg leg
                    && leg.leg().purpose() == Purpose.CUSTOMER) {
                return Act.RECHECK;
            }
            StepResult result = perform(step);
            if (result.succeeded()) {
                acted = true;
                continue;
            }
            // 404 on a leg: re-read decides (conversation gone = ended; else re-plan).
            if (result.status() == 409 || result.status() == 404) {
                return Act.CONFLICT;
            }
            // No answer in time, but the PATCH may have been applied: only a fresh look can tell.
            return lastFailure != null && lastFailure.mayHaveBeenApplied() ? Act.UNKNOWN : Act.FAILED;
        }
        return Act.DONE;
    }

    private StepResult perform(Step step) {
        String actId = UUID.randomUUID().toString();
        String intended = step.httpCall(id) + (step instanceof Step.Teardown t ? " (teardown: " + t.why() + ")" : "");
        // Written before the call leaves: if the process dies while Genesys applies it, the journal still shows it.
        record(AuditEvent.intent(clock.instant(), subject(), intended, stateNow, actId));
        long begun = System.nanoTime();
        StepResult result;
        try {
            CallRecord call = step instanceof Step.DisconnectLeg leg ? client.disconnectParticipant(id, leg.leg().id()) : client.teardown(id);
            // The step's time is the whole call's, retries and the budget's wait included; the status and id are the answer's.
            result = new StepResult(step, call.status(), call.correlationId(), Duration.ofNanos(System.nanoTime() - begun));
        } catch (GenesysException e) {
            lastFailure = e;
            result = new StepResult(step, e.status(), e.correlationId().orElse(""), Duration.ofNanos(System.nanoTime() - begun));
        }
        steps.add(result);
        boolean unknown = result.status() == 0 && lastFailure != null && lastFailure.mayHaveBeenApplied();
        String answered = step.httpCall(id) + " -> " + (unknown ? "unknown (sent, but no answer in time: Genesys may have applied it; looking again)"
                : result.status() == 0 ? "unreachable" : result.status()) + (step instanceof Step.Teardown t ? " (teardown: " + t.why() + ")" : "");
        record(unknown ? AuditEvent.unknownCompletion(clock.instant(), subject(), answered, stateNow, actId)
                : AuditEvent.completion(clock.instant(), subject(), answered, stateNow, actId, result.status(),
                result.correlationId().isEmpty() ? List.of() : List.of(result.correlationId())));
        return result;
    }

    /** The documented last resort: Genesys' teardown, recorded like any step, then verified. */
    private Outcome lastResort(String why, boolean conflict) {
        if (!policy.teardownAsLastResort()) {
            return conflict ? failed(new Cause.Conflict(why)) : failed(new Cause.StillActive(why));
        }
        StepResult result = perform(new Step.Teardown(why + "; teardown as the last resort"));
        if (!result.succeeded()) {
            return result.status() == 404 ? ended() : failed(causeOf(lastFailure));
        }
        Optional<Conversation> after = read();
        if (after.isEmpty() || Planner.plan(after.get(), options) instanceof Plan.Skip skip && skip.reason() != SkipReason.LIVE_AGENT) {
            return ended();
        }
        return failed(new Cause.StillActive("after teardown: " + stateNow));
    }

    private Outcome afterSkip(SkipReason reason) {
        boolean acted = steps.stream().anyMatch(StepResult::succeeded);
        return switch (reason) {
            case ALREADY_ENDED -> ended();
            // The guest's legs are over; what remains is the agent's wrap-up.
            case ONLY_WRAPUP_PENDING -> acted ? ended() : skipped(reason);
            case LIVE_AGENT, NO_LONGER_STUCK, IN_HAND_ELSEWHERE, ENDING_ELSEWHERE -> skipped(reason);
        };
    }

    private Optional<Conversation> read() {
        Optional<Conversation> conversation = client.conversation(id);
        stateNow = conversation.map(Conversation::describe).orElse("(not found)");
        // The conversation's end, or (when Genesys gives none) its last leg's: when it was over, for the ghost check.
        endedAt = conversation.flatMap(c -> c.endTime().or(() -> c.participants().stream().map(p -> p.times().end())
                .flatMap(Optional::stream).max(java.time.Instant::compareTo)));
        return conversation;
    }

    private Cause causeOf(GenesysException e) {
        if (e.status() == 403) {
            return PermissionDiagnosis.of(e, client);
        }
        if (e.status() == 0 || e.affectsEveryCall()) {
            // Nothing answered, not Genesys answering, or no token: every other conversation would meet it too.
            return new Cause.Unreachable(e.getMessage());
        }
        if (e.status() == 409) {
            return new Cause.Conflict(e.getMessage());
        }
        return new Cause.ApiError(e.status(), e.code(), e.error().map(b -> b.message()).filter(m -> !m.isEmpty()).orElse(e.getMessage()));
    }

    private Outcome ended() {
        boolean acted = steps.stream().anyMatch(StepResult::succeeded);
        return new Outcome.Ended(id, steps, took(), correlationIds, !acted, endedAt);
    }

    private Outcome skipped(SkipReason reason) {
        return new Outcome.Skipped(id, reason, steps, took(), correlationIds);
    }

    private Outcome failed(Cause cause) {
        return new Outcome.Failed(id, cause, steps, took(), correlationIds);
    }

    /** Records the outcome, which also releases this run's claim on the conversation. */
    private Outcome finish(Outcome outcome) {
        record(AuditEvent.outcome(clock.instant(), subject(), outcome, stateBefore, stateNow, correlationIds));
        return outcome;
    }

    private Duration took() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private String describe(Plan plan) {
        if (plan instanceof Plan.Skip skip) {
            return "skip: " + skip.reason().sentence();
        }
        return String.join("; ", ((Plan.Steps) plan).steps().stream().map(s -> s.httpCall(id)).toList());
    }

    private void plan(String summary, String before) {
        record(AuditEvent.plan(clock.instant(), subject(), summary, before, correlationIds));
    }

    /** Whose ending this is, with the queue as last looked. */
    private AuditEvent.Subject subject() {
        return new AuditEvent.Subject(id, request.requestedBy(), request.reason(), queue, request.dryRun(), request.detection());
    }

    private void record(AuditEvent event) {
        audit.record(event);
    }

    /**
     * Found held by a queue or flow a moment ago, the conversation now has every queue and flow leg
     * disconnected and no agent connected or offered: whoever disconnected them is ending it. An agent who
     * answered shows as an active agent leg, and a transfer as a new active queue leg, so neither reads so.
     */
    private static boolean endingElsewhere(Conversation conversation) {
        boolean holdingLegEnded = false;
        for (var leg : conversation.participants()) {
            if (leg.purpose() == Purpose.ACD || leg.purpose() == Purpose.FLOW) {
                if (leg.active()) {
                    return false;
                }
                holdingLegEnded = true;
            } else if (leg.purpose() == Purpose.AGENT && leg.active()) {
                return false;
            }
        }
        return holdingLegEnded;
    }

    /** The queue holding the guest: the last queue leg's name (or id), as the audit's queue column. */
    private static String queueOf(Conversation conversation) {
        String found = "";
        for (var leg : conversation.participants()) {
            if (leg.purpose() == Purpose.ACD) {
                found = leg.queueName().or(leg::queueId).orElse(found);
            }
        }
        return found;
    }
}
