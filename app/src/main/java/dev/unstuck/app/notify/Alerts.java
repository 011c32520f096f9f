package dev.unstuck.app.notify;

import dev.unstuck.app.config.NotifySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells each target once when a condition begins to hold and once when it clears, however often it is
 * judged in between: people act on a message, and a message every few seconds is one they learn to
 * ignore.
 */
public final class Alerts {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.notify");

    private final List<NotifySettings.Target> targets;
    private final Courier courier;
    private final Clock clock;
    private final Map<Alert.Key, Alert> firing = new ConcurrentHashMap<>();

    public Alerts(List<NotifySettings.Target> targets, Courier courier, Clock clock) {
        this.targets = List.copyOf(targets);
        this.courier = courier;
        this.clock = clock;
    }

    /** The condition holds now: told when it did not hold before. */
    public void raise(Condition condition, String org, String subject, String summary) {
        Alert.Key key = new Alert.Key(condition, org, subject);
        Instant now = clock.instant();
        Alert alert = new Alert(condition, Alert.State.FIRING, org, subject, summary, now, now);
        if (firing.putIfAbsent(key, alert) == null) {
            LOG.warn("{}", alert.headline());
            tell(alert);
        }
    }

    /** The condition does not hold now: "resolved" is told when it held before. */
    public void clear(Condition condition, String org, String subject, String summary) {
        Alert held = firing.remove(new Alert.Key(condition, org, subject));
        if (held != null) {
            Alert resolved = new Alert(condition, Alert.State.RESOLVED, org, subject, summary, held.since(), clock.instant());
            LOG.info("{}", resolved.headline());
            tell(resolved);
        }
    }

    /** Whether the condition is held as firing now. */
    public boolean holds(Condition condition, String org, String subject) {
        return firing.containsKey(new Alert.Key(condition, org, subject));
    }

    /** The conditions of one org that hold now, of any subject. */
    public List<Alert> firing(String org) {
        return firing.values().stream().filter(a -> a.org().equals(org)).toList();
    }

    private void tell(Alert alert) {
        for (NotifySettings.Target target : targets) {
            CompletableFuture<Courier.Receipt> receipt = courier.send(target, alert);
            receipt.thenAccept(r -> {
                if (!r.delivered()) {
                    LOG.warn("notification to {} not delivered after {} tries: {}", target, r.attempts(), r.problem().orElse(""));
                }
            });
        }
    }
}
