package dev.unstuck.sandbox.conversation;

import dev.unstuck.sandbox.clock.Timeline;
import dev.unstuck.sandbox.org.Agent;
import dev.unstuck.sandbox.org.Flow;
import dev.unstuck.sandbox.org.Ids;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules of a conversation's life: how guests of each kind came to be where they are, what ending a
 * leg does to the queue entry, teardown, looping passes and the platform caps (the in-queue flow cap
 * stops the passes; the communications and segments caps end the conversation). Disconnect types chosen
 * where Genesys is silent: {@code client} for API-requested ends, {@code system} for teardown, caps and
 * queue cleanup (docs/sandbox.md).
 */
public final class Lifecycle {
    /** How long the inbound flow holds the guest before handing it to the queue. */
    static final Duration FLOW_TIME = Duration.ofSeconds(5);

    private final Supplier<Settings> settings;
    private final Org org;
    private final Timeline timeline;
    private final Ids ids;
    private final ModelListener listener;

    public Lifecycle(Supplier<Settings> settings, Org org, Timeline timeline, Ids ids, ModelListener listener) {
        this.settings = settings;
        this.org = org;
        this.timeline = timeline;
        this.ids = ids;
        this.listener = listener;
    }

    private Instant now() {
        return timeline.now();
    }

    // ---- guests as the scenario describes them ------------------------------------------------------

    /** Builds a guest's conversation as it would look after {@code ageSeconds}, and sets its timers. */
    public Conversation createGuest(GuestSpec spec) {
        Instant now = now();
        Instant t0 = now.minusSeconds(spec.ageSeconds());
        long ageMs = spec.ageSeconds() * 1000;
        Conversation c = new Conversation(spec.id().orElseGet(ids::next), spec.label(), spec.kind(), spec.queueId(),
                t0, ids, listener);
        Participant customer = c.join(LegKind.CUSTOMER, "Guest " + spec.label(), Optional.empty(), Optional.empty(), t0);
        c.connect(customer, t0);
        // A web messaging conversation begins with the guest's first message.
        c.send(customer, t0);
        if (spec.kind() == GuestKind.LOOPING) {
            buildLoops(c, t0, ageMs, spec.passes());
            timeline.schedule(now.plus(loopInterval()), () -> loopPass(c));
            return c;
        }
        long flowMs = Math.min(FLOW_TIME.toMillis(), ageMs / 4);
        Instant queued = t0.plusMillis(flowMs);
        flowLeg(c, org.inboundFlow(), t0, queued);
        Participant acd = acdLeg(c, queued);
        long waitMs = (ageMs - flowMs) / 2;
        Instant answered = queued.plusMillis(waitMs);
        Instant later = answered.plusMillis((ageMs - flowMs - waitMs) / 2);
        switch (spec.kind()) {
            case WAITING -> { }
            case ORPHANED -> c.disconnect(customer, "client", "", later);
            case OFFERED -> alertAgent(c, spec.agent().orElseThrow(), now.minusMillis(Math.min(10_000, waitMs)));
            case LIVE_AGENT -> answer(c, acd, spec.agent().orElseThrow(), answered);
            case ACW -> {
                Participant agent = answer(c, acd, spec.agent().orElseThrow(), answered);
                c.disconnect(agent, "client", "", later);
            }
            case ENDED -> {
                if (spec.agent().isEmpty()) {
                    c.disconnect(customer, "client", "", later);
                    c.disconnect(acd, "peer", "ABANDON", later);
                    c.endIfAllDisconnected(later);
                    break;
                }
                Participant agent = answer(c, acd, spec.agent().get(), answered);
                c.disconnect(customer, "client", "", later);
                c.disconnect(agent, "peer", "", later);
                c.endIfAllDisconnected(later);
                c.wrapUp(agent, new Wrapup("Resolved", "Resolved", Optional.empty(), List.of(),
                        (int) Duration.between(later, now).toSeconds(), now), now);
            }
            case GHOST -> {
                // Analytics took its last change while the guest waited; the end that followed never reached it.
                c.freezeAnalytics(later);
                c.disconnect(customer, "client", "", later);
                c.disconnect(acd, "system", "ABANDON", later);
                c.endIfAllDisconnected(later);
            }
            case LOOPING -> throw new IllegalStateException("looping guests are built above");
        }
        return c;
    }

