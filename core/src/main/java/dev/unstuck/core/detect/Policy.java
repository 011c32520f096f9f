package dev.unstuck.core.detect;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Detection for one org: the rules per queue, which queues may be touched, and how much one run may
 * end. Queues are named by id or by name (case-insensitive).
 *
 * @param rules the rules of every queue without its own
 * @param byQueue rules of single queues, by queue id or name
 * @param allowQueues when not empty, only these queues are touched
 * @param denyQueues these queues are never touched (deny wins over allow)
 * @param limit blast radius: at most this many conversations are ended in one run (sweep) or one hour (watch)
 * @param force also end conversations with a live agent (the guard is on unless this is set)
 */
public record Policy(QueuePolicy rules, Map<String, QueuePolicy> byQueue, Set<String> allowQueues, Set<String> denyQueues,
                     int limit, boolean force) {

    public Policy {
        Objects.requireNonNull(rules, "rules");
        byQueue = byQueue.entrySet().stream().collect(Collectors.toUnmodifiableMap(e -> key(e.getKey()), Map.Entry::getValue));
        allowQueues = allowQueues.stream().map(Policy::key).collect(Collectors.toUnmodifiableSet());
        denyQueues = denyQueues.stream().map(Policy::key).collect(Collectors.toUnmodifiableSet());
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** {@link QueuePolicy#defaults()} everywhere, every queue, at most 500 a run, live agents guarded. */
    public static Policy defaults() {
        return new Policy(QueuePolicy.defaults(), Map.of(), Set.of(), Set.of(), 500, false);
    }

    public static Policy of(QueuePolicy rules) {
        return defaults().withRules(rules);
    }

    public Policy withRules(QueuePolicy value) {
        return new Policy(value, byQueue, allowQueues, denyQueues, limit, force);
    }

    public Policy withQueue(String queue, QueuePolicy queueRules) {
        Map<String, QueuePolicy> more = new java.util.HashMap<>(byQueue);
        more.put(queue, queueRules);
        return new Policy(rules, more, allowQueues, denyQueues, limit, force);
    }

    public Policy withAllowQueues(Set<String> value) {
        return new Policy(rules, byQueue, value, denyQueues, limit, force);
    }

    public Policy withDenyQueues(Set<String> value) {
        return new Policy(rules, byQueue, allowQueues, value, limit, force);
    }

    public Policy withLimit(int value) {
        return new Policy(rules, byQueue, allowQueues, denyQueues, value, force);
    }

    public Policy withForce(boolean value) {
        return new Policy(rules, byQueue, allowQueues, denyQueues, limit, value);
    }

    /** The rules of a queue, found by its id, then its name. */
    public QueuePolicy rulesFor(Optional<String> queueId, Optional<String> queueName) {
        return queueId.map(id -> byQueue.get(key(id)))
                .or(() -> queueName.map(name -> byQueue.get(key(name))))
                .orElse(rules);
    }

    /** Why a queue may not be touched, or empty when it may. */
    public Optional<Verdict.LeaveReason> barred(Optional<String> queueId, Optional<String> queueName) {
        boolean denied = queueId.map(Policy::key).filter(denyQueues::contains).isPresent()
                || queueName.map(Policy::key).filter(denyQueues::contains).isPresent();
        if (denied) {
            return Optional.of(Verdict.LeaveReason.QUEUE_DENIED);
        }
        if (allowQueues.isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = queueId.map(Policy::key).filter(allowQueues::contains).isPresent()
                || queueName.map(Policy::key).filter(allowQueues::contains).isPresent();
        return allowed ? Optional.empty() : Optional.of(Verdict.LeaveReason.QUEUE_NOT_ALLOWED);
    }

    /** The youngest conversation any rule can select: scans need not look at younger ones. */
    public java.time.Duration youngestCandidate() {
        java.time.Duration youngest = rules.minAge();
        for (QueuePolicy rules : byQueue.values()) {
            if (rules.minAge().compareTo(youngest) < 0) {
                youngest = rules.minAge();
            }
        }
        return youngest;
    }

    private static String key(String queue) {
        return queue.trim().toLowerCase(Locale.ROOT);
    }
}
