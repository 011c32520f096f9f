package dev.unstuck.app.service;

import dev.unstuck.app.DaemonThreads;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each org's watch on the replica that holds the org's lease, checks every org's credentials
 * (for {@code /api/v1/orgs} and {@code unstuck_org_up}), and finishes the endings a stopped run left
 * begun. Every few seconds: take free orgs, stop the watch of an org whose lease was lost (so two
 * replicas never watch one org), restart a watch whose thread died. At start and every
 * {@code resumeEvery}, on every replica, watching or not: resume the endings of runs that stopped
 * (a killed serve's API endings included), each logged and audited.
 */
final class WatchSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.serve");

    /** How often leases are tried, credentials checked and stopped runs' endings resumed. */
    record Settings(boolean watch, Duration leaseEvery, Duration credentialsEvery, Duration resumeEvery, Watch.Settings watchSettings) {
    }

    private final OrgRuntimes orgs;
    private final OrgLeases leases;
    private final Observers observers;
    private final Clock clock;
    private final Settings settings;
    private final String replica;
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Map<String, Long> resumedAt = new ConcurrentHashMap<>();
    private final CredentialCheck credentials;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("serve-supervisor"));

    WatchSupervisor(OrgRuntimes orgs, OrgLeases leases, Observers observers, Clock clock, Settings settings, String replica) {
        this.orgs = orgs;
        this.leases = leases;
        this.observers = observers;
        this.clock = clock;
        this.settings = settings;
        this.replica = replica;
        this.credentials = new CredentialCheck(clock, settings.credentialsEvery());
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::tick, 0, settings.leaseEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        for (OrgRuntime org : orgs.all()) {
            try {
                if (credentials.checkIfDue(org) && settings.watch()) {
                    restartWatch(org);
                }
                if (resumeDue(org)) {
                    resume(org);
                }
                if (settings.watch()) {
                    superviseWatch(org);
                }
            } catch (RuntimeException e) {
                if (ticker.isShutdown()) {
                    return; // close() interrupted a check in flight: nothing went wrong worth a warning
                }
                LOG.warn("[{}] supervisor: {}", org.name(), e.getMessage());
            }
        }
    }

    /**
     * A watch refused for a while has backed its retries off (up to a minute, or its first wait when longer):
     * stopped now, it is started afresh at the next tick, and connects and scans at once with the new token.
     */
    private void restartWatch(OrgRuntime org) {
        org.watch().ifPresent(watch -> {
            LOG.info("[{}] credentials work again: restarting the watch rather than waiting out its back-off", org.name());
            watch.stop();
        });
    }

    private void superviseWatch(OrgRuntime org) {
        Thread running = threads.get(org.name());
        if (running != null && running.isAlive()) {
            if (!leases.holds(org.name())) {
                LOG.warn("[{}] lease lost: stopping this replica's watch", org.name());
                org.watch().ifPresent(Watch::stop);
                observers.watchChanged(org.name(), "lease-lost", replica);
            }
            return;
        }
        if (running != null) {
            threads.remove(org.name());
            org.watching(null);
        }
        if (!leases.tryTake(org.name())) {
            return;
        }
        // The org is ours now: first finish what a stopped run (a replica that died, an earlier serve) began.
        resume(org);
        Watch watch = new Watch(org.client(), org.engine(), clock, org.detection(), settings.watchSettings(),
                new EndRequest(false, false, "unstuck serve (watch)", "serve@" + replica), new Report(org)).remembering(org.ghosts());
        org.watching(watch);
        Thread thread = new Thread(() -> {
            try {
                watch.run();
            } finally {
                observers.watchChanged(org.name(), "stopped", replica);
            }
        }, "watch-" + org.name());
        thread.setDaemon(true);
        threads.put(org.name(), thread);
        LOG.info("[{}] this replica ({}) watches the org", org.name(), replica);
        observers.watchChanged(org.name(), "watching", replica);
        thread.start();
    }

    private boolean resumeDue(OrgRuntime org) {
        Long last = resumedAt.get(org.name());
        // Not while Genesys refuses or does not answer: the resumed endings would only fail.
        return (last == null || System.nanoTime() - last >= settings.resumeEvery().toNanos())
                && org.credentialProblem().isEmpty() && org.unreachable().isEmpty();
    }

    /** Finishes what stopped runs began in the org: each ending to the log, the audit (the engine's resume entry) and the observers. */
    private void resume(OrgRuntime org) {
        resumedAt.put(org.name(), System.nanoTime());
        List<Outcome> outcomes = org.engine().resume(new EndRequest(false, false, "unstuck serve (resume)", "serve@" + replica));
        for (Outcome outcome : outcomes) {
            try (MDC.MDCCloseable o = MDC.putCloseable("org", org.name());
                 MDC.MDCCloseable c = MDC.putCloseable("conversationId", outcome.conversationId());
                 MDC.MDCCloseable r = MDC.putCloseable("correlationIds", String.join(" ", outcome.correlationIds()))) {
                LOG.info("[{}] resumed {} (an ending a stopped run had begun): {}", org.name(), outcome.conversationId(),
                        outcome.summary());
            }
            observers.ended(org.name(), "resume", "resumed", outcome);
        }
        if (!outcomes.isEmpty()) {
            LOG.info("[{}] resumed {} ending(s) stopped runs had begun; the audit has a resume entry for each", org.name(),
                    outcomes.size());
        }
    }

    /** Stops every watch (finishing the conversation in hand) and gives the leases up. */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (OrgRuntime org : orgs.all()) {
            org.watch().ifPresent(Watch::stop);
        }
        for (Map.Entry<String, Thread> entry : threads.entrySet()) {
            try {
                entry.getValue().join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leases.giveUp(entry.getKey());
        }
        leases.close();
    }

    /** The watch's doings, to the log, the org's state and the observers. */
    private final class Report implements WatchListener {
        private final OrgRuntime org;
        private volatile boolean atLimit;

        Report(OrgRuntime org) {
            this.org = org;
        }

        @Override
        public void connected(String channelId, int queues) {
            org.channel(true, clock.instant());
            LOG.info("[{}] subscribed to {} queues on channel {}", org.name(), queues, channelId);
            observers.watchChanged(org.name(), "connected", queues + " queues");
        }

        @Override
        public void disconnected(String why) {
            org.channel(false, clock.instant());
            LOG.info("[{}] {}; reconnecting and rescanning", org.name(), why);
            observers.watchChanged(org.name(), "disconnected", why);
        }

        @Override
        public void scanned(int tracked) {
            org.scanned(clock.instant());
            LOG.info("[{}] scan: following {} guests", org.name(), tracked);
            observers.watchChanged(org.name(), "scanned", tracked + " guests");
        }

        @Override
        public void handled(Finding finding, Outcome outcome) {
            atLimit = false;
            org.heard(clock.instant());
            try (MDC.MDCCloseable o = MDC.putCloseable("org", org.name());
                 MDC.MDCCloseable c = MDC.putCloseable("conversationId", finding.conversationId());
                 MDC.MDCCloseable r = MDC.putCloseable("correlationIds", String.join(" ", outcome.correlationIds()))) {
                LOG.info("[{}] {} {} {} ({}): {}", org.name(), finding.conversationId(), finding.queue(), finding.why(),
                        finding.verdict().detail(), outcome.summary());
            }
            observers.handled(org.name(), "watch", finding, outcome);
        }

        @Override
        public void limitReached(int limit) {
            // Said once until the watch ends again: the watch asks every quiet second while at the limit.
            org.limitReached(clock.instant());
            if (!atLimit) {
                atLimit = true;
                LOG.warn("[{}] {} ended in the last hour: the policy's limit; the rest wait", org.name(), limit);
            }
        }

        @Override
        public void trouble(String what) {
            LOG.warn("[{}] trouble: {}; retrying", org.name(), what);
        }
    }
}