    private void buildLoops(Conversation c, Instant t0, long ageMs, int passes) {
        long passMs = ageMs / passes;
        long flowMs = Math.min(FLOW_TIME.toMillis(), passMs / 4);
        Participant acd = null;
        for (int i = 0; i < passes; i++) {
            Instant start = t0.plusMillis(i * passMs);
            if (acd != null) {
                c.disconnect(acd, "transfer", "FLOW_OUT", start);
            }
            // The inbound flow routes the guest to the queue first; every later pass is the queue's loop flow.
            flowLeg(c, i == 0 ? org.inboundFlow() : org.loopFlow(c.queueId()), start, start.plusMillis(flowMs));
            acd = acdLeg(c, start.plusMillis(flowMs));
        }
    }

    private void flowLeg(Conversation c, Flow runs, Instant start, Instant end) {
        Participant flow = c.joinFlow(runs, start);
        c.connect(flow, start);
        c.disconnect(flow, "transfer", "", end);
    }

    private Participant acdLeg(Conversation c, Instant at) {
        Participant acd = c.join(LegKind.ACD, "queue", Optional.of(c.queueId()), Optional.empty(), at);
        c.connect(acd, at);
        return acd;
    }

    private Participant alertAgent(Conversation c, Agent agent, Instant at) {
        Participant p = c.join(LegKind.AGENT, agent.name(), Optional.of(c.queueId()), Optional.of(agent.id()), at);
        c.alert(p, at);
        return p;
    }

    /** The agent answers: alerted a moment before, connected at {@code at}, the queue leg transferred. */
    private Participant answer(Conversation c, Participant acd, Agent agent, Instant at) {
        Instant alerted = at.minusMillis(Math.min(5_000, Duration.between(acd.startTime(), at).toMillis() / 2));
        Participant p = alertAgent(c, agent, alerted);
        c.connect(p, at);
        c.disconnect(acd, "transfer", "ANSWERED", at);
        return p;
    }

    // ---- the Genesys-facing changes ---------------------------------------------------------------

    /** {@code PATCH …/participants/{pid}}: disconnect a leg and/or give the wrap-up. */
    public Outcome patchParticipant(Conversation c, Participant p, ParticipantChange change) {
        Instant now = now();
        if (p.isEnded()) {
            if (p.pendingWrapup() && change.wrapup().isPresent()) {
                c.wrapUp(p, change.wrapup().get(), now);
                return Outcome.applied();
            }
            return Outcome.conflict(p.pendingWrapup()
                    ? "The participant is pending wrap-up; give the wrap-up, or tear the conversation down"
                    : "The participant has already ended");
        }
        String state = change.state().orElse("");
        if (state.equals(Participant.DISCONNECTED)) {
            endLeg(c, p, "client");
        } else if (state.equals(Participant.CONNECTED) && p.isAlerting() && p.kind() == LegKind.AGENT) {
            c.waitingAcdLeg().ifPresent(acd -> c.disconnect(acd, "transfer", "ANSWERED", now));
            c.connect(p, now);
        }
        change.wrapup().ifPresent(w -> c.wrapUp(p, w, now));
        c.endIfAllDisconnected(now);
        return Outcome.applied();
    }

    private void endLeg(Conversation c, Participant p, String disconnectType) {
        Instant now = now();
        if (p.kind() == LegKind.CUSTOMER && c.waitingAcdLeg().isPresent() && c.lingeringUntil().isEmpty()) {
            lingerFromNow(c);
        }
        c.disconnect(p, disconnectType, "ABANDON", now);
        if (p.kind() == LegKind.ACD) {
            c.stopLingering(now);
        }
    }

    /** {@code PATCH /conversations/messages/{id}} {@code {"state":"disconnected"}}: every leg ends. */
    public Outcome disconnectAll(Conversation c) {
        if (c.isEnded()) {
            return Outcome.conflict("The conversation has already ended");
        }
        Instant now = now();
        if (c.waitingAcdLeg().isPresent() && c.lingeringUntil().isEmpty()) {
            lingerFromNow(c);
        }
        for (Participant p : c.participants()) {
            c.disconnect(p, "client", "ABANDON", now);
        }
        c.endIfAllDisconnected(now);
        return Outcome.applied();
    }

