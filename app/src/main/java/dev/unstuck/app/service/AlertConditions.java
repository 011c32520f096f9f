package dev.unstuck.app.service;

import dev.unstuck.app.config.NotifySettings;
import dev.unstuck.app.notify.Alerts;
import dev.unstuck.app.notify.Condition;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Reason;
import dev.unstuck.core.detect.Verdict;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.Outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges, from what the service does and every org's state, the conditions a person must act on, and
 * hands them to {@link Alerts}: endings failing (N within M), credentials refused, a permission missing,
 * the watch down, a flow whose loops rise above a threshold, the hourly endings limit reached. Counts
 * are judged on {@link #judge()}, which the service calls every few seconds, so a condition clears
 * when its window empties even when nothing else happens.
 */
final class AlertConditions implements Observers.Observer {
    /** How long a channel may stay down before the watch counts as down: a reconnect takes seconds. */
    static final Duration WATCH_DOWN_AFTER = Duration.ofMinutes(2);

    private final OrgRuntimes orgs;
    private final Alerts alerts;
    private final NotifySettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<FlowKey, Deque<Instant>> loops = new ConcurrentHashMap<>();
    private final Map<String, Instant> channelDownSince = new ConcurrentHashMap<>();

    private record FlowKey(String org, String flow) {
    }

    AlertConditions(OrgRuntimes orgs, Alerts alerts, NotifySettings settings, Clock clock) {
        this.orgs = orgs;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void ended(String org, String source, String queue, String reason, Outcome outcome) {
        if (outcome instanceof Outcome.Failed failed) {
            add(failures.computeIfAbsent(org, o -> new ArrayDeque<>()), clock.instant());
            if (failed.cause() instanceof Cause.PermissionMissing missing) {
                alerts.raise(Condition.PERMISSION_MISSING, org, "", "an ending was refused (403): the OAuth client's roles lack "
                        + String.join(", ", missing.permissions()) + "; run unstuck doctor for the fix");
            }
        } else if (outcome instanceof Outcome.Ended) {
            alerts.clear(Condition.PERMISSION_MISSING, org, "", "an ending succeeded again");
        }
    }

    @Override
    public void detected(String org, Finding finding) {
        if (finding.verdict() instanceof Verdict.End end && end.reason() == Reason.LOOPING) {
            String flow = finding.guest().flowName().or(() -> finding.guest().flowId()).orElse("unknown flow");
            add(loops.computeIfAbsent(new FlowKey(org, flow), k -> new ArrayDeque<>()), clock.instant());
        }
    }

    /** Judges every condition now. */
    void judge() {
        Instant now = clock.instant();
        NotifySettings.Threshold failing = settings.endingsFailing();
        failures.forEach((org, times) -> {
            int count = countSince(times, now.minus(failing.within()));
            if (count >= failing.count()) {
                alerts.raise(Condition.ENDINGS_FAILING, org, "", count + " endings failed in the last " + words(failing.within()));
            } else {
                alerts.clear(Condition.ENDINGS_FAILING, org, "", "fewer than " + failing.count() + " endings failed in the last "
                        + words(failing.within()));
            }
        });
        NotifySettings.Threshold looping = settings.loopingFlow();
        loops.forEach((key, times) -> {
            int count = countSince(times, now.minus(looping.within()));
            if (count >= looping.count()) {
                alerts.raise(Condition.FLOW_LOOPING, key.org(), key.flow(), count + " looping guests in the last " + words(looping.within()));
            } else {
                alerts.clear(Condition.FLOW_LOOPING, key.org(), key.flow(), "fewer than " + looping.count() + " looping guests in the last "
                        + words(looping.within()));
            }
        });
        for (OrgRuntime org : orgs.all()) {
            judgeOrg(org, now);
        }
    }

    private void judgeOrg(OrgRuntime org, Instant now) {
        if (org.credentialProblem().isPresent()) {
            alerts.raise(Condition.CREDENTIALS_REFUSED, org.name(), "", "the token endpoint refuses the org's OAuth client; check its id, "
                    + "secret and state in Admin > OAuth, then run unstuck doctor");
        } else {
            alerts.clear(Condition.CREDENTIALS_REFUSED, org.name(), "", "the org's OAuth client gets tokens again");
        }
        if (org.actsRefused().isEmpty()) {
            // Raised by a refused ending; cleared here too when a credential check finds the roles grant it again.
            alerts.clear(Condition.PERMISSION_MISSING, org.name(), "", "the OAuth client's roles grant what endings need again");
        }
        if (org.watch().isPresent() && !org.channelConnected()) {
            Instant since = channelDownSince.computeIfAbsent(org.name(), n -> now);
            if (!since.plus(WATCH_DOWN_AFTER).isAfter(now)) {
                alerts.raise(Condition.WATCH_DOWN, org.name(), "", "the notification channel has been down for "
                        + words(Duration.between(since, now)) + "; guests are found only by scans");
            }
        } else {
            channelDownSince.remove(org.name());
            alerts.clear(Condition.WATCH_DOWN, org.name(), "", org.watch().isPresent() ? "the notification channel is up again"
                    : "this replica no longer watches the org");
        }
        if (org.atLimit(now)) {
            alerts.raise(Condition.LIMIT_REACHED, org.name(), "", "the watch ended the policy's hourly limit; due guests wait for the next hour");
        } else {
            alerts.clear(Condition.LIMIT_REACHED, org.name(), "", "no guest waits on the hourly limit now");
        }
    }

    private static void add(Deque<Instant> times, Instant at) {
        synchronized (times) {
            times.addLast(at);
        }
    }

    private static int countSince(Deque<Instant> times, Instant from) {
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    private static String words(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 && minutes % 60 == 0 ? minutes / 60 + "h" : minutes >= 1 ? minutes + "m" : d.toSeconds() + "s";
    }
}
