package dev.unstuck.sandbox.clock;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Timers on the sandbox clock. They fire in due order when {@link #runDue()} is called (on every request,
 * every second on a real clock, and when a manual clock advances), each seeing the clock at its due time.
 */
public final class Timeline {
    private record Timer(Instant at, long seq, Runnable action) {}

    private final SandboxClock clock;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private long nextSeq;

    public Timeline(SandboxClock clock) {
        this.clock = clock;
    }

    public SandboxClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.now();
    }

    public void schedule(Instant at, Runnable action) {
        timers.add(new Timer(at, nextSeq++, action));
    }

    public void runDue() {
        Instant now = clock.now();
        while (!timers.isEmpty() && !timers.peek().at.isAfter(now)) {
            Timer due = timers.poll();
            clock.pin(due.at);
            try {
                due.action.run();
            } finally {
                clock.unpin();
            }
        }
    }

    public int pending() {
        return timers.size();
    }
}