    /** Teardown: every leg ends, pending wrap-ups get the system wrap-up, the queue entry is freed at once. */
    public Outcome teardown(Conversation c) {
        Instant now = now();
        c.stopLingering(now);
        for (Participant p : c.participants()) {
            c.disconnect(p, "system", "ABANDON", now);
        }
        for (Participant p : c.participants()) {
            if (p.pendingWrapup()) {
                int acwSeconds = (int) Duration.between(p.startAcwTime().orElse(now), now).toSeconds();
                c.wrapUp(p, Wrapup.system(now, acwSeconds), now);
            }
        }
        c.endIfAllDisconnected(now);
        return Outcome.applied();
    }

    private void lingerFromNow(Conversation c) {
        Instant until = now().plusSeconds(settings.get().queueCleanupDelaySeconds());
        c.lingerUntil(until);
        timeline.schedule(until, () -> cleanUpQueueEntry(c, until));
    }

    private void cleanUpQueueEntry(Conversation c, Instant due) {
        if (!c.lingeringUntil().map(due::equals).orElse(false)) {
            return;
        }
        Instant now = now();
        c.waitingAcdLeg().ifPresent(acd -> c.disconnect(acd, "system", "ABANDON", now));
        c.stopLingering(now);
        c.endIfAllDisconnected(now);
    }

    /** The guest wrote on its socket: a message on the customer leg, if the guest is still there. */
    public void customerWrote(Conversation c) {
        c.customer().filter(p -> !p.isEnded()).ifPresent(p -> c.send(p, now()));
    }

    // ---- the control API's actions ----------------------------------------------------------------

    public Outcome act(Conversation c, GuestAction action, Optional<Agent> agent) {
        if (action == GuestAction.FREEZE_ANALYTICS) {
            if (c.analyticsFrozen().isPresent()) {
                return Outcome.conflict("its analytics record is frozen already");
            }
            c.freezeAnalytics(now());
            return Outcome.applied();
        }
        if (c.isEnded()) {
            return Outcome.conflict("the conversation has ended");
        }
        Instant now = now();
        switch (action) {
            case CONNECT_AGENT -> {
                Optional<Participant> alerting = c.latest(LegKind.AGENT).filter(Participant::isAlerting);
                Optional<Participant> acd = c.waitingAcdLeg();
                if (alerting.isEmpty() && acd.isEmpty()) {
                    return Outcome.conflict("nothing to answer: no agent is alerting and the guest is not in a queue");
                }
                if (alerting.isPresent()) {
                    acd.ifPresent(a -> c.disconnect(a, "transfer", "ANSWERED", now));
                    c.connect(alerting.get(), now);
                } else {
                    answer(c, acd.get(), agent.orElseThrow(), now);
                }
            }
            case OFFER_AGENT -> {
                if (c.waitingAcdLeg().isEmpty()) {
                    return Outcome.conflict("the guest is not waiting in a queue");
                }
                if (c.latest(LegKind.AGENT).filter(Participant::isAlerting).isPresent()) {
                    return Outcome.conflict("an agent is already alerting");
                }
                alertAgent(c, agent.orElseThrow(), now);
            }
            case AGENT_DISCONNECTS -> {
                Optional<Participant> connected = c.latest(LegKind.AGENT).filter(Participant::isConnected);
                if (connected.isEmpty()) {
                    return Outcome.conflict("no agent is connected");
                }
                c.disconnect(connected.get(), "client", "", now);
            }
            case CUSTOMER_LEAVES -> {
                Optional<Participant> customer = c.customer().filter(p -> !p.isEnded());
                if (customer.isEmpty()) {
                    return Outcome.conflict("the customer has already left");
                }
                // The field's orphan: the guest goes, the queue leg stays, nothing cleans it up.
                c.disconnect(customer.get(), "client", "", now);
            }
            case AGENT_REJECTS -> {
                Optional<Participant> alerting = c.latest(LegKind.AGENT).filter(Participant::isAlerting);
                if (alerting.isEmpty()) {
                    return Outcome.conflict("no agent is alerting");
                }
                // The field's trap: the agent leg ends (user.end, TRANSFER) while the guest waits on in the queue.
                c.disconnect(alerting.get(), "transfer", "", now);
            }
            case CUSTOMER_WRITES -> {
                Optional<Participant> customer = c.customer().filter(p -> !p.isEnded());
                if (customer.isEmpty()) {
                    return Outcome.conflict("the customer has left");
                }
                c.send(customer.get(), now);
            }
            case AGENT_REPLIES -> {
                Optional<Participant> connected = c.latest(LegKind.AGENT).filter(Participant::isConnected);
                if (connected.isEmpty()) {
                    return Outcome.conflict("no agent is connected");
                }
                c.send(connected.get(), now);
            }
            case FREEZE_ANALYTICS -> throw new IllegalStateException("freezing is handled above");
            case REQUEUE -> {
                c.latest(LegKind.AGENT).filter(Participant::isConnected).ifPresent(p -> c.disconnect(p, "transfer", "", now));
                startPass(c);
            }
        }
        c.endIfAllDisconnected(now);
        return Outcome.applied();
    }

    // ---- looping ----------------------------------------------------------------------------------

    private Duration loopInterval() {
        return Duration.ofSeconds(settings.get().loopIntervalSeconds());
    }

    private void loopPass(Conversation c) {
        if (c.isEnded() || c.waitingAcdLeg().isEmpty()) {
            return;
        }
        startPass(c);
        if (!c.isEnded() && !atInQueueFlowCap(c)) {
            timeline.schedule(now().plus(loopInterval()), () -> loopPass(c));
        }
    }

    /**
     * Architect opens no more in-queue flows for a message interaction after {@code maxInQueueFlows}; the
     * help text does not say the conversation ends (fact sheet §9), so unless {@code endAtInQueueFlowCap}
     * the guest just waits on in the queue.
     */
    private boolean atInQueueFlowCap(Conversation c) {
        return c.flowPasses() >= settings.get().maxInQueueFlows() && !settings.get().endAtInQueueFlowCap();
    }

    /** One more flow → queue pass: the queue leg (if any) is transferred to the flow, which queues again. */
    private void startPass(Conversation c) {
        Instant now = now();
        if (atInQueueFlowCap(c)) {
            // No flow to go back to: the guest keeps (or, after an agent, regains) its place in the queue.
            if (c.waitingAcdLeg().isEmpty()) {
                acdLeg(c, now);
            }
            endAtPlatformCaps(c);
            return;
        }
        // An offer still ringing when the guest goes back to the flow is withdrawn.
        c.participants().stream().filter(p -> p.kind() == LegKind.AGENT && p.isAlerting())
                .forEach(p -> c.disconnect(p, "transfer.noanswer", "", now));
        c.waitingAcdLeg().ifPresent(acd -> c.disconnect(acd, "transfer", "FLOW_OUT", now));
        Participant flow = c.joinFlow(org.loopFlow(c.queueId()), now);
        c.connect(flow, now);
        if (endAtPlatformCaps(c)) {
            return;
        }
        timeline.schedule(now.plus(FLOW_TIME), () -> {
            if (c.isEnded() || flow.isEnded()) {
                return;
            }
            Instant at = now();
            c.disconnect(flow, "transfer", "", at);
            acdLeg(c, at);
            endAtPlatformCaps(c);
        });
    }

    private boolean endAtPlatformCaps(Conversation c) {
        Settings s = settings.get();
        boolean flowCapEnds = s.endAtInQueueFlowCap() && c.flowPasses() >= s.maxInQueueFlows();
        if (!flowCapEnds && c.participants().size() < s.maxCommunications()
                && c.segmentCount() < s.maxSegments()) {
            return false;
        }
        Instant now = now();
        c.stopLingering(now);
        for (Participant p : c.participants()) {
            c.disconnect(p, "system", "UNKNOWN", now);
        }
        c.endIfAllDisconnected(now);
        return true;
    }
}
